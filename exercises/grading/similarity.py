"""Near-duplicate questions: same meaning words after light normalising.

Questions are reduced to a set of content words (stop words dropped, simple
stemming, a few synonyms folded together) and compared with Jaccard overlap.
"""

from __future__ import annotations

import re

from .text import normalise

_STOP = set("""a an the and or but of in on at to for from with about as by into over than then so
do does did doing done is are was were be been being am have has had having can could will would shall should
may might must i me my mine you your yours u we our us they them their it its this that these those there here
what how why where when who whom which whose any some anything something please tell describe explain share
walk through talk think thought feel say said mean kind sort type lot lots really very much many more just
also if look most part thing aspect bit would've you've you're i'm i'd you'd it's what's how's there's that's don't doesn't didn't get got""".split())
# "like" is a stop word above only in its filler use; likes questions keep "enjoy" etc.
_SYN = {
    "job": "work", "role": "work", "position": "work", "career": "work", "profession": "work",
    "occupation": "work", "field": "field", "industry": "field", "sector": "field", "area": "field",
    "like": "enjoy", "enjoy": "enjoy", "love": "enjoy", "rewarding": "enjoy", "reward": "enjoy", "satisfying": "enjoy",
    "fulfilling": "enjoy", "favorite": "enjoy", "favourite": "enjoy",
    "hardest": "hard", "toughest": "hard", "difficult": "hard", "challenging": "hard", "challenge": "hard",
    "tough": "hard", "frustrating": "hard",
    "skill": "skill", "quality": "skill", "trait": "skill", "ability": "skill",
    "typical": "typical", "average": "typical", "normal": "typical", "usual": "typical",
    "day": "day", "week": "day", "daily": "day",
    "advice": "advice", "recommend": "advice", "suggest": "advice", "tip": "advice",
    "else": "else", "other": "else",
    "start": "start", "begin": "start", "began": "start", "started": "start",
    "change": "change", "evolve": "change", "shift": "change",
    "future": "future", "ahead": "future",
    "organisation": "organization", "programme": "program",
}
_WORD = re.compile(r"[a-z0-9']+")
# "look like" / "is it like" are not about liking anything.
_LIKE_FILLER = re.compile(r"\b(?:looks?|is\s+it|be|'s\s+it|it's|feel|feels|sound|sounds)\s+like\b")
# Questions that ask for opposite things are never duplicates ("like most" vs "like least").
_NEGATIVE = {"least", "worst", "dislike", "hate", "downside", "not", "hard", "frustrat", "bad"}


def _stem(w: str) -> str:
    for suf in ("ing", "ed", "es", "s"):
        if len(w) > len(suf) + 3 and w.endswith(suf):
            return w[: -len(suf)]
    return w


def signature(question: str) -> frozenset[str]:
    toks = []
    text = _LIKE_FILLER.sub(" ", normalise(question[:500]))
    for w in _WORD.findall(text):
        if w in _STOP:
            continue
        w = _SYN.get(w, w)
        w = _SYN.get(_stem(w), _stem(w))
        toks.append(w)
    return frozenset(toks)


def similar(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    if bool(a & _NEGATIVE) != bool(b & _NEGATIVE):
        return False
    inter = len(a & b)
    jaccard = inter / len(a | b)
    return (inter >= 3 and jaccard >= 0.6) or (inter >= 2 and jaccard >= 0.75)


def find_duplicates(questions: list[str], limit: int = 400) -> list[tuple[int, int]]:
    """Index pairs (i < j) of questions that ask essentially the same thing."""
    sigs = [signature(q) for q in questions]
    pairs: list[tuple[int, int]] = []
    head = min(len(sigs), limit)
    for i in range(head):
        for j in range(i + 1, head):
            if similar(sigs[i], sigs[j]):
                pairs.append((i, j))
    # Beyond the limit, only exact repeats (after normalising) are reported, to stay fast.
    seen: dict[frozenset[str], int] = {}
    for i, s in enumerate(sigs):
        if not s:
            continue
        if s in seen and i >= head:
            pairs.append((seen[s], i))
        seen.setdefault(s, i)
    return pairs
