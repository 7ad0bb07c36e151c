"""Thank-you note grader: the ``thanks.*`` checks of the rubric."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from . import rubric
from .common import (
    ANALYSE_LIMIT,
    apply_learned,
    empty_report,
    find_all,
    find_job_asks,
    find_thanks,
    finish,
    is_blank,
    make_check,
    quote,
    require_str,
    slot_views,
)
from .lexicon import cue
from .report import Report
from .spelling import known_words_of, spelling_check
from .text import normalise, word_count

LEX = KIND = "thanks"
_CLAUSE_END = re.compile(r"[.!?;\n]")
# Where the object of a next step ends: "I will start looking at my options now, and I hope
# to report back" is judged on "looking at my options now" alone.
_NEXT_OBJECT_END = re.compile(r"[.!?;\n]|,?\s+(?:and|but|so)\s+(?:i|we|i'll|i'd|i'm)\b")


@lru_cache(maxsize=1)
def _generic_rest() -> re.Pattern:
    return re.compile(cue(KIND, "generic_next_object"))


def grade_thank_you(text: str, known_words: Iterable[str] = ()) -> Report:
    """Grade a thank-you note sent after an informational interview. ``known_words`` are
    words the spelling check never flags (the learner's own field terms)."""
    require_str(text)
    meta = {"words": word_count(text), "chars": len(text.strip())}
    if is_blank(text):
        return empty_report(KIND, text, "thank-you note", meta)
    head = text[:ANALYSE_LIMIT]
    norm = normalise(head)
    filled, blanked, slots = slot_views(head, norm)

    grat = find_thanks(filled)
    detail = find_all(LEX, "specific_detail", blanked) + _detail_leads(head, blanked)
    detail += [
        m.span() for m in _QUOTED_TITLE.finditer(head) if "#" not in blanked[m.start() : m.end()]
    ]
    nxt = _next_steps(blanked)
    keep = find_all(LEX, "keeps_in_touch", filled)
    jobs = find_job_asks(KIND, "job_ask", filled, slots)
    jobs = [j for j in jobs if not _kept_in_mind(filled, j)]
    n = meta["words"]
    checks = [
        make_check(KIND, "thanks.gratitude", bool(grat), grat, found=quote(head, grat)),
        make_check(
            KIND, "thanks.specific_detail", bool(detail), detail, found=quote(head, detail)
        ),
        make_check(KIND, "thanks.next_step", bool(nxt), nxt, found=quote(head, nxt)),
        make_check(KIND, "thanks.keeps_in_touch", bool(keep), keep, found=quote(head, keep)),
        make_check(KIND, "thanks.concise", n <= rubric.length_limit(KIND)[0], [], count=n),
        make_check(KIND, "thanks.no_job_ask", not jobs, jobs, found=quote(head, jobs)),
        make_check(KIND, "thanks.no_placeholders", not slots, slots, found=quote(text, slots)),
    ]
    checks = apply_learned(KIND, head, norm, checks)
    spelled, meta["misspellings"] = spelling_check(KIND, head, known_words_of(known_words))
    checks.append(spelled)
    return finish(KIND, text, checks, meta=meta)


# The rubric allows a thank-you note to leave a low-pressure opening: "please keep me in
# mind if you ever need a hand". A conditional offer in the same sentence is that opening.
_KEEP_IN_MIND = re.compile(r"\bkeep\s+me\s+in\s+mind\b")


def _kept_in_mind(norm: str, span: tuple[int, int]) -> bool:
    start = max((norm.rfind(c, 0, span[0]) for c in ".!?\n"), default=-1) + 1
    # "If anything suitable comes across your desk, please keep me in mind": the condition
    # may open the sentence before the words that matched.
    if not (norm.startswith("if ", span[0]) or norm[start : span[0]].lstrip().startswith("if ")):
        return False
    end = _CLAUSE_END.search(norm, span[1])
    return bool(_KEEP_IN_MIND.search(norm, start, end.start() if end else len(norm)))


# A title in quotes: 'The Design of Everyday Things', "Range".
_QUOTED_TITLE = re.compile(r"[\"'\u2018\u201c][A-Z][^\"'\u2019\u201d\n]{2,60}[\"'\u2019\u201d]")
# What the concrete words must come before: the clause's end or a new clause.
_DETAIL_END = re.compile(
    r"[.!?;\n]|,\s|\s(?:and|but|so|which|because)\s+(?:i|we|it|that|will|was|is)\b"
)
_CONTENT_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][\w'&-]*|\d+")
_STOP = frozenset(
    "a an the and or but of to in on at for with from by about as is are was were be been it its "
    "this that these those you your yours me my i we our us they their them he she his her how "
    "what why when where which who whom all so such more most some any can could would will should "
    "do did does had has have into over than then there here also just only own same up out very "
    "really much many lot lots".split()
)


# A clause that ends on the person's field and says nothing else: "hearing about your
# career and all your experience in ELT", "your experience at the bank".
_FIELD_TAIL = re.compile(
    r"\b(?:career|experience|experiences|work|journey|background|path|role|job|time)\s+"
    r"(?:in|at|as|with|on|within|inside)\s+(?:the\s+)?(?:[\w&'-]+\s*){1,3}[.,;!]?\s*$"
)
_LEAD_WORDS = frozenset(
    "hearing hear heard learning learn learned learnt about more everything all loved enjoyed "
    "appreciated really".split()
)


def _field_only(blanked: str, a: int, stop: int, generic: set[str]) -> bool:
    m = _FIELD_TAIL.search(blanked[a:stop])
    if not m:
        return False
    before = re.findall(r"[a-z']+", blanked[a : a + m.start()])
    return all(w in _STOP or w in generic or w in _LEAD_WORDS for w in before)


def _detail_leads(text: str, blanked: str) -> list[tuple[int, int]]:
    """A reference to what was said ("you mentioned", "hearing how", "knowing that")
    counts only when concrete words follow it: a name, a number, or two content words
    that are not generic ("your insights and advice", "everything you do" are not)."""
    generic = set(cue(KIND, "generic_words"))
    out = []
    for a, b in find_all(LEX, "detail_leads", blanked):
        end = _DETAIL_END.search(blanked, b)
        stop = min(end.start() if end else len(blanked), b + 120)
        after = [
            m.group(0) for m in _CONTENT_WORD.finditer(text, a, stop)
            if "#" not in blanked[m.start() : m.end()]
        ]
        if _field_only(blanked, a, stop, generic):
            continue  # "hearing about your experience in commercial banking": the field only
        named = any(w[0].isupper() and w not in ("I", "I'm", "I've") for w in after[1:]) or any(
            w.isdigit() for w in after
        )
        content = [w for w in after if w.lower() not in _STOP and w.lower() not in generic]
        if named or content:
            out.append((a, b))
    return out


def _next_steps(blanked: str) -> list[tuple[int, int]]:
    """Concrete next steps; "I'll take your advice to heart" alone is not one."""
    out = []
    for a, b in find_all(LEX, "next_step", blanked):
        end = _NEXT_OBJECT_END.search(blanked, b)
        rest = blanked[b : end.start() if end else len(blanked)].replace("#", " ")
        if rest.strip() and _generic_rest().fullmatch(rest):
            continue
        if "#" in blanked[b : end.start() if end else len(blanked)] and not rest.strip(" ,"):
            continue  # "I'll contact [person they suggested]": the slot is the whole object
        if not rest.strip() and not re.search(r"next\s+steps?|list", blanked[a:b]):
            continue
        out.append((a, b))
    out += find_all(LEX, "next_step_whole", blanked)
    return sorted(set(out))
