"""Random saved work for the property tests: JSON values of every kind, values shaped
like the schema's entries with junk in random places, whole documents, and a way to
run the browser's readers under Node on them."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from hypothesis import Phase
from hypothesis import strategies as st

from exercises.saved_schema import schema

REPO = Path(__file__).resolve().parents[1]
DEFS = sorted(schema()["$defs"])



def _names_in(node: Any, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                found.update(value)
            _names_in(value, found)
    elif isinstance(node, list):
        for value in node:
            _names_in(value, found)
    return found


# Keys a saved entry really has, plus the ones that trip up JavaScript objects.
KEYS = sorted(_names_in(schema(), set()) | {
    "__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "pitch", "alumni",
    "friends_family", "q1", "1", "0"})
SAFE_INT = 2 ** 53 - 1  # beyond this JavaScript numbers lose digits in any reader

scalars = (st.none() | st.booleans() | st.integers(-SAFE_INT, SAFE_INT)
           | st.floats(allow_nan=False, allow_infinity=False, width=32)
           | st.sampled_from(["", "email", "2030-01-01T00:00:00Z", "x" * 41, "abc\n", "a-b_1"])
           | st.text(max_size=12))
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6), inner, max_size=5),
    max_leaves=25)


def _resolved(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema()["$defs"][node["$ref"].split("/")[-1]]
    return node


_SHAPED: dict[str, st.SearchStrategy[Any]] = {}


def shaped_like(node: dict[str, Any], depth: int = 0) -> st.SearchStrategy[Any]:
    """Values built along the schema with random junk in some places, so the readers
    are compared deep inside entries too, not only on values wrong at the top."""
    key = json.dumps([node, depth], sort_keys=True)
    if key not in _SHAPED:
        _SHAPED[key] = _shaped_like(node, depth)
    return _SHAPED[key]


def _shaped_like(node: dict[str, Any], depth: int) -> st.SearchStrategy[Any]:
    node = _resolved(node)
    if depth > 4:
        return json_values
    types = node.get("type", "object")
    types = [types] if isinstance(types, str) else types
    options = []
    if "object" in types:
        props = node.get("properties", {})
        extra = node.get("additionalProperties", True)
        fixed = {k: shaped_like(v, depth + 1) | json_values for k, v in props.items()}
        more = (shaped_like(extra, depth + 1) if isinstance(extra, dict) else json_values)
        names = st.sampled_from(KEYS) | st.text(max_size=6)
        options.append(st.fixed_dictionaries({}, optional=fixed).flatmap(
            lambda d: st.dictionaries(names, more, max_size=3).map(lambda e: {**e, **d})))
    if "array" in types:
        items = node.get("items")
        options.append(st.lists(shaped_like(items, depth + 1) | json_values if items
                                else json_values, max_size=4))
    for name, strategy in (("string", st.text(max_size=10)), ("boolean", st.booleans()),
                           ("integer", st.integers(-5, 5000)), ("number", st.floats(-5, 700)),
                           ("null", st.none())):
        if name in types:
            options.append(strategy)
    return st.one_of(options)


entry_cases = st.sampled_from(DEFS).flatmap(
    lambda d: st.tuples(st.just(d), shaped_like({"$ref": f"#/$defs/{d}"}) | json_values))
cases = st.lists(entry_cases, min_size=10, max_size=30)


def run_node(cli: str, payload: dict[str, Any]) -> list[Any]:
    """Run tests/js/<cli> with ``payload`` on stdin; return its JSON answer."""
    node = shutil.which("node")
    assert node, "node is needed to run the browser's saved-work reader (npm brings it)"
    done = subprocess.run([node, str(REPO / "tests" / "js" / cli)], input=json.dumps(payload),
                          text=True,
                          capture_output=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def numbers_as_floats(value: Any) -> Any:
    """Python keeps 1 and 1.0 apart and prints big floats differently from JavaScript;
    both readers keep the same double, which is what this compares."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, list):
        return [numbers_as_floats(v) for v in value]
    return {k: numbers_as_floats(v) for k, v in value.items()}


# Each example is one Node run over a whole batch; the failing case is named in the
# assertion, so shrinking (hundreds of Node runs) would add minutes and nothing else.
NO_SHRINK = [Phase.explicit, Phase.reuse, Phase.generate]


documents = st.fixed_dictionaries({}, optional={
    "exercises": st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6),
                                 shaped_like({"$ref": "#/$defs/exercise"}) | json_values,
                                 max_size=4) | json_values,
    "worksheets": st.dictionaries(st.sampled_from(["planning", "contacts", "beliefs",
                                                   "__proto__"]),
                                  shaped_like({"$ref": "#/$defs/contacts"}) | json_values,
                                  max_size=3) | json_values,
    "quizzes": st.dictionaries(st.sampled_from(KEYS), shaped_like({"$ref": "#/$defs/quiz"}),
                               max_size=3) | json_values,
    "rehearsals": shaped_like({"$ref": "#/$defs/rehearsals"}) | json_values,
    "set_aside": shaped_like({"$ref": "#/$defs/set_aside"}) | json_values,
})


