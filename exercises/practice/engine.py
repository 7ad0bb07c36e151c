"""The conversation engine: one simulated informational interview.

``Rehearsal(persona_id, minutes=20, seed=0).ask(text) -> Turn``. Replies are
chosen by what the learner's message is (question category and flags from the
course's classifier, follow-up cues, a close) and are deterministic for a seed,
so tests and saved transcripts can be replayed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from exercises.practice import matching
from exercises.practice.clock import Clock, in_words
from exercises.practice.personas import Answer, Detail, Persona, load_persona

QUESTION_STORE_LIMIT = 2000  # keep saved work small even if someone pastes a novel


def _classifier():
    # Imported lazily: the grading package is a sibling part of the course and
    # only this call needs it (persona validation works without it).
    from exercises.grading import classify_question

    return classify_question


@dataclass
class Turn:
    """One exchange: the learner's message and the persona's reply."""

    number: int
    question: str
    reply: str
    kind: str  # answer, follow_up, closed, double_barreled, googleable, job_ask, referral,
    #            acknowledge, small_talk, repeat, unclear, too_long, close, late_close, out_of_time
    category: str = "other"
    open_ended: bool = True
    flags: list[str] = field(default_factory=list)
    follow_up: bool = False
    cost: float = 0.0
    elapsed: float = 0.0
    time_note: str = ""  # "", "nearly_up" or "up"
    state: str = "open"  # after this turn: "open", "nearly_up", "overtime" or "ended"

    @property
    def ended(self) -> bool:
        return self.state == "ended"

    @property
    def is_question(self) -> bool:
        """A real question the persona answered (not thanks, noise or after the end)."""
        return self.kind in QUESTION_KINDS

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "question": self.question,
            "reply": self.reply,
            "kind": self.kind,
            "category": self.category,
            "open_ended": self.open_ended,
            "flags": list(self.flags),
            "follow_up": self.follow_up,
            "cost": self.cost,
            "elapsed": self.elapsed,
            "time_note": self.time_note,
            "state": self.state,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Turn:
        known = {k: d[k] for k in cls.__dataclass_fields__ if k in d}
        return cls(**known)


QUESTION_KINDS = frozenset(
    {
        "answer",
        "follow_up",
        "closed",
        "double_barreled",
        "googleable",
        "job_ask",
        "referral",
        "repeat",
    }
)
# Kinds whose reply is a substantive answer the learner could follow up on.
_SUBSTANTIVE = frozenset({"answer", "follow_up", "double_barreled", "googleable", "referral"})


class Rehearsal:
    """A simulated informational interview with one persona."""

    def __init__(self, persona_id: str | Persona, minutes: float = 20, seed: int = 0) -> None:
        if isinstance(persona_id, Persona):
            self.persona = persona_id
        else:
            self.persona = load_persona(persona_id)
        if isinstance(minutes, bool) or not isinstance(minutes, int | float):
            raise TypeError(f"minutes must be a number, not {type(minutes).__name__}")
        if not 1 <= minutes <= 120:
            raise ValueError("minutes must be between 1 and 120")
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise TypeError(f"seed must be an int, not {type(seed).__name__}")
        self.minutes = minutes
        self.seed = seed
        self.clock = Clock(minutes, seed)
        self.turns: list[Turn] = []
        self.end_reason = ""  # "", "close", "time" or "learner"
        self._rng = random.Random(seed * 7919 + 17)
        self._used_answers: dict[str, set[int]] = {}
        self._used_replies: dict[str, set[int]] = {}
        self._offered: list[Detail] = []  # details the persona has mentioned, oldest first
        self._used_details: set[int] = set()  # id() of details already followed up
        self._last_detail: Detail | None = None
        self._overtime = False  # the persona has said time is up; only a goodbye is left
        self._classify = _classifier()

    # -- state ------------------------------------------------------------
    @property
    def elapsed(self) -> float:
        return self.clock.elapsed

    @property
    def ended(self) -> bool:
        return bool(self.end_reason)

    @property
    def state(self) -> str:
        if self.ended:
            return "ended"
        if self._overtime:
            return "overtime"
        return "nearly_up" if self.clock.warned else "open"

    @property
    def greeting(self) -> str:
        return self.persona.greeting.replace("{minutes}", in_words(int(self.minutes)))

    def time_text(self) -> str:
        return self.clock.describe()

    def end(self) -> None:
        """The learner ends the interview (the widget's End button)."""
        if not self.ended:
            self.end_reason = "time" if self._overtime else "learner"

    # -- choosing replies ---------------------------------------------------
    def _pick(self, key: str, options: tuple[Any, ...], exhaust: bool = False) -> int | None:
        """Choose an option not used yet; when all are used, start over (or None if exhaust)."""
        used = (
            self._used_answers.setdefault(key, set())
            if exhaust
            else self._used_replies.setdefault(key, set())
        )
        free = [i for i in range(len(options)) if i not in used]
        if not free:
            if exhaust:
                return None
            used.clear()
            free = list(range(len(options)))
        i = self._rng.choice(free)
        used.add(i)
        return i

    def _reply(self, key: str) -> str:
        options = self.persona.replies[key]
        return options[self._pick(key, options)]

    def _answer(self, category: str) -> Answer | None:
        group = self.persona.answers.get(category) or self.persona.answers["other"]
        i = self._pick(
            category if category in self.persona.answers else "other", group, exhaust=True
        )
        return None if i is None else group[i]

    def _offer(self, answer: Answer) -> str:
        self._last_detail = answer.detail
        if answer.detail is not None:
            self._offered.append(answer.detail)
        return answer.text

    def _matching_detail(self, r: matching.Reading) -> Detail | None:
        """The detail the learner picks up: the one just mentioned, or an earlier one.

        An earlier detail counts only with a follow-up cue ("you mentioned...") or when
        the question has no clear topic of its own, so that a new question on, say,
        advice is not hijacked by a word that happened to occur ten minutes ago.
        """
        candidates = [self._last_detail] if self._last_detail else []
        if r.follow_up_cue or r.category == "other":
            candidates += self._offered[::-1]
        lowered = r.lowered
        for d in candidates:
            if d.matches(lowered):
                return d
        return None

    # -- the conversation ---------------------------------------------------
    def ask(self, text: str) -> Turn:
        """The learner says something; the persona replies. Never raises on any str."""
        if not isinstance(text, str):
            raise TypeError(f"ask() needs the question as a str, not {type(text).__name__}")
        stored = text if len(text) <= QUESTION_STORE_LIMIT else text[:QUESTION_STORE_LIMIT] + "…"
        turn = Turn(number=len(self.turns) + 1, question=stored, reply="", kind="unclear")
        cleaned = matching.clean(text)
        if self.ended:
            turn.kind, turn.reply = "out_of_time", self.persona.texts["out_of_time"]
        elif self._overtime:
            self._after_time(turn, cleaned)
        elif len(cleaned) > matching.MAX_CHARS:
            turn.kind, turn.reply = "too_long", self.persona.texts["too_long"]
        elif matching.is_unclear(cleaned):
            turn.kind, turn.reply = "unclear", self._reply("unclear")
        else:
            self._respond(turn, matching.read_message(cleaned, self._classify))
        if turn.kind not in ("late_close", "out_of_time"):
            turn.cost = self.clock.advance(turn.kind)
            self._time_notes(turn)
        turn.elapsed = self.clock.elapsed
        turn.state = self.state
        self.turns.append(turn)
        return turn

    def _after_time(self, turn: Turn, cleaned: str) -> None:
        """Time is up: a thank-you (and a referral ask) still gets a warm goodbye; nothing else."""
        r = None
        if len(cleaned) <= matching.MAX_CHARS and not matching.is_unclear(cleaned):
            r = matching.read_message(cleaned, self._classify)
        if r is not None and r.thanks and not r.other_question:
            turn.category, turn.open_ended, turn.flags = r.category, r.open_ended, sorted(r.flags)
            parts = [self.persona.referral.text] if r.asks_referral else []
            parts.append(self._reply("close"))
            turn.kind, turn.reply = "late_close", " ".join(parts)
            if r.asks_referral:
                turn.category = "referrals"
            self.end_reason = "close"
        else:
            turn.kind, turn.reply = "out_of_time", self.persona.texts["out_of_time"]
            self.end_reason = "time"

    def _respond(self, turn: Turn, r: matching.Reading) -> None:
        turn.category, turn.open_ended = r.category, r.open_ended
        turn.flags = sorted(r.flags)
        p = self.persona
        prev_substantive = any(t.kind in _SUBSTANTIVE for t in self.turns)
        asked_before = any(t.is_question for t in self.turns)

        if (r.greeting or r.thanks) and not r.other_question and not r.asks_referral:
            if r.greeting or not asked_before:
                # "Hi, thanks for making the time!" opens a conversation; it does not end one.
                turn.kind, turn.reply = "small_talk", self._reply("small_talk")
                turn.category, turn.flags = "other", []
                return
        if r.thanks and not r.other_question:
            if r.wrap_up or r.asks_referral:
                parts = []
                if "job_ask" in r.flags:
                    parts.append(self._reply("job_ask"))
                if r.asks_referral:
                    parts.append(p.referral.text)
                parts.append(self._reply("close"))
                turn.kind, turn.reply = "close", " ".join(parts)
                if r.asks_referral:
                    turn.category = "referrals"
                self.end_reason = "close"
            else:
                turn.kind, turn.reply = "acknowledge", self._reply("acknowledge")
            return
        if "job_ask" in r.flags:
            turn.kind, turn.reply = "job_ask", self._reply("job_ask")
            self._last_detail = None
            return

        detail = self._matching_detail(r) if prev_substantive else None
        if detail is not None or (r.follow_up_cue and prev_substantive):
            turn.follow_up = True
            if detail is None and r.follow_up_cue and self._last_detail is not None:
                detail = self._last_detail  # "tell me more about that" right after a detail
            if detail is not None and id(detail) not in self._used_details:
                self._used_details.add(id(detail))
                turn.kind, turn.reply = "follow_up", detail.reply
                self._last_detail = None
                return
            fresh = r.category in p.answers and r.category != "other"
            answer = self._answer(r.category) if fresh else None
            if answer is not None:
                turn.kind, turn.reply = "answer", self._offer(answer)
            else:
                turn.kind, turn.reply = "follow_up", self._reply("follow_up_generic")
                self._last_detail = None
            return
        if "googleable" in r.flags:
            turn.kind, turn.reply = "googleable", self._reply("googleable")
            self._last_detail = None
            return
        if r.asks_referral and not r.other_question:
            turn.kind, turn.reply, turn.category = "referral", p.referral.text, "referrals"
            self._last_detail = None
            return
        if "double_barreled" in r.flags:
            answer = self._answer(r.category)
            if answer is not None:
                turn.kind = "double_barreled"
                turn.reply = f"{self._reply('double_barreled')} {self._offer(answer)}"
                return
        elif not r.open_ended:
            turn.kind, turn.reply = "closed", self._reply("closed")
            self._last_detail = None
            return
        if r.category == "other" and not r.flags and not matching.is_question(r.cleaned):
            # Neither a question nor a topic the classifier knows ("asdf qwer", "hmm ok").
            turn.kind, turn.reply = "unclear", self._reply("unclear")
            self._last_detail = None
            return
        answer = self._answer(r.category)
        if answer is None:
            turn.kind, turn.reply = "repeat", p.texts["repeat"]
            self._last_detail = None
        else:
            turn.kind, turn.reply = "answer", self._offer(answer)

    def _time_notes(self, turn: Turn) -> None:
        if self.ended or self._overtime:
            return
        if self.clock.is_up:
            turn.time_note = "up"
            turn.reply = f"{turn.reply} {self.persona.texts['time_up']}"
            self._overtime = True
        elif self.clock.should_warn():
            left = max(1, int(self.clock.left + 0.5))
            note = self.persona.texts["time_nearly_up"].replace("{left}", in_words(left))
            turn.time_note = "nearly_up"
            turn.reply = f"{turn.reply} {note}"

    # -- results --------------------------------------------------------------
    def transcript(self) -> list[dict[str, Any]]:
        return [t.to_dict() for t in self.turns]

    def debrief(self):
        from exercises.practice.debrief import build_debrief

        return build_debrief(self.persona, self.minutes, self.turns, self.end_reason)

    def record(self, saved_at: str = "") -> dict[str, Any]:
        """The saved-work entry for ``WorkStore.add_rehearsal``."""
        return {
            "persona": self.persona.id,
            "minutes": self.minutes,
            "transcript": self.transcript(),
            "debrief": self.debrief().to_dict(),
            "saved_at": saved_at,
        }
