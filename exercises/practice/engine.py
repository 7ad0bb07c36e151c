"""The conversation engine: one simulated informational interview.

``Rehearsal(persona_id, minutes=20, seed=0).ask(text) -> Turn``. Each learner turn
is read the way a person hears it (``matching.read_turn``: greeting, thanks,
statements, the question), answered with the persona answer that fits its topic
and terms (``answers``), and may trigger or respond to a moment the persona
creates (``moments``). Replies are deterministic for a seed, so tests and saved
transcripts can be replayed, and no persona line is said twice in one
conversation.

``minutes`` is the length the learner agreed (the practice page's picker, or the
planning worksheet's interview length); a persona with less time says so and the
clock follows them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from exercises.practice import answers as choose
from exercises.practice import matching, moments
from exercises.practice.clock import Clock, in_words
from exercises.practice.personas import Answer, Detail, Persona, load_persona

QUESTION_STORE_LIMIT = 2000  # keep saved work small even if someone pastes a novel
MIN_MINUTES, MAX_MINUTES = 1, 120
ENDED_NOTE = "(The call has ended. Start a new interview to practise again.)"


def _classifier():
    # Imported lazily: the grading package is a sibling part of the course and
    # only this call needs it (persona validation works without it).
    from exercises.grading import classify_question

    return classify_question


@dataclass
class Turn:
    """One exchange: the learner's message and the persona's reply.

    Saved transcripts keep every field; fields were only ever added (older saved
    turns load with the defaults).
    """

    number: int
    question: str
    reply: str
    kind: str  # answer, follow_up, closed, double_barreled, googleable, job_ask, referral,
    #            acknowledge, small_talk, statement, repeat, unclear, too_long, close,
    #            late_close, out_of_time
    category: str = "other"
    open_ended: bool = True
    flags: list[str] = field(default_factory=list)
    follow_up: bool = False
    cost: float = 0.0
    elapsed: float = 0.0
    time_note: str = ""  # "", "nearly_up" or "up"
    state: str = "open"  # after this turn: "open", "nearly_up", "overtime" or "ended"
    parts: list[str] = field(default_factory=list)  # kinds of the turn's parts, in order
    answered: str = ""  # topic of the persona answer given ("" when none)
    answer_key: str = ""  # which answer ("trends[0]"), or "short:trends", "detail:path[1]"
    thing: str = ""  # what the learner asked about that the persona does not cover
    moment: str = ""  # a moment the persona raised at the end of this reply
    responds_to: str = ""  # the moment this turn answered ...
    handling: str = ""  # ... and how: "well", "poorly", "long", "ignored"
    late: bool = False  # asked after the agreed time was up

    @property
    def ended(self) -> bool:
        return self.state == "ended"

    @property
    def is_question(self) -> bool:
        """A real question the persona answered (not thanks, noise or after the end)."""
        return self.kind in QUESTION_KINDS

    @property
    def thanked(self) -> bool:
        if self.parts:
            return "thanks" in self.parts
        return self.kind in ("close", "late_close", "acknowledge")  # turns saved before parts

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
            "parts": list(self.parts),
            "answered": self.answered,
            "answer_key": self.answer_key,
            "thing": self.thing,
            "moment": self.moment,
            "responds_to": self.responds_to,
            "handling": self.handling,
            "late": self.late,
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
# Kinds that count towards a moment's "after N questions".
_ANSWERED = frozenset({"answer", "follow_up", "double_barreled", "closed"})


class Rehearsal:
    """A simulated informational interview with one persona.

    ``minutes`` is the agreed length (1-120). ``intro`` is the learner's 30-second
    introduction if they wrote one before starting; it is kept with the record.
    """

    def __init__(
        self, persona_id: str | Persona, minutes: float = 20, seed: int = 0, intro: str = ""
    ) -> None:
        if isinstance(persona_id, Persona):
            self.persona = persona_id
        else:
            self.persona = load_persona(persona_id)
        if isinstance(minutes, bool) or not isinstance(minutes, int | float):
            raise TypeError(f"minutes must be a number, not {type(minutes).__name__}")
        if not MIN_MINUTES <= minutes <= MAX_MINUTES:
            raise ValueError(f"minutes must be between {MIN_MINUTES} and {MAX_MINUTES}")
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise TypeError(f"seed must be an int, not {type(seed).__name__}")
        if not isinstance(intro, str):
            raise TypeError(f"intro must be a str, not {type(intro).__name__}")
        p = self.persona
        self.minutes = minutes
        self.seed = seed
        self.intro = intro[:QUESTION_STORE_LIMIT]
        available = p.minutes_available
        self.minutes_available = min(minutes, available) if available else minutes
        self.clock = Clock(self.minutes_available, seed)
        self.turns: list[Turn] = []
        self.end_reason = ""  # "", "close", "time", "learner" or "persona"
        self._rng = random.Random(seed * 7919 + 17)
        self._said: set[str] = set()
        self._used_answers: set[str] = set()
        self._offered: list[Detail] = []  # details the persona has mentioned, oldest first
        self._used_details: set[str] = set()
        self._last_detail: Detail | None = None
        self._overtime = False  # the agreed time is up
        self._pending = ""  # a moment waiting for the learner's reply
        self._raised: set[str] = set()
        self._answers_given = 0
        self._tangent_turn = 0
        self._classify = _classifier()
        self._names = tuple(
            dict.fromkeys(p.name.split() + (p.address.as_.split() if p.address else []))
        )
        self._temper = p.temperament
        self._opening = p.greeting.replace("{minutes}", in_words(int(minutes)))
        start = next((m for m in p.moments if m.after == 0 and not m.at_time_up), None)
        if (
            start is not None
            and start.kind == "short_time"
            and (not available or available >= minutes)
        ):
            start = None  # the persona has all the time that was agreed
        if start is not None:
            self._opening = f"{self._opening} {start.text}"
            self._raised.add(start.kind)
            self._pending = start.kind
        self._said.add(self._opening)

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
        """The persona's opening words (with any moment they open with)."""
        return self._opening

    def time_text(self) -> str:
        return self.clock.describe()

    def end(self) -> None:
        """The learner ends the interview (the End button)."""
        if not self.ended:
            self.end_reason = "time" if self._overtime and not self._talks_on else "learner"

    @property
    def _talks_on(self) -> bool:
        """A talkative persona keeps going after the agreed time instead of leaving."""
        return bool(self._temper and self._temper.overrun_share > 0)

    # -- choosing lines, never the same one twice ------------------------------
    def _fresh(self, options: tuple[str, ...] | list[str]) -> str | None:
        free = [o for o in options if o not in self._said]
        if not free:
            return None
        line = self._rng.choice(free)
        self._said.add(line)
        return line

    def _line(self, *keys: str) -> str | None:
        """The first unused line from the persona's lists ``keys``, in order."""
        for key in keys:
            options = self.persona.replies.get(key) or self.persona.reactions.get(key) or ()
            line = self._fresh(options)
            if line is not None:
                return line
        return None

    def _once(self, text: str) -> str | None:
        if text in self._said:
            return None
        self._said.add(text)
        return text

    def _give_up(self, turn: Turn) -> None:
        """Nothing left to say that has not been said: the persona ends the call politely."""
        line = self._line("patience_end") or self._once(self.persona.texts["out_of_time"])
        turn.reply = " ".join(x for x in (turn.reply, line or "") if x)
        self.end_reason = "persona"

    # -- the conversation ---------------------------------------------------
    def ask(self, text: str) -> Turn:
        """The learner says something; the persona replies. Never raises on any str."""
        if not isinstance(text, str):
            raise TypeError(f"ask() needs the question as a str, not {type(text).__name__}")
        stored = text if len(text) <= QUESTION_STORE_LIMIT else text[:QUESTION_STORE_LIMIT] + "…"
        turn = Turn(number=len(self.turns) + 1, question=stored, reply="", kind="unclear")
        cleaned = matching.clean(text)
        if self.ended:
            turn.kind = "out_of_time"
            turn.reply = self._once(self.persona.texts["out_of_time"]) or ENDED_NOTE
        elif len(cleaned) > matching.MAX_CHARS:
            turn.kind = "too_long"
            turn.reply = self._once(self.persona.texts["too_long"]) or self._line("nudge") or ""
        elif not any(ch.isalpha() for ch in cleaned) or len(matching.words(cleaned)) == 0:
            turn.kind = "unclear"
            turn.reply = self._line("unclear", "nudge") or ""
        else:
            r = matching.read_turn(cleaned, self._classify, self._names)
            turn.parts = [p.kind for p in r.parts]
            if self._overtime and not self._talks_on:
                self._after_time(turn, r)
            else:
                turn.late = self._overtime and r.main is not None
                self._respond(turn, r)
        if not turn.reply and not self.ended:
            self._give_up(turn)
        if turn.kind not in ("late_close", "out_of_time"):
            factor = self._temper.time_factor if self._temper else 1.0
            turn.cost = self.clock.advance(turn.kind, factor)
            self._time_notes(turn)
            self._raise_moment(turn)
        turn.elapsed = self.clock.elapsed
        turn.state = self.state
        self.turns.append(turn)
        return turn

    def _after_time(self, turn: Turn, r: matching.Reading) -> None:
        """Time is up: a thank-you (and a referral ask) still gets a warm goodbye; nothing else."""
        if r.thanks or r.goodbye:
            self._note(turn, r)
            parts = [self._once(self.persona.referral.text) or ""] if r.asks_referral else []
            parts.append(self._line("close") or "")
            turn.kind, turn.reply = "late_close", " ".join(x for x in parts if x)
            if r.asks_referral:
                turn.category = "referrals"
            self.end_reason = "close"
        else:
            turn.kind = "out_of_time"
            turn.reply = self._once(self.persona.texts["out_of_time"]) or ENDED_NOTE
            self.end_reason = "time"

    def _note(self, turn: Turn, r: matching.Reading) -> None:
        turn.category, turn.open_ended = r.category, r.open_ended
        turn.flags = sorted(r.flags | (set(r.main.info.flags) if r.main else set()))
        if r.double and "double_barreled" not in turn.flags:
            turn.flags = sorted([*turn.flags, "double_barreled"])

    def _respond(self, turn: Turn, r: matching.Reading) -> None:
        p = self.persona
        self._note(turn, r)
        lead: list[str] = []  # brief replies before the main content

        # Address: a formal persona greeted by first name says so, once.
        if (
            p.address
            and p.address.formal
            and r.used_first_name
            and not r.used_formal_name
            and "address" not in self._raised
        ):
            self._raised.add("address")
            turn.responds_to, turn.handling = "address", "poorly"
            lead.append(p.address.first_name_reply)
            self._said.add(p.address.first_name_reply)

        # The learner's reply to a moment the persona raised.
        pending, self._pending = self._pending, ""
        if pending:
            verdict = moments.judge(pending, r)
            m = p.moment(pending)
            if verdict and m is not None:
                turn.responds_to, turn.handling = pending, verdict
                good = verdict == "well"
                line = self._once(m.well if good else m.poorly)
                if pending in ("not_recommend", "polite_yes") and good and line:
                    # Asking what they mean is the follow-up: the candid answer is the reply.
                    turn.kind, turn.follow_up, turn.reply = (
                        "follow_up",
                        True,
                        " ".join([*lead, line]),
                    )
                    self._last_detail = None
                    return
                if pending in ("cv_offer", "hiring") and not good and moments.pushes(r):
                    turn.kind = "job_ask"
                    turn.flags = sorted({*turn.flags, "job_ask"})
                    turn.reply = " ".join([*lead, line or self._line("job_ask") or ""]).strip()
                    return
                if line:
                    lead.append(line)

        # Closing: thanks with a wrap-up or a referral ask, or a goodbye.
        real_question = r.main is not None and r.other_question
        closing = (r.thanks and (r.wrap_up or r.asks_referral) or r.goodbye) and not real_question
        asked_before = any(t.is_question for t in self.turns)
        if closing and (asked_before or r.goodbye):
            parts = list(lead)
            if "job_ask" in r.flags:
                parts.append(self._line("job_ask") or "")
            if r.asks_referral:
                parts.append(self._once(p.referral.text) or "")  # once, even if asked twice
                turn.category = "referrals"
            parts.append(self._line("close") or "")
            turn.kind, turn.reply = "close", " ".join(x for x in parts if x)
            self.end_reason = "close"
            return

        if r.main is None:
            self._no_question(turn, r, lead)
            return

        # A reaction to what came before the question, kept brief: one line at most.
        if not lead:
            for kind, key in (
                ("permission", "permission"),
                ("thanks", "thanks"),
                ("greeting", "greeting"),
                ("statement", "statement"),
            ):
                if r.has(kind) and (kind != "statement" or any(x.about_self for x in r.parts)):
                    line = self._line(key)
                    if line:
                        lead.append(line)
                    break

        body = self._answer_question(turn, r)
        turn.reply = " ".join(x for x in [*lead, body] if x)

    def _no_question(self, turn: Turn, r: matching.Reading, lead: list[str]) -> None:
        """Hello, thanks, a note to take notes, or something about themselves, with no question."""
        asked_before = any(t.is_question for t in self.turns)
        if turn.responds_to in ("ask_about_you", "next_step", "cv_offer", "hiring", "short_time"):
            turn.kind = "statement"
            turn.reply = " ".join([*lead, self._line("nudge") or ""]).strip()
            return
        if r.has("permission"):
            turn.kind = "small_talk"
            body = self._line("permission", "small_talk", "nudge")
        elif (r.greeting or r.has("small_talk") or r.thanks or r.agreed) and not asked_before:
            turn.kind = "small_talk"
            body = self._line("small_talk", "nudge")
        elif r.thanks:
            turn.kind = "acknowledge"
            body = self._line("acknowledge", "nudge")
        elif r.statements:
            turn.kind = "statement"
            react = self._line("statement") if any(x.about_self for x in r.parts) else None
            body = " ".join(x for x in (react, self._line("nudge")) if x)
        elif r.greeting or r.has("small_talk") or r.agreed or r.has("address"):
            turn.kind = "small_talk"
            body = self._line("nudge", "acknowledge")
        else:
            turn.kind = "unclear"
            body = self._line("unclear", "nudge")
        turn.category, turn.flags = "other", []
        turn.reply = " ".join(x for x in [*lead, body or ""] if x)

    def _answer_question(self, turn: Turn, r: matching.Reading) -> str:
        p = self.persona
        main = r.main
        assert main is not None
        prev_substantive = any(t.kind in _SUBSTANTIVE for t in self.turns)

        offered = any(k in self._raised for k in ("cv_offer", "hiring"))
        if "job_ask" in r.flags or (offered and moments.pushes(r)):
            turn.kind = "job_ask"
            turn.flags = sorted({*turn.flags, "job_ask"})
            self._last_detail = None
            return self._line("job_ask", "nudge") or ""
        if "googleable" in main.info.flags and not r.follow_up_cue:
            turn.kind = "googleable"
            self._last_detail = None
            return self._line("googleable", "nudge") or ""
        if r.asks_referral and not r.other_question:
            turn.kind, turn.category = "referral", "referrals"
            self._last_detail = None
            return self._once(p.referral.text) or self._line("repeat", "nudge") or ""

        # A follow-up on something the persona said.
        detail = self._matching_detail(r) if prev_substantive else None
        if detail is None and r.follow_up_cue and prev_substantive and self._last_detail:
            detail = self._last_detail  # "tell me more about that" right after a detail
        if detail is not None and detail.reply not in self._said:
            self._said.add(detail.reply)
            turn.kind, turn.follow_up = "follow_up", True
            turn.answered = self._detail_topic(detail)
            turn.answer_key = f"detail:{self._detail_key(detail)}"
            self._last_detail = None
            return detail.reply
        if r.follow_up_cue and prev_substantive:
            turn.follow_up = True

        if not r.open_ended and not r.double:
            return self._short_answer(turn, r)

        ranked = choose.rank(p, r.category, r.focus or main.text, self._used_answers)
        if turn.follow_up and (r.category not in p.answers or r.category == "other" or not ranked):
            # "Tell me more about that" with no story left to tell: a general reflection.
            line = self._line("follow_up_generic")
            if line:
                turn.kind = "follow_up"
                self._last_detail = None
                return line
        thing = choose.unknown_thing(p, r.focus or main.text)
        honest = ""
        if thing:
            template = self._line("not_my_area")
            honest = choose.say_thing(template, thing) if template else ""
            turn.thing = thing
        if not ranked:
            turn.kind = "repeat"
            self._last_detail = None
            return " ".join(x for x in (honest, self._line("repeat", "nudge")) if x)
        best = ranked[0][0]
        top = [a for score, a in ranked if best - score < 0.01]
        answer = self._rng.choice(top)
        body = self._offer(answer)
        turn.answered, turn.answer_key = answer.category, answer.key
        if turn.follow_up:
            turn.kind = "follow_up"
        elif r.double:
            turn.kind = "double_barreled"
            lead_in = self._line("double_barreled")
            body = f"{lead_in} {body}" if lead_in else body
        else:
            turn.kind = "answer"
        self._answers_given += 1
        if self.persona.tangents and self._answers_given % 2 == 0:
            tangent = self._fresh(self.persona.tangents)
            if tangent:
                body = f"{body} {tangent}"
        return " ".join(x for x in (honest, body) if x)

    def _short_answer(self, turn: Turn, r: matching.Reading) -> str:
        """A yes/no question gets a short, true answer on its topic, and nothing more.

        The topic's short answers come first; a short answer from another topic wins
        only when it names something specific from the question ("the Fast Stream").
        """
        p = self.persona
        turn.kind = "closed"
        self._last_detail = None
        asked = choose.content_stems(r.focus)
        weight = choose.index(p).weight

        def fit(line: str) -> float:
            return sum(weight.get(s, 1.0) for s in choose.content_stems(line) & asked)

        pool = [
            (cat, s) for cat, lines in p.short_answers.items() for s in lines if s not in self._said
        ]
        on_topic = [(fit(s), cat, s) for cat, s in pool if cat == r.category]
        # Another topic's line wins only on a phrase of the question's own (two specific words).
        elsewhere = [
            (fit(s), cat, s)
            for cat, s in pool
            if cat != r.category and len(choose.content_stems(s) & asked) >= 2
        ]
        best_here = max((f for f, _, _ in on_topic), default=-1.0)
        options = on_topic
        if elsewhere and max(f for f, _, _ in elsewhere) > max(best_here, 0.0):
            options = elsewhere
        if options:
            top = max(f for f, _, _ in options)
            _, cat, line = self._rng.choice([o for o in options if o[0] == top])
            self._said.add(line)
            turn.answered, turn.answer_key = cat, f"short:{cat}"
            return line
        line = self._line("closed")
        if line:
            return line
        turn.kind = "repeat"
        return self._line("repeat", "nudge") or ""

    def _offer(self, answer: Answer) -> str:
        self._used_answers.add(answer.key)
        self._said.add(answer.text)
        self._last_detail = answer.detail
        if answer.detail is not None:
            self._offered.append(answer.detail)
        return answer.text

    def _detail_key(self, detail: Detail) -> str:
        for a in self.persona.all_answers():
            if a.detail is detail:
                return a.key
        return ""

    def _detail_topic(self, detail: Detail) -> str:
        for a in self.persona.all_answers():
            if a.detail is detail:
                return a.category
        return ""

    def _matching_detail(self, r: matching.Reading) -> Detail | None:
        """The detail the learner picks up: the one just mentioned, or an earlier one.

        An earlier detail counts only with a follow-up cue ("you mentioned...") or when
        the question has no clear topic of its own, so that a new question on, say,
        advice is not hijacked by a word that happened to occur ten minutes ago.
        """
        candidates = [self._last_detail] if self._last_detail else []
        if r.follow_up_cue or r.category == "other":
            candidates += self._offered[::-1]
        lowered = r.about_them.lower()  # not what the learner said about themselves
        for d in candidates:
            if d.matches(lowered) and d.reply not in self._said:
                return d
        return None

    def _time_notes(self, turn: Turn) -> None:
        if self.ended:
            return
        p = self.persona
        if self._overtime:
            limit = self.clock.minutes * (1 + (self._temper.overrun_share if self._temper else 0))
            if self._talks_on and self.clock.elapsed >= limit:
                turn.reply = f"{turn.reply} {self._once(p.texts['out_of_time']) or ''}".strip()
                self.end_reason = "time"
            return
        if self.clock.is_up:
            turn.time_note = "up"
            self._overtime = True
            runs_over = p.moment("runs_over")
            if self._talks_on and runs_over is not None:
                note = runs_over.text
                self._raised.add("runs_over")
                self._pending = "runs_over"
                turn.moment = "runs_over"
            else:
                note = p.texts["time_up"]
                short = p.moment("short_time")
                if short is not None:
                    note = f"{note} {short.poorly}"
            turn.reply = f"{turn.reply} {self._once(note) or ''}".strip()
        elif (not self._temper or self._temper.warns) and self.clock.should_warn():
            left = max(1, int(self.clock.left + 0.5))
            note = p.texts["time_nearly_up"].replace("{left}", in_words(left))
            turn.time_note = "nearly_up"
            turn.reply = f"{turn.reply} {note}"

    def _raise_moment(self, turn: Turn) -> None:
        """After the persona has answered enough questions, they raise their next moment."""
        if self.ended or self._overtime or self._pending:
            return
        answered = sum(1 for t in [*self.turns, turn] if t.kind in _ANSWERED)
        for m in self.persona.moments:
            if m.kind in self._raised or m.at_time_up or m.after == 0 or answered < m.after:
                continue
            self._raised.add(m.kind)
            self._pending = m.kind
            turn.moment = m.kind
            self._said.add(m.text)
            turn.reply = f"{turn.reply} {m.text}"
            self._last_detail = (
                None if m.kind in ("not_recommend", "polite_yes") else self._last_detail
            )
            return

    # -- results --------------------------------------------------------------
    def transcript(self) -> list[dict[str, Any]]:
        return [t.to_dict() for t in self.turns]

    def debrief(self):
        from exercises.practice.debrief import build_debrief

        return build_debrief(
            self.persona, self.minutes, self.turns, self.end_reason, intro=self.intro
        )

    def record(self, saved_at: str = "") -> dict[str, Any]:
        """The saved-work entry for ``WorkStore.add_rehearsal`` (fields are only ever added)."""
        rec: dict[str, Any] = {
            "persona": self.persona.id,
            "minutes": self.minutes,
            "transcript": self.transcript(),
            "debrief": self.debrief().to_dict(),
            "saved_at": saved_at,
            "seed": self.seed,
            "minutes_available": self.minutes_available,
            "end_reason": self.end_reason,
        }
        if self.intro:
            rec["intro"] = self.intro
        return rec
