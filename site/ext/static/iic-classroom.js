// Classroom workshops on the book pages (site/ext/classroom.py renders the markup):
// the exit ticket and "whose work is this" fields (kept in localStorage like any
// worksheet), the learner's share code, the instructor's class results page and the
// group/print-count lookup. Every rule runs in Python, in the page's own worker
// (exercises.page_bridge.classroom, reached through iic-runtime.js); this script
// only moves text in and HTML out. Nothing is sent anywhere.
(function () {
  "use strict";

  // ---- the worker: iic-runtime.js publishes it (both scripts load async) ----
  function coach() {
    return new Promise((resolve) => {
      if (window.iicGetCoach) resolve(window.iicGetCoach());
      else document.addEventListener("iic-coach-available", () => resolve(window.iicGetCoach()), { once: true });
    });
  }

  function classroom(action, payload, status) {
    return coach().then((c) => {
      if (c.state !== "ready" && status) {
        status.textContent = "Getting Python ready in this browser (only slow the first time)...";
      }
      return c.classroom(action, payload).then((out) => {
        if (out && out.error) throw new Error(out.error);
        return out;
      });
    });
  }

  // ---- worksheets kept in this browser ----
  function readSheet(name) {
    try {
      const value = JSON.parse(window.localStorage.getItem("iic:worksheet:" + name) || "null");
      return value && typeof value === "object" && !Array.isArray(value) ? value : null;
    } catch (err) {
      return null;
    }
  }

  function writeSheet(name, data) {
    try {
      const next = { ...(readSheet(name) || {}), ...data, saved_at: new Date().toISOString() };
      window.localStorage.setItem("iic:worksheet:" + name, JSON.stringify(next));
      return true;
    } catch (err) {
      return false;
    }
  }

  function storageItems() {
    const items = {};
    try {
      for (let i = 0; i < window.localStorage.length; i++) {
        const key = window.localStorage.key(i);
        if (key && key.indexOf("iic:") === 0) items[key] = window.localStorage.getItem(key);
      }
    } catch (err) {
      // storage off: an empty document
    }
    return items;
  }

  function fieldsSheet(section, name, saidText) {
    const fields = Array.from(section.querySelectorAll("[data-field]"));
    const status = section.querySelector(".iic-ex-status");
    const saved = readSheet(name) || {};
    fields.forEach((el) => {
      const value = saved[el.dataset.field];
      if (value === undefined || value === null) return;
      if (el.type === "radio") el.checked = String(value) === el.value;
      else el.value = String(value);
    });
    let timer = null;
    const save = () => {
      timer = null;
      const data = {};
      fields.forEach((el) => {
        if (el.type === "radio") {
          if (el.checked) data[el.dataset.field] = Number(el.value);
        } else {
          data[el.dataset.field] = el.value;
        }
      });
      const ok = writeSheet(name, data);
      status.textContent = ok ? saidText : "This browser is not keeping data (storage is off); write your answers on paper.";
      section.dataset.iicSaved = String((Number(section.dataset.iicSaved) || 0) + 1);
    };
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

  function setUpExitTicket(section) {
    fieldsSheet(section, "exit-ticket", "Saved in this browser. Export your work on the Your work page to hand it in.");
  }

  function setUpLearnerCard(section) {
    fieldsSheet(section, "learner", "Saved: your exported file will carry this name.");
    const status = section.querySelector(".iic-ex-status");
    const box = section.querySelector(".iic-share-box");
    const code = section.querySelector(".iic-share-code");
    section.querySelector(".iic-share-make").addEventListener("click", () => {
      status.textContent = "Making your share code...";
      classroom("share", { storage: storageItems() }, status).then(
        (out) => {
          code.value = out.code;
          box.hidden = false;
          section.dataset.iicShared = String((Number(section.dataset.iicShared) || 0) + 1);
          status.textContent = "Your share code is ready (" + out.code.length + " characters). Make a new one after more work.";
          code.focus();
          code.select();
        },
        (err) => {
          status.textContent = "The share code could not be made: " + err.message;
        },
      );
    });
    section.querySelector(".iic-share-copy").addEventListener("click", () => {
      code.select();
      const done = () => (status.textContent = "Copied. Paste it where your instructor asked.");
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(code.value).then(done, () => {
          status.textContent = "Copying was blocked: the code is selected, press Ctrl+C (Cmd+C on a Mac).";
        });
      } else {
        status.textContent = "The code is selected: press Ctrl+C (Cmd+C on a Mac) to copy it.";
      }
    });
  }

  // ---- the instructor's class results ----
  function download(name, type, text) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  function setUpClassResults(section) {
    const q = (sel) => section.querySelector(sel);
    const input = q("input.iic-class-files");
    const codes = q("textarea.iic-class-codes");
    const anon = q("input.iic-class-anon");
    const status = q(".iic-class-status");
    const chosen = q(".iic-class-chosen");
    const problems = q(".iic-class-problems");
    const report = q(".iic-class-report");
    const csvButton = q("button.iic-class-csv");
    let files = []; // {source, text}, kept in memory only
    let csv = "";

    function readFiles(list) {
      return Promise.all(
        Array.from(list).map(
          (file) =>
            new Promise((resolve) => {
              const reader = new FileReader();
              reader.onload = () => resolve({ source: file.name, text: String(reader.result) });
              reader.onerror = () => resolve({ source: file.name, text: "" });
              reader.readAsText(file);
            }),
        ),
      ).then((read) => {
        const names = new Set(read.map((f) => f.source));
        files = files.filter((f) => !names.has(f.source)).concat(read);
        chosen.textContent = files.length
          ? files.length + (files.length === 1 ? " file" : " files") + " chosen: " + files.map((f) => f.source).join(", ")
          : "";
      });
    }

    function show() {
      const submissions = files.slice();
      if (codes.value.trim()) submissions.push({ source: "Pasted codes", text: codes.value });
      if (!submissions.length) {
        status.textContent = "Choose at least one file or paste a share code first.";
        return Promise.resolve();
      }
      section.dataset.iicBusy = "1";
      status.textContent = "Reading " + submissions.length + (submissions.length === 1 ? " item" : " items") + " in this browser...";
      return classroom("summary", { submissions, anonymise: anon.checked }, status).then(
        (out) => {
          delete section.dataset.iicBusy;
          report.innerHTML = out.html;
          csv = out.csv;
          csvButton.disabled = !out.loaded;
          problems.textContent = "";
          out.problems.forEach((line) => {
            const li = document.createElement("li");
            li.textContent = line;
            problems.appendChild(li);
          });
          section.dataset.iicShown = String((Number(section.dataset.iicShown) || 0) + 1);
          status.textContent =
            out.loaded + (out.loaded === 1 ? " learner" : " learners") + " loaded" +
            (out.problems.length ? "; " + out.problems.length + " could not be read (listed below)." : ".");
        },
        (err) => {
          delete section.dataset.iicBusy;
          status.textContent = "The results could not be shown: " + err.message;
        },
      );
    }

    input.addEventListener("change", () => readFiles(input.files).then(() => (input.value = "")));
    section.addEventListener("dragover", (event) => event.preventDefault());
    section.addEventListener("drop", (event) => {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) readFiles(event.dataTransfer.files);
    });
    q("button.iic-class-show").addEventListener("click", show);
    anon.addEventListener("change", () => {
      if (report.childElementCount) show();
    });
    csvButton.addEventListener("click", () => {
      const day = new Date().toISOString().slice(0, 10);
      download("class-results-" + day + ".csv", "text/csv", csv);
      status.textContent = "The gradebook file was downloaded. Names are in the first column.";
    });
    q("button.iic-class-clear").addEventListener("click", () => {
      files = [];
      codes.value = "";
      csv = "";
      report.textContent = "";
      problems.textContent = "";
      chosen.textContent = "";
      csvButton.disabled = true;
      status.textContent = "Cleared. Nothing was kept.";
    });
    // Start the worker early: the instructor is about to need it.
    coach().then((c) => c.start());
  }

  // ---- groups and print counts: figures computed in Python at build time ----
  function setUpGroupPlan(section) {
    const plans = JSON.parse(section.querySelector(".iic-plan-data").textContent);
    const input = section.querySelector("input.iic-plan-n");
    const summary = section.querySelector(".iic-plan-summary");
    const tbody = section.querySelector(".iic-plan-table tbody");
    const update = () => {
      const minutes = (section.querySelector("input[type=radio]:checked") || {}).value || "90";
      const entry = plans.sizes[String(Number(input.value))];
      if (!entry) {
        summary.textContent = "Type a whole number of learners from 1 to " + input.max + ".";
        return;
      }
      const [text, copies, spares] = entry[minutes];
      summary.textContent = text;
      tbody.textContent = "";
      plans.handouts[minutes].forEach(([handout, why], i) => {
        const tr = document.createElement("tr");
        const th = document.createElement("th");
        th.scope = "row";
        th.textContent = handout;
        tr.appendChild(th);
        [copies[i], spares[i], why].forEach((value, k) => {
          const td = document.createElement("td");
          td.textContent = String(value);
          if (k === 0) td.dataset.copies = String(value);
          tr.appendChild(td);
        });
        tbody.appendChild(tr);
      });
    };
    input.addEventListener("input", update);
    section.querySelectorAll("input[type=radio]").forEach((r) => r.addEventListener("change", update));
  }

  const SET_UPS = {
    "exit-ticket": setUpExitTicket,
    "learner-card": setUpLearnerCard,
    "class-results": setUpClassResults,
    "group-plan": setUpGroupPlan,
  };

  function init() {
    document.querySelectorAll("[data-iic-classroom]").forEach((el) => {
      const setUp = SET_UPS[el.dataset.iicClassroom];
      if (setUp && !el.dataset.iicReady) {
        el.dataset.iicReady = "1";
        setUp(el);
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
