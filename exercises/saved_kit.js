/* Saved work as readable Markdown on the progress page: the interview kit and a
 * rehearsal's transcript. A port of exercises/saved_kit.py, which is the reference:
 * tests/test_saved_kit.py runs both on the same random saved work and requires the
 * same text, character for character. Defines one function, iicSavedKitMake(sw),
 * where sw is iicSavedWorkMake(schema) (for times and titles); no globals.
 * Untrusted text is escaped: see saved_kit.py for the rules.
 */
function iicSavedKitMake(sw) {
  "use strict";
  var UNSAFE_LINK = /(?<![A-Za-z0-9])(?:javascript|vbscript|data|file)[ \t]*:[^ \t\r\n()<>[\]"']*/gi;
  var LINK_REMOVED = "(unsafe link removed)";
  var SPECIAL = /([\\`*_[\]<>&|~])/g;
  var CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;
  var SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
  var SPACES = /[ \t\r\n\f\v]+/g;
  var LINE_BREAK = /\r\n|\r|\n/;
  var PLANNING_ORDER = ["learn_about", "learn_detail", "from_whom", "format", "minutes", "researched"];
  var own = sw.own, get = sw.get, isObj = sw.isObj;

  function trimAscii(text) { return text.replace(/^[ \t\r\n\f\v]+|[ \t\r\n\f\v]+$/g, ""); }
  function trimSpaces(text) { return text.replace(/^ +| +$/g, ""); }
  function clean(text) { return text.replace(CONTROL, "").replace(SURROGATE, "\ufffd"); }
  function isNum(v) { return typeof v === "number" && isFinite(v); }
  function byCodeUnits(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  function mdInline(text) {
    var line = trimSpaces(clean(String(text)).replace(SPACES, " "));
    line = line.replace(UNSAFE_LINK, LINK_REMOVED);
    line = line.replace(SPECIAL, "\\$1");
    line = line.replace(/^([#+\-=])/, "\\$1");
    return line.replace(/^(\d+)([.)])/, "$1\\$2");
  }
  function quote(text) {
    var lines = trimAscii(clean(text)).split(LINE_BREAK);
    return lines.map(function (l) { return ("> " + mdInline(l)).replace(/[ \t\r\n\f\v]+$/, ""); }).join("\n");
  }
  function jsNumber(v) { return String(v === 0 ? 0 : v); }
  function human(key) {
    var words = trimAscii(String(key).split("_").join(" ").split("-").join(" "));
    if (!words) { return words; }
    var first = words.charAt(0), rest = words.slice(1);
    return (first >= "a" && first <= "z" ? first.toUpperCase() : first) +
      rest.replace(/[A-Z]/g, function (c) { return c.toLowerCase(); });
  }
  function empty(v) { return v === "" || v === null || v === undefined || (Array.isArray(v) && !v.length) || (isObj(v) && !Object.keys(v).length); }
  function valueText(v) {
    if (typeof v === "boolean") { return v ? "yes" : "no"; }
    if (v === null || v === undefined) { return ""; }
    if (typeof v === "number") { return jsNumber(v); }
    if (Array.isArray(v)) { return v.filter(function (x) { return !empty(x); }).map(valueText).join("; "); }
    if (isObj(v)) {
      return Object.keys(v).sort(byCodeUnits).filter(function (k) { return !empty(v[k]); })
        .map(function (k) { return human(k) + ": " + valueText(v[k]); }).join("; ");
    }
    return trimSpaces(String(v).replace(SPACES, " "));
  }
  function day(iso) { return sw.timeMs(iso) !== null ? iso.slice(0, 10) : "-"; }
  function cell(text) { return mdInline(text) || "-"; }

  function orderedQuestions(entry) {
    var report = isObj(get(entry, "report")) ? entry.report : {};
    var infos = Array.isArray(get(report, "questions")) ? report.questions : [];
    var texts = infos.filter(isObj).map(function (q) { return typeof get(q, "text") === "string" ? q.text : ""; });
    var order = get(report, "suggested_order");
    if (texts.length && Array.isArray(order) && order.every(function (i) { return typeof i === "number" && Math.floor(i) === i; }) &&
        order.slice().sort(function (a, b) { return a - b; }).join() === texts.map(function (_, i) { return i; }).join()) {
      return order.map(function (i) { return texts[i]; });
    }
    if (texts.length) { return texts; }
    var text = get(entry, "text");
    return (text === undefined ? "" : String(text)).split(LINE_BREAK)
      .map(function (l) { return trimAscii(trimAscii(l).replace(/^[-*0-9.) ]+/, "")); })
      .filter(function (l) { return l; });
  }
  // Python's str() of a question text: text is a string once the schema has checked it.
  function valueOrEmpty(v) { return v === undefined ? "" : String(v); }

  function sheetRows(sheet, order) {
    order = order || [];
    var keys = order.filter(function (k) { return own(sheet, k); })
      .concat(Object.keys(sheet).filter(function (k) { return order.indexOf(k) < 0; }).sort(byCodeUnits));
    return keys.filter(function (k) { return k !== "saved_at" && valueText(sheet[k]); })
      .map(function (k) { return "- **" + mdInline(human(k)) + "**: " + mdInline(valueText(sheet[k])); });
  }

  // The campaign tracker (contacts as a list; first_three holds contact ids).
  function trackerRows(sheet, circles) {
    var first = Array.isArray(get(sheet, "first_three")) ? sheet.first_three : [];
    var labels = {};
    circles.forEach(function (c) { sw.put(labels, c[0], c[1]); });
    var rows = [];
    sheet.contacts.forEach(function (person) {
      if (!isObj(person) || typeof get(person, "name") !== "string") { return; }
      var text = function (key) { return typeof get(person, key) === "string" ? person[key] : ""; };
      var pid = text("id"), circle = text("circle");
      var rank = pid && first.indexOf(pid) >= 0 ? String(first.indexOf(pid) + 1) : "";
      rows.push("| " + cell(person.name) + " | " + cell(text("organisation")) + " | " +
        cell(own(labels, circle) ? labels[circle] : human(circle)) + " | " + cell(human(text("stage"))) +
        " | " + cell(text("note")) + " | " + (rank || "-") + " |");
    });
    if (!rows.length) { return ["_No contacts saved yet._"]; }
    return ["| Name | Organisation | Circle | Stage | Note | Ask first |",
            "|---|---|---|---|---|---|"].concat(rows);
  }

  function contactsRows(sheet, circles) {
    if (Array.isArray(get(sheet, "contacts"))) { return trackerRows(sheet, circles); }
    var saved = isObj(get(sheet, "circles")) ? sheet.circles : {};
    var first = Array.isArray(get(sheet, "first_three")) ? sheet.first_three : [];
    var known = circles.map(function (c) { return c[0]; });
    var labels = {};
    circles.forEach(function (c) { sw.put(labels, c[0], c[1]); });
    var order = known.filter(function (c) { return own(saved, c); })
      .concat(Object.keys(saved).filter(function (c) { return known.indexOf(c) < 0; }).sort(byCodeUnits));
    var rows = [];
    order.forEach(function (circle) {
      var people = Array.isArray(saved[circle]) ? saved[circle] : [];
      people.forEach(function (person) {
        if (!isObj(person) || typeof get(person, "name") !== "string") { return; }
        var rank = first.indexOf(person.name) >= 0 ? String(first.indexOf(person.name) + 1) : "";
        rows.push("| " + cell(person.name) + " | " + cell(own(labels, circle) ? labels[circle] : human(circle)) +
          " | " + cell(own(person, "note") ? person.note : "") + " | " + (rank || "-") + " |");
      });
    });
    if (!rows.length) { return ["_No contacts saved yet._"]; }
    return ["| Name | Circle | Note | Ask first |", "|---|---|---|---|"].concat(rows);
  }

  function persona(personas, pid) {
    var found = typeof pid === "string" ? get(personas, pid) : undefined;
    if (isObj(found)) {
      return { name: valueOrEmpty(get(found, "name")), role: valueOrEmpty(get(found, "role")),
               organisation: valueOrEmpty(get(found, "organisation")) };
    }
    return { name: typeof pid === "string" && pid ? pid : "Unknown person", role: "", organisation: "" };
  }
  function minutes(v) { return isNum(v) ? jsNumber(v) : "-"; }

  function rehearsalRows(rehearsals, personas) {
    var rows = [];
    rehearsals.forEach(function (r) {
      if (!isObj(r)) { return; }
      var who = persona(personas, get(r, "persona"));
      var turns = Array.isArray(get(r, "transcript")) ? r.transcript : [];
      rows.push("| " + cell(who.name) + " | " + minutes(get(r, "minutes")) + " min | " + turns.length +
        " | " + day(get(r, "saved_at")) + " |");
    });
    if (!rows.length) { return ["_No practice conversations saved yet._"]; }
    return ["| Person | Agreed length | Messages | Saved |", "|---|---|---|---|"].concat(rows);
  }

  /* ctx: {madeOn, quizTitles: {id: title}, circles: [[id, label]], personas: {id: {name, role, organisation}}} */
  function interviewKit(doc, ctx) {
    var ex = isObj(get(doc, "exercises")) ? doc.exercises : {};
    var sheets = isObj(get(doc, "worksheets")) ? doc.worksheets : {};
    var out = ["# My informational interview kit", "", "Made on " + mdInline(ctx.madeOn) + " from my saved course work.", ""];
    function textSection(heading, kind, emptyText) {
      out.push("## " + heading, "");
      var entry = isObj(get(ex, kind)) ? ex[kind] : {};
      var text = typeof get(entry, "text") === "string" ? entry.text : "";
      out.push(trimAscii(text) ? quote(text) : emptyText, "");
    }
    textSection("Learning goal", "goal", "_No learning goal saved yet._");
    out.push("## Planning worksheet", "");
    var planning = isObj(get(sheets, "planning")) ? sheets.planning : {};
    var rows = sheetRows(planning, PLANNING_ORDER);
    out.push.apply(out, rows.length ? rows : ["_No planning worksheet saved yet._"]);
    out.push("");
    textSection("Pitch", "pitch", "_No pitch saved yet._");
    out.push("## Questions, in suggested order", "");
    var qs = orderedQuestions(isObj(get(ex, "questions")) ? ex.questions : {});
    out.push.apply(out, qs.length ? qs.map(function (q, i) { return (i + 1) + ". " + mdInline(q); }) : ["_No questions saved yet._"]);
    out.push("");
    textSection("Thank-you note", "thanks", "_No thank-you note saved yet._");
    out.push("## Contacts", "");
    out.push.apply(out, contactsRows(isObj(get(sheets, "contacts")) ? sheets.contacts : {}, ctx.circles));
    out.push("");
    Object.keys(sheets).sort(byCodeUnits).forEach(function (name) {
      if (name === "planning" || name === "contacts" || !isObj(sheets[name])) { return; }
      out.push("## Worksheet: " + mdInline(human(name)), "");
      var r = sheetRows(sheets[name]);
      out.push.apply(out, r.length ? r : ["_Empty._"]);
      out.push("");
    });
    out.push("## Practice conversations", "");
    out.push.apply(out, rehearsalRows(Array.isArray(get(doc, "rehearsals")) ? doc.rehearsals : [], ctx.personas));
    out.push("");
    out.push("## Latest scores", "", "| Work | Score | Level | Saved |", "|---|---|---|---|");
    var scoreRows = [];
    Object.keys(ex).sort(byCodeUnits).forEach(function (kind) {
      var entry = isObj(ex[kind]) ? ex[kind] : {};
      var report = isObj(get(entry, "report")) ? entry.report : {};
      var score = get(report, "score");
      var level = typeof get(report, "level") === "string" ? report.level : "";
      scoreRows.push("| " + cell(sw.title("exercises", kind)) + " | " + (isNum(score) ? jsNumber(score) + "/100" : "-") +
        " | " + cell(level) + " | " + day(get(entry, "saved_at")) + " |");
    });
    var quizzes = isObj(get(doc, "quizzes")) ? doc.quizzes : {};
    Object.keys(quizzes).sort(byCodeUnits).forEach(function (id) {
      var result = isObj(quizzes[id]) ? quizzes[id] : {};
      var score = get(result, "score"), total = get(result, "total");
      if (!isNum(score) || !isNum(total)) { return; }  // opened, never checked
      scoreRows.push("| Quiz: " + cell(own(ctx.quizTitles, id) ? ctx.quizTitles[id] : id) + " | " +
        jsNumber(score) + "/" + jsNumber(total) + " | - | " + day(get(result, "updated")) + " |");
    });
    out.push.apply(out, scoreRows.length ? scoreRows : ["| Nothing scored yet | - | - | - |"]);
    return trimAscii(out.join("\n")) + "\n";
  }

  function rehearsalMarkdown(record, personas) {
    record = isObj(record) ? record : {};
    var who = persona(personas, get(record, "persona"));
    var name = mdInline(who.name);
    var about = [who.role, who.organisation].filter(function (x) { return x; }).map(mdInline).join(", ");
    var detail = "Agreed length: " + minutes(get(record, "minutes")) + " minutes. Saved on " + day(get(record, "saved_at")) + ".";
    var lines = ["# Practice interview with " + name, "", about ? about + ". " + detail : detail, "",
                 "(A simulated professional: names and organisations are fictional.)", ""];
    var turns = Array.isArray(get(record, "transcript")) ? record.transcript : [];
    turns.forEach(function (t) {
      if (!isObj(t)) { return; }
      var q = typeof get(t, "question") === "string" ? t.question : "";
      var a = typeof get(t, "reply") === "string" ? t.reply : "";
      lines.push("**You:** " + mdInline(q), "", "**" + name + ":** " + mdInline(a), "");
    });
    if (!turns.length) { lines.push("_No questions were asked in this conversation._", ""); }
    var debrief = isObj(get(record, "debrief")) ? record.debrief : {};
    var summary = get(debrief, "encouragement"), covered = get(debrief, "categories_covered");
    if (typeof summary === "string" || Array.isArray(covered)) {
      lines.push("## Debrief", "");
      if (typeof summary === "string" && trimAscii(summary)) { lines.push(mdInline(summary), ""); }
      if (Array.isArray(covered)) {
        var topics = covered.map(function (c) { return mdInline(valueText(c)); }).join(", ") || "none";
        lines.push("- Topics covered: " + topics, "");
      }
    }
    return trimAscii(lines.join("\n")) + "\n";
  }

  return { interviewKit: interviewKit, rehearsalMarkdown: rehearsalMarkdown, mdInline: mdInline };
}
