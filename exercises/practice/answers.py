"""Choosing the answer that fits the question that was asked.

An answer is chosen by topic (the course classifier's category for the question)
and by the terms the question shares with each answer: the answer's own listed
``terms`` count most, words of its text less, and a term that only one answer has
("heat pumps") counts more than one most answers share ("work"). When the
question names something the persona never talks about ("drone surveying"), the
persona says so in their own words, naming it, before giving the nearest answer.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from exercises.practice.personas import Answer, Persona

_TOKEN_RE = re.compile(r"[a-z0-9]+(?:['\u2019-][a-z0-9]+)*")
# Words after which the learner usually names a thing: "about X", "with X", "like X".
_SLOT_BEFORE = {
    "about", "with", "on", "into", "like", "around", "using", "towards", "regarding", "of", "in",
    "for", "the", "any", "your", "such", "as", "and", "or",
}  # fmt: skip
# ... or before which: "how is X changing", "X will change".
_SLOT_AFTER = {
    "changing", "change", "changed", "affecting", "affect", "affected", "impacting", "impact",
    "transforming", "shaping", "doing", "going", "reshaping", "will", "would", "could", "might",
    "may", "can",
}  # fmt: skip
MAX_THING_WORDS = 3
ON_TOPIC = 10.0  # the classifier's topic, worth about three specific shared terms
ON_TOPIC_OTHER = 4.0  # 'other' is the classifier's catch-all, so a weaker hint


@cache
def _words() -> tuple[frozenset[str], frozenset[str]]:
    raw = json.loads(
        (resources.files("exercises.practice") / "data" / "words.json").read_text(encoding="utf-8")
    )
    return frozenset(raw["stopwords"]), frozenset(raw["interview"])


_IRREGULAR = {"women": "woman", "men": "man", "children": "child", "people": "person"}


@cache
def _generic_stems() -> frozenset[str]:
    """Stems of everyday career words ("enjoy", "work"): they match a term, but weakly."""
    return frozenset(stem(w) for w in _words()[1])


def stem(word: str) -> str:
    """A rough stem: lower case, no possessive or plural, first five letters.

    Good enough to match "chargers" with "charging" and "playtests" with
    "playtesting"; a false match only makes an answer a little more likely.
    """
    w = word.lower().replace("\u2019", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = _IRREGULAR.get(w, w)
    if w.endswith("ment") and len(w) > 6:  # "payment" matches "pay", "equipment" "equip"
        w = w[:-4]
    for suffix in ("ies", "es", "s"):
        if w.endswith(suffix) and len(w) > len(suffix) + 3 and not w.endswith("ss"):
            w = w[: -len(suffix)] + ("y" if suffix == "ies" else "")
            break
    return w[:5]


def tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(text.lower().replace("\u2019", "'"))


def content_stems(text: str) -> set[str]:
    """Stems of the words that carry the topic: no grammar words, no everyday career words."""
    stop, interview = _words()
    return {stem(t) for t in tokens(text) if t not in stop and t not in interview and len(t) > 1}


@dataclass(frozen=True)
class Index:
    """Per-persona lookup tables, built once per persona."""

    term_stems: dict[str, tuple[frozenset[str], ...]]  # answer key -> stems of each listed term
    text_stems: dict[str, frozenset[str]]  # answer key -> stems of its text
    weight: dict[str, float]  # stem -> how specific it is within this persona
    vocabulary: frozenset[str]  # every content stem the persona ever uses


_INDEXES: dict[int, tuple[Persona, Index]] = {}


def index(persona: Persona) -> Index:
    """The persona's lookup tables, built on first use (personas are immutable)."""
    hit = _INDEXES.get(id(persona))
    if hit is not None and hit[0] is persona:
        return hit[1]
    built = _build_index(persona)
    _INDEXES[id(persona)] = (persona, built)  # keeps the persona alive, so the id stays unique
    return built


def _build_index(persona: Persona) -> Index:
    answers = persona.all_answers()
    stop, _ = _words()
    term_stems: dict[str, tuple[frozenset[str], ...]] = {}
    text_stems: dict[str, frozenset[str]] = {}
    doc_freq: dict[str, int] = {}
    for a in answers:
        terms = tuple(frozenset(stem(t) for t in tokens(term) if t not in stop) for term in a.terms)
        term_stems[a.key] = tuple(t for t in terms if t)
        text_stems[a.key] = frozenset(content_stems(a.text))
        every = {stem(t) for t in tokens(a.text) if t not in stop}.union(*term_stems[a.key])
        for s in every:
            doc_freq[s] = doc_freq.get(s, 0) + 1
    n = len(answers)
    weight = {s: 1.0 + math.log(n / df) for s, df in doc_freq.items()}
    vocab: set[str] = {s for s in doc_freq if s not in _words()[1]}
    extra = [persona.profile, persona.path, persona.role, persona.organisation, persona.field,
             persona.greeting, persona.referral.text]  # fmt: skip
    if persona.location:
        extra.append(persona.location.place)
    for a in answers:
        if a.detail:
            extra.append(a.detail.reply)
    for lines in persona.short_answers.values():
        extra.extend(lines)
    for text in extra:
        vocab |= content_stems(text)
    return Index(term_stems, text_stems, weight, frozenset(vocab))


def asked_stems(focus: str) -> tuple[set[str], set[str]]:
    """The question's words: all but grammar words (for listed terms), and its content words."""
    stop, _ = _words()
    return {stem(t) for t in tokens(focus) if t not in stop}, content_stems(focus)


def overlap(persona: Persona, answer: Answer, asked: tuple[set[str], set[str]]) -> float:
    """How much of the question's own vocabulary an answer covers.

    A listed term counts when all its words are in the question ("heat pumps",
    "find work"); each word counts once however many terms share it.
    """
    ix = index(persona)
    every, content = asked
    matched: set[str] = set()
    for term in ix.term_stems.get(answer.key, ()):
        if term <= every:
            matched |= term
    generic = _generic_stems()
    score = 2.0 * sum(0.5 if s in generic else ix.weight.get(s, 1.0) for s in matched)
    text_hits = (ix.text_stems.get(answer.key, frozenset()) & content) - matched
    return score + 0.5 * sum(ix.weight.get(s, 1.0) for s in text_hits)


def rank(persona: Persona, category: str, focus: str, used: set[str]) -> list[tuple[float, Answer]]:
    """Unused answers, best first: on topic first, then by term overlap.

    The classifier's topic is a strong hint, not a wall: an answer on another topic
    can still win when it shares much more of the question's own vocabulary. "other",
    the classifier's catch-all, is a weaker hint than a real topic.
    """
    asked = asked_stems(focus)
    bonus = ON_TOPIC_OTHER if category == "other" else ON_TOPIC
    out = []
    for a in persona.all_answers():
        if a.key in used:
            continue
        on_topic = a.category == category
        ov = overlap(persona, a, asked)
        if not on_topic and ov == 0:
            continue
        out.append((bonus * on_topic + ov, a))
    out.sort(key=lambda pair: -pair[0])
    return out


def unknown_thing(persona: Persona, focus: str) -> str:
    """The thing the learner asked about that the persona never mentions, in their words.

    Only words in a "topic slot" count (after "about", "with", "like"..., or before
    "changing"), so "What keeps you motivated?" names nothing, while "How is drone
    surveying changing the job?" names "drone surveying".
    """
    stop, interview = _words()
    vocab = index(persona).vocabulary
    original = re.findall(r"[A-Za-z0-9]+(?:['\u2019-][A-Za-z0-9]+)*|[^\sA-Za-z0-9]", focus)
    runs: list[tuple[int, int]] = []
    start = None
    for i, tok in enumerate(original + ["."]):
        low = tok.lower()
        content = (
            tok[0].isalnum()
            and low not in stop
            and low not in interview
            and len(low) > 1
            and not (low.endswith("ly") and len(low) > 4)  # "roughly", "mostly": not things
        )
        if content and start is None:
            start = i
        elif not content and start is not None:
            runs.append((start, i))
            start = None
    for a, b in runs:
        before = original[a - 1].lower() if a > 0 else ""
        after = original[b].lower() if b < len(original) else ""
        if before not in _SLOT_BEFORE and after not in _SLOT_AFTER and before != ",":
            continue
        run = original[a:b][:MAX_THING_WORDS]
        if any(stem(t) in vocab for t in run):
            continue
        if all(t.lower() in {n.lower() for n in persona.name.split()} for t in run):
            continue
        return " ".join(run)
    return ""


def say_thing(template: str, thing: str) -> str:
    """Fill a persona's "not my area" line, capitalising the thing when it opens the sentence."""
    line = template.replace("{thing}", thing)
    if template.startswith("{thing}") and thing[:1].islower():
        line = thing[:1].upper() + line[1:]
    return line
