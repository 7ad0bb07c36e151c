"""The simulated clock: each exchange costs conversation time.

Costs are rough averages of real informational interviews (an open question
draws a two-to-three minute answer, a yes/no question half a minute to a
minute), so the learner feels how quickly twenty minutes go.
"""

from __future__ import annotations

import random

NEARLY_UP_SHARE = 0.8  # the persona warns once at 80% of the agreed time

# Minutes per kind of exchange: (low, high); the seed picks within the range in half minutes.
COSTS: dict[str, tuple[float, float]] = {
    "answer": (2.0, 3.0),
    "double_barreled": (2.0, 3.0),
    "closed": (0.5, 1.0),
    "follow_up": (1.5, 1.5),
    "referral": (1.0, 1.5),
    "googleable": (1.0, 1.5),
    "job_ask": (1.0, 1.0),
    "repeat": (0.5, 1.0),
    "acknowledge": (0.5, 0.5),
    "statement": (0.5, 1.0),
    "small_talk": (0.5, 0.5),
    "unclear": (0.5, 0.5),
    "too_long": (0.5, 0.5),
    "close": (1.0, 1.0),
    "late_close": (0.0, 0.0),
    "out_of_time": (0.0, 0.0),
}

#: Exchanges whose length depends on how much the persona talks.
PACED = frozenset({"answer", "double_barreled", "follow_up", "closed", "referral", "repeat"})

_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
).split()


def in_words(n: int) -> str:
    """Small whole numbers as words ("five"), larger ones as digits: it reads like speech."""
    return _WORDS[n] if 0 <= n < len(_WORDS) else str(n)


class Clock:
    """Minutes used out of the agreed length, advanced by a seeded random cost."""

    def __init__(self, minutes: float, seed: int = 0) -> None:
        self.minutes = minutes
        self.elapsed = 0.0
        self._rng = random.Random(seed)
        self.warned = False

    def cost(self, kind: str, factor: float = 1.0) -> float:
        """Minutes for one exchange; ``factor`` is the persona's pace (0.6 brief, 1.4 talkative)."""
        low, high = COSTS.get(kind, (1.0, 1.0))
        steps = int(round((high - low) * 2))
        base = low + 0.5 * self._rng.randint(0, steps) if steps else low
        return round(base * factor * 2) / 2 if kind in PACED else base

    def advance(self, kind: str, factor: float = 1.0) -> float:
        spent = self.cost(kind, factor)
        self.elapsed += spent
        return spent

    @property
    def left(self) -> float:
        return max(0.0, self.minutes - self.elapsed)

    @property
    def is_up(self) -> bool:
        return self.elapsed >= self.minutes

    def should_warn(self) -> bool:
        """True exactly once, the first time 80% of the time has gone (and it is not yet up)."""
        if self.warned or self.is_up or self.elapsed < NEARLY_UP_SHARE * self.minutes:
            return False
        self.warned = True
        return True

    def describe(self) -> str:
        """'12 of 20 minutes used' (whole minutes, as people say it)."""
        used, agreed = self.format_minutes(self.elapsed), self.format_minutes(self.minutes)
        return f"{used} of {agreed} minutes used"

    @staticmethod
    def format_minutes(value: float) -> str:
        """Whole minutes, rounding halves up (12.5 -> "13"): the clock is only approximate."""
        return str(int(value + 0.5))
