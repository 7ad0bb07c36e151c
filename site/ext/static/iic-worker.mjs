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
// A snapshot holds the interpreter's memory, not the files unpacked from wheels,
// so both paths unpack the course wheel and the page's other wheels again.
// A missing, stale or broken snapshot falls back to a normal start, silently.
// While it starts the worker posts {type: "progress"} messages: bytes downloaded
// so far against the manifest's total, then the "starting" phase.

const DB_NAME = "iic-coach";
const STORE = "snapshots";
const KEY_RECORD = "key";
const BYTES_RECORD = "bytes";
const PROGRESS_EVERY_MS = 250;

let runtime = null;

// ---- the snapshot store: one record {key, bytes}, replaced when the build changes ----
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

// Two records: "key" (tiny, read first) and "bytes" (about 30 MB). Knowing the key
// early lets Pyodide load its module while the bytes are still being read.
async function savedSnapshotKey() {
  try {
    return (await withStore("readonly", (store) => store.get(KEY_RECORD))) || null;
  } catch (err) {
    return null; // no storage (private mode, quota, blocked): start normally
  }
}

async function readSnapshotBytes() {
  const bytes = await withStore("readonly", (store) => store.get(BYTES_RECORD));
  if (!(bytes instanceof Uint8Array)) throw new Error("no snapshot bytes");
  return bytes;
}

// Pyodide copies a snapshot into the module's memory without growing it first, and the
// memory starts at its compiled size (the INITIAL_MEMORY it sets is ignored, since the
// module makes its own memory). A snapshot taken after the graders' word list grew the
// heap is bigger than that, and the copy fails. So the module is created as Pyodide
// would, then one allocation grows its heap through Emscripten (which updates every
// view of the memory) to the snapshot's size; the restore overwrites the allocator's
// state anyway.
function roomForSnapshot(indexURL, bytesPromise) {
  return async (settings) => {
    const create = (await import(indexURL + "pyodide.asm.mjs")).default;
    const module = await create(settings);
    const need = (await bytesPromise).byteLength;
    if (need > module.HEAP8.length) {
      // Asking for the whole size (not the difference) grows the heap past it, whatever
      // is free inside it now.
      const at = module._malloc(need);
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
  await withStore("readwrite", (store) => store.put(bytes, BYTES_RECORD));
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
async function install(pyodide, wheels) {
  // Files are never part of a snapshot: unpack them on every start. Plain unpacking
  // (not loadPackage) leaves no JavaScript state behind that a snapshot would refuse.
  for (const wheel of await Promise.all(wheels)) pyodide.unpackArchive(wheel, "wheel");
  return pyodide.pyimport("exercises.page_bridge");
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

const marks = {};
const mark = (name) => (marks[name] = Math.round(performance.now()));

async function boot(config, post) {
  const started = performance.now();
  mark("boot");
  const [manifest, savedKey, { loadPyodide }] = await Promise.all([
    fetchOk(config.runtimeUrl, "the coach's manifest").then((r) => r.json()),
    config.snapshots ? savedSnapshotKey() : null,
    import(config.pyodideUrl + "pyodide.mjs"),
  ]);
  mark("manifest");
  const indexURL = config.pyodideUrl;
  const wheels = [manifest.wheel, ...manifest.wheels].map((name) => {
    const bytes = fetchOk(indexURL + name, "the course package").then((r) => r.arrayBuffer());
    bytes.catch(() => {}); // reported where it is awaited
    return bytes;
  });

  if (savedKey === manifest.key) {
    post({ type: "progress", phase: "starting", restoring: true });
    try {
      // Pyodide awaits the bytes only after its own module has loaded.
      const bytes = readSnapshotBytes();
      const pyodide = await loadPyodide({
        indexURL, packages: [], _loadSnapshot: bytes,
        createPyodideModule: roomForSnapshot(indexURL, bytes),
      });
      mark("restored");
      const bridge = await install(pyodide, wheels);
      mark("installed");
      bridge.count("pitch", "", "{}"); // proves the restored interpreter really works
      return bridgeApi(bridge, started, "restored", pyodide, manifest, indexURL);
    } catch (err) {
      console.warn("The saved start-up snapshot could not be used; starting normally.", err);
      await dropSnapshot();
    }
  } else if (savedKey) {
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
    pyodide = await loadPyodide({ indexURL, packages: [], _makeSnapshot: Boolean(config.snapshots) });
    post({ type: "progress", phase: "starting" });
    await Promise.all(wheels);
  } finally {
    untrack();
  }
  const bridge = await install(pyodide, wheels);
  const api = bridgeApi(bridge, started, config.snapshots ? "pending" : "off", pyodide, manifest,
                        indexURL);
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
    runtime ??= boot(data.config, post);
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
