"""Does the writer say who they are? Sign-off names and "I'm Priya" openings.

The rubric counts a name in the sign-off as introducing yourself, so this looks
for a closing word ("Best,", "Thanks,") followed by a short name line, a dash
signature ("- Sam"), or a final line that is just a name.
"""

from __future__ import annotations

import re

from .lexicon import cue
from .text import lines

_NAME_WORD = re.compile(
    r"^(?:[A-Z\u00c0-\u024f][\w'\u2019.\-]*|[^\W\d_a-zA-Z][\w'\u2019.\-]*|[A-Z]\.?)$"
)
_NOT_NAMES = {
    "thanks",
    "thank",
    "you",
    "best",
    "regards",
    "sincerely",
    "cheers",
    "hi",
    "hello",
    "dear",
    "subject",
    "re",
    "ps",
    "p.s.",
    "i",
    "the",
    "looking",
    "forward",
    "please",
    "let",
    "hope",
    "kind",
    "warm",
    "all",
    "yours",
    "again",
    "so",
    "much",
    "talk",
    "soon",
    "take",
    "care",
    "many",
    "warmly",
    "respectfully",
    "with",
    "gratitude",
    "appreciate",
    "it",
    "linkedin",
    "email",
    "phone",
    "sent",
    "from",
    "my",
    "iphone",
    "a",
    "an",
    "and",
    "or",
    "to",
    "for",
}


def _looks_like_name(line: str) -> bool:
    words = line.replace(",", " ").split()
    if not 1 <= len(words) <= 4:
        return False
    if any(ch.isdigit() for ch in line) or "@" in line or "?" in line:
        return False
    good = 0
    for w in words:
        w2 = w.strip("()[]{}<>\"'.,")
        if not w2:
            continue
        if w2.lower() in _NOT_NAMES:
            return False
        if _NAME_WORD.match(w2):
            good += 1
        elif w2.islower() and len(words) == 1:
            good += 1  # "sam" typed in lower case on a phone
        else:
            return False
    return good >= 1


# One-line messages end with "Thanks! – Grace" or "Best, Sam" on the same line.
_TAIL_NAME = re.compile(
    r"(?:(?:thanks|thank\s+you|thx|cheers|best|regards|many\s+thanks|warmly|gracias|merci|grazie)"
    r"[!,.]*\s*[-\u2013\u2014~,]?\s*|[-\u2013\u2014~]\s*)"
    r"([A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){0,2})\s*[.!]?\s*$",
    re.IGNORECASE,
)


def signoff_name(text: str, norm: str) -> tuple[int, int] | None:
    """Span of a name in the sign-off, or None."""
    tail = text[-200:]
    m = _TAIL_NAME.search(tail)
    if m and m.group(1)[:1].isupper() and _looks_like_name(m.group(1)):
        off = len(text) - len(tail)
        return (off + m.start(1), off + m.end(1))
    closings = {c.strip(" ,.!").lower() for c in cue("pitch", "closings")}
    segs = lines(text)[-6:]
    for i, seg in enumerate(segs):
        line_n = norm[seg.start : seg.end].strip()
        line_o = text[seg.start : seg.end]
        head = line_n.rstrip(",.!- ").strip()
        # "Best,\nMaria Lopez" or "Thanks!\n- Sam"
        if head in closings and i + 1 < len(segs):
            nxt = segs[i + 1]
            cand = text[nxt.start : nxt.end].lstrip("-\u2013\u2014~ ").strip()
            if _looks_like_name(cand):
                off = text.find(cand, nxt.start)
                return (off, off + len(cand))
        # "Thanks, Maria" or "Best - Sam" on one line
        m = re.match(r"^([a-z' ]+?)\s*[,\-\u2013\u2014!.]+\s*(.+)$", line_n)
        if m and m.group(1).strip() in closings:
            cand = line_o[m.start(2) :].strip()
            if _looks_like_name(cand):
                return (seg.start + m.start(2), seg.start + m.start(2) + len(cand))
    if segs:
        last = segs[-1]
        line_o = text[last.start : last.end]
        cand = line_o.lstrip("-\u2013\u2014~ ").strip()
        if len(lines(text)) >= 2 and (
            line_o.lstrip()[:1] in "-\u2013\u2014~" or _looks_like_name(cand)
        ):
            if _looks_like_name(cand):
                off = text.find(cand, last.start)
                return (off, off + len(cand))
    return None


_IM_NAME = re.compile(
    r"\b(?:[Ii]'m|[Ii] am|[Ii]\u2019m|[Ii]m|[Tt]his is|[Ii]t's|[Ii]t is|[Mm]y name is)\s+"
    r"([A-Z][a-z\u00c0-\u024f'\-]+)"
)
_NOT_NAME_AFTER_IM = {
    "Reaching",
    "Writing",
    "Curious",
    "Hoping",
    "Looking",
    "Interested",
    "Exploring",
    "Currently",
    "Trying",
    "Keen",
    "Eager",
    "Excited",
    "Sure",
    "Sorry",
    "Happy",
    "Glad",
    "Not",
    "Also",
    "Still",
    "Just",
    "Really",
    "Very",
    "So",
    "Planning",
    "Thinking",
    "Considering",
    "Working",
    "Studying",
    "Based",
    "In",
    "At",
    "On",
    "From",
    "A",
    "An",
    "The",
    "Your",
    "My",
    "Here",
    "Now",
    "Thankful",
    "Grateful",
    "Wondering",
    "Particularly",
    "Especially",
    "Available",
}


def im_name(text: str) -> tuple[int, int] | None:
    """Span of "I'm Priya" style self-naming, judged on the original capitals."""
    for m in _IM_NAME.finditer(text):
        word = m.group(1)
        if word in _NOT_NAME_AFTER_IM:
            continue
        return m.span()
    return None
