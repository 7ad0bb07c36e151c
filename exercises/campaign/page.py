"""The book page's side of the campaign tools: JSON in, JSON out, never raises.

The page's worker calls :func:`handle` with the tool (``"tracker"``,
``"beliefs"`` or ``"dashboard"``), an action and a JSON payload that carries the
saved data the page read from ``localStorage``, today's date in the learner's
own time zone (``today``, "YYYY-MM-DD") and their time zone (``zone``). The answer
holds the new data (``changed`` says whether the page should save it), the HTML
to show and a message for the status line. The notebook widgets call the same
functions underneath, so page and notebook follow one set of rules.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from . import beliefs as bl
from . import cadence as cad
from . import dashboard as db
from . import export as ex
from . import render as rd
from . import tracker as tr


def _saved(definition: str, value: Any) -> Any:
    """What of saved data fits the one schema of saved work (issue 14); {} if nothing."""
    from exercises.saved_schema import checked

    return checked(definition, value, {})


def _today(payload: dict[str, Any]) -> date:
    return cad.parse_date(payload.get("today")) or date.today()


def _str(payload: dict[str, Any], key: str) -> str:
    value = payload.get(key)
    return value if isinstance(value, str) else ""


def tracker_answer(data: dict[str, Any], today: date, message: str = "",
                   changed: bool = False, **extra: Any) -> dict[str, Any]:
    return {"data": data, "changed": changed, "message": message,
            "html": rd.tracker_html(data, today, actions=True),
            "choices": [[cid, name] for cid, name in tr.names(data)],
            "first_three": list(data["first_three"]), **extra}


def tracker(action: str, payload: dict[str, Any]) -> dict[str, Any]:
    today = _today(payload)
    before = tr.normalise(_saved("contacts", payload.get("data")))
    cid = _str(payload, "id")
    fields = payload.get("fields") if isinstance(payload.get("fields"), dict) else {}
    if action == "show":
        return tracker_answer(before, today)
    if action == "add":
        after, message = tr.add(before, fields, today)
    elif action == "edit":
        after, message = tr.edit(before, cid, fields)
    elif action == "act":
        after, message = tr.act(before, cid, _str(payload, "do"), today)
    elif action == "first":
        chosen = payload.get("chosen") if isinstance(payload.get("chosen"), list) else []
        after, message = tr.set_first_three(before, [c for c in chosen if c])
    elif action == "delete":
        after, removed, index, message = tr.delete(before, cid)
        return tracker_answer(after, today, message, after is not before, removed=removed,
                              index=index)
    elif action == "restore":
        index = payload.get("index") if isinstance(payload.get("index"), int) else -1
        after, message = tr.restore(before, payload.get("contact"), index)
    elif action == "edit_form":
        return tracker_answer(before, today, form=rd.edit_form_html(
            before, cid, _str(payload, "uid") or "iic-tracker", _str(payload, "zones"),
            _str(payload, "zone")))
    elif action == "ics":
        try:
            text = ex.to_ics(before)
        except ImportError:
            return tracker_answer(before, today, "The calendar library did not load in this "
                                  "browser, so no calendar file could be made. Reload the page "
                                  "and try again, or download the CSV list instead.")
        problems = ex.validate_ics(text)
        if problems:  # never hand a learner a file their calendar would reject
            return tracker_answer(before, today, "The calendar file could not be made: "
                                  + "; ".join(problems))
        count = text.count("BEGIN:VEVENT")
        message = (f"Your calendar file has {count} reminder{'s' if count != 1 else ''}. "
                   "Open it with your calendar app to add them." if count else
                   "There is nothing to remind you of yet: mark people as asked or booked "
                   "first. The file is empty.")
        return tracker_answer(before, today, message, file={
            "name": ex.ICS_NAME, "type": "text/calendar", "text": text})
    elif action == "csv":
        return tracker_answer(before, today, "Your list was saved as a CSV file, which any "
                              "spreadsheet opens.", file={
                                  "name": ex.CSV_NAME, "type": "text/csv",
                                  "text": ex.to_csv(before, today)})
    else:
        return tracker_answer(before, today, f"Unknown tracker action {action!r}.")
    return tracker_answer(after, today, message, after is not before and after != before)


def beliefs_answer(data: dict[str, Any], tracker_data: Any, message: str = "",
                   changed: bool = False, uid: str = "iic-beliefs",
                   **extra: Any) -> dict[str, Any]:
    return {"data": data, "changed": changed, "message": message,
            "html": bl.grid_html(data, actions=True, uid=uid),
            "beliefs": [[b["id"], b["text"]] for b in data["beliefs"]],
            "conversations": [list(c) for c in bl.held_conversations(tracker_data)],
            "next_step": bl.next_step_for_thanks(data), **extra}


def beliefs(action: str, payload: dict[str, Any]) -> dict[str, Any]:
    today = _today(payload)
    before = bl.normalise(_saved("beliefs", payload.get("data")))
    tracker_data = _saved("contacts", payload.get("tracker"))
    uid = _str(payload, "uid") or "iic-beliefs"
    bid = _str(payload, "id")
    if action == "show":
        return beliefs_answer(before, tracker_data, uid=uid)
    if action == "add_belief":
        after, message = bl.add_belief(before, payload.get("text"))
    elif action == "edit_belief":
        after, message = bl.edit_belief(before, bid, payload.get("text"))
    elif action == "delete_belief":
        after, removed, message = bl.delete_belief(before, bid)
        return beliefs_answer(after, tracker_data, message, removed is not None, uid=uid,
                              removed=removed)
    elif action == "restore_belief":
        after, message = bl.restore_belief(before, payload.get("removed"))
    elif action == "add_note":
        after, message = bl.add_note(before, tracker_data, payload.get("contact"),
                                     payload.get("belief"), payload.get("stance"),
                                     payload.get("text"), today)
    elif action == "delete_note":
        after, message = bl.delete_note(before, bid)
    else:
        return beliefs_answer(before, tracker_data, f"Unknown beliefs action {action!r}.",
                              uid=uid)
    return beliefs_answer(after, tracker_data, message, after != before, uid=uid)


def dashboard(payload: dict[str, Any]) -> dict[str, Any]:
    today = _today(payload)
    data = tr.normalise(_saved("contacts", payload.get("tracker")))
    uid = _str(payload, "uid") or "iic-dash"
    return {"html": db.dashboard_html(data, today, uid),
            "stats": db.compute(data, today).to_dict(), "changed": False, "message": ""}


def handle(tool: str, action: str, payload_json: str) -> str:
    """One request from the page; the answer is JSON. A malformed payload counts as an
    empty one; an unknown tool or an unexpected failure comes back as ``error``."""
    try:
        payload = json.loads(payload_json) if isinstance(payload_json, str) else {}
    except ValueError:  # a malformed payload is treated as an empty one
        payload = {}
    if not isinstance(payload, dict):
        payload = {}
    try:
        if tool == "tracker":
            out = tracker(action, payload)
        elif tool == "beliefs":
            out = beliefs(action, payload)
        elif tool == "dashboard":
            out = dashboard(payload)
        else:
            out = {"error": f"Unknown campaign tool {tool!r}."}
    except Exception as exc:  # noqa: BLE001 - the page shows it; a learner never sees a trace
        out = {"error": f"Something went wrong in the campaign tools ({type(exc).__name__}: "
                        f"{exc}). Your saved data is unchanged."}
    return json.dumps(out)
