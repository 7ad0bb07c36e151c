"""Moments the persona creates, and how the learner's next turn handles them.

A moment is raised by the persona (see ``Moment`` in personas.py) and judged on
the learner's next turn ("well" or "poorly"), except ``short_time``, whose
verdict depends on whether the learner finished inside the shorter time, which
the debrief decides. The course's guidance for each moment is in the practice
chapter; ``GUIDE`` holds the one-line version the debrief shows.
"""

from __future__ import annotations

import re

from exercises.practice.matching import LONG_STATEMENT_WORDS, Reading

#: How the debrief names each moment, and the one-line guidance it gives.
LABELS: dict[str, str] = {
    "ask_about_you": "Asked about you",
    "next_step": "Asked what you hope to do next",
    "cv_offer": "Offered to pass on your CV",
    "hiring": "Mentioned an opening",
    "short_time": "Had less time than agreed",
    "runs_over": "Ran past the agreed time",
    "not_recommend": "Said they would not recommend the field",
    "polite_yes": "Gave a polite yes that meant no",
    "address": "How to address them",
}
GUIDE: dict[str, str] = {
    "ask_about_you": "Answer in two or three sentences (who you are, what you are exploring, "
    "why them), then hand the conversation back with a question.",
    "next_step": "Say in a sentence or two what you are considering next; it helps them "
    "tailor their advice.",
    "cv_offer": "Thank them, say when you will send it, and keep the rest of the call "
    "about learning.",
    "hiring": "Thank them, ask to follow up by email, and keep the rest of the call about "
    "learning, not about the job.",
    "short_time": "Say that is fine, ask the one or two questions that matter most, and "
    "close inside the time they have.",
    "runs_over": "When the agreed time is up, offer to let them go: thank them and close, "
    "even if they are happy to keep talking.",
    "not_recommend": "Ask why, and who it does suit; a frank warning is some of the most "
    "useful information you can get.",
    "polite_yes": "When a yes comes wrapped in 'perhaps' and 'some people', ask what would "
    "make it hard.",
    "address": "Use the form of address they use for themselves until they invite you to "
    "use their first name.",
}

_PUSH_RE = re.compile(
    r"\b(?:put\s+me\s+forward|recommend\s+me|refer\s+me|put\s+in\s+a\s+(?:good\s+)?word|interview"
    r"|will\s+i\s+get|would\s+i\s+get|(?:do\s+you\s+)?think\s+i'?d\s+get|salary|tell\s+(?:the|your)\s+"
    r"(?:manager|boss|head|team)|hire\s+me|give\s+me\s+(?:the|a)\s+job|get\s+me\s+(?:in|an?|the)"
    r"|shortlist|fast[-\s]track|guarantee)",
    re.I,
)
_ACCEPT_RE = re.compile(
    r"\b(?:i'?ll\s+send|i\s+will\s+send|will\s+send|send\s+it|happy\s+to|i'?d\s+(?:love|like)\s+to"
    r"|kind\s+of\s+you|very\s+kind|so\s+kind|generous|not\s+(?:quite\s+)?ready|later|email\s+you"
    r"|that\s+would\s+be|sounds\s+(?:great|good|lovely)|appreciate|i'?ll\s+think|have\s+a\s+look"
    r"|no\s+thank|not\s+applying|after\s+(?:this|our\s+call|the\s+call|today)|next\s+week"
    r"|once\s+i'?ve|come\s+back\s+to\s+you|keep\s+(?:it\s+)?in\s+mind|follow\s+up)\b",
    re.I,
)
_ARGUE_RE = re.compile(
    r"\b(?:but\s+i|i\s+still|i\s+really\s+want|disagree|that'?s\s+not\s+true|surely|i\s+don'?t\s+think\s+so)\b",
    re.I,
)
_PROBE_RE = re.compile(
    r"\b(?:why|what\s+makes|what\s+would\s+make|what\s+made|difficult|hard|catch|downside|risks?"
    r"|realistic|really|honest|mean|how\s+many|how\s+often|odds|chances?|who\s+(?:does|would)"
    r"|what\s+kind\s+of\s+person|instead|alternatives?|plan\s+b|suit|worth\s+it)\b",
    re.I,
)
_SHORT_ACK_RE = re.compile(
    r"\b(?:of\s+course|no\s+problem|understood|that'?s\s+fine|fine|ten\s+minutes|keep\s+(?:it\s+)?"
    r"(?:short|brief|quick)|keep\s+to|quick|thank|thanks)\b",
    re.I,
)


def pushes(r: Reading) -> bool:
    """The learner presses for the job or the referral ("Can you put me forward?")."""
    return "job_ask" in r.flags or _PUSH_RE.search(r.lowered) is not None


def self_intro_verdict(r: Reading) -> str:
    """ask_about_you / next_step: a few sentences about themselves, not none and not a speech."""
    n = r.self_statement_words
    if n > LONG_STATEMENT_WORDS:
        return "long"
    return "well" if n >= 6 else "ignored"


def judge(kind: str, r: Reading) -> str:
    """'well' or 'poorly' (or, for a self-introduction, 'long' / 'ignored') for the next turn."""
    low = r.lowered
    if kind in ("ask_about_you", "next_step"):
        return self_intro_verdict(r)
    if kind in ("cv_offer", "hiring"):
        pushed = pushes(r)
        accepted = r.thanks or _ACCEPT_RE.search(low) is not None
        return "well" if accepted and not pushed else "poorly"
    if kind == "not_recommend":
        if _ARGUE_RE.search(low) or "job_ask" in r.flags:
            return "poorly"
        engaged = (
            r.main is not None
            and r.open_ended
            and (r.follow_up_cue or _PROBE_RE.search(r.main.text) is not None)
        )
        return "well" if engaged else "poorly"
    if kind == "polite_yes":
        probing = (
            r.main is not None
            and r.open_ended
            and (r.follow_up_cue or _PROBE_RE.search(r.main.text) is not None)
        )
        return "well" if probing else "poorly"
    if kind == "runs_over":
        closing = (r.thanks and (r.wrap_up or r.asks_referral)) or r.goodbye
        return "well" if closing and not (r.main and r.other_question) else "poorly"
    if kind == "short_time":
        return "well" if r.agreed or _SHORT_ACK_RE.search(low) else ""
    return ""
