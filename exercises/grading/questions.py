"""Question-list grader: per-question categories and flags, list checks, suggestions."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import lru_cache

from . import linear_model, rubric
from .common import empty_report, finish, make_check, negated, require_str
from .gated import GatedAlternation, GateGroup, gated_terms
from .lexicon import load
from .report import Check, QuestionInfo, Report
from .similarity import find_duplicates
from .spelling import known_words_of, spelling_check
from .text import (
    MultiPhraseIndex,
    Segment,
    compile_terms,
    lines,
    normalise,
    strip_span,
    token_breaks,
    tokens,
)

KIND = "questions"
#: Every question category, in the rubric's order (exercises/grading/rubric/questions.json).
CATEGORIES = rubric.categories()
#: The core categories of the rubric (questions.coverage): the rest are extras.
CORE = rubric.core_categories()
# Rapport first, reflection in the middle, advice and referrals at the end.
ORDER_RANK = {c: rubric.category(c)["order_rank"] for c in CATEGORIES}
# When two categories score the same, the more specific one wins.
TIE_RANK = tuple(sorted(CATEGORIES, key=lambda c: rubric.category(c)["tie_rank"]))
QUESTION_LIMIT = 300  # characters of one question that are classified (real ones are shorter)
LONG_LIST = 500  # beyond this many questions each one is read only in part
LONG_LIST_QUESTION_LIMIT = 120
DUPLICATE_LIMIT = 400  # questions compared pairwise for near-duplicates
SPELLING_LIMIT = 20_000  # characters of a list checked for spelling (a real list is shorter)

_BULLET = re.compile(
    r"^\s*(?:[-*+\u2022\u25cf\u25aa\u2023\u2043>\u25e6\u2219\u00b7o\u25a0\u25a1\u25cb\u27a2\u27a4\u2713\u2714\u2013\u2014]\s+"
    # Bullets that are never letters, taken with or without a space ("・Do you ...").
    r"|[-*\u2022\u30fb\uff65\u25cf\u25aa\u25a0\u25cb\u27a2\u27a4\u2713\u2714]|(?:q(?:uestion)?\s*)?\d{1,3}\s*[.):\]-]\s*"
    r"|\(\d{1,3}\)\s*|[a-zA-Z][.)]\s+|q\d{0,3}\s*[:.]\s*|q\d{1,3}\s+|#{1,6}\s+|\[\s?[xX ]?\]\s*)",
    re.MULTILINE | re.IGNORECASE,
)
_HEADING = re.compile(r"^[^?]{0,60}:\s*$")
_DISCOURSE = re.compile(
    r"^(?:(?:and|so|also|ok|okay|now|then|finally|lastly|first|firstly|second|secondly|third|next|well|"
    r"last|one\s+more|another|bonus|follow[\s-]?up|just\s+curious|out\s+of\s+curiosity|question)\b[\s,:\-]*)+"
)
_INTRO_CLAUSE = re.compile(r"^([^,?]{2,60}),\s*")


@lru_cache(maxsize=1)
def _category_index() -> tuple[MultiPhraseIndex, dict[str, GatedAlternation]]:
    """All categories' cue phrases ("weak" and "strong") in one index, plus regex patterns."""
    lists = {}
    pats = {}
    group = GateGroup()  # every question is read by all the categories' patterns in turn
    for cat in CATEGORIES:
        entry = rubric.category(cat)["cues"]
        lists[cat] = entry["phrases"]
        lists["strong:" + cat] = entry.get("strong", [])
        if entry.get("patterns"):
            pats[cat] = gated_terms(None, entry["patterns"], group)
    return MultiPhraseIndex(lists), pats


@lru_cache(maxsize=1)
def _flag_patterns() -> dict[str, re.Pattern | GatedAlternation]:
    closed = rubric.flag("closed")["cues"]
    aux = "|".join(re.escape(a) for a in closed["aux_start"])
    verbs = "|".join(re.escape(v) for v in closed["open_verbs"])
    # "Can you give me a sense of ..." asks for an explanation too.
    opens = "|".join(f"(?:{p})" for p in closed.get("open_phrases", []))
    flags = {f: rubric.flag(f)["cues"] for f in ("job_ask", "googleable", "double_barreled")}
    return {
        "aux": re.compile(rf"^(?:{aux})\b"),
        "open_verb": re.compile(
            rf"^(?:{aux})\s+(?:you|u|ya|anyone|someone)?\s*(?:please\s+|possibly\s+|kindly\s+|maybe\s+|"
            r"perhaps\s+|briefly\s+|just\s+|also\s+|be\s+(?:willing|able|open|happy)\s+to\s+|mind\s+|"
            r"like\s+to\s+|care\s+to\s+)*"
            rf"(?:(?:{verbs})\b|{opens})"
        ),
        "job_ask": gated_terms(flags["job_ask"]["phrases"], flags["job_ask"]["patterns"]),
        "googleable": gated_terms(flags["googleable"]["phrases"], flags["googleable"]["patterns"]),
        "double": gated_terms(
            flags["double_barreled"]["phrases"], flags["double_barreled"]["patterns"]
        ),
    }


@lru_cache(maxsize=1)
def _triggers() -> dict[str, set[str]]:
    return {
        "job_ask": set(rubric.flag("job_ask")["cues"]["triggers"]),
        "googleable": set(rubric.flag("googleable")["cues"]["triggers"]),
        "double": set(rubric.flag("double_barreled")["cues"]["triggers"]),
    }


def _lead_strip(q: str) -> str:
    """Drop list marks, quotes and discourse openers ("So,", "And finally")."""
    return _DISCOURSE.sub("", q.strip(" \t-*\"'(").lstrip())


def _lead_trim(q: str) -> str:
    """Drop discourse openers and a short intro clause."""
    q = _lead_strip(q)
    m = _INTRO_CLAUSE.match(q)
    if m and not _OPEN_LEAD.match(q) and not _flag_patterns()["aux"].match(q):
        rest = q[m.end() :]
        if rest and (_flag_patterns()["aux"].match(rest) or _OPEN_LEAD.match(rest)):
            q = rest
    return q


@lru_cache(maxsize=1)
def _open_starts() -> re.Pattern | None:
    pats = rubric.flag("closed")["cues"].get("open_starts", [])
    return compile_terms(None, pats) if pats else None


# "Have you ever felt unsafe on a call, and what did you do about it?": the yes/no lead
# only sets up the open question that refers back to it, so the whole is one open question.
_BACK_REFERENCE = re.compile(
    r"\band\s+(?:how|what)\s+(?:did\s+|do\s+)?you\s+(?:\w+\s+){1,3}?(?:it|that|them|this)\s*\??$"
)


def _yes_no_lead_with_follow_up(head: str) -> bool:
    return bool(_flag_patterns()["aux"].match(head) and _BACK_REFERENCE.search(head))


# The rubric's closed question begins with an auxiliary verb. One that begins with a
# condition or an opinion frame ("If a role opens up, could you ...", "In your view, is
# ...") does not; the fixture writers label them open about three times in four.
_CONDITION_LEAD = re.compile(r"^(?:if|in\s+your\s+(?:opinion|view|experience))\b")


def _is_closed(qn: str) -> bool:
    """Starts with an auxiliary or modal verb and is not a request for an explanation."""
    pats = _flag_patterns()
    sentence = _after_statement(qn)
    if _CONDITION_LEAD.match(_lead_strip(sentence)):
        return False
    head = _lead_trim(sentence)
    if not pats["aux"].match(head) or _yes_no_lead_with_follow_up(head):
        return False
    starts = _open_starts()
    if starts is not None and starts.match(head):
        return False  # "Can I ask what a typical day looks like?"
    return not pats["open_verb"].match(head)


@lru_cache(maxsize=1)
def _fallback() -> tuple[dict[str, str]]:
    """Text-speak read as the full word ("u" -> "you")."""
    return (rubric.kind_data(KIND).get("token_synonyms", {}),)


# A statement or a "having read ..." clause before the real question sets the scene; the
# question after it decides the category ("I read your post on X. What was your first step?").
_PREAMBLE_END = re.compile(r"[.!;:]\s+(?=\S)|\s[-\u2013\u2014]\s+(?=\S)")
_PREAMBLE_CLAUSE = re.compile(
    r"^(?:i\s+(?:just\s+|recently\s+)?(?:read|saw|noticed|heard|came\s+across|watched|listened\s+to|"
    r"follow|found|know|understand|see)|i've\s+(?:read|seen|heard|noticed)|having\s+(?:read|seen|heard|"
    r"watched|looked|followed)|after\s+(?:reading|seeing|hearing|watching)|since\s+you|sorry\s+if|"
    r"as\s+(?:someone|a|an)\s)[^,?]{0,160},\s*"
)
_ASKER_LEAD = re.compile(
    r"^(?:(?:and\s+|so\s+)?i\s+(?:was\s+|am\s+|'m\s+)?(?:wondering|wondered|curious|keen\s+to\s+(?:know|hear|"
    r"learn))|i'm\s+(?:curious|wondering|keen\s+to\s+(?:know|hear|learn))|i'd\s+(?:like|love)\s+to\s+"
    r"(?:know|ask|understand|learn))\b[\s,:]*(?:about\s+|to\s+know\s+)?"
)

_REPORTING = re.compile(
    r"^(?:i\s+(?:just\s+|recently\s+)?(?:read|saw|heard|noticed|came\s+across)|i've\s+(?:read|seen|heard)|"
    r"having\s+(?:read|seen|heard))\s+(?:that\s+|about\s+|in\s+|on\s+)?"
)


_STATEMENT_END = re.compile(r"[.!]\s+(?=\S)")


def _after_statement(qn: str, ends: re.Pattern = _STATEMENT_END) -> str:
    """The sentence holding the question mark, when statements come before it
    ("My cousin says X. Would you agree?" begins, as a question, with "Would")."""
    qm = qn.find("?")
    if qm > 0:
        last = None
        for m in ends.finditer(qn, 0, qm):
            last = m
        if last is not None and len(qn[last.end() : qm].split()) >= 2:
            return qn[last.end() :]
    return qn


def _focus(qn: str) -> str:
    """The question itself, without a leading statement or scene-setting clause."""
    q = _after_statement(qn, _PREAMBLE_END)
    if q != qn and len(q[: q.find("?")].split()) < 3:
        q = qn  # "Would you agree?" has no topic of its own: keep the statement
    m = _PREAMBLE_CLAUSE.match(q)
    if m and len(q[m.end() :].split()) >= 3:
        q = q[m.end() :]
    m = _ASKER_LEAD.match(q)
    if m and len(q[m.end() :].split()) >= 3:
        q = q[m.end() :]
    return q


def _category(
    qn: str, toks: list[tuple[str, int]], first_wins: bool = False, thorough: bool = True
) -> tuple[str, list[tuple[int, int]]]:
    """The category of a question and the words that point to it (offsets into ``qn``).

    A linear model decides (data/question_model.json, learned from every labelled
    question by benchmarks/question_model.py); its features are the question's words,
    word pairs and letter groups (robust to typos and inserted words) and the cue scores
    of the rubric's category cues, for the question itself and for any scene-setting
    before it. Without a model file, the cues alone decide.
    """
    focus, focus_hits, full, full_hits = _category_inputs(qn, toks, thorough)
    offset = len(qn) - len(focus)
    model = _model() if thorough else None
    if model is not None:
        feats = category_features(focus, focus_hits, full_hits, full)
        cat = linear_model.best(linear_model.scores(model, feats), CATEGORIES)
    else:
        cat = _cue_decision(focus_hits, full_hits, first_wins)
    spans = [(a + offset, b + offset) for a, b, _ in focus_hits.get(cat, [])]
    if not spans and full is not focus:
        shift = len(qn) - len(full)
        spans = [(a + shift, b + shift) for a, b, _ in full_hits.get(cat, [])]
    return cat, sorted(set(spans))


def _category_inputs(
    qn: str, toks: list[tuple[str, int]], thorough: bool = True
) -> tuple[str, dict, str, dict]:
    """The question without scene-setting (``focus``), the text without a leading
    "I read that" (``full``), and the cues found in each."""
    focus = _focus(qn)
    focus_hits = _cue_hits(focus, tokens(focus) if focus != qn else toks, thorough)
    full = qn
    m = _REPORTING.match(qn)
    if m:
        # "I read that ..." reports what the question is about; the reading itself is no cue.
        full = qn[m.end() :]
    full_hits = focus_hits if full == focus else _cue_hits(full, tokens(full), thorough)
    return focus, focus_hits, full, full_hits


def training_features(text: str) -> list[tuple[str, float]]:
    """The model's features for one labelled question, read exactly as classifying it
    reads it (a question asking two things by its first part)."""
    qn = normalise(text[:QUESTION_LIMIT]).strip()
    if _is_double(qn):
        first = _first_part(qn)
        if first and first != qn:
            qn = first
    focus, focus_hits, full, full_hits = _category_inputs(qn, tokens(qn))
    return category_features(focus, focus_hits, full_hits, full)


def _cue_hits(
    qn: str, toks: list[tuple[str, int]], thorough: bool = True
) -> dict[str, list[tuple[int, int, int]]]:
    """Every category cue found in a question: (start, end, weight) per category. Cues
    near the start count more; strong cues and hand-written patterns more than others.
    ``thorough`` also finds cue phrases with words inserted (skipped in huge pastes)."""
    hits: dict[str, list[tuple[int, int, int]]] = {}
    index, pats = _category_index()
    synonyms = _fallback()[0]
    # Text-speak ("u", "ur") reads as the full word; real questions are well under 50 words.
    head = toks[:50]
    breaks = token_breaks(head, qn) if thorough else None
    mapped = [(synonyms.get(t, t), pos) for t, pos in head]
    for key, found in index.spans(mapped, breaks=breaks).items():
        strong = key.startswith("strong:")
        cat = key[7:] if strong else key
        for i, j in found:
            start = head[i][1]
            end = head[j - 1][1] + len(head[j - 1][0])
            weight = (3 if start < 25 else 2) if strong else (2 if start < 25 else 1)
            hits.setdefault(cat, []).append((start, end, weight))
    for cat, pat in pats.items():
        # Hand-written patterns are specific, so they weigh at least like strong cues.
        weight = rubric.category(cat)["cues"].get("pattern_weight", 3)
        for m in pat.finditer(qn):
            if m.end() > m.start():
                w = weight if m.start() < 25 else weight - 1
                hits.setdefault(cat, []).append((m.start(), m.end(), w))
    return hits


def _cue_scores(hits: dict[str, list[tuple[int, int, int]]]) -> dict[str, int]:
    return {cat: sum(w for _, _, w in found) for cat, found in hits.items()}


def _cue_decision(
    focus_hits: dict[str, list[tuple[int, int, int]]],
    full_hits: dict[str, list[tuple[int, int, int]]],
    first_wins: bool,
) -> str:
    """The cues alone (no model file): the question's own cues, else the scene-setting's."""
    for hits in (focus_hits, full_hits):
        scores = _cue_scores(hits)
        if not scores:
            continue
        top = max(scores.values())
        tied = [c for c in TIE_RANK if scores.get(c) == top]
        if first_wins and len(tied) > 1:
            return min(tied, key=lambda c: min(a for a, _, _ in hits[c]))
        return tied[0]
    return "other"


def _words(qn: str) -> list[str]:
    synonyms = _fallback()[0]
    return [synonyms.get(t, t) for t, _ in tokens(qn)[:40]]


def category_features(
    focus: str,
    focus_hits: dict[str, list[tuple[int, int, int]]],
    full_hits: dict[str, list[tuple[int, int, int]]],
    full: str = "",
) -> list[tuple[str, float]]:
    """The model's features: words, word pairs, the first words, letter groups inside
    words (typos still share most of them), and the cue scores of each category; the
    words of any scene-setting before the question count too, for less."""
    words = _words(focus)
    feats: list[tuple[str, float]] = [("w:" + w, 1.0) for w in set(words)]
    feats += [("p:" + a + "_" + b, 1.0) for a, b in set(zip(words, words[1:], strict=False))]
    if words:
        feats.append(("s:" + words[0], 1.0))
        if len(words) > 1:
            feats.append(("s2:" + words[0] + "_" + words[1], 1.0))
    grams: set[str] = set()
    for w in words:
        if len(w) >= 4:
            padded = "<" + w + ">"
            grams.update(padded[i : i + 4] for i in range(len(padded) - 3))
    scale = 1.0 / math.sqrt(len(grams)) if grams else 0.0
    feats += [("c:" + g, scale) for g in grams]
    if full and full != focus:
        before = set(_words(full[: len(full) - len(focus)])) - set(words)
        feats += [("x:" + w, 0.5) for w in before]
    for cat, score in _cue_scores(focus_hits).items():
        feats.append(("cf:" + cat, min(score, 9) / 3.0))
    for cat, score in _cue_scores(full_hits).items():
        feats.append(("cq:" + cat, min(score, 9) / 3.0))
    return feats


@lru_cache(maxsize=1)
def _model_cache() -> tuple[dict | None]:
    try:
        return (load("question_model"),)
    except FileNotFoundError:
        return (None,)


def _model() -> dict | None:
    return _model_cache()[0]


def classify_question(text: str) -> QuestionInfo:
    """Category, open/closed and flags of a single question (rubric: question list)."""
    require_str(text)
    return _classify(text, QUESTION_LIMIT)


@lru_cache(maxsize=1)
def _text_speak() -> re.Pattern | None:
    synonyms = _fallback()[0]
    if not synonyms:
        return None
    # "r&d", "r/python", "R, SAS, Stata": a letter before &, / or a comma is a name, not "are".
    return re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(synonyms, key=len, reverse=True)))
                      + r")\b(?![&/',])")


def _spelled_out(qn: str) -> str:
    """The question with text-speak read as the full words ("r u guys hiring" -> "are you
    guys hiring"), for the flags, whose cues are written in full words."""
    pat = _text_speak()
    return pat.sub(lambda m: _fallback()[0][m.group(0)], qn) if pat else qn


def _classify(text: str, limit: int, thorough: bool = True) -> QuestionInfo:
    q = text[:limit]
    qn = normalise(q).strip()
    pats = _flag_patterns()
    trig = _triggers()
    toks = tokens(qn)
    words = {t for t, _ in toks}
    flags: set[str] = set()
    fq = _spelled_out(qn)
    fwords = words if fq == qn else {t for t, _ in tokens(fq)}
    if fq and _is_closed(fq):
        flags.add("closed")
    asks_job = bool(fwords & trig["job_ask"] and pats["job_ask"].search(fq))
    if (asks_job or _shared_job_ask(fq, fwords)) and not _finding_openings(fq):
        flags.add("job_ask")
    if fwords & trig["googleable"] and pats["googleable"].search(fq):
        flags.add("googleable")
    if _is_double(fq, fwords):
        flags.add("double_barreled")
    double = "double_barreled" in flags
    category, why = _category(qn, toks, double, thorough) if qn else ("other", [])
    if "double_barreled" in flags:
        # A question that asks two things is filed under the first thing it asks.
        first = _first_part(qn)
        if first and first != qn:
            head_cat, head_why = _category(first, tokens(first), True, thorough)
            if head_cat != "other":
                category, why = head_cat, head_why
    if flags & {"googleable", "job_ask"}:
        # Facts about the organisation and requests for work sit outside the topics.
        category, why = "other", []
    lead = len(q) - len(q.lstrip())  # qn was stripped; spans index the original text
    info = QuestionInfo(
        text=text,
        category=category,
        open_ended="closed" not in flags,
        flags=flags,
        start=0,
        end=len(text),
    )
    info.topic_evidence = [(a + lead, b + lead) for a, b in why]
    return info


def _is_double(qn: str, words: set[str] | None = None) -> bool:
    """Two different things asked at once (the double_barreled flag)."""
    if words is None:
        words = {t for t, _ in tokens(qn)}
    if _yes_no_lead_with_follow_up(_lead_trim(_after_statement(qn))):
        return False
    trig = _triggers()
    return bool(words & trig["double"] and _double(qn, _flag_patterns()["double"])) or (
        _two_questions(qn)
    )


@lru_cache(maxsize=1)
def _shared_job_pattern() -> GatedAlternation:
    shared = rubric.cues("shared")["job_ask"]
    return gated_terms(shared.get("phrases"), shared.get("patterns"))


@lru_cache(maxsize=1)
def _shared_job_triggers() -> frozenset[str]:
    return frozenset(rubric.cues("shared")["job_ask"]["triggers"])


def _shared_job_ask(qn: str, words: set[str]) -> bool:
    """The job requests every kind of text shares ("how do I get hired at your studio");
    asking their opinion of one's fit ("do you think my background would help") is not."""
    if not words & _shared_job_triggers() or _OPINION_START.match(qn):
        return False
    return any(not negated(qn, m.start()) for m in _shared_job_pattern().finditer(qn))


_OPINION_START = re.compile(
    r"^\W*(?:do|would|did)\s+you\s+(?:think|say|feel|believe|reckon)\b|^\W*in\s+your\s+(?:opinion|view|experience)\b"
)


_BETWEEN = re.compile(r"\b(?:between|both|either|whether)\b")
_AND = re.compile(r"\band\b")


def _double(qn: str, pat: GatedAlternation) -> bool:
    """Two different things joined by "and"; "between X and Y" compares one thing."""
    for m in pat.finditer(qn):
        if _split_of_one_whole(qn, m.start()):
            continue
        if not _compares_one_thing(qn, m.start()):
            return True
    return False


def _compares_one_thing(qn: str, at: int) -> bool:
    """A "between X and Y" before ``at`` that the "and" belongs to. After a comma or the
    comparison's own "and" it is over: "the difference between A and B, and which would
    you pick?" asks a second thing."""
    found = list(_BETWEEN.finditer(qn, 0, at + 1))
    if not found:
        return False
    gap = qn[found[-1].end() : at + 1]
    return "," not in gap and not _AND.search(gap)


# "How much of your week is teaching and how much is marking?" splits one whole in two:
# one question (the fixture writers flag it about one time in twelve).
_SPLIT_TAIL = re.compile(
    r"[a-z,]?\s*,?\s*and\s+how\s+much\s+(?:of\s+(?:it|the\s+\w+|your\s+\w+)\s+)?"
    r"(?:is|was|goes|went|are|were|comes)\b"
)
_HOW_MUCH = re.compile(r"\bhow\s+much\b")


def _split_of_one_whole(qn: str, at: int) -> bool:
    return bool(_SPLIT_TAIL.match(qn, at) and _HOW_MUCH.search(qn, 0, at + 1))


_QMARK_GAP = re.compile(r"\?\s*[\w(\"']")
# What may follow a question without being a second question: thanks and greetings,
# "like ..." or "or ..." continuations, and short restatements ("What was the route?").
_NOT_SECOND = re.compile(
    r"^\W*(?:thanks?\b|thank\s+you|cheers|much\s+appreciated|many\s+thanks|i\s+appreciate|"
    r"like\b|or\b|e\.?g\b|i\s+mean\b|for\s+example|such\s+as|if\s+so\b|if\s+not\b)"
)
FOLLOW_UP_WORDS = 5  # a second question this short restates or narrows the first
_REQUEST_WORD = re.compile(
    r"\b(?:know|hear|learn|understand|tell|explain|walk|share|describe|talk|ask|what|how|why|"
    r"where|when|who|which)\b"
)


def _is_follow_up(part: str, before: str) -> bool:
    """A part after a question mark that belongs to the question ``before`` it: thanks, a
    "like ..." or "or ..." continuation, "Why?", or a short restatement on the same topic
    ("How did you end up here? What was the route?")."""
    words = part.replace("?", " ").split()
    if not words or _NOT_SECOND.match(part) or _FOLLOW_UP.match(part):
        return True
    if part.lstrip().startswith("(") or (part.rstrip(" ?!.").endswith(")") and "(" not in part):
        return True  # "Hardest part? (money?? isolation??)": an aside, not a question
    if len(words) <= FOLLOW_UP_WORDS + 1 and ("," in part or " or " in part) and not (
        _ASKING_START.match(part)
    ):
        return True  # "What tools do you use? SQL, Power BI, Python?": examples, no question
    if (
        len(words) <= CLOSED_FOLLOW_UP_WORDS
        and _YES_NO_START.match(part)
        and _OPEN_LEAD.match(before)
        and not _YES_NO_START.match(before)
    ):
        return True  # "How did you get into QA? Did you start as a tester?": one question
    if len(words) > FOLLOW_UP_WORDS:
        return False
    return _topic(part) == _topic(before)


# A short yes/no question after an open one checks a guess about the same answer.
CLOSED_FOLLOW_UP_WORDS = 10
_YES_NO_START = re.compile(
    r"^\W*(?:did|do|does|was|were|is|are|have|had|has)\s+(?:you|u|it|that|they|someone|anyone)\b"
)
# An open question, after an optional number or a heading-like lead ("background: how did...").
_OPEN_LEAD = re.compile(
    r"^\W*(?:\d+[.)]\s*)?(?:[a-z][\w ]{0,20}:\s*)?"
    r"(?:how|what|what's|why|where|when|which|tell|walk|can\s+you\s+tell)\b"
)


def _topic(qn: str) -> str:
    return _category(qn, tokens(qn), False, False)[0]


def _two_questions(qn: str) -> bool:
    """A second, different question after the first question mark."""
    body = qn.rstrip(" ?!.")
    m = _QMARK_GAP.search(body)
    if not m:
        return False
    if _is_statement(qn[m.end() - 1 :].strip()):
        return False
    rest = body[m.end() - 1 :].strip()
    return not _is_follow_up(rest, body[: m.start() + 1])


_SECOND_PART = re.compile(
    r"(?:,\s*|\s+)(?:and|also|plus)\s+(?:also\s+)?(?:what|how|why|where|when|who|which|do|does|did|is|are|"
    r"would|could|can|should|have|has|will)\b|\?\s+\S"
)


def _first_part(qn: str) -> str:
    m = _SECOND_PART.search(qn)
    return qn[: m.start()].strip() if m else qn


_FIND_OPENINGS = re.compile(
    r"\bhow\s+(?:do|did|does|would|should|can)\s+(?:people|someone|most\s+people|new\s+grads|graduates|"
    r"candidates|newcomers|others|one|folks|you|i)\s+(?:usually\s+|typically\s+|normally\s+|generally\s+)?"
    r"(?:find|hear\s+about|learn\s+about|look\s+for|search\s+for|discover|get)\b"
)


def _finding_openings(qn: str) -> bool:
    """ "How do people usually find openings?" is a fair question, not a job ask."""
    return bool(_FIND_OPENINGS.search(qn)) and not re.search(
        r"\b(?:your|ur)\s+(?!(?:field|industry|sector|area|line|profession|trade)\b)[a-z]+"
        r"|\byou\s+(?:guys|all)\b|\bme\b|\bget\s+(?:hired|an?\s+interview)\b",
        qn,
    )


# --- splitting a list into questions ----------------------------------------------------

_Q_SPLIT = re.compile(r"\?+(?=\s+\S)")


def _split_line(text: str, seg: Segment) -> list[Segment]:
    """One line may hold several questions ("What do you do? How did you start?")."""
    a, b = seg.start, seg.end
    m = _BULLET.match(text, a, b)
    if m and m.end() > a:
        a = m.end()
    while a < b and (text[a].isspace() or text[a] in "\"'\u201c\u2018"):
        a += 1
    if a >= b:
        return []
    line = text[a:b]
    if not any(ch.isalnum() for ch in line):
        return []
    if _HEADING.match(line) or (
        ("?" not in line) and len(line.split()) <= 3 and line.rstrip().endswith(":")
    ):
        return []
    out: list[Segment] = []
    last = a
    for sm in _Q_SPLIT.finditer(text, a, b):
        out.append(Segment(last, sm.end()))
        last = sm.end()
        while last < b and text[last].isspace():
            last += 1
        # "1) What do you do? 2) How did you start?": drop the inline number too.
        bm = _INLINE_NUMBER.match(text, last, b)
        if bm:
            last = bm.end()
    if last < b:
        out.append(Segment(last, b))
    if m and m.end() > seg.start:
        out = _split_at_next_number(text, seg.start, out)
    out = [piece for s in out for piece in _split_at_full_stop(text, s)]
    # Fold follow-ups ("Which ones?", "What was the route?", "like, what changed?") and
    # trailing thanks into the question before them.
    merged: list[Segment] = []
    for s in out:
        part = normalise(text[s.start : s.end]).strip()
        if merged and (
            _is_statement(part)
            or _is_follow_up(part, normalise(text[merged[-1].start : merged[-1].end]))
        ):
            merged[-1] = Segment(merged[-1].start, s.end)
        else:
            merged.append(s)
    return merged


def _is_statement(part: str) -> bool:
    """ "...could you let me know? I'd love to be considered.": what follows the last
    question mark on a line and asks nothing belongs to the question before it."""
    if "?" in part:
        return False
    asked = _DISCOURSE.sub("", part.strip().lower())
    return not (
        _ASKING_START.match(asked)
        and (_REQUEST_WORD.search(asked) or _flag_patterns()["aux"].match(asked))
    )


_FULL_STOP = re.compile(r"(?<=[a-z)])\.\s+(?=[A-Za-z])")
_QUESTION_WORD_START = re.compile(
    r"^\W*(?:what|what's|how|why|where|when|who|which|do|does|did|is|are|was|were|can|could|"
    r"would|have|has)\b"
)
_ABBREVIATION_END = re.compile(r"\b(?:e\.g|i\.e|etc|vs|approx|incl|esp|cf)$")


def _split_at_full_stop(text: str, seg: Segment) -> list[Segment]:
    """ "What do you enjoy most about the role. What is the hardest part?": a question
    written with a full stop, then another question, are two questions."""
    out: list[Segment] = []
    start = seg.start
    for m in _FULL_STOP.finditer(text, seg.start, seg.end):
        left = normalise(text[start : m.start()])
        right = normalise(text[m.end() : seg.end])
        if _QUESTION_WORD_START.match(left) and not _ABBREVIATION_END.search(left) and (
            _ASKING_START.match(right)
        ):
            out.append(Segment(start, m.start() + 1))
            start = m.end()
    out.append(Segment(start, seg.end))
    return out


_LEAD_NUMBER = re.compile(r"\s*\(?(\d{1,2})[.)]")


def _split_at_next_number(text: str, line_start: int, parts: list[Segment]) -> list[Segment]:
    """ "1. what does ur company do 2. how did u get into it": a numbered line that holds the
    next number too holds two questions, question marks or not."""
    lead = _LEAD_NUMBER.match(text, line_start)
    if not lead:
        return parts
    nxt = re.compile(rf"\s(?:\(?{int(lead.group(1)) + 1}[.)])\s+(?=\w)")
    out: list[Segment] = []
    for part in parts:
        m = nxt.search(text, part.start, part.end)
        if m and _ASKING_START.match(normalise(text[m.end() : m.end() + 40])):
            out += [Segment(part.start, m.start()), Segment(m.end(), part.end)]
        else:
            out.append(part)
    return out


_INLINE_NUMBER = re.compile(r"(?:\(?\d{1,3}[.)]|[-*\u2022]|q\d{1,3}[:.)]?)\s+", re.IGNORECASE)

_ASKING_START = re.compile(
    r"^\W*(?:what|what's|whats|how|how's|why|where|when|who|whom|whose|which|tell|describe|explain|walk|"
    r"share|talk|could|can|would|will|do|does|did|is|are|was|were|should|have|has|may|might|any|if|in\s+your|"
    r"looking\s+back|i'd\s+love|i\s+would\s+love|i'm\s+curious|i\s+am\s+curious|i\s+wonder|please)\b"
)


_FOLLOW_UP = re.compile(
    r"^\W*(?:and\s+|or\s+|if\s+so,?\s+)?(?:why|why\s+not|how\s+so|which\s+ones?|which|what\s+kind|"
    r"like\s+what|such\s+as|for\s+example|or\s+not|any\s+examples?|what\s+else|anything\s+else|"
    r"how|who|where|when|what)?\W*$"
)


def _is_question_like(text: str) -> bool:
    """A line counts as a question if it has a question mark or starts like a question
    or request ("Tell me about..."); other lines are headings or notes to self."""
    if "?" in text:
        return any(ch.isalnum() for ch in text)
    words = text.split()
    if len(words) <= 2:
        return False
    # Text-speak openers ("wat", "cud u") are read through the rubric's one synonym table.
    return bool(_ASKING_START.match(_spelled_out(normalise(text[:80]))))


_REQUEST_START = re.compile(r"^\W*(?:tell|describe|explain|walk|share|talk|please)\b")


def _segments(text: str) -> list[Segment]:
    out = []
    segs = lines(text)
    # In a numbered list, an unnumbered line with no question mark ("What you like / don't")
    # is a heading, even when it starts like a question.
    numbered = sum(1 for seg in segs if _LEAD_NUMBER.match(text, seg.start))
    for seg in segs:
        line = text[seg.start : seg.end]
        if (
            numbered >= 3
            and not _LEAD_NUMBER.match(text, seg.start)
            and "?" not in line
            and len(line.split()) <= 6
            and not _REQUEST_START.match(normalise(line))
        ):
            continue
        for s in _split_line(text, seg):
            if _is_question_like(text[s.start : s.end]):
                out.append(s)
    return out


def split_questions(text: str) -> list[str]:
    """The questions of a pasted list, as the grader reads them: headings and notes are
    skipped and two questions on one line are two questions (what live counters show)."""
    require_str(text)
    return [text[s.start : s.end].strip() for s in _segments(text)]


def grade_questions(
    text_or_list: str | list[str],
    minutes: float = 30,
    topics: dict[str, str] | None = None,
    known_words: Iterable[str] = (),
) -> Report:
    """Grade a list of questions for a conversation of ``minutes`` minutes.

    ``topics`` maps a question's text to the category the learner chose for it (the
    learner's re-tag, saved with the draft); coverage, suggestions and the order then use
    the learner's choice, and each question keeps the grader's own reading in
    ``QuestionInfo.graded_category``. ``known_words`` are words the spelling check never
    flags (the learner's own field terms).
    """
    text, segs = _parse_input(text_or_list)
    minutes = _check_minutes(minutes)
    topics = _check_topics(topics)
    lo, hi = rubric.question_range(minutes)
    if not segs:
        return empty_report(KIND, text, "questions", {"minutes": minutes, "count": 0})

    infos: list[QuestionInfo] = []
    seen: dict[str, QuestionInfo] = {}  # long pasted lists often repeat lines
    # A list of hundreds of questions is a paste, not a plan: read less of each to stay fast.
    limit = QUESTION_LIMIT if len(segs) <= LONG_LIST else LONG_LIST_QUESTION_LIMIT
    for s in segs:
        qtext = text[s.start : s.end]
        known = seen.get(qtext)
        if known is None:
            known = seen[qtext] = _classify(qtext, limit, len(segs) <= LONG_LIST)
        info = QuestionInfo(
            qtext, known.category, known.open_ended, set(known.flags), s.start, s.end
        )
        info.topic_evidence = list(known.topic_evidence)
        info.graded_category = known.category
        chosen = topics.get(topic_key(qtext))
        if chosen:
            info.category = chosen
        infos.append(info)
    n = len(infos)
    spans = [(q.start, q.end) for q in infos]
    checks: list[Check] = []
    values = {"count": n, "minutes": _fmt_min(minutes), "fewest": lo, "most": hi}

    # count_fits_time
    variant = "" if lo <= n <= hi else ("few" if n < lo else "many")
    checks.append(
        make_check(
            KIND,
            "questions.count_fits_time",
            lo <= n <= hi,
            [],
            variant=variant,
            question_is="question is" if n == 1 else "questions are",
            **values,
        )
    )

    # mostly_open
    open_n = sum(1 for q in infos if q.open_ended)
    share = open_n / n
    closed_spans = [(q.start, q.end) for q in infos if not q.open_ended]
    checks.append(
        make_check(
            KIND,
            "questions.mostly_open",
            share >= rubric.min_open_share(),
            closed_spans,
            open=open_n,
            pct=round(share * 100),
            **values,
        )
    )

    # coverage
    covered = [c for c in CORE if any(q.category == c for q in infos)]
    missing = [c for c in CORE if c not in covered]
    names = ", ".join(_label(c) for c in covered) or "none"
    checks.append(
        make_check(
            KIND,
            "questions.coverage",
            len(covered) >= rubric.min_core_topics(),
            [],
            covered=len(covered),
            core=len(CORE),
            names=names,
        )
    )

    # asks_for_referral
    ref = [(q.start, q.end) for q in infos if q.category == "referrals"]
    checks.append(make_check(KIND, "questions.asks_for_referral", bool(ref), ref))

    for check_id, flag in (
        ("questions.no_job_ask", "job_ask"),
        ("questions.no_googleable", "googleable"),
        ("questions.single_focus", "double_barreled"),
    ):
        hit = [q for q in infos if flag in q.flags]
        ev = [(q.start, q.end) for q in hit]
        first = hit[0].text if hit else ""
        more = f" (and {len(hit) - 1} more)" if len(hit) > 1 else ""
        checks.append(make_check(KIND, check_id, not hit, ev, found=first, more=more))

    dups = find_duplicates(
        [q.text for q in infos], limit=DUPLICATE_LIMIT, categories=[q.category for q in infos]
    )
    ev = []
    for i, j in dups:
        ev += [spans[i], spans[j]]
    first, second = (dups[0][0] + 1, dups[0][1] + 1) if dups else (0, 0)
    more = ""
    if len(dups) > 1:
        more = f" ({len(dups) - 1} more pair{'s' if len(dups) > 2 else ''})"
    checks.append(
        make_check(
            KIND, "questions.no_duplicates", not dups, ev, first=first, second=second, more=more
        )
    )

    spelled, misspelt = spelling_check(
        KIND, text[:SPELLING_LIMIT], known_words_of(known_words)
    )
    checks.append(spelled)

    suggestions = {c: list(rubric.category(c)["suggestions"][:3]) for c in missing}
    if not ref:
        suggestions["referrals"] = list(rubric.category("referrals")["suggestions"][:3])
    # The order never lists a question the feedback asks to remove: job requests,
    # searchable facts and the second of two duplicates.
    drop = {i for i, q in enumerate(infos) if q.flags & {"job_ask", "googleable"}}
    drop |= {j for _i, j in dups}
    order = sorted(
        (i for i in range(n) if i not in drop),
        key=lambda i: (ORDER_RANK.get(infos[i].category, 4), i),
    )
    meta = {
        "minutes": minutes,
        "count": n,
        "range": [lo, hi],
        "open": open_n,
        "too_few": n < lo,
        "too_many": n > hi,
        "misspellings": misspelt,
        "categories": {c: sum(1 for q in infos if q.category == c) for c in CATEGORIES},
        "removed_from_order": sorted(drop),
        "retagged": [i for i, q in enumerate(infos) if q.category != q.graded_category],
    }
    return finish(
        KIND,
        text,
        checks,
        questions=infos,
        suggestions=suggestions,
        suggested_order=order,
        meta=meta,
    )


def _label(cat: str) -> str:
    return rubric.category_label(cat).lower().replace("day-to-day", "day-to-day")


def topic_key(question: str) -> str:
    """How a question is matched to the learner's saved topic choice: its words,
    lower-cased, whatever the spacing, numbering or question mark."""
    return " ".join(re.findall(r"[a-z0-9']+", question.lower()))


def _check_topics(topics: object) -> dict[str, str]:
    """The learner's own topic choices, {question text: category}; bad input raises."""
    if topics is None:
        return {}
    if not isinstance(topics, dict):
        raise TypeError(
            f"topics must be a dict of question text -> category, not {type(topics).__name__}"
        )
    out: dict[str, str] = {}
    for question, cat in topics.items():
        if not isinstance(question, str):
            kind = type(question).__name__
            raise TypeError(f"topic keys must be question texts (str), not {kind}")
        if cat not in CATEGORIES:
            raise ValueError(f"topic {cat!r} is not one of: {', '.join(CATEGORIES)}")
        out[topic_key(question)] = cat
    return out


def _fmt_min(m: float) -> str:
    return str(int(m)) if float(m).is_integer() else f"{m:g}"


def _check_minutes(minutes: object) -> float:
    if isinstance(minutes, bool) or not isinstance(minutes, (int, float)):
        raise TypeError(f"minutes must be a number, not {type(minutes).__name__}")
    if not math.isfinite(minutes) or minutes <= 0:
        raise ValueError(f"minutes must be a positive number, not {minutes!r}")
    return int(minutes) if float(minutes).is_integer() else float(minutes)


def _parse_input(value: object) -> tuple[str, list[Segment]]:
    """The text to show (a list is joined with newlines) and each question's span in it."""
    if isinstance(value, str):
        return value, _segments(value)
    if isinstance(value, (list, tuple)):
        parts = []
        for i, item in enumerate(value):
            if not isinstance(item, str):
                raise TypeError(f"question {i + 1} must be a str, not {type(item).__name__}")
            parts.append(item.replace("\n", " "))
        text = "\n".join(parts)
        segs = []
        pos = 0
        for item in parts:
            a, b = pos, pos + len(item)
            pos = b + 1
            m = _BULLET.match(text, a, b)
            if m and m.end() > a:
                a = m.end()
            a, b = strip_span(text, a, b)
            if a < b and any(ch.isalnum() for ch in text[a:b]):
                segs.append(Segment(a, b))
        return text, segs
    raise TypeError(f"questions must be a str or a list of str, not {type(value).__name__}")
