"""Find the meeting lengths a text asks for ("20 minutes", "15-20 min", "half an hour").

Returns each duration as (start, end, minutes) where minutes is the upper end of a
range, so "15-20 minutes" counts as 20 and "30-45 minutes" as 45. Vague amounts
("a few minutes", "a quick chat") are reported separately: they are not concrete.
"""

from __future__ import annotations

import re

_UNITS = {
    "one": 1,
    "a": 1,
    "an": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "ninety": 90,
}

_WORDNUM = (
    r"(?:(?:twenty|thirty|forty|fourty|fifty|sixty|ninety)(?:[\s-]?(?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen)"
)
_NUM = rf"(?:\d{{1,3}}(?:[.,]\d{{1,2}})?|{_WORDNUM})"
_RANGE_SEP = r"\s{0,3}(?:-|to|or|/|~|and)\s{0,3}"
# Common misspellings of "minutes" still state a length; the spelling check flags them.
_MIN_UNIT = (
    r"(?:minutes?|minites|minuites|mintues|minuts|minits|mins?\.?|mns?|(?<![A-Za-z])m(?=\s|$|[.,;!?)])|-minutes?|-mins?|\s?minute-?long)"
)
# A bare "h" or "m" counts only after a number or a space: "anh" is a Vietnamese
# honorific, not "an h(our)".
_HOUR_UNIT = r"(?:hours?|hrs?\.?|(?<![A-Za-z-])h(?=\s|$|[.,;!?)])|-hours?|-hrs?|\s?hour-?long)"

_MINUTES_RE = re.compile(rf"(?<![\w.]){_NUM}(?:{_RANGE_SEP}{_NUM})?\s{{0,2}}-?{_MIN_UNIT}(?!\w)")
_HOURS_RE = re.compile(
    rf"(?<![\w.])(?:{_NUM}|an?|one)(?:\s+and\s+a\s+half|\.5)?(?:{_RANGE_SEP}{_NUM})?\s{{0,2}}-?{_HOUR_UNIT}(?!\w)"
    r"|(?<!\w)an?\s+hour\s+and\s+a\s+half(?!\w)"
)
_FRACTION_RE = re.compile(
    r"(?<!\w)(?:half\s*(?:an?|-|\s)\s*hour|half-hour|1/2\s*(?:an?\s*)?(?:hour|hr)"
    r"|(?:a\s+)?quarter\s+(?:of\s+an\s+)?hour|quarter-hour|three\s+quarters\s+of\s+an\s+hour)(?!\w)"
)
_VAGUE_RE = re.compile(
    r"(?<!\w)(?:(?:a\s+)?(?:few|couple(?:\s+of)?|several|some|handful\s+of)\s+(?:minutes|mins|moments)"
    r"|(?:a\s+)?(?:few|couple(?:\s+of)?|several)\s+minutes?"
    r"|(?:a\s+)?(?:moment|minute|second)\s+of\s+your\s+time"
    r"|(?:a\s+)?(?:quick|brief|short|little)\s+(?:chat|call|conversation|meeting|coffee|talk|zoom|video\s+call|phone\s+call|catch-up|catch\s+up)"
    r"|(?:some|a\s+bit\s+of|a\s+little)\s+(?:of\s+your\s+)?time)(?!\w)"
)
# "5 minutes ago", "ten minutes away", "ten hour nights" describe something else, not the
# meeting; so does the "4-H" of a youth club.
_NOT_MEETING_AFTER = re.compile(
    r"\s{0,3}(?:ago|away|walk|drive|from|late|early|each|per|every|later|a\s+(?:day|week|month|year)"
    r"|nights?|days?|weeks?|weekends?|months?|years?|shifts?|workdays?|flights?|rotations?"
    r"|ahead|behind"
    # "the eight-hour desk", "a 10-hour day on the console": the job's hours, not the call.
    r"|desks?|duty|duties|stints?|routes?|trips?|journeys?"
    # "my 200-hour training", "a 450-hour internship": the length of a course, not the call.
    r"|training|internships?|courses?|program(?:me)?s?|certifications?|placements?|practicums?"
    r"|exams?|modules?|apprenticeships?|observations?|clinicals?|volunteering|charrettes?|competitions?"
    r"|of\s+(?!your\b|time\b|questions?\b|advice\b|conversation\b|chat\b|talk\b|insight|"
    r"perspective|guidance\b|q&a\b|discussion\b|informational\b)[a-z]+|commute)\b"
)
# "the time difference is 6 hours": a gap between time zones, not the length of the call;
# "we met for two minutes at the planting": a meeting that already happened.
_NOT_MEETING_BEFORE = re.compile(
    r"\b(?:difference|time\s*zones?)\s+(?:is\s+|of\s+)?(?:about\s+|around\s+|only\s+|just\s+)?$"
    r"|\b(?:met|spoke|talked|chatted)\s+(?:briefly\s+)?for\s+(?:like\s+|about\s+|only\s+|just\s+|maybe\s+)?$"
    # the rest of a bigger number ("2,000 hours" of counter time)
    r"|\d,$"
    # a rate, not a length of time: "an inch an hour", "$20 an hour", "60 miles an hour"
    r"|(?:\b(?:inch(?:es)?|cm|mm|miles?|km|metres?|meters?|feet|foot|ft|knots?|litres?|liters?"
    r"|gallons?|pounds?|dollars?|bucks|euros?|quid)|[$£€]\s?\d+(?:\.\d+)?)[-\s]+$"
)
# "an HR manager": the letters "hr" after "a"/"an" name a department, not an hour.
_HR_NOT_HOUR = re.compile(
    r"^an?\s+(?:hrs?|h)\s+(?!(?:or|max|tops|long|call|chat|meeting|of|to|for|at|on)\b)[a-z]"
)


# A bare "m" after a number is often metres: "a 400m runner", "the 100 m final". Nobody asks
# for a hundred minutes or more that way, and a race word after it settles the rest.
_METRES_AFTER = re.compile(
    r"\s{0,2}(?:hurdles?|runners?|sprint(?:er|ers|s)?|dash|race|relay|freestyle|backstroke"
    r"|breaststroke|butterfly|medley|swimmers?|final|heats?|event|record|pb|title|champion)\b"
)
_METRES_FROM = 100


def _num(token: str) -> float | None:
    token = token.strip().lower().replace(",", ".")
    try:
        return float(token)
    except ValueError:
        pass
    parts = re.split(r"[\s-]+", token)
    total = 0
    for p in parts:
        if p in _TENS:
            total += _TENS[p]
        elif p in _UNITS:
            total += _UNITS[p]
        else:
            return None
    return float(total)


_NUM_TOKEN = re.compile(_NUM)


def _numbers(s: str) -> list[float]:
    out = []
    for m in _NUM_TOKEN.finditer(s):
        # Skip the number words that are really part of the unit ("minute").
        v = _num(m.group(0))
        if v is not None:
            out.append(v)
    return out


# Nobody asks for a conversation longer than a working day; a larger count of hours is
# experience or a course.
_LONGEST_MEETING_HOURS = 8


def _not_the_meeting(norm: str, m: re.Match) -> bool:
    """The duration describes something else: "5 minutes away", "a difference of 6 hours"."""
    before = norm[max(0, m.start() - 40) : m.start()]
    return bool(_NOT_MEETING_AFTER.match(norm, m.end()) or _NOT_MEETING_BEFORE.search(before))


def find_durations(norm: str) -> list[tuple[int, int, float]]:
    """Concrete durations in a normalised text as (start, end, upper minutes)."""
    found: list[tuple[int, int, float]] = []
    for m in _MINUTES_RE.finditer(norm):
        if _not_the_meeting(norm, m):
            continue
        unit_at = re.search(r"-?(?:minute|min|mn|m\b|m$)", m.group(0))
        head = m.group(0)[: unit_at.start()] if unit_at else m.group(0)
        nums = _numbers(head)
        bare_m = bool(unit_at) and unit_at.group(0) == "m"
        if bare_m and nums and (max(nums) >= _METRES_FROM or _METRES_AFTER.match(norm, m.end())):
            continue
        if nums:
            found.append((m.start(), m.end(), max(nums)))
    for m in _HOURS_RE.finditer(norm):
        if _not_the_meeting(norm, m):
            continue
        if _HR_NOT_HOUR.match(norm[m.start() : m.end() + 30]):
            continue
        s = m.group(0)
        unit_at = re.search(r"-?(?:hour|hr|h\b|h$)", s)
        head = s[: unit_at.start()] if unit_at else s
        nums = [n for n in _numbers(head) if n > 0]
        hours = max(nums) if nums else 1.0
        if hours > _LONGEST_MEETING_HOURS:
            continue  # "about 900 hours" of flying, "a 120-hour course": never a meeting
        if "half" in s or ".5" in head:
            hours = max(hours, 1.0) + (0.5 if "half" in s and ".5" not in head else 0.0)
        found.append((m.start(), m.end(), hours * 60))
    for m in _FRACTION_RE.finditer(norm):
        s = m.group(0)
        if "three" in s:
            minutes = 45.0
        elif "quarter" in s:
            minutes = 15.0
        else:
            minutes = 30.0
        found.append((m.start(), m.end(), minutes))
    found.sort()
    # Drop durations nested inside a longer one ("an hour" inside "half an hour").
    out: list[tuple[int, int, float]] = []
    for item in found:
        if out and item[0] < out[-1][1]:
            if item[1] - item[0] > out[-1][1] - out[-1][0]:
                out[-1] = item
            continue
        out.append(item)
    return out


def find_vague(norm: str) -> list[tuple[int, int]]:
    return [m.span() for m in _VAGUE_RE.finditer(norm)]
