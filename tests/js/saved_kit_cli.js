// Runs exercises/saved_kit.js under Node for tests/test_saved_kit.py.
// stdin: {"schema": {...}, "cases": [{"op": "kit", "doc": {...}, "ctx": {...}}
//                                   | {"op": "transcript", "record": {...}, "personas": {...}}
//                                   | {"op": "inline", "text": TEXT}]}
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..", "..", "exercises");
const source = fs.readFileSync(path.join(root, "saved_work.js"), "utf8") + "\n" +
  fs.readFileSync(path.join(root, "saved_kit.js"), "utf8");
const [makeWork, makeKit] = new Function(source + "\nreturn [iicSavedWorkMake, iicSavedKitMake];")();
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const kit = makeKit(makeWork(input.schema));
const out = input.cases.map((c) => {
  if (c.op === "kit") return kit.interviewKit(c.doc, c.ctx);
  if (c.op === "transcript") return kit.rehearsalMarkdown(c.record, c.personas);
  if (c.op === "inline") return kit.mdInline(c.text);
  throw new Error("unknown op " + c.op);
});
process.stdout.write(JSON.stringify(out));
