"""The tracker and the beliefs grid travel with the rest of the saved work: exported,
imported (including exports made before the tracker existed) and merged."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from exercises.campaign import beliefs as bl
from exercises.campaign import tracker as tr
from exercises.storage import WorkStore

MON = date(2026, 11, 23)

OLD_EXPORT = {
    "format": "iic-saved-work", "version": 1, "exported_at": "2026-10-01T09:00:00Z",
    "exercises": {}, "rehearsals": [], "quizzes": {},
    "worksheets": {"contacts": {"circles": {"alumni": [{"name": "Sam", "note": "2019"}],
                                            "peers": [{"name": "Lee", "note": ""}]},
                                "first_three": ["Lee"], "saved_at": "2026-10-01T09:00:00Z"}},
}


def test_tracker_and_beliefs_round_trip_through_an_export(tmp_path: Path) -> None:
    data, _ = tr.add(tr.empty(), {"name": "Maya", "circle": "alumni"}, MON)
    data, _ = tr.act(data, "c1", "advance", MON)
    beliefs, _ = bl.add_belief(bl.empty(), "Shift work would suit me")
    store = WorkStore(tmp_path / "a.json")
    store.save_worksheet("contacts", dict(data, saved_at="2026-11-23T10:00:00Z"))
    store.save_worksheet("beliefs", dict(beliefs, saved_at="2026-11-23T10:00:00Z"))
    other = WorkStore(tmp_path / "b.json")
    messages = other.import_json(store.export_json())
    assert ("Worksheets added from the file: Campaign tracker, Beliefs and decision grid."
            in messages)
    assert tr.normalise(other.get_worksheet("contacts")) == data
    assert bl.normalise(other.get_worksheet("beliefs")) == beliefs


def test_an_export_from_before_the_tracker_imports_into_it(tmp_path: Path) -> None:
    store = WorkStore(tmp_path / "work.json")
    store.import_json(json.dumps(OLD_EXPORT))
    data = tr.normalise(store.get_worksheet("contacts"))
    assert [(c["name"], c["stage"], c["warmth"]) for c in data["contacts"]] == [
        ("Sam", "to_ask", "cold"), ("Lee", "to_ask", "warm")]
    assert data["first_three"] == [tr.names(data)[1][0]]


def test_a_newer_tracker_is_not_replaced_by_an_older_file(tmp_path: Path) -> None:
    store = WorkStore(tmp_path / "work.json")
    data, _ = tr.add(tr.empty(), {"name": "Maya", "circle": "alumni"}, MON)
    store.save_worksheet("contacts", dict(data, saved_at="2026-11-23T10:00:00Z"))
    messages = store.import_json(json.dumps(OLD_EXPORT))
    assert "Worksheets where your version was newer and was kept: Campaign tracker." in messages
    assert tr.names(tr.normalise(store.get_worksheet("contacts"))) == [("c1", "Maya")]
