"""Outreach pitch grader: the ``pitch.*`` checks of the rubric, plus two extras."""

from __future__ import annotations

import re
from collections.abc import Iterable

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
from .duration import find_durations, find_vague
from .names import im_name, signoff_name
from .report import Check, Report
from .spelling import known_words_of, spelling_check
from .text import normalise, word_count

LEX = KIND = "pitch"

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
_WORK_AT = re.compile(
    r"\b(?:work|job|jobs|role|roles|life|career|team|practice)\s+(?:at|with|for)\s+(?:the\s+)?"
    r"[A-Z][\w&'.-]+"
)
_MEET_AT = re.compile(
    r"\b(?:meet\s+(?:me|you|up)|come\s+(?:to|by)|visit|drop\s+by|stop\s+by)\b[^.!?\n]{0,30}\bat\b",
    re.I,
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


def body_without_subject(text: str) -> str:
    """The text without its ``Subject:`` line: what the email word limit counts."""
    subject = _subject_span(text)
    return text[subject[1] :] if subject else text


def grade_pitch(
    text: str, channel: str = "email", known_words: Iterable[str] = ()
) -> Report:
    """Grade an outreach pitch against the rubric (``channel``: "email", "linkedin" for a
    free account's connection note, or "linkedin-premium"). ``known_words`` are words the
    spelling check never flags (the learner's own field terms, from their saved goal)."""
    require_str(text)
    if not isinstance(channel, str):
        raise TypeError(f"channel must be a str, not {type(channel).__name__}")
    channel = channel.strip().lower()
    if channel not in rubric.channels():
        names = ", ".join(f'"{c}"' for c in rubric.channels())
        raise ValueError(f"channel must be one of {names}, not {channel!r}")
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
        _learning_purpose(head, filled, subject),
        _no_job_ask(head, filled, slots),
        _time_ask(head, filled),
        _flexible(head, filled),
        _concise(text, channel, subject, meta),
        _polite(head, filled),
        _no_placeholders(text, slots),
        _not_apologetic(head, filled),
    ]
    rules = list(checks)
    checks = apply_learned(KIND, head, norm, checks)
    # Where the model passes what the rules failed, two things it may not overrule: praise
    # that fits anyone is no reason (why_them), and a message with no "I" or "my" in it
    # cannot say who the writer is (introduces_self).
    if checks[2].passed and not rules[2].passed and find_all(LEX, "generic_praise", filled):
        checks[2] = rules[2]
    if checks[0].passed and not rules[0].passed and not _outside(
        _FIRST_PERSON, filled, find_all(LEX, "others_of_mine", filled)
    ):
        checks[0] = rules[0]
    # Nor can a message state what it hopes to learn without a single word about learning,
    # asking or their work ("Could we grab a coffee?"), or with none beyond a chat "about
    # your job" that names no topic.
    if checks[3].passed and not rules[3].passed and not _outside(
        _LEARNING_WORD, filled, find_all(LEX, "bare_topic", filled)
    ):
        checks[3] = rules[3]
    spelled, meta["misspellings"] = spelling_check(KIND, head, known_words_of(known_words))
    checks.append(spelled)
    if channel == "email":
        checks.append(_subject_check(text, subject))
    return finish(KIND, text, checks, meta=meta)


def _outside(pattern: re.Pattern, norm: str, spans: list[tuple[int, int]]) -> bool:
    """Whether ``pattern`` matches somewhere that none of ``spans`` covers."""
    return any(not any(a <= m.start() < b for a, b in spans) for m in pattern.finditer(norm))


_FIRST_PERSON = re.compile(
    r"\b(?:i|i'm|im|i've|ive|i'd|my|me|myself|we're)\b|\bwe\s+(?:are|study|work|run|have)\b"
    r"|\b[a-z][\w-]*\s+here\b"  # "ex teacher here", "2nd officer on LNG carriers here"
)


_LEARNING_WORD = re.compile(
    r"\b(?:learn\w*|hear\w*|understand\w*|ask\w*|advi[cs]e|insights?|know\w*|questions?|"
    r"explor\w*|curious|find\s+out|tips?|guidance|perspective|how|what|why|which|experiences?|"
    r"path|career|journey|about|your\s+(?:work|role|job|field|team))\b"
)


def _introduces_self(text: str, norm: str) -> Check:
    spans = find_all(LEX, "introduces_self", norm)
    for extra in (im_name(text), signoff_name(text, norm)):
        if extra:
            spans.append(extra)
    return make_check(
        KIND, "pitch.introduces_self", bool(spans), spans, found=quote(text, spans)
    )


# "I also studied at Leeds": a shared school or employer, named (so capitalised).
_ALSO_NAMED = re.compile(
    r"\b(?:also|both)\s+(?:studied|graduated|went|attended|worked|trained|interned|volunteered)"
    r"\s+(?:at|from|to|in|for|with)\s+(?:the\s+)?[A-Z][\w&'.-]+"
)


# "Your work on the Tidewater short film": a named piece of their work is how you met it.
_WORK_NAMED = re.compile(
    r"\b[Yy]our\s+(?:recent\s+|latest\s+)?(?:work|project|research|film|book|show|campaign)"
    r"\s+(?:on|for|with)\s+(?:the\s+)?[A-Z][\w&'.-]+"
)


def _connection(text: str, norm: str) -> Check:
    spans = find_all(LEX, "connection", norm)
    spans += [m.span() for m in _ALSO_NAMED.finditer(text)]
    spans += [m.span() for m in _WORK_NAMED.finditer(text)]
    spans.sort()
    return make_check(KIND, "pitch.connection", bool(spans), spans, found=quote(text, spans))


def _why_them(text: str, blanked: str) -> Check:
    spans = find_all(LEX, "why_them", blanked)
    masked_orig = "".join("#" if b == "#" else t for t, b in zip(text, blanked, strict=False))
    for m in _AT_COMPANY.finditer(masked_orig):
        last = m.group(0).split()[-1].strip(".,'")
        if last not in _GENERIC_AT and not _NOT_WHY_GAP.search(m.group(0)):
            spans.append(m.span())
    for m in _DID_NAMED.finditer(masked_orig):
        spans.append(m.span())
    # "what quant risk work at State Street is like": their organisation, named.
    for m in _WORK_AT.finditer(masked_orig):
        if m.group(0).split()[-1] not in _GENERIC_AT:
            spans.append(m.span())
    # "meet me at the Starbucks" and "come to your office at Wuse" name a place, not a reason.
    spans = [sp for sp in spans if not _MEET_AT.search(masked_orig, max(0, sp[0] - 20), sp[1])]
    # A request for their vacancies ("whether your station has any vacancies") names them
    # only as an employer: it is a job ask, not a reason to talk to this person.
    jobs = find_job_asks(KIND, "job_ask", blanked)
    spans = [s for s in spans if not any(a < s[1] and s[0] < b for a, b in jobs)]
    # "your impressive research" is praise that fits anyone, though "your research" matched.
    praise = find_all(LEX, "generic_praise", blanked)
    spans = [s for s in spans if not any(a <= s[0] and s[1] <= b for a, b in praise)]
    spans.sort()
    return make_check(KIND, "pitch.why_them", bool(spans), spans, found=quote(text, spans))


def _learning_purpose(text: str, norm: str, subject: tuple[int, int] | None) -> Check:
    spans = find_all(LEX, "learning_purpose", norm)
    # "exchange perspectives" offers a swap, not a request to learn from them.
    swaps = find_all(LEX, "not_learning", norm)
    spans = [sp for sp in spans if not any(a <= sp[0] < b for a, b in swaps)]
    if subject:
        # A subject line names the topic; the request itself must say what you hope to learn.
        spans = [sp for sp in spans if sp[0] >= subject[1]]
    return make_check(
        KIND, "pitch.learning_purpose", bool(spans), spans, found=quote(text, spans)
    )


def _no_job_ask(text: str, norm: str, slots: list[tuple[int, int]]) -> Check:
    spans = find_job_asks(KIND, "job_ask", norm, slots)
    return make_check(KIND, "pitch.no_job_ask", not spans, spans, found=quote(text, spans))


def _time_ask(text: str, norm: str) -> Check:
    durations = find_durations(norm)
    if durations:
        most = rubric.max_minutes()
        over = [d for d in durations if d[2] > most]
        ok = [d for d in durations if 0 < d[2] <= most]
        if ok and not over:
            spans = [(a, b) for a, b, _ in ok]
            return make_check(KIND, "pitch.time_ask", True, spans, found=quote(text, spans))
        spans = [(a, b) for a, b, _ in over] or [(a, b) for a, b, _ in durations]
        return make_check(
            KIND, "pitch.time_ask", False, spans, found=quote(text, spans), variant="too_long"
        )
    vague = find_vague(norm)
    if vague:
        return make_check(
            KIND, "pitch.time_ask", False, vague, found=quote(text, vague), variant="vague"
        )
    return make_check(KIND, "pitch.time_ask", False, [])


def _flexible(text: str, norm: str) -> Check:
    spans = find_all(LEX, "flexible_scheduling", norm)
    return make_check(
        KIND, "pitch.flexible_scheduling", bool(spans), spans, found=quote(text, spans)
    )


def _concise(text: str, channel: str, subject: tuple[int, int] | None, meta: dict) -> Check:
    most, unit = rubric.length_limit(KIND, channel)
    n = meta["chars"] if unit == "characters" else meta["words"]
    return make_check(
        KIND,
        "pitch.concise",
        n <= most,
        [],
        what="email" if channel == "email" else rubric.channel_label(channel),
        count=n,
        unit=unit,
        max=most,
        note=" (not counting the subject line)" if channel == "email" else "",
    )


def _polite(text: str, norm: str) -> Check:
    spans = find_thanks(norm)
    return make_check(KIND, "pitch.polite_close", bool(spans), spans, found=quote(text, spans))


def _no_placeholders(text: str, slots: list[tuple[int, int]]) -> Check:
    return make_check(KIND, "pitch.no_placeholders", not slots, slots, found=quote(text, slots))


def _not_apologetic(text: str, norm: str) -> Check:
    check_id = "pitch.extra.not_over_apologetic"
    spans = find_all(LEX, "apology", norm)
    most = int(rubric.param(check_id, "max_apologies"))
    ok = len(spans) <= most
    return make_check(
        KIND, check_id, ok, spans, found=quote(text, spans), count=len(spans),
        variant="one" if ok and spans else "",
    )


def _subject_check(text: str, subject: tuple[int, int] | None) -> Check:
    check_id = "pitch.extra.subject_line"
    if not subject:
        return make_check(KIND, check_id, False, [])
    line = text[subject[0] : subject[1]]
    topic = line.split(":", 1)[1].strip() if ":" in line else ""
    ok = word_count(topic) >= int(rubric.param(check_id, "min_words"))
    return make_check(KIND, check_id, ok, [subject], variant="" if ok else "short")
