"""The debrief: what the learner did well and what to try next time.

``build_debrief`` is a pure function of the transcript, so a saved rehearsal
can be re-read later; ``render_debrief`` turns it into escaped, accessible HTML
(icon AND words for every finding, learner text quoted and escaped).
"""

from __future__ import annotations

import html
from dataclasses import asdict, dataclass, field
from typing import Any

from exercises.practice.clock import Clock
from exercises.practice.engine import Turn
from exercises.practice.personas import CORE_CATEGORIES, Persona

QUOTE_LIMIT = 140
OPEN_SHARE_GOAL = 0.7  # the rubric's questions.mostly_open
COVERAGE_GOAL = 4  # the rubric's questions.coverage

CATEGORY_NAMES: dict[str, str] = {
    "path": "their path",
    "day_to_day": "the day-to-day work",
    "likes": "what they enjoy",
    "challenges": "the challenges",
    "trends": "changes in the field",
    "fit_skills": "skills and fit",
    "advice": "advice",
}
# One open example question per category, for suggestions.
EXAMPLES: dict[str, str] = {
    "path": "How did you end up doing this work?",
    "day_to_day": "What does a typical week look like for you?",
    "likes": "What part of the work gives you the most energy?",
    "challenges": "What is the hardest part of the job?",
    "trends": "What is changing in your field right now?",
    "fit_skills": "What sort of person thrives in this job?",
    "advice": "What would you do differently if you were starting today?",
}


def quote(text: str) -> str:
    """Shorten a learner's message for quoting in the debrief."""
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_LIMIT else text[: QUOTE_LIMIT - 1].rstrip() + "…"


@dataclass
class Debrief:
    persona: str
    persona_name: str
    minutes_agreed: float
    minutes_used: float
    kept_time: bool
    end_reason: str
    questions_asked: int
    categories_covered: list[str]
    categories_missing: list[str]
    open_count: int
    closed_count: int
    follow_ups: list[str]
    thanked: bool
    asked_referral: bool
    closed_well: bool
    referral_name: str
    job_asks: list[str] = field(default_factory=list)
    googleable: list[str] = field(default_factory=list)
    double_barreled: list[str] = field(default_factory=list)
    strengths: list[str] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    encouragement: str = ""

    @property
    def open_share(self) -> float:
        total = self.open_count + self.closed_count
        return self.open_count / total if total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _as_turn(t: Turn | dict[str, Any]) -> Turn:
    return t if isinstance(t, Turn) else Turn.from_dict(t)


def _missed_detail(persona: Persona, turns: list[Turn]) -> str:
    """A detail the persona offered that the learner did not pick up, for a concrete tip."""
    asked = " ".join(t.question.lower() for t in turns)
    for t in turns:
        if t.kind not in ("answer", "double_barreled"):
            continue
        for group in persona.answers.values():
            for a in group:
                if a.detail and a.text in t.reply and not a.detail.matches(asked):
                    return a.detail.keywords[0]
    return ""


def build_debrief(
    persona: Persona, minutes: float, turns: list[Turn] | list[dict[str, Any]], end_reason: str = ""
) -> Debrief:
    """Summarise a rehearsal from its turns (Turn objects or saved dicts)."""
    ts = [_as_turn(t) for t in turns]
    live = [t for t in ts if t.kind not in ("out_of_time",)]
    questions = [t for t in ts if t.is_question]
    used = max((t.elapsed for t in ts), default=0.0)
    covered = [c for c in CORE_CATEGORIES if any(t.category == c for t in questions)]
    missing = [c for c in CORE_CATEGORIES if c not in covered]
    # A referral ask is usually phrased "Is there anyone else...?", which is fine: leave it out.
    asked = [t for t in questions if t.kind != "referral"]
    open_count = sum(1 for t in asked if t.open_ended)
    closed_count = len(asked) - open_count
    follow_ups = [quote(t.question) for t in questions if t.follow_up]
    thanked = any(t.kind in ("close", "late_close", "acknowledge") for t in live)
    asked_referral = any(
        t.category == "referrals" for t in live if t.kind in ("close", "late_close", "referral")
    )
    # Kept time: the learner finished before the persona had to call time (a goodbye
    # that runs a few seconds over is fine).
    kept_time = not any(t.time_note == "up" for t in ts)
    job_asks = [quote(t.question) for t in live if "job_ask" in t.flags]
    googleable = [quote(t.question) for t in live if "googleable" in t.flags]
    double = [quote(t.question) for t in live if "double_barreled" in t.flags]
    closed_well = asked_referral and any(t.kind in ("close", "late_close") for t in ts)
    name = persona.name.split()[0]

    d = Debrief(
        persona=persona.id,
        persona_name=persona.name,
        minutes_agreed=minutes,
        minutes_used=used,
        kept_time=kept_time,
        end_reason=end_reason,
        questions_asked=len(questions),
        categories_covered=covered,
        categories_missing=missing,
        open_count=open_count,
        closed_count=closed_count,
        follow_ups=follow_ups,
        thanked=thanked,
        asked_referral=asked_referral,
        closed_well=closed_well,
        referral_name=persona.referral.colleague if asked_referral else "",
        job_asks=job_asks,
        googleable=googleable,
        double_barreled=double,
    )
    d.strengths = _strengths(d, name)
    d.suggestions = _suggestions(d, name, persona, ts)
    d.encouragement = _encouragement(d, name)
    return d


def _strengths(d: Debrief, name: str) -> list[str]:
    out = []
    if len(d.categories_covered) >= COVERAGE_GOAL:
        out.append(f"You covered {len(d.categories_covered)} of the 7 core topics.")
    if d.questions_asked and d.open_share >= OPEN_SHARE_GOAL:
        out.append("Most of your questions were open, so you got stories rather than yes or no.")
    if d.follow_ups:
        out.append(f"You listened and followed up on what {name} said.")
    if d.closed_well:
        out.append(f"You closed well: you thanked {name} and asked whom else to talk to.")
    elif d.thanked:
        out.append(f"You thanked {name} for their time.")
    if d.kept_time and d.end_reason in ("close", "learner"):
        out.append("You kept to the time you had agreed.")
    if d.questions_asked and not d.job_asks:
        out.append("You kept the conversation about learning, not about getting a job.")
    return out


def _suggestions(d: Debrief, name: str, persona: Persona, turns: list[Turn]) -> list[str]:
    tips: list[str] = []
    if d.job_asks:
        tips.append(
            f"Leave job requests out of the conversation (you asked: \u201c{d.job_asks[0]}\u201d). "
            "If you want to know about openings, ask how people usually find them in this field."
        )
    if not d.kept_time:
        tips.append(
            f"Watch the clock: {name} had to call time at "
            f"{Clock.format_minutes(d.minutes_used)} of "
            f"{Clock.format_minutes(d.minutes_agreed)} minutes. An open question takes two to "
            f"three minutes, so start to close when {name} says time is nearly up."
        )
    if d.questions_asked and d.closed_count >= 2 and d.open_share < OPEN_SHARE_GOAL:
        closed = next(t.question for t in turns if t.is_question and not t.open_ended)
        tips.append(
            f"Turn yes/no questions into open ones: instead of \u201c{quote(closed)}\u201d, "
            "start with What, How or Tell me about, and you will get a story instead of one word."
        )
    referral_example = "\u201cIs there anyone else you think I should speak with?\u201d"
    if not d.thanked and not d.asked_referral:
        tips.append(
            f"Close well: thank {name} for their time and ask whom else you could talk to, "
            f"for example {referral_example}"
        )
    elif not d.thanked:
        tips.append(f"End by thanking {name} for their time before the agreed time is up.")
    elif not d.asked_referral:
        tips.append(
            f"Before you finish, ask whom else you could talk to, for example {referral_example}"
        )
    if not d.follow_ups:
        hint = _missed_detail(persona, turns)
        example = (
            f"{name} mentioned \u201c{hint}\u201d: asking \u201cYou mentioned {hint}; "
            "what happened?\u201d would have opened up a story."
            if hint
            else "Pick up a detail from an answer: "
            "\u201cYou mentioned ...; what was that like?\u201d"
        )
        tips.append(f"Listen for concrete details and follow up on them. {example}")
    if len(d.categories_covered) < COVERAGE_GOAL:
        nxt = d.categories_missing[:2]
        names = " and ".join(CATEGORY_NAMES[c] for c in nxt)
        tips.append(
            f"Cover more ground: next time ask about {names}, "
            f"for example \u201c{EXAMPLES[nxt[0]]}\u201d"
        )
    if d.googleable:
        tips.append(
            f"Skip facts a website answers (\u201c{d.googleable[0]}\u201d): look them up "
            "beforehand and ask about their own experience instead."
        )
    if d.double_barreled:
        tips.append(
            f"Ask one thing at a time: \u201c{d.double_barreled[0]}\u201d asked two things, "
            f"and {name} answered only one."
        )
    fillers = [
        f"In your thank-you note, mention one story {name} told you; it shows you listened.",
        "Try another persona next time to practise with someone from a different field.",
    ]
    for f in fillers:
        if len(tips) >= 2:
            break
        tips.append(f)
    return tips[:3]


def _encouragement(d: Debrief, name: str) -> str:
    n = len(d.strengths)
    if d.questions_asked == 0:
        return (
            "Starting is the hardest part, and you have started. Next time ask "
            f"{name} a question or two: there is no one to impress here."
        )
    if n >= 5:
        return (
            "That was a strong interview. You are ready to have this conversation "
            "with a real person."
        )
    if n >= 3:
        return (
            "Good practice: you already do several things well. One or two changes "
            "and you will be ready for the real conversation."
        )
    first = d.strengths[0][0].lower() + d.strengths[0][1:] if d.strengths else ""
    lead = f"A good start: {first} " if first else "A good start. "
    return (
        f"{lead}Every rehearsal makes the real conversation easier, so try the "
        "suggestions below and run it again."
    )


# -- HTML -----------------------------------------------------------------------


def _e(text: str) -> str:
    return html.escape(str(text), quote=True)


def _row(ok: bool, label: str, detail: str, warning: bool = False) -> str:
    if warning:  # something to avoid next time, not something still to do
        icon, word, cls = "!", "Watch out", "iic-warn"
    else:
        icon, word = ("\u2713", "Done") if ok else ("\u25cb", "Not yet")
        cls = "iic-pass" if ok else "iic-todo"
    return (
        f'<li class="iic-debrief-item {cls}">'
        f'<span class="iic-icon" aria-hidden="true">{icon}</span> '
        f'<strong>{_e(label)}</strong> <span class="iic-status">({word})</span>: '
        f"{_e(detail)}</li>"
    )


DEBRIEF_CSS = """
.iic-debrief{border:1px solid var(--iic-border,#8a8a8a);border-radius:8px;padding:0.75em 1em;
background:var(--iic-bg,transparent);color:inherit;line-height:1.5}
.iic-debrief h3,.iic-debrief h4{margin:0.4em 0}
.iic-debrief ul{padding-left:1.2em}
.iic-debrief .iic-pass .iic-icon{color:var(--iic-pass,#1a7f37)}
.iic-debrief .iic-todo .iic-icon{color:var(--iic-todo,#9a6700)}
.iic-debrief .iic-warn .iic-icon{color:var(--iic-warn,#cf222e);font-weight:bold}
.iic-debrief blockquote{margin:0.2em 0 0.2em 1em;font-style:italic}
"""


def render_debrief(d: Debrief) -> str:
    """Accessible HTML for a debrief; every learner-written string is escaped."""
    name = d.persona_name.split()[0]
    covered = ", ".join(CATEGORY_NAMES[c] for c in d.categories_covered) or "none yet"
    rows = [
        _row(
            len(d.categories_covered) >= COVERAGE_GOAL,
            "Topics covered",
            f"{len(d.categories_covered)} of 7 core topics ({covered}).",
        ),
        _row(
            d.questions_asked > 0 and d.open_share >= OPEN_SHARE_GOAL,
            "Open questions",
            f"{d.open_count} open, {d.closed_count} closed (yes/no).",
        ),
        _row(bool(d.follow_ups), "Follow-ups", f"{len(d.follow_ups)} built on what {name} said."),
        _row(
            d.kept_time,
            "Time kept",
            f"{Clock.format_minutes(d.minutes_used)} of {Clock.format_minutes(d.minutes_agreed)} "
            "minutes used.",
        ),
        _row(d.thanked, "Thanked them", "Yes." if d.thanked else "Not in this conversation."),
        _row(
            d.asked_referral,
            "Asked whom else to talk to",
            f"{name} suggested {d.referral_name}." if d.asked_referral else "Not asked.",
        ),
    ]
    if d.job_asks:
        rows.append(_row(False, "Job asks", f"{len(d.job_asks)} (see below).", warning=True))
    if d.googleable:
        rows.append(
            _row(False, "Questions a website answers", f"{len(d.googleable)} (see below).", True)
        )
    if d.double_barreled:
        rows.append(
            _row(False, "Two questions in one", f"{len(d.double_barreled)} (see below).", True)
        )
    parts = [
        f"<style>{DEBRIEF_CSS}</style>",
        '<section class="iic-debrief" '
        f'aria-label="Debrief of your interview with {_e(d.persona_name)}">',
        f"<h3>Debrief: your interview with {_e(d.persona_name)}</h3>",
        f'<p class="iic-encouragement">{_e(d.encouragement)}</p>',
        '<ul class="iic-debrief-list">' + "".join(rows) + "</ul>",
    ]

    def quotes(title: str, items: list[str]) -> None:
        if items:
            qs = "".join(f"<li><blockquote>{_e(q)}</blockquote></li>" for q in items)
            parts.append(f"<h4>{_e(title)}</h4><ul>{qs}</ul>")

    quotes("Follow-ups that built on what was said", d.follow_ups)
    quotes("Job asks", d.job_asks)
    quotes("Questions a website could answer", d.googleable)
    quotes("Questions that asked two things at once", d.double_barreled)
    if d.strengths:
        parts.append(
            "<h4>What went well</h4><ul>"
            + "".join(f"<li>{_e(s)}</li>" for s in d.strengths)
            + "</ul>"
        )
    parts.append(
        "<h4>Try next time</h4><ol>" + "".join(f"<li>{_e(s)}</li>" for s in d.suggestions) + "</ol>"
    )
    parts.append("</section>")
    return "".join(parts)
