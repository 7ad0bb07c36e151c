"""The time-zone helper, and the calendar and CSV exports (read back with their libraries)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, time, timedelta

import pytest
from icalendar import Calendar

from exercises.campaign import export as ex
from exercises.campaign import timezones as tz
from exercises.campaign import tracker as tr

STAMP = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
MON = date(2026, 11, 23)


# ----------------------------------------------------------------------------- time zones

def test_both_local_times_follow_daylight_saving() -> None:
    winter = tz.call_times(date(2026, 12, 7), time(15, 0), "Europe/Berlin", "America/Toronto")
    assert tz.both_times(winter) == "15:00 in Berlin (09:00 for you in Toronto)"
    # 20 March 2026: North America is already on summer time, Europe not yet.
    march = tz.call_times(date(2026, 3, 20), time(15, 0), "Europe/Berlin", "America/Toronto")
    assert tz.clock(march.mine) == "10:00"


def test_a_call_on_a_different_day_names_both_days() -> None:
    times = tz.call_times(date(2026, 11, 24), time(8, 0), "Pacific/Auckland", "Europe/London")
    assert times.mine.date() == date(2026, 11, 23)
    text = tz.confirmation_text("Aroha", times, "Ben")
    assert text == ("Hi Aroha, just confirming our call on Tuesday 24 November 2026 at 08:00 "
                    "your time (19:00 on Monday 23 November 2026 for me in London). I'm looking "
                    "forward to it. If that time no longer suits you, tell me and I'll find "
                    "another. Ben")


def test_same_zone_and_unknown_zones() -> None:
    same = tz.call_times(date(2026, 12, 7), time(9, 30), "Europe/Paris", "Europe/Berlin")
    assert same.same_zone and tz.both_times(same) == "09:30 in Paris"
    assert "not a time zone" in tz.call_times(MON, time(9), "Mars/Olympus")
    assert "not a time zone" in tz.call_times(MON, time(9), "Europe/Paris", "Nowhere")
    assert "Add their time zone" in tz.call_times(MON, time(9), "")
    assert tz.find_zone("asia/singapore").key == "Asia/Singapore"
    assert tz.find_zone("New York") is None and tz.find_zone(None) is None
    assert tz.find_zone("../../etc/passwd") is None


@pytest.mark.parametrize(("text", "expected"), [
    ("15:00", time(15)), ("9:05", time(9, 5)), ("09:30:00", time(9, 30)),
    ("24:00", None), ("3pm", None), ("", None), (None, None)])
def test_parse_time(text: object, expected: time | None) -> None:
    assert tz.parse_time(text) == expected


def test_zone_names_are_region_city() -> None:
    names = tz.zone_names()
    assert "Europe/Berlin" in names and "UTC" in names and tz.has_zone_data()
    assert not any(n.startswith(("Etc/", "posix/")) for n in names)


# ----------------------------------------------------------------------------- calendar

def campaign() -> dict:
    data = tr.empty()
    for name, circle, org in [("Maya Chen", "alumni", "City Council"),
                              ("Sam; \"the, boss\"\nline", "friends_family", ""),
                              ("Lee", "online", "Harbour Bank"), ("Kim", "online",
                                                                  "Harbour Bank"),
                              ("Ola", "peers", "")]:
        data, _ = tr.add(data, {"name": name, "circle": circle, "organisation": org}, MON)
    data, _ = tr.act(data, "c1", "advance", MON)
    data, _ = tr.act(data, "c1", "advance", MON)
    data, _ = tr.edit(data, "c1", {"call_date": "2026-12-07", "call_time": "15:00",
                                   "their_zone": "Europe/Berlin", "my_zone": "America/Toronto"})
    data, _ = tr.act(data, "c2", "advance", date(2026, 11, 27))    # follow up 4 December
    data, _ = tr.act(data, "c3", "advance", date(2026, 11, 26))    # Kim from 1 December
    data, _ = tr.edit(data, "c5", {"stage": "thanked", "held_on": "2026-11-18"})
    return data


def test_the_calendar_parses_back_and_validates() -> None:
    text = ex.to_ics(campaign(), STAMP)
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert ex.validate_ics(text) == []
    cal = Calendar.from_ical(text)
    events = {str(e["UID"]).split("@")[0]: e for e in cal.walk("VEVENT")}
    assert set(events) == {"c1-confirm-2026-12-04", "c1-call-2026-12-07",
                           "c2-follow_up-2026-12-04", "c3-follow_up-2026-12-03",
                           "c4-second_contact-2026-12-01", "c5-report-2026-12-30"}
    call = events["c1-call-2026-12-07"]
    start = call.decoded("DTSTART")
    assert start.tzinfo is not None and start.utcoffset() == timedelta(hours=1)
    assert call.decoded("DTEND") - start == timedelta(minutes=30)
    assert "09:00 for you in Toronto" in str(call["DESCRIPTION"])
    assert [str(z["TZID"]) for z in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]
    follow = events["c2-follow_up-2026-12-04"]
    assert follow.decoded("DTSTART") == date(2026, 12, 4)
    assert follow.decoded("DTEND") == date(2026, 12, 5)
    # Punctuation and a line break in a name survive the round trip.
    assert str(follow["SUMMARY"]) == 'Follow up once with Sam; "the, boss" line'
    report = events["c5-report-2026-12-30"]
    assert "Any day until Wednesday 13 January 2027" in str(report["DESCRIPTION"])
    assert all(e.decoded("DTSTAMP") == STAMP for e in cal.walk("VEVENT"))


def test_an_empty_tracker_gives_a_valid_empty_calendar() -> None:
    text = ex.to_ics(tr.empty(), STAMP)
    assert ex.validate_ics(text) == [] and "BEGIN:VEVENT" not in text


def test_the_validator_finds_real_problems() -> None:
    good = ex.to_ics(campaign(), STAMP)
    no_uid = "\r\n".join(line for line in good.split("\r\n") if not line.startswith("UID:c2"))
    assert any("required UID missing" in p for p in ex.validate_ics(no_uid))
    backwards = good.replace("DTEND;VALUE=DATE:20261205", "DTEND;VALUE=DATE:20261201")
    assert any("ends before it starts" in p for p in ex.validate_ics(backwards))
    no_zone = good.replace("TZID:Europe/Berlin\r\n", "TZID:Europe/Paris\r\n", 1)
    assert any("not defined" in p for p in ex.validate_ics(no_zone))
    assert ex.validate_ics("not a calendar")[0].startswith("does not parse")
    bad_date = good.replace("DTSTART;VALUE=DATE:20261204", "DTSTART;VALUE=DATE:2026XX04", 1)
    assert any("unreadable" in p for p in ex.validate_ics(bad_date))


# ----------------------------------------------------------------------------- CSV

def test_the_csv_reads_back_with_every_contact() -> None:
    data = campaign()
    data, _ = tr.add(data, {"name": "=HYPERLINK(\"x\")", "circle": "online",
                            "note": "-1 is not a formula"}, MON)
    text = ex.to_csv(data, date(2026, 12, 4))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["Name"] for r in rows][:2] == ["Maya Chen", 'Sam; "the, boss" line']
    maya = rows[0]
    assert (maya["Stage"], maya["Status today"], maya["Their time zone"],
            maya["Call time (their time)"]) == ("Booked", "Booked", "Europe/Berlin", "15:00")
    assert rows[1]["Status today"] == "Follow-up due"
    assert rows[-1]["Name"] == "'=HYPERLINK(\"x\")" and rows[-1]["Note"].startswith("'-1")
    assert list(rows[0]) == [label for _, label in ex.CSV_COLUMNS]
