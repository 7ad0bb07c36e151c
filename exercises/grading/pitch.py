"""Outreach pitch grader: the ``pitch.*`` checks of the rubric, plus two extras."""

from __future__ import annotations

import re

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
from .duration import find_durations, find_vague
from .names import im_name, signoff_name
from .report import Check, Report
from .text import normalise, word_count

LEX = "pitch_lexicon"
KIND = "pitch"
EMAIL_WORD_LIMIT = 150
LINKEDIN_CHAR_LIMIT = 300

_SUBJECT_RE = re.compile(r"^[ \t]*(?:subject|subj|re)\s*:[^\n]*", re.IGNORECASE)
# "your role at Acme" needs the original capitals to see the company name.
_AT_COMPANY = re.compile(
    r"\b(?:you|your|You|Your)\b[^.!?\n]{0,50}?\b(?:at|with|for|from|joining)\s+(?:the\s+)?"
    r"[A-Z][\w&'.-]+"
)
# "your profile while searching for Acme" says how they were found, not why them.
_NOT_WHY_GAP = re.compile(
    r"\b(?:profile|email|name|contact|details|address|number|search|searching)\b", re.I
)
# "you opened Dulce Bakery", "you led Project Atlas": something they did, with its name.
_DID_NAMED = re.compile(
    r"\b(?:you|You)\s+(?:\w+ly\s+)?(?:[a-z]{2,}ed|ran|built|began|grew|wrote|made|took|led|won|set\s+up|"
    r"co-founded|founded|run|lead|manage|head|teach|own)\s+(?:the\s+|a\s+|an\s+|your\s+)?[A-Z][\w&'.-]+"
)
_GENERIC_AT = {
    "LinkedIn",
    "The",
    "A",
    "An",
    "Your",
    "My",
    "This",
    "That",
    "Some",
    "Any",
    "All",
    "I",
    # Tools and dates say how or when to meet, not why this person.
    "Zoom",
    "Teams",
    "Skype",
    "Google",
    "Meet",
    "Calendly",
    "WhatsApp",
    "FaceTime",
    "Slack",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Christmas",
    "Easter",
}


def _subject_span(text: str) -> tuple[int, int] | None:
    """The ``Subject:`` line, only when it is the first non-blank line."""
    stripped = text.lstrip()
    m = _SUBJECT_RE.match(stripped[:500])
    if not m:
        return None
    off = len(text) - len(stripped)
    return (off + m.start(), off + m.end())


def grade_pitch(text: str, channel: str = "email") -> Report:
    """Grade an outreach pitch against the rubric (``channel``: "email" or "linkedin")."""
    require_str(text)
    if not isinstance(channel, str):
        raise TypeError(f"channel must be a str, not {type(channel).__name__}")
    channel = channel.strip().lower()
    if channel not in {"email", "linkedin"}:
        raise ValueError(f'channel must be "email" or "linkedin", not {channel!r}')
    subject = _subject_span(text)
    body = text[subject[1] :] if subject else text
    meta = {"channel": channel, "words": word_count(body), "chars": len(text.strip())}
    if is_blank(text):
        return empty_report(KIND, text, "message", meta)

    head = text[:ANALYSE_LIMIT]
    norm = normalise(head)
    filled, blanked, slots = slot_views(head, norm)
    checks: list[Check] = [
        _introduces_self(head, filled),
        _connection(head, filled),
        _why_them(head, blanked),
        _learning_purpose(head, filled),
        _no_job_ask(head, filled),
        _time_ask(head, filled),
        _flexible(head, filled),
        _concise(text, channel, subject, meta),
        _polite(head, filled),
        _no_placeholders(text, slots),
        _not_apologetic(head, filled),
    ]
    if channel == "email":
        checks.append(_subject_check(text, subject))
    return finish(KIND, text, checks, meta=meta)


def _introduces_self(text: str, norm: str) -> Check:
    spans = find_all(LEX, "introduces_self", norm)
    for extra in (im_name(text), signoff_name(text, norm)):
        if extra:
            spans.append(extra)
    return make_check(
        KIND, "pitch.introduces_self", bool(spans), spans[:3], found=quote(text, spans)
    )


def _connection(text: str, norm: str) -> Check:
    spans = find_all(LEX, "connection", norm)
    return make_check(KIND, "pitch.connection", bool(spans), spans[:3], found=quote(text, spans))


def _why_them(text: str, blanked: str) -> Check:
    spans = find_all(LEX, "why_them", blanked)
    masked_orig = "".join("#" if b == "#" else t for t, b in zip(text, blanked, strict=False))
    for m in _AT_COMPANY.finditer(masked_orig):
        last = m.group(0).split()[-1].strip(".,'")
        if last not in _GENERIC_AT and not _NOT_WHY_GAP.search(m.group(0)):
            spans.append(m.span())
    for m in _DID_NAMED.finditer(masked_orig):
        spans.append(m.span())
    # A request for their vacancies ("whether your station has any vacancies") names them
    # only as an employer: it is a job ask, not a reason to talk to this person.
    jobs = find_all(LEX, "job_ask", blanked, skip_negated=True)
    spans = [s for s in spans if not any(a < s[1] and s[0] < b for a, b in jobs)]
    spans.sort()
    return make_check(KIND, "pitch.why_them", bool(spans), spans[:3], found=quote(text, spans))


def _learning_purpose(text: str, norm: str) -> Check:
    spans = find_all(LEX, "learning_purpose", norm)
    return make_check(
        KIND, "pitch.learning_purpose", bool(spans), spans[:3], found=quote(text, spans)
    )


def _no_job_ask(text: str, norm: str) -> Check:
    spans = find_all(LEX, "job_ask", norm, skip_negated=True)
    return make_check(KIND, "pitch.no_job_ask", not spans, spans, found=quote(text, spans))


def _time_ask(text: str, norm: str) -> Check:
    durations = find_durations(norm)
    if durations:
        over = [d for d in durations if d[2] > 30]
        ok = [d for d in durations if 0 < d[2] <= 30]
        if ok and not over:
            spans = [(a, b) for a, b, _ in ok]
            return make_check(KIND, "pitch.time_ask", True, spans, found=quote(text, spans))
        spans = [(a, b) for a, b, _ in over] or [(a, b) for a, b, _ in durations]
        why = f"You ask for {quote(text, spans).strip()}, which is more than 30 minutes."
        return make_check(KIND, "pitch.time_ask", False, spans, why=why)
    vague = find_vague(norm)
    if vague:
        why = (
            f"\u201c{quote(text, vague).strip()}\u201d is not a set length, so the reader "
            "cannot tell how much time you need."
        )
        return make_check(KIND, "pitch.time_ask", False, vague[:3], why=why)
    return make_check(
        KIND,
        "pitch.time_ask",
        False,
        [],
        why="The message does not say how long the conversation would take.",
    )


def _flexible(text: str, norm: str) -> Check:
    spans = find_all(LEX, "flexible_scheduling", norm)
    return make_check(
        KIND, "pitch.flexible_scheduling", bool(spans), spans[:3], found=quote(text, spans)
    )


def _concise(text: str, channel: str, subject: tuple[int, int] | None, meta: dict) -> Check:
    if channel == "linkedin":
        n = meta["chars"]
        ok = n <= LINKEDIN_CHAR_LIMIT
        why = (
            f"The message is {n} characters; LinkedIn notes should be at most "
            f"{LINKEDIN_CHAR_LIMIT}."
        )
        return make_check(KIND, "pitch.concise", ok, [], why=why)
    n = meta["words"]
    ok = n <= EMAIL_WORD_LIMIT
    why = (
        f"The email is {n} words (not counting the subject line); "
        f"aim for at most {EMAIL_WORD_LIMIT}."
    )
    return make_check(KIND, "pitch.concise", ok, [], why=why)


def _polite(text: str, norm: str) -> Check:
    spans = find_all(LEX, "polite_close", norm)
    return make_check(KIND, "pitch.polite_close", bool(spans), spans[:3], found=quote(text, spans))


def _no_placeholders(text: str, slots: list[tuple[int, int]]) -> Check:
    return make_check(KIND, "pitch.no_placeholders", not slots, slots, found=quote(text, slots))


def _not_apologetic(text: str, norm: str) -> Check:
    spans = find_all(LEX, "apology", norm)
    return make_check(
        KIND, "pitch.extra.not_over_apologetic", not spans, spans, found=quote(text, spans)
    )


def _subject_check(text: str, subject: tuple[int, int] | None) -> Check:
    if not subject:
        return make_check(
            KIND,
            "pitch.extra.subject_line",
            False,
            [],
            why="No subject line was found at the top of the email.",
        )
    line = text[subject[0] : subject[1]]
    topic = line.split(":", 1)[1].strip() if ":" in line else ""
    n = word_count(topic)
    if n >= 3:
        return make_check(
            KIND,
            "pitch.extra.subject_line",
            True,
            [subject],
            why="The subject line tells the reader what the email is about.",
        )
    return make_check(
        KIND,
        "pitch.extra.subject_line",
        False,
        [subject],
        why="The subject line is too short to say what the email is about.",
    )
