"""The follow-up cadence taught in "Running your campaign", as date arithmetic.

Standard library only (runs in Pyodide). Dates are ``datetime.date``; saved work
stores them as ISO strings ("2026-11-27"), parsed here with a clear failure.

The cadence, in working days (Monday to Friday) so that a weekend never hides
a reminder:

- follow up once when a request has had no reply for a working week
  (``FOLLOW_UP_WORKING_DAYS``), which is seven calendar days for a request sent
  on a weekday;
- write to a second person at the same organisation when the first has not
  replied within ``SECOND_CONTACT_WORKING_DAYS``;
- after a follow-up, wait another working week, then move on;
- confirm a booked call on the working day before it;
- send the thank-you note within a day of the call;
- report back between ``REPORT_BACK_WEEKS`` after the call.

Public holidays differ by country and are not counted: the chapter says so.
"""

from __future__ import annotations

from datetime import date, timedelta

FOLLOW_UP_WORKING_DAYS = 5
SECOND_CONTACT_WORKING_DAYS = 3
MOVE_ON_WORKING_DAYS = 5
THANK_YOU_DAYS = 1
REPORT_BACK_WEEKS = (6, 8)


def parse_date(value: object) -> date | None:
    """An ISO date ("2026-11-27", or the date part of an ISO time); None if unusable."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()[:10]
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def is_working_day(day: date) -> bool:
    return day.weekday() < 5


def next_working_day(day: date) -> date:
    """``day`` itself when it is a weekday, else the Monday after."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(day: date, n: int) -> date:
    """The date ``n`` working days after ``day`` (a weekend start counts from Monday)."""
    if n < 0:
        raise ValueError("n must be zero or more")
    current = day
    added = 0
    while added < n:
        current += timedelta(days=1)
        if is_working_day(current):
            added += 1
    return current


def working_day_before(day: date) -> date:
    """The last working day strictly before ``day`` (Friday for a Monday or a weekend)."""
    current = day - timedelta(days=1)
    while not is_working_day(current):
        current -= timedelta(days=1)
    return current


def follow_up_on(asked: date) -> date:
    return add_working_days(asked, FOLLOW_UP_WORKING_DAYS)


def second_contact_from(asked: date) -> date:
    return add_working_days(asked, SECOND_CONTACT_WORKING_DAYS)


def move_on_from(followed_up: date) -> date:
    return add_working_days(followed_up, MOVE_ON_WORKING_DAYS)


def confirm_on(call: date) -> date:
    return working_day_before(call)


def thank_you_by(held: date) -> date:
    return held + timedelta(days=THANK_YOU_DAYS)


def report_back_window(held: date) -> tuple[date, date]:
    """(from, until): six to eight weeks after the call, each moved off a weekend."""
    first, last = REPORT_BACK_WEEKS
    return (next_working_day(held + timedelta(weeks=first)),
            next_working_day(held + timedelta(weeks=last)))


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def long_date(day: date) -> str:
    """"Monday 3 November 2026": no locale needed, the same in Python and Pyodide."""
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def short_date(day: date) -> str:
    """"Mon 3 Nov"."""
    return f"{_DAYS[day.weekday()][:3]} {day.day} {_MONTHS[day.month - 1][:3]}"


_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
