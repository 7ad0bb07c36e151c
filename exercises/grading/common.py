"""Pieces every grader shares: input checks, building checks and reports, slots, names."""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import check_specs, phrase_index
from .report import Check, Report, level_for, weighted_score
from .text import tokens

# Pattern checks look at the first part of a text only: a real pitch or note is far
# shorter, and this keeps a 1 MB paste fast. Counts (words, characters) use all of it.
ANALYSE_LIMIT = 20_000


def require_str(value: object, what: str = "text") -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}")
    return value


def _fmt(template: str, **values: str) -> str:
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def make_check(
    kind: str,
    check_id: str,
    passed: bool,
    evidence: list[tuple[int, int]] | None = None,
    found: str = "",
    why: str = "",
    tip: str = "",
) -> Check:
    """Build a Check from the data spec; ``found``/``why`` fill the message templates."""
    spec = next(s for s in check_specs(kind) if s["id"] == check_id)
    found = _short(found)
    message = _fmt(spec["pass" if passed else "fail"], found=found, why=why)
    message = message.replace(" ()", "")
    tip_text = "" if passed else (_fmt(spec["tip"], tip=tip) if spec["tip"] != "{tip}" else tip)
    return Check(
        id=check_id,
        label=spec["label"],
        passed=bool(passed),
        message=message,
        tip=tip_text,
        evidence=sorted(set(evidence or [])),
        weight=int(spec["weight"]),
    )


def _short(found: str, limit: int = 60) -> str:
    found = " ".join(found.split())
    if found and not found.startswith("\u201c"):
        if len(found) > limit:
            found = found[: limit - 1].rstrip() + "\u2026"
        found = f"\u201c{found}\u201d"
    return found


def finish(kind: str, text: str, checks: list[Check], **extra: object) -> Report:
    """Order checks as published, score them and wrap them in a Report."""
    order = {s["id"]: i for i, s in enumerate(check_specs(kind))}
    checks = sorted(checks, key=lambda c: order.get(c.id, len(order)))
    score = weighted_score(checks)
    report = Report(kind=kind, text=text, checks=checks, score=score, level=level_for(score))
    for key, value in extra.items():
        setattr(report, key, value)
    return report


def empty_report(kind: str, text: str, what: str, meta: dict | None = None) -> Report:
    """Every check fails with a message asking the learner to write something."""
    checks = []
    for spec in check_specs(kind):
        checks.append(
            Check(
                id=spec["id"],
                label=spec["label"],
                passed=False,
                message=f"There is nothing to check yet: write your {what} first.",
                tip=f"Write your {what} in the box, then check it again.",
                evidence=[],
                weight=int(spec["weight"]),
            )
        )
    report = finish(kind, text, checks)
    report.score = 0
    report.level = "needs-work"
    report.meta = dict(meta or {}, empty=True)
    return report


def is_blank(text: str) -> bool:
    return not any(ch.isalnum() for ch in text[:ANALYSE_LIMIT]) and not text[ANALYSE_LIMIT:].strip()


# --- template slots -----------------------------------------------------------------

_SLOT_RE = re.compile(
    r"\[[^\[\]\n]{1,60}\]"
    r"|<[^<>\n]{1,60}>"
    r"|\{[^{}\n]{1,60}\}"
    r"|_{3,}"
    r"|(?<![A-Za-z])(?:XXX+|xxx+)(?![A-Za-z])"
    r"|\b(?:Your|YOUR) (?:Name|NAME|Full Name|Title|Company|School|University)\b"
    r"|\b(?:Company|COMPANY|Recipient|First|Last|Contact|Person'?s?) (?:Name|NAME)\b"
    r"|\bName Here\b|\b(?:INSERT|Insert) [A-Za-z ]{1,30}"
)
_HTML_TAG = re.compile(r"^</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>$")


def find_slots(text: str) -> list[tuple[int, int]]:
    """Spans of unfilled template slots: [..], <..>, {..}, ___, XXX, 'Your Name'."""
    out = []
    for m in _SLOT_RE.finditer(text):
        s = m.group(0)
        if s[0] in "[<{":
            inner = s[1:-1].strip()
            if not inner or inner.lower() in {"x", "sic", "...", "\u2026"}:
                continue
            if "@" in inner or inner.lower().startswith(("http", "www.", "mailto")):
                continue
            if inner.isdigit():
                continue
            if s[0] == "<" and _HTML_TAG.match(s) and not any(c.isupper() for c in s[1:3]):
                # Lower-case HTML such as <br> or <script> is markup, not a template slot.
                if inner.split()[0].strip("/").lower() in _HTML_NAMES:
                    continue
            if s[0] == "[" and m.end() < len(text) and text[m.end()] == "(":
                continue  # markdown link text
        out.append(m.span())
    return out


_HTML_NAMES = {
    "a",
    "b",
    "i",
    "u",
    "p",
    "br",
    "hr",
    "em",
    "strong",
    "div",
    "span",
    "script",
    "style",
    "html",
    "body",
    "head",
    "ul",
    "ol",
    "li",
    "img",
    "table",
    "tr",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "small",
    "sub",
    "sup",
    "code",
    "pre",
    "blockquote",
    "iframe",
    "svg",
    "title",
    "meta",
}


_ABBREV = re.compile(
    r"\b(?:dr|mr|mrs|ms|mx|prof|st|sr|jr|mt|dept|univ|inc|ltd|co|corp|vs|etc|e\.g|i\.e|approx|no)\.",
)


def soften_abbreviations(norm: str) -> str:
    """Turn the full stop of "Dr." or "Ms." into a space so it does not end a clause."""
    return _ABBREV.sub(lambda m: m.group(0)[:-1] + " ", norm)


def slot_views(text: str, norm: str) -> tuple[str, str, list[tuple[int, int]]]:
    """Two normalised views: slots read as their words, and slots blanked out.

    The rubric reads ``[University]`` as filled for most checks (so the brackets
    become spaces and the words stay) but never for checks that need concrete
    words (so there the whole slot becomes '#').
    """
    slots = find_slots(text)
    norm = soften_abbreviations(norm)
    filled = list(norm)
    blanked = list(norm)
    for a, b in slots:
        for i in range(a, b):
            blanked[i] = "#"  # not a space, so no pattern can step over the gap
        for i in (a, b - 1):
            if filled[i] in "[]<>{}":
                filled[i] = " "
        for i in range(a, b):
            if filled[i] == "_":
                filled[i] = " "
    return "".join(filled), "".join(blanked), slots


# --- negation -------------------------------------------------------------------------

_NEG_RE = re.compile(
    r"(?:\bnot\b|n't\b|\bnever\b|\bno\b|\bwithout\b|\brather than\b|\binstead of\b"
    r"|\bisn't\b|\bnor\b|\bneither\b)"
)
_CLAUSE_BREAK = re.compile(r"[.!?;:\n]|\bbut\b|\bhowever\b|\balthough\b")


def negated(norm: str, start: int, window: int = 60) -> bool:
    """True when a negation word sits in the same clause shortly before ``start``."""
    lo = max(0, start - window)
    chunk = norm[lo:start]
    cut = 0
    for m in _CLAUSE_BREAK.finditer(chunk):
        cut = m.end()
    return bool(_NEG_RE.search(chunk[cut:]))


def find_all(name: str, key: str, norm: str, skip_negated: bool = False) -> list[tuple[int, int]]:
    """Spans where lexicon ``key`` matches: its phrases (whole words) and its patterns."""
    index, regex = phrase_index(name, key)
    spans: list[tuple[int, int]] = []
    if index is not None:
        toks = _tokens(norm)
        for i, j in index.find(toks):
            last, pos = toks[j - 1]
            spans.append((toks[i][1], pos + len(last)))
    if regex is not None:
        for m in regex.finditer(norm):
            if m.end() > m.start():
                end = m.end()
                # Evidence covers whole words, even when a pattern stops after one letter.
                while (
                    end < len(norm)
                    and (norm[end].isalnum() or norm[end] in "'-")
                    and end - m.end() < 40
                ):
                    end += 1
                spans.append((m.start(), end))
    spans.sort()
    if skip_negated:
        spans = [sp for sp in spans if not negated(norm, sp[0])]
    return spans


@lru_cache(maxsize=8)
def _tokens(norm: str) -> list[tuple[str, int]]:
    return tokens(norm)


def quote(text: str, spans: list[tuple[int, int]]) -> str:
    """The original words of the first span, for messages."""
    if not spans:
        return ""
    a, b = spans[0]
    return text[a:b]
