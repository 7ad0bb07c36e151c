"""Near-duplicate questions: same meaning words after light normalising.

Questions are reduced to a set of content words (stop words dropped, simple
stemming, a few synonyms folded together) and compared with Jaccard overlap.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import cue
from .spelling import is_known, suggestions
from .text import normalise

_DATA = cue("questions", "similarity")
_STOP = set(_DATA["stop_words"])
# Synonyms folded together so "job" and "role", or "enjoy" and "like", compare equal.
_SYN: dict[str, str] = _DATA["synonyms"]
_WORD = re.compile(r"[a-z0-9']+")
# "look like" / "is it like" are not about liking anything.
_LIKE_FILLER = re.compile(
    r"\b(?:looks?|is\s+it|be|'s\s+it|it's|feel|feels|sound|sounds)\s+like\b"
    r"|\blike(?=\s*(?:\?|$|\.|,|for\s+(?:you|u|them|someone|people)\b))"
)
# Questions that ask for opposite things are never duplicates ("like most" vs "like least").
_NEGATIVE = {"least", "worst", "dislike", "hate", "downside", "not", "hard", "frustrat", "bad",
             "don't", "dont", "didn't", "doesn't"}
# What a typical day, week or shift looks like, what they enjoy, what is hardest: asked
# twice even when one adds where ("the best part of the programme", "enjoy most").
_CORE_ASKS = {"day", "week", "shift", "enjoy", "hard"}
# ... but not when the added word asks something else about it ("how long are the shifts").
_NOT_WHERE = {"long", "hour", "hours", "time", "often", "start", "end", "pay", "when"}


# "like and dislike", "like most and least": one question asking the good and the bad side.
_BOTH_RE = re.compile(
    r"\b(?:like|enjoy|love)\s+(?:\w+\s+)?(?:and|or|&)\s+(?:\w+\s+)?(?:dislike|hate|least)\b"
)
_BOTH_SIDES = "+both-sides"


def _stem(w: str) -> str:
    if len(w) > 5 and w.endswith("ies"):
        return w[:-3] + "y"  # "qualities" -> "quality", so plurals meet their synonyms
    for suf in ("ing", "ed", "es", "s"):
        if len(w) > len(suf) + 3 and w.endswith(suf):
            return w[: -len(suf)]
    return w


# "What is your work environment like?" asks what it is, not what anyone likes; the
# words between stay, only "like" goes (but "what is it you like" keeps its liking).
_IS_LIKE = re.compile(
    r"((?:\b(?:is|are|was|were)|'s)\s+(?:(?!(?:you|u|i|they|people|we|it)\b)[\w'-]+\s+){1,5}?)like\b"
)
# "the hardest thing about being a dispatcher" asks about the job, whatever it is called.
_BEING_A_ROLE = re.compile(
    r"\b(?:about|of)\s+being\s+an?\s+[\w-]+(?:\s+[\w-]+)?(?=\s*(?:[?.,;!]|$))"
)
# "start-up" and "startup" are one word.
_START_UP = re.compile(r"\bstart-ups?\b")
# "How did you decide to go into X in the first place?" only stresses the origin question.
_FIRST_PLACE = re.compile(r"\bin\s+the\s+first\s+place\b")
# "How did you get into it?" asks how they started: a marker only the same-ask comparison
# reads, so word overlap is measured on the words themselves.
_GOT_INTO = re.compile(r"\b(?:get|got|getting|gotten|break|broke)\s+(?:into|in\s+to|started)\b")
_GOT_INTO_ASK = "+got-into"


# "How did you get into X?" and "How did you first end up in Y?": how they started, asked
# twice. Writers marked every list holding two of these as repeating itself (25 of 25 in the
# fixtures), whatever field each names, so the origin ask alone makes the pair.
_ORIGIN = re.compile(
    r"^\W*(?:and\s+|so\s+)?how\s+did\s+(?:you|u)\s+"
    r"(?:first\s+|originally\s+|actually\s+|initially\s+|ever\s+|even\s+)?"
    r"(?:get\s+(?:started|into|in\b|in\s+to)|start|become|begin|end\s+up|come\s+to|"
    r"break\s+into|wind\s+up|go\s+into|move\s+into|decide\s+to\s+(?:go|get|become|join|start))"
    # "What got you interested in X?", "What inspired you to become Y?": the same ask
    # (all 6 fixture lists holding one of these beside another origin question repeat it).
    r"|^\W*(?:and\s+|so\s+)?what\s+(?:first\s+|originally\s+|initially\s+)?"
    r"(?:got|drew|led|attracted|inspired|made|brought|pulled|pushed)\s+(?:you|u)\s+"
    r"(?:to|into|towards?|interested|in)\b"
)


def asks_origin(question: str) -> bool:
    """Whether the question opens by asking how the person started out."""
    return bool(_ORIGIN.search(normalise(question[:500])))


@lru_cache(maxsize=4096)  # the list's spelling check has just looked up the same words
def _spelled(word: str) -> str:
    """A misspelt word read as the word the spelling check suggests first, so "the most
    dificult part" meets "the hardest part" through the synonym table."""
    if len(word) < 4 or not word.isalpha() or is_known(word):
        return word
    best = suggestions(word, limit=1)
    return best[0].lower() if best else word


def signature(question: str) -> frozenset[str]:
    toks = []
    text = _FIRST_PLACE.sub(" ", _START_UP.sub("startup", normalise(question[:500])))
    got_into = bool(_GOT_INTO.search(text))
    text = _IS_LIKE.sub(r"\1", _LIKE_FILLER.sub(" ", text))
    text = _BEING_A_ROLE.sub("about the job", text)
    for w in _WORD.findall(text):
        w = _spelled(w)
        if w in _STOP or _stem(w) in _STOP:
            continue  # "things", "parts": a plural of a word that carries no meaning
        w = _SYN.get(w, w)
        w = _SYN.get(_stem(w), _stem(w))
        toks.append(w)
    if _BOTH_RE.search(text):
        toks.append(_BOTH_SIDES)
    if got_into:
        toks.append(_GOT_INTO_ASK)
    return frozenset(toks)


def similar(a: frozenset[str], b: frozenset[str], same_category: bool = True) -> bool:
    """Whether two signatures ask the same thing. Across categories only a close overlap
    counts: "How did you get into pet aftercare?" lies inside "How is the pet aftercare
    industry changing?", but one asks the path and the other the trend."""
    a, b = a - {_GOT_INTO_ASK}, b - {_GOT_INTO_ASK}
    if not a or not b:
        return False
    if a == b:
        return True
    if bool(a & _NEGATIVE) != bool(b & _NEGATIVE):
        # "What do you like and dislike about RA?" holds "What do you like about RA?":
        # the question asking both sides repeats the one asking the good side only.
        both, one = (a, b) if a & _NEGATIVE else (b, a)
        if _BOTH_SIDES not in both or "enjoy" not in one:
            return False
        return _overlaps(both - _NEGATIVE - {_BOTH_SIDES}, one, same_category)
    return _overlaps(a - {_BOTH_SIDES}, b - {_BOTH_SIDES}, same_category)


def _overlaps(a: frozenset[str], b: frozenset[str], same_category: bool) -> bool:
    inter = len(a & b)
    jaccard = inter / len(a | b)
    if (inter >= 3 and jaccard >= 0.6) or (inter >= 2 and jaccard >= 0.75):
        return True
    if not same_category:
        return False
    # One question's words all inside the other's ("the day to day on site" and "a normal
    # day on a commercial site"): the longer one only narrows the same question.
    if inter >= 2 and inter == min(len(a), len(b)) and jaccard >= 0.5:
        return True
    # "What does a normal day look like?" and "What's a typical day in the lab like?": one
    # word of meaning, and the other question only adds where or what.
    if inter == 1 and min(len(a), len(b)) == 1 and max(len(a), len(b)) == 2:
        return bool(a & b & _CORE_ASKS) and not (a | b) & _NOT_WHERE
    return False


# The ask at the head of a question: how they started, what they enjoy, what is hardest,
# the typical day, the skills needed, the working environment ("week" and "qualities"
# fold into these).
_HEAD_ASKS = {"hard", "enjoy", "day", "skill", "start", "environment"}


# Words that name the job in general, not a part of it.
_ANY_WORK = {"work", "field", "line", "first", "out", "originally", "initially"}


def _as_start(sig: frozenset[str]) -> frozenset[str]:
    return sig - {_GOT_INTO_ASK} | {"start"} if _GOT_INTO_ASK in sig else sig


def same_ask(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two questions of one category asking the same head ask about overlapping things:
    "the hardest part of keeping old equipment running" and "the most difficult thing about
    keeping the old lines going". Only for questions already in the same category, since
    "best" and "start" also turn up in other asks."""
    a, b = _as_start(a), _as_start(b)
    core = a & b & _HEAD_ASKS
    if not core:
        return False
    if bool(a & _NEGATIVE) != bool(b & _NEGATIVE):
        return False
    rest_a, rest_b = a - _HEAD_ASKS, b - _HEAD_ASKS
    either = rest_a | rest_b
    if not either:
        return True
    # "How did you start out in audiology?" and "How did you first get into this line of
    # work?": how they started, asked twice, once naming the field and once not.
    if "start" in core and (not rest_a - _ANY_WORK or not rest_b - _ANY_WORK):
        return True
    # "What is your normal working day in the shipyard?" and "What do you do every day in
    # the yard?": the typical day asked twice in one list, only the place or wording
    # changed. (Tried for the best and the hardest part too: as many breaks as fixes.)
    if "day" in core and not either & _NOT_WHERE and max(len(rest_a), len(rest_b)) <= 2:
        return True
    shared = len(rest_a & rest_b)
    return shared >= 1 and shared / len(either) >= 0.25


def find_duplicates(
    questions: list[str], limit: int = 400, categories: list[str] | None = None
) -> list[tuple[int, int]]:
    """Index pairs (i < j) of questions that ask essentially the same thing. With
    ``categories`` (one per question), questions of one category that share their head ask
    and some of its object count too."""
    head = min(len(questions), limit)
    sigs = [signature(q) for q in questions[:head]]
    origin = [asks_origin(q) for q in questions[:head]]
    cats = categories[:head] if categories and len(categories) >= head else None
    pairs: list[tuple[int, int]] = []
    for i in range(head):
        for j in range(i + 1, head):
            same_cat = cats is None or cats[i] == cats[j]
            if similar(sigs[i], sigs[j], same_cat) or (origin[i] and origin[j]) or (
                cats is not None and same_cat and same_ask(sigs[i], sigs[j])
            ):
                pairs.append((i, j))
    # Beyond the limit only exact repeats (same words) are reported, to stay fast.
    seen: dict[str, int] = {}
    for i, q in enumerate(questions):
        key = " ".join(_WORD.findall(normalise(q[:300])))
        if not key:
            continue
        if key in seen and i >= head:
            pairs.append((seen[key], i))
        seen.setdefault(key, i)
    return pairs
