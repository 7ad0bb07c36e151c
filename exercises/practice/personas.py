"""Load and validate persona files (``personas/<id>.json``).

Personas are data, not code: each file holds a profile, answers per question
category, short answers for yes/no questions, the moments the persona creates,
and the persona's replies to the situations the engine recognises. The format is
described for instructors by ``persona.schema.json`` (JSON Schema, used by the
tests and by editors); this module checks the same rules with the standard
library only, so it runs in Pyodide, and names the file and the field in every
error, so a typo in a persona shows up as a clear message instead of an odd
reply in the middle of a learner's rehearsal.

Behaviour that depends on the temperament (how long answers take, whether the
persona warns about time, how far they run over) lives in ``temperaments.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from exercises.grading.questions import CORE

#: The seven core categories of the rubric (``questions.coverage``), as the grader has them.
CORE_CATEGORIES: tuple[str, ...] = CORE
#: Categories a persona answers from ``answers``; ``referrals`` has its own reply.
ANSWER_CATEGORIES: tuple[str, ...] = CORE_CATEGORIES + ("culture", "other")
MIN_CORE_VARIANTS = 2
MIN_DETAILS = (
    5  # answers with a follow-up hook; the engine rewards listening only if there are some
)
MIN_TERMS = 2
SHORT_ANSWER_WORDS = (
    20  # a reply to a yes/no question stays short, so the learner feels the difference
)

SENIORITY = ("graduate", "early career", "mid-career", "senior", "executive")
EMPLOYMENT = ("employee", "freelancer", "business owner")
BACKGROUND = ("career changer", "returner", "disability", "first in family", "moved country")
#: Moments a persona can create, and what each asks of the learner.
MOMENT_KINDS = (
    "ask_about_you",  # "Tell me a bit about yourself"
    "next_step",  # "What are you hoping to do next?"
    "cv_offer",  # "Send me your CV and I'll pass it on"
    "hiring",  # "We're hiring, do you want to apply?"
    "short_time",  # "I only have ten minutes today" (with the greeting)
    "runs_over",  # a talkative persona sails past the agreed time
    "not_recommend",  # "Honestly, I wouldn't recommend this field"
    "polite_yes",  # a hedged yes that means no
)
DETERMINERS = ("the", "a", "an", "his", "her", "their", "my", "that", "those", "these", "this")

# Reply lists: field name -> minimum number of variants.
_REPLY_LISTS: dict[str, int] = {
    "small_talk": 2,
    "job_ask": 2,
    "googleable": 2,
    "closed": 3,
    "double_barreled": 2,
    "unclear": 2,
    "acknowledge": 2,
    "follow_up_generic": 2,
    "close": 2,
    "repeat": 2,
    "nudge": 2,
    "patience_end": 1,
    "not_my_area": 2,
}
_REACTIONS: dict[str, int] = {"greeting": 2, "thanks": 2, "statement": 2, "permission": 1}
# Single replies.
_REPLY_TEXTS: tuple[str, ...] = ("too_long", "time_nearly_up", "time_up", "out_of_time")
# Placeholders a field may (or must) use; every other text must not contain braces,
# so a stray "{name}" cannot leak to the learner.
_PLACEHOLDERS: dict[str, set[str]] = {
    "greeting": {"minutes"},
    "time_nearly_up": {"left"},
    "not_my_area": {"thing"},
}
_REQUIRED_PLACEHOLDER = {"time_nearly_up": "left", "not_my_area": "thing"}
_TOP_KEYS = (
    {
        "id",
        "name",
        "role",
        "organisation",
        "field",
        "years",
        "seniority",
        "employment",
        "hiring_manager",
        "temperament",
        "location",
        "address",
        "background",
        "practise_for",
        "minutes_available",
        "path",
        "profile",
        "greeting",
        "reactions",
        "answers",
        "short_answers",
        "referral",
        "moments",
        "tangents",
        "$schema",
    }
    | set(_REPLY_LISTS)
    | set(_REPLY_TEXTS)
)
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_BRACE_RE = re.compile(r"\{([^{}]*)\}")


class PersonaError(ValueError):
    """A persona file is missing, unreadable or breaks the schema."""


@dataclass(frozen=True)
class Detail:
    """A concrete detail in an answer that invites a follow-up question.

    ``phrase`` names it as a noun phrase ("the mouse in the loft") and ``ask`` is
    a follow-up a learner could have asked; the debrief builds tips from both, so
    they read as whole sentences whatever the detail is.
    """

    keywords: tuple[str, ...]
    reply: str
    phrase: str
    ask: str
    pattern: re.Pattern[str] = field(repr=False, compare=False)

    def matches(self, text: str) -> bool:
        """True when the (lower-cased) text mentions one of the keywords."""
        return self.pattern.search(text) is not None


@dataclass(frozen=True)
class Answer:
    text: str
    terms: tuple[str, ...] = ()
    detail: Detail | None = None
    category: str = "other"
    key: str = ""  # "trends[1]": stable within a persona, recorded in transcripts


@dataclass(frozen=True)
class Referral:
    colleague: str
    role: str
    text: str


@dataclass(frozen=True)
class Moment:
    """Something the persona says or does that the learner has to handle."""

    kind: str
    text: str
    well: str  # the persona's reaction when the learner handles it well
    poorly: str  # ... and when they do not
    after: int = 0  # raised after the persona has answered this many questions
    at_time_up: bool = False  # raised when the agreed time runs out (runs_over)


@dataclass(frozen=True)
class Address:
    """How to address the persona: ``as_`` is what they expect to be called."""

    as_: str
    formal: bool
    note: str = ""
    first_name_reply: str = ""  # said once if a formal persona is greeted by first name


@dataclass(frozen=True)
class Location:
    place: str
    country: str
    time_zone: str

    @property
    def in_uk(self) -> bool:
        return self.country == "United Kingdom"


@dataclass(frozen=True)
class Temperament:
    id: str
    label: str
    summary: str
    time_factor: float
    warns: bool
    overrun_share: float
    needs_moment: str


@dataclass(frozen=True)
class Persona:
    id: str
    name: str
    role: str
    organisation: str
    field: str
    years: int
    path: str
    profile: str
    greeting: str
    answers: dict[str, tuple[Answer, ...]]
    referral: Referral
    replies: dict[str, tuple[str, ...]]  # the _REPLY_LISTS fields
    texts: dict[str, str]  # the _REPLY_TEXTS fields
    seniority: str = "mid-career"
    employment: str = "employee"
    hiring_manager: bool = False
    temperament: Temperament | None = None
    location: Location | None = None
    address: Address | None = None
    background: tuple[str, ...] = ()
    practise_for: str = ""
    minutes_available: int | None = None
    short_answers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    reactions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    moments: tuple[Moment, ...] = ()
    tangents: tuple[str, ...] = ()

    @property
    def first_name(self) -> str:
        return self.name.split()[0]

    @property
    def called(self) -> str:
        """How the debrief and the page refer to them: first name, or title and surname."""
        return self.address.as_ if self.address else self.first_name

    @property
    def label(self) -> str:
        """One line for a picker: name, role and temperament."""
        mood = f" ({self.temperament.label.lower()})" if self.temperament else ""
        return f"{self.name}, {self.role}{mood}"

    @property
    def summary(self) -> dict[str, Any]:
        """The profile card the learner reads before starting."""
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role,
            "organisation": self.organisation,
            "field": self.field,
            "years": self.years,
            "path": self.path,
            "profile": self.profile,
            "temperament": self.temperament.id if self.temperament else "",
            "place": self.location.place if self.location else "",
            "time_zone": self.location.time_zone if self.location else "",
            "address_as": self.called,
        }

    def all_answers(self) -> list[Answer]:
        return [a for group in self.answers.values() for a in group]

    def moment(self, kind: str) -> Moment | None:
        return next((m for m in self.moments if m.kind == kind), None)


def _keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    # Match at a word start but allow endings ("dashboard" also finds "dashboards").
    alts = "|".join(re.escape(k) for k in sorted(keywords, key=len, reverse=True))
    return re.compile(rf"\b(?:{alts})")


@cache
def temperaments() -> dict[str, Temperament]:
    """The temperaments defined in ``temperaments.json``, by id."""
    raw = json.loads(
        (resources.files("exercises.practice") / "temperaments.json").read_text(encoding="utf-8")
    )
    out = {}
    for tid, t in raw.items():
        if tid.startswith("_"):
            continue
        out[tid] = Temperament(
            id=tid,
            label=str(t["label"]),
            summary=str(t["summary"]),
            time_factor=float(t["time_factor"]),
            warns=bool(t["warns"]),
            overrun_share=float(t["overrun_share"]),
            needs_moment=str(t["needs_moment"]),
        )
    return out


class _Reader:
    """Pulls typed fields out of the raw JSON, raising errors that name the field."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, problem: str) -> PersonaError:
        return PersonaError(f"{self.source}: field '{where}': {problem}")

    def obj(self, data: dict[str, Any], key: str, where: str, keys: set[str]) -> dict[str, Any]:
        value = data.get(key)
        if not isinstance(value, dict):
            raise self.fail(where, "must be an object")
        unknown = set(value) - keys
        if unknown:
            raise self.fail(where, f"unknown key(s) {sorted(unknown)}")
        return value

    def text(self, obj: dict[str, Any], key: str, where: str, placeholders: str = "") -> str:
        if key not in obj:
            raise self.fail(where, "is missing")
        return self.check_text(obj[key], where, placeholders or where)

    def check_text(self, value: Any, where: str, rule: str = "") -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, "must be a non-empty string")
        rule = rule or where
        allowed = _PLACEHOLDERS.get(rule, set())
        for name in _BRACE_RE.findall(value):
            if name not in allowed:
                raise self.fail(where, f"unknown placeholder {{{name}}}")
        if ("{" in value or "}" in value) and not allowed:
            raise self.fail(where, "must not contain braces")
        need = _REQUIRED_PLACEHOLDER.get(rule)
        if need and f"{{{need}}}" not in value:
            raise self.fail(where, f"must use the placeholder {{{need}}}")
        return value.strip()

    def text_list(
        self, obj: dict[str, Any], key: str, where: str, minimum: int, rule: str = ""
    ) -> tuple[str, ...]:
        value = obj.get(key)
        if not isinstance(value, list):
            raise self.fail(where, "must be a list of strings")
        if len(value) < minimum:
            raise self.fail(where, f"needs at least {minimum} variant(s), found {len(value)}")
        out = tuple(self.check_text(v, f"{where}[{i}]", rule or key) for i, v in enumerate(value))
        if len(set(out)) != len(out):
            raise self.fail(where, "has the same line twice; every line must differ")
        return out

    def choice(self, data: dict[str, Any], key: str, options: tuple[str, ...]) -> str:
        value = data.get(key)
        if value not in options:
            raise self.fail(key, f"must be one of {list(options)}")
        return value

    def boolean(self, data: dict[str, Any], key: str, where: str) -> bool:
        value = data.get(key)
        if not isinstance(value, bool):
            raise self.fail(where, "must be true or false")
        return value

    def answer(self, raw: Any, where: str, category: str, key: str) -> Answer:
        if not isinstance(raw, dict):
            raise self.fail(where, "must be an object with 'text', 'terms' (and optional 'detail')")
        text = self.text(raw, "text", f"{where}.text")
        unknown = set(raw) - {"text", "terms", "detail"}
        if unknown:
            raise self.fail(where, f"unknown key(s) {sorted(unknown)}")
        terms = raw.get("terms")
        if not isinstance(terms, list) or len(terms) < MIN_TERMS:
            raise self.fail(f"{where}.terms", f"needs a list of at least {MIN_TERMS} key terms")
        clean_terms = []
        for i, t in enumerate(terms):
            term = self.check_text(t, f"{where}.terms[{i}]")
            if term != term.lower():
                raise self.fail(f"{where}.terms[{i}]", "must be lower case")
            clean_terms.append(term)
        if "detail" not in raw:
            return Answer(text, tuple(clean_terms), None, category, key)
        d = raw["detail"]
        dwhere = f"{where}.detail"
        if not isinstance(d, dict):
            raise self.fail(dwhere, "must be an object with 'keywords', 'phrase', 'ask', 'reply'")
        unknown = set(d) - {"keywords", "phrase", "ask", "reply"}
        if unknown:
            raise self.fail(dwhere, f"unknown key(s) {sorted(unknown)}")
        kws = d.get("keywords")
        if not isinstance(kws, list) or not kws:
            raise self.fail(f"{dwhere}.keywords", "must be a non-empty list of strings")
        keywords = []
        for i, k in enumerate(kws):
            kw = self.check_text(k, f"{dwhere}.keywords[{i}]").lower()
            if len(kw) < 4:
                # Short keywords ("job", "pay") would fire on unrelated questions.
                raise self.fail(f"{dwhere}.keywords[{i}]", "must be at least 4 characters")
            if kw not in text.lower():
                raise self.fail(
                    f"{dwhere}.keywords[{i}]", f"'{kw}' does not occur in the answer text"
                )
            keywords.append(kw)
        phrase = self.text(d, "phrase", f"{dwhere}.phrase")
        if phrase.split()[0].lower() not in DETERMINERS or phrase[-1] in ".?!":
            raise self.fail(
                f"{dwhere}.phrase",
                "must be a noun phrase that starts with the, a, an, his, her, their... "
                "and has no final punctuation",
            )
        ask = self.text(d, "ask", f"{dwhere}.ask")
        if not ask.endswith("?"):
            raise self.fail(f"{dwhere}.ask", "must be a question ending with '?'")
        reply = self.text(d, "reply", f"{dwhere}.reply")
        kw_tuple = tuple(keywords)
        detail = Detail(kw_tuple, reply, phrase, ask, _keyword_pattern(kw_tuple))
        return Answer(text, tuple(clean_terms), detail, category, key)

    def moment(self, raw: Any, where: str) -> Moment:
        if not isinstance(raw, dict):
            raise self.fail(
                where, "must be an object with 'kind', 'after', 'text', 'well', 'poorly'"
            )
        unknown = set(raw) - {"kind", "after", "text", "well", "poorly"}
        if unknown:
            raise self.fail(where, f"unknown key(s) {sorted(unknown)}")
        kind = raw.get("kind")
        if kind not in MOMENT_KINDS:
            raise self.fail(f"{where}.kind", f"must be one of {list(MOMENT_KINDS)}")
        after = raw.get("after")
        at_time_up = after == "time_up"
        if kind == "runs_over" and not at_time_up:
            raise self.fail(f"{where}.after", "a 'runs_over' moment comes at \"time_up\"")
        if not at_time_up:
            if not isinstance(after, int) or isinstance(after, bool) or not 0 <= after <= 12:
                raise self.fail(f"{where}.after", 'must be a number from 0 to 12, or "time_up"')
            if kind == "short_time" and after != 0:
                raise self.fail(
                    f"{where}.after", "a 'short_time' moment comes with the greeting (0)"
                )
        return Moment(
            kind=kind,
            text=self.text(raw, "text", f"{where}.text"),
            well=self.text(raw, "well", f"{where}.well"),
            poorly=self.text(raw, "poorly", f"{where}.poorly"),
            after=0 if at_time_up else after,
            at_time_up=at_time_up,
        )


def parse_persona(data: Any, source: str = "<persona>", expected_id: str | None = None) -> Persona:
    """Validate raw JSON data and build a Persona; raise PersonaError naming the field."""
    r = _Reader(source)
    if not isinstance(data, dict):
        raise PersonaError(f"{source}: the file must hold one JSON object")
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise r.fail(sorted(unknown)[0], "is not a persona field (check the spelling)")
    pid = r.text(data, "id", "id")
    if not _ID_RE.match(pid):
        raise r.fail("id", "use lower-case letters, digits and hyphens")
    if expected_id is not None and pid != expected_id:
        raise r.fail("id", f"'{pid}' must match the file name '{expected_id}'")
    years = data.get("years")
    if not isinstance(years, int) or isinstance(years, bool) or not 0 < years < 60:
        raise r.fail("years", "must be a whole number of years between 1 and 59")

    temperament_id = data.get("temperament")
    temper = temperaments().get(temperament_id) if isinstance(temperament_id, str) else None
    if temper is None:
        raise r.fail("temperament", f"must be one of {sorted(temperaments())}")
    available = data.get("minutes_available")
    if available is not None and (
        not isinstance(available, int) or isinstance(available, bool) or not 5 <= available <= 60
    ):
        raise r.fail("minutes_available", "must be a whole number of minutes from 5 to 60")

    loc = r.obj(data, "location", "location", {"place", "country", "time_zone"})
    location = Location(
        r.text(loc, "place", "location.place"),
        r.text(loc, "country", "location.country"),
        r.text(loc, "time_zone", "location.time_zone"),
    )
    adr = r.obj(data, "address", "address", {"as", "formal", "note", "first_name_reply"})
    formal = r.boolean(adr, "formal", "address.formal")
    address = Address(
        as_=r.text(adr, "as", "address.as"),
        formal=formal,
        note=r.text(adr, "note", "address.note") if "note" in adr else "",
        first_name_reply=(
            r.text(adr, "first_name_reply", "address.first_name_reply") if formal else ""
        ),
    )
    background = data.get("background")
    if not isinstance(background, list) or any(b not in BACKGROUND for b in background):
        raise r.fail("background", f"must be a list drawn from {list(BACKGROUND)}")

    raw_answers = data.get("answers")
    if not isinstance(raw_answers, dict):
        raise r.fail("answers", "must be an object keyed by question category")
    unknown = set(raw_answers) - set(ANSWER_CATEGORIES)
    if unknown:
        raise r.fail("answers", f"unknown categories {sorted(unknown)}")
    answers: dict[str, tuple[Answer, ...]] = {}
    for cat in ANSWER_CATEGORIES:
        where = f"answers.{cat}"
        value = raw_answers.get(cat)
        minimum = MIN_CORE_VARIANTS if cat in CORE_CATEGORIES else 1
        if not isinstance(value, list) or len(value) < minimum:
            raise r.fail(where, f"needs a list of at least {minimum} answer(s)")
        answers[cat] = tuple(
            r.answer(a, f"{where}[{i}]", cat, f"{cat}[{i}]") for i, a in enumerate(value)
        )
    texts_seen = [a.text for group in answers.values() for a in group]
    if len(set(texts_seen)) != len(texts_seen):
        raise r.fail("answers", "has the same answer twice; every line must differ")
    details = sum(1 for group in answers.values() for a in group if a.detail)
    if details < MIN_DETAILS:
        raise r.fail(
            "answers", f"needs at least {MIN_DETAILS} answers with a 'detail', found {details}"
        )

    raw_short = data.get("short_answers")
    if not isinstance(raw_short, dict):
        raise r.fail("short_answers", "must be an object keyed by question category")
    unknown = set(raw_short) - set(ANSWER_CATEGORIES)
    if unknown:
        raise r.fail("short_answers", f"unknown categories {sorted(unknown)}")
    short: dict[str, tuple[str, ...]] = {}
    for cat in ANSWER_CATEGORIES:
        short[cat] = r.text_list(raw_short, cat, f"short_answers.{cat}", 1)
        for i, s in enumerate(short[cat]):
            if len(s.split()) > SHORT_ANSWER_WORDS:
                raise r.fail(
                    f"short_answers.{cat}[{i}]", f"must be at most {SHORT_ANSWER_WORDS} words"
                )

    raw_ref = r.obj(data, "referral", "referral", {"colleague", "role", "text"})
    referral = Referral(
        r.text(raw_ref, "colleague", "referral.colleague"),
        r.text(raw_ref, "role", "referral.role"),
        r.text(raw_ref, "text", "referral.text"),
    )
    if referral.colleague.split()[0] not in referral.text:
        raise r.fail("referral.text", "must name the colleague")

    raw_reactions = r.obj(data, "reactions", "reactions", set(_REACTIONS))
    reactions = {
        k: r.text_list(raw_reactions, k, f"reactions.{k}", n) for k, n in _REACTIONS.items()
    }
    raw_moments = data.get("moments")
    if not isinstance(raw_moments, list) or not raw_moments:
        raise r.fail("moments", "needs a list of at least one moment")
    moments = tuple(r.moment(m, f"moments[{i}]") for i, m in enumerate(raw_moments))
    kinds = [m.kind for m in moments]
    if len(set(kinds)) != len(kinds):
        raise r.fail("moments", "has the same kind of moment twice")
    if temper.needs_moment and temper.needs_moment not in kinds:
        raise r.fail("moments", f"a '{temper.id}' persona needs a '{temper.needs_moment}' moment")
    if "short_time" in kinds and available is None:
        raise r.fail("minutes_available", "is needed with a 'short_time' moment")
    if available is not None and "short_time" not in kinds:
        raise r.fail("moments", "'minutes_available' needs a 'short_time' moment to say so")
    tangents: tuple[str, ...] = ()
    if temper.id == "rambler" or "tangents" in data:
        tangents = r.text_list(data, "tangents", "tangents", 3)

    replies = {k: r.text_list(data, k, k, n) for k, n in _REPLY_LISTS.items()}
    texts = {k: r.text(data, k, k) for k in _REPLY_TEXTS}
    return Persona(
        id=pid,
        name=r.text(data, "name", "name"),
        role=r.text(data, "role", "role"),
        organisation=r.text(data, "organisation", "organisation"),
        field=r.text(data, "field", "field"),
        years=years,
        path=r.text(data, "path", "path"),
        profile=r.text(data, "profile", "profile"),
        greeting=r.text(data, "greeting", "greeting"),
        answers=answers,
        referral=referral,
        replies=replies,
        texts=texts,
        seniority=r.choice(data, "seniority", SENIORITY),
        employment=r.choice(data, "employment", EMPLOYMENT),
        hiring_manager=r.boolean(data, "hiring_manager", "hiring_manager"),
        temperament=temper,
        location=location,
        address=address,
        background=tuple(background),
        practise_for=r.text(data, "practise_for", "practise_for"),
        minutes_available=available,
        short_answers=short,
        reactions=reactions,
        moments=moments,
        tangents=tangents,
    )


def load_persona_file(path: str | Path) -> Persona:
    """Load one persona file from any path (used by tests and by authors)."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PersonaError(f"{p.name}: cannot be read ({exc.strerror or exc})") from exc
    except json.JSONDecodeError as exc:
        raise PersonaError(f"{p.name}: is not valid JSON (line {exc.lineno}: {exc.msg})") from exc
    return parse_persona(data, p.name, expected_id=p.stem)


def persona_ids() -> list[str]:
    """Ids of the personas shipped with the package, sorted."""
    folder = resources.files("exercises.practice") / "personas"
    return sorted(e.name[:-5] for e in folder.iterdir() if e.name.endswith(".json"))


@cache
def load_persona(persona_id: str) -> Persona:
    """Load a shipped persona by id; PersonaError if unknown or invalid."""
    if not isinstance(persona_id, str):
        raise TypeError(f"persona id must be a str, not {type(persona_id).__name__}")
    if persona_id not in persona_ids():
        raise PersonaError(f"unknown persona '{persona_id}'; choose one of {persona_ids()}")
    entry = resources.files("exercises.practice") / "personas" / f"{persona_id}.json"
    name = f"{persona_id}.json"
    try:
        data = json.loads(entry.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise PersonaError(f"{name}: is not valid JSON (line {exc.lineno}: {exc.msg})") from exc
    return parse_persona(data, name, expected_id=persona_id)


def list_personas() -> list[Persona]:
    """Every shipped persona, validated, in id order."""
    return [load_persona(pid) for pid in persona_ids()]
