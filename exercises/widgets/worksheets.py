"""The planning worksheet (ipywidgets layer only).

The contact map became the campaign tracker: exercises.widgets.campaign.

Data shaping and validation are in exercises.widgets.worksheet_logic; these
classes wire widgets to it and save through the WorkStore on every change.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from exercises.widgets import logic
from exercises.widgets import worksheet_logic as wl
from exercises.widgets.debounce import Debouncer
from exercises.widgets.parts import head as _head
from exercises.widgets.parts import now as _now
from exercises.widgets.parts import status as _status
from exercises.widgets.storeutil import open_store, safe_get, store_notice

_WIDE = {"description_width": "initial"}


class PlanningWorksheet(w.VBox):
    """Plan one conversation: what to learn, from whom, format, length, research.

    Attributes for tests: ``goal``, ``learn_about``, ``learn_detail``, ``from_whom``,
    ``format``, ``minutes``, ``researched``, ``save_button``, ``status``, ``summary``,
    ``notice``, ``store``.
    """

    NAME = "planning"

    def __init__(self, store: Any = None, save_delay: float = 1.0) -> None:
        self.store = open_store(store)
        data = wl.normalise_planning(safe_get(self.store.get_worksheet, self.NAME))
        goal = wl.goal_text(safe_get(self.store.get_exercise, "goal"))
        self.header = w.HTML(_head(
            "Planning worksheet",
            "Plan one conversation before you reach out. Your answers are saved as you type.",
            "Saved in this browser only; nothing is sent anywhere.",
        ))
        self.notice = w.HTML(logic.notice_html(store_notice(self.store)))
        self.goal = w.HTML(wl.goal_echo_html(goal))
        self.learn_about = w.RadioButtons(
            options=[(label, key) for key, label in wl.LEARN_ABOUT],
            value=data["learn_about"], description="I want to learn about", style=_WIDE,
        )
        self.learn_detail = w.Text(
            value=data["learn_detail"], description="Which one, or what exactly",
            placeholder="e.g. hospital pharmacy; a product design role", style=_WIDE,
            layout=w.Layout(width="100%"), continuous_update=True,
        )
        self.from_whom = w.Text(
            value=data["from_whom"], description="From whom",
            placeholder="a person, or the kind of person (e.g. an alum two years in)",
            style=_WIDE, layout=w.Layout(width="100%"), continuous_update=True,
        )
        self.format = w.ToggleButtons(
            options=[(label, key) for key, label in wl.FORMATS], value=data["format"],
            description="Format", style=_WIDE,
        )
        self.minutes = w.ToggleButtons(
            options=[(f"{m} minutes", m) for m in wl.MINUTES], value=data["minutes"],
            description="Length", style=_WIDE,
        )
        self.researched = w.Textarea(
            value=data["researched"], description="What I researched first",
            placeholder="their profile, the organisation's site, recent news...",
            rows=4, style=_WIDE, layout=w.Layout(width="100%"), continuous_update=True,
        )
        self.save_button = w.Button(description="Save my plan", icon="save",
                                    tooltip="Save the plan now (it also saves as you type)")
        self.status = w.HTML()
        self.summary = w.HTML()
        self._saver = Debouncer(self._save, delay=save_delay)
        self._fields = (self.learn_about, self.learn_detail, self.from_whom, self.format,
                        self.minutes, self.researched)
        for field in self._fields:
            field.observe(self._on_change, names="value")
        self.save_button.on_click(self._on_save)
        self._show_summary()
        super().__init__([self.header, self.notice, self.goal, *self._fields,
                          self.save_button, self.status, self.summary])
        self.add_class("iic-worksheet")
        self.add_class("iic-worksheet-planning")

    def data(self) -> dict[str, Any]:
        return wl.normalise_planning({
            "learn_about": self.learn_about.value, "learn_detail": self.learn_detail.value,
            "from_whom": self.from_whom.value, "format": self.format.value,
            "minutes": self.minutes.value, "researched": self.researched.value,
        })

    def _show_summary(self) -> None:
        self.summary.value = (
            '<div class="iic-root iic-bare iic-plan-summary"><p>'
            f"{html.escape(wl.planning_summary(self.data()))}</p></div>"
        )

    def _save(self) -> bool:
        record = dict(self.data(), saved_at=_now())
        try:
            self.store.save_worksheet(self.NAME, record)
        except OSError as exc:
            self.status.value = _status(f"Your plan could not be saved ({exc}).")
            return False
        return True

    def _on_change(self, _change: dict[str, Any]) -> None:
        self._show_summary()
        self._saver.trigger()

    def _on_save(self, _button: Any = None) -> None:
        self._saver.cancel()
        if self._save():
            self.status.value = _status("Plan saved.")


def planning_worksheet(store: Any = None, save_delay: float = 1.0) -> PlanningWorksheet:
    """Plan a conversation; shows your learning goal if you wrote one."""
    return PlanningWorksheet(store=store, save_delay=save_delay)
