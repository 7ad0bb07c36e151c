// Runs exercises/saved_work.js under Node for tests/test_saved_schema.py.
// stdin: {"schema": {...}, "cases": [{"op": "fit", "def": NAME, "value": ANY}
//                                   | {"op": "rule", "key": TEXT}
//                                   | {"op": "message", "key": TEXT, "problems": [TEXT]}]}
// stdout: one result per case, in order.
"use strict";
const fs = require("fs");
const path = require("path");

const source = fs.readFileSync(path.join(__dirname, "..", "..", "exercises", "saved_work.js"), "utf8");
const make = new Function(source + "\nreturn iicSavedWorkMake;")();
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const sw = make(input.schema);
const out = input.cases.map((c) => {
  if (c.op === "fit") {
    const r = sw.fitEntry(c.def, c.value);
    return { ok: r.ok, value: r.value, problems: r.problems };
  }
  if (c.op === "rule") {
    const r = sw.rule(c.key);
    return r && { section: r.section, name: r.name, def: r.def, label: r.label };
  }
  if (c.op === "message") return sw.message(sw.rule(c.key), c.problems);
  if (c.op === "document") return sw.fitDocument(c.value);
  if (c.op === "merge") {
    const base = sw.fitDocument(c.base).doc;
    const incoming = sw.fitDocument(c.incoming).doc;
    return sw.mergeDocuments(base, incoming);
  }
  if (c.op === "time") return sw.timeMs(c.value);
  throw new Error("unknown op " + c.op);
});
process.stdout.write(JSON.stringify(out));
