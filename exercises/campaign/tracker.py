"""The campaign tracker: contacts moving through a pipeline, with cadence dates.

Pure functions over plain dicts (the saved-work worksheet ``"contacts"``), so
the notebook widget and the book page's worker share every rule. Each change
returns a NEW dict and a message for the learner; nothing here raises on what
a learner typed or on a damaged saved file.

Saved shape (``version`` 2)::

    {"version": 2,
     "contacts": [{"id": "c1", "name": "...", "organisation": "...", "circle": "alumni",
                   "warmth": "warm" | "cold", "note": "...", "referred_by": "c0" | "",
                   "stage": "to_ask", "added_on": "2026-11-02", "asked_on": "",
                   "followed_up_on": "", "replied_on": "", "call_date": "",
                   "call_time": "", "their_zone": "", "my_zone": "", "held_on": "",
                   "thanked_on": "", "reported_on": "", "closed_on": ""}],
     "first_three": ["c1", ...], "next_id": 2}

The contact map of earlier versions (``{"circles": {...}, "first_three": [names]}``)
is read as version 2: every person becomes a contact "to ask".
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date
from typing import Any

from . import cadence as cad
from .timezones import confirmation_text

VERSION = 2

CIRCLES = (
    ("friends_family", "Friends and family"),
    ("teachers", "Teachers and professors"),
    ("supervisors", "Internship and job supervisors"),
    ("alumni", "Alumni"),
    ("peers", "Peers and classmates"),
    ("online", "Online professional network"),
)
CIRCLE_IDS = tuple(k for k, _ in CIRCLES)
CIRCLE_LABELS = dict(CIRCLES)
#: People who already know you are warm; a shared school alone, or a profile
#: found online, is cold until someone introduces you. The learner can change it.
WARM_CIRCLES = {"friends_family", "teachers", "supervisors", "peers"}
WARMTH = (("warm", "Warm: they know me, or someone introduced us"),
          ("cold", "Cold: we have never been in touch"))
WARMTH_IDS = tuple(k for k, _ in WARMTH)

STAGES = (
    ("to_ask", "To ask"),
    ("asked", "Asked"),
    ("booked", "Booked"),
    ("held", "Held"),
    ("thanked", "Thanked"),
    ("reported", "Reported back"),
    ("declined", "Said no"),
    ("no_reply", "No reply, moved on"),
)
STAGE_IDS = tuple(k for k, _ in STAGES)
STAGE_LABELS = dict(STAGES)
#: The main line; "declined" and "no_reply" close a contact.
MAIN_LINE = ("to_ask", "asked", "booked", "held", "thanked", "reported")
CLOSED = {"declined", "no_reply", "reported"}
#: Stages reached only after the person replied (used for reply rates).
REPLIED = {"booked", "held", "thanked", "reported", "declined"}
#: Stages after a conversation took place.
HELD = {"held", "thanked", "reported"}

#: The pipeline column a contact sits in today (issue 13's seven, plus the end).
STATUSES = (
    ("to_ask", "To ask"),
    ("asked", "Asked, waiting"),
    ("follow_up_due", "Follow-up due"),
    ("booked", "Booked"),
    ("held", "Held: thank-you due"),
    ("thanked", "Thanked"),
    ("report_back_due", "Report-back due"),
    ("done", "Done"),
    ("closed", "Closed"),
)
STATUS_LABELS = dict(STATUSES)

DATE_FIELDS = ("added_on", "asked_on", "followed_up_on", "replied_on", "call_date",
               "held_on", "thanked_on", "reported_on", "closed_on")
TEXT_FIELDS = ("name", "organisation", "note", "call_time", "their_zone", "my_zone")
MAX_FIELD = 200
MAX_NOTE = 500
MAX_CONTACTS = 300
MAX_FIRST = 3

DATE_LABELS = {
    "asked_on": "Request sent on", "followed_up_on": "Followed up on",
    "replied_on": "They replied on", "call_date": "Date of the call",
    "held_on": "Conversation held on", "thanked_on": "Thank-you sent on",
    "reported_on": "Reported back on", "closed_on": "Closed on", "added_on": "Added on",
}


# --------------------------------------------------------------------------- shape

def empty() -> dict[str, Any]:
    return {"version": VERSION, "contacts": [], "first_three": [], "next_id": 1}


def default_warmth(circle: str) -> str:
    return "warm" if circle in WARM_CIRCLES else "cold"


def _text(value: Any, limit: int = MAX_FIELD) -> str:
    return " ".join(value.split())[:limit] if isinstance(value, str) else ""


def _iso(value: Any) -> str:
    day = cad.parse_date(value)
    return day.isoformat() if day else ""


def blank_contact(cid: str, name: str, circle: str) -> dict[str, Any]:
    contact: dict[str, Any] = {"id": cid, "name": name, "organisation": "", "circle": circle,
                               "warmth": default_warmth(circle), "note": "",
                               "referred_by": "", "stage": "to_ask"}
    for key in DATE_FIELDS:
        contact[key] = ""
    for key in ("call_time", "their_zone", "my_zone"):
        contact[key] = ""
    return contact


def _clean_contact(raw: dict[str, Any], cid: str) -> dict[str, Any] | None:
    name = _text(raw.get("name"))
    if not name:
        return None
    circle = raw.get("circle") if raw.get("circle") in CIRCLE_IDS else CIRCLE_IDS[0]
    contact = blank_contact(cid, name, circle)
    contact["organisation"] = _text(raw.get("organisation"))
    contact["note"] = _text(raw.get("note"), MAX_NOTE)
    if raw.get("warmth") in WARMTH_IDS:
        contact["warmth"] = raw["warmth"]
    if raw.get("stage") in STAGE_IDS:
        contact["stage"] = raw["stage"]
    ref = raw.get("referred_by")
    contact["referred_by"] = ref if isinstance(ref, str) and ref != cid else ""
    for key in DATE_FIELDS:
        contact[key] = _iso(raw.get(key))
    contact["call_time"] = _text(raw.get("call_time"), 5)
    contact["their_zone"] = _text(raw.get("their_zone"), 64)
    contact["my_zone"] = _text(raw.get("my_zone"), 64)
    return contact


def normalise(saved: Any) -> dict[str, Any]:
    """Saved tracker data in the version-2 shape; any junk becomes an empty tracker.

    Reads the older contact map too (``circles`` of ``{name, note}`` and names in
    ``first_three``). Ids are kept when they are usable and unique, else new ones
    are given; ``first_three`` keeps known ids only.
    """
    data = empty()
    if not isinstance(saved, dict):
        return data
    raw_contacts: list[Any] = []
    old_first: list[Any] = []
    if isinstance(saved.get("contacts"), list):
        raw_contacts = saved["contacts"]
    elif isinstance(saved.get("circles"), dict):  # version 1: the contact map
        for circle in CIRCLE_IDS:
            entries = saved["circles"].get(circle)
            if not isinstance(entries, list):
                continue
            for entry in entries:
                if isinstance(entry, dict):
                    raw_contacts.append({"name": entry.get("name"), "note": entry.get("note"),
                                         "circle": circle})
        old_first = saved.get("first_three") if isinstance(saved.get("first_three"), list) else []
    next_id = saved.get("next_id") if isinstance(saved.get("next_id"), int) else 1
    next_id = max(1, next_id) if not isinstance(next_id, bool) else 1
    used: set[str] = set()
    names_seen: set[str] = set()
    pending: list[tuple[dict[str, Any], str]] = []
    for raw in raw_contacts[:MAX_CONTACTS]:
        if not isinstance(raw, dict):
            continue
        cid = raw.get("id")
        cid = cid if isinstance(cid, str) and cid.strip() and len(cid) <= 20 else ""
        if cid in used:
            cid = ""
        contact = _clean_contact(raw, cid or "?")
        if contact is None or contact["name"].casefold() in names_seen:
            continue
        names_seen.add(contact["name"].casefold())
        if cid:
            used.add(cid)
        pending.append((contact, cid))
    for contact, cid in pending:
        if not cid:
            while f"c{next_id}" in used:
                next_id += 1
            cid = f"c{next_id}"
            used.add(cid)
            contact["id"] = cid
        data["contacts"].append(contact)
    numbers = [int(c["id"][1:]) for c in data["contacts"] if c["id"][1:].isdigit()]
    data["next_id"] = max([next_id, *[n + 1 for n in numbers]])
    ids = {c["id"] for c in data["contacts"]}
    for c in data["contacts"]:
        if c["referred_by"] not in ids:
            c["referred_by"] = ""
    if old_first:
        by_name = {c["name"]: c["id"] for c in data["contacts"]}
        first = [by_name[n] for n in old_first if isinstance(n, str) and n in by_name]
    else:
        raw_first = saved.get("first_three")
        first = [i for i in raw_first if isinstance(i, str) and i in ids] if isinstance(
            raw_first, list) else []
    data["first_three"] = list(dict.fromkeys(first))[:MAX_FIRST]
    return data


def find(data: dict[str, Any], cid: str) -> dict[str, Any] | None:
    for contact in data["contacts"]:
        if contact["id"] == cid:
            return contact
    return None


def names(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(id, name) of every contact, in the order they were added."""
    return [(c["id"], c["name"]) for c in data["contacts"]]


# --------------------------------------------------------------------------- changes

def _validated_fields(fields: dict[str, Any], current: dict[str, Any] | None,
                      ids: set[str]) -> tuple[dict[str, Any], list[str]]:
    """The usable subset of ``fields`` and learner-facing problems with the rest."""
    out: dict[str, Any] = {}
    problems: list[str] = []
    if "name" in fields:
        name = _text(fields.get("name"))
        if name:
            out["name"] = name
        else:
            problems.append("A name or short description is needed (for example: my aunt's "
                            "boss).")
    if "organisation" in fields:
        out["organisation"] = _text(fields.get("organisation"))
    if "note" in fields:
        out["note"] = _text(fields.get("note"), MAX_NOTE)
    if "circle" in fields:
        if fields["circle"] in CIRCLE_IDS:
            out["circle"] = fields["circle"]
        else:
            problems.append("Choose a circle for this person.")
    if "warmth" in fields:
        if fields["warmth"] in WARMTH_IDS:
            out["warmth"] = fields["warmth"]
        elif fields["warmth"] in ("", None, "auto"):
            circle = out.get("circle") or (current or {}).get("circle") or CIRCLE_IDS[0]
            out["warmth"] = default_warmth(circle)
        else:
            problems.append("Choose warm or cold.")
    if "stage" in fields:
        if fields["stage"] in STAGE_IDS:
            out["stage"] = fields["stage"]
        else:
            problems.append("Choose where this contact stands.")
    if "referred_by" in fields:
        ref = fields.get("referred_by") or ""
        own = (current or {}).get("id")
        if ref == "" or (isinstance(ref, str) and ref in ids and ref != own):
            out["referred_by"] = ref
        else:
            problems.append("Choose who suggested this person from your list, or nobody.")
    for key in DATE_FIELDS:
        if key in fields:
            value = fields.get(key)
            if value in ("", None):
                out[key] = ""
            elif cad.parse_date(value):
                out[key] = _iso(value)
            else:
                problems.append(f"{DATE_LABELS.get(key, key)}: write a date like 2026-11-27.")
    if "call_time" in fields:
        value = fields.get("call_time") or ""
        from .timezones import parse_time

        if value == "":
            out["call_time"] = ""
        elif parse_time(value):
            t = parse_time(value)
            out["call_time"] = f"{t.hour:02d}:{t.minute:02d}"
        else:
            problems.append("Time of the call: write it like 15:00 or 9:30.")
    for key in ("their_zone", "my_zone"):
        if key in fields:
            value = _text(fields.get(key), 64)
            if value:
                from .timezones import find_zone, has_zone_data

                if not has_zone_data():
                    problems.append("Time zones cannot be checked in this browser right now "
                                    "(the time-zone data did not load); leave them empty for "
                                    "now and try again after a reload.")
                    continue
                zone = find_zone(value)
                if zone is None:
                    who = "Their" if key == "their_zone" else "Your"
                    problems.append(f'{who} time zone: "{value}" is not one this helper knows; '
                                    "choose one from the list, such as Europe/London.")
                    continue
                value = str(zone.key)
            out[key] = value
    return out, problems


def add(data: dict[str, Any], fields: dict[str, Any], today: date) -> tuple[dict, str]:
    """Add a person ("to ask"). Returns (new data, message); the input is never changed."""
    new = normalise(data)
    if len(new["contacts"]) >= MAX_CONTACTS:
        return data, (f"Your tracker holds {MAX_CONTACTS} people, its limit. Delete people "
                      "you have closed before adding more.")
    fields = dict(fields or {})
    fields.setdefault("name", "")
    fields.setdefault("circle", "")
    if fields.get("warmth") in (None, "auto"):
        fields["warmth"] = ""
    clean, problems = _validated_fields(fields, None, {c["id"] for c in new["contacts"]})
    if problems:
        return data, " ".join(problems)
    if any(c["name"].casefold() == clean["name"].casefold() for c in new["contacts"]):
        return data, (f"{clean['name']} is already in your tracker: use Edit to change "
                      "their details.")
    cid = f"c{new['next_id']}"
    new["next_id"] += 1
    contact = blank_contact(cid, clean["name"], clean["circle"])
    contact.update(clean)
    contact["stage"] = "to_ask"
    contact["added_on"] = today.isoformat()
    new["contacts"].append(contact)
    return new, (f"Added {contact['name']} ({contact['warmth']}, "
                 f"{CIRCLE_LABELS[contact['circle']].lower()}) to your tracker.")


def edit(data: dict[str, Any], cid: str, fields: dict[str, Any]) -> tuple[dict, str]:
    """Change any of a contact's details; bad fields are named and nothing is changed."""
    new = normalise(data)
    contact = find(new, cid)
    if contact is None:
        return data, "That person is no longer in your tracker."
    clean, problems = _validated_fields(dict(fields or {}), contact,
                                        {c["id"] for c in new["contacts"]})
    if problems:
        return data, "Nothing was changed. " + " ".join(problems)
    if "name" in clean and any(c["name"].casefold() == clean["name"].casefold()
                               and c["id"] != cid for c in new["contacts"]):
        return data, f"Nothing was changed: {clean['name']} is already in your tracker."
    contact.update(clean)
    return new, f"Saved the changes to {contact['name']}."


def delete(data: dict[str, Any], cid: str) -> tuple[dict, dict | None, int, str]:
    """Remove a contact. Returns (new data, the removed contact, its index, message)."""
    new = normalise(data)
    for index, contact in enumerate(new["contacts"]):
        if contact["id"] == cid:
            del new["contacts"][index]
            new["first_three"] = [i for i in new["first_three"] if i != cid]
            return new, contact, index, f"Deleted {contact['name']} from your tracker."
    return data, None, -1, "That person is no longer in your tracker."


def restore(data: dict[str, Any], contact: Any, index: int = -1) -> tuple[dict, str]:
    """Put a deleted contact back (the page's Undo), at its old place when possible."""
    new = normalise(data)
    if not isinstance(contact, dict):
        return data, "There is nothing to undo."
    clean = _clean_contact(contact, str(contact.get("id") or ""))
    if clean is None or not clean["id"] or find(new, clean["id"]) is not None:
        return data, "There is nothing to undo."
    if any(c["name"].casefold() == clean["name"].casefold() for c in new["contacts"]):
        return data, f"{clean['name']} is already back in your tracker."
    at = index if isinstance(index, int) and 0 <= index <= len(new["contacts"]) else len(
        new["contacts"])
    new["contacts"].insert(at, clean)
    new = normalise(new)
    return new, f"{clean['name']} is back in your tracker."


#: The main action for each stage: (button text, stage after, date field stamped today).
ADVANCE = {
    "to_ask": ("Mark as asked", "asked", "asked_on"),
    "asked": ("They said yes: booked", "booked", "replied_on"),
    "booked": ("Mark as held", "held", "held_on"),
    "held": ("Mark as thanked", "thanked", "thanked_on"),
    "thanked": ("Mark as reported back", "reported", "reported_on"),
}

ACTIONS = {
    "advance": "Move to the next stage",
    "follow_up": "I followed up",
    "declined": "They said no",
    "no_reply": "No reply: move on",
}


def available_actions(contact: dict[str, Any]) -> list[tuple[str, str]]:
    """(action id, button text) a learner can take on this contact now."""
    stage = contact["stage"]
    out: list[tuple[str, str]] = []
    if stage in ADVANCE:
        out.append(("advance", ADVANCE[stage][0]))
    if stage == "asked":
        if not contact["followed_up_on"]:
            out.append(("follow_up", ACTIONS["follow_up"]))
        out.append(("declined", ACTIONS["declined"]))
        out.append(("no_reply", ACTIONS["no_reply"]))
    return out


def act(data: dict[str, Any], cid: str, action: str, today: date) -> tuple[dict, str]:
    """Apply one pipeline action (see ``available_actions``), dating it today."""
    new = normalise(data)
    contact = find(new, cid)
    if contact is None:
        return data, "That person is no longer in your tracker."
    if action not in dict(available_actions(contact)):
        return data, (f"{contact['name']} is at \"{STAGE_LABELS[contact['stage']]}\"; that "
                      "step does not apply now.")
    stamp = today.isoformat()
    name = contact["name"]
    if action == "advance":
        _, stage, field = ADVANCE[contact["stage"]]
        contact["stage"] = stage
        if not contact[field]:
            contact[field] = stamp
        if stage == "held" and contact["call_date"] and not cad.parse_date(
                contact["call_date"]) > today:
            contact["held_on"] = contact["call_date"]
        return new, _advance_message(contact, today)
    if action == "follow_up":
        contact["followed_up_on"] = stamp
        return new, (f"{name}: follow-up sent. If there is still no reply by "
                     f"{cad.long_date(cad.move_on_from(today))}, move on to the next name.")
    if action == "declined":
        contact["stage"] = "declined"
        contact["replied_on"] = contact["replied_on"] or stamp
        contact["closed_on"] = stamp
        return new, (f"{name} said no. Thank them, and ask whether someone else might talk "
                     "to you.")
    contact["stage"] = "no_reply"
    contact["closed_on"] = stamp
    return new, f"{name}: no reply, so you have moved on. That is normal; try the next name."


def _advance_message(contact: dict[str, Any], today: date) -> str:
    name, stage = contact["name"], contact["stage"]
    if stage == "asked":
        return (f"{name}: request sent. If there is no reply, follow up on "
                f"{cad.long_date(cad.follow_up_on(cad.parse_date(contact['asked_on'])))}.")
    if stage == "booked":
        return (f"{name} said yes. Add the date, time and time zones of the call with Edit, "
                "to get a confirmation message in both local times.")
    held = cad.parse_date(contact["held_on"]) or today
    if stage == "held":
        return (f"{name}: conversation held. Send your thank-you note by "
                f"{cad.long_date(cad.thank_you_by(held))}.")
    if stage == "thanked":
        start, end = cad.report_back_window(held)
        return (f"{name}: thank-you sent. Report back between {cad.long_date(start)} and "
                f"{cad.long_date(end)}.")
    return f"{name}: reported back. Well done; keep in touch when you have news."


def set_first_three(data: dict[str, Any], chosen: list[Any]) -> tuple[dict, str]:
    """Keep up to three known ids, in the order chosen; say so if more were picked."""
    new = normalise(data)
    ids = {c["id"] for c in new["contacts"]}
    picked = list(dict.fromkeys(i for i in chosen if isinstance(i, str) and i in ids))
    message = ""
    if len(picked) > MAX_FIRST:
        message = f"Pick at most {MAX_FIRST} people to ask first; the first three are kept."
    new["first_three"] = picked[:MAX_FIRST]
    if not message:
        chosen_names = [find(new, i)["name"] for i in new["first_three"]]
        message = ("You will ask " + ", ".join(chosen_names) + " first." if chosen_names
                   else "Nobody is chosen to ask first yet.")
    return new, message


# --------------------------------------------------------------------------- status

@dataclass(frozen=True)
class Due:
    """One dated thing to do for a contact."""

    on: date
    what: str
    contact_id: str
    name: str
    kind: str  # follow_up | second_contact | move_on | confirm | call | thank | report


def status(contact: dict[str, Any], today: date) -> str:
    """The pipeline column today: to_ask, asked, follow_up_due, booked, held, thanked,
    report_back_due, done or closed."""
    stage = contact["stage"]
    if stage == "asked":
        asked = cad.parse_date(contact["asked_on"])
        if asked and not contact["followed_up_on"] and today >= cad.follow_up_on(asked):
            return "follow_up_due"
        return "asked"
    if stage == "thanked":
        held = cad.parse_date(contact["held_on"])
        if held and today >= cad.report_back_window(held)[0]:
            return "report_back_due"
        return "thanked"
    if stage == "reported":
        return "done"
    if stage in ("declined", "no_reply"):
        return "closed"
    return stage


def _second_contact(data: dict[str, Any], contact: dict[str, Any]) -> dict[str, Any] | None:
    """Someone at the same organisation who was asked and has not replied yet."""
    org = contact["organisation"].casefold()
    if not org or contact["stage"] != "to_ask":
        return None
    waiting = [c for c in data["contacts"] if c["id"] != contact["id"] and c["stage"] == "asked"
               and c["organisation"].casefold() == org and cad.parse_date(c["asked_on"])]
    return min(waiting, key=lambda c: c["asked_on"]) if waiting else None


def dues(data: dict[str, Any], contact: dict[str, Any]) -> list[Due]:
    """Every dated reminder the cadence gives this contact now."""
    out: list[Due] = []
    cid, name = contact["id"], contact["name"]
    stage = contact["stage"]
    asked = cad.parse_date(contact["asked_on"])
    if stage == "asked" and asked:
        followed = cad.parse_date(contact["followed_up_on"])
        if followed:
            out.append(Due(cad.move_on_from(followed), f"No reply since your follow-up to "
                           f"{name}: move on to the next name", cid, name, "move_on"))
        else:
            out.append(Due(cad.follow_up_on(asked), f"Follow up once with {name}", cid, name,
                           "follow_up"))
    if stage == "to_ask":
        first = _second_contact(data, contact)
        if first is not None:
            out.append(Due(cad.second_contact_from(cad.parse_date(first["asked_on"])),
                           f"Write to {name}: {first['name']} at {contact['organisation']} "
                           "has not replied", cid, name, "second_contact"))
    call = cad.parse_date(contact["call_date"])
    if stage == "booked" and call:
        out.append(Due(cad.confirm_on(call), f"Confirm tomorrow's call with {name}"
                       if (call - cad.confirm_on(call)).days == 1 else
                       f"Confirm your call with {name} ({cad.short_date(call)})", cid, name,
                       "confirm"))
        out.append(Due(call, f"Informational interview with {name}", cid, name, "call"))
    held = cad.parse_date(contact["held_on"])
    if stage == "held" and held:
        out.append(Due(cad.thank_you_by(held), f"Send {name} your thank-you note", cid, name,
                       "thank"))
    if stage == "thanked" and held:
        start, _ = cad.report_back_window(held)
        out.append(Due(start, f"Report back to {name} on what you did with their advice", cid,
                       name, "report"))
    return out


def all_dues(data: dict[str, Any]) -> list[Due]:
    return sorted((d for c in data["contacts"] for d in dues(data, c)),
                  key=lambda d: (d.on, d.name.casefold(), d.kind))


def next_step(data: dict[str, Any], contact: dict[str, Any], today: date) -> str:
    """One sentence: what to do next for this contact, with its date."""
    stage, name = contact["stage"], contact["name"]
    if stage == "to_ask":
        first = _second_contact(data, contact)
        if first is not None:
            start = cad.second_contact_from(cad.parse_date(first["asked_on"]))
            if today < start:
                return (f"You wrote to {first['name']} at {contact['organisation']} on "
                        f"{cad.short_date(cad.parse_date(first['asked_on']))}. If there is no "
                        f"reply, write to {name} from {cad.long_date(start)}.")
            return (f"{first['name']} has not replied in three working days: you can write "
                    f"to {name} now.")
        return f"Write to {name}, then press \"Mark as asked\"."
    if stage == "asked":
        asked = cad.parse_date(contact["asked_on"])
        followed = cad.parse_date(contact["followed_up_on"])
        if followed:
            stop = cad.move_on_from(followed)
            if today >= stop:
                return ("Still no reply a working week after your follow-up: press \"No "
                        "reply: move on\" and try the next name.")
            return (f"You followed up on {cad.short_date(followed)}. If there is no reply by "
                    f"{cad.long_date(stop)}, move on.")
        if asked is None:
            return "Add the date you sent your request (Edit), to get your follow-up date."
        due = cad.follow_up_on(asked)
        if today >= due:
            return (f"Follow-up due since {cad.long_date(due)}: send one short, friendly "
                    "follow-up, then press \"I followed up\".")
        return f"Waiting for a reply. If none comes, follow up on {cad.long_date(due)}."
    if stage == "booked":
        call = cad.parse_date(contact["call_date"])
        if call is None:
            return ("Add the date, time and time zones of the call (Edit) to get reminders "
                    "and a confirmation message.")
        if today > call:
            return "Was the call held? Press \"Mark as held\", or change its date with Edit."
        return (f"Confirm on {cad.long_date(cad.confirm_on(call))}; the call is on "
                f"{cad.long_date(call)}{call_time_words(contact)}.")
    if stage == "held":
        held = cad.parse_date(contact["held_on"]) or today
        return (f"Send your thank-you note by {cad.long_date(cad.thank_you_by(held))}, then "
                "press \"Mark as thanked\".")
    if stage == "thanked":
        held = cad.parse_date(contact["held_on"])
        if held is None:
            return "Add the date of the conversation (Edit) to get your report-back window."
        start, end = cad.report_back_window(held)
        if today >= start:
            return (f"Report-back due: tell {name} what you did with their advice "
                    f"(best by {cad.long_date(end)}).")
        return f"Report back between {cad.long_date(start)} and {cad.long_date(end)}."
    if stage == "reported":
        return "Done. Write again when you have real news, every few months at most."
    if stage == "declined":
        return "They said no. Did you thank them and ask whether someone else could help?"
    return "No reply, so you moved on. That is normal."


def call_time_words(contact: dict[str, Any]) -> str:
    """" at 15:00 in Berlin (09:00 for you in Toronto)", or "" when no time is set."""
    from .timezones import CallTimes, both_times, call_times, parse_time

    at = parse_time(contact["call_time"])
    day = cad.parse_date(contact["call_date"])
    if at is None or day is None:
        return ""
    if contact["their_zone"]:
        times = call_times(day, at, contact["their_zone"], contact["my_zone"])
        if isinstance(times, CallTimes):
            return f" at {both_times(times)}"
    return f" at {contact['call_time']}"


def confirmation(contact: dict[str, Any], sender: str = "") -> str:
    """The confirmation message for a booked call, in both local times; "" if not ready."""
    from .timezones import CallTimes, call_times, parse_time

    at = parse_time(contact["call_time"])
    day = cad.parse_date(contact["call_date"])
    if at is None or day is None or not contact["their_zone"]:
        return ""
    times = call_times(day, at, contact["their_zone"], contact["my_zone"])
    if not isinstance(times, CallTimes):
        return ""
    return confirmation_text(greeting_name(contact["name"]), times, sender)


_TITLES = {"dr", "mr", "mrs", "ms", "mx", "prof", "professor", "sir", "dame"}


def greeting_name(name: str) -> str:
    """What follows "Hi": "Dr Okoye" stays whole, "Maya Chen" -> "Maya", and a
    description ("my aunt's boss") gives "" so the message opens with "Hello"."""
    words = name.replace(",", " ").split()
    if not words or not words[0][:1].isupper():
        return ""
    if words[0].rstrip(".").lower() in _TITLES:
        return " ".join(words[:2]) if len(words) > 1 else ""
    return words[0]


def referrals_from(data: dict[str, Any], cid: str) -> int:
    return sum(1 for c in data["contacts"] if c["referred_by"] == cid)


def copy_of(data: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(data)
