"""The campaign tools in a notebook: the tracker, beliefs to a decision, the dashboard.

Thin ipywidgets layers over :mod:`exercises.campaign` (the same rules and HTML as
the book page). Everything is saved through the WorkStore at once, as worksheets
``"contacts"`` and ``"beliefs"``. ``today`` can be passed in (tests); by default
it is the computer's date.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import ipywidgets as w

from exercises.campaign import beliefs as bl
from exercises.campaign import campaign_css
from exercises.campaign import dashboard as db
from exercises.campaign import export as ex
from exercises.campaign import render as rd
from exercises.campaign import tracker as tr
from exercises.campaign.timezones import zone_names
from exercises.widgets import logic, parts
from exercises.widgets.on_first_use import CALENDAR, load_in_background
from exercises.widgets.parts import now as _now
from exercises.widgets.parts import status as _status
from exercises.widgets.storeutil import open_store, reread, safe_get, store_notice

_WIDE = {"description_width": "initial"}
_FULL = w.Layout(width="100%")
NONE = ""


def _head(title: str, intro: str, privacy: str) -> str:
    return parts.head(title, intro, privacy, css=campaign_css())


def _today_fn(today: date | Callable[[], date] | None) -> Callable[[], date]:
    if today is None:
        return date.today
    if isinstance(today, date):
        return lambda: today
    return today


class CampaignTracker(w.VBox):
    """Contacts through the pipeline, with cadence dates, edit, delete and exports.

    Attributes for tests: ``name``, ``organisation``, ``circle``, ``warmth``,
    ``referred_by``, ``note``, ``add_button``, ``message``, ``listing``, ``first``
    (three Dropdowns), ``person``, ``action``, ``do_button``, ``edit_button``,
    ``edit_box`` with ``edit_fields`` (dict of widgets), ``save_edit_button``,
    ``cancel_edit_button``, ``delete_button``, ``undo_button``, ``ics_button``,
    ``csv_button``, ``notice``, ``store``; ``data`` holds the saved-work dict.
    """

    NAME = "contacts"

    def __init__(self, store: Any = None, today: date | Callable[[], date] | None = None,
                 export_dir: str | Path | None = None) -> None:
        self.store = open_store(store)
        self.today = _today_fn(today)
        path = getattr(self.store, "path", None)
        self.export_dir = Path(export_dir) if export_dir else (
            Path(path).parent if path is not None else Path("."))
        self.data = tr.normalise(safe_get(self.store.get_worksheet, self.NAME))
        self._deleted: tuple[dict[str, Any], int] | None = None
        self.header = w.HTML(_head(
            "Your campaign tracker",
            "List the people you could ask, then move each one along as things happen: "
            "asked, booked, held, thanked, reported back. The tracker works out your "
            "follow-up dates.",
            "Names never leave this browser: they are saved on this device only and are "
            "never sent anywhere.",
        ))
        self.notice = w.HTML(logic.notice_html(store_notice(self.store)))
        self.name = w.Text(description="Name or short description", style=_WIDE, layout=_FULL,
                           placeholder="e.g. Ms. Chen, my former chemistry teacher")
        self.organisation = w.Text(description="Organisation (optional)", style=_WIDE,
                                   layout=_FULL)
        self.circle = w.Dropdown(options=[(label, key) for key, label in tr.CIRCLES],
                                 value=tr.CIRCLE_IDS[0], description="Circle", style=_WIDE)
        self.warmth = w.Dropdown(options=[("Work it out from the circle", NONE)]
                                 + [(label, key) for key, label in tr.WARMTH],
                                 value=NONE, description="Warm or cold", style=_WIDE)
        self.referred_by = w.Dropdown(description="Who suggested this person?", style=_WIDE)
        self.note = w.Text(description="Note (optional)", style=_WIDE, layout=_FULL,
                           placeholder="why them, how you know them")
        self.add_button = w.Button(description="Add to my tracker", icon="plus")
        self.message = w.HTML()
        self.listing = w.HTML()
        self.first = [w.Dropdown(description=f"Ask first #{i + 1}", style=_WIDE)
                      for i in range(tr.MAX_FIRST)]
        self.person = w.Dropdown(description="Person", style=_WIDE)
        self.action = w.Dropdown(description="What happened", style=_WIDE)
        self.do_button = w.Button(description="Update", icon="check")
        self.edit_button = w.Button(description="Edit this person", icon="pencil")
        self.delete_button = w.Button(description="Delete this person", icon="trash")
        self.undo_button = w.Button(description="Undo the delete", icon="undo", disabled=True)
        self.ics_button = w.Button(description="Export follow-ups (.ics)", icon="calendar")
        self.csv_button = w.Button(description="Export my list (.csv)", icon="table")
        self.edit_fields = self._make_edit_fields()
        self.save_edit_button = w.Button(description="Save changes", icon="save")
        self.cancel_edit_button = w.Button(description="Cancel")
        self.edit_box = w.VBox([w.HTML("<strong>Edit this person</strong>"),
                                *self.edit_fields.values(),
                                w.HBox([self.save_edit_button, self.cancel_edit_button])])
        self.edit_box.layout.display = "none"
        self._syncing = False
        self.add_button.on_click(self._on_add)
        self.do_button.on_click(self._on_do)
        self.edit_button.on_click(self._on_edit)
        self.save_edit_button.on_click(self._on_save_edit)
        self.cancel_edit_button.on_click(self._on_cancel_edit)
        self.delete_button.on_click(self._on_delete)
        self.undo_button.on_click(self._on_undo)
        self.ics_button.on_click(lambda _b: self._export("ics"))
        self.csv_button.on_click(lambda _b: self._export("csv"))
        self.person.observe(self._on_person, names="value")
        for dropdown in self.first:
            dropdown.observe(self._on_first, names="value")
        self._refresh()
        super().__init__([
            self.header, self.notice,
            w.HTML('<div class="iic-root iic-bare"><h4>Add a person you could ask</h4></div>'),
            self.name, self.organisation, self.circle, self.warmth, self.referred_by, self.note,
            self.add_button, self.message, self.listing,
            w.HTML('<div class="iic-root iic-bare"><h4>Who will you ask first?</h4></div>'),
            *self.first,
            w.HTML('<div class="iic-root iic-bare"><h4>Update one person</h4></div>'),
            self.person, w.HBox([self.action, self.do_button]),
            w.HBox([self.edit_button, self.delete_button, self.undo_button]), self.edit_box,
            w.HTML('<div class="iic-root iic-bare"><h4>Export</h4></div>'),
            w.HBox([self.ics_button, self.csv_button]),
        ])
        self.add_class("iic-worksheet")
        self.add_class("iic-worksheet-contacts")
        # In JupyterLite the calendar export and the time zones load now, in the
        # background (on_first_use): well under a second, before anyone edits a call.
        load_in_background(CALENDAR, self._calendar_loaded)

    def _calendar_loaded(self) -> None:
        """The time-zone data has arrived: offer every zone, and show calls in both local
        times. Only what depends on the zones changes: a form being filled in stays."""
        zone_names.cache_clear()
        zones = list(zone_names())
        for key in ("their_zone", "my_zone"):
            self.edit_fields[key].options = zones
        self.listing.value = rd.tracker_html(self.data, self.today())

    def _make_edit_fields(self) -> dict[str, w.Widget]:
        zones = list(zone_names())
        fields: dict[str, w.Widget] = {
            "name": w.Text(description="Name", style=_WIDE, layout=_FULL),
            "organisation": w.Text(description="Organisation", style=_WIDE, layout=_FULL),
            "circle": w.Dropdown(options=[(v, k) for k, v in tr.CIRCLES],
                                 description="Circle", style=_WIDE),
            "warmth": w.Dropdown(options=[(v, k) for k, v in tr.WARMTH],
                                 description="Warm or cold", style=_WIDE),
            "referred_by": w.Dropdown(description="Suggested by", style=_WIDE),
            "stage": w.Dropdown(options=[(v, k) for k, v in tr.STAGES],
                                description="Where this stands", style=_WIDE),
            "note": w.Text(description="Note", style=_WIDE, layout=_FULL),
        }
        for key in ("asked_on", "followed_up_on", "replied_on", "held_on", "thanked_on",
                    "reported_on", "call_date"):
            fields[key] = w.Text(description=tr.DATE_LABELS[key], placeholder="YYYY-MM-DD",
                                 style=_WIDE)
        fields["call_time"] = w.Text(description="Time of the call (their time)",
                                     placeholder="15:00", style=_WIDE)
        fields["their_zone"] = w.Combobox(description="Their time zone", options=zones,
                                          placeholder="e.g. Europe/Berlin", style=_WIDE,
                                          ensure_option=False)
        fields["my_zone"] = w.Combobox(description="Your time zone", options=zones,
                                       placeholder="e.g. America/Toronto", style=_WIDE,
                                       ensure_option=False)
        return fields

    # ---- view -----------------------------------------------------------------------
    def _refresh(self, keep_person: str = NONE) -> None:
        self._syncing = True
        try:
            choices = tr.names(self.data)
            options = [("(not chosen)", NONE)] + [(n, i) for i, n in choices]
            for i, dropdown in enumerate(self.first):
                dropdown.options = options
                chosen = self.data["first_three"]
                dropdown.value = chosen[i] if i < len(chosen) else NONE
            self.referred_by.options = [("Nobody", NONE)] + [(n, i) for i, n in choices]
            self.referred_by.value = NONE
            self.person.options = [("(choose)", NONE)] + [(n, i) for i, n in choices]
            ids = {i for i, _ in choices}
            self.person.value = keep_person if keep_person in ids else NONE
            self.listing.value = rd.tracker_html(self.data, self.today())
        finally:
            self._syncing = False
        self._show_actions()

    def _show_actions(self) -> None:
        contact = tr.find(self.data, self.person.value) if self.person.value else None
        if contact is None:
            self.action.options = [("(choose a person first)", NONE)]
        else:
            acts = tr.available_actions(contact)
            self.action.options = [(label, key) for key, label in acts] or [
                ("(nothing to update: edit instead)", NONE)]
        self.action.value = self.action.options[0][1]

    def _save(self) -> None:
        try:
            reread(self.store)  # another widget may have saved since this one opened
            self.store.save_worksheet(self.NAME, dict(self.data, saved_at=_now()))
        except OSError as exc:
            self.message.value = _status(f"Your tracker could not be saved ({exc}).")

    def _change(self, new: dict[str, Any], message: str, keep: str = NONE) -> None:
        changed = new is not self.data and new != self.data
        self.message.value = _status(message)
        if changed:
            self.data = new
            self._save()
            self._refresh(keep)

    # ---- callbacks ------------------------------------------------------------------
    def _on_add(self, _button: Any = None) -> None:
        new, message = tr.add(self.data, {
            "name": self.name.value, "organisation": self.organisation.value,
            "circle": self.circle.value, "warmth": self.warmth.value,
            "referred_by": self.referred_by.value, "note": self.note.value}, self.today())
        if new is not self.data:
            self.name.value = self.organisation.value = self.note.value = ""
            self.warmth.value = NONE
        self._change(new, message)

    def _on_person(self, _change: dict[str, Any]) -> None:
        if not self._syncing:
            self._show_actions()
            self.edit_box.layout.display = "none"

    def _on_do(self, _button: Any = None) -> None:
        cid = self.person.value
        if not cid or not self.action.value:
            self.message.value = _status("Choose a person and what happened first.")
            return
        new, message = tr.act(self.data, cid, self.action.value, self.today())
        self._change(new, message, keep=cid)

    def _on_edit(self, _button: Any = None) -> None:
        contact = tr.find(self.data, self.person.value) if self.person.value else None
        if contact is None:
            self.message.value = _status("Choose the person to edit first.")
            return
        others = [("Nobody", NONE)] + [(n, i) for i, n in tr.names(self.data)
                                        if i != contact["id"]]
        self.edit_fields["referred_by"].options = others
        for key, widget in self.edit_fields.items():
            widget.value = contact[key]
        self.edit_box.layout.display = ""
        self.message.value = _status(f"Editing {contact['name']}: change what you need, then "
                                     "press Save changes.")

    def _on_save_edit(self, _button: Any = None) -> None:
        cid = self.person.value
        fields = {key: widget.value for key, widget in self.edit_fields.items()}
        new, message = tr.edit(self.data, cid, fields)
        if new is not self.data:
            self.edit_box.layout.display = "none"
        self._change(new, message, keep=cid)

    def _on_cancel_edit(self, _button: Any = None) -> None:
        self.edit_box.layout.display = "none"
        self.message.value = _status("Nothing was changed.")

    def _on_delete(self, _button: Any = None) -> None:
        cid = self.person.value
        if not cid:
            self.message.value = _status("Choose the person to delete first.")
            return
        new, removed, index, message = tr.delete(self.data, cid)
        if removed is not None:
            self._deleted = (removed, index)
            self.undo_button.disabled = False
            self.edit_box.layout.display = "none"
        self._change(new, message)

    def _on_undo(self, _button: Any = None) -> None:
        if self._deleted is None:
            return
        contact, index = self._deleted
        new, message = tr.restore(self.data, contact, index)
        if new is not self.data:
            self._deleted = None
            self.undo_button.disabled = True
        self._change(new, message, keep=contact["id"])

    def _on_first(self, _change: dict[str, Any]) -> None:
        if self._syncing:
            return
        chosen = [d.value for d in self.first if d.value]
        unique = list(dict.fromkeys(chosen))
        new, message = tr.set_first_three(self.data, unique)
        if len(unique) != len(chosen):
            message = "You picked the same person twice; each person is listed once."
        self.message.value = _status(message)
        if new != self.data:
            self.data = new
            self._save()
        self._refresh(self.person.value)

    def _export(self, kind: str) -> Path | None:
        try:
            if kind == "ics":
                text, name = ex.to_ics(self.data), ex.ICS_NAME
                problems = ex.validate_ics(text)
                if problems:
                    self.message.value = _status("The calendar file could not be made: "
                                                 + "; ".join(problems))
                    return None
            else:
                text, name = ex.to_csv(self.data, self.today()), ex.CSV_NAME
            path = self.export_dir / name
            path.write_text(text, encoding="utf-8", newline="")
        except (OSError, ImportError) as exc:
            self.message.value = _status(f"The file could not be written ({exc}).")
            return None
        where = ("Open the file browser on the left to download it." if kind == "ics" else
                 "Any spreadsheet opens it.")
        self.message.value = _status(f"Saved {name} next to this notebook. {where}")
        return path


class BeliefsWorksheet(w.VBox):
    """Beliefs, notes tagged for or against, and the decision grid.

    Attributes for tests: ``belief_text``, ``add_belief_button``, ``pick_belief``,
    ``edit_text``, ``save_belief_button``, ``delete_belief_button``, ``undo_button``,
    ``conversation``, ``note_belief``, ``stance``, ``note_text``, ``add_note_button``,
    ``pick_note``, ``delete_note_button``, ``message``, ``grid``, ``store``, ``data``.
    """

    NAME = "beliefs"

    def __init__(self, store: Any = None, today: date | Callable[[], date] | None = None) -> None:
        self.store = open_store(store)
        self.today = _today_fn(today)
        self.data = bl.normalise(safe_get(self.store.get_worksheet, self.NAME))
        self._removed: dict[str, Any] | None = None
        self.header = w.HTML(_head(
            "Beliefs to a decision",
            "Before your first call, write three to five things you believe about the field. "
            "After each conversation, tag what you heard as for or against a belief. After "
            "three conversations the grid suggests your next experiment.",
            "Saved in this browser only; nothing is sent anywhere.",
        ))
        self.notice = w.HTML(logic.notice_html(store_notice(self.store)))
        self.belief_text = w.Text(description="A belief, in one sentence", style=_WIDE,
                                  layout=_FULL,
                                  placeholder="e.g. I would enjoy working with data all day")
        self.add_belief_button = w.Button(description="Add belief", icon="plus")
        self.pick_belief = w.Dropdown(description="Belief to change", style=_WIDE)
        self.edit_text = w.Text(description="New wording", style=_WIDE, layout=_FULL)
        self.save_belief_button = w.Button(description="Save wording", icon="save")
        self.delete_belief_button = w.Button(description="Delete belief", icon="trash")
        self.undo_button = w.Button(description="Undo the delete", icon="undo", disabled=True)
        self.conversation = w.Dropdown(description="Conversation", style=_WIDE)
        self.note_belief = w.Dropdown(description="Belief", style=_WIDE)
        self.stance = w.ToggleButtons(options=[(label.split(":")[0], key)
                                               for key, label in bl.STANCES],
                                      description="It is", style=_WIDE)
        self.note_text = w.Text(description="What they said (optional)", style=_WIDE,
                                layout=_FULL)
        self.add_note_button = w.Button(description="Add note", icon="plus")
        self.pick_note = w.Dropdown(description="Note to delete", style=_WIDE)
        self.delete_note_button = w.Button(description="Delete note", icon="trash")
        self.message = w.HTML()
        self.grid = w.HTML()
        self._syncing = False
        self.add_belief_button.on_click(self._on_add_belief)
        self.save_belief_button.on_click(self._on_save_belief)
        self.delete_belief_button.on_click(self._on_delete_belief)
        self.undo_button.on_click(self._on_undo)
        self.add_note_button.on_click(self._on_add_note)
        self.delete_note_button.on_click(self._on_delete_note)
        self.pick_belief.observe(self._on_pick_belief, names="value")
        self._refresh()
        super().__init__([
            self.header, self.notice, self.belief_text, self.add_belief_button,
            w.HTML('<div class="iic-root iic-bare"><h4>After a conversation</h4></div>'),
            self.conversation, self.note_belief, self.stance, self.note_text,
            self.add_note_button, self.message, self.grid,
            w.HTML('<div class="iic-root iic-bare"><h4>Change or delete</h4></div>'),
            self.pick_belief, self.edit_text,
            w.HBox([self.save_belief_button, self.delete_belief_button, self.undo_button]),
            w.HBox([self.pick_note, self.delete_note_button]),
        ])
        self.add_class("iic-worksheet")
        self.add_class("iic-worksheet-beliefs")

    def tracker(self) -> dict[str, Any]:
        reread(self.store)
        return tr.normalise(safe_get(self.store.get_worksheet, CampaignTracker.NAME))

    def _refresh(self) -> None:
        self._syncing = True
        try:
            beliefs = [(b["text"], b["id"]) for b in self.data["beliefs"]]
            self.pick_belief.options = [("(choose)", NONE)] + beliefs
            self.pick_belief.value = NONE
            self.edit_text.value = ""
            self.note_belief.options = beliefs or [("(write a belief first)", NONE)]
            held = [(name, cid) for cid, name in bl.held_conversations(self.tracker())]
            self.conversation.options = held or [("(no conversation marked as held yet)",
                                                  NONE)]
            notes = [(f"{n['who']}: {n['text'] or n['stance']}", n["id"])
                     for n in self.data["notes"]]
            self.pick_note.options = [("(choose)", NONE)] + notes
            self.pick_note.value = NONE
            self.grid.value = bl.grid_html(self.data)
        finally:
            self._syncing = False

    def _change(self, new: dict[str, Any], message: str) -> bool:
        self.message.value = _status(message)
        if new == self.data:
            return False
        self.data = new
        try:
            reread(self.store)
            self.store.save_worksheet(self.NAME, dict(self.data, saved_at=_now()))
        except OSError as exc:
            self.message.value = _status(f"Your beliefs could not be saved ({exc}).")
        self._refresh()
        return True

    def _on_pick_belief(self, _change: dict[str, Any]) -> None:
        if self._syncing:
            return
        texts = {b["id"]: b["text"] for b in self.data["beliefs"]}
        self.edit_text.value = texts.get(self.pick_belief.value, "")

    def _on_add_belief(self, _button: Any = None) -> None:
        new, message = bl.add_belief(self.data, self.belief_text.value)
        if self._change(new, message):
            self.belief_text.value = ""

    def _on_save_belief(self, _button: Any = None) -> None:
        if not self.pick_belief.value:
            self.message.value = _status("Choose the belief to change first.")
            return
        new, message = bl.edit_belief(self.data, self.pick_belief.value, self.edit_text.value)
        self._change(new, message)

    def _on_delete_belief(self, _button: Any = None) -> None:
        if not self.pick_belief.value:
            self.message.value = _status("Choose the belief to delete first.")
            return
        new, removed, message = bl.delete_belief(self.data, self.pick_belief.value)
        if removed is not None:
            self._removed = removed
            self.undo_button.disabled = False
        self._change(new, message)

    def _on_undo(self, _button: Any = None) -> None:
        if self._removed is None:
            return
        new, message = bl.restore_belief(self.data, self._removed)
        if self._change(new, message):
            self._removed = None
            self.undo_button.disabled = True

    def _on_add_note(self, _button: Any = None) -> None:
        new, message = bl.add_note(self.data, self.tracker(), self.conversation.value,
                                   self.note_belief.value, self.stance.value,
                                   self.note_text.value, self.today())
        if self._change(new, message):
            self.note_text.value = ""

    def _on_delete_note(self, _button: Any = None) -> None:
        if not self.pick_note.value:
            self.message.value = _status("Choose the note to delete first.")
            return
        new, message = bl.delete_note(self.data, self.pick_note.value)
        self._change(new, message)


class CampaignDashboard(w.VBox):
    """The weekly numbers from the saved tracker; ``refresh_button`` recounts."""

    def __init__(self, store: Any = None, today: date | Callable[[], date] | None = None) -> None:
        self.store = open_store(store)
        self.today = _today_fn(today)
        self.header = w.HTML(_head(
            "Your campaign this week",
            "Counted from your campaign tracker: messages, replies, reply rates for warm and "
            "cold contacts, conversations, new names, and what is due.",
            "Read from this browser only; nothing is sent anywhere.",
        ))
        self.view = w.HTML()
        self.refresh_button = w.Button(description="Refresh the numbers", icon="refresh")
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.refresh()
        super().__init__([self.header, self.view, self.refresh_button])
        self.add_class("iic-worksheet")

    def refresh(self) -> db.Stats:
        reread(self.store)
        data = tr.normalise(safe_get(self.store.get_worksheet, CampaignTracker.NAME))
        self.view.value = db.dashboard_html(data, self.today())
        return db.compute(data, self.today())


def campaign_tracker(store: Any = None, today: Any = None) -> CampaignTracker:
    """Track the people you ask, with follow-up dates, edit, delete and exports."""
    return CampaignTracker(store=store, today=today)


def beliefs_to_decision(store: Any = None, today: Any = None) -> BeliefsWorksheet:
    """Write beliefs about the field, tag what each conversation said, get a next step."""
    return BeliefsWorksheet(store=store, today=today)


def campaign_dashboard(store: Any = None, today: Any = None) -> CampaignDashboard:
    """The weekly numbers of your campaign, from the saved tracker."""
    return CampaignDashboard(store=store, today=today)


#: The tracker's old name, from when it was the contact map (kept for old notebooks).
contact_map = campaign_tracker
