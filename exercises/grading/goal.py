"""Learning-goal grader: the ``goal.*`` checks of the rubric."""

from __future__ import annotations

import re
from functools import lru_cache

from .common import (
    ANALYSE_LIMIT,
    apply_learned,
    empty_report,
    find_all,
    find_job_asks,
    finish,
    is_blank,
    make_check,
    quote,
    require_str,
    slot_views,
)
from .lexicon import cue
from .report import Report
from .text import normalise, word_count

LEX = KIND = "goal"

# A capitalised name after at/with/for ("at Doctors Without Borders") names an organisation.
_ORG_RE = re.compile(
    r"\b(?:at|with|for|from|join|joining|like|such as|including|to|into)\s+"
    r"(?:(?:the|a|an)\s+)?[A-Z][\w&'.-]+"
)
# "move back from Switzerland", "go to Germany": a place someone travels between, not an
# organisation, even though it follows "from" or "to".
_TRAVEL_RE = re.compile(
    r"\b(?:move|moves|moved|moving|go|goes|going|went|come|comes|came|coming|back|return|"
    r"returning|returned|relocate|relocating|relocated|abroad|remotely|emigrate|emigrating)"
    r"\s+(?:back\s+)?$"
)
_ORG_STOP = {"I", "LinkedIn", "The", "A", "An", "My", "Me", "It", "This", "That", "Some", "Any"}
# An acronym after a preposition ("about the APS", "into the NHS") names an organisation;
# places written the same way do not.
_ACRONYM_RE = re.compile(
    r"\b(?:about|in|into|inside|at|with|for|join|of)\s+(?:the\s+)?([A-Z]{2,6})s?\b"
)
_PLACES = {"UK", "US", "USA", "UAE", "EU", "NZ", "NYC", "LA", "SF", "CV", "ASAP"}


@lru_cache(maxsize=1)
def _roles() -> re.Pattern:
    # Job titles, singular or plural ("nurse", "nurses", "social workers").
    roles = set(cue(KIND, "roles"))
    roles |= {r[:-2] + "ves" for r in roles if r.endswith("fe")}  # midwife -> midwives
    alts = sorted((r"\s+".join(map(re.escape, r.split())) for r in roles), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alts) + r")(?:e?s)?\b")


_IT_RE = re.compile(r"\bIT\b")
_SLOT_WORD = re.compile(r"[a-z][\w&'/-]*")
_SLOT_WORDS = 6


@lru_cache(maxsize=1)
def _slot_words() -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(cue(KIND, "generic_words")), frozenset(cue(KIND, "slot_ends"))


def _slot_targets(norm: str) -> list[tuple[int, int]]:
    """Words in the place a goal names what it asks about, when they are not generic.

    The field lists cannot know every field ("devrel", "chartering", "auction houses");
    the place in the sentence can: "curious about drones" names a target and "curious
    about the challenges" does not. Generic words before the phrase are skipped; the
    phrase ends at the first generic word or joining word after it, and a word that starts
    a new clause ("after the move", "if it's for me") ends it wherever it comes.
    """
    generic, ends = _slot_words()
    spans = []
    for pattern in cue(KIND, "target_slots")["patterns"]:
        for m in re.finditer(pattern, norm):
            start = end = None
            for word in list(_SLOT_WORD.finditer(m.group(1)))[:_SLOT_WORDS]:
                text = word.group(0).strip("'/-")
                if text in ends:
                    break
                if text in generic:
                    if start is not None:
                        break
                    continue
                if start is None:
                    start = m.start(1) + word.start()
                end = m.start(1) + word.end()
            if start is not None:
                spans.append((start, end))
    return spans


def grade_goal(text: str) -> Report:
    """Grade a learning goal: target named, what to find out, framed as learning."""
    require_str(text)
    meta = {"words": word_count(text), "chars": len(text.strip())}
    if is_blank(text):
        return empty_report(KIND, text, "learning goal", meta)
    head = text[:ANALYSE_LIMIT]
    norm = normalise(head)
    filled, _blanked, slots = slot_views(head, norm)

    target = find_all(LEX, "fields", filled) + find_all(LEX, "target_patterns", filled)
    target += [m.span() for m in _roles().finditer(filled)]
    target += [m.span() for m in _IT_RE.finditer(head)]
    target += _slot_targets(filled)
    target += [
        m.span(1) for m in _ACRONYM_RE.finditer(head)
        if m.group(1) not in _PLACES and not any(a <= m.start(1) < b for a, b in target)
    ]
    target += [
        m.span() for m in _ORG_RE.finditer(head)
        if m.group(0).split()[-1] not in _ORG_STOP
        and not (m.group(0).split()[0] in ("from", "to")
                 and _TRAVEL_RE.search(head[max(0, m.start() - 30):m.start()]))
    ]
    # "jobs for someone like me", "someone in the job": general words, not a target.
    general = find_all(LEX, "not_target", filled)
    target = [t for t in target if not any(a <= t[0] and t[1] <= b for a, b in general)]
    target.sort()
    learn = find_all(LEX, "learning", filled)
    # "Figure out what I'll do with my PhD" is about the writer's life, not the work.
    vague = find_all(LEX, "not_learning", filled)
    learn = [sp for sp in learn if not any(a <= sp[0] < b for a, b in vague)]
    jobs = find_job_asks(KIND, "job_seeking", filled, slots)
    if jobs:
        # "how people usually find openings in pharmacy" asks about the path in.
        fine = find_all(LEX, "job_seeking_exempt", filled)
        jobs = [j for j in jobs if not any(a <= j[0] and j[1] <= b for a, b in fine)]
    checks = [
        make_check(KIND, "goal.names_target", bool(target), target, found=quote(head, target)),
        make_check(
            KIND, "goal.learning_questions", bool(learn), learn, found=quote(head, learn)
        ),
        make_check(KIND, "goal.not_job_seeking", not jobs, jobs, found=quote(head, jobs)),
    ]
    # New fields keep appearing ("ghillies", "reinsurance") and vague ones keep changing
    # their words ("the countryside sector"): the learned model weighs the rule's reading
    # with the goal's own words, as it does for pitches and notes.
    checks = apply_learned(KIND, head, norm, checks)
    return finish(KIND, text, checks, meta=meta)
