"""What the book page's Pyodide worker calls: text and options in, JSON or HTML out.

The worker (site/ext/static/iic-worker.mjs) only moves strings between the page
and these functions; every rule lives in the same Python the notebooks use. Each
function takes and returns plain strings, so the JavaScript side never holds a
Python object, and none of them raises on bad input from the page: a malformed
payload is treated as an empty one.

Importing this module loads the graders and the renderer, so when the import is
done the writing coaches are ready. The rehearsal and the contact map are
imported on first use and add nothing to that time.
"""

from __future__ import annotations

import json
from typing import Any

from exercises.render import grade_and_render_report
from exercises.widgets.logic import length_html, length_status

#: Sample texts that run every grader once (see warm_up).
_WARM_UP = {
    "pitch": ("Hi Sam, I'm a student. Could we talk for 20 minutes? Thank you!",
              {"channel": "email"}),
    "questions": ("What does a typical day look like?\nHow did you get started?",
                  {"minutes": 20}),
    "thanks": ("Thank you for your time yesterday. I will let you know how it goes.", {}),
    "goal": ("I want to learn what a nurse does day to day.", {}),
}


def _object(payload_json: Any) -> dict[str, Any]:
    """The JSON object in ``payload_json``, or {} for anything else."""
    try:
        value = json.loads(payload_json) if isinstance(payload_json, str) else None
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def grade(kind: str, text: str, options_json: str) -> str:
    """Grade and render once: {"html": the feedback, "report": Report.to_dict() or null}."""
    html, report = grade_and_render_report(kind, text, **_object(options_json))
    return json.dumps({"html": html, "report": report.to_dict() if report else None})


def count(kind: str, text: str, options_json: str) -> str:
    """The live length line under the text box, as HTML."""
    channel = _object(options_json).get("channel", "email")
    if not isinstance(channel, str):
        channel = "email"
    return length_html(length_status(str(text), kind, channel), kind, channel)


def rehearse(action: str, payload_json: str) -> str:
    """Start, ask or end a rehearsal; the view (transcript, time, debrief) as JSON."""
    from exercises.practice import page as rehearsal_page

    p = _object(payload_json)
    sid = str(p.get("session", ""))
    if action == "start":
        out = rehearsal_page.start(sid, p.get("persona", ""), p.get("minutes", 20),
                                   p.get("seed", 0), _text(p.get("intro")))
    elif action == "ask":
        out = rehearsal_page.ask(sid, _text(p.get("text")))
    else:
        out = rehearsal_page.end(sid)
    return json.dumps(out)


def contacts(action: str, payload_json: str) -> str:
    """Apply a contact-map action: {"data", "names", "html", "message"} as JSON."""
    from exercises.saved_schema import checked
    from exercises.widgets import worksheet_logic as ws

    p = _object(payload_json)
    # Saved data is checked against the one schema of saved work first (issue 14).
    data = ws.normalise_contacts(checked("contacts", p.get("data"), {}))
    message = ""
    if action == "add":
        data, message = ws.add_contact(data, _text(p.get("name")), _text(p.get("circle")),
                                       _text(p.get("note")))
    elif action == "first":
        chosen = p.get("chosen", [])
        data, message = ws.set_first_three(
            data, [n for n in chosen if isinstance(n, str) and n]
            if isinstance(chosen, list) else [])
    return json.dumps({"data": data, "names": ws.names(data), "html": ws.contacts_html(data),
                       "message": message})


#: The kinds warm_up knows.
WARM_UP_KINDS = list(_WARM_UP)


def warm_up(kind: str | None = None) -> None:
    """Grade the course's own sample of ``kind`` (every kind when None), so the lazily
    built lexicons and caches exist.

    The worker calls this before it keeps a memory snapshot, so a return visit's
    first check is as fast as any later one.
    """
    for name in [kind] if kind else WARM_UP_KINDS:
        text, options = _WARM_UP[name]
        grade(name, text, json.dumps(options))
        count(name, text, json.dumps(options))
