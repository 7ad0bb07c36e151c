"""The time-zone helper: one call, both local times, in words a confirmation can use.

Uses the standard library's ``zoneinfo``. In Pyodide its data comes from the
``tzdata`` wheel that the site ships (site/vendor_assets.py); on a normal
machine from the system or the same wheel. Every function returns a clear
message instead of raising on a zone name the learner typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache

from .cadence import long_date


@lru_cache(maxsize=1)
def zone_names() -> tuple[str, ...]:
    """Region/City names a learner can choose from (no legacy aliases like EST5EDT)."""
    try:
        from zoneinfo import available_timezones

        names = available_timezones()
    except Exception:  # noqa: BLE001 - no time-zone data at all: offer only UTC
        return ("UTC",)
    keep = {n for n in names if "/" in n and not n.startswith(("Etc/", "SystemV/", "posix/",
                                                                  "right/", "US/", "Canada/"))}
    return tuple(sorted(keep | {"UTC"}))


def has_zone_data() -> bool:
    """False when no time-zone database could be found (Pyodide without tzdata)."""
    return len(zone_names()) > 1


def find_zone(name: object):  # -> ZoneInfo | None
    """The ZoneInfo for a name the learner typed (case and spaces forgiven), or None."""
    if not isinstance(name, str) or not name.strip():
        return None
    wanted = name.strip().replace(" ", "_")
    from zoneinfo import ZoneInfo

    for candidate in (wanted, *[z for z in zone_names() if z.lower() == wanted.lower()]):
        if "/" not in candidate and candidate != "UTC":
            continue
        try:
            return ZoneInfo(candidate)
        except Exception:  # noqa: BLE001 - unknown or malformed key
            continue
    return None


def place(zone_name: str) -> str:
    """"America/New_York" -> "New York"; "UTC" stays "UTC"."""
    return zone_name.rsplit("/", 1)[-1].replace("_", " ")


def parse_time(value: object) -> time | None:
    """"15:00", "9:30" or "09:30:00" -> time; None if unusable."""
    if not isinstance(value, str):
        return None
    parts = value.strip().split(":")
    if len(parts) < 2 or not all(p.isdigit() for p in parts[:2]):
        return None
    hour, minute = int(parts[0]), int(parts[1])
    if not (0 <= hour < 24 and 0 <= minute < 60):
        return None
    return time(hour, minute)


@dataclass(frozen=True)
class CallTimes:
    """A call at a time in the other person's zone, seen from both sides."""

    theirs: datetime
    mine: datetime | None  # None when the learner's zone is missing or the same
    their_zone: str
    my_zone: str

    @property
    def same_zone(self) -> bool:
        return self.mine is None


def call_times(day: date, at: time, their_zone: str, my_zone: str = "") -> CallTimes | str:
    """Both local times of a call, or a message saying which zone is not known."""
    theirs_tz = find_zone(their_zone)
    if theirs_tz is None:
        if their_zone.strip():
            return (f'"{their_zone.strip()}" is not a time zone this helper knows; choose '
                    "one from the list, such as Europe/London or America/Toronto.")
        return "Add their time zone to see the call in both local times."
    theirs = datetime.combine(day, at, tzinfo=theirs_tz)
    mine_tz = find_zone(my_zone) if my_zone.strip() else None
    if my_zone.strip() and mine_tz is None:
        return (f'"{my_zone.strip()}" is not a time zone this helper knows; choose one '
                "from the list, such as Asia/Singapore.")
    mine = theirs.astimezone(mine_tz) if mine_tz is not None else None
    if mine is not None and mine.utcoffset() == theirs.utcoffset():
        mine = None
    return CallTimes(theirs, mine, str(theirs_tz.key), str(mine_tz.key) if mine_tz else "")


def clock(moment: datetime) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def both_times(times: CallTimes) -> str:
    """"15:00 in Berlin (09:00 in Toronto)", with the day named when it differs."""
    theirs = f"{clock(times.theirs)} in {place(times.their_zone)}"
    if times.mine is None:
        return theirs
    day = ""
    if times.mine.date() != times.theirs.date():
        day = f" on {long_date(times.mine.date())}"
    return f"{theirs} ({clock(times.mine)}{day} for you in {place(times.my_zone)})"


def confirmation_text(first_name: str, times: CallTimes, sender: str = "") -> str:
    """A short confirmation that names the call in both local times."""
    hello = f"Hi {first_name}," if first_name else "Hello,"
    when = f"{long_date(times.theirs.date())} at {clock(times.theirs)} your time"
    if times.mine is not None:
        day = ""
        if times.mine.date() != times.theirs.date():
            day = f" on {long_date(times.mine.date())}"
        when += (f" ({clock(times.mine)}{day} for me in {place(times.my_zone)})")
    sign = f" {sender}" if sender else ""
    return (f"{hello} just confirming our call on {when}. I'm looking forward to it. "
            f"If that time no longer suits you, tell me and I'll find another.{sign}")
