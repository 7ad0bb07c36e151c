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

LENGTHS = (15, 20, 30)
DEFAULT_LENGTH = 20
#: Open sessions on this page, by the id the page chose.
_SESSIONS: dict[str, Rehearsal] = {}


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def profile_html(p: Persona) -> str:
    """The card the learner reads before starting (all persona text escaped too)."""
    return (
        '<div class="iic-profile" style="border:1px solid #8a8a8a;border-radius:8px;'
        'padding:0.5em 0.75em;line-height:1.5">'
        f'<p style="margin:0.2em 0;font-size:1.1em"><strong>{_e(p.name)}</strong></p>'
        f'<p style="margin:0.2em 0"><strong>{_e(p.role)}</strong>, {_e(p.organisation)}. '
        f"{p.years} years in {_e(p.field.lower())}.</p>"
        f'<p style="margin:0.2em 0"><em>Path:</em> {_e(p.path)}</p>'
        f'<p style="margin:0.2em 0">{_e(p.profile)}</p>'
        '<p style="margin:0.2em 0;font-size:0.9em">A simulated professional: the name and '
        "organisation are fictional.</p></div>"
    )


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


def start(session_id: str, persona_id: str, minutes: Any, seed: int = 0) -> dict[str, Any]:
    """Open a session; a bad persona or length comes back as an error message."""
    try:
        length = int(minutes)
    except (TypeError, ValueError):
        length = DEFAULT_LENGTH
    if length not in LENGTHS:
        length = DEFAULT_LENGTH
    try:
        r = Rehearsal(str(persona_id), length, seed=int(seed))
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
