"""Check saved work against the one schema (``saved_work.schema.json``), part by part.

Every reader of saved work uses the same schema file: this module for the notebook
store, the book page's worker and the tests; ``saved_work.js`` (the same rules in
JavaScript, checked against this module by tests/test_saved_schema.py) for book
pages, quizzes and the progress page. Neither reader knows any rule of its own.

``fit`` does not just say yes or no. It keeps every part of a value that fits and
drops only the parts that do not, listing their paths, so one bad field never costs
the learner the rest of an entry: a pitch whose ``options`` is a string keeps its
text. An entry whose own type is wrong (or that misses a required field) does not
fit at all. The caller keeps what was dropped aside and tells the learner.

Only these JSON Schema keywords are understood, with these meanings:
``$ref`` ("#/$defs/NAME"), ``type`` (one name or a list), ``minimum``, ``maximum``,
``maxLength`` (counted in UTF-16 units, as JavaScript counts), ``pattern`` (anchored
with ^ and $ at both ends), ``properties``, ``required``, ``additionalProperties``
(false or a schema), ``propertyNames``, ``items``. Standard library only.
"""

from __future__ import annotations

import copy
import json
import math
import re
from functools import cache
from importlib import resources
from typing import Any

SCHEMA_FILE = "saved_work.schema.json"


class _Missing:
    """The value did not fit (a distinct object, since None is valid JSON)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


@cache
def schema() -> dict[str, Any]:
    """The parsed schema file shipped in the package."""
    text = (resources.files("exercises") / SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


@cache
def js_source(name: str) -> str:
    """The text of a browser script shipped next to this module (``saved_work.js``...)."""
    return (resources.files("exercises") / name).read_text(encoding="utf-8")


def definition(name: str) -> dict[str, Any]:
    """One of the schema's ``$defs`` by name (KeyError if unknown)."""
    return schema()["$defs"][name]


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    seen = 0
    while "$ref" in node:
        ref = node["$ref"]
        if not isinstance(ref, str) or not ref.startswith("#/$defs/"):
            raise ValueError(f"unsupported $ref {ref!r}")
        node = definition(ref[len("#/$defs/"):])
        seen += 1
        if seen > 50:
            raise ValueError("$ref loop in the saved-work schema")
    return node


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _is_number(value: Any) -> bool:
    return (isinstance(value, (int, float)) and not isinstance(value, bool)
            and math.isfinite(value))


def _has_type(value: Any, name: str) -> bool:
    if name == "null":
        return value is None
    if name == "boolean":
        return isinstance(value, bool)
    if name == "number":
        return _is_number(value)
    if name == "integer":
        return _is_number(value) and float(value).is_integer()
    if name == "string":
        return isinstance(value, str)
    if name == "array":
        return isinstance(value, list)
    if name == "object":
        return isinstance(value, dict)
    raise ValueError(f"unsupported type {name!r} in the saved-work schema")


@cache
def _pattern(pattern: str) -> re.Pattern[str]:
    # JavaScript's "$" never matches before a final newline; fullmatch on the body
    # gives the same answer in Python.
    if not (pattern.startswith("^") and pattern.endswith("$")):
        raise ValueError(f"schema patterns must be anchored with ^ and $: {pattern!r}")
    return re.compile(pattern[1:-1])


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _fits_scalar(value: Any, node: dict[str, Any]) -> bool:
    types = node.get("type")
    if types is not None:
        names = [types] if isinstance(types, str) else types
        if not any(_has_type(value, t) for t in names):
            return False
    if _is_number(value):
        if "minimum" in node and value < node["minimum"]:
            return False
        if "maximum" in node and value > node["maximum"]:
            return False
    if isinstance(value, str):
        if "maxLength" in node and _utf16_length(value) > node["maxLength"]:
            return False
        if "pattern" in node and not _pattern(node["pattern"]).fullmatch(value):
            return False
    return True


def fit(value: Any, node: dict[str, Any], path: str = "") -> tuple[Any, list[str]]:
    """(the parts of ``value`` that fit ``node``, paths of the parts dropped).

    The first item is ``MISSING`` when the value as a whole does not fit; the
    problem list then holds its own path ("" for the top). Never raises on data.
    """
    problems: list[str] = []
    kept = _fit(value, node, path, problems)
    return kept, problems


def _fit(value: Any, node: dict[str, Any], path: str, problems: list[str]) -> Any:
    node = _resolve(node)
    if not _fits_scalar(value, node):
        problems.append(path)
        return MISSING
    if isinstance(value, dict):
        props = node.get("properties", {})
        extra = node.get("additionalProperties", True)
        names = node.get("propertyNames")
        out: dict[str, Any] = {}
        for key, item in value.items():
            where = _join(path, key)
            if names is not None and _fit(key, names, where, []) is MISSING:
                problems.append(where)
                continue
            if key in props:
                sub = props[key]
            elif extra is False:
                problems.append(where)
                continue
            elif isinstance(extra, dict):
                sub = extra
            else:
                out[key] = copy.deepcopy(item)
                continue
            kept = _fit(item, sub, where, problems)
            if kept is not MISSING:
                out[key] = kept
        for key in node.get("required", []):
            if key not in out:
                problems.append(_join(path, key))
                return MISSING
        return out
    if isinstance(value, list):
        items = node.get("items")
        if items is None:
            return copy.deepcopy(value)
        out_list = []
        for i, item in enumerate(value):
            kept = _fit(item, items, f"{path}[{i}]", problems)
            if kept is not MISSING:
                out_list.append(kept)
        return out_list
    return value


def fit_entry(def_name: str, value: Any) -> tuple[Any, list[str]]:
    """``fit`` against one of the schema's definitions, e.g. ``fit_entry("exercise", v)``."""
    return fit(value, {"$ref": f"#/$defs/{def_name}"})


def checked(def_name: str, value: Any, default: Any = None) -> Any:
    """What of ``value`` fits the definition, or ``default`` when nothing does."""
    kept, _ = fit_entry(def_name, value)
    return default if kept is MISSING else kept


def storage_rule(key: str) -> dict[str, str] | None:
    """How a browser storage key maps into the document: section, name, definition, label.

    ``iic:exercise:pitch`` -> {"section": "exercises", "name": "pitch", "def": "exercise",
    "label": ...}; None for keys that are not saved work (or whose name does not fit).
    """
    for rule in schema()["x-storage"]:
        if "key" in rule and key == rule["key"]:
            return {"section": rule["section"], "name": rule.get("name", ""),
                    "def": rule["def"], "label": rule["label"]}
        if "prefix" in rule and key.startswith(rule["prefix"]):
            name = key[len(rule["prefix"]):]
            if fit_entry("name", name)[0] is MISSING:
                return None
            return {"section": rule["section"], "name": name, "def": rule["def"],
                    "label": rule["label"]}
    return None


def section_rule(section: str, name: str = "") -> dict[str, str]:
    """The storage rule of a document entry, e.g. ("exercises", "pitch")."""
    for rule in schema()["x-storage"]:
        if rule["section"] != section:
            continue
        if "key" in rule and rule.get("name", "") in ("", name):
            return {"section": section, "name": name, "def": rule["def"],
                    "label": rule["label"]}
        if "prefix" in rule:
            return {"section": section, "name": name, "def": rule["def"],
                    "label": rule["label"]}
    raise KeyError(section)


def _fill(template: str, **values: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), template)


def entry_message(rule: dict[str, str], problems: list[str]) -> str:
    """The sentence a learner reads about one entry's dropped parts ("" when none)."""
    if not problems:
        return ""
    messages = schema()["x-messages"]
    what = _fill(rule["label"], name=rule.get("name", ""))
    if "" in problems:
        return _fill(messages["whole"], what=what)
    unique = list(dict.fromkeys(problems))
    parts = ", ".join(readable_path(p) for p in unique[:3])
    parts += f" and {len(unique) - 3} more" if len(unique) > 3 else ""
    return _fill(messages["part"], what=what, parts=parts)


def readable_path(path: str) -> str:
    """``circles.alumni[1].name`` -> ``circles > alumni #2 > name``, for a message."""
    text = re.sub(r"\[(\d+)\]", lambda m: f" #{int(m.group(1)) + 1}", path)
    return text.replace(".", " > ").replace("_", " ").strip(" \t\r\n\f\v")


def after_message(in_browser: bool = False) -> str:
    """Where set-aside work is kept, said once after the per-entry messages."""
    return schema()["x-messages"]["after" if in_browser else "after_file"]


def parse_json(text: str) -> Any:
    """``json.loads`` that refuses what JavaScript's JSON.parse refuses (NaN, Infinity)."""
    def no_constants(name: str) -> Any:
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=no_constants)


MAP_SECTIONS = ("exercises", "worksheets", "quizzes")
LIST_SECTIONS = ("rehearsals", "set_aside")


def fit_document(data: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Check every entry of a saved-work document on its own.

    Returns (the sections with what fits, one record per entry that lost something:
    {"where", "section", "name", "parts", "whole", "value"}). ``value`` is the entry as
    it was, so the caller can keep it aside; ``whole`` says nothing of it was kept.
    A section of the wrong type is one record for the whole section.
    """
    out: dict[str, Any] = {s: {} for s in MAP_SECTIONS}
    out.update({s: [] for s in LIST_SECTIONS})
    dropped: list[dict[str, Any]] = []

    def drop(section: str, name: str, parts: list[str], value: Any, whole: bool) -> None:
        dropped.append({"where": f"{section}.{name}" if name else section, "section": section,
                        "name": name, "parts": parts, "whole": whole, "value": value})

    for section in MAP_SECTIONS:
        value = data.get(section, {})
        if not isinstance(value, dict):
            drop(section, "", [""], value, True)
            continue
        for name, entry in value.items():
            if fit_entry("name", name)[0] is MISSING:
                drop(section, name, [""], entry, True)
                continue
            kept, problems = fit_entry(section_rule(section, name)["def"], entry)
            if problems:
                drop(section, name, problems, entry, kept is MISSING)
            if kept is not MISSING:
                out[section][name] = kept
    for section in LIST_SECTIONS:
        value = data.get(section, [])
        kept, problems = fit_entry(section_rule(section)["def"], value)
        if problems:
            drop(section, "", problems, value, kept is MISSING)
        if kept is not MISSING:
            out[section] = kept
    return out, dropped
