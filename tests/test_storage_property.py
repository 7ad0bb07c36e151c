"""Property test for the notebook's reader of saved work (exercises.storage): any JSON in
the file, or in a file to import, never raises, leaves every entry in the schema's
shape, keeps what did not fit under set_aside, and feeds the coaches and worksheets
values they can use. The book pages' readers get the same test in the browser
(tests/browser/test_saved_work_property.py)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercises.campaign import beliefs, tracker
from exercises.saved_schema import fit_document
from exercises.storage import FORMAT, WorkStore
from exercises.widgets import logic
from exercises.widgets import worksheet_logic as wl

from .saved_values import documents, json_values

files = st.one_of(
    documents.map(lambda d: {"format": FORMAT, "version": 1, **d}),
    json_values,
    st.fixed_dictionaries({"format": st.just(FORMAT), "version": st.just(1)},
                          optional={"exercises": json_values, "worksheets": json_values}),
)


def assert_usable(store: WorkStore) -> None:
    sections, dropped = fit_document(store.data)
    assert dropped == [], dropped  # everything kept fits the schema
    for kind in ("pitch", "questions", "thanks", "goal"):
        state = logic.restore_exercise(store.get_exercise(kind))
        assert isinstance(state["text"], str) and isinstance(state["options"], dict)
    wl.normalise_planning(store.get_worksheet("planning"))
    tracker.normalise(store.get_worksheet("contacts"))
    beliefs.normalise(store.get_worksheet("beliefs"))
    json.loads(store.export_json())
    assert store.export_markdown().startswith("# My informational interview kit")


def texts_in(value: Any, skip: frozenset[str] = frozenset()) -> list[str]:
    """Learner texts of exercise entries in a file (what must never be lost)."""
    if not isinstance(value, dict) or not isinstance(value.get("exercises"), dict):
        return []
    return [e["text"] for name, e in value["exercises"].items()
            if name not in skip and isinstance(e, dict) and isinstance(e.get("text"), str)
            and len(e["text"]) >= 3]


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(files, files)
def test_any_file_loads_imports_and_loses_nothing(on_disk: Any, incoming: Any) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "interview_work.json"
        path.write_text(json.dumps(on_disk), encoding="utf-8")
        store = WorkStore(path)
        assert_usable(store)
        already = frozenset(store.data["exercises"])  # where the newer version wins
        messages = store.import_json(json.dumps(incoming))
        assert messages and all(isinstance(m, str) and m for m in messages)
        assert_usable(store)
        kept = json.dumps(store.data)
        aside = list(Path(folder).glob("*.corrupt-*.json"))
        for text in texts_in(on_disk):
            # On the page, in set_aside, or (for a file that is not saved work at all)
            # in the file set aside next to it.
            assert json.dumps(text) in kept or any(
                json.dumps(text)[1:-1] in a.read_text(encoding="utf-8") for a in aside), text
        for text in texts_in(incoming, already):
            assert json.dumps(text) in kept or "Nothing was imported" in messages[0], text
