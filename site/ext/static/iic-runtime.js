// In-page exercises: one lazy Web Worker per page grades every exercise on it.
// The worker starts when the browser is idle after the page has loaded (unless
// the connection asks to save data), when an exercise scrolls into view or its
// text box gets focus, or at once on a return visit that can restore a snapshot:
// then a small script in the page's <head> (iic-early.js, inlined by coursesite.py)
// has already started it, and this script takes it over.
// This script only moves text in and HTML out; drafts live in localStorage under
// "iic:exercise:<kind>" (the saved-work format).
// Saved work is read and written through window.iicSavedWork (iic-saved-work.js,
// built from exercises/saved_work.js and the one schema of saved work): an entry
// that does not fit is repaired and its bad part set aside, and a save never
// silently overwrites what another tab wrote.
(function () {
  "use strict";

  const script = document.currentScript;
  const SECTION = "section.iic-exercise[data-kind]";
  const STORE_PREFIX = "iic:exercise:";
  const BOOT_TIMEOUT_MS = 60000;
  // A first start on a slow link downloads for longer; the timeout counts from the
  // last sign of progress, not from the start.
  const STALL_TIMEOUT_MS = 60000;

  // Set once this browser keeps a memory snapshot of the coach (see iic-worker.mjs):
  // then the next exercise page starts the coach at once instead of when idle.
  // iic-early.js reads the same flag (a browser test sees its early start).
  const SNAPSHOT_FLAG = "iic-coach-snapshot";
  let coach = null;
  let needWorker = [];

  function coachBase() {
    return new URL(".", script.src);
  }

  function getCoach() {
    if (coach) return coach;
    coach = makeCoach(coachBase(), () => needWorker);
    return coach;
  }

  function hasSnapshot() {
    try {
      return window.localStorage.getItem(SNAPSHOT_FLAG) === "1";
    } catch (err) {
      return false;
    }
  }

  // Runs as soon as this script does, before the page has finished parsing: on a
  // return visit the restore then overlaps the rest of the page's loading. Usually
  // iic-early.js has started the worker already; this adopts it (or starts one).
  function earlyStart() {
    const meta = document.querySelector('meta[name="iic-coach"]');
    if (script && meta && (window.iicEarlyCoach || (hasSnapshot() && !savesData()))) getCoach().start();
  }
  // The saved-work reader (iic-saved-work.js) loads on its own; init waits for it.
  let SW = window.iicSavedWork;

  function init() {
    const sections = Array.from(document.querySelectorAll(SECTION));
    if (!sections.length || !script) return;
    // The planning worksheet is plain fields; every other exercise needs Python.
    needWorker = sections.filter((s) => s.dataset.kind !== "planning");
    const coach = getCoach();
    const setUps = { rehearsal: setUpRehearsal, planning: setUpPlanning };
    sections.forEach((section) => {
      if (CAMPAIGN_KINDS.includes(section.dataset.kind)) handOffCampaign(section, coach);
      else (setUps[section.dataset.kind] || setUp)(section, coach);
    });
    if (!needWorker.length) return;
    coach.showState();
    watchVisibility(needWorker, coach.start);
    prefetchWhenIdle(coach);
    coach.whenReady(() => registerServiceWorker(coachBase()));
  }

  // ---- the campaign tools (tracker, beliefs, dashboard) live in iic-campaign.js.
  // Both scripts load async: if that one has not run yet, its sections wait in
  // window.iicCampaignQueue and it sets them up when it arrives. ----
  const CAMPAIGN_KINDS = ["contacts", "beliefs", "dashboard"];

  function handOffCampaign(section, coach) {
    const shared = { setStatus, showFailure, watchVisibility, readWorksheet, writeWorksheet, watchKey, notice, reportError };
    const job = { section, coach, shared };
    if (window.iicCampaign) window.iicCampaign.setUp(job.section, job.coach, job.shared);
    else (window.iicCampaignQueue = window.iicCampaignQueue || []).push(job);
  }

  // ---- idle prefetch: on a page with an exercise, start the coach once the page
  // has loaded and the browser is idle, so it is ready before the learner asks;
  // never when the connection asks to save data ----
  function savesData() {
    const connection = navigator.connection;
    return Boolean(connection && connection.saveData);
  }

  function prefetchWhenIdle(coach) {
    if (savesData()) return;
    const idle = window.requestIdleCallback || ((fn) => setTimeout(fn, 1000));
    const go = () => idle(() => coach.start(), { timeout: 3000 });
    if (document.readyState === "complete") go();
    else window.addEventListener("load", go, { once: true });
  }

  // ---- the book's service worker (site/sw/iic-sw.js): registered once this page's
  // coach is ready, so its downloads never slow the coach's first start. Where
  // service workers are unavailable (plain http on a classroom address) the page
  // works exactly as before, online. ----
  function registerServiceWorker(base) {
    if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
    const root = new URL("../", base);
    navigator.serviceWorker
      .register(new URL("iic-sw.js", root), { scope: root.pathname })
      .catch((err) => console.warn("Offline copy not set up:", err && err.message));
  }

  // ---- what the learner sees while the coach loads ----
  function megabytes(bytes) {
    return (bytes / 1e6).toFixed(1);
  }

  function progressText(p) {
    if (p.phase === "starting") {
      return p.restoring
        ? "Getting the coach ready: starting it from the copy kept in this browser..."
        : "Getting the coach ready: everything is downloaded; starting Python in this browser...";
    }
    const loaded = Math.min(p.loaded || 0, p.total || 0);
    let text = "Getting the coach ready: downloaded " + megabytes(loaded) + " of " + megabytes(p.total) + " MB";
    const rate = loaded / Math.max(p.elapsedMs || 0, 1); // bytes per ms, from what has loaded so far
    if (loaded > 0 && loaded < p.total && p.elapsedMs > 1000) {
      const seconds = Math.max(1, Math.round((p.total - loaded) / rate / 1000));
      text += ", about " + seconds + (seconds === 1 ? " second" : " seconds") + " to go";
    }
    return text + " (only the first time).";
  }

  const WAITING = "Your feedback will appear as soon as it is ready. ";

  // A check was asked for: the section is busy, and says "Checking..." or, while the coach
  // still starts, how far it has got (everyStatus keeps that line current).
  function showBusy(section, coach) {
    section.dataset.iicBusy = "1";
    setStatus(
      section,
      coach.state === "ready"
        ? "Checking..."
        : WAITING + (window.iicCoachProgress ? progressText(window.iicCoachProgress) : "Getting the coach ready..."),
    );
  }

  // ---- the worker: started once, shared by every exercise on the page ----
  function makeCoach(base, getSections) {
    const sections = { forEach: (fn) => getSections().forEach(fn) };
    let worker = null;
    let state = "idle"; // idle | starting | ready | failed
    let reason = "";
    let nextId = 1;
    const pending = new Map();
    let readyPromise = null;
    const readyCallbacks = [];

    function everyStatus(text) {
      sections.forEach((s) => {
        if (!coachMaySay(s)) return;
        setStatus(s, s.dataset.iicBusy ? WAITING + text : text);
      });
    }

    function onProgress(data) {
      window.iicCoachProgress = data;
      if (state === "starting") everyStatus(progressText(data));
    }

    function fail(why) {
      if (state === "failed") return;
      state = "failed";
      reason = why;
      pending.forEach((p) => p.reject(new Error(why)));
      pending.clear();
      if (worker) worker.terminate();
      sections.forEach((s) => showFailure(s, why));
    }

    function announceReady() {
      sections.forEach((s) => {
        const ready = {
          rehearsal: "Ready: press Start interview when you are.",
          contacts: "Ready: add the people you could ask, then move each one along as things happen.",
          beliefs: "Ready: write three to five beliefs, then tag what each conversation tells you.",
          dashboard: "Ready.",
        }[s.dataset.kind] || "Ready: press Check whenever you want feedback.";
        if (!s.dataset.iicBusy && coachMaySay(s)) setStatus(s, ready);
        refreshCount(s, api);
      });
    }

    // What the page shows when its exercises appear after the coach has started.
    function showState() {
      if (state === "ready") announceReady();
      else if (state === "failed") sections.forEach((s) => showFailure(s, reason));
      else if (state === "starting") {
        everyStatus(window.iicCoachProgress ? progressText(window.iicCoachProgress) : "Getting the coach ready...");
      }
    }

    function rememberSnapshot(snapshot) {
      try {
        if (snapshot === "stored" || snapshot === "restored") window.localStorage.setItem(SNAPSHOT_FLAG, "1");
        else if (snapshot === "failed" || snapshot === "off") window.localStorage.removeItem(SNAPSHOT_FLAG);
      } catch (err) {
        // storage off: every visit starts when idle
      }
    }

    function call(message) {
      if (state === "failed") return Promise.reject(new Error(reason));
      return new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ ...message, id });
      });
    }

    function start() {
      if (readyPromise) return readyPromise;
      if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
        fail("This browser cannot run the coach on the page: it needs WebAssembly and Web Workers.");
        readyPromise = Promise.reject(new Error(reason));
        readyPromise.catch(() => {});
        return readyPromise;
      }
      state = "starting";
      // The worker iic-early.js started from <head>, unless it failed to load.
      const early = window.iicEarlyCoach && !window.iicEarlyCoach.failed ? window.iicEarlyCoach : null;
      if (window.iicEarlyCoach) window.iicEarlyCoach.adopted = Boolean(early);
      window.iicCoachStartedAt = early ? early.startedAt : performance.now();
      everyStatus("Getting the coach ready...");
      try {
        worker = early ? early.worker : new Worker(new URL("iic-worker.mjs", base), { type: "module" });
      } catch (err) {
        fail("The coach could not start in this browser (" + err.message + ").");
        readyPromise = Promise.reject(new Error(reason));
        readyPromise.catch(() => {});
        return readyPromise;
      }
      worker.onmessage = ({ data }) => {
        if (data.type === "progress") return onProgress(data);
        if (data.type === "snapshot") {
          window.iicCoachSnapshot = data.snapshot;
          rememberSnapshot(data.snapshot);
          return;
        }
        const p = pending.get(data.id);
        if (!p) return;
        pending.delete(data.id);
        if (data.type === "error") p.reject(new Error(data.message));
        else p.resolve(data);
      };
      worker.onerror = (event) => {
        event.preventDefault();
        fail("The coach stopped unexpectedly (" + (event.message || "worker error") + ").");
      };
      // What the early worker said before this script took it over (its progress).
      if (early) early.messages.splice(0).forEach((event) => worker.onmessage(event));
      // Fail only when nothing has moved for a while: a slow download is not a hang.
      let lastSign = "";
      let timer = null;
      const watchdog = () => {
        const sign = JSON.stringify(window.iicCoachProgress || null);
        if (state !== "starting") return;
        if (sign === lastSign) {
          fail("The coach is taking too long to start.");
          return;
        }
        lastSign = sign;
        timer = setTimeout(watchdog, STALL_TIMEOUT_MS);
      };
      timer = setTimeout(watchdog, BOOT_TIMEOUT_MS);
      readyPromise = call({ type: "init" }).then(
        (msg) => {
          clearTimeout(timer);
          state = "ready";
          // Timings for the benchmark (milliseconds since navigation started).
          window.iicCoachReadyAt = performance.now();
          window.iicCoachBootMs = msg.bootMs;
          window.iicCoachStart = msg.snapshot;
          window.iicCoachMarks = msg.marks;
          rememberSnapshot(msg.snapshot);
          readyCallbacks.splice(0).forEach((fn) => fn());
          announceReady();
          return msg;
        },
        (err) => {
          clearTimeout(timer);
          fail("The coach could not start (" + err.message + ").");
          throw err;
        },
      );
      readyPromise.catch(() => {});
      return readyPromise;
    }

    const api = {
      start,
      showState,
      whenReady(fn) {
        if (state === "ready") fn();
        else readyCallbacks.push(fn);
      },
      get state() {
        return state;
      },
      get reason() {
        return reason;
      },
      grade: (kind, text, options) =>
        start().then(() => call({ type: "grade", kind, text, options })),
      count: (kind, text, options) =>
        state === "ready" ? call({ type: "count", kind, text, options }) : Promise.resolve(null),
      rehearse: (action, payload) => start().then(() => call({ type: "rehearse", action, payload })),
      campaign: (tool, action, payload) => start().then(() => call({ type: "campaign", tool, action, payload })),
      classroom: (action, payload) => start().then(() => call({ type: "classroom", action, payload })),
    };
    return api;
  }

  // ---- one exercise ----
  function parts(section) {
    return {
      kind: section.dataset.kind,
      text: section.querySelector("textarea.iic-text"),
      button: section.querySelector("button.iic-check"),
      status: section.querySelector(".iic-ex-status"),
      count: section.querySelector(".iic-ex-count"),
      feedback: section.querySelector(".iic-feedback"),
      alt: section.querySelector(".iic-alt"),
    };
  }

  function options(section) {
    const out = {};
    section.querySelectorAll("fieldset.iic-options input[type=radio]:checked").forEach((input) => {
      const key = input.name.split("-").pop();
      out[key] = key === "minutes" ? Number(input.value) : input.value;
    });
    // The learner's own topic for a question (re-tagged in the feedback), saved with the draft.
    const topics = section.iicTopics || {};
    if (section.dataset.kind === "questions" && Object.keys(topics).length) out.topics = { ...topics };
    return out;
  }

  // Words of the learner's saved goal: the spelling checks never flag their own field terms.
  function gradeOptions(section) {
    const out = options(section);
    const kind = section.dataset.kind;
    if (kind === "questions") out.retag = true;
    const goal = readSaved("goal");
    if (kind !== "goal" && goal && typeof goal.text === "string" && goal.text.trim()) {
      out.known_words = goal.text.slice(0, 2000);
    }
    return out;
  }

  function savedTopics(opts) {
    const out = Object.create(null);
    const raw = opts && typeof opts.topics === "object" && opts.topics ? opts.topics : {};
    Object.keys(raw).forEach((question) => {
      if (typeof raw[question] === "string") out[question] = raw[question];
    });
    return out;
  }

  // A note about a restored draft stays in front of the coach's own status lines.
  function setStatus(section, text, keepNote = true) {
    const { status } = parts(section);
    if (!status) return;
    const note = keepNote ? section.dataset.iicNote || "" : "";
    status.textContent = note ? (note + " " + text).trim() : text;
    // An answer to something the learner did: the coach's own loading lines
    // (which may start by themselves, when the browser is idle) do not replace it.
    if (!keepNote) section.dataset.iicAnswered = "1";
  }

  // For the coach's loading and "Ready" lines: busy sections (a check is waiting)
  // always hear how it goes; others unless they show an answer to the learner.
  function coachMaySay(section) {
    return Boolean(section.dataset.iicBusy) || !section.dataset.iicAnswered;
  }

  function showFailure(section, why) {
    const { status, alt, button } = parts(section);
    section.classList.add("iic-exercise-failed");
    if (status) {
      status.textContent =
        why + " Your draft is still saved in this browser. Use the notebook version instead: ";
      const link = alt && alt.querySelector("a.iic-practice-link");
      if (link) status.appendChild(link.cloneNode(true));
    }
    if (button) button.setAttribute("aria-disabled", "true");
  }

  function storage() {
    try {
      return window.localStorage;
    } catch (err) {
      return null;
    }
  }

  // One entry, checked against the schema; a repaired entry's message goes to `notes`.
  function loadEntry(key, notes) {
    const store = storage();
    if (!store || !SW) return null;
    const got = SW.load(store, key);
    if (got.message && notes) notes.push(got.message);
    return got.value;
  }

  // Write changes over what is stored now. The result says whether it worked and
  // carries a message when another tab's version had to be set aside first.
  function saveEntry(key, changes) {
    const store = storage();
    if (!store || !SW) return { ok: false, message: "" };
    const current = SW.peek(store, key).value || {};
    const next = { ...current, ...changes, saved_at: new Date().toISOString() };
    return SW.save(store, key, next);
  }

  function readSaved(kind, notes) {
    return loadEntry(STORE_PREFIX + kind, notes);
  }

  function writeSaved(kind, changes) {
    return saveEntry(STORE_PREFIX + kind, changes);
  }

  // Another tab wrote `key`: `apply(value)` when this page has nothing unsaved,
  // otherwise say that its own text wins and the other version will be set aside.
  function watchKey(key, section, isDirty, apply) {
    window.addEventListener("storage", (event) => {
      if (event.key !== key && event.key !== null) return;
      if (isDirty()) {
        notice(section, "This was also changed in another tab. Your text here is kept; the other tab's version will be set aside (the progress page lists it) when this one is saved.");
        return;
      }
      const notes = [];
      apply(loadEntry(key, notes));
      notice(section, ["Updated with the changes made in another tab."].concat(notes).join(" "));
    });
  }

  // A message that stays in front of the coach's own status lines until the next check.
  function notice(section, text) {
    section.dataset.iicNote = text;
    setStatus(section, "");
  }

  function restore(section, saved, notes) {
    const { text, status } = parts(section);
    notes = notes || [];
    delete section.dataset.iicNote;
    if (!saved) {
      if (notes.length) section.dataset.iicNote = notes.join(" ");
      if (section.dataset.iicNote) status.textContent = section.dataset.iicNote;
      return;
    }
    if (typeof saved.text === "string") text.value = saved.text;
    const opts = SW.isObj(saved.options) ? saved.options : {};
    section.iicTopics = savedTopics(opts);
    section.querySelectorAll("fieldset.iic-options input[type=radio]").forEach((input) => {
      const key = input.name.split("-").pop();
      if (SW.own(opts, key)) input.checked = String(opts[key]) === input.value;
    });
    const report = saved.report;
    const said = [];
    if (report && typeof report.score === "number" && saved.checked_text === text.value) {
      said.push("Your draft is back (last check: score " + report.score + " of 100; press Check to see the feedback again).");
    } else if (saved.text) {
      said.push("Your draft is back, just as you left it.");
    }
    if (said.length || notes.length) section.dataset.iicNote = said.concat(notes).join(" ");
    if (section.dataset.iicNote) status.textContent = section.dataset.iicNote;
  }

  // ---- the length chosen in the planning worksheet (the rule of
  // exercises/planned_length.py): it sets the question coach's length unless the
  // learner chose one there after the plan was saved, and the rehearsal's length ----
  const PLAN_LENGTHS = [15, 20, 30];
  function plannedLength() {
    const plan = loadEntry("iic:worksheet:planning");
    const m = plan ? SW.get(plan, "minutes") : undefined;
    return PLAN_LENGTHS.indexOf(m) >= 0 ? { minutes: m, savedAt: SW.get(plan, "saved_at") } : null;
  }

  function usePlannedLength(section, saved) {
    const plan = plannedLength();
    if (!plan) return;
    const opts = saved && SW.isObj(saved.options) ? saved.options : {};
    const own = SW.get(opts, "minutes");
    if (typeof own === "number" && !SW.newer(plan.savedAt, saved.saved_at)) return;
    const radio = section.querySelector('fieldset.iic-options input[type=radio][value="' + plan.minutes + '"]');
    if (!radio) return;
    radio.checked = true;
    const said = "The length comes from your planning worksheet: " + plan.minutes + " minutes.";
    section.dataset.iicNote = section.dataset.iicNote ? section.dataset.iicNote + " " + said : said;
    setStatus(section, "");
  }

  // The worker answered with an error (a bug, or data it could not use): say so on the
  // exercise instead of leaving it silent. A coach that failed to start says so itself.
  function reportError(section, coach, err) {
    if (coach.state === "failed") return;
    const why = (err && err.message) || "an unknown error";
    setStatus(section, "The coach could not do that (" + why + "). Your work is still saved in this browser; try again, or use the notebook version.", false);
    section.dataset.iicError = String((Number(section.dataset.iicError) || 0) + 1);
  }

  function refreshCount(section, coach) {
    const { kind, text, count } = parts(section);
    if (!count || !text) return;
    coach.count(kind, text.value, options(section)).then(
      (msg) => {
        if (msg && msg.html !== undefined) count.innerHTML = msg.html;
      },
      () => {},
    );
  }

  function setUp(section, coach) {
    const { kind, text, button, feedback } = parts(section);
    const notes = [];
    const savedDraft = readSaved(kind, notes);
    restore(section, savedDraft, notes);
    if (kind === "questions") usePlannedLength(section, savedDraft);
    let saveTimer = null;
    let dirty = false; // only the learner's own edits are written, never an untouched box
    const saveDraft = () => {
      if (!dirty) return;
      dirty = false;
      const result = writeSaved(kind, { text: text.value, options: options(section) });
      if (!result.ok) setStatus(section, "This browser is not keeping drafts (storage is off); export your text if you need it.");
      else if (result.message) notice(section, result.message);
    };
    watchKey(STORE_PREFIX + kind, section, () => dirty, (saved) => {
      const before = text.value;
      restore(section, saved, []);
      if (!saved) text.value = before; // the other tab reset its work: keep what is on screen
      refreshCount(section, coach);
    });
    const onEdit = () => {
      dirty = true;
      clearTimeout(saveTimer);
      saveTimer = setTimeout(() => {
        saveDraft();
        refreshCount(section, coach);
      }, 300);
    };
    text.addEventListener("input", onEdit);
    section.querySelectorAll("fieldset.iic-options input").forEach((i) => i.addEventListener("change", onEdit));
    // A question re-tagged in the feedback: keep the learner's choice and check again.
    feedback.addEventListener("change", (event) => {
      const menu = event.target;
      if (!menu || !menu.matches || !menu.matches("select.iic-retag")) return;
      const topics = section.iicTopics || (section.iicTopics = Object.create(null));
      if (menu.value === menu.dataset.graded) delete topics[menu.dataset.question];
      else topics[menu.dataset.question] = menu.value;
      dirty = true;
      saveDraft();
      section.iicRetagFocus = menu.dataset.question; // keyboard focus returns to this menu
      button.click();
    });
    text.addEventListener("focus", () => coach.start(), { once: true });
    // Save at once when the page is hidden or closed, so no keystroke is lost.
    window.addEventListener("pagehide", () => {
      clearTimeout(saveTimer);
      saveDraft();
    });

    button.addEventListener("click", () => {
      if (coach.state === "failed") {
        showFailure(section, coach.reason);
        return;
      }
      clearTimeout(saveTimer);
      dirty = true; // a check always records the text it graded
      saveDraft();
      const sentText = text.value;
      showBusy(section, coach);
      coach.grade(kind, sentText, gradeOptions(section)).then(
        (msg) => {
          delete section.dataset.iicBusy;
          feedback.innerHTML = msg.html;
          section.iicFeedbackSource = msg.html; // the exact string the worker sent
          if (section.iicRetagFocus !== undefined) {
            const question = section.iicRetagFocus;
            delete section.iicRetagFocus;
            const again = Array.from(feedback.querySelectorAll("select.iic-retag")).find(
              (menu) => menu.dataset.question === question,
            );
            if (again) again.focus();
          }
          section.dataset.iicChecked = String((Number(section.dataset.iicChecked) || 0) + 1);
          if (msg.report) {
            const saved = readSaved(kind) || {};
            const history = Array.isArray(saved.history) ? saved.history.slice(-99) : [];
            history.push({ score: msg.report.score, saved_at: new Date().toISOString() });
            const result = writeSaved(kind, { report: msg.report, checked_text: sentText, history });
            setStatus(section, "Checked: score " + msg.report.score + " of 100. The feedback is below." +
              (result.message ? " " + result.message : ""), false);
          } else {
            setStatus(section, "Checked. The feedback is below.", false);
          }
          delete section.dataset.iicNote;
        },
        (err) => {
          delete section.dataset.iicBusy;
          reportError(section, coach, err);
        },
      );
    });
  }

  // ---- worksheets: plain fields kept in localStorage as "iic:worksheet:<name>" ----
  function readWorksheet(name, notes) {
    return loadEntry("iic:worksheet:" + name, notes);
  }

  function writeWorksheet(name, data) {
    return saveEntry("iic:worksheet:" + name, data);
  }

  function setUpPlanning(section) {
    const fields = Array.from(section.querySelectorAll("[data-field]"));
    const notes = [];
    const fill = (saved) => {
      fields.forEach((el) => {
        const value = SW.get(saved || {}, el.dataset.field);
        if (value === undefined || value === null) return;
        if (el.type === "radio") el.checked = String(value) === el.value;
        else el.value = String(value);
      });
    };
    fill(readWorksheet("planning", notes));
    if (notes.length) {
      section.dataset.iicNote = notes.join(" ");
      setStatus(section, "");
    }
    const goal = readSaved("goal");
    if (goal && typeof goal.text === "string" && goal.text.trim()) {
      section.querySelector(".iic-goal-text").textContent = goal.text.trim();
      section.querySelector(".iic-goal-echo").hidden = false;
    }
    let timer = null;
    const save = () => {
      timer = null;
      const data = {};
      fields.forEach((el) => {
        if (el.type === "radio") {
          if (el.checked) data[el.dataset.field] = el.dataset.field === "minutes" ? Number(el.value) : el.value;
        } else {
          data[el.dataset.field] = el.value;
        }
      });
      const result = writeWorksheet("planning", data);
      setStatus(
        section,
        result.ok
          ? result.message || "Your plan is saved in this browser."
          : "This browser is not keeping data (storage is off); copy your plan somewhere safe.",
        false,
      );
    };
    watchKey("iic:worksheet:planning", section, () => timer !== null, fill);
    fields.forEach((el) =>
      el.addEventListener(el.type === "radio" ? "change" : "input", () => {
        clearTimeout(timer);
        timer = setTimeout(save, 300);
      }),
    );
    window.addEventListener("pagehide", () => {
      if (timer) {
        clearTimeout(timer);
        save();
      }
    });
  }

  // ---- the rehearsal: the worker keeps the conversation; this only shows it ----
  function setUpRehearsal(section, coach) {
    const q = (sel) => section.querySelector(sel);
    const persona = q("select.iic-persona");
    const minutes = q("select.iic-minutes");
    const question = q("input.iic-question");
    const chat = q(".iic-chat-area");
    const time = q(".iic-time");
    const debrief = q(".iic-debrief-area");
    const download = q("button.iic-download");
    const intro = q("textarea.iic-intro-text");
    const introFeedback = q(".iic-intro-feedback");
    let session = "";
    let saved = false;
    let markdown = "";
    let starts = 0;

    const showProfile = () => {
      section.querySelectorAll(".iic-profile-card").forEach((card) => {
        card.hidden = card.dataset.persona !== persona.value;
      });
    };
    persona.addEventListener("change", showProfile);
    showProfile();
    const plan = plannedLength();
    if (plan && Array.from(minutes.options).some((o) => Number(o.value) === plan.minutes)) {
      minutes.value = String(plan.minutes);
      setStatus(section, "The agreed length comes from your planning worksheet: " + plan.minutes +
        " minutes. Choose a person, then press Start interview. Everything stays in this browser.", false);
    }
    [persona, minutes, question, intro].forEach(
      (el) => el && el.addEventListener("focus", () => coach.start(), { once: true }),
    );

    // The 30-second introduction: graded by the same Python as every other coach,
    // kept in this browser like any draft, and sent with the start of the interview.
    if (intro) {
      const draft = readSaved("intro");
      if (draft && typeof draft.text === "string" && !intro.value) intro.value = draft.text;
      intro.addEventListener("input", () => writeSaved("intro", { text: intro.value }));
      q("button.iic-intro-check").addEventListener("click", () => {
        const text = intro.value;
        if (!text.trim()) {
          setStatus(section, "Write your introduction in the box first, then check it.", false);
          return;
        }
        if (coach.state === "failed") {
          showFailure(section, coach.reason);
          return;
        }
        // Busy, like any coach's check: the loading lines keep the learner posted.
        showBusy(section, coach);
        coach.grade("intro", text, {}).then(
          (msg) => {
            delete section.dataset.iicBusy;
            introFeedback.innerHTML = msg.html;
            writeSaved("intro", { text, report: msg.report, checked_text: text });
            setStatus(section, "Feedback on your introduction is below the box.", false);
          },
          (err) => {
            delete section.dataset.iicBusy;
            reportError(section, coach, err);
          },
        );
      });
    }

    function show(view) {
      if (view.error) setStatus(section, view.error, false);
      if (view.transcript !== undefined) chat.innerHTML = view.transcript;
      if (view.time !== undefined) time.textContent = view.time;
      if (view.markdown) markdown = view.markdown;
      download.hidden = !markdown;
      if (view.ended) {
        debrief.innerHTML = view.debrief;
        section.dataset.iicEnded = "1";
        if (view.record && !saved) {
          saved = true;
          const store = storage();
          const list = loadEntry("iic:rehearsals") || [];
          list.push(view.record);
          const result = store && SW ? SW.save(store, "iic:rehearsals", list) : { ok: false };
          setStatus(section, result.ok
            ? "The interview has ended. Your transcript and debrief are saved in this browser; the progress page lists them."
            : "The interview has ended. This browser did not let the page save it; download the transcript to keep it.", false);
        }
      }
    }

    function run(action, payload, busyText) {
      if (coach.state === "failed") {
        showFailure(section, coach.reason);
        return Promise.resolve();
      }
      setStatus(section, coach.state === "ready" ? busyText : "Getting the simulator ready...", false);
      return coach.rehearse(action, { session, ...payload }).then(show, (err) => reportError(section, coach, err));
    }

    q("button.iic-start").addEventListener("click", () => {
      starts += 1;
      session = section.id + "-" + Date.now() + "-" + starts;
      saved = false;
      markdown = "";
      // The last conversation is saved and its debrief goes now; its transcript must go too,
      // or it stands under the new person's name until the simulator answers.
      chat.innerHTML = "";
      debrief.innerHTML = "";
      delete section.dataset.iicEnded;
      const introText = intro ? intro.value : "";
      run("start", { persona: persona.value, minutes: Number(minutes.value), seed: starts, intro: introText }, "Starting...").then(() => {
        if (coach.state !== "failed") {
          setStatus(section, "Interview started. Type a question and press Enter or Ask.", false);
          question.focus();
        }
      });
    });

    const ask = () => {
      const text = question.value;
      if (!session) {
        setStatus(section, "Press Start interview first.", false);
        return;
      }
      if (!text.trim()) {
        setStatus(section, "Type a question in the box first.", false);
        return;
      }
      question.value = "";
      run("ask", { text }, "Listening...").then(() => {
        if (!section.dataset.iicEnded && coach.state !== "failed") setStatus(section, "", false);
      });
    };
    q("button.iic-ask").addEventListener("click", ask);
    question.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        ask();
      }
    });
    q("button.iic-end").addEventListener("click", () => {
      if (!session) {
        setStatus(section, "Press Start interview first.", false);
        return;
      }
      run("end", {}, "Ending...");
    });
    download.addEventListener("click", () => {
      const blob = new Blob([markdown], { type: "text/markdown" });
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = "rehearsal-transcript.md";
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    });
  }

  function watchVisibility(sections, start) {
    if (!("IntersectionObserver" in window)) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          observer.disconnect();
          start();
        }
      },
      { rootMargin: "200px" },
    );
    sections.forEach((s) => observer.observe(s));
  }

  // Drafts are restored through the saved-work reader, a separate async script:
  // wait for it if it has not run yet (it says so with an event).
  function whenSavedWork(fn) {
    if (window.iicSavedWork) {
      SW = window.iicSavedWork;
      fn();
      return;
    }
    window.addEventListener("iic-saved-work-ready", () => whenSavedWork(fn), { once: true });
  }

  earlyStart();
  // The classroom pages (iic-classroom.js: class results, share code, kit) use the
  // same worker; both scripts load async, so say when it can be reached.
  window.iicGetCoach = getCoach;
  document.dispatchEvent(new Event("iic-coach-available"));
  const ready = () => whenSavedWork(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
