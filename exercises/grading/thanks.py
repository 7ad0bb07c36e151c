"""Thank-you note grader: the ``thanks.*`` checks of the rubric."""

from __future__ import annotations

import re
from functools import lru_cache

from .common import (
    ANALYSE_LIMIT,
    empty_report,
    find_all,
    finish,
    is_blank,
    make_check,
    quote,
    require_str,
    slot_views,
)
from .lexicon import load
from .report import Report
from .text import normalise, word_count

LEX = "thanks_lexicon"
KIND = "thanks"
WORD_LIMIT = 150
_CLAUSE_END = re.compile(r"[.!?;\n]")


@lru_cache(maxsize=1)
def _generic_rest() -> re.Pattern:
    return re.compile(load(LEX)["generic_next_object"])


def grade_thank_you(text: str) -> Report:
    """Grade a thank-you note sent after an informational interview."""
    require_str(text)
    meta = {"words": word_count(text), "chars": len(text.strip())}
    if is_blank(text):
        return empty_report(KIND, text, "thank-you note", meta)
    head = text[:ANALYSE_LIMIT]
    norm = normalise(head)
    filled, blanked, slots = slot_views(head, norm)

    grat = find_all(LEX, "gratitude", filled)
    detail = find_all(LEX, "specific_detail", blanked)
    nxt = _next_steps(blanked)
    keep = find_all(LEX, "keeps_in_touch", filled)
    jobs = find_all(LEX, "job_ask", filled, skip_negated=True)
    n = meta["words"]
    checks = [
        make_check(KIND, "thanks.gratitude", bool(grat), grat[:3], found=quote(head, grat)),
        make_check(
            KIND, "thanks.specific_detail", bool(detail), detail[:3], found=quote(head, detail)
        ),
        make_check(KIND, "thanks.next_step", bool(nxt), nxt[:3], found=quote(head, nxt)),
        make_check(KIND, "thanks.keeps_in_touch", bool(keep), keep[:3], found=quote(head, keep)),
        make_check(
            KIND,
            "thanks.concise",
            n <= WORD_LIMIT,
            [],
            why=f"The note is {n} words; aim for at most {WORD_LIMIT}.",
        ),
        make_check(KIND, "thanks.no_job_ask", not jobs, jobs, found=quote(head, jobs)),
        make_check(KIND, "thanks.no_placeholders", not slots, slots, found=quote(text, slots)),
    ]
    return finish(KIND, text, checks, meta=meta)


def _next_steps(blanked: str) -> list[tuple[int, int]]:
    """Concrete next steps; "I'll take your advice to heart" alone is not one."""
    out = []
    for a, b in find_all(LEX, "next_step", blanked):
        end = _CLAUSE_END.search(blanked, b)
        rest = blanked[b : end.start() if end else len(blanked)].replace("#", " ")
        if rest.strip() and _generic_rest().fullmatch(rest):
            continue
        if "#" in blanked[b : end.start() if end else len(blanked)] and not rest.strip(" ,"):
            continue  # "I'll contact [person they suggested]": the slot is the whole object
        if not rest.strip() and not re.search(r"next\s+steps?|list", blanked[a:b]):
            continue
        out.append((a, b))
    return out
