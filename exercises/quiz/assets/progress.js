/* Progress page behaviour. Inlined by exercises/quiz/progress.py inside an IIFE,
 * followed by iicProgressInit(uid, config); no page globals.
 *
 * Reads localStorage keys (docs/architecture.md, "Saved work"):
 *   iic:quiz:<id>          {answers, score, total, updated}
 *   iic:exercise:<kind>    {text, options, report: {score, level, ...}, saved_at[, history]}
 *   iic:worksheet:<name>   {...fields[, saved_at][, report: {score}][, score]}
 *   iic:rehearsals         [records]  (written by the Practice page's simulator and by an import)
 * Export builds the saved-work document of exercises.storage ("iic-saved-work", v1).
 * Everything read from storage or an imported file reaches the page through
 * textContent only, never parsed as HTML.
 */
function iicProgressInit(uid, cfg) {
  "use strict";
  var FORMAT = "iic-saved-work", VERSION = 1;
  var root = document.getElementById(uid);
  if (!root || root.hasAttribute("data-iic-ready")) { return; }
  root.setAttribute("data-iic-ready", "1");
  root.querySelector(".iic-progress-nojs").hidden = true;

  var statusEl = root.querySelector(".iic-progress-status");
  var noteEl = root.querySelector(".iic-progress-note");
  var confirmBox = root.querySelector(".iic-progress-confirm");
  var resetBtn = root.querySelector(".iic-progress-reset");
  var fileInput = root.querySelector(".iic-progress-file");

  function storage() {
    try {
      var s = window.localStorage, probe = "iic:probe";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (e) {
      return null;
    }
  }
  var store = storage();
  if (!store) {
    noteEl.textContent = "This browser is not letting the page store data (for example in " +
      "private browsing), so there is no saved work to show, and imports cannot be kept.";
    noteEl.hidden = false;
  }

  function say(lines) {
    statusEl.textContent = "";
    var list = Array.isArray(lines) ? lines : [lines];
    setTimeout(function () {
      list.forEach(function (line) {
        var p = document.createElement("p");
        p.textContent = line;
        statusEl.appendChild(p);
      });
    }, 30);
  }

  function isObj(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function num(v) { return typeof v === "number" && isFinite(v); }
  function time(v) { var t = typeof v === "string" ? Date.parse(v) : NaN; return isNaN(t) ? null : t; }
  function newer(a, b) { var ta = time(a), tb = time(b); return ta !== null && (tb === null || ta > tb); }

  // ---- reading everything saved under iic: ----------------------------------------
  function readAll() {
    var doc = { format: FORMAT, version: VERSION, exported_at: new Date().toISOString(),
                exercises: {}, worksheets: {}, rehearsals: [], quizzes: {} };
    if (!store) { return doc; }
    for (var i = 0; i < store.length; i++) {
      var key = store.key(i);
      if (!key || key.indexOf("iic:") !== 0) { continue; }
      var value;
      try { value = JSON.parse(store.getItem(key)); } catch (e) { continue; }
      var parts = key.split(":"), kind = parts[1], name = parts.slice(2).join(":");
      if (kind === "quiz" && name && isObj(value)) { doc.quizzes[name] = value; }
      else if (kind === "exercise" && name && isObj(value)) {
        var entry = {};
        Object.keys(value).forEach(function (k) { entry[k] = value[k]; });
        if (!isObj(entry.options)) { entry.options = {}; }
        if (!isObj(entry.report)) { entry.report = {}; }
        if (!Array.isArray(entry.history)) {
          entry.history = num(entry.report.score) ? [{ score: entry.report.score, saved_at: entry.saved_at || "" }] : [];
        }
        doc.exercises[name] = entry;
      }
      else if (kind === "worksheet" && name && isObj(value)) { doc.worksheets[name] = value; }
      else if (key === "iic:rehearsals" && Array.isArray(value)) { doc.rehearsals = value.filter(isObj); }
    }
    return doc;
  }

  // ---- tables -----------------------------------------------------------------------
  function dateCell(td, iso) {
    td.textContent = "";
    var t = time(iso);
    if (t === null) { td.textContent = "\u2013"; return; }
    var el = document.createElement("time");
    el.setAttribute("datetime", iso);
    el.textContent = new Date(t).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
    td.appendChild(el);
  }

  function scoreOf(v) {
    if (isObj(v.report) && num(v.report.score)) { return v.report; }
    if (num(v.score)) { return { score: v.score, level: v.level }; }
    return null;
  }

  function workRow(tbody, key, title) {
    var tr = document.createElement("tr");
    tr.className = "iic-progress-row iic-progress-extra";
    tr.setAttribute("data-key", key);
    var th = document.createElement("th");
    th.setAttribute("scope", "row");
    th.textContent = title;
    tr.appendChild(th);
    ["iic-progress-state", "iic-progress-score", "iic-progress-date"].forEach(function (c) {
      var td = document.createElement("td");
      td.className = c;
      tr.appendChild(td);
    });
    tbody.appendChild(tr);
    return tr;
  }

  function render() {
    var doc = readAll();
    Array.prototype.forEach.call(root.querySelectorAll(".iic-progress-quizzes tr[data-quiz-id]"), function (tr) {
      var q = doc.quizzes[tr.getAttribute("data-quiz-id")];
      var sc = tr.querySelector(".iic-progress-score");
      if (q && num(q.score) && num(q.total)) {
        sc.textContent = q.score + " of " + q.total + (q.score === q.total ? " \u2713 all right" : "");
        sc.setAttribute("data-score", String(q.score));
        sc.setAttribute("data-total", String(q.total));
        dateCell(tr.querySelector(".iic-progress-date"), q.updated);
      } else {
        sc.textContent = "Not taken yet";
        sc.removeAttribute("data-score");
        sc.removeAttribute("data-total");
        dateCell(tr.querySelector(".iic-progress-date"), null);
      }
    });
    var tbody = root.querySelector(".iic-progress-work tbody");
    Array.prototype.forEach.call(tbody.querySelectorAll(".iic-progress-extra"), function (tr) { tr.remove(); });
    var shown = {};
    Array.prototype.forEach.call(tbody.querySelectorAll("tr[data-key]"), function (tr) { shown[tr.getAttribute("data-key")] = tr; });
    function fill(key, title, value) {
      var tr = shown[key] || workRow(tbody, key, title);
      var state = tr.querySelector(".iic-progress-state");
      var sc = tr.querySelector(".iic-progress-score");
      if (!value) {
        state.textContent = "Not saved yet";
        sc.textContent = "\u2013";
        sc.removeAttribute("data-score");
        dateCell(tr.querySelector(".iic-progress-date"), null);
        return;
      }
      state.textContent = "Saved";
      var s = scoreOf(value);
      sc.textContent = s ? s.score + " / 100" + (s.level ? " (" + String(s.level).replace("-", " ") + ")" : "") : "No score";
      if (s) { sc.setAttribute("data-score", String(s.score)); } else { sc.removeAttribute("data-score"); }
      dateCell(tr.querySelector(".iic-progress-date"), value.saved_at);
    }
    Object.keys(cfg.exerciseTitles).forEach(function (k) { fill("iic:exercise:" + k, cfg.exerciseTitles[k], doc.exercises[k]); });
    Object.keys(cfg.worksheetTitles).forEach(function (k) { fill("iic:worksheet:" + k, cfg.worksheetTitles[k], doc.worksheets[k]); });
    Object.keys(doc.exercises).sort().forEach(function (k) {
      if (!cfg.exerciseTitles[k]) { fill("iic:exercise:" + k, "Exercise: " + k, doc.exercises[k]); }
    });
    Object.keys(doc.worksheets).sort().forEach(function (k) {
      if (!cfg.worksheetTitles[k]) { fill("iic:worksheet:" + k, "Worksheet: " + k, doc.worksheets[k]); }
    });
    return doc;
  }

  // ---- export -----------------------------------------------------------------------
  function download(name, type, text) {
    var blob = new Blob([text], { type: type });
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.style.display = "none";
    root.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 1000);
  }

  function quote(text) {
    var lines = String(text).trim().split(/\r?\n/);
    return lines.map(function (l) { return ("> " + l).replace(/\s+$/, ""); }).join("\n");
  }
  function human(k) { var s = String(k).replace(/[_-]/g, " ").trim(); return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(); }
  function value(v) {
    if (Array.isArray(v)) { return v.filter(function (x) { return x !== "" && x !== null; }).map(value).join("; "); }
    if (isObj(v)) {
      return Object.keys(v).filter(function (k) { var x = v[k]; return x !== "" && x !== null && !(Array.isArray(x) && !x.length); })
        .map(function (k) { return human(k) + ": " + value(v[k]); }).join("; ");
    }
    return v === null || v === undefined ? "" : String(v).split(/\s+/).join(" ").trim();
  }
  function day(iso) { return typeof iso === "string" && iso ? iso.slice(0, 10) : "-"; }

  function orderedQuestions(entry) {
    var report = isObj(entry.report) ? entry.report : {};
    var texts = Array.isArray(report.questions) ? report.questions.filter(isObj).map(function (q) { return String(q.text || ""); }) : [];
    var order = report.suggested_order;
    if (texts.length && Array.isArray(order) && order.slice().sort(function (a, b) { return a - b; }).join() ===
        texts.map(function (_, i) { return i; }).join()) {
      return order.map(function (i) { return texts[i]; });
    }
    if (texts.length) { return texts; }
    return String(entry.text || "").split(/\r?\n/).map(function (l) { return l.trim().replace(/^[-*0-9.)\s]+/, "").trim(); })
      .filter(function (l) { return l; });
  }

  // Mirrors exercises.storage.interview_kit_markdown so both kits read the same.
  function kit(doc) {
    var ex = doc.exercises, sheets = doc.worksheets;
    var out = ["# My informational interview kit", "", "Made on " + day(new Date().toISOString()) + " from my saved course work.", ""];
    function textSection(title, kind, empty) {
      out.push("## " + title, "");
      var e = ex[kind] || {};
      out.push(String(e.text || "").trim() ? quote(e.text) : empty, "");
    }
    function sheetRows(sheet) {
      return Object.keys(sheet).filter(function (k) { return k !== "saved_at" && value(sheet[k]); })
        .map(function (k) { return "- **" + human(k) + "**: " + value(sheet[k]); });
    }
    textSection("Learning goal", "goal", "_No learning goal saved yet._");
    out.push("## Planning worksheet", "");
    var rows = sheetRows(sheets.planning || {});
    out.push.apply(out, rows.length ? rows : ["_No planning worksheet saved yet._"]);
    out.push("");
    textSection("Pitch", "pitch", "_No pitch saved yet._");
    out.push("## Questions, in suggested order", "");
    var qs = orderedQuestions(ex.questions || {});
    out.push.apply(out, qs.length ? qs.map(function (q, i) { return (i + 1) + ". " + q.split(/\s+/).join(" "); }) : ["_No questions saved yet._"]);
    out.push("");
    textSection("Thank-you note", "thanks", "_No thank-you note saved yet._");
    Object.keys(sheets).sort().forEach(function (name) {
      if (name === "planning" || !isObj(sheets[name])) { return; }
      out.push("## Worksheet: " + human(name), "");
      var r = sheetRows(sheets[name]);
      out.push.apply(out, r.length ? r : ["_Empty._"]);
      out.push("");
    });
    out.push("## Latest scores", "", "| Work | Score | Level | Saved |", "|---|---|---|---|");
    var scoreRows = [];
    var titles = { goal: "Learning goal", planning: "Planning", contacts: "Contacts", pitch: "Pitch",
                   questions: "Questions", thanks: "Thank-you note", rehearsal: "Rehearsal" };
    Object.keys(ex).sort().forEach(function (k) {
      var r = isObj(ex[k].report) ? ex[k].report : {};
      scoreRows.push("| " + (titles[k] || human(k)) + " | " + (num(r.score) ? r.score + "/100" : "-") + " | " +
        (r.level || "-") + " | " + day(ex[k].saved_at) + " |");
    });
    var quizTitles = {};
    cfg.quizzes.forEach(function (q) { quizTitles[q.id] = q.title; });
    Object.keys(doc.quizzes).sort().forEach(function (id) {
      var q = doc.quizzes[id];
      if (!num(q.score)) { return; }  // opened, never checked
      scoreRows.push("| Quiz: " + String(quizTitles[id] || id).replace(/\|/g, "/") + " | " +
        (num(q.score) ? q.score : "-") + "/" + (num(q.total) ? q.total : "-") + " | - | " + day(q.updated) + " |");
    });
    out.push.apply(out, scoreRows.length ? scoreRows : ["| Nothing scored yet | - | - | - |"]);
    if (doc.rehearsals.length) {
      out.push("", "Practice conversations saved: " + doc.rehearsals.length + " (latest " +
        day(doc.rehearsals[doc.rehearsals.length - 1].saved_at) + ").");
    }
    return out.join("\n").replace(/\s+$/, "") + "\n";
  }

  root.querySelector(".iic-progress-export").addEventListener("click", function () {
    download("interview_work.json", "application/json", JSON.stringify(readAll(), null, 2) + "\n");
    say("Your work was exported as interview_work.json. Import it here in another browser, " +
        "or upload it next to a course notebook.");
  });
  root.querySelector(".iic-progress-kit").addEventListener("click", function () {
    download("interview_kit.md", "text/markdown", kit(readAll()));
    say("Your interview kit was downloaded as interview_kit.md.");
  });

  // ---- import -----------------------------------------------------------------------
  function parseDocument(text) {
    var data;
    if (!String(text).trim()) { throw new Error("The file is empty."); }
    try { data = JSON.parse(text); } catch (e) {
      throw new Error("The file is not valid JSON; it may be damaged or not a saved-work export.");
    }
    if (!isObj(data) || data.format !== FORMAT) {
      throw new Error("This file is not saved work from this course.");
    }
    if (!num(data.version) || data.version < 1 || Math.floor(data.version) !== data.version) {
      throw new Error("This saved-work file has no valid version number.");
    }
    if (data.version > VERSION) {
      throw new Error("This saved-work file is version " + data.version + ", made by a newer course; this page reads version " + VERSION + ".");
    }
    return data;
  }

  function mergeInto(doc, mine) {
    var writes = {}, messages = [];
    function section(name, want) {
      var v = doc[name];
      if (v === undefined) { return want === "list" ? [] : {}; }
      if (want === "list" ? !Array.isArray(v) : !isObj(v)) {
        messages.push("The " + name + " part of the file was unreadable and was skipped.");
        return want === "list" ? [] : {};
      }
      return v;
    }
    var exercises = section("exercises"), worksheets = section("worksheets"),
        quizzes = section("quizzes"), rehearsals = section("rehearsals", "list");
    Object.keys(exercises).forEach(function (k) {
      var e = exercises[k], m = mine.exercises[k];
      if (!isObj(e)) { messages.push("The exercise \u201c" + k + "\u201d was unreadable and was skipped."); return; }
      if (!m) { writes["iic:exercise:" + k] = e; messages.push(human(k) + ": added from the file."); }
      else if (newer(e.saved_at, m.saved_at)) { writes["iic:exercise:" + k] = e; messages.push(human(k) + ": the file's version is newer and replaced yours."); }
      else { messages.push(human(k) + ": your version is newer or the same and was kept."); }
    });
    Object.keys(worksheets).forEach(function (k) {
      var w = worksheets[k], m = mine.worksheets[k];
      if (!isObj(w)) { messages.push("The worksheet \u201c" + k + "\u201d was unreadable and was skipped."); return; }
      if (m && time(m.saved_at) !== null && time(w.saved_at) !== null && !newer(w.saved_at, m.saved_at)) {
        messages.push("Worksheet " + k + ": your version is newer and was kept."); return;
      }
      writes["iic:worksheet:" + k] = w;
      messages.push("Worksheet " + k + (m ? ": replaced by the file's version." : ": added from the file."));
    });
    var changed = 0;
    Object.keys(quizzes).forEach(function (k) {
      var q = quizzes[k], m = mine.quizzes[k];
      var taken = isObj(q) && num(q.score) && num(q.total);
      // A quiz opened but never checked holds only the learner's shuffle seed.
      var seedOnly = isObj(q) && q.score === undefined && q.total === undefined && num(q.seed);
      if (!taken && !seedOnly) { messages.push("The quiz result \u201c" + k + "\u201d was unreadable and was skipped."); return; }
      if (seedOnly) { if (!m) { writes["iic:quiz:" + k] = q; } return; }
      if (!m || newer(q.updated, m.updated)) { writes["iic:quiz:" + k] = q; changed++; }
    });
    if (changed) { messages.push("Quizzes: " + changed + " result(s) added or updated; the others were kept."); }
    var known = {}, merged = mine.rehearsals.slice(), added = 0;
    merged.forEach(function (r) { known[JSON.stringify(r)] = true; });
    rehearsals.filter(isObj).forEach(function (r) {
      var key = JSON.stringify(r);
      if (!known[key]) { known[key] = true; merged.push(r); added++; }
    });
    if (added) { writes["iic:rehearsals"] = merged; messages.push("Rehearsals: " + added + " added from the file."); }
    if (!Object.keys(writes).length && !messages.length) { messages.push("The file holds no saved work; nothing changed."); }
    return { writes: writes, messages: messages };
  }

  // All or nothing: if the browser runs out of space half way, put back what was there.
  function applyWrites(writes) {
    var before = {}, keys = Object.keys(writes);
    keys.forEach(function (k) { before[k] = store.getItem(k); });
    try {
      keys.forEach(function (k) { store.setItem(k, JSON.stringify(writes[k])); });
    } catch (e) {
      keys.forEach(function (k) {
        try { if (before[k] === null) { store.removeItem(k); } else { store.setItem(k, before[k]); } } catch (e2) { /* keep going */ }
      });
      throw new Error("This browser has no room left for the imported work; nothing was changed.");
    }
  }

  function importText(text) {
    if (!store) { say("Nothing was imported: this browser is not letting the page store data."); return; }
    var data;
    try { data = parseDocument(text); } catch (e) {
      say("Nothing was imported: " + e.message + " Your saved work is unchanged.");
      return;
    }
    var plan = mergeInto(data, readAll());
    try { applyWrites(plan.writes); } catch (e) { say(e.message); return; }
    render();
    say(["Import finished."].concat(plan.messages));
  }

  fileInput.addEventListener("change", function () {
    var file = fileInput.files && fileInput.files[0];
    if (!file) { return; }
    var reader = new FileReader();
    reader.onload = function () { importText(String(reader.result)); fileInput.value = ""; };
    reader.onerror = function () { say("Nothing was imported: the file could not be read."); fileInput.value = ""; };
    reader.readAsText(file);
  });

  // ---- reset with a real confirmation step -------------------------------------------
  resetBtn.addEventListener("click", function () {
    confirmBox.hidden = false;
    resetBtn.setAttribute("aria-expanded", "true");
    confirmBox.querySelector(".iic-progress-confirm-no").focus();  // the safe choice first
  });
  function closeConfirm() {
    confirmBox.hidden = true;
    resetBtn.setAttribute("aria-expanded", "false");
    resetBtn.focus();
  }
  confirmBox.querySelector(".iic-progress-confirm-no").addEventListener("click", function () {
    closeConfirm();
    say("Nothing was deleted.");
  });
  confirmBox.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { closeConfirm(); say("Nothing was deleted."); }
  });
  confirmBox.querySelector(".iic-progress-confirm-yes").addEventListener("click", function () {
    var removed = 0;
    if (store) {
      var keys = [];
      for (var i = 0; i < store.length; i++) { var k = store.key(i); if (k && k.indexOf("iic:") === 0) { keys.push(k); } }
      keys.forEach(function (k) { store.removeItem(k); removed++; });
    }
    closeConfirm();
    render();
    say(removed ? "Your saved work was deleted from this browser." : "There was no saved work to delete.");
  });

  resetBtn.setAttribute("aria-expanded", "false");
  resetBtn.setAttribute("aria-controls", confirmBox.id);
  render();
  // Other tabs (a quiz checked elsewhere) change storage: keep the tables current.
  window.addEventListener("storage", function (ev) { if (!ev.key || ev.key.indexOf("iic:") === 0) { render(); } });
}
