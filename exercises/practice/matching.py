"""Reading a learner's turn the way a person would hear it.

People rarely send one clean question. They say hello, thank you, mention who
they are, and then ask, often in lower case, without a question mark, or with a
second half-question tacked on ("What's a normal day like? Lots of playtesting?").
``read_turn`` splits a turn into parts (greeting, thanks, small talk, a request
to take notes, statements, questions, a goodbye), classifies every question with
the course's one classifier (``exercises.grading.classify_question``), and picks
the question the persona should answer. Two questions count as two only when
both are real, open questions on different topics.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

MAX_CHARS = 1500  # a long self-introduction fits; a pasted essay gets "one question, please"
MAX_PARTS = 8  # parts classified per turn, which keeps a turn fast even for a pasted list
LONG_STATEMENT_WORDS = 100  # answering "tell me about yourself" with more than this is a monologue

_TAG_RE = re.compile(r"<[^>]*>")
_SPACE_RE = re.compile(r"\s+")
_LETTER_RE = re.compile(r"[^\W\d_]", re.UNICODE)
_WORD_RE = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*", re.UNICODE)
# Sentence ends, but not after "Dr." or "e.g.".
_ABBREV_END = re.compile(r"\b(?:dr|mr|mrs|ms|mx|prof|st|e\.g|i\.e|etc|vs|no|approx)\.$", re.I)
_SPLIT_RE = re.compile(r"(?<=[.!?])\s+|\n+")

_NAME_TITLES = ("dr", "doctor", "prof", "professor", "mr", "mrs", "ms", "mx", "miss", "sir")
_GREETING_RE = re.compile(
    r"^(?:hi|hello|hey|hiya|heya|hola|howdy|hallo|greetings|dear|good\s+(?:morning|afternoon|evening|day)"
    r"|morning|afternoon|evening)\b(?:\s+there)?",
    re.I,
)
_THANKS_HEAD_RE = re.compile(
    r"^(?:thank\s+you|thanks|thank\s+u|thankyou|thx|ty|cheers|many\s+thanks|much\s+appreciated"
    r"|i\s+(?:really\s+)?appreciate\s+(?:it|this|that|you(?:r\s+time)?))"
    r"(?:\s+(?:so|very)\s+much|\s+a\s+lot|\s+a\s+million|\s+again|\s+loads|\s+heaps)?",
    re.I,
)
_THANKS_FOR_RE = re.compile(r"^\s*for\s+[^,.!?;:\u2013\u2014]{1,90}", re.I)
_THANKS_RE = re.compile(
    r"\b(?:thank|thanks|thankyou|thx|grateful|appreciate[ds]?|appreciation|cheers)\b", re.I
)
_ACK_RE = re.compile(
    r"^(?:sure|of\s+course|yes(?:\s+please)?|yeah|yep|yup|absolutely|definitely|certainly"
    r"|no\s+problem|no\s+worries|understood|totally|great|perfect|brilliant|fair\s+enough"
    r"|that\s+makes\s+sense|got\s+it|right|okay|ok|ah|oh|wow|haha|ha)\b(?![-'])[\s,!.:;\u2013\u2014-]*",
    re.I,
)
_FILLER_RE = re.compile(
    r"^(?:so|and|also|um+|uh+|er+|erm+|well|anyway|just|but|now|then|sorry"
    r"|(?:and\s+)?one\s+(?:more|last)(?:\s+(?:thing|question))?|(?:a\s+)?quick\s+question"
    r"|last\s+question|on\s+that\s+note|following\s+up(?:\s+on\s+that)?|for\s+now|meanwhile"
    r"|in\s+the\s+meantime|finally|lastly|first(?:ly)?|secondly|next|before\s+(?:we|i|you)\s+"
    r"(?:finish|go|wrap\s+up))\b(?![-'])[\s,:;\u2013\u2014-]*",
    re.I,
)
_SMALL_TALK_RE = re.compile(
    r"^(?:how\s+are\s+(?:you|things)(?:\s+doing)?(?:\s+today)?|how'?s\s+(?:it\s+going|things|your\s+"
    r"(?:day|week|morning|afternoon|evening))|how\s+(?:is|was)\s+your\s+(?:day|week|weekend|morning)"
    r"|how\s+have\s+you\s+been|(?:i\s+)?hope\s+(?:you'?re|you\s+are|you'?ve|you\s+have|your|all)\b.*"
    r"|(?:it'?s\s+|it\s+is\s+|so\s+|really\s+)?(?:very\s+|so\s+|really\s+)?(?:nice|great|lovely|good|pleased"
    r"|a\s+pleasure|an\s+honou?r|glad)\s+to\s+(?:meet|see|talk|speak|chat|finally)\b.*"
    r"|nice\s+meeting\s+you.*)[\s?!.]*$",
    re.I,
)
_PERMISSION_RE = re.compile(
    r"^(?:(?:do|would)\s+you\s+mind\s+(?:if\s+i\s+)?|is\s+it\s+(?:ok|okay|alright|all\s+right|fine)\s+"
    r"(?:if\s+i|for\s+me\s+to|to)\s+|would\s+it\s+be\s+(?:ok|okay|alright|fine)\s+(?:if\s+i|to)\s+"
    r"|(?:can|could|may)\s+i\s+)(?:take|make|jot\s+down|write\s+down)\s+(?:some\s+|a\s+few\s+)?notes\b.*"
    r"|^(?:can|could|may)\s+i\s+ask\s+(?:you\s+)?(?:a|some|a\s+few|one|two|my)\s+(?:quick\s+)?questions?\??$"
    r"|^(?:can|could|may)\s+i\s+ask\s+you\s+something\??$",
    re.I,
)
_GOODBYE_RE = re.compile(
    r"^(?:(?:ok(?:ay)?\s+)?(?:thanks\s+)?bye(?:\s+bye)?|goodbye|see\s+you|take\s+care"
    r"|have\s+a\s+(?:good|great|nice|lovely)\s+(?:day|evening|weekend|one|night)"
    r"|all\s+the\s+best|speak\s+soon|talk\s+soon)\b",
    re.I,
)
# Wrap-up phrases: the learner signals the conversation is ending.
# Deliberately strict: "thanks, that's really helpful" in the middle must not end the call.
_WRAP_UP_RE = re.compile(
    r"\b(?:your\s+time|for\s+today|(?:i'?ve|i\s+have)\s+learn(?:ed|t)|learn(?:ed|t)\s+(?:a\s+lot|so\s+much)"
    r"|this\s+(?:was|has\s+been)\s+(?:\w+\s+)?(?:helpful|useful|great|wonderful|valuable|insightful"
    r"|brilliant|encouraging|lovely|fascinating)"
    r"|that'?s\s+all|that\s+is\s+all|all\s+my\s+questions|let\s+you\s+go|keep\s+you"
    r"|wrap(?:ping)?\s+up|before\s+(?:we|i)\s+(?:finish|go|end)|(?:great|nice|lovely|good)\s+"
    r"(?:talking|chatting|speaking)|good\s+to\s+(?:talk|chat|speak)|in\s+touch"
    r"|for\s+(?:the|this|our)\s+(?:chat|conversation|talk|call)"
    r"|for\s+(?:talking|speaking|chatting|sharing|meeting|fitting\s+me\s+in)|exactly\s+what\s+i\s+needed"
    r"|really\s+helped|conscious\s+of\s+(?:the\s+)?time)\b",
    re.I,
)
# Cues that the learner is picking up on something said earlier.
_FOLLOW_UP_RE = re.compile(
    r"\b(?:you\s+mentioned|you\s+said|you\s+talked\s+about|you\s+described|earlier\s+you|go\s+back\s+to"
    r"|more\s+about\s+(?:that|this|it|those|the)|tell\s+me\s+more|say\s+more|expand\s+on|elaborate"
    r"|what\s+was\s+(?:that|it)(?:\s+\w+){0,3}\s+like|what\s+happened|what\s+do\s+you\s+mean"
    r"|what\s+makes\s+you\s+say|why\s+do\s+you\s+say|how\s+did\s+that|how\s+did\s+you\s+handle"
    r"|why\s+was\s+that|an\s+example\s+of\s+that|(?:that|it)\s+sounds|sounds\s+like|how\s+come"
    r"|what\s+would\s+make\s+it|what\s+(?:did|do)\s+you\s+learn\s+from\s+(?:that|it))\b",
    re.I,
)
# A referral ask names people ("anyone else", "who", "a colleague"); without such a
# cue, "thanks for making time to talk to me" is not a referral request.
_REFERRAL_CUE_RE = re.compile(
    r"\b(?:who|whom|anyone|anybody|someone|somebody|else|other\s+people|others|colleagues?"
    r"|introduc\w*|recommend\w*|suggest\w*|connect\w*|names?|contacts?|groups?)\b",
    re.I,
)
_QUESTION_START_RE = re.compile(
    r"^(?:what|what's|whats|how|how's|hows|why|when|where|who|which|whom|whose|do|does|did|is|are"
    r"|was|were|can|could|will|would|should|have|has|may|might|tell|describe|explain|any|if)\b",
    re.I,
)
_INDIRECT_RE = re.compile(
    r"^(?:i'?m\s+|i\s+am\s+|i\s+was\s+|i'?ve\s+been\s+|i\s+have\s+been\s+)?(?:just\s+|really\s+)?"
    r"(?:wondering|curious|interested\s+to\s+(?:know|hear)|keen\s+to\s+(?:know|hear|understand))\b"
    r"|^i'?d\s+(?:really\s+)?(?:love|like|be\s+(?:interested|keen|curious))\s+to\s+(?:know|hear|learn|understand)\b"
    r"|^i\s+(?:would\s+)?(?:really\s+)?(?:love|like)\s+to\s+(?:know|hear|learn|understand)\b"
    r"|^(?:please\s+)?(?:tell|walk)\s+me\b",
    re.I,
)
_SELF_RE = re.compile(r"\b(?:i|i'm|im|i've|i'd|i'll|my|me|myself)\b", re.I)


def clean(text: str) -> str:
    """Drop HTML tags and entities and squeeze whitespace; keep the learner's words."""
    text = _TAG_RE.sub(" ", text)
    text = html.unescape(text).replace("\u2019", "'").replace("\u2018", "'")  # phone keyboards
    text = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in text)
    lines = [_SPACE_RE.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def word_count(text: str) -> int:
    return len(_WORD_RE.findall(text))


def words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def is_question(sentence: str) -> bool:
    s = sentence.strip()
    return (
        s.endswith("?")
        or _QUESTION_START_RE.match(s) is not None
        or _INDIRECT_RE.match(s) is not None
    )


def has_thanks(text: str) -> bool:
    return _THANKS_RE.search(text) is not None


def has_wrap_up(text: str) -> bool:
    return _WRAP_UP_RE.search(text) is not None


def has_follow_up_cue(text: str) -> bool:
    return _FOLLOW_UP_RE.search(text) is not None


def asks_for_people(text: str) -> bool:
    return _REFERRAL_CUE_RE.search(text) is not None


def sentences(cleaned: str) -> list[str]:
    out: list[str] = []
    for piece in _SPLIT_RE.split(cleaned):
        piece = piece.strip()
        if not piece:
            continue
        if out and _ABBREV_END.search(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


@dataclass
class Part:
    """One piece of a turn: its kind, its words and (for questions) the classifier's view."""

    kind: str  # greeting, address, thanks, ack, small_talk, permission, goodbye, statement,
    #            question, fragment (a half question tacked onto the one before)
    text: str
    info: Any = None  # QuestionInfo for questions

    @property
    def about_self(self) -> bool:
        return self.kind == "statement" and _SELF_RE.search(self.text) is not None


@dataclass
class Reading:
    """What the persona hears in one turn."""

    cleaned: str
    parts: list[Part] = field(default_factory=list)
    questions: list[Part] = field(default_factory=list)  # real questions, in order
    main: Part | None = None
    focus: str = ""  # the main question plus its tacked-on fragments: what to match terms on
    double: bool = False
    second: Part | None = None
    asks_referral: bool = False
    follow_up_cue: bool = False
    wrap_up: bool = False
    flags: set[str] = field(default_factory=set)  # job_ask / googleable from any question
    used_first_name: bool = False
    used_formal_name: bool = False

    def has(self, kind: str) -> bool:
        return any(p.kind == kind for p in self.parts)

    @property
    def lowered(self) -> str:
        return self.cleaned.lower()

    @property
    def about_them(self) -> str:
        """What the learner said about the persona's words: everything but talk about themselves
        ("Earlier you mentioned the loft. What happened?" but not "I'm weighing up a loft
        conversion")."""
        return " ".join(
            p.text
            for p in self.parts
            if p.kind in ("question", "fragment") or (p.kind == "statement" and not p.about_self)
        )

    @property
    def greeting(self) -> bool:
        return self.has("greeting")

    @property
    def thanks(self) -> bool:
        return self.has("thanks")

    @property
    def agreed(self) -> bool:
        return self.has("ack")

    @property
    def goodbye(self) -> bool:
        return self.has("goodbye")

    @property
    def statements(self) -> list[str]:
        return [p.text for p in self.parts if p.kind == "statement"]

    @property
    def self_statement_words(self) -> int:
        return sum(word_count(p.text) for p in self.parts if p.about_self)

    @property
    def category(self) -> str:
        return self.main.info.category if self.main else "other"

    @property
    def open_ended(self) -> bool:
        return bool(self.main.info.open_ended) if self.main else True

    @property
    def other_question(self) -> bool:
        """A question besides a referral ask."""
        return any(
            q.info.category != "referrals" or not asks_for_people(q.text) for q in self.questions
        )


def _peel_names(rest: str, names: Iterable[str]) -> tuple[str, str]:
    """Strip up to three name-like words (titles, the persona's names, capitalised words)."""
    known = {n.lower() for n in names} | set(_NAME_TITLES)
    taken: list[str] = []
    while len(taken) < 3:
        m = re.match(r"\s*([^\W\d_][\w'.-]*)", rest)
        if not m:
            break
        word = m.group(1)
        bare = word.rstrip(".").lower()
        capital = word[0].isupper() and not _QUESTION_START_RE.match(word)
        if bare in known or (capital and bare not in ("i", "i'm", "thanks", "thank")):
            taken.append(word)
            rest = rest[m.end() :]
        else:
            break
    return " ".join(taken), rest


def _split_sentence(sentence: str, names: Iterable[str]) -> list[Part]:
    """Peel greetings, thanks, acknowledgements and fillers off the front; classify the rest."""
    parts: list[Part] = []
    rest = sentence.strip()
    for _ in range(8):
        m = _GREETING_RE.match(rest)
        if m:
            who, after = _peel_names(rest[m.end() :], names)
            parts.append(Part("greeting", (m.group(0) + " " + who).strip()))
            rest = after.lstrip(" ,!.:;-\u2013\u2014")
            continue
        m = _THANKS_HEAD_RE.match(rest)
        if m:
            end = m.end()
            who, after = _peel_names(rest[end:], names)
            f = _THANKS_FOR_RE.match(after)
            text = rest[:end] + (" " + who if who else "") + (f.group(0) if f else "")
            rest = (after[f.end() :] if f else after).lstrip(" ,!.:;-\u2013\u2014")
            parts.append(Part("thanks", text.strip()))
            continue
        m = _ACK_RE.match(rest)
        if m:
            parts.append(Part("ack", m.group(0).strip(" ,!.:;-")))
            rest = rest[m.end() :]
            continue
        m = _FILLER_RE.match(rest)
        if m and m.end() > 0:
            rest = rest[m.end() :]
            continue
        # A bare address at the start: "Dr Nowak, how did you..."
        m = re.match(r"^((?:[\w.'-]+\s+){0,2}[\w.'-]+)\s*,\s*", rest)
        if m:
            who, after = _peel_names(m.group(1), names)
            if who and not after.strip():
                parts.append(Part("greeting", who))
                rest = rest[m.end() :]
                continue
        break
    rest = rest.strip(" ,;:-\u2013\u2014")
    if not _LETTER_RE.search(rest):
        return parts
    who, after = _peel_names(rest, names)
    if who and not _LETTER_RE.search(after):
        parts.append(Part("address", who))  # "Thanks for your time, Julian."
    elif _GOODBYE_RE.match(rest):
        parts.append(Part("goodbye", rest))
    elif _SMALL_TALK_RE.match(rest):
        parts.append(Part("small_talk", rest))
    elif _PERMISSION_RE.match(rest):
        parts.append(Part("permission", rest))
    elif _THANKS_RE.search(rest) and not is_question(rest):
        parts.append(Part("thanks", rest))
    elif is_question(rest):
        parts.append(Part("question", rest))
    else:
        parts.append(Part("statement", rest))
    return parts


def _asks_directly(text: str) -> bool:
    """Starts like a question ("How...", "Do you...", "Tell me...", "I was wondering...")."""
    s = text.strip()
    lead = re.match(r"^[^,?]{1,40},\s*", s)  # "For our purposes, what..."
    tail = s[lead.end() :] if lead else s
    return any(
        rx.match(x) is not None for rx in (_QUESTION_START_RE, _INDIRECT_RE) for x in (s, tail)
    )


def _is_fragment(text: str) -> bool:
    """A tacked-on half question ("Lots of playtesting?", "crunch?")."""
    ws = words(text)
    return len(ws) <= 4 and _QUESTION_START_RE.match(text.strip()) is None


def read_turn(cleaned: str, classify: Callable[[str], Any], names: Iterable[str] = ()) -> Reading:
    """Split a cleaned, non-empty turn into parts and find the question to answer."""
    names = tuple(names)
    r = Reading(cleaned)
    for sentence in sentences(cleaned):
        r.parts.extend(_split_sentence(sentence, names))
    r.wrap_up = has_wrap_up(cleaned)
    r.follow_up_cue = has_follow_up_cue(cleaned)
    lowered_names = [n.lower() for n in names]
    for p in r.parts:
        if p.kind in ("greeting", "thanks", "address"):
            low = p.text.lower()
            if any(t in low.split() for t in _NAME_TITLES) or "dr." in low:
                r.used_formal_name = True
            elif lowered_names and re.search(rf"\b{re.escape(lowered_names[0])}\b", low):
                r.used_first_name = True

    # Fragments join the question before them; everything else that asks is a question.
    questions: list[Part] = []
    tails: dict[int, list[str]] = {}
    for p in r.parts:
        if p.kind != "question":
            continue
        if questions and _is_fragment(p.text):
            tails.setdefault(id(questions[-1]), []).append(p.text)
            p.kind = "fragment"
            continue
        questions.append(p)
    for q in questions[:MAX_PARTS]:
        q.info = classify(q.text)
    questions = [q for q in questions if q.info is not None]
    r.questions = questions
    for q in questions:
        r.flags |= {f for f in q.info.flags if f in ("job_ask", "googleable")}

    referral = [q for q in questions if q.info.category == "referrals" and asks_for_people(q.text)]
    r.asks_referral = bool(referral)
    candidates = [q for q in questions if q not in referral] or referral
    if candidates:
        # A sentence that only ends in "?" ("I'm not ready yet, so could I email you later?")
        # yields to one that asks outright.
        direct = [q for q in candidates if _asks_directly(q.text)] or candidates
        open_ones = [q for q in direct if q.info.open_ended]
        main = open_ones[0] if open_ones else direct[0]
        r.main = main
        distinct = [q for q in open_ones if q.info.category != main.info.category]
        if distinct and main.info.category != "other" and distinct[0].info.category != "other":
            r.double, r.second = True, distinct[0]
        elif "double_barreled" in main.info.flags and len(candidates) == 1:
            r.double = True
        same = [
            q.text for q in candidates if q is not main and q.info.category == main.info.category
        ]
        r.focus = " ".join([main.text, *tails.get(id(main), []), *same])
    return r
