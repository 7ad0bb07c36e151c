"""Reading the learner's message: clean-up, thanks and close, follow-up cues.

Question categories and flags come from ``exercises.grading.classify_question``
(the rubric's one classifier); this module only adds what a live conversation
needs on top: recognising a close, a thank-you, and a follow-up that builds on
what the persona just said.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

MAX_CHARS = 600  # three times a long real question; beyond this the persona asks for one at a time
MAX_PARTS = 6  # sentences classified per message, which keeps a turn fast even for a pasted list

_TAG_RE = re.compile(r"<[^>]*>")
_SPACE_RE = re.compile(r"\s+")
_LETTER_RE = re.compile(r"[^\W\d_]", re.UNICODE)
_WORD_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)?", re.UNICODE)
_SENTENCE_RE = re.compile(r"[^.!?]+[.!?]*")
_THANKS_RE = re.compile(r"\b(?:thank|thanks|thx|grateful|appreciate[ds]?)\b")
# Wrap-up phrases: the learner signals the conversation is ending.
# Deliberately strict: "thanks, that's really helpful" in the middle must not end the call.
_WRAP_UP_RE = re.compile(
    r"\b(?:your time|for today|(?:i'?ve|i have) learn(?:ed|t)|learn(?:ed|t) (?:a lot|so much)"
    r"|this (?:was|has been) (?:\w+ )?(?:helpful|useful|great|wonderful|valuable|insightful)"
    r"|that'?s all|that is all|all my questions|let you go|keep you|wrap(?:ping)? up"
    r"|before (?:we|i) (?:finish|go|end)|(?:great|nice|lovely|good) (?:talking|chatting|speaking)"
    r"|good to (?:talk|chat|speak)|in touch|for (?:the|this|our) (?:chat|conversation|talk|call)"
    r"|for (?:talking|speaking|chatting|sharing|meeting))"
)
# Cues that the learner is picking up on something said earlier.
_FOLLOW_UP_RE = re.compile(
    r"\b(?:you mentioned|you said|you talked about|you described|earlier you|go back to|"
    r"more about (?:that|this|it|those|the)|tell me more|say more|expand on|elaborate|"
    r"what was that like|what happened|what do you mean|how did that|how did you handle|"
    r"why was that|an example of that|that sounds)\b"
)
_GREETING_RE = re.compile(
    r"^(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|"
    r"(?:nice|great|lovely|pleased|good) to (?:meet|see|talk))\b"
)
# A referral ask names people ("anyone else", "who", "a colleague"); without such a
# cue, "thanks for making time to talk to me" is small talk, not a referral request.
_REFERRAL_CUE_RE = re.compile(
    r"\b(?:who|whom|anyone|anybody|someone|somebody|else|other people|others|colleagues?"
    r"|introduc\w*|recommend\w*|suggest\w*|connect\w*|names?|contacts?|groups?)\b"
)
_QUESTION_START_RE = re.compile(
    r"^(?:what|how|why|when|where|who|which|whom|whose|do|does|did|is|are|was|were|can|could|"
    r"will|would|should|have|has|may|might|tell|describe|explain)\b"
)


def clean(text: str) -> str:
    """Drop HTML tags and entities and squeeze whitespace; keep the learner's words."""
    text = _TAG_RE.sub(" ", text)
    text = html.unescape(text).replace("\u2019", "'").replace("\u2018", "'")  # phone keyboards
    return _SPACE_RE.sub(" ", text).strip()


def word_count(text: str) -> int:
    return len(_WORD_RE.findall(text))


def is_unclear(cleaned: str) -> bool:
    """Nothing the persona could answer: empty, only symbols or emoji, or one stray word."""
    if not _LETTER_RE.search(cleaned):
        return True
    lowered = cleaned.lower()
    words = _WORD_RE.findall(cleaned)
    return len(words) < 2 and not has_thanks(lowered) and not is_greeting(lowered)


def is_greeting(lowered: str) -> bool:
    return _GREETING_RE.match(lowered) is not None


def sentences(cleaned: str) -> list[str]:
    parts = [s.strip() for s in _SENTENCE_RE.findall(cleaned)]
    return [s for s in parts if _LETTER_RE.search(s)] or [cleaned]


def is_question(sentence: str) -> bool:
    s = sentence.strip().lower()
    return s.endswith("?") or _QUESTION_START_RE.match(s) is not None


def has_thanks(lowered: str) -> bool:
    return _THANKS_RE.search(lowered) is not None


def has_wrap_up(lowered: str) -> bool:
    return _WRAP_UP_RE.search(lowered) is not None


def has_follow_up_cue(lowered: str) -> bool:
    return _FOLLOW_UP_RE.search(lowered) is not None


@dataclass
class Reading:
    """What the engine needs to know about one learner message."""

    cleaned: str
    lowered: str
    category: str = "other"
    open_ended: bool = True
    flags: set[str] = field(default_factory=set)
    thanks: bool = False
    greeting: bool = False
    wrap_up: bool = False
    asks_referral: bool = False
    other_question: bool = False  # a question besides a referral ask
    follow_up_cue: bool = False


_CLAUSE_RE = re.compile(r"[,;:\u2013\u2014]|\s-\s")
_LEAD_RE = re.compile(r"^(?:and|so|but|also|then|oh|well|now|just|one last thing)\b[\s,]*", re.I)


def units(cleaned: str) -> list[str]:
    """Sentences, with thank-you clauses split off ("Thanks so much, who else ...?")."""
    out: list[str] = []
    for s in sentences(cleaned):
        if not has_thanks(s.lower()):
            out.append(s)
            continue
        for clause in _CLAUSE_RE.split(s):
            clause = _LEAD_RE.sub("", clause.strip())
            if _LETTER_RE.search(clause) and not has_thanks(clause.lower()):
                out.append(clause)
    return out


def read_message(cleaned: str, classify) -> Reading:
    """Classify a cleaned, non-empty message part by part.

    The main question is the last part that reads as a question (people put
    context first: "I'm studying nursing. How did you move into informatics?").
    Flags such as ``job_ask`` count from any part.
    """
    lowered = cleaned.lower()
    r = Reading(
        cleaned,
        lowered,
        thanks=has_thanks(lowered),
        greeting=is_greeting(lowered),
        wrap_up=has_wrap_up(lowered),
        follow_up_cue=has_follow_up_cue(lowered),
    )
    main = None
    infos: dict[str, object] = {}
    for part in units(cleaned)[:MAX_PARTS]:
        info = infos[part] = classify(part)
        r.flags |= {f for f in info.flags if f in ("job_ask", "googleable")}
        if info.category == "referrals" and _asks_for_people(part):
            r.asks_referral = True
        elif is_question(part) and not is_greeting(part.lower()):
            r.other_question = True
            main = info
    if main is None:
        # No question besides a thank-you or a referral ask: read the whole message.
        main = infos.get(cleaned) or classify(cleaned)
        if main.category == "referrals" and _asks_for_people(cleaned):
            r.asks_referral = True
        if not (r.thanks or r.greeting or r.asks_referral):
            r.other_question = True  # a statement ("I'd love to hear about your path") still asks
    r.category = main.category
    r.open_ended = bool(main.open_ended)
    r.flags |= set(main.flags)
    return r


def _asks_for_people(part: str) -> bool:
    return _REFERRAL_CUE_RE.search(part.lower()) is not None
