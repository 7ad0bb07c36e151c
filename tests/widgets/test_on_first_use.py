"""Packages a widget loads on first use in JupyterLite: driven with a stand-in for
Pyodide's loader (the real one runs in the JupyterLite browser test of the tracker)."""

from __future__ import annotations

import sys
import types
from datetime import date
from typing import Any

import pytest

from exercises.campaign import timezones
from exercises.widgets import campaign_tracker, on_first_use


class FakeLoader:
    """pyodide_js.loadPackage: records what it is asked for; settle() resolves it."""

    def __init__(self) -> None:
        self.asked: list[list[str]] = []
        self.callbacks: list[tuple[Any, Any]] = []

    def loadPackage(self, names: list[str]) -> FakeLoader:  # noqa: N802 - Pyodide's name
        self.asked.append(list(names))
        return self

    def then(self, ok: Any, fail: Any) -> None:
        self.callbacks.append((ok, fail))

    def settle(self, ok: bool = True) -> None:
        for good, bad in self.callbacks:
            (good if ok else bad)(None)


@pytest.fixture
def pyodide(monkeypatch: pytest.MonkeyPatch) -> FakeLoader:
    loader = FakeLoader()
    ffi = types.ModuleType("pyodide.ffi")
    ffi.to_js = list  # type: ignore[attr-defined]
    ffi.create_once_callable = lambda fn: fn  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pyodide_js", loader)
    monkeypatch.setitem(sys.modules, "pyodide", types.ModuleType("pyodide"))
    monkeypatch.setitem(sys.modules, "pyodide.ffi", ffi)
    monkeypatch.setattr(sys, "platform", "emscripten")
    return loader


def test_nothing_is_loaded_where_the_packages_are_installed(pyodide: FakeLoader) -> None:
    called: list[int] = []
    assert on_first_use.load_in_background(["json"], lambda: called.append(1)) is False
    assert pyodide.asked == [] and called == []


def test_nothing_is_loaded_outside_pyodide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    assert on_first_use.load_in_background(["no_such_module_here"], lambda: None) is False


def test_missing_packages_load_and_the_widget_hears_when_they_import(
        pyodide: FakeLoader, monkeypatch: pytest.MonkeyPatch) -> None:
    called: list[int] = []
    assert on_first_use.load_in_background(["json", "no_such_module_here"],
                                           lambda: called.append(1))
    assert pyodide.asked == [["no_such_module_here"]]
    # Resolved, but the module still does not import: the widget is not told.
    pyodide.settle()
    assert called == []
    monkeypatch.setattr(on_first_use, "missing", lambda modules: [])
    pyodide.settle()
    assert called == [1]


def test_a_failed_load_changes_nothing(pyodide: FakeLoader) -> None:
    called: list[int] = []
    on_first_use.load_in_background(["no_such_module_here"], lambda: called.append(1))
    pyodide.settle(ok=False)
    assert called == []


def test_the_tracker_offers_every_zone_once_the_data_arrives(
        pyodide: FakeLoader, monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    import zoneinfo

    timezones.zone_names.cache_clear()
    every_zone = timezones.zone_names()
    timezones.zone_names.cache_clear()
    with monkeypatch.context() as before_the_load:
        # As in JupyterLite at first: no calendar library and no time-zone data yet.
        before_the_load.setattr(on_first_use, "missing", lambda modules: list(modules))
        before_the_load.setattr(zoneinfo, "available_timezones", lambda: set())
        t = campaign_tracker(store=tmp_path / "work.json", today=date(2026, 11, 23))
        assert pyodide.asked == [list(on_first_use.CALENDAR)]
        assert list(t.edit_fields["their_zone"].options) == ["UTC"]
        # A booked call with zones: without the data, one local time only.
        t.data = {**t.data, "contacts": [{**_booked(), "their_zone": "Europe/Berlin",
                                          "my_zone": "America/Toronto"}]}
        t.listing.value = "before"
        t.name.value = "half-typed name"  # the learner is filling in the form
    pyodide.settle()
    assert tuple(t.edit_fields["their_zone"].options) == every_zone
    assert tuple(t.edit_fields["my_zone"].options) == every_zone
    assert len(every_zone) > 100
    assert "in Berlin" in t.listing.value and "for you in Toronto" in t.listing.value
    assert t.name.value == "half-typed name"


def _booked() -> dict[str, Any]:
    from exercises.campaign import tracker as tr

    data, _ = tr.add(tr.normalise({}), {"name": "Maya Chen", "circle": "alumni"},
                     date(2026, 11, 23))
    contact = dict(data["contacts"][0])
    contact.update(stage="booked", call_date="2026-12-01", call_time="15:00")
    return contact
