"""The course's rubric, read from one place: ``exercises/grading/rubric/*.json``.

Every rubric number (length limits, the open-question share, the topic goal, the
question range, level thresholds and caps), every label, weight, message, cue and
example lives in those files. Graders, the renderer, the widgets' live counters, the
in-page runtime, the rehearsal debrief and the chapters (through build-time
substitutions) all read them through this module, so a rule is written once.
``docs/rubric.md`` is generated from the same data (``python -m exercises.grading.rubric_doc``).
"""

from __future__ import annotations

import json
import math
import re
from functools import cache
from importlib import resources
from typing import Any

KINDS = ("pitch", "questions", "thanks", "goal", "intro")


@cache
def _file(name: str) -> dict[str, Any]:
    ref = resources.files(__package__).joinpath("rubric", f"{name}.json")
    return json.loads(ref.read_text(encoding="utf-8"))


def general() -> dict[str, Any]:
    """``rubric.json``: levels, caps, spelling settings, kind labels."""
    return _file("rubric")


def kind_data(kind: str) -> dict[str, Any]:
    """The whole data file of one kind of text (its checks, and for questions the
    categories and flags)."""
    if kind not in KINDS:
        raise KeyError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    return _file(kind)


@cache
def checks(kind: str) -> tuple[dict[str, Any], ...]:
    """The check entries of one kind, in the published order."""
    return tuple(kind_data(kind)["checks"])


@cache
def _check_index() -> dict[str, dict[str, Any]]:
    return {c["id"]: c for k in KINDS for c in checks(k)}


def check(check_id: str) -> dict[str, Any]:
    """One check entry by id (``KeyError`` if unknown)."""
    return _check_index()[check_id]


def param(check_id: str, name: str) -> Any:
    """One parameter of a check, e.g. ``param("questions.mostly_open", "min_open_share")``."""
    return check(check_id)["params"][name]


@cache
def cues(kind: str) -> dict[str, Any]:
    """Every cue list of one kind's checks, by cue name (names are unique per kind);
    ``cues("shared")`` are the cues several kinds use (rubric.json's ``shared_cues``).
    A pattern may name a shared word list as ``{{name}}`` (see ``word_list``)."""
    if kind == "shared":
        return {k: _with_words(v) for k, v in general()["shared_cues"].items()
                if not k.startswith("_")}
    out: dict[str, Any] = {}
    for entry in checks(kind):
        for name, value in entry.get("cues", {}).items():
            if name in out:
                raise ValueError(f"cue {name!r} is defined twice in rubric/{kind}.json")
            out[name] = _with_words(value)
    return out


_WORD_LIST_REF = re.compile(r"\{\{(\w+)\}\}")


@cache
def word_list(name: str) -> str:
    """rubric.json's ``shared_words[name]`` as one regex alternation, longest words first.

    Several patterns exclude the same vague words ("a good company", "careers in a big
    firm"); the list is written once and each pattern names it as ``{{name}}``."""
    words = general().get("shared_words", {}).get(name)
    if not words or name.startswith("_"):
        raise KeyError(f"a cue pattern names {{{{{name}}}}}, which is not a list in "
                       "rubric.json's shared_words")
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace("\\ ", "\\s+") for w in ordered) + ")"


def expand_words(pattern: str) -> str:
    """``pattern`` with each ``{{name}}`` replaced by ``word_list(name)``: the regex that runs."""
    return _WORD_LIST_REF.sub(lambda m: word_list(m.group(1)), pattern)


def _with_words(value: Any) -> Any:
    if not isinstance(value, dict) or not any("{{" in p for p in value.get("patterns", ())):
        return value
    return {**value, "patterns": [expand_words(p) for p in value["patterns"]]}


# --- levels and caps --------------------------------------------------------------------


@cache
def levels() -> tuple[dict[str, Any], ...]:
    """Levels from the best down: ready, almost, needs-work."""
    return tuple(sorted(general()["levels"], key=lambda lv: -lv["min_score"]))


def level_ids() -> tuple[str, ...]:
    return tuple(lv["id"] for lv in levels())


def level_threshold(level: str) -> int:
    return next(lv["min_score"] for lv in levels() if lv["id"] == level)


def level_label(level: str) -> str:
    return next((lv["label"] for lv in levels() if lv["id"] == level), level)


def level_for(score: int) -> str:
    """The level a score earns before any cap."""
    for lv in levels():
        if score >= lv["min_score"]:
            return lv["id"]
    return levels()[-1]["id"]


def lower_level(a: str, b: str) -> str:
    order = level_ids()
    return a if order.index(a) >= order.index(b) else b


def caps() -> tuple[dict[str, Any], ...]:
    return tuple(general()["caps"])


# --- categories and flags ----------------------------------------------------------------


@cache
def categories() -> tuple[str, ...]:
    """All question categories, in the rubric's order."""
    return tuple(c["id"] for c in kind_data("questions")["categories"])


@cache
def core_categories() -> tuple[str, ...]:
    """The core categories counted by ``questions.coverage``."""
    return tuple(c["id"] for c in kind_data("questions")["categories"] if c["core"])


@cache
def category(cat: str) -> dict[str, Any]:
    for c in kind_data("questions")["categories"]:
        if c["id"] == cat:
            return c
    raise KeyError(cat)


def category_label(cat: str) -> str:
    try:
        return category(cat)["label"]
    except KeyError:
        return cat.replace("_", " ").capitalize()


@cache
def flag_ids() -> tuple[str, ...]:
    return tuple(f["id"] for f in kind_data("questions")["flags"])


@cache
def flag(flag_id: str) -> dict[str, Any]:
    for f in kind_data("questions")["flags"]:
        if f["id"] == flag_id:
            return f
    raise KeyError(flag_id)


# --- the numbers ----------------------------------------------------------------------


@cache
def channels() -> tuple[str, ...]:
    """Pitch channels with their own length limit: email, linkedin, linkedin-premium."""
    return tuple(param("pitch.concise", "limits"))


def length_limit(kind: str, channel: str = "email") -> tuple[int, str] | None:
    """(maximum, unit) of the length check that applies, or None when there is none."""
    if kind == "pitch":
        limits = param("pitch.concise", "limits")
        spec = limits.get(channel, limits["email"])
        return int(spec["max"]), spec["unit"]
    if kind == "thanks":
        return int(param("thanks.concise", "max_words")), "words"
    return None


def channel_label(channel: str) -> str:
    limits = param("pitch.concise", "limits")
    return limits.get(channel, limits["email"])["label"]


def question_range(minutes: float) -> tuple[int, int]:
    """The fewest and most questions that fit a conversation of ``minutes`` minutes."""
    fewest = param("questions.count_fits_time", "minutes_per_question_fewest")
    most = param("questions.count_fits_time", "minutes_per_question_most")
    return math.ceil(minutes / fewest), math.floor(minutes / most)


def min_open_share() -> float:
    return float(param("questions.mostly_open", "min_open_share"))


def min_core_topics() -> int:
    return int(param("questions.coverage", "min_core_topics"))


def max_minutes() -> int:
    return int(param("pitch.time_ask", "max_minutes"))


def spelling() -> dict[str, Any]:
    return general()["spelling"]


def misspelling_cap() -> int:
    cap = next(c for c in caps() if c["id"] == "misspellings")
    return int(cap["when"]["meta_at_least"]["misspellings"])


def _range_param(end: str) -> float:
    return param("questions.count_fits_time", f"minutes_per_question_{end}")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


@cache
def numbers() -> dict[str, str]:
    """Rubric numbers by name, as text: what chapters and quizzes quote
    (``{{ rubric_email_words }}`` in a chapter, ``{rubric_email_words}`` in a quiz bank)."""
    limits = param("pitch.concise", "limits")
    out = {
        "email_words": limits["email"]["max"],
        "linkedin_chars": limits["linkedin"]["max"],
        "linkedin_premium_chars": limits["linkedin-premium"]["max"],
        "thanks_words": param("thanks.concise", "max_words"),
        "max_minutes": max_minutes(),
        "open_pct": round(min_open_share() * 100),
        "min_topics": min_core_topics(),
        "core_topics": len(core_categories()),
        "minutes_per_question_fewest": _range_param("fewest"),
        "minutes_per_question_most": _range_param("most"),
        "ready_score": level_threshold("ready"),
        "almost_score": level_threshold("almost"),
        "misspelling_cap": misspelling_cap(),
    }
    for minutes in (15, 20, 30, 45, 60):
        lo, hi = question_range(minutes)
        out[f"questions_{minutes}_fewest"] = lo
        out[f"questions_{minutes}_most"] = hi
    words = {3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}
    out["min_topics_word"] = words.get(min_core_topics(), str(min_core_topics()))
    out["core_topics_word"] = words.get(len(core_categories()), str(len(core_categories())))
    return {f"rubric_{k}": v if isinstance(v, str) else _number(v) for k, v in out.items()}


def substitute(text: str, style: str = "quiz") -> str:
    """Put the rubric numbers into a text: ``{rubric_x}`` (quiz banks) or
    ``{{ rubric_x }}`` (chapters, MyST substitution syntax)."""
    for key, value in numbers().items():
        if style == "myst":
            text = text.replace("{{ " + key + " }}", value).replace("{{" + key + "}}", value)
        else:
            text = text.replace("{" + key + "}", value)
    return text


def format_values(check_id: str) -> dict[str, str]:
    """The check's parameters as template values (shares also as whole percentages)."""
    values: dict[str, str] = {}
    for name, value in check(check_id).get("params", {}).items():
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            values[name] = _number(value)
            if name.endswith("_share"):
                values[name[: -len("_share")] + "_pct"] = _number(round(value * 100))
    return values
