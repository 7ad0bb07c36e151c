"""What the book page's Pyodide worker calls: text and options in, JSON or HTML out.

The worker (site/ext/static/iic-worker.mjs) only moves strings between the page
and these functions; every rule lives in the same Python the notebooks use. Each
function takes and returns plain strings, so the JavaScript side never holds a
Python object, and none of them raises on bad input from the page: a malformed
payload is treated as an empty one.

Importing this module loads the graders and the renderer, so when the import is
done the writing coaches are ready. The rehearsal and the campaign tools are
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


def campaign(tool: str, action: str, payload_json: str) -> str:
    """One campaign-tool request (tracker, beliefs or dashboard), as JSON.

    See exercises.campaign.page: the answer holds the new data, whether the page
    should save it, the HTML to show and a message; it never raises.
    """
    from exercises.campaign import page as campaign_page

    return campaign_page.handle(str(tool), str(action), payload_json)


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


def classroom(action: str, payload_json: str) -> str:
    """The class results page and the progress page's share code and kit, as JSON.

    - ``summary``: {"submissions": [{"source", "text"}], "anonymise"} ->
      {"html", "csv", "loaded", "problems"}: each text is a saved-work export or a
      share code (several codes may be pasted in one text);
    - ``share``: {"doc": saved-work document} or {"storage": {key: stored text}} ->
      {"code"};
    - ``kit``: the same payload -> {"markdown"} (the interview kit).
    """
    from exercises import classroom as cls
    from exercises.classroom.results import document_from_storage, split_codes
    from exercises.storage import SavedWorkError, interview_kit_markdown, normalise

    p = _object(payload_json)
    if action in ("share", "kit"):
        try:
            doc = document_from_storage(p["storage"]) if isinstance(p.get("storage"), dict) \
                else normalise(p.get("doc"))[0]
        except SavedWorkError as exc:
            return json.dumps({"error": str(exc)})
        if action == "share":
            return json.dumps({"code": cls.share_code(doc)})
        return json.dumps({"markdown": interview_kit_markdown(doc)})
    records, problems = [], []
    submissions = p.get("submissions") if isinstance(p.get("submissions"), list) else []
    for n, item in enumerate(submissions, 1):
        item = item if isinstance(item, dict) else {}
        source = _text(item.get("source")) or f"item {n}"
        text = _text(item.get("text"))
        pieces = [text] if text.lstrip().startswith("{") else split_codes(text) or [text]
        for piece in pieces:
            record, why = cls.read_submission(piece)
            if record is None:
                problems.append(f"{source}: {why}")
            else:
                records.append(record)
    summary = cls.class_summary(records, anonymise=bool(p.get("anonymise")))
    return json.dumps({"html": cls.summary_html(summary), "csv": cls.summary_csv(summary),
                       "loaded": len(summary["learners"]), "problems": problems})
