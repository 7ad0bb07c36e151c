"""Pieces every grader shares: input checks, building checks and reports, slots, names."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from . import rubric
from .lexicon import phrase_index
from .report import Check, Report, level_for, weighted_score
from .text import tokens

# Pattern checks look at the first part of a text only: a real pitch or note is far
# shorter, and this keeps a 1 MB paste fast. Counts (words, characters) use all of it.
ANALYSE_LIMIT = 20_000
EVIDENCE_LIMIT = 50


def require_str(value: object, what: str = "text") -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}")
    return value


class _Values(dict):
    """Template values: a missing name is left as it is instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fmt(template: str, values: dict[str, Any]) -> str:
    try:
        return template.format_map(_Values(values))
    except (IndexError, ValueError, AttributeError):
        return template


def _template(messages: dict[str, str], base: str, variant: str) -> str:
    if variant and f"{base}_{variant}" in messages:
        return messages[f"{base}_{variant}"]
    return messages[base]


def make_check(
    kind: str,
    check_id: str,
    passed: bool,
    evidence: list[tuple[int, int]] | None = None,
    found: str = "",
    variant: str = "",
    **values: Any,
) -> Check:
    """Build a Check from its rubric entry. The message and tip are the entry's templates
    (``pass``/``fail``/``tip``, or ``fail_<variant>`` when given), filled with the check's
    parameters, ``found`` (the learner's words, quoted) and any other ``values``."""
    spec = rubric.check(check_id)
    messages = spec["messages"]
    filled = dict(rubric.format_values(check_id))
    filled.update({k: str(v) for k, v in values.items()})
    filled["found"] = _short(found)
    message = _fmt(_template(messages, "pass" if passed else "fail", variant), filled)
    message = message.replace(" ()", "").replace("()", "")
    tip = "" if passed else _fmt(_template(messages, "tip", variant), filled)
    return Check(
        id=check_id,
        label=spec["label"],
        passed=bool(passed),
        message=message,
        tip=tip,
        # Every span that triggered the decision (a 1 MB paste could have thousands).
        evidence=sorted(set(evidence or []))[:EVIDENCE_LIMIT],
        weight=int(spec["weight"]),
    )


def _short(found: str, limit: int = 60) -> str:
    """The learner's words in quotes, cut at a word boundary when they run long."""
    found = " ".join(found.split())
    if found and not found.startswith("\u201c"):
        if len(found) > limit:
            cut = found[: limit + 1]
            space = cut.rfind(" ")
            cut = cut[:space] if space > limit // 2 else found[:limit]
            found = cut.rstrip(" ,;:.-") + "\u2026"
        found = f"\u201c{found}\u201d"
    return found


_WHAT = {
    "pitch": "the message",
    "questions": "a question",
    "thanks": "the note",
    "goal": "the goal",
}


def _cap_applies(
    cap: dict[str, Any], checks: list[Check], meta: dict[str, Any], kind: str = ""
) -> bool:
    when = cap["when"]
    failed = {c.id for c in checks if not c.passed}
    if "failed_any" in when and failed & set(when["failed_any"]):
        return True
    if "meta_true" in when and meta.get(when["meta_true"]):
        return True
    for key, least in when.get("meta_at_least", {}).items():
        value = meta.get(key)
        if isinstance(value, (int, float)) and value >= least:
            return True
    least = when.get("core_failed_at_least")
    if least is not None and len(_core_failed(checks)) >= least:
        return True
    least = when.get("failed_at_least")
    if isinstance(least, dict):
        least = least.get(kind)  # a count per kind: a short note shows gaps sooner
    if least is not None and len(_real_failures(checks)) >= least:
        return True
    share = when.get("core_failed_share_at_least")
    if share is not None:
        total = sum(1 for c in checks if _is_core(c.id))
        if total and len(_core_failed(checks)) / total >= share:
            return True
    return False


def _is_core(check_id: str) -> bool:
    try:
        return bool(rubric.check(check_id).get("core", True))
    except KeyError:
        return False


def _real_failures(checks: list[Check]) -> list[Check]:
    """Every failed published check that is more than a nit (one slip of spelling is a nit;
    the extra checks, such as a LinkedIn note's missing subject line, are not counted)."""
    nit = rubric.spelling().get("nit_misspellings", 0)
    return [c for c in checks if not c.passed and ".extra." not in c.id
            and not (c.id.endswith(".spelling") and len(c.details) <= nit)]


def _core_failed(checks: list[Check]) -> list[Check]:
    out = []
    nit = rubric.spelling().get("nit_misspellings", 0)
    for c in checks:
        if c.passed:
            continue
        if c.id.endswith(".spelling") and len(c.details) <= nit:
            continue  # one slip is a nit an adviser would mention, not a real fix
        try:
            core = rubric.check(c.id).get("core", True)
        except KeyError:
            core = False
        if core:
            out.append(c)
    return out


def apply_caps(kind: str, report: Report) -> None:
    """Lower the level to the strictest cap that applies and say why in one sentence."""
    meta = report.meta
    values = {
        "what": _WHAT.get(kind, "the text"),
        "min_open_pct": rubric.format_values("questions.mostly_open").get("min_open_pct", ""),
    }
    values.update({k: str(v) for k, v in meta.items() if isinstance(v, (int, float, str))})
    count = meta.get("count")
    values["s"] = "" if count == 1 else "s"
    failed = _core_failed(report.checks)
    values["core_failed"] = str(len(failed))
    values["core_total"] = str(sum(1 for c in report.checks if _is_core(c.id)))
    values["failed_labels"] = _and([f"\u201c{c.label}\u201d" for c in failed])
    real = _real_failures(report.checks)
    values["real_failed"] = str(len(real))
    values["real_failed_labels"] = _and([f"\u201c{c.label}\u201d" for c in real])
    lo_hi = meta.get("range")
    if isinstance(lo_hi, list) and len(lo_hi) == 2:
        values["fewest"], values["most"] = str(lo_hi[0]), str(lo_hi[1])
    order = rubric.level_ids()
    applying = [
        cap for cap in rubric.caps()
        if kind in cap.get("kinds", (kind,)) and _cap_applies(cap, report.checks, meta, kind)
    ]
    chosen = None
    if applying:
        # The strictest cap wins; among equals, the first in the rubric's order.
        cap = max(applying, key=lambda c: (order.index(c["level"]), -applying.index(c)))
        report.level = rubric.lower_level(report.level, cap["level"])
        if report.level == cap["level"]:
            chosen = {"id": cap["id"], "level": cap["level"],
                      "sentence": _fmt(cap["sentence"], values)}
    report.cap = chosen
    report.fix_first = _fix_first(report)


def _and(items: list[str], most: int = 3) -> str:
    """ "A", "A and B", "A, B and C", "A, B, C and 2 more"."""
    if len(items) > most:
        return ", ".join(items[:most]) + f" and {len(items) - most} more"
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _fix_first(report: Report) -> str | None:
    """The most important failing check: one behind the applied cap, else the heaviest."""
    failed = [c for c in report.checks if not c.passed]
    if not failed:
        return None
    if report.cap:
        cap = next((c for c in rubric.caps() if c["id"] == report.cap["id"]), None)
        ids = set(cap["when"].get("failed_any", [])) if cap else set()
        if cap and cap["id"] == "misspellings":
            ids = {c.id for c in failed if c.id.endswith(".spelling")}
        if cap and cap["id"] in ("too_few_questions", "too_many_questions"):
            ids = {"questions.count_fits_time"}
        if cap and "failed_at_least" in cap["when"]:
            ids = {c.id for c in _real_failures(report.checks)}
        if cap and "core_failed_at_least" in cap["when"]:
            ids = {c.id for c in _core_failed(report.checks)}
            core = [c for c in failed if c.id in ids]
            if core:
                return max(core, key=lambda c: (c.weight, -report.checks.index(c))).id
        for c in failed:
            if c.id in ids:
                return c.id
    return max(failed, key=lambda c: (c.weight, -report.checks.index(c))).id


#: The last features apply_learned computed (for the model's training script).
LAST_FEATURES: list[tuple[str, float]] = []


def apply_learned(kind: str, text: str, norm: str, checks: list[Check]) -> list[Check]:
    """Let the learned model decide the checks marked ``learned`` in the rubric, from
    the rule checks' own results and the text's words (exercises/grading/text_model.py)."""
    from . import text_model

    feats = text_model.features(text, norm, checks)
    LAST_FEATURES[:] = feats
    out = []
    for c in checks:
        if text_model.learned(c.id):
            decision = text_model.decide(c.id, feats, c.passed)
            # A check's "<name>_sure" cue holds the few wordings that settle a pass however
            # the rest of the text reads, so the model may not overrule them.
            if c.passed and not decision and _sure(kind, c.id, norm):
                decision = True
            if decision != c.passed:
                ev = c.evidence if decision else []
                c = make_check(kind, c.id, decision, ev, found=quote(text, ev))
        out.append(c)
    return out


def _sure(kind: str, check_id: str, norm: str) -> bool:
    name = check_id.split(".", 1)[1] + "_sure"
    return name in rubric.cues(kind) and bool(find_all(kind, name, norm))


def finish(kind: str, text: str, checks: list[Check], **extra: object) -> Report:
    """Order checks as published, score them, apply the level caps, wrap them in a Report."""
    order = {s["id"]: i for i, s in enumerate(rubric.checks(kind))}
    checks = sorted(checks, key=lambda c: order.get(c.id, len(order)))
    score = weighted_score(checks)
    report = Report(kind=kind, text=text, checks=checks, score=score, level=level_for(score))
    for key, value in extra.items():
        setattr(report, key, value)
    apply_caps(kind, report)
    return report


def empty_report(kind: str, text: str, what: str, meta: dict | None = None) -> Report:
    """Every check fails with a message asking the learner to write something."""
    checks = []
    for spec in rubric.checks(kind):
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
    order = {s["id"]: i for i, s in enumerate(rubric.checks(kind))}
    checks.sort(key=lambda c: order.get(c.id, len(order)))
    report = Report(kind=kind, text=text, checks=checks, score=0, level="needs-work")
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
    # A slot word alone in round brackets: "your role at (company)", "Dear (Name)".
    r"|\((?i:company|company name|organi[sz]ation|name|your name|first name|full name|"
    r"recipient|contact|person|job title|title|role|position|school|university|college|"
    r"field|industry|topic|date|day|time|city|team|department)\)"
    r"|(?<![A-Za-z])(?:XXX+|xxx+)(?![A-Za-z])"
    r"|\b(?:Your|YOUR) (?:Name|NAME|Full Name|Title|Company|School|University)\b"
    r"|\b(?:Company|COMPANY|Recipient|First|Last|Contact|Person'?s?) (?:Name|NAME)\b"
    r"|\bName Here\b|\b(?:INSERT|Insert) [A-Za-z ]{1,30}"
    # An all-capitals slot word standing alone: "My name is NAME", "at COMPANY".
    r"|(?<![A-Z] )\b(?:NAME|FIRST ?NAME|LAST ?NAME|FULL ?NAME|COMPANY|ORGANI[SZ]ATION|JOB ?TITLE|"
    r"POSITION|SCHOOL|UNIVERSITY|COLLEGE|FIELD|INDUSTRY|TOPIC|DATE|MAJOR)\b(?! [A-Z]{2,})"
)
# A capitalised name then lower-case kisses at the end of a line: "Thanks\nGemma xxx".
_KISSES_AFTER_NAME = re.compile(r"(?:^|\n)[ \t]*[A-Z][a-z]+[ \t]+x{2,}$")
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
        elif s.islower() and s[0] == "x" and _KISSES_AFTER_NAME.search(text[: m.end()]) \
                and not text[m.end():].strip(" \t\n.!"):
            continue  # "Gemma xxx" at the very end is a sign-off, not a slot
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
# Set phrases with a negation word that negate nothing after them: "if you do not mind,
# could you write me a reference" still asks.
_NOT_NEGATING = re.compile(
    r"\b(?:do|does|would|did)\s*(?:not|n't)\s+mind\b|\bnot\s+only\b|\bno\s+matter\b"
    # "if it's not too much, could you put in a word": politeness, not a refusal.
    r"|\bnot\s+too\s+(?:much|busy)\b|\bnot\s+(?:a|any)\s+(?:bother|trouble)\b"
)


def negated(norm: str, start: int, window: int = 60) -> bool:
    """True when a negation word sits in the same clause shortly before ``start``."""
    lo = max(0, start - window)
    chunk = norm[lo:start]
    cut = 0
    for m in _CLAUSE_BREAK.finditer(chunk):
        cut = m.end()
    return bool(_NEG_RE.search(_NOT_NEGATING.sub(" ", chunk[cut:])))


def find_thanks(norm: str) -> list[tuple[int, int]]:
    """Thanks in any form: one list that pitches and thank-you notes share (rubric.json's
    shared ``thanks``), so pitch.polite_close and thanks.gratitude cannot drift apart."""
    return find_all("shared", "thanks", norm)


def find_all(name: str, key: str, norm: str, skip_negated: bool = False) -> list[tuple[int, int]]:
    """Spans where lexicon ``key`` matches: its phrases (whole words) and its patterns."""
    index, regex = phrase_index(name, key)
    spans: list[tuple[int, int]] = []
    if index is not None:
        toks = _tokens(norm)
        for i, j in index.find(toks, norm):
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


def find_job_asks(
    kind: str, key: str, norm: str, slots: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """Job requests: the kind's own cues plus the cues every kind shares (selling yourself
    for a role, asking whether they are hiring, passing on a CV), not when negated.

    A match that lies inside a template slot ("[current role]") is the template's word,
    not the writer asking for a role, so it is dropped.
    """
    spans = find_all(kind, key, norm, skip_negated=True)
    spans += find_all("shared", "job_ask", norm, skip_negated=True)
    return sorted(
        sp for sp in set(spans)
        if not _OWN_JOB.search(norm[max(0, sp[0] - 50) : sp[0]])
        and not (
            norm.startswith("appl", sp[0])
            and _NOT_ASKED_APPLICATION.search(norm[max(0, sp[0] - 40) : sp[0]])
        )
        and not any(a <= sp[0] and sp[1] <= b for a, b in slots)
    )


# "I start next month a job in Berlin", "I've just accepted an internship": the writer's
# own job, already theirs, is no request. Nor is "I'll tell you if I get an interview":
# the outcome of an application elsewhere.
_OWN_JOB = re.compile(
    r"(?:\bi(?:'ve|'m|\s+have|\s+am)?\s+(?:just\s+|already\s+|recently\s+)?"
    r"(?:start|starting|started|accepted|landed|got|begin|beginning|began|hold)"
    r"|\b(?:if|when|once|whether)\s+i\s+(?:get|land|receive|am\s+offered))\s+"
    r"(?:[\w-]+\s+){0,3}$"
    r"|\b(?:if|when|once|whether)\s+i\s+$"
    # "my classmate did her internship with your team": a placement someone already had.
    r"|\b(?:did|completed|finished)\s+(?:her|his|their|my|an?)\s+(?:[\w-]+\s+){0,2}$"
    # "I'll ask my advisor to look at my CV": someone else is asked, not the reader.
    r"|\b(?:ask|get)\s+my\s+(?:careers?\s+)?(?:advis[eo]r|tutor|teacher|professor|lecturer"
    r"|mentor|coach|supervisor)\s+to\s+$"
)


# An application nobody asks the reader for: theirs, told as their story ("you told how you
# applied to the job without real hopes"), or the writer's own plan ("I'm hoping to apply
# for a trainee signaller role and would love to understand ...").
_NOT_ASKED_APPLICATION = re.compile(
    r"\b(?:(?:you|she|he|they)\s+(?:first\s+|once\s+|originally\s+)?"
    r"|i(?:'m|\s+am)\s+(?:hoping|planning|going|preparing)\s+to\s+"
    r"|(?:whether|if)\s+(?:to\s+|i\s+should\s+))$"
)


@lru_cache(maxsize=8)
def _tokens(norm: str) -> list[tuple[str, int]]:
    return tokens(norm)


def quote(text: str, spans: list[tuple[int, int]]) -> str:
    """The original words of the first span, for messages."""
    if not spans:
        return ""
    a, b = spans[0]
    return text[a:b]
