"""Question-list grader: per-question categories and flags, list checks, suggestions."""

from __future__ import annotations

import math
import re
from functools import lru_cache

from .common import empty_report, finish, make_check, require_str
from .lexicon import load
from .report import Check, QuestionInfo, Report
from .similarity import find_duplicates
from .text import (
    MultiPhraseIndex,
    Segment,
    compile_terms,
    lines,
    normalise,
    strip_span,
    tokens,
)

KIND = "questions"
CATEGORIES = (
    "path",
    "day_to_day",
    "likes",
    "challenges",
    "trends",
    "fit_skills",
    "advice",
    "referrals",
    "culture",
    "other",
)
#: The seven core categories of the rubric (questions.coverage): the rest are extras.
CORE = CATEGORIES[:7]
# Rapport first, reflection in the middle, advice and referrals at the end.
ORDER_RANK = {
    "path": 0,
    "day_to_day": 1,
    "likes": 2,
    "culture": 3,
    "other": 4,
    "fit_skills": 5,
    "challenges": 6,
    "trends": 7,
    "advice": 8,
    "referrals": 9,
}
# When two categories score the same, the more specific one wins.
TIE_RANK = (
    "referrals",
    "challenges",
    "likes",
    "trends",
    "fit_skills",
    "advice",
    "path",
    "culture",
    "day_to_day",
    "other",
)
QUESTION_LIMIT = 300  # characters of one question that are classified (real ones are shorter)
LONG_LIST = 500  # beyond this many questions each one is read only in part
LONG_LIST_QUESTION_LIMIT = 120
DUPLICATE_LIMIT = 400  # questions compared pairwise for near-duplicates

_BULLET = re.compile(
    r"^\s*(?:[-*+\u2022\u25cf\u25aa\u2023\u2043>\u25e6\u2219\u00b7o]\s+|[-*\u2022]|(?:q(?:uestion)?\s*)?\d{1,3}\s*[.):\]-]\s*"
    r"|\(\d{1,3}\)\s*|[a-zA-Z][.)]\s+|q\d{0,3}\s*[:.]\s*|q\d{1,3}\s+|#{1,6}\s+|\[\s?[xX ]?\]\s*)",
    re.MULTILINE | re.IGNORECASE,
)
_HEADING = re.compile(r"^[^?]{0,60}:\s*$")
_DISCOURSE = re.compile(
    r"^(?:(?:and|so|also|ok|okay|now|then|finally|lastly|first|firstly|second|secondly|third|next|well|"
    r"last|one\s+more|another|bonus|follow[\s-]?up|just\s+curious|out\s+of\s+curiosity|question)\b[\s,:\-]*)+"
)
_INTRO_CLAUSE = re.compile(r"^([^,?]{2,60}),\s*")
_WH_START = re.compile(r"^(?:what|how|why|where|when|who|which|whom|whose)\b")


@lru_cache(maxsize=1)
def _category_index() -> tuple[MultiPhraseIndex, dict[str, re.Pattern]]:
    """All categories' cue phrases ("weak" and "strong") in one index, plus regex patterns."""
    lex = load("question_lexicon")
    lists = {}
    pats = {}
    for cat in CATEGORIES:
        entry = lex["categories"][cat]
        lists[cat] = entry["phrases"]
        lists["strong:" + cat] = lex["strong"].get(cat, [])
        if entry.get("patterns"):
            pats[cat] = compile_terms(None, entry["patterns"])
    return MultiPhraseIndex(lists), pats


@lru_cache(maxsize=1)
def _flag_patterns() -> dict[str, re.Pattern]:
    flags = load("question_flags")
    aux = "|".join(re.escape(a) for a in flags["aux_start"])
    verbs = "|".join(re.escape(v) for v in flags["open_verbs"])
    # "Can you give me a sense of ..." asks for an explanation too.
    opens = "|".join(f"(?:{p})" for p in flags.get("open_phrases", []))
    return {
        "aux": re.compile(rf"^(?:{aux})\b"),
        "open_verb": re.compile(
            rf"^(?:{aux})\s+(?:you|u|ya|anyone|someone)?\s*(?:please\s+|possibly\s+|kindly\s+|maybe\s+|"
            r"perhaps\s+|briefly\s+|just\s+|also\s+|be\s+(?:willing|able|open|happy)\s+to\s+|mind\s+|"
            r"like\s+to\s+|care\s+to\s+)*"
            rf"(?:(?:{verbs})\b|{opens})"
        ),
        "job_ask": compile_terms(flags["job_ask"]["phrases"], flags["job_ask"]["patterns"]),
        "googleable": compile_terms(
            flags["googleable"]["phrases"], flags["googleable"]["patterns"]
        ),
        "double": compile_terms(flags["double"]["phrases"], flags["double"]["patterns"]),
    }


@lru_cache(maxsize=1)
def _triggers() -> dict[str, set[str]]:
    trig = load("question_flags")["triggers"]
    return {k: set(v) for k, v in trig.items() if not k.startswith("_")}


def _lead_trim(q: str) -> str:
    """Drop discourse openers ("So,", "And finally") and a short intro clause."""
    q = q.strip(" \t-*\"'(").lstrip()
    q = _DISCOURSE.sub("", q)
    m = _INTRO_CLAUSE.match(q)
    if m and not _WH_START.match(q) and not _flag_patterns()["aux"].match(q):
        rest = q[m.end() :]
        if rest and (_flag_patterns()["aux"].match(rest) or _WH_START.match(rest)):
            q = rest
    return q


@lru_cache(maxsize=1)
def _open_starts() -> re.Pattern | None:
    pats = load("question_flags").get("open_starts", [])
    return compile_terms(None, pats) if pats else None


def _is_closed(qn: str) -> bool:
    """Starts with an auxiliary or modal verb and is not a request for an explanation."""
    pats = _flag_patterns()
    head = _lead_trim(_after_statement(qn))
    if not pats["aux"].match(head):
        return False
    starts = _open_starts()
    if starts is not None and starts.match(head):
        return False  # "Can I ask what a typical day looks like?"
    return not pats["open_verb"].match(head)


@lru_cache(maxsize=1)
def _fallback() -> tuple[dict[str, str], dict[str, list[str]], dict[str, list[str]]]:
    """Token synonyms, one-word stems (stem -> categories) and multi-word stems."""
    lex = load("question_lexicon")
    one: dict[str, list[str]] = {}
    multi: dict[str, list[str]] = {}
    for cat, words in lex.get("fallback_stems", {}).items():
        if cat.startswith("_"):
            continue
        for w in words:
            (multi if " " in w else one).setdefault(w, []).append(cat)
    return lex.get("token_synonyms", {}), one, multi


_STEM_LEN = 5


def _stem_features(words: list[str]) -> list[str]:
    """Word beginnings (first five letters) and neighbouring pairs of them: the features
    of the learned fallback votes (data/question_stems_learned.json)."""
    stems = [w[:_STEM_LEN] for w in words if w]
    return stems + [a + "+" + b for a, b in zip(stems, stems[1:], strict=False)]


@lru_cache(maxsize=1)
def _learned() -> dict:
    return load("question_stems_learned")


def _learned_vote(words: list[str]) -> str | None:
    """Naive-Bayes vote of the learned word-beginning features; None if none is known."""
    model = _learned()
    votes = model["votes"]
    feats = [f for f in _stem_features(words) if f in votes]
    if not feats:
        return None
    base = model["base"]
    scores = {c: base[c] * len(feats) for c in CATEGORIES}
    for f in feats:
        for c, v in votes[f].items():
            scores[c] += v
    return max(CATEGORIES, key=lambda c: scores[c])


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


def _category(qn: str, toks: list[tuple[str, int]], first_wins: bool = False) -> str:
    """The category of the question itself; the scene-setting before it decides only
    when the question has no cue phrase of its own ("I read that X is changing. Is that true?",
    "I saw you moved from nursing into health tech. What prompted the change?")."""
    focus = _focus(qn)
    stem_guess = None
    if focus != qn:
        cat, by_cue = _category_of(focus, tokens(focus), first_wins)
        if by_cue:
            return cat
        stem_guess = cat
        # "I read that ..." reports what the question is about; the reading itself is no cue.
        m = _REPORTING.match(qn)
        if m:
            qn = qn[m.end() :]
            toks = tokens(qn)
    cat, by_cue = _category_of(qn, toks, first_wins)
    if not by_cue and stem_guess is not None:
        return stem_guess
    return cat or "other"


def _category_of(
    qn: str, toks: list[tuple[str, int]], first_wins: bool = False
) -> tuple[str | None, bool]:
    """Score each category by its cues; cues near the start of the question count more.
    With ``first_wins`` (a question asking two things) a tie goes to the earliest cue.
    Returns the category (None when nothing at all points to one) and whether a cue
    phrase or pattern decided it (False: only word beginnings did)."""
    scores = dict.fromkeys(CATEGORIES, 0)
    first_at = dict.fromkeys(CATEGORIES, 10**6)
    index, pats = _category_index()
    synonyms, one_stems, multi_stems = _fallback()
    # Text-speak ("u", "ur") reads as the full word; real questions are well under 50 words.
    toks = [(synonyms.get(t, t), pos) for t, pos in toks[:50]]
    for key, starts in index.find(toks).items():
        strong = key.startswith("strong:")
        cat = key[7:] if strong else key
        for start in starts:
            scores[cat] += (3 if start < 25 else 2) if strong else (2 if start < 25 else 1)
            first_at[cat] = min(first_at[cat], start)
    extra = load("question_lexicon").get("pattern_weight", {})
    for cat, pat in pats.items():
        # Hand-written patterns are specific, so they weigh at least like strong cues.
        for m in pat.finditer(qn):
            scores[cat] += extra.get(cat, 3) if m.start() < 25 else extra.get(cat, 3) - 1
            first_at[cat] = min(first_at[cat], m.start())
    best = max(scores.values())
    by_cue = best > 0
    if best <= 0:
        # No cue phrase matched: votes learned from the labelled questions decide
        # (benchmarks/question_stems.py); the hand-written word beginnings ("promot",
        # "satisf") only when none of the question's words was seen in training.
        head = toks[:40]
        voted = _learned_vote([t for t, _ in head])
        if voted is not None:
            return voted, False
        for t, _ in head:
            for n in range(1, min(len(t), 12) + 1):
                for cat in one_stems.get(t[:n], ()):
                    scores[cat] += 1
        text = " ".join(t for t, _ in head)
        for w, cats in multi_stems.items():
            if w in text:
                for cat in cats:
                    scores[cat] += 1
        best = max(scores.values())
    if best <= 0:
        return None, False
    if first_wins:
        tied = [c for c in CATEGORIES if scores[c] == best and first_at[c] < 10**6]
        if len(tied) > 1:
            return min(tied, key=lambda c: (first_at[c], TIE_RANK.index(c))), by_cue
    for cat in TIE_RANK:
        if scores[cat] == best:
            return cat, by_cue
    return "other", by_cue


def classify_question(text: str) -> QuestionInfo:
    """Category, open/closed and flags of a single question (rubric: question list)."""
    require_str(text)
    return _classify(text, QUESTION_LIMIT)


def _classify(text: str, limit: int) -> QuestionInfo:
    q = text[:limit]
    qn = normalise(q).strip()
    pats = _flag_patterns()
    trig = _triggers()
    toks = tokens(qn)
    words = {t for t, _ in toks}
    flags: set[str] = set()
    if qn and _is_closed(qn):
        flags.add("closed")
    if words & trig["job_ask"] and pats["job_ask"].search(qn) and not _finding_openings(qn):
        flags.add("job_ask")
    if words & trig["googleable"] and pats["googleable"].search(qn):
        flags.add("googleable")
    if (words & trig["double"] and _double(qn, pats["double"])) or _two_questions(qn):
        flags.add("double_barreled")
    category = _category(qn, toks, "double_barreled" in flags) if qn else "other"
    if "double_barreled" in flags:
        # A question that asks two things is filed under the first thing it asks.
        first = _first_part(qn)
        if first and first != qn:
            head_cat = _category(first, tokens(first), True)
            if head_cat != "other":
                category = head_cat
    if flags & {"googleable", "job_ask"}:
        # Facts about the organisation and requests for work sit outside the topics.
        category = "other"
    return QuestionInfo(
        text=text,
        category=category,
        open_ended="closed" not in flags,
        flags=flags,
        start=0,
        end=len(text),
    )


_BETWEEN = re.compile(r"\b(?:between|both|either|whether)\b")


def _double(qn: str, pat: re.Pattern) -> bool:
    """Two different things joined by "and"; "between X and Y" compares one thing."""
    for m in pat.finditer(qn):
        if not _BETWEEN.search(qn, 0, m.start() + 1):
            return True
    return False


_QMARK_GAP = re.compile(r"\?\s*[\w(\"']")


def _two_questions(qn: str) -> bool:
    """Two question marks with words between them: two questions in one item."""
    body = qn.rstrip(" ?!.")
    m = _QMARK_GAP.search(body)
    return bool(m) and len(body[m.end() :].split()) >= 2


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
        r"\b(?:your|you)\s+(?:team|company|firm)\b|\bme\b", qn
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
    # Fold tiny follow-ups ("Which ones?", "Why?") into the question before them.
    merged: list[Segment] = []
    for s in out:
        if merged and _FOLLOW_UP.match(normalise(text[s.start : s.end])):
            merged[-1] = Segment(merged[-1].start, s.end)
        else:
            merged.append(s)
    return merged


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
    return bool(_ASKING_START.match(normalise(text[:80])))


def _segments(text: str) -> list[Segment]:
    out = []
    for seg in lines(text):
        for s in _split_line(text, seg):
            if _is_question_like(text[s.start : s.end]):
                out.append(s)
    return out


def grade_questions(text_or_list: str | list[str], minutes: float = 30) -> Report:
    """Grade a list of questions for a conversation of ``minutes`` minutes."""
    text, segs = _parse_input(text_or_list)
    minutes = _check_minutes(minutes)
    lo, hi = math.ceil(minutes / 6), math.floor(minutes / 2.5)
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
            known = seen[qtext] = _classify(qtext, limit)
        infos.append(
            QuestionInfo(qtext, known.category, known.open_ended, set(known.flags), s.start, s.end)
        )
    n = len(infos)
    spans = [(q.start, q.end) for q in infos]
    checks: list[Check] = []

    # count_fits_time
    if lo <= n <= hi:
        why = f"{n} questions fit a {_fmt_min(minutes)}-minute conversation ({lo} to {hi})."
        tip = ""
    elif n < lo:
        plural = "s are" if n != 1 else " is"
        why = f"{n} question{plural} too few for {_fmt_min(minutes)} minutes; aim for {lo} to {hi}."
        tip = f"Add questions until you have at least {lo}; the suggestions below can help."
    else:
        why = f"{n} questions are too many for {_fmt_min(minutes)} minutes; aim for {lo} to {hi}."
        tip = f"Keep your best {hi} questions and put the most important ones first."
    checks.append(
        make_check(KIND, "questions.count_fits_time", lo <= n <= hi, [], why=why, tip=tip)
    )

    # mostly_open
    open_n = sum(1 for q in infos if q.open_ended)
    share = open_n / n
    closed_spans = [(q.start, q.end) for q in infos if not q.open_ended]
    pct = round(share * 100)
    why = f"{open_n} of {n} questions are open-ended ({pct}%; the aim is at least 70%)."
    checks.append(make_check(KIND, "questions.mostly_open", share >= 0.7, closed_spans, why=why))

    # coverage
    covered = [c for c in CORE if any(q.category == c for q in infos)]
    missing = [c for c in CORE if c not in covered]
    names = ", ".join(_label(c) for c in covered) or "none"
    why = (
        f"The questions cover {len(covered)} of the 7 core topics ({names}); the aim is at least 4."
    )
    checks.append(make_check(KIND, "questions.coverage", len(covered) >= 4, [], why=why))

    # asks_for_referral
    ref = [(q.start, q.end) for q in infos if q.category == "referrals"]
    checks.append(make_check(KIND, "questions.asks_for_referral", bool(ref), ref[:3]))

    for check_id, flag, what in (
        ("questions.no_job_ask", "job_ask", "asks for a job, referral or mentoring"),
        ("questions.no_googleable", "googleable", "asks a basic fact a quick search would answer"),
        ("questions.single_focus", "double_barreled", "asks two things at once"),
    ):
        hit = [q for q in infos if flag in q.flags]
        ev = [(q.start, q.end) for q in hit]
        why = ""
        if hit:
            first = " ".join(hit[0].text.split())[:80]
            more = f" (and {len(hit) - 1} more)" if len(hit) > 1 else ""
            why = f"\u201c{first}\u201d {what}{more}."
        checks.append(make_check(KIND, check_id, not hit, ev, why=why))

    dups = find_duplicates([q.text for q in infos], limit=DUPLICATE_LIMIT)
    ev = []
    for i, j in dups:
        ev += [spans[i], spans[j]]
    why = ""
    if dups:
        i, j = dups[0]
        why = (
            f"Questions {i + 1} and {j + 1} ask essentially the same thing"
            + (
                f" ({len(dups) - 1} more pair{'s' if len(dups) > 2 else ''})"
                if len(dups) > 1
                else ""
            )
            + "."
        )
    checks.append(make_check(KIND, "questions.no_duplicates", not dups, ev, why=why))

    bank = load("question_bank")
    suggestions = {c: list(bank[c][:3]) for c in missing}
    if not ref:
        suggestions["referrals"] = list(bank["referrals"][:3])
    order = sorted(range(n), key=lambda i: (ORDER_RANK.get(infos[i].category, 4), i))
    meta = {
        "minutes": minutes,
        "count": n,
        "range": [lo, hi],
        "open": open_n,
        "categories": {c: sum(1 for q in infos if q.category == c) for c in CATEGORIES},
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
    return (
        cat.replace("_", " ")
        .replace("day to day", "day-to-day")
        .replace("fit skills", "skills and fit")
    )


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
