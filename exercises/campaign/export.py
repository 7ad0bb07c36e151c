"""Export the tracker: follow-ups as an iCalendar file, the whole list as CSV.

The calendar is written with the ``icalendar`` library (pure Python, shipped to
Pyodide by the site build) and checked with :func:`validate_ics`, which parses
the text back with the same library and applies its own component rules
(required, single and mutually exclusive properties) plus the checks RFC 5545
asks of every event. The CSV uses the standard library.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta
from typing import Any

from . import cadence as cad
from . import tracker as tr

PRODID = "-//Informational interviews course//Campaign tracker//EN"
UID_DOMAIN = "campaign.informational-interviews.invalid"
ICS_NAME = "campaign-follow-ups.ics"
CSV_NAME = "campaign-contacts.csv"


def _uid(due: tr.Due) -> str:
    return f"{due.contact_id}-{due.kind}-{due.on.isoformat()}@{UID_DOMAIN}"


def _call_event(contact: dict[str, Any], due: tr.Due, stamp: datetime):  # -> Event
    """The call itself: a timed event in their zone when time and zone are known."""
    from icalendar import Event

    from .timezones import CallTimes, both_times, call_times, parse_time

    at = parse_time(contact["call_time"])
    times = (call_times(due.on, at, contact["their_zone"], contact["my_zone"])
             if at is not None else None)
    description = f"Informational interview with {contact['name']}"
    if contact["organisation"]:
        description += f" ({contact['organisation']})"
    if isinstance(times, CallTimes):
        description += f". {both_times(times)}."
        start = times.theirs
        return Event.new(uid=_uid(due), stamp=stamp, start=start,
                         end=start + timedelta(minutes=30), summary=due.what,
                         description=description)
    return Event.new(uid=_uid(due), stamp=stamp, start=due.on,
                     end=due.on + timedelta(days=1), summary=due.what,
                     description=description + ".", transparency="TRANSPARENT")


def calendar(data: Any, stamp: datetime | None = None):  # -> icalendar.Calendar
    """A Calendar with one event per reminder the tracker has now (see tracker.dues)."""
    from icalendar import Calendar, Event

    data = tr.normalise(data)
    stamp = stamp or datetime.now(UTC).replace(microsecond=0)
    cal = Calendar.new(prodid=PRODID, name="Informational interview follow-ups",
                       description="Reminders exported from your campaign tracker.")
    by_id = {c["id"]: c for c in data["contacts"]}
    for due in tr.all_dues(data):
        contact = by_id[due.contact_id]
        if due.kind == "call":
            cal.add_component(_call_event(contact, due, stamp))
            continue
        description = tr.next_step(data, contact, due.on)
        if due.kind == "report":
            _, last = cad.report_back_window(cad.parse_date(contact["held_on"]))
            description += f" Any day until {cad.long_date(last)} is fine."
        cal.add_component(Event.new(uid=_uid(due), stamp=stamp, start=due.on,
                                    end=due.on + timedelta(days=1), summary=due.what,
                                    description=description, transparency="TRANSPARENT"))
    # Zone definitions only for the years the events use, so the file stays small.
    days = [c.get("DTSTART").dt for c in cal.walk("VEVENT")]
    if days:
        years = [d.year for d in days]
        cal.add_missing_timezones(first_date=date(min(years) - 1, 1, 1),
                                  last_date=date(max(years) + 2, 1, 1))
    return cal


def to_ics(data: Any, stamp: datetime | None = None) -> str:
    """The reminders as iCalendar text (CRLF line ends, as RFC 5545 asks)."""
    return calendar(data, stamp).to_ical().decode("utf-8")


def validate_ics(text: str) -> list[str]:
    """Problems found when reading ``text`` back with icalendar; [] when it is valid.

    Checks: it parses as one VCALENDAR; the library reports no property it could
    not read; every component has its required properties, no repeated single
    property and not both of an exclusive pair (icalendar's own tables); every
    event has a DTSTART and ends after it starts; every TZID used is defined.
    """
    from icalendar import Calendar

    problems: list[str] = []
    try:
        cal = Calendar.from_ical(text)
    except Exception as exc:  # noqa: BLE001 - any parse failure is the answer
        return [f"does not parse: {exc}"]
    if cal.name != "VCALENDAR":
        return [f"top component is {cal.name}, not VCALENDAR"]
    for comp in cal.walk():
        where = comp.name
        for prop, error in getattr(comp, "errors", []):
            problems.append(f"{where}: {prop} unreadable ({error})")
        keys = [k.upper() for k in comp.keys()]
        for prop in getattr(comp, "required", ()):
            if prop not in keys:
                problems.append(f"{where}: required {prop} missing")
        for prop in getattr(comp, "singletons", ()):
            if isinstance(comp.get(prop), list):
                problems.append(f"{where}: {prop} appears more than once")
        exclusive = getattr(comp, "exclusive", ())
        if exclusive and all(p in keys for p in exclusive):
            problems.append(f"{where}: both of {exclusive} are set")
        if comp.name == "VEVENT":
            start = comp.get("DTSTART")
            if start is None:
                problems.append(f"VEVENT {comp.get('UID')}: no DTSTART")
                continue
            end = comp.get("DTEND")
            if end is not None:
                try:
                    a, b = start.dt, end.dt
                except Exception:  # noqa: BLE001 - already reported as unreadable above
                    continue
                if type(a) is not type(b):
                    problems.append(f"VEVENT {comp.get('UID')}: DTSTART and DTEND differ in "
                                    "type")
                elif not b > a:
                    problems.append(f"VEVENT {comp.get('UID')}: ends before it starts")
    missing = cal.get_missing_tzids()
    if missing:
        problems.append(f"time zones used but not defined: {sorted(missing)}")
    return problems


CSV_COLUMNS = (
    ("name", "Name"), ("organisation", "Organisation"), ("circle", "Circle"),
    ("warmth", "Warm or cold"), ("stage", "Stage"), ("status", "Status today"),
    ("next_step", "Next step"), ("referred_by", "Suggested by"),
    ("added_on", "Added on"), ("asked_on", "Request sent on"),
    ("followed_up_on", "Followed up on"), ("replied_on", "Replied on"),
    ("call_date", "Call date"), ("call_time", "Call time (their time)"),
    ("their_zone", "Their time zone"), ("my_zone", "Your time zone"),
    ("held_on", "Held on"), ("thanked_on", "Thank-you sent on"),
    ("reported_on", "Reported back on"), ("closed_on", "Closed on"), ("note", "Note"),
)


def _cell(value: str) -> str:
    """Spreadsheet-safe: a cell that starts like a formula is kept as text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def to_csv(data: Any, today: date) -> str:
    """Every contact, one row each, with today's status and next step."""
    data = tr.normalise(data)
    names = {c["id"]: c["name"] for c in data["contacts"]}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([label for _, label in CSV_COLUMNS])
    for c in data["contacts"]:
        row = dict(c)
        row["circle"] = tr.CIRCLE_LABELS[c["circle"]]
        row["stage"] = tr.STAGE_LABELS[c["stage"]]
        row["status"] = tr.STATUS_LABELS[tr.status(c, today)]
        row["next_step"] = tr.next_step(data, c, today)
        row["referred_by"] = names.get(c["referred_by"], "")
        writer.writerow([_cell(str(row.get(key, ""))) for key, _ in CSV_COLUMNS])
    return out.getvalue()
