"""The debrief: how the rehearsal went, measured, and what to try next time.

``build_debrief`` is a pure function of the transcript, so a saved rehearsal can
be re-read later (older saved transcripts work too). Its level and its opening
sentence come from what was measured: a job request, mostly yes/no questions,
no thank-you, or running over can never open with praise. Topics count as
covered only through open questions that got an answer. Every sentence is built
from fixed templates filled with recorded phrases (the learner's own words, in
quotation marks, or the persona file's noun phrases), so each one reads as a
whole sentence whatever was said. ``render_debrief`` turns it into escaped,
accessible HTML (icon AND words for every finding).
"""

from __future__ import annotations

import html
import math
from dataclasses import asdict, dataclass, field
from typing import Any

from exercises.grading import rubric
from exercises.practice.clock import Clock, in_words
from exercises.practice.engine import Turn
from exercises.practice.moments import GUIDE, LABELS
from exercises.practice.personas import CORE_CATEGORIES, Persona

QUOTE_LIMIT = 140
OPEN_SHARE_GOAL = rubric.min_open_share()  # the rubric's questions.mostly_open
# The rubric's questions.coverage, for a call of 20 minutes or more.
COVERAGE_GOAL = rubric.min_core_topics()
MIN_QUESTIONS = 2  # fewer than this and there was nothing to learn from
GOOD_MAX_MINOR = 1  # a "good" interview has no serious problem and at most one smaller one

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
    "culture": "How would you describe the culture on your team?",
    "other": "What do you wish you had known before you started?",
    "referrals": "Who else would you suggest I speak with?",
}
LEVEL_WORDS = {"good": "Ready", "mixed": "Nearly there", "poor": "Needs another go"}
# What the persona did, as a verb phrase after their name ("When Lucía mentioned an opening").
MOMENT_PHRASES: dict[str, str] = {
    "ask_about_you": "asked about you",
    "next_step": "asked what you hope to do next",
    "cv_offer": "offered to pass on your CV",
    "hiring": "mentioned an opening",
    "short_time": "had less time than you had agreed",
    "runs_over": "kept talking past the agreed time",
    "not_recommend": "said the field was not one to recommend",
    "polite_yes": "gave you a hedged yes",
    "address": "expected a title and surname",
}
SERIOUS = ("job_asks", "ran_over", "mostly_closed", "nothing_learned", "no_thanks", "too_few")


def quote(text: str) -> str:
    """Shorten a learner's message for quoting in the debrief."""
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_LIMIT else text[: QUOTE_LIMIT - 1].rstrip() + "…"


def _q(text: str) -> str:
    return f"\u201c{quote(text)}\u201d"


def _stop(text: str) -> str:
    """End a sentence with a full stop, unless a quoted question or sentence already ends it."""
    return text if text.rstrip("\u201d").endswith((".", "?", "!")) else text + "."


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{in_words(n)} times")


def _plural(n: int, word: str) -> str:
    return f"{in_words(n)} {word}{'' if n == 1 else 's'}"


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
    # Added with the level (saved debriefs before it lack these; readers use the defaults).
    level: str = ""  # "good", "mixed" or "poor"
    headline: str = ""  # the first sentence of the encouragement
    problems: list[str] = field(default_factory=list)  # serious ones first
    minutes_available: float = 0.0
    coverage_goal: int = COVERAGE_GOAL
    moments: list[dict[str, str]] = field(default_factory=list)
    not_covered: list[str] = field(default_factory=list)  # things the persona said they don't do
    intro: dict[str, Any] = field(default_factory=dict)
    called: str = ""  # how to refer to them: "Rhys", "Dr Nowak"

    @property
    def open_share(self) -> float:
        total = self.open_count + self.closed_count
        return self.open_count / total if total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _as_turn(t: Turn | dict[str, Any]) -> Turn:
    return t if isinstance(t, Turn) else Turn.from_dict(t)


def coverage_goal(minutes: float) -> int:
    """Four topics in 20 minutes or more; fewer when there is less time (two in ten)."""
    return max(2, min(COVERAGE_GOAL, int(math.floor(minutes / 5 + 0.5))))


def _answered(t: Turn) -> bool:
    if t.kind not in ("answer", "follow_up", "double_barreled"):
        return False
    return bool(t.answered) or not t.parts  # turns saved before 'answered' existed


def _missed_detail(persona: Persona, turns: list[Turn]):
    """A detail the persona offered that the learner did not pick up, for a concrete tip."""
    asked = " ".join(t.question.lower() for t in turns)
    for t in turns:
        if t.kind not in ("answer", "double_barreled"):
            continue
        for a in persona.all_answers():
            if a.detail and a.text in t.reply and not a.detail.matches(asked):
                return a.detail
    return None


def _told_detail(persona: Persona, turns: list[Turn]):
    """A detail whose story the persona told, for the thank-you-note tip."""
    for t in turns:
        for a in persona.all_answers():
            if a.detail and (a.detail.reply in t.reply or a.text in t.reply):
                return a.detail
    return None


def build_debrief(
    persona: Persona,
    minutes: float,
    turns: list[Turn] | list[dict[str, Any]],
    end_reason: str = "",
    intro: str = "",
) -> Debrief:
    """Summarise a rehearsal from its turns (Turn objects or saved dicts)."""
    ts = [_as_turn(t) for t in turns]
    live = [t for t in ts if t.kind != "out_of_time"]
    questions = [t for t in live if t.is_question]
    available = min(minutes, persona.minutes_available or minutes)
    used = max((t.elapsed for t in ts), default=0.0)
    answered_open = [t for t in questions if t.open_ended and _answered(t)]
    covered = [c for c in CORE_CATEGORIES if any(t.category == c for t in answered_open)]
    missing = [c for c in CORE_CATEGORIES if c not in covered]
    # A referral ask is usually phrased "Is there anyone else...?", which is fine: leave it out.
    asked = [t for t in questions if t.kind != "referral"]
    open_count = sum(1 for t in asked if t.open_ended)
    closed_count = len(asked) - open_count
    follow_ups = [quote(t.question) for t in questions if t.follow_up]
    first_q = next((i for i, t in enumerate(live) if t.is_question), len(live))
    thanked = any(t.thanked for t in live[first_q + 1 :]) or any(
        t.thanked and t.kind in ("close", "late_close") for t in live
    )
    asked_referral = any(
        t.category == "referrals" for t in live if t.kind in ("close", "late_close", "referral")
    )
    kept_time = not any(t.time_note == "up" for t in ts) and end_reason != "time"
    job_asks = [quote(t.question) for t in live if "job_ask" in t.flags]
    googleable = [quote(t.question) for t in live if "googleable" in t.flags]
    double = [quote(t.question) for t in live if "double_barreled" in t.flags]
    closed_well = asked_referral and thanked and any(t.kind in ("close", "late_close") for t in ts)
    name = persona.called

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
        minutes_available=available,
        coverage_goal=coverage_goal(available),
        not_covered=[t.thing for t in live if t.thing],
        called=name,
    )
    d.moments = _moments(persona, ts, d)
    d.problems = _problems(d)
    d.level = _level(d)
    d.strengths = _strengths(d, name)
    d.suggestions = _suggestions(d, name, persona, ts)
    d.headline = _headline(d, name)
    d.encouragement = _encouragement(d)
    if intro.strip():
        d.intro = _intro(intro)
    return d


def _intro(text: str) -> dict[str, Any]:
    try:
        from exercises.grading.intro import grade_intro
    except ImportError:  # pragma: no cover - the grader ships with the course
        return {"text": text}
    r = grade_intro(text)
    return {"text": text, "score": r.score, "level": r.level}


def _moments(persona: Persona, ts: list[Turn], d: Debrief) -> list[dict[str, str]]:
    """Each moment the persona created, with the learner's reply and how it went."""
    out: list[dict[str, str]] = []
    raised: list[str] = []
    if any(m.kind == "short_time" for m in persona.moments) and (
        d.minutes_available < d.minutes_agreed
    ):
        raised.append("short_time")
    raised += [t.moment for t in ts if t.moment and t.moment not in raised]
    if any(t.responds_to == "address" for t in ts):
        raised.append("address")
    for kind in raised:
        reply = next((t for t in ts if t.responds_to == kind), None)
        if kind == "short_time":
            handled = "well" if d.kept_time and d.end_reason == "close" else "poorly"
        elif reply is None:
            handled = "no reply"  # the call ended first
        else:
            handled = reply.handling or "well"
        m = persona.moment(kind)
        out.append(
            {
                "kind": kind,
                "label": LABELS.get(kind, kind),
                "said": m.text if m else "",
                "reply": quote(reply.question) if reply else "",
                "handled": handled,
                "guide": GUIDE.get(kind, ""),
            }
        )
    return out


def _problems(d: Debrief) -> list[str]:
    serious: list[str] = []
    if d.job_asks:
        serious.append("job_asks")
    if not d.kept_time:
        serious.append("ran_over")
    if d.closed_count >= 2 and d.closed_count > d.open_count:
        serious.append("mostly_closed")
    if d.questions_asked >= MIN_QUESTIONS and not d.categories_covered:
        serious.append("nothing_learned")  # not one topic opened up: nothing to take away
    if d.questions_asked < MIN_QUESTIONS:
        serious.append("too_few")
    if not d.thanked and d.questions_asked:
        serious.append("no_thanks")
    minor: list[str] = []
    if d.questions_asked and not d.follow_ups:
        minor.append("no_follow_up")
    if not d.asked_referral:
        minor.append("no_referral")
    if len(d.categories_covered) < d.coverage_goal:
        minor.append("coverage")
    if "mostly_closed" not in serious and d.questions_asked and d.open_share < OPEN_SHARE_GOAL:
        minor.append("some_closed")
    for m in d.moments:
        if m["handled"] in ("poorly", "long", "ignored") and m["kind"] != "short_time":
            minor.append(f"moment:{m['kind']}")
    if d.googleable:
        minor.append("googleable")
    if d.double_barreled:
        minor.append("double")
    return serious + minor


def _serious(d: Debrief) -> list[str]:
    return [p for p in d.problems if p in SERIOUS]


def _level(d: Debrief) -> str:
    serious = _serious(d)
    minor = [p for p in d.problems if p not in SERIOUS]
    if len(serious) >= 2 or len(d.job_asks) >= 2 or "too_few" in serious:
        return "poor"
    if not serious and len(minor) <= GOOD_MAX_MINOR:
        return "good"
    return "mixed"


def _headline(d: Debrief, name: str) -> str:
    """The first sentence: the most serious problem, plainly, or earned praise."""
    serious = _serious(d)
    if "too_few" in serious:
        if d.questions_asked == 0:
            return f"You did not ask {name} any questions this time."
        return f"You asked {name} only one question, so there was little to learn from."
    if "job_asks" in serious:
        n = len(d.job_asks)
        if n:
            return (
                f"You asked {name} for a job {_times(n)}, so the conversation was about "
                "getting hired rather than learning."
            )
    if "ran_over" in serious:
        return (
            f"The interview ran over: you had {Clock.format_minutes(d.minutes_available)} "
            f"minutes and it reached {Clock.format_minutes(d.minutes_used)}."
        )
    if "mostly_closed" in serious:
        total = d.open_count + d.closed_count
        return (
            f"{in_words(d.closed_count).capitalize()} of your {in_words(total)} questions could "
            f"be answered with yes or no, so {name} gave you short answers."
        )
    if "nothing_learned" in serious:
        return (
            f"None of your questions opened up a topic, so you learned little about {name}'s work."
        )
    if "no_thanks" in serious:
        return f"You did not thank {name} before the call ended."
    if d.level == "good":
        parts = [f"open questions on {_plural(len(d.categories_covered), 'topic')}"]
        if d.follow_ups:
            parts.append(f"{_plural(len(d.follow_ups), 'follow-up')} on what {name} said")
        parts.append(
            "a close with thanks" + (" and a request for names" if d.asked_referral else "")
        )
        return "A well-run interview: " + ", ".join(parts[:-1]) + f" and {parts[-1]}."
    minor = [p for p in d.problems if p not in SERIOUS]
    return f"A solid rehearsal with {_plural(len(minor), 'thing')} to work on."


def _encouragement(d: Debrief) -> str:
    tail = {
        "good": "You are ready to have this conversation with a real person.",
        "mixed": "Work on the points below and you will be ready for the real conversation.",
        "poor": "Look at the suggestions below and run it again; every rehearsal makes the "
        "real call easier.",
    }[d.level]
    return f"{d.headline} {tail}"


def _strengths(d: Debrief, name: str) -> list[str]:
    out = []
    if len(d.categories_covered) >= d.coverage_goal:
        out.append(
            f"You covered {_plural(len(d.categories_covered), 'core topic')} with open questions."
        )
    if d.questions_asked >= MIN_QUESTIONS and d.open_share >= OPEN_SHARE_GOAL:
        out.append("Most of your questions were open, so you got stories rather than yes or no.")
    if d.follow_ups:
        out.append(f"You followed up on what {name} said, for example {_q(d.follow_ups[0])}.")
    if d.closed_well:
        out.append(f"You closed well: you thanked {name} and asked whom else to talk to.")
    elif d.thanked:
        out.append(f"You thanked {name} for making the time.")
    if d.kept_time and d.end_reason == "close":
        out.append(
            f"You finished inside the {Clock.format_minutes(d.minutes_available)} minutes you had."
        )
    if d.questions_asked >= MIN_QUESTIONS and "job_asks" not in d.problems:
        out.append("You kept the conversation about learning, not about getting a job.")
    for m in d.moments:
        if m["handled"] == "well":
            out.append(f"When {name} {MOMENT_PHRASES[m['kind']]}, you handled it well.")
    return out


def _moment_tip(m: dict[str, str], name: str, persona: Persona) -> str:
    kind, reply = m["kind"], m["reply"]
    guide = m["guide"]
    when = f"When {name} {MOMENT_PHRASES[kind]}"
    if kind == "address":
        return (
            f"Call them \u201c{persona.called}\u201d until they invite you to use their first name."
        )
    if kind == "runs_over":
        said = f"you asked {_q(reply)}" if reply else "you kept going"
        return f"{_stop(f'{when}, {said}')} {guide}"
    if m["handled"] == "long":
        start = " ".join(reply.split()[:8])
        said = f"your answer was long (it began {_q(start)})" if start else "your answer was long"
        return f"{when}, {said}. {guide}"
    if m["handled"] == "ignored":
        return f"{_stop(f'{when}, you moved straight on to {_q(reply)}')} {guide}"
    said = f"you replied {_q(reply)}" if reply else "the call ended before you replied"
    return f"{_stop(f'{when}, {said}')} {guide}"


def _suggestions(d: Debrief, name: str, persona: Persona, turns: list[Turn]) -> list[str]:
    tips: list[str] = []
    serious = _serious(d)
    if d.job_asks:
        tips.append(
            f"Leave job requests out of the conversation: {_q(d.job_asks[0])} asks {name} for "
            "work. If you want to know about openings, ask how people usually find them in "
            "this field."
        )
    if "ran_over" in serious:
        watch = (
            f" {name} will not remind you, so watch the clock yourself."
            if persona.temperament and not persona.temperament.warns
            else ""
        )
        tips.append(
            f"Keep to the time: you had {Clock.format_minutes(d.minutes_available)} minutes and "
            f"the call reached {Clock.format_minutes(d.minutes_used)}. An open question takes "
            f"two to three minutes, so when the time is nearly up, thank them and close.{watch}"
        )
    if "mostly_closed" in serious or "some_closed" in d.problems:
        closed = next((t for t in turns if t.is_question and not t.open_ended), None)
        if closed is not None:
            example = EXAMPLES.get(closed.category, EXAMPLES["other"])
            tips.append(
                f"Turn yes/no questions into open ones: instead of {_q(closed.question)}, start "
                f"with What, How or Tell me about, for example \u201c{example}\u201d"
            )
    if "no_thanks" in serious or "no_referral" in d.problems:
        example = "\u201cIs there anyone else you think I should speak with?\u201d"
        if not d.thanked and not d.asked_referral:
            tips.append(
                f"Close well: thank {name} for their time and ask whom else you could talk to, "
                f"for example {example}"
            )
        elif not d.thanked:
            tips.append(f"End by thanking {name} for their time before the call ends.")
        else:
            tips.append(
                f"Before you finish, ask whom else you could talk to, for example {example}"
            )
    for m in d.moments:
        if m["handled"] in ("poorly", "long", "ignored") and m["kind"] != "short_time":
            tips.append(_moment_tip(m, name, persona))
    if not d.follow_ups and d.questions_asked:
        detail = _missed_detail(persona, turns)
        if detail is not None:
            tips.append(
                f"Listen for details and follow them up. {name} mentioned {detail.phrase}; a "
                f"question such as \u201c{detail.ask}\u201d would have opened up a story."
            )
        else:
            tips.append(
                "Listen for details and follow them up: \u201cYou mentioned ...; what was that "
                "like?\u201d turns an answer into a story."
            )
    if "coverage" in d.problems:
        nxt = d.categories_missing[:2]
        names = " and ".join(CATEGORY_NAMES[c] for c in nxt)
        tips.append(
            f"Cover more ground: you asked nothing about {names}. For example: "
            f"\u201c{EXAMPLES[nxt[0]]}\u201d"
        )
    if d.googleable:
        tips.append(
            f"Skip facts a website answers ({_q(d.googleable[0])}): look them up beforehand and "
            "ask about their own experience instead."
        )
    if d.double_barreled:
        tips.append(
            f"Ask one thing at a time: {_q(d.double_barreled[0])} asks two things, and {name} "
            "answered only the first."
        )
    if len(tips) < 2:
        told = _told_detail(persona, turns)
        if told is not None:
            tips.append(
                f"In your thank-you note, mention {told.phrase}; it shows {name} that you listened."
            )
        tips.append("Try a persona with a different temperament next time, such as a busy one.")
    return tips[:3]


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
background:var(--iic-bg,transparent);color:inherit;line-height:1.5;overflow-wrap:anywhere}
.iic-debrief h3,.iic-debrief h4{margin:0.4em 0}
.iic-debrief ul,.iic-debrief ol{padding-left:1.2em}
.iic-debrief .iic-pass .iic-icon{color:var(--iic-pass,#1a7f37)}
.iic-debrief .iic-todo .iic-icon{color:var(--iic-todo,#9a6700)}
.iic-debrief .iic-warn .iic-icon{color:var(--iic-warn,#cf222e);font-weight:bold}
.iic-debrief blockquote{margin:0.2em 0 0.2em 1em;font-style:italic}
.iic-debrief .iic-level{font-weight:bold}
"""

_HANDLED_WORDS = {
    "well": "handled well",
    "poorly": "worth another try",
    "long": "answer too long",
    "ignored": "not answered",
    "no reply": "the call ended first",
}


def render_debrief(d: Debrief) -> str:
    """Accessible HTML for a debrief; every learner-written string is escaped."""
    name = d.called or d.persona_name.split()[0]
    covered = ", ".join(CATEGORY_NAMES[c] for c in d.categories_covered) or "none yet"
    goal = d.coverage_goal or COVERAGE_GOAL
    available = d.minutes_available or d.minutes_agreed
    time_detail = (
        f"{Clock.format_minutes(d.minutes_used)} of {Clock.format_minutes(available)} minutes used"
    )
    if available < d.minutes_agreed:
        time_detail += f" (you had agreed {Clock.format_minutes(d.minutes_agreed)})"
    rows = [
        _row(
            len(d.categories_covered) >= goal,
            "Topics covered",
            f"{len(d.categories_covered)} of 7 core topics through open questions that got an "
            f"answer ({covered}); aim for {goal}.",
        ),
        _row(
            d.questions_asked > 0 and d.open_share >= OPEN_SHARE_GOAL,
            "Open questions",
            f"{d.open_count} open, {d.closed_count} closed (yes/no).",
        ),
        _row(bool(d.follow_ups), "Follow-ups", f"{len(d.follow_ups)} built on what {name} said."),
        _row(d.kept_time, "Time kept", time_detail + "."),
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
    if d.intro:
        score = d.intro.get("score")
        rows.append(
            _row(
                d.intro.get("level") == "ready",
                "Your 30-second introduction",
                f"scored {score} of 100 before you started." if score is not None else "written.",
            )
        )
    level = d.level or ""
    parts = [
        f"<style>{DEBRIEF_CSS}</style>",
        '<section class="iic-debrief" '
        f'aria-label="Debrief of your interview with {_e(d.persona_name)}">',
        f"<h3>Debrief: your interview with {_e(d.persona_name)}</h3>",
    ]
    if level:
        parts.append(
            f'<p class="iic-level" data-level="{_e(level)}">Overall: {_e(LEVEL_WORDS[level])}</p>'
        )
    parts += [
        f'<p class="iic-encouragement">{_e(d.encouragement)}</p>',
        '<ul class="iic-debrief-list">' + "".join(rows) + "</ul>",
    ]
    if d.moments:
        items = []
        for m in d.moments:
            reply = f" You said: \u201c{m['reply']}\u201d." if m.get("reply") else ""
            items.append(
                f'<li class="iic-moment" data-handled="{_e(m["handled"])}">'
                f"<strong>{_e(m['label'])}</strong> "
                f"({_e(_HANDLED_WORDS.get(m['handled'], m['handled']))}).{_e(reply)} "
                f"{_e(m['guide'])}</li>"
            )
        parts.append("<h4>Moments to handle</h4><ul>" + "".join(items) + "</ul>")

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
