"""The follow-up cadence: working days across weekends, month ends, year ends and leap days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exercises.campaign import cadence as cad

DAYS = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))


@pytest.mark.parametrize(("start", "n", "expected"), [
    (date(2026, 11, 27), 5, date(2026, 12, 4)),   # Friday, across a weekend and month end
    (date(2026, 12, 31), 3, date(2027, 1, 5)),    # Thursday, across the year end
    (date(2026, 2, 28), 5, date(2026, 3, 6)),     # Saturday: counting starts on Monday
    (date(2028, 2, 28), 3, date(2028, 3, 2)),     # leap year: 29 February is a working day
    (date(2026, 11, 29), 1, date(2026, 11, 30)),  # Sunday -> Monday
    (date(2026, 11, 25), 0, date(2026, 11, 25)),
])
def test_add_working_days(start: date, n: int, expected: date) -> None:
    assert cad.add_working_days(start, n) == expected


def test_negative_working_days_are_refused() -> None:
    with pytest.raises(ValueError):
        cad.add_working_days(date(2026, 1, 1), -1)


@given(DAYS, st.integers(min_value=1, max_value=40))
def test_working_days_land_on_a_weekday_and_count_exactly(start: date, n: int) -> None:
    end = cad.add_working_days(start, n)
    assert cad.is_working_day(end)
    between = [start + timedelta(days=i) for i in range(1, (end - start).days + 1)]
    assert sum(cad.is_working_day(d) for d in between) == n


@given(DAYS)
def test_follow_up_is_a_week_later_for_a_weekday_request(day: date) -> None:
    due = cad.follow_up_on(day)
    if cad.is_working_day(day):
        assert due == day + timedelta(days=7)
    else:  # sent at the weekend: the Friday of the next working week
        assert due.weekday() == 4 and (due - day).days == 11 - day.weekday()


def test_second_contact_and_moving_on() -> None:
    assert cad.second_contact_from(date(2026, 11, 26)) == date(2026, 12, 1)  # Thu -> Tue
    assert cad.move_on_from(date(2026, 12, 30)) == date(2027, 1, 6)


@pytest.mark.parametrize(("call", "confirm"), [
    (date(2026, 12, 1), date(2026, 11, 30)),   # Tuesday -> Monday
    (date(2026, 3, 2), date(2026, 2, 27)),     # Monday -> the Friday before, in February
    (date(2025, 12, 1), date(2025, 11, 28)),   # Monday 1 December -> Friday 28 November
    (date(2026, 11, 29), date(2026, 11, 27)),  # a Sunday call -> Friday
])
def test_confirm_on_the_working_day_before(call: date, confirm: date) -> None:
    assert cad.confirm_on(call) == confirm


@given(DAYS)
def test_working_day_before_is_the_latest_weekday_before(day: date) -> None:
    before = cad.working_day_before(day)
    assert before < day and cad.is_working_day(before)
    assert all(not cad.is_working_day(before + timedelta(days=i))
               for i in range(1, (day - before).days))


def test_report_back_window_is_six_to_eight_weeks_on_weekdays() -> None:
    assert cad.report_back_window(date(2026, 11, 18)) == (date(2026, 12, 30), date(2027, 1, 13))
    # Held on a Saturday: both ends move to the Monday after.
    assert cad.report_back_window(date(2026, 11, 21)) == (date(2027, 1, 4), date(2027, 1, 18))


def test_thank_you_and_week_start_and_words() -> None:
    assert cad.thank_you_by(date(2026, 11, 30)) == date(2026, 12, 1)
    assert cad.week_start(date(2026, 11, 29)) == date(2026, 11, 23)
    assert cad.long_date(date(2026, 12, 4)) == "Friday 4 December 2026"
    assert cad.short_date(date(2026, 12, 4)) == "Fri 4 Dec"


@pytest.mark.parametrize(("value", "expected"), [
    ("2026-11-27", date(2026, 11, 27)), ("2026-11-27T09:00:00Z", date(2026, 11, 27)),
    (date(2026, 1, 2), date(2026, 1, 2)), ("27/11/2026", None), ("", None), (None, None),
    (20261127, None), ("2026-02-30", None),
])
def test_parse_date(value: object, expected: date | None) -> None:
    assert cad.parse_date(value) == expected
