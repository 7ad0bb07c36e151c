// The book page's grader: a module Web Worker running the site's own Pyodide with
// the course's `exercises` wheel. It only moves strings in and out: every rule,
// grade and rendering is `exercises.page_bridge`, the same Python the notebooks use.
//
// Start-up, in order of preference:
// 1. A memory snapshot kept in this browser (IndexedDB), made by an earlier visit
//    of the same build (`key` in _static/iic-page-runtime.json): Pyodide restores
//    it instead of starting the interpreter and importing the course.
// 2. A normal start: Pyodide, then the course; afterwards the worker warms the
//    graders up and keeps a snapshot for next time.
// A snapshot holds the interpreter's memory, not its files, so both paths put the
// course wheel and the page's other wheels back in Pyodide's file system, where
// Python imports them straight from the zip (see mountWheels).
// A missing, stale or broken snapshot falls back to a normal start, silently.
// While it starts the worker posts {type: "progress"} messages: bytes downloaded
// so far against the manifest's total, then the "starting" phase.
//
// The worker finds Pyodide and its manifest next to itself (it lives in _static/),
// so the page's early start (an inline script in <head>, see coursesite.py) and the
// runtime (iic-runtime.js) need to agree on nothing but this file's address.

const PYODIDE_URL = new URL("../lite/static/pyodide/", self.location).href;
const RUNTIME_URL = new URL("iic-page-runtime.json", self.location).href;
const DB_NAME = "iic-coach";
const STORE = "snapshots";
const KEY_RECORD = "key";
const BYTES_RECORD = "bytes";
const PROGRESS_EVERY_MS = 250;

let runtime = null;

// ---- the snapshot store: {key, bytes}, replaced when the build changes ----
function openDb() {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === "undefined") {
      reject(new Error("no IndexedDB"));
      return;
    }
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error("IndexedDB blocked"));
  });
}

async function withStore(mode, action) {
  const db = await openDb();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = action(tx.objectStore(STORE));
      let result;
      request.onsuccess = () => (result = request.result);
      tx.oncomplete = () => resolve(result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error || new Error("aborted"));
    });
  } finally {
    db.close();
  }
}

// Two records: "key" (the build's key) and "bytes" (the snapshot, about 55 MB, as a
// Blob). Reading both in one transaction is quick: a Blob is a handle whose size is
// known at once and whose bytes are read in one bulk read later (Blob.arrayBuffer,
// faster than IndexedDB's copy of a typed array), beside Pyodide's own downloads.
async function savedSnapshot() {
  try {
    const db = await openDb();
    try {
      return await new Promise((resolve, reject) => {
        const tx = db.transaction(STORE, "readonly");
        const key = tx.objectStore(STORE).get(KEY_RECORD);
        const bytes = tx.objectStore(STORE).get(BYTES_RECORD);
        tx.oncomplete = () => resolve(key.result ? { key: key.result, bytes: bytes.result } : null);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error || new Error("aborted"));
      });
    } finally {
      db.close();
    }
  } catch (err) {
    return null; // no storage (private mode, quota, blocked): start normally
  }
}

// Pyodide copies a snapshot into the module's memory without growing it first, and the
// memory starts at its compiled size (the INITIAL_MEMORY it sets is ignored, since the
// module makes its own memory). A snapshot taken after the graders' word list grew the
// heap is bigger than that, and the copy would fail. So the module is created as
// Pyodide would, then one allocation grows its heap through Emscripten (which updates
// every view of the memory) to the snapshot's size; the restore overwrites the
// allocator's state anyway.
function restoringModule(createModule, size) {
  return async (settings) => {
    const module = await (await createModule)(settings);
    mark("moduleCreated");
    if (size > module.HEAP8.length) {
      // Asking for the whole size (not the difference) grows the heap past it, whatever
      // is free inside it now.
      const at = module._malloc(size);
      if (!at) throw new Error("no room for the snapshot");
      module._free(at);
    }
    return module;
  };
}

async function dropSnapshot() {
  try {
    await withStore("readwrite", (store) => store.clear());
  } catch (err) {
    // nothing to clean
  }
}

async function keepSnapshot(key, bytes) {
  await dropSnapshot();
  await withStore("readwrite", (store) => store.put(new Blob([bytes]), BYTES_RECORD));
  await withStore("readwrite", (store) => store.put(key, KEY_RECORD)); // last: marks it complete
}

// ---- downloads: counted for the progress line ----
function trackDownloads(report) {
  const realFetch = self.fetch.bind(self);
  let loaded = 0;
  self.fetch = async (input, init) => {
    const response = await realFetch(input, init);
    if (response.ok && response.body) {
      // Count a copy of the body; Pyodide reads the original (streaming compile included).
      const reader = response.clone().body.getReader();
      (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          loaded += value.byteLength;
          report(loaded);
        }
      })().catch(() => {});
    }
    return response;
  };
  return () => {
    self.fetch = realFetch;
  };
}

async function fetchOk(url, what) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${what} could not be loaded (HTTP ${response.status})`);
  return response;
}

// ---- start-up ----
// Where the wheels go in Pyodide's file system. Python imports from a zip on sys.path
// (zipimport, pkgutil.get_data and importlib.resources all read inside it), so a wheel
// is one file to write, not a hundred to unpack. The folder and sys.path are in the
// snapshot's memory: a restore writes the same files at the same paths.
const WHEELS = "/lib/iic-wheels/";

async function mountWheels(pyodide, names, wheels) {
  const buffers = await Promise.all(wheels);
  pyodide.FS.mkdirTree(WHEELS);
  names.forEach((name, i) => pyodide.FS.writeFile(WHEELS + name, new Uint8Array(buffers[i])));
}

function bridgeApi(bridge, started, snapshot, pyodide, manifest, indexURL) {
  let later = null;
  return {
    grade: bridge.grade,
    count: bridge.count,
    rehearse: bridge.rehearse,
    campaign: bridge.campaign,
    classroom: bridge.classroom,
    warmUp: () => bridge.warm_up(),
    // Wheels only some tools need (the manifest's laterFiles: the campaign tracker's
    // calendar export and time-zone data), unpacked like the others but on the first
    // request that needs them, so they never slow a start. A failure is not fatal:
    // the tool says what is missing, and the next request tries again.
    loadLater: () => {
      const files = manifest.laterFiles || [];
      if (!files.length) return Promise.resolve();
      later ??= Promise.all(files.map((name) => fetchOk(indexURL + name, name).then((r) => r.arrayBuffer())))
        .then((buffers) => {
          for (const buffer of buffers) pyodide.unpackArchive(buffer, "wheel");
          pyodide.runPython("import importlib; importlib.invalidate_caches()");
        })
        .catch(() => {
          later = null;
        });
      return later;
    },
    bootMs: performance.now() - started,
    snapshot,
  };
}

// Start-up timings for the benchmark: ms since this worker's time origin, which is
// given too, so the page can put them on its own clock.
const marks = { timeOrigin: performance.timeOrigin };
const mark = (name) => (marks[name] = Math.round(performance.now()));

async function boot(post) {
  const started = performance.now();
  mark("boot");
  const indexURL = PYODIDE_URL;
  // Pyodide's module script (1.2 MB) loads beside everything else, not after it.
  const createModule = import(indexURL + "pyodide.asm.mjs").then((m) => m.default);
  createModule.catch(() => {}); // reported where it is awaited
  const [manifest, saved, { loadPyodide }] = await Promise.all([
    fetchOk(RUNTIME_URL, "the coach's manifest").then((r) => r.json()),
    savedSnapshot(),
    import(indexURL + "pyodide.mjs"),
  ]);
  mark("manifest");
  const names = [manifest.wheel, ...manifest.wheels];
  const wheels = names.map((name) => {
    const bytes = fetchOk(indexURL + name, "the course package").then((r) => r.arrayBuffer());
    bytes.catch(() => {}); // reported where it is awaited
    return bytes;
  });

  if (saved && saved.key === manifest.key) {
    post({ type: "progress", phase: "starting", restoring: true });
    try {
      if (!(saved.bytes instanceof Blob)) throw new Error("no snapshot bytes");
      const bytes = saved.bytes.arrayBuffer().then((b) => {
        mark("bytesRead");
        return b;
      });
      const pyodide = await loadPyodide({
        indexURL, packages: [], _loadSnapshot: bytes,
        createPyodideModule: restoringModule(createModule, saved.bytes.size),
      });
      mark("restored");
      await mountWheels(pyodide, names, wheels);
      const bridge = pyodide.pyimport("exercises.page_bridge");
      bridge.count("pitch", "", "{}"); // proves the restored interpreter really works
      mark("installed");
      return bridgeApi(bridge, started, "restored", pyodide, manifest, indexURL);
    } catch (err) {
      console.warn("The saved start-up snapshot could not be used; starting normally.", err);
      await dropSnapshot();
    }
  } else if (saved) {
    await dropSnapshot(); // another build's: it can never be used again
  }

  let lastReport = 0;
  const untrack = trackDownloads((loaded) => {
    const now = performance.now();
    if (now - lastReport < PROGRESS_EVERY_MS && loaded < manifest.bytes) return;
    lastReport = now;
    post({ type: "progress", phase: "downloading", loaded, total: manifest.bytes,
           elapsedMs: now - started });
  });
  let pyodide;
  try {
    pyodide = await loadPyodide({
      indexURL, packages: [], _makeSnapshot: true,
      createPyodideModule: async (settings) => (await createModule)(settings),
    });
    post({ type: "progress", phase: "starting" });
    await mountWheels(pyodide, names, wheels);
  } finally {
    untrack();
  }
  pyodide.runPython(`import sys; sys.path.extend(${JSON.stringify(names.map((n) => WHEELS + n))})`);
  const bridge = pyodide.pyimport("exercises.page_bridge");
  mark("installed");
  const api = bridgeApi(bridge, started, "pending", pyodide, manifest, indexURL);
  api.makeSnapshot = () => pyodide.makeMemorySnapshot();
  api.key = manifest.key;
  return api;
}

// After the first normal start: warm the graders up, then keep a snapshot. This
// runs right after "ready" is posted and before any other message is handled (it
// is synchronous up to the copy of the memory), so the snapshot holds the course's
// own sample texts and never anything the learner wrote. If the learner already
// asked for something while the coach was starting, they are not kept waiting:
// no snapshot this time, the next visit tries again. Any failure just means the
// next visit starts normally.
let learnerRequests = 0;
const carriesLearnerText = (data) => ["grade", "rehearse", "campaign", "classroom"].includes(data.type);

function snapshotNow(rt) {
  if (rt.snapshot !== "pending") return null;
  if (learnerRequests) {
    rt.snapshot = "skipped";
    return null;
  }
  try {
    rt.warmUp();
    return rt.makeSnapshot();
  } catch (err) {
    console.warn("No start-up snapshot this time:", err && err.message);
    rt.snapshot = "failed";
    return null;
  }
}

async function keepSnapshotLater(rt, bytes) {
  if (!bytes) {
    if (rt.snapshot === "failed") await dropSnapshot();
    return rt.snapshot;
  }
  try {
    await keepSnapshot(rt.key, bytes);
    rt.snapshot = "stored";
  } catch (err) {
    rt.snapshot = "failed";
    await dropSnapshot();
  }
  return rt.snapshot;
}

self.onmessage = async ({ data }) => {
  const { id, type } = data;
  const post = (message) => self.postMessage(message);
  try {
    if (!runtime) {
      runtime = boot(post);
      runtime.catch(() => {}); // reported to the request that awaits it
    }
    if (type === "boot") return; // the page's early start: begin, answer nothing
    if (carriesLearnerText(data)) learnerRequests += 1;
    const rt = await runtime;
    if (type === "init") {
      post({ id, type: "ready", bootMs: rt.bootMs, snapshot: rt.snapshot, marks });
      const snapshot = await keepSnapshotLater(rt, snapshotNow(rt));
      post({ type: "snapshot", snapshot });
    } else if (type === "grade") {
      const started = performance.now();
      const out = JSON.parse(rt.grade(data.kind, data.text, JSON.stringify(data.options)));
      post({ id, type: "graded", ...out, gradeMs: performance.now() - started });
    } else if (type === "rehearse") {
      const out = JSON.parse(rt.rehearse(data.action, JSON.stringify(data.payload)));
      post({ id, type: "rehearsed", ...out });
    } else if (type === "campaign") {
      await rt.loadLater();
      const out = JSON.parse(rt.campaign(data.tool, data.action, JSON.stringify(data.payload)));
      post({ id, type: "campaign", ...out });
    } else if (type === "classroom") {
      const out = JSON.parse(rt.classroom(data.action, JSON.stringify(data.payload)));
      post({ id, type: "classroom", ...out });
    } else if (type === "count") {
      const html = rt.count(data.kind, data.text, JSON.stringify(data.options));
      post({ id, type: "counted", html });
    } else {
      throw new Error(`unknown request ${type}`);
    }
  } catch (err) {
    post({ id, type: "error", message: String((err && err.message) || err) });
  }
};
