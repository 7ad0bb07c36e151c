"""The 30-second introduction: the ``intro.*`` checks.

What a learner says when the professional asks "So, tell me a bit about
yourself" at the start of an informational interview: who they are, what they
are exploring, and why they wanted to talk to this person, briefly, without
asking for a job, and ideally handing the conversation back.

It reuses the course's lexicons where the meaning is the same (who you are and
the job-ask phrases from the pitch lexicon, fields and roles from the goal
lexicon) and keeps its own few patterns here; labels, weights, messages, the length
limits and examples are in ``rubric/intro.json``. Standard library only.
"""

from __future__ import annotations

import re

from . import rubric
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
from .goal import _roles
from .names import im_name
from .report import Report
from .text import normalise, word_count

KIND = "intro"

# What they are exploring: a verb of exploring or deciding ("I'm thinking about moving into").
_EXPLORING_RE = re.compile(
    r"\b(?:explor\w*|consider\w*|think(?:ing)?\s+(?:about|of)|curious\s+about|interested\s+in"
    r"|looking\s+into|weighing\s+up|trying\s+to\s+(?:decide|work\s+out|figure\s+out|understand)"
    r"|(?:choose|choosing|decide|deciding|torn)\s+between|deciding|hoping\s+to\s+(?:move|get|go|train|switch|work)|want\s+to\s+(?:learn|know|understand"
    r"|find\s+out|move|get|work)|would\s+like\s+to\s+(?:learn|know|understand|move)|drawn\s+to"
    r"|keen\s+on|leaning\s+towards|planning\s+to|plan\s+to|aim(?:ing)?\s+(?:for|to)|career\s+change"
    r"|high\s+on\s+my\s+list|on\s+my\s+(?:short)?list"
    r"|change\s+careers?|switch(?:ing)?\s+(?:into|to|careers?))\b"
)
# Why this person: something of theirs, or what they have done.
_WHY_RE = re.compile(
    r"\b(?:because\s+you|since\s+you|as\s+you|you'?ve\s+(?:done|made|moved|gone|worked|been|spent|built)"
    r"|you\s+(?:moved|switched|went|made|made\s+the\s+move|came|started|trained|retrained|joined|run"
    r"|lead|manage|work\s+(?:on|in|at|with)|wrote|spoke|gave|built|combine|balance|juggle|mix"
    r"|got\s+your|found\s+your|became)"
    r"|your\s+(?:move|path|route|switch|career|story|experience|work|role|team|talk|article|post"
    r"|book|podcast|project|research|journey|background|time\s+(?:at|in|as))"
    r"|(?:exactly|just)\s+(?:the|what)\s+(?:move|path|step|switch|thing)\s+i"
    r"|someone\s+who\s+has|someone\s+who'?s)\b"
)
# "I'm in year 12": a school year says who you are, with or without the apostrophe.
_SCHOOL_YEAR_RE = re.compile(r"\b(?:i'?m|im|i\s+am)\s+in\s+(?:year|grade|form)\s+\d{1,2}\b")
_HAND_OVER_RE = re.compile(
    r"(?:\?\s*$|\b(?:i'?d\s+(?:also\s+|really\s+)?(?:love|like)\s+to\s+(?:hear|know|ask|learn)"
    r"|i\s+would\s+(?:love|like)\s+to\s+(?:hear|know|ask|learn)|could\s+i\s+ask|may\s+i\s+ask"
    r"|can\s+i\s+ask|so\s+i'?d\s+love|keen\s+to\s+hear|looking\s+forward\s+to\s+hearing)\b[^.!?]*[.!?]?\s*$)"
)
_SENTENCE_END = re.compile(r"[.!?]+\s+")


def grade_intro(text: str) -> Report:
    """Grade a spoken 30-second introduction (who, what you explore, why them, short)."""
    require_str(text)
    meta = {"words": word_count(text), "chars": len(text.strip()), "seconds": 0}
    per_minute = rubric.param("intro.length", "words_per_minute")
    meta["seconds"] = int(round(meta["words"] / per_minute * 60))
    if is_blank(text):
        return empty_report(KIND, text, "introduction", meta)
    head = text[:ANALYSE_LIMIT]
    norm = normalise(head)
    filled, blanked, _slots = slot_views(head, norm)

    who = find_all("pitch", "introduces_self", filled)
    named = im_name(head)
    if named:
        who.append(named)
    who += [m.span() for m in _SCHOOL_YEAR_RE.finditer(filled)]
    who.sort()

    target = find_all("goal", "fields", filled) + find_all(
        "goal", "target_patterns", filled
    )
    target += [m.span() for m in _roles().finditer(filled)]
    exploring = [m.span() for m in _EXPLORING_RE.finditer(filled)]
    explores = sorted(target + exploring) if target and exploring else []

    why = find_all("pitch", "why_them", blanked) + [
        m.span() for m in _WHY_RE.finditer(blanked)
    ]
    jobs = find_all("pitch", "job_ask", filled, skip_negated=True)
    why = sorted(s for s in why if not any(a < s[1] and s[0] < b for a, b in jobs))

    n = meta["words"]
    most = rubric.param("intro.length", "max_words")
    fewest = rubric.param("intro.length", "min_words")
    length_ok = fewest <= n <= most
    length_variant = "" if length_ok else ("long" if n > most else "short")

    last = _SENTENCE_END.split(norm.strip())[-1] if norm.strip() else ""
    hand = [(len(norm) - len(last), len(norm))] if last and _HAND_OVER_RE.search(last) else []

    checks = [
        make_check(KIND, "intro.who", bool(who), who, found=quote(head, who)),
        make_check(
            KIND, "intro.exploring", bool(explores), explores, found=quote(head, explores)
        ),
        make_check(KIND, "intro.why_them", bool(why), why, found=quote(head, why)),
        make_check(
            KIND, "intro.length", length_ok, [], variant=length_variant, count=n,
            seconds=meta["seconds"],
        ),
        make_check(KIND, "intro.no_job_ask", not jobs, jobs, found=quote(head, jobs)),
        make_check(KIND, "intro.extra.hands_over", bool(hand), hand, found=quote(head, hand)),
    ]
    return finish(KIND, text, checks, meta=meta)
