"""The rehearsal for the book page's worker: sessions in, HTML and records out.

Standard library only. The page's JavaScript sends a session id and the learner's
text; everything shown (profile, chat, time, debrief) is rendered here by the
same functions the notebook widget uses.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from typing import Any

from exercises.practice.debrief import render_debrief
from exercises.practice.engine import Rehearsal
from exercises.practice.personas import Persona
from exercises.practice.transcript import transcript_html, transcript_markdown

LENGTHS = (15, 20, 30)  # the picker's choices
DEFAULT_LENGTH = 20
#: Any whole number of minutes in this range is accepted by ``start`` (for example the
#: interview length from the planning worksheet), not only the picker's choices.
MIN_LENGTH, MAX_LENGTH = 5, 60
INTRO_LIMIT = 2000
#: Open sessions on this page, by the id the page chose.
_SESSIONS: dict[str, Rehearsal] = {}


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


_BACKGROUND_NOTES = {
    "career changer": "changed career to get here",
    "returner": "came back to work after a long break",
    "disability": "talks openly about working with a disability",
    "first in family": "the first in their family to go to university",
    "moved country": "moved country for work",
}


def profile_html(p: Persona) -> str:
    """The card the learner reads before starting (all persona text escaped too)."""
    extra = []
    if p.temperament:
        extra.append(
            f"<strong>What they are like:</strong> {_e(p.temperament.label)}. "
            f"{_e(p.temperament.summary)}"
        )
    if p.location:
        extra.append(
            f"<strong>Where:</strong> {_e(p.location.place)}; time zone: "
            f"{_e(p.location.time_zone)}."
        )
    if p.address:
        note = f" {_e(p.address.note)}" if p.address.note else ""
        extra.append(f"<strong>Call them:</strong> {_e(p.address.as_)}.{note}")
    notes = [_BACKGROUND_NOTES[b] for b in p.background if b in _BACKGROUND_NOTES]
    if notes:
        text = "; ".join(notes)
        extra.append(f"<strong>Background:</strong> {_e(text[:1].upper() + text[1:])}.")
    extra_html = "".join(f'<p style="margin:0.2em 0">{x}</p>' for x in extra)
    return (
        '<div class="iic-profile" style="border:1px solid #8a8a8a;border-radius:8px;'
        'padding:0.5em 0.75em;line-height:1.5;overflow-wrap:anywhere">'
        f'<p style="margin:0.2em 0;font-size:1.1em"><strong>{_e(p.name)}</strong></p>'
        f'<p style="margin:0.2em 0"><strong>{_e(p.role)}</strong>, {_e(p.organisation)}. '
        f"{p.years} {'year' if p.years == 1 else 'years'} in {_e(p.field.lower())}.</p>"
        f'<p style="margin:0.2em 0"><em>Path:</em> {_e(p.path)}</p>'
        f'<p style="margin:0.2em 0">{_e(p.profile)}</p>'
        f"{extra_html}"
        '<p style="margin:0.2em 0;font-size:0.9em">A simulated professional: the name and '
        "organisation are fictional.</p></div>"
    )


def parse_minutes(minutes: Any) -> int:
    """The agreed length from the page or the planning worksheet; a bad value gives the default."""
    try:
        value = int(float(minutes))
    except (TypeError, ValueError, OverflowError):
        return DEFAULT_LENGTH
    return value if MIN_LENGTH <= value <= MAX_LENGTH else DEFAULT_LENGTH


def time_status(r: Rehearsal) -> str:
    """How much of the agreed time is used, with a word about what to do near the end."""
    used = r.time_text()
    if r.state == "overtime":
        used += " (time is up: thank them to close, or press End interview)"
    elif r.state == "nearly_up":
        used += " (nearly time to close)"
    return used


def view(r: Rehearsal) -> dict[str, Any]:
    """Everything the page shows for a session, plus the saved-work record once ended."""
    ended = r.ended
    return {
        "transcript": transcript_html(r),
        "time": time_status(r),
        "ended": ended,
        "debrief": render_debrief(r.debrief()) if ended else "",
        "record": r.record(now_iso()) if ended else None,
        "markdown": transcript_markdown(r, now_iso()),
    }


def start(
    session_id: str, persona_id: str, minutes: Any = DEFAULT_LENGTH, seed: Any = 0, intro: Any = ""
) -> dict[str, Any]:
    """Open a session; a bad persona comes back as an error message.

    ``minutes``: the agreed length, any whole number from 5 to 60 (the page's picker
    offers 15, 20 and 30; the planning worksheet may pass its own). ``intro``: the
    learner's 30-second introduction, kept with the saved record.
    """
    length = parse_minutes(minutes)
    try:
        seed_value = int(seed)
    except (TypeError, ValueError, OverflowError):
        seed_value = 0
    intro_text = intro[:INTRO_LIMIT] if isinstance(intro, str) else ""
    try:
        r = Rehearsal(str(persona_id), length, seed=seed_value, intro=intro_text)
    except Exception:
        return {"error": "That persona could not be found. Choose one from the list."}
    _SESSIONS[str(session_id)] = r
    return view(r)


def ask(session_id: str, text: Any) -> dict[str, Any]:
    r = _SESSIONS.get(str(session_id))
    if r is None:
        return {"error": "Press Start interview first."}
    if not isinstance(text, str) or not text.strip():
        return {"error": "Type a question in the box first.", **view(r)}
    r.ask(text)
    return view(r)


def end(session_id: str) -> dict[str, Any]:
    r = _SESSIONS.get(str(session_id))
    if r is None:
        return {"error": "Press Start interview first."}
    r.end()
    return view(r)
