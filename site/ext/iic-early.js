// The coach's early start on a return visit. coursesite.py copies this script into
// the <head> of every page with a Python exercise, right after the iic-root meta tag,
// so the worker (iic-worker.mjs) starts restoring its memory snapshot while the page
// still loads its stylesheets and scripts. iic-runtime.js, an async script that runs
// a few hundred milliseconds later, takes the worker over (window.iicEarlyCoach) with
// the messages it has posted so far.
//
// Only when this browser keeps a snapshot (the flag iic-runtime.js sets), the
// connection does not ask to save data, and the browser has module workers; anything
// else, or any error here, leaves the start to iic-runtime.js as before.
(function () {
  "use strict";
  try {
    if (window.localStorage.getItem("iic-coach-snapshot") !== "1") return;
    if (navigator.connection && navigator.connection.saveData) return;
    if (typeof Worker !== "function" || typeof WebAssembly !== "object") return;
    const root = document.querySelector('meta[name="iic-root"]');
    const url = new URL("_static/iic-worker.mjs", new URL(root ? root.content : "./", location.href));
    const early = { startedAt: performance.now(), messages: [], failed: false };
    early.worker = new Worker(url, { type: "module" });
    early.worker.onmessage = (event) => early.messages.push(event);
    early.worker.onerror = (event) => {
      event.preventDefault();
      early.failed = true; // the runtime starts its own and reports what goes wrong
    };
    early.worker.postMessage({ type: "boot" });
    window.iicEarlyCoach = early;
  } catch (err) {
    // storage or workers unavailable: iic-runtime.js decides
  }
})();
