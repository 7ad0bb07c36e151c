"""The planning worksheet and the contact map (ipywidgets layer only).

Data shaping and validation are in exercises.widgets.worksheet_logic; these
classes wire widgets to it and save through the WorkStore on every change.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from exercises.render import render_css
from exercises.widgets import logic
from exercises.widgets import worksheet_logic as wl
from exercises.widgets.debounce import Debouncer
from exercises.widgets.storeutil import open_store, safe_get, store_notice

_WIDE = {"description_width": "initial"}


def _now() -> str:
    try:
        from exercises.storage import now_iso

        return now_iso()
    except Exception:  # the timestamp only helps merging imports; never block a save
        return ""


def _head(title: str, intro: str, privacy: str) -> str:
    return (
        f"<style>{render_css()}</style>"
        f'<div class="iic-root iic-bare iic-widget-head"><h3>{html.escape(title)}</h3>'
        f"<p>{html.escape(intro)}</p>"
        f'<p class="iic-privacy">{html.escape(privacy)}</p></div>'
    )


def _status(message: str) -> str:
    if not message:
        return ""
    return f'<p class="iic-root iic-bare iic-status-line" role="status">{html.escape(message)}</p>'


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


class ContactMap(w.VBox):
    """Map contacts into circles and pick the first three to ask.

    Attributes for tests: ``name``, ``circle``, ``note``, ``add_button``, ``message``,
    ``listing``, ``first`` (three Dropdowns), ``remove_choice``, ``remove_button``,
    ``notice``, ``store``; ``data`` holds the saved-work dict.
    """

    NAME = "contacts"
    NONE = ""

    def __init__(self, store: Any = None) -> None:
        self.store = open_store(store)
        self.data = wl.normalise_contacts(safe_get(self.store.get_worksheet, self.NAME))
        self.header = w.HTML(_head(
            "Contact map",
            "List people you could ask for a conversation, circle by circle. A short "
            "description is enough (for example: my cousin's manager). Then pick the first "
            "three to ask.",
            "Names never leave this browser: they are saved on this device only and are "
            "never sent anywhere.",
        ))
        self.notice = w.HTML(logic.notice_html(store_notice(self.store)))
        self.name = w.Text(description="Name or description", style=_WIDE,
                           placeholder="e.g. Ms. Chen, my former chemistry teacher",
                           layout=w.Layout(width="100%"))
        self.circle = w.Dropdown(options=[(label, key) for key, label in wl.CIRCLES],
                                 value=wl.CIRCLE_IDS[0], description="Circle", style=_WIDE)
        self.note = w.Text(description="Note (optional)", style=_WIDE,
                           placeholder="why them, how you know them",
                           layout=w.Layout(width="100%"))
        self.add_button = w.Button(description="Add to my map", icon="plus")
        self.message = w.HTML()
        self.listing = w.HTML()
        self.first = [
            w.Dropdown(description=f"Ask first #{i + 1}", style=_WIDE) for i in range(wl.MAX_FIRST)
        ]
        self.remove_choice = w.Dropdown(description="Remove someone", style=_WIDE)
        self.remove_button = w.Button(description="Remove", icon="trash")
        self._syncing = False
        self._refresh()
        self.add_button.on_click(self._on_add)
        self.remove_button.on_click(self._on_remove)
        for dropdown in self.first:
            dropdown.observe(self._on_first, names="value")
        super().__init__([
            self.header, self.notice, self.name, self.circle, self.note, self.add_button,
            self.message, self.listing,
            w.HTML('<div class="iic-root iic-bare"><h4>Who will you ask first?</h4></div>'),
            *self.first, w.HBox([self.remove_choice, self.remove_button]),
        ])
        self.add_class("iic-worksheet")
        self.add_class("iic-worksheet-contacts")

    # ---- view -----------------------------------------------------------------------------
    def _refresh(self) -> None:
        """Redraw the list and the choosers from ``self.data`` without re-saving."""
        self._syncing = True
        try:
            names = wl.names(self.data)
            options = [("(not chosen)", self.NONE)] + [(n, n) for n in names]
            chosen = self.data["first_three"]
            for i, dropdown in enumerate(self.first):
                dropdown.options = options
                dropdown.value = chosen[i] if i < len(chosen) else self.NONE
            self.remove_choice.options = [("(choose)", self.NONE)] + [(n, n) for n in names]
            self.remove_choice.value = self.NONE
            self.listing.value = wl.contacts_html(self.data)
        finally:
            self._syncing = False

    def _save(self) -> None:
        try:
            self.store.save_worksheet(self.NAME, dict(self.data, saved_at=_now()))
        except OSError as exc:
            self.message.value = _status(f"Your map could not be saved ({exc}).")

    # ---- callbacks ----------------------------------------------------------------------
    def _on_add(self, _button: Any = None) -> None:
        before = self.data
        self.data, message = wl.add_contact(self.data, self.name.value, self.circle.value,
                                            self.note.value)
        self.message.value = _status(message)
        if self.data is not before:
            self.name.value = ""
            self.note.value = ""
            self._save()
            self._refresh()

    def _on_remove(self, _button: Any = None) -> None:
        name = self.remove_choice.value
        if not name:
            self.message.value = _status("Choose someone to remove first.")
            return
        self.data = wl.remove_contact(self.data, name)
        self.message.value = _status(f"Removed {name}.")
        self._save()
        self._refresh()

    def _on_first(self, _change: dict[str, Any]) -> None:
        if self._syncing:
            return
        chosen = [d.value for d in self.first if d.value]
        unique = list(dict.fromkeys(chosen))
        self.data, message = wl.set_first_three(self.data, unique)
        if len(unique) != len(chosen):
            message = "You picked the same person twice; each person is listed once."
        self.message.value = _status(message)
        self._save()
        self._refresh()


def planning_worksheet(store: Any = None, save_delay: float = 1.0) -> PlanningWorksheet:
    """Plan a conversation; shows your learning goal if you wrote one."""
    return PlanningWorksheet(store=store, save_delay=save_delay)


def contact_map(store: Any = None) -> ContactMap:
    """Map your contacts into circles and choose the first three to ask."""
    return ContactMap(store=store)
