/* Progress page behaviour. Inlined by exercises/quiz/progress.py inside an IIFE after
 * exercises/saved_work.js and exercises/saved_kit.js, then called as
 * iicProgressInit(uid, config, sw, kit); no page globals.
 *
 * The parts, each a small function of its own so that later pages (a class view, a
 * dashboard) can reuse them:
 *   readAll()          sw.readDocument: every iic: key checked against the one schema;
 *                      what does not fit is set aside (never lost) and listed here
 *   render*()          one function per table: quizzes, work, practice conversations,
 *                      and the set-aside parts
 *   importText(text)   parse, check each entry (sw.fitDocument), merge (sw.mergeDocuments),
 *                      write all or nothing; one pass over the file, so 20,000 entries
 *                      answer in well under two seconds
 *   kit / transcripts  the Markdown of exercises/saved_kit.py, via saved_kit.js
 * Everything read from storage or an imported file reaches the page through
 * textContent only, never parsed as HTML.
 */
function iicProgressInit(uid, cfg, sw, kit) {
  "use strict";
  var FORMAT = "iic-saved-work", VERSION = 1;
  var EXTRA_ROWS_SHOWN = 50, MESSAGES_SHOWN = 12, ASIDE_SHOWN = 20;
  var REHEARSALS_KEPT = 200, SET_ASIDE_KEPT = 200;
  var own = sw.own, get = sw.get, isObj = sw.isObj;
  var root = document.getElementById(uid);
  if (!root || root.hasAttribute("data-iic-ready")) { return; }
  root.setAttribute("data-iic-ready", "1");
  root.querySelector(".iic-progress-nojs").hidden = true;

  var statusEl = root.querySelector(".iic-progress-status");
  var noteEl = root.querySelector(".iic-progress-note");
  var confirmBox = root.querySelector(".iic-progress-confirm");
  var resetBtn = root.querySelector(".iic-progress-reset");
  var fileInput = root.querySelector(".iic-progress-file");
  var quizTitles = {};
  cfg.quizzes.forEach(function (q) { sw.put(quizTitles, q.id, q.title); });

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
  var storeNote = store ? "" : "This browser is not letting the page store data (for example in " +
    "private browsing), so there is no saved work to show, and imports cannot be kept.";

  function say(lines) {
    statusEl.textContent = "";
    var list = Array.isArray(lines) ? lines : [lines];
    if (list.length > MESSAGES_SHOWN) {
      list = list.slice(0, MESSAGES_SHOWN - 1).concat(["\u2026and " + (list.length - MESSAGES_SHOWN + 1) + " more."]);
    }
    setTimeout(function () {
      list.forEach(function (line) {
        var p = document.createElement("p");
        p.textContent = line;
        statusEl.appendChild(p);
      });
    }, 30);
  }
  function note(lines) {
    var text = [storeNote].concat(lines).filter(function (l) { return l; }).join(" ");
    noteEl.textContent = text;
    noteEl.hidden = !text;
  }
  function num(v) { return typeof v === "number" && isFinite(v); }

  // ---- reading everything saved under iic: ----------------------------------------
  var readNotes = [];
  function readAll() {
    var got = sw.readDocument(store);
    if (got.messages.length) {
      // Said once, then kept on screen: these parts are now in the set-aside list.
      readNotes = got.messages.concat([sw.schema["x-messages"].after]);
    }
    note(readNotes);
    return got.doc;
  }

  // ---- tables -----------------------------------------------------------------------
  function dateCell(td, iso) {
    td.textContent = "";
    var t = sw.timeMs(iso);
    if (t === null) { td.textContent = "\u2013"; return; }
    var el = document.createElement("time");
    el.setAttribute("datetime", iso);
    el.textContent = new Date(t).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
    td.appendChild(el);
  }
  function cell(tr, tag, cls, label, text) {
    var c = document.createElement(tag);
    if (cls) { c.className = cls; }
    c.setAttribute("role", tag === "th" ? "rowheader" : "cell");
    if (tag === "th") { c.setAttribute("scope", "row"); }
    c.setAttribute("data-label", label);
    if (text !== undefined) { c.textContent = text; }
    tr.appendChild(c);
    return c;
  }
  function row(cls) {
    var tr = document.createElement("tr");
    tr.className = cls;
    tr.setAttribute("role", "row");
    return tr;
  }

  function renderQuizzes(doc) {
    Array.prototype.forEach.call(root.querySelectorAll(".iic-progress-quizzes tr[data-quiz-id]"), function (tr) {
      var q = get(doc.quizzes, tr.getAttribute("data-quiz-id"));
      var sc = tr.querySelector(".iic-progress-score");
      if (q && num(get(q, "score")) && num(get(q, "total"))) {
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
  }

  function scoreOf(v) {
    var report = get(v, "report");
    if (isObj(report) && num(get(report, "score"))) { return report; }
    if (num(get(v, "score"))) { return { score: v.score, level: get(v, "level") }; }
    return null;
  }
  function fillWork(tr, value) {
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
    var level = s && typeof s.level === "string" ? " (" + s.level.replace("-", " ") + ")" : "";
    sc.textContent = s ? s.score + " / 100" + level : "No score";
    if (s) { sc.setAttribute("data-score", String(s.score)); } else { sc.removeAttribute("data-score"); }
    dateCell(tr.querySelector(".iic-progress-date"), get(value, "saved_at"));
  }
  function renderWork(doc) {
    var tbody = root.querySelector(".iic-progress-work tbody");
    Array.prototype.forEach.call(tbody.querySelectorAll(".iic-progress-extra"), function (tr) { tr.remove(); });
    Array.prototype.forEach.call(tbody.querySelectorAll("tr[data-key]"), function (tr) {
      var parts = tr.getAttribute("data-key").split(":");
      var section = parts[1] === "exercise" ? doc.exercises : doc.worksheets;
      fillWork(tr, get(section, parts.slice(2).join(":")));
    });
    // Work this page has no row for (from a newer course, or an import): listed after,
    // and only the first few, so a file with thousands of names stays quick to show.
    var extras = [];
    Object.keys(doc.exercises).sort().forEach(function (k) {
      if (!own(cfg.exerciseTitles, k)) { extras.push(["iic:exercise:" + k, "Exercise: " + k, doc.exercises[k]]); }
    });
    Object.keys(doc.worksheets).sort().forEach(function (k) {
      // The learner's name has its own fields on this page; it is not a piece of work.
      if (!own(cfg.worksheetTitles, k) && k !== "learner") { extras.push(["iic:worksheet:" + k, "Worksheet: " + k, doc.worksheets[k]]); }
    });
    var frag = document.createDocumentFragment();
    extras.slice(0, EXTRA_ROWS_SHOWN).forEach(function (x) {
      var tr = row("iic-progress-row iic-progress-extra");
      tr.setAttribute("data-key", x[0]);
      cell(tr, "th", "", "Work", x[1]);
      cell(tr, "td", "iic-progress-state", "Saved");
      cell(tr, "td", "iic-progress-score", "Latest score");
      cell(tr, "td", "iic-progress-date", "Last saved");
      fillWork(tr, x[2]);
      frag.appendChild(tr);
    });
    if (extras.length > EXTRA_ROWS_SHOWN) {
      var more = row("iic-progress-extra iic-progress-more");
      var td = cell(more, "td", "", "More", "\u2026and " + (extras.length - EXTRA_ROWS_SHOWN) +
        " more saved entries from other versions of the course; they are kept and exported.");
      td.setAttribute("colspan", "4");
      frag.appendChild(more);
    }
    tbody.appendChild(frag);
  }

  function personaOf(record) {
    var pid = get(record, "persona");
    var p = typeof pid === "string" ? get(cfg.personas, pid) : undefined;
    return isObj(p) ? p : { name: typeof pid === "string" && pid ? pid : "Unknown person", role: "", organisation: "" };
  }
  function renderRehearsals(doc) {
    var tbody = root.querySelector(".iic-progress-rehearsals tbody");
    var none = tbody.querySelector(".iic-progress-none");
    Array.prototype.forEach.call(tbody.querySelectorAll(".iic-progress-rehearsal"), function (tr) { tr.remove(); });
    none.hidden = doc.rehearsals.length > 0;
    var frag = document.createDocumentFragment();
    // Newest first: the one a learner just finished is the one they look for.
    doc.rehearsals.map(function (r, i) { return [r, i]; }).reverse().forEach(function (pair) {
      var record = pair[0], who = personaOf(record);
      var tr = row("iic-progress-row iic-progress-rehearsal");
      tr.setAttribute("data-index", String(pair[1]));
      var th = cell(tr, "th", "", "Person", who.name);
      if (who.role) {
        var role = document.createElement("span");
        role.className = "iic-progress-role";
        role.textContent = who.role;
        th.appendChild(document.createElement("br"));
        th.appendChild(role);
      }
      var minutes = get(record, "minutes");
      cell(tr, "td", "", "Agreed length", num(minutes) ? minutes + " minutes" : "\u2013");
      var turns = get(record, "transcript");
      cell(tr, "td", "iic-progress-turns", "Messages", String(Array.isArray(turns) ? turns.length : 0));
      dateCell(cell(tr, "td", "iic-progress-date", "Saved"), get(record, "saved_at"));
      var act = cell(tr, "td", "", "Transcript");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "iic-progress-transcript";
      button.textContent = "Download transcript";
      var when = sw.timeMs(get(record, "saved_at")) !== null ? " from " + record.saved_at.slice(0, 10) : "";
      button.setAttribute("aria-label", "Download the transcript of your conversation with " + who.name + when + " (.md)");
      button.addEventListener("click", function () { downloadTranscript(record, who); });
      act.appendChild(button);
      frag.appendChild(tr);
    });
    tbody.appendChild(frag);
  }

  function renderSetAside(doc) {
    var box = root.querySelector(".iic-progress-aside");
    var list = box.querySelector(".iic-progress-aside-list");
    var parts = doc.set_aside;
    box.hidden = !parts.length;
    list.textContent = "";
    if (!parts.length) { return; }
    box.querySelector(".iic-progress-aside-text").textContent = parts.length + " part(s) of your saved work " +
      "could not be read as they were. Nothing was thrown away: they are kept in this browser and " +
      "included, unchanged, when you export your work (under \u201cset_aside\u201d).";
    parts.slice(-ASIDE_SHOWN).reverse().forEach(function (p) {
      var li = document.createElement("li");
      var what = get(p, "parts");
      var day = sw.timeMs(get(p, "at")) !== null ? p.at.slice(0, 10) + ": " : "";
      li.textContent = day + String(get(p, "where")) +
        (Array.isArray(what) && what.length && what[0] ? " (" + what.slice(0, 3).join(", ") + ")" : "");
      list.appendChild(li);
    });
    if (parts.length > ASIDE_SHOWN) {
      var li = document.createElement("li");
      li.textContent = "\u2026and " + (parts.length - ASIDE_SHOWN) + " older ones.";
      list.appendChild(li);
    }
  }

  function render(known) {
    var doc = known || readAll();
    renderQuizzes(doc);
    renderWork(doc);
    renderRehearsals(doc);
    renderSetAside(doc);
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

  function downloadTranscript(record, who) {
    var pid = String(get(record, "persona") || "conversation").replace(/[^a-z0-9-]+/gi, "-");
    var day = sw.timeMs(get(record, "saved_at")) !== null ? "-" + record.saved_at.slice(0, 10) : "";
    download("rehearsal-" + pid + day + ".md", "text/markdown", kit.rehearsalMarkdown(record, cfg.personas));
    say("The transcript of your conversation with " + who.name + " was downloaded.");
  }

  // ---- whose work: the name typed on this page (iic:worksheet:learner) ----------------
  function learnerName(doc) {
    var sheet = get(get(doc, "worksheets"), "learner");
    var name = isObj(sheet) ? get(sheet, "name") : "";
    return typeof name === "string" ? name.trim() : "";
  }
  // interview_work-ama-osei-2026-12-03.json: the name (letters and digits) and the date.
  function fileName(stem, ext, doc) {
    var slug = learnerName(doc).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "").slice(0, 40);
    return stem + (slug ? "-" + slug : "") + "-" + new Date().toISOString().slice(0, 10) + "." + ext;
  }

  root.querySelector(".iic-progress-export").addEventListener("click", function () {
    var doc = readAll(), name = fileName("interview_work", "json", doc);
    download(name, "application/json", JSON.stringify(doc, null, 2) + "\n");
    say("Your work was exported as " + name + ". Import it here in another browser, " +
        "or upload it next to a course notebook." +
        (learnerName(doc) ? "" : " If it is for an instructor, add your name above first."));
  });
  // The kit is written by the course's Python (exercises.storage.interview_kit_markdown),
  // run by this page's worker, so the notebook and the book give the same kit.
  root.querySelector(".iic-progress-kit").addEventListener("click", function () {
    var doc = readAll(), name = fileName("interview_kit", "md", doc);
    if (!window.iicGetCoach) {
      say("The kit cannot be made here: the page's coach did not load. Export your work instead.");
      return;
    }
    var items = {};
    if (store) {
      for (var i = 0; i < store.length; i++) {
        var k = store.key(i);
        if (k && k.indexOf("iic:") === 0) { items[k] = store.getItem(k); }
      }
    }
    var failed = function (err) {
      say("The kit could not be made (" + err.message + "). Export your work instead; nothing is lost.");
    };
    say("Preparing your interview kit in this browser...");
    window.iicGetCoach().classroom("kit", { storage: items }).then(function (out) {
      if (out.error) { throw new Error(out.error); }
      download(name, "text/markdown", out.markdown);
      say("Your interview kit was downloaded as " + name + ".");
    }).catch(failed);
  });

  // ---- import -----------------------------------------------------------------------
  function parseDocument(text) {
    var data;
    if (!String(text).trim()) { throw new Error("The file is empty."); }
    try { data = JSON.parse(text); } catch (e) {
      throw new Error("The file is not valid JSON; it may be damaged or not a saved-work export.");
    }
    if (!isObj(data) || get(data, "format") !== FORMAT) {
      throw new Error("This file is not saved work from this course.");
    }
    var version = get(data, "version");
    if (!num(version) || version < 1 || Math.floor(version) !== version) {
      throw new Error("This saved-work file has no valid version number.");
    }
    if (version > VERSION) {
      throw new Error("This saved-work file is version " + version + ", made by a newer course; this page reads version " + VERSION + ".");
    }
    return data;
  }

  // The storage keys that hold something now: read just before the import.
  function existingKeys(doc) {
    var keys = {};
    [["exercises", "iic:exercise:"], ["worksheets", "iic:worksheet:"], ["quizzes", "iic:quiz:"]].forEach(function (s) {
      Object.keys(doc[s[0]]).forEach(function (k) { sw.put(keys, s[1] + k, true); });
    });
    keys["iic:rehearsals"] = true;
    keys[sw.SET_ASIDE_KEY] = true;
    return keys;
  }

  /* What an import will write: {writes: {key: value}, messages}. Pure: reads nothing. */
  function planImport(data, mine) {
    var q0 = performance.now();
    var checked = sw.fitDocument(data);
    window.__T.fit = performance.now() - q0; q0 = performance.now();
    var at = sw.timeMs(get(data, "exported_at")) !== null ? data.exported_at : new Date().toISOString();
    var dropped = [];
    checked.dropped.forEach(function (d) {
      checked.doc.set_aside.push({ where: "file: " + d.where, parts: d.parts, value: d.value, at: at });
      if (!d.name && d.section !== "rehearsals" && d.section !== "set_aside") {
        dropped.push("The " + d.section + " part of the file was unreadable and was set aside.");
      } else {
        dropped.push(sw.message(sw.sectionRule(d.section, d.name), d.parts));
      }
    });
    if (dropped.length) { dropped.push(sw.schema["x-messages"].after); }
    var merged = sw.mergeDocuments(mine, checked.doc);
    window.__T.merge = performance.now() - q0; q0 = performance.now();
    var writes = {}, changed = merged.changed;
    changed.exercises.forEach(function (k) { sw.put(writes, "iic:exercise:" + k, merged.doc.exercises[k]); });
    changed.worksheets.forEach(function (k) { sw.put(writes, "iic:worksheet:" + k, merged.doc.worksheets[k]); });
    changed.quizzes.forEach(function (k) { sw.put(writes, "iic:quiz:" + k, merged.doc.quizzes[k]); });
    if (changed.rehearsals) { writes["iic:rehearsals"] = merged.doc.rehearsals.slice(-REHEARSALS_KEPT); }
    if (changed.set_aside) { writes[sw.SET_ASIDE_KEY] = merged.doc.set_aside.slice(-SET_ASIDE_KEPT); }
    return { writes: writes, messages: dropped.concat(merged.messages), doc: merged.doc,
             existing: existingKeys(mine) };
  }

  // All or nothing: if the browser runs out of space half way, put back what was there.
  function applyWrites(writes, known) {
    var before = {}, keys = Object.keys(writes);
    // Keys this page knows are new need no copy to put back (most of a big import).
    keys.forEach(function (k) { sw.put(before, k, known && !own(known, k) ? null : store.getItem(k)); });
    try {
      keys.forEach(function (k) {
        var text = JSON.stringify(writes[k]);
        store.setItem(k, text);
        sw.seen(k, text);
      });
    } catch (e) {
      keys.forEach(function (k) {
        try { if (before[k] === null) { store.removeItem(k); } else { store.setItem(k, before[k]); } } catch (e2) { /* keep going */ }
      });
      throw new Error("This browser has no room left for the imported work; nothing was changed.");
    }
  }

  // Someone else's file never mixes into this learner's work without a yes.
  function otherLearner(data, mine) {
    var theirs = learnerName(data), mineName = learnerName(mine);
    if (!theirs || theirs.toLowerCase() === mineName.toLowerCase()) { return ""; }
    var ownWork = Object.keys(mine.exercises).length + Object.keys(mine.quizzes).length +
      Object.keys(mine.worksheets).filter(function (k) { return k !== "learner"; }).length + mine.rehearsals.length;
    if (!mineName && !ownWork) { return ""; }
    return "This file is " + theirs + "\u2019s work, but the work in this browser is " +
      (mineName ? mineName + "\u2019s" : "yours (no name given)") + ". Importing it would mix the two, " +
      "and newer parts of the file would replace your own.";
  }
  var pendingImport = null;
  var otherBox = document.createElement("div");
  otherBox.className = "iic-progress-other";
  otherBox.setAttribute("role", "group");
  otherBox.hidden = true;
  var otherText = document.createElement("p");
  otherText.id = uid + "-other-text";
  otherBox.setAttribute("aria-labelledby", otherText.id);
  var otherYes = document.createElement("button");
  otherYes.type = "button";
  otherYes.className = "iic-progress-other-yes";
  otherYes.textContent = "Import it anyway (keep my name)";
  var otherNo = document.createElement("button");
  otherNo.type = "button";
  otherNo.className = "iic-progress-other-no";
  otherNo.textContent = "Cancel: do not import";
  otherBox.appendChild(otherText);
  otherBox.appendChild(otherYes);
  otherBox.appendChild(document.createTextNode(" "));
  otherBox.appendChild(otherNo);
  confirmBox.parentNode.insertBefore(otherBox, confirmBox);
  otherNo.addEventListener("click", function () {
    pendingImport = null;
    otherBox.hidden = true;
    fileInput.focus();
    say("Nothing was imported. Your saved work is unchanged.");
  });
  otherYes.addEventListener("click", function () {
    var held = pendingImport;
    pendingImport = null;
    otherBox.hidden = true;
    if (!held) { return; }
    if (isObj(get(held.data, "worksheets"))) { delete held.data.worksheets.learner; }
    importText(held.data, held.started, true);
  });

  function importText(text, started, accepted) {
    window.__T = {parseStart: performance.now() - started};
    if (!store) { say("Nothing was imported: this browser is not letting the page store data."); return; }
    var data;
    if (accepted) { data = text; } else {
      try { data = parseDocument(text); } catch (e) {
        say("Nothing was imported: " + e.message + " Your saved work is unchanged.");
        return;
      }
    }
    var t0 = performance.now();
    var mine = readAll(); window.__T.readAll = performance.now() - t0; t0 = performance.now();
    var warning = accepted ? "" : otherLearner(data, mine);
    if (warning) {
      pendingImport = { data: data, started: started };
      otherText.textContent = warning + " Nothing has been imported yet.";
      otherBox.hidden = false;
      otherNo.focus();  // the safe choice first
      say("Check the question above before anything is imported.");
      return;
    }
    var plan = planImport(data, mine); window.__T.plan = performance.now() - t0; t0 = performance.now();
    try { applyWrites(plan.writes, plan.existing); } catch (e) { say(e.message); return; }
    window.__T.apply = performance.now() - t0; t0 = performance.now();
    render(plan.doc); window.__T.render = performance.now() - t0;  // what storage now holds, without reading it all back
    say(["Import finished."].concat(plan.messages));
    root.setAttribute("data-import-ms", String(Math.round(performance.now() - started)));
  }

  fileInput.addEventListener("change", function () {
    var file = fileInput.files && fileInput.files[0];
    if (!file) { return; }
    var started = performance.now();
    var reader = new FileReader();
    reader.onload = function () { importText(String(reader.result), started); fileInput.value = ""; };
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
    readNotes = [];
    closeConfirm();
    render();
    say(removed ? "Your saved work was deleted from this browser." : "There was no saved work to delete.");
  });

  resetBtn.setAttribute("aria-expanded", "false");
  resetBtn.setAttribute("aria-controls", confirmBox.id);
  render();
  // Other tabs (a quiz checked, a rehearsal finished) change storage: keep the tables current.
  var pending = null;
  window.addEventListener("storage", function (ev) {
    if (ev.key && ev.key.indexOf("iic:") !== 0) { return; }
    clearTimeout(pending);
    pending = setTimeout(render, 50);
  });
}
