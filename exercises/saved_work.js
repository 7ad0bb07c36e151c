/* Saved work in the browser, checked against the one schema (saved_work.schema.json).
 *
 * The same rules as exercises/saved_schema.py, which is the reference:
 * tests/test_saved_schema.py runs both on the same random values and requires the
 * same answer. This file defines one function, iicSavedWorkMake(schema), and no
 * globals of its own: it is inlined into quizzes and the progress page, and the
 * site build wraps it into _static/iic-saved-work.js for the exercise runtime.
 *
 * What it gives every reader of localStorage:
 *   fit(value, node)      the parts of value that fit, and the paths dropped
 *   load(store, key)      read one entry; a part that does not fit is set aside
 *                         (kept under "iic:set-aside") and the repaired entry saved,
 *                         so one bad entry never stops anything else
 *   save(store, key, v)   write one entry; if another tab wrote it since this page
 *                         last read it, that version is set aside, never lost
 *   readDocument(store)   every iic: key as one saved-work document
 * Objects built here use own properties even for keys such as "__proto__", and
 * lookups go through own(), so a key named "constructor" is just a key.
 */
function iicSavedWorkMake(schema) {
  "use strict";
  var SET_ASIDE_KEY = "iic:set-aside";
  var SET_ASIDE_LIMIT = 200;
  var hasOwn = Object.prototype.hasOwnProperty;
  var lastSeen = {};  // key -> the raw text this page last read or wrote

  function own(obj, key) { return obj !== null && typeof obj === "object" && hasOwn.call(obj, key); }
  function get(obj, key) { return own(obj, key) ? obj[key] : undefined; }
  function put(obj, key, value) {
    // Plain assignment is fast; only "__proto__" needs defineProperty to stay a key.
    if (key === "__proto__") {
      Object.defineProperty(obj, key, { value: value, enumerable: true, writable: true, configurable: true });
    } else {
      obj[key] = value;
    }
    return obj;
  }
  function isObj(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function copy(v) { return v === undefined ? undefined : JSON.parse(JSON.stringify(v)); }

  // ---- the checker ------------------------------------------------------------------
  function resolve(node) {
    for (var n = 0; own(node, "$ref"); n++) {
      var ref = node.$ref;
      if (typeof ref !== "string" || ref.indexOf("#/$defs/") !== 0 || n > 50) { throw new Error("bad $ref " + ref); }
      node = get(schema.$defs, ref.slice(8));
      if (!node) { throw new Error("unknown $ref " + ref); }
    }
    return node;
  }
  function isNumber(v) { return typeof v === "number" && isFinite(v); }
  function hasType(v, name) {
    switch (name) {
      case "null": return v === null;
      case "boolean": return typeof v === "boolean";
      case "number": return isNumber(v);
      case "integer": return isNumber(v) && Math.floor(v) === v;
      case "string": return typeof v === "string";
      case "array": return Array.isArray(v);
      case "object": return isObj(v);
      default: throw new Error("unsupported type " + name);
    }
  }
  var patterns = {};
  function pattern(p) {
    if (!own(patterns, p)) {
      if (p.charAt(0) !== "^" || p.charAt(p.length - 1) !== "$") { throw new Error("unanchored pattern " + p); }
      put(patterns, p, new RegExp(p));
    }
    return patterns[p];
  }
  function join(path, key) { return path ? path + "." + key : key; }
  // Each schema node is read once into a record of its checks (a 20,000-entry import
  // visits the same few nodes tens of thousands of times).
  var compiled = new Map();
  function compile(node) {
    node = resolve(node);
    var c = compiled.get(node);
    if (c) { return c; }
    c = {
      types: own(node, "type") ? (typeof node.type === "string" ? [node.type] : node.type) : null,
      min: own(node, "minimum") ? node.minimum : null,
      max: own(node, "maximum") ? node.maximum : null,
      maxLength: own(node, "maxLength") ? node.maxLength : null,
      pattern: own(node, "pattern") ? pattern(node.pattern) : null,
      props: own(node, "properties") ? node.properties : null,
      extra: own(node, "additionalProperties") ? node.additionalProperties : true,
      names: own(node, "propertyNames") ? node.propertyNames : null,
      required: own(node, "required") ? node.required : [],
      items: own(node, "items") ? node.items : null
    };
    compiled.set(node, c);
    return c;
  }
  function fitsScalar(v, c) {
    if (c.types !== null) {
      var any = false;
      for (var t = 0; t < c.types.length && !any; t++) { any = hasType(v, c.types[t]); }
      if (!any) { return false; }
    }
    if (isNumber(v)) {
      if (c.min !== null && v < c.min) { return false; }
      if (c.max !== null && v > c.max) { return false; }
    }
    if (typeof v === "string") {
      if (c.maxLength !== null && v.length > c.maxLength) { return false; }
      if (c.pattern !== null && !c.pattern.test(v)) { return false; }
    }
    return true;
  }
  var MISSING = {};
  function fitInto(v, node, path, problems) {
    var c = compile(node);
    if (!fitsScalar(v, c)) { problems.push(path); return MISSING; }
    if (isObj(v)) {
      var out = {};
      var keys = Object.keys(v);
      for (var i = 0; i < keys.length; i++) {
        var key = keys[i], where = join(path, key), sub;
        if (c.names !== null && fitInto(key, c.names, where, []) === MISSING) { problems.push(where); continue; }
        if (c.props !== null && own(c.props, key)) { sub = c.props[key]; }
        else if (c.extra === false) { problems.push(where); continue; }
        else if (isObj(c.extra)) { sub = c.extra; }
        else { put(out, key, copy(v[key])); continue; }
        var kept = fitInto(v[key], sub, where, problems);
        if (kept !== MISSING) { put(out, key, kept); }
      }
      for (var r = 0; r < c.required.length; r++) {
        if (!own(out, c.required[r])) { problems.push(join(path, c.required[r])); return MISSING; }
      }
      return out;
    }
    if (Array.isArray(v)) {
      if (c.items === null) { return copy(v); }
      var list = [];
      for (var j = 0; j < v.length; j++) {
        var item = fitInto(v[j], c.items, path + "[" + j + "]", problems);
        if (item !== MISSING) { list.push(item); }
      }
      return list;
    }
    return v;
  }
  /* {ok, value, problems}: ok is false when the value as a whole does not fit. */
  function fit(value, node, path) {
    var problems = [];
    var kept = fitInto(value, node, path || "", problems);
    return { ok: kept !== MISSING, value: kept === MISSING ? null : kept, problems: problems };
  }
  var defNodes = {};
  function fitEntry(defName, value) {
    if (!own(defNodes, defName)) { put(defNodes, defName, resolve({ $ref: "#/$defs/" + defName })); }
    return fit(value, defNodes[defName]);
  }

  // ---- storage keys and messages -------------------------------------------------------
  function rule(key) {
    var rules = schema["x-storage"];
    for (var i = 0; i < rules.length; i++) {
      var r = rules[i];
      if (own(r, "key") && key === r.key) {
        return { section: r.section, name: r.name || "", def: r.def, label: r.label };
      }
      if (own(r, "prefix") && key.indexOf(r.prefix) === 0) {
        var name = key.slice(r.prefix.length);
        if (!fitEntry("name", name).ok) { return null; }
        return { section: r.section, name: name, def: r.def, label: r.label };
      }
    }
    return null;
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return own(values, k) ? values[k] : m; });
  }
  function what(r) { return fill(r.label, { name: r.name }); }
  /* circles.alumni[1].name -> "circles > alumni #2 > name", for a message. */
  function readablePath(path) {
    return path.replace(/\[(\d+)\]/g, function (m, n) { return " #" + (Number(n) + 1); })
      .split(".").join(" > ").split("_").join(" ").replace(/^[ \t\r\n\f\v]+|[ \t\r\n\f\v]+$/g, "");
  }
  /* The sentence a learner reads about one entry's dropped parts ("" when none). */
  function message(r, problems) {
    if (!problems.length) { return ""; }
    var msgs = schema["x-messages"];
    if (problems.indexOf("") >= 0) { return fill(msgs.whole, { what: what(r) }); }
    var unique = [];
    problems.forEach(function (p) { if (unique.indexOf(p) < 0) { unique.push(p); } });
    var parts = unique.slice(0, 3).map(readablePath).join(", ") +
      (unique.length > 3 ? " and " + (unique.length - 3) + " more" : "");
    return fill(msgs.part, { what: what(r), parts: parts });
  }

  // ---- reading and writing one key ---------------------------------------------------
  function now() { return new Date().toISOString(); }

  function setAside(store, record) {
    var list = [];
    var raw = null;
    try { raw = store.getItem(SET_ASIDE_KEY); } catch (e) { raw = null; }
    if (raw !== null) {
      try { list = fitEntry("set_aside", JSON.parse(raw)).value || []; } catch (e) { list = []; }
    }
    var text = JSON.stringify(record.value === undefined ? null : record.value);
    var same = list.some(function (old) { return old.where === record.where && JSON.stringify(get(old, "value") === undefined ? null : old.value) === text; });
    if (!same) {
      list.push({ where: record.where, parts: record.parts, value: record.value === undefined ? null : record.value, at: now() });
    }
    try {
      store.setItem(SET_ASIDE_KEY, JSON.stringify(list.slice(-SET_ASIDE_LIMIT)));
      return true;
    } catch (e) {
      return false;
    }
  }

  /* Read one key. {value (null when nothing usable), problems, message, rule}.
   * Anything that does not fit is kept under iic:set-aside and the entry is saved
   * back without it, so the learner is told once and the page works from then on. */
  function load(store, key) {
    var r = rule(key) || { section: "", name: "", def: null, label: key };
    var raw;
    try { raw = store.getItem(key); } catch (e) { return { value: null, problems: [], message: "", rule: r }; }
    lastSeen[key] = raw;
    if (raw === null || !r.def) { return { value: null, problems: [], message: "", rule: r }; }
    var parsed, checked;
    try { parsed = JSON.parse(raw); } catch (e) { parsed = raw; checked = { ok: false, value: null, problems: [""] }; }
    if (!checked) { checked = fitEntry(r.def, parsed); }
    if (!checked.problems.length) { return { value: checked.value, problems: [], message: "", rule: r }; }
    var kept = setAside(store, { where: key, parts: checked.problems, value: parsed });
    if (kept) {
      try {
        if (checked.ok) { store.setItem(key, JSON.stringify(checked.value)); } else { store.removeItem(key); }
        lastSeen[key] = checked.ok ? JSON.stringify(checked.value) : null;
      } catch (e) { /* nothing more to do: the page uses the repaired copy */ }
    }
    var words = message(r, checked.problems) + " " + schema["x-messages"].after;
    return { value: checked.value, problems: checked.problems, message: words, rule: r };
  }

  /* Read one key without touching anything (no repair, no set-aside, and the key still
   * counts as unread by this page, so a save after it can see another tab's write). */
  function peek(store, key) {
    var r = rule(key);
    var raw = null;
    try { raw = store.getItem(key); } catch (e) { raw = null; }
    if (raw === null || !r) { return { value: null }; }
    try { return { value: fitEntry(r.def, JSON.parse(raw)).value }; } catch (e) { return { value: null }; }
  }

  /* Write one key. If another tab wrote it after this page last read it, that version
   * is set aside first. {ok, conflict, message}. */
  function save(store, key, value) {
    var r = rule(key) || { section: "", name: "", def: null, label: key };
    var conflict = false;
    try {
      var current = store.getItem(key);
      if (own(lastSeen, key) && current !== null && current !== lastSeen[key]) {
        var theirs;
        try { theirs = JSON.parse(current); } catch (e) { theirs = current; }
        conflict = setAside(store, { where: key, parts: ["another tab"], value: theirs }) || true;
      }
      var text = JSON.stringify(value);
      store.setItem(key, text);
      lastSeen[key] = text;
    } catch (e) {
      return { ok: false, conflict: conflict, message: "" };
    }
    return { ok: true, conflict: conflict,
             message: conflict ? fill(schema["x-messages"].conflict, { what: what(r) }) : "" };
  }

  /* Another tab changed a key: remember its text so the next save is not a conflict. */
  function seen(key, raw) { lastSeen[key] = raw; }

  /* Every entry of an imported document checked on its own (as saved_schema.fit_document):
   * {doc: sections with what fits, dropped: [{where, section, name, parts, whole, value}]}. */
  var MAP_SECTIONS = ["exercises", "worksheets", "quizzes"], LIST_SECTIONS = ["rehearsals", "set_aside"];
  function sectionRule(section, name) {
    var rules = schema["x-storage"];
    for (var i = 0; i < rules.length; i++) {
      var r = rules[i];
      if (r.section !== section) { continue; }
      if (own(r, "key") && (!r.name || r.name === name)) { return { section: section, name: name, def: r.def, label: r.label }; }
      if (own(r, "prefix")) { return { section: section, name: name, def: r.def, label: r.label }; }
    }
    throw new Error("unknown section " + section);
  }
  function fitDocument(data) {
    var out = {}, dropped = [];
    MAP_SECTIONS.forEach(function (s) { out[s] = {}; });
    LIST_SECTIONS.forEach(function (s) { out[s] = []; });
    function drop(section, name, parts, value, whole) {
      dropped.push({ where: name ? section + "." + name : section, section: section, name: name,
                     parts: parts, whole: whole, value: value });
    }
    MAP_SECTIONS.forEach(function (section) {
      var value = own(data, section) ? data[section] : {};
      if (!isObj(value)) { drop(section, "", [""], value, true); return; }
      Object.keys(value).forEach(function (name) {
        var entry = value[name];
        if (!fitEntry("name", name).ok) { drop(section, name, [""], entry, true); return; }
        var checked = fitEntry(sectionRule(section, name).def, entry);
        if (checked.problems.length) { drop(section, name, checked.problems, entry, !checked.ok); }
        if (checked.ok) { put(out[section], name, checked.value); }
      });
    });
    LIST_SECTIONS.forEach(function (section) {
      var value = own(data, section) ? data[section] : [];
      var checked = fitEntry(sectionRule(section, "").def, value);
      if (checked.problems.length) { drop(section, "", checked.problems, value, !checked.ok); }
      if (checked.ok) { out[section] = checked.value; }
    });
    return { doc: out, dropped: dropped };
  }

  // ---- merging an import (the rules of saved_merge.py, which is the reference) ----------
  var HISTORY_LIMIT = 100, NAMES_SHOWN = 5;
  var ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;
  var DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  function timeMs(value) {
    if (typeof value !== "string") { return null; }
    var m = ISO.exec(value);
    if (!m) { return null; }
    var y = +m[1], mo = +m[2], d = +m[3], h = +m[4], mi = +m[5], sec = +m[6];
    var leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
    if (!(y >= 1970 && mo >= 1 && mo <= 12 && h < 24 && mi < 60 && sec < 60)) { return null; }
    if (!(d >= 1 && d <= DAYS[mo - 1] + (mo === 2 && leap ? 1 : 0))) { return null; }
    var ms = Number(((m[7] || "0") + "00").slice(0, 3));
    return Date.UTC(y, mo - 1, d, h, mi, sec) + ms;
  }
  function newer(a, b) {
    var ta = timeMs(a), tb = timeMs(b);
    return ta !== null && (tb === null || ta > tb);
  }
  function canonical(v) {
    if (Array.isArray(v)) { return "[" + v.map(canonical).join(",") + "]"; }
    if (isObj(v)) {
      return "{" + Object.keys(v).sort().map(function (k) { return JSON.stringify(k) + ":" + canonical(v[k]); }).join(",") + "}";
    }
    return JSON.stringify(v);
  }
  function mergeHistory(a, b) {
    var seen = {}, out = [];
    (Array.isArray(a) ? a : []).concat(Array.isArray(b) ? b : []).forEach(function (h) {
      var key = canonical(h);
      if (!own(seen, key)) { put(seen, key, true); out.push(h); }
    });
    var keyed = out.map(function (h, i) {
      var t = isObj(h) ? timeMs(get(h, "saved_at")) : null;
      return { h: h, t: t === null ? -1 : t, i: i };
    });
    keyed.sort(function (x, y) { return x.t - y.t || x.i - y.i; });
    return keyed.map(function (k) { return k.h; }).slice(-HISTORY_LIMIT);
  }
  function title(section, name) {
    var titles = get(schema["x-titles"], section);
    return own(titles, name) ? titles[name] : name;
  }
  function names(section, list) {
    var shown = list.slice(0, NAMES_SHOWN).map(function (n) { return title(section, n); }).join(", ");
    return shown + (list.length > NAMES_SHOWN ? " and " + (list.length - NAMES_SHOWN) + " more" : "");
  }
  function isTaken(q) { return isNumber(get(q, "score")) && isNumber(get(q, "total")); }
  function same(a, b) { return canonical(a) === canonical(b); }

  /* {doc: merged, messages, changed}; both hold checked sections. Both documents are
   * used up: the merged document shares their entries (no copies, which keeps a
   * 20,000-entry import quick), so callers pass fresh ones (readDocument, fitDocument). */
  function mergeDocuments(base, incoming) {
    var merged = {};
    ["exercises", "worksheets", "quizzes"].forEach(function (s) {
      merged[s] = {};
      var from = base[s] || {};
      Object.keys(from).forEach(function (k) { put(merged[s], k, from[k]); });
    });
    merged.rehearsals = (base.rehearsals || []).slice();
    merged.set_aside = (base.set_aside || []).slice();
    var changed = { exercises: [], worksheets: [], quizzes: [], rehearsals: false, set_aside: false };
    var messages = [], added = [], replaced = [], kept = [];
    var inc = incoming.exercises || {};
    Object.keys(inc).forEach(function (name) {
      var entry = inc[name], mine = get(merged.exercises, name);
      if (mine === undefined) {
        put(merged.exercises, name, entry);
        added.push(name);
        changed.exercises.push(name);
        return;
      }
      var history = mergeHistory(get(mine, "history"), get(entry, "history"));
      var isNewer = newer(get(entry, "saved_at"), get(mine, "saved_at"));
      if (isNewer) { put(merged.exercises, name, entry); replaced.push(name); } else { kept.push(name); }
      var now = merged.exercises[name];
      if (!same(history, get(now, "history")) || isNewer) { changed.exercises.push(name); }
      put(now, "history", history);
    });
    [["Exercises added from the file", added],
     ["Exercises where the file's version was newer and replaced yours", replaced],
     ["Exercises where your version was newer or the same and was kept", kept]].forEach(function (g) {
      if (g[1].length) { messages.push(g[0] + ": " + names("exercises", g[1]) + "."); }
    });
    added = []; replaced = []; kept = [];
    var sheets = incoming.worksheets || {};
    Object.keys(sheets).forEach(function (name) {
      var sheet = sheets[name], mine = get(merged.worksheets, name);
      if (mine === undefined) { added.push(name); }
      else if (timeMs(get(mine, "saved_at")) !== null && timeMs(get(sheet, "saved_at")) !== null &&
               !newer(get(sheet, "saved_at"), get(mine, "saved_at"))) { kept.push(name); return; }
      else { replaced.push(name); }
      put(merged.worksheets, name, sheet);
      changed.worksheets.push(name);
    });
    [["Worksheets added from the file", added],
     ["Worksheets replaced by the file's version", replaced],
     ["Worksheets where your version was newer and was kept", kept]].forEach(function (g) {
      if (g[1].length) { messages.push(g[0] + ": " + names("worksheets", g[1]) + "."); }
    });
    var results = 0, quizzes = incoming.quizzes || {};
    Object.keys(quizzes).forEach(function (name) {
      var quiz = quizzes[name], mine = get(merged.quizzes, name);
      if (!isTaken(quiz)) {
        if (mine === undefined) { put(merged.quizzes, name, quiz); changed.quizzes.push(name); }
        return;
      }
      if (mine === undefined || newer(get(quiz, "updated"), get(mine, "updated"))) {
        put(merged.quizzes, name, quiz);
        changed.quizzes.push(name);
        results++;
      }
    });
    if (results) { messages.push("Quizzes: " + results + " result(s) added or updated; the others were kept."); }
    [["rehearsals", "Rehearsals: {n} added from the file."],
     ["set_aside", "Set-aside work: {n} part(s) added from the file."]].forEach(function (g) {
      var known = {}, n = 0;
      merged[g[0]].forEach(function (r) { put(known, canonical(r), true); });
      (incoming[g[0]] || []).forEach(function (r) {
        var key = canonical(r);
        if (!own(known, key)) { put(known, key, true); merged[g[0]].push(r); n++; }
      });
      if (n) { changed[g[0]] = true; messages.push(g[1].replace("{n}", String(n))); }
    });
    if (!messages.length) { messages.push("The file holds no saved work; nothing changed."); }
    return { doc: merged, messages: messages, changed: changed };
  }

  /* Every iic: key as one saved-work document, each entry checked on its own. */
  function readDocument(store) {
    var doc = { format: "iic-saved-work", version: 1, exported_at: now(),
                exercises: {}, worksheets: {}, rehearsals: [], quizzes: {}, set_aside: [] };
    var messages = [];
    if (!store) { return { doc: doc, messages: messages }; }
    var keys = [];
    for (var i = 0; i < store.length; i++) { var k = store.key(i); if (k && k.indexOf("iic:") === 0) { keys.push(k); } }
    // Read set-aside last: reading another key may add to it.
    keys.sort(function (a, b) { return (a === SET_ASIDE_KEY) - (b === SET_ASIDE_KEY); });
    keys.forEach(function (key) {
      var r = rule(key);
      if (!r) { return; }
      var got = load(store, key);
      if (got.problems.length) { messages.push(message(r, got.problems)); }
      if (got.value === null) { return; }
      if (r.section === "rehearsals" || r.section === "set_aside") { doc[r.section] = got.value; }
      else { put(doc[r.section], r.name, got.value); }
    });
    return { doc: doc, messages: messages };
  }

  return { fit: fit, fitEntry: fitEntry, fitDocument: fitDocument, mergeDocuments: mergeDocuments,
           timeMs: timeMs, newer: newer, title: title, sectionRule: sectionRule, rule: rule, message: message, load: load, peek: peek, save: save,
           seen: seen, setAside: setAside, readDocument: readDocument, own: own, get: get, put: put,
           isObj: isObj, schema: schema, SET_ASIDE_KEY: SET_ASIDE_KEY };
}
