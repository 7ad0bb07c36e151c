"""Load and validate persona files (``personas/<id>.json``).

Personas are data, not code: each file holds a profile, answers per question
category and the persona's replies to the situations the engine recognises.
Validation is strict and names the file and the field, so a typo in a persona
shows up as a clear test failure instead of an odd reply in the middle of a
learner's rehearsal.

Schema (all text fields are non-empty strings; ``id`` equals the file name):

- profile: ``id``, ``name``, ``role``, ``organisation``, ``field``, ``years`` (int),
  ``path`` (one line), ``profile`` (what the learner reads first), ``greeting``
  (may use ``{minutes}``), ``small_talk`` (list: replies to hello / opening thanks).
- ``answers``: one list per category of the rubric (``path``, ``day_to_day``,
  ``likes``, ``challenges``, ``trends``, ``fit_skills``, ``advice``: 2+ each;
  ``culture``, ``other``: 1+). Each answer is ``{"text": ..., "detail": {"keywords":
  [...], "reply": ...}}``; the optional ``detail`` is a concrete hook: when the
  learner's follow-up mentions a keyword (which must occur in the text), the
  persona tells the story in ``reply``. At least five answers carry one.
- ``referral``: ``colleague``, ``role``, ``text`` (names the colleague).
- reply lists: ``job_ask``, ``googleable``, ``closed`` (3+, short and flat),
  ``double_barreled`` (a lead-in; the engine appends an answer to one part),
  ``unclear``, ``acknowledge``, ``follow_up_generic`` (2+), ``close``.
- single replies: ``too_long``, ``time_nearly_up`` (uses ``{left}``), ``time_up``,
  ``out_of_time``, ``repeat``.
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

# Reply lists: field name -> minimum number of variants.
_REPLY_LISTS: dict[str, int] = {
    "job_ask": 1,
    "googleable": 1,
    "closed": 3,
    "double_barreled": 1,
    "unclear": 1,
    "acknowledge": 1,
    "small_talk": 1,
    "follow_up_generic": 2,
    "close": 1,
}
# Single replies.
_REPLY_TEXTS: tuple[str, ...] = ("too_long", "time_nearly_up", "time_up", "out_of_time", "repeat")
# Placeholders a field may use; every other text must not contain braces, so a
# stray "{name}" cannot leak to the learner.
_PLACEHOLDERS: dict[str, set[str]] = {
    "greeting": {"minutes"},
    "time_nearly_up": {"left"},
}
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_BRACE_RE = re.compile(r"\{([^{}]*)\}")


class PersonaError(ValueError):
    """A persona file is missing, unreadable or breaks the schema."""


@dataclass(frozen=True)
class Detail:
    """A concrete detail in an answer that invites a follow-up question."""

    keywords: tuple[str, ...]
    reply: str
    pattern: re.Pattern[str] = field(repr=False, compare=False)

    def matches(self, text: str) -> bool:
        """True when the (lower-cased) text mentions one of the keywords."""
        return self.pattern.search(text) is not None


@dataclass(frozen=True)
class Answer:
    text: str
    detail: Detail | None = None


@dataclass(frozen=True)
class Referral:
    colleague: str
    role: str
    text: str


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

    @property
    def label(self) -> str:
        """One line for a picker: name and role."""
        return f"{self.name}, {self.role}"

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
        }


def _keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    # Match at a word start but allow endings ("dashboard" also finds "dashboards").
    alts = "|".join(re.escape(k) for k in sorted(keywords, key=len, reverse=True))
    return re.compile(rf"\b(?:{alts})")


class _Reader:
    """Pulls typed fields out of the raw JSON, raising errors that name the field."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, problem: str) -> PersonaError:
        return PersonaError(f"{self.source}: field '{where}': {problem}")

    def text(self, obj: dict[str, Any], key: str, where: str) -> str:
        if key not in obj:
            raise self.fail(where, "is missing")
        return self.check_text(obj[key], where)

    def check_text(self, value: Any, where: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, "must be a non-empty string")
        allowed = _PLACEHOLDERS.get(where, set())
        for name in _BRACE_RE.findall(value):
            if name not in allowed:
                raise self.fail(where, f"unknown placeholder {{{name}}}")
        if ("{" in value or "}" in value) and not allowed:
            raise self.fail(where, "must not contain braces")
        return value.strip()

    def text_list(self, obj: dict[str, Any], key: str, where: str, minimum: int) -> tuple[str, ...]:
        value = obj.get(key)
        if not isinstance(value, list):
            raise self.fail(where, "must be a list of strings")
        if len(value) < minimum:
            raise self.fail(where, f"needs at least {minimum} variant(s), found {len(value)}")
        return tuple(self.check_text(v, f"{where}[{i}]") for i, v in enumerate(value))

    def answer(self, raw: Any, where: str) -> Answer:
        if not isinstance(raw, dict):
            raise self.fail(where, "must be an object with 'text' (and optional 'detail')")
        text = self.text(raw, "text", f"{where}.text")
        unknown = set(raw) - {"text", "detail"}
        if unknown:
            raise self.fail(where, f"unknown key(s) {sorted(unknown)}")
        if "detail" not in raw:
            return Answer(text)
        d = raw["detail"]
        dwhere = f"{where}.detail"
        if not isinstance(d, dict):
            raise self.fail(dwhere, "must be an object with 'keywords' and 'reply'")
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
        reply = self.text(d, "reply", f"{dwhere}.reply")
        kw_tuple = tuple(keywords)
        return Answer(text, Detail(kw_tuple, reply, _keyword_pattern(kw_tuple)))


def parse_persona(data: Any, source: str = "<persona>", expected_id: str | None = None) -> Persona:
    """Validate raw JSON data and build a Persona; raise PersonaError naming the field."""
    r = _Reader(source)
    if not isinstance(data, dict):
        raise PersonaError(f"{source}: the file must hold one JSON object")
    pid = r.text(data, "id", "id")
    if not _ID_RE.match(pid):
        raise r.fail("id", "use lower-case letters, digits and hyphens")
    if expected_id is not None and pid != expected_id:
        raise r.fail("id", f"'{pid}' must match the file name '{expected_id}'")
    years = data.get("years")
    if not isinstance(years, int) or isinstance(years, bool) or not 0 < years < 60:
        raise r.fail("years", "must be a whole number of years between 1 and 59")

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
        answers[cat] = tuple(r.answer(a, f"{where}[{i}]") for i, a in enumerate(value))
    details = sum(1 for group in answers.values() for a in group if a.detail)
    if details < MIN_DETAILS:
        raise r.fail(
            "answers", f"needs at least {MIN_DETAILS} answers with a 'detail', found {details}"
        )

    raw_ref = data.get("referral")
    if not isinstance(raw_ref, dict):
        raise r.fail("referral", "must be an object with 'colleague', 'role' and 'text'")
    referral = Referral(
        r.text(raw_ref, "colleague", "referral.colleague"),
        r.text(raw_ref, "role", "referral.role"),
        r.text(raw_ref, "text", "referral.text"),
    )
    if referral.colleague.split()[0] not in referral.text:
        raise r.fail("referral.text", "must name the colleague")

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
