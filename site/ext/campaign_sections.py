"""Book-page HTML for the campaign tools: the tracker, beliefs to a decision, the dashboard.

Each is a ``section.iic-exercise[data-kind]`` whose fields the page script
(``static/iic-campaign.js``) reads and whose views the page's worker draws with
``exercises.campaign`` (the same Python as the notebook widgets). Only the
empty skeleton is built here, at book-build time; names never leave the browser.
"""

from __future__ import annotations

import html
from collections.abc import Callable


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _label(uid: str, field: str, text: str) -> str:
    return f'<label class="iic-label" for="{uid}-{field}">{_e(text)}</label>'


def zones_datalist(list_id: str) -> str:
    from exercises.campaign.timezones import zone_names

    options = "".join(f'<option value="{_e(z)}"></option>' for z in zone_names())
    return f'<datalist id="{_e(list_id)}">{options}</datalist>'


def tracker_html(docname: str, serial: int, practice_link: Callable[[str], str]) -> str:
    """The campaign tracker (exercise kind ``contacts``, saved as ``iic:worksheet:contacts``)."""
    from exercises.campaign.tracker import CIRCLES, MAX_FIRST

    uid = f"iic-ex-contacts-{serial}"
    circles = "".join(f'<option value="{k}">{_e(v)}</option>' for k, v in CIRCLES)
    warmth = ('<option value="auto">Work it out from the circle</option>'
              '<option value="warm">Warm: they know me, or someone introduced us</option>'
              '<option value="cold">Cold: we have never been in touch</option>')
    firsts = "".join(
        f'{_label(uid, f"first-{i}", f"Ask first, choice {i + 1}")}'
        f'<select id="{uid}-first-{i}" class="iic-first-pick"><option value="">(nobody)'
        "</option></select>" for i in range(MAX_FIRST))
    return (
        f'<section class="iic-exercise iic-worksheet iic-tracker-tool" data-kind="contacts" '
        f'id="{uid}" aria-labelledby="{uid}-title" data-zones="{uid}-zones">'
        f'<p class="iic-exercise-title" id="{uid}-title"><strong>Exercise:</strong> '
        "Your campaign tracker</p>"
        '<p class="iic-privacy">Names never leave this browser.</p>'
        f'<div class="iic-add-form" role="group" aria-labelledby="{uid}-add">'
        f'<p id="{uid}-add"><strong>Add a person you could ask</strong></p>'
        + _label(uid, "name", "Name or short description")
        + f'<input type="text" id="{uid}-name" class="iic-contact-name" autocomplete="off">'
        + _label(uid, "org", "Organisation (optional)")
        + f'<input type="text" id="{uid}-org" class="iic-contact-org" autocomplete="off">'
        + _label(uid, "circle", "Circle")
        + f'<select id="{uid}-circle" class="iic-contact-circle">{circles}</select>'
        + _label(uid, "warmth", "Warm or cold")
        + f'<select id="{uid}-warmth" class="iic-contact-warmth">{warmth}</select>'
        + _label(uid, "ref", "Who suggested this person? (optional)")
        + f'<select id="{uid}-ref" class="iic-contact-ref"><option value="">Nobody</option>'
        "</select>"
        + _label(uid, "note", "Note (optional)")
        + f'<input type="text" id="{uid}-note" class="iic-contact-note" autocomplete="off">'
        '<p class="iic-actions"><button type="button" class="iic-check iic-add">Add to my '
        "tracker</button></p></div>"
        f'<div class="iic-first-picks">{firsts}</div>'
        f'<p class="iic-ex-status" id="{uid}-status" role="status" aria-live="polite">Add the '
        "people you could ask, then move each one along as things happen.</p>"
        '<p class="iic-undo-line"><button type="button" class="iic-secondary iic-undo" hidden>'
        "Undo the delete</button></p>"
        '<div class="iic-contacts-area"></div>'
        f'<div class="iic-tracker-tools" role="group" aria-label="Export your tracker">'
        '<button type="button" class="iic-secondary iic-export-ics">Export follow-ups to my '
        'calendar (.ics)</button><button type="button" class="iic-secondary iic-export-csv">'
        "Download my list (.csv)</button></div>"
        + zones_datalist(f"{uid}-zones")
        + f'<p class="iic-alt">Prefer a notebook? {practice_link(docname)}</p></section>'
    )


def beliefs_html(docname: str, serial: int, practice_link: Callable[[str], str]) -> str:
    """Beliefs to a decision (exercise kind ``beliefs``, saved as ``iic:worksheet:beliefs``)."""
    from exercises.campaign.beliefs import STANCES

    uid = f"iic-ex-beliefs-{serial}"
    stances = "".join(
        f'<label><input type="radio" name="{uid}-stance" value="{k}"'
        f'{" checked" if k == "for" else ""}> {_e(v)}</label> ' for k, v in STANCES)
    return (
        f'<section class="iic-exercise iic-worksheet iic-beliefs-tool" data-kind="beliefs" '
        f'id="{uid}" aria-labelledby="{uid}-title">'
        f'<p class="iic-exercise-title" id="{uid}-title"><strong>Exercise:</strong> '
        "Beliefs to a decision</p>"
        f'<div role="group" aria-labelledby="{uid}-b"><p id="{uid}-b"><strong>Before your '
        "first call: what do you believe about the field?</strong></p>"
        + _label(uid, "belief", "A belief, in one sentence")
        + f'<input type="text" id="{uid}-belief" class="iic-belief-text" autocomplete="off">'
        '<p class="iic-actions"><button type="button" class="iic-check iic-add-belief">Add '
        "belief</button></p></div>"
        f'<div role="group" aria-labelledby="{uid}-n"><p id="{uid}-n"><strong>After a '
        "conversation: tag what you heard</strong></p>"
        + _label(uid, "contact", "Conversation")
        + f'<select id="{uid}-contact" class="iic-note-contact"></select>'
        + _label(uid, "which", "Belief")
        + f'<select id="{uid}-which" class="iic-note-belief"></select>'
        + f'<fieldset class="iic-options"><legend>Does it support the belief?</legend>'
        f"{stances}</fieldset>"
        + _label(uid, "text", "What they said, in a few words (optional)")
        + f'<input type="text" id="{uid}-text" class="iic-note-text" autocomplete="off">'
        '<p class="iic-actions"><button type="button" class="iic-check iic-add-note">Add note'
        "</button></p></div>"
        f'<p class="iic-ex-status" role="status" aria-live="polite">Write three to five '
        "beliefs before your first call.</p>"
        '<p class="iic-undo-line"><button type="button" class="iic-secondary iic-undo" hidden>'
        "Undo the delete</button></p>"
        '<div class="iic-beliefs-area"></div>'
        f'<p class="iic-alt">Prefer a notebook? {practice_link(docname)}</p></section>'
    )


def dashboard_html(docname: str, serial: int, practice_link: Callable[[str], str]) -> str:
    """The weekly dashboard (exercise kind ``dashboard``): reads the tracker, saves nothing."""
    uid = f"iic-ex-dashboard-{serial}"
    return (
        f'<section class="iic-exercise iic-dashboard-tool" data-kind="dashboard" id="{uid}" '
        f'aria-labelledby="{uid}-title">'
        f'<p class="iic-exercise-title" id="{uid}-title"><strong>Your weekly dashboard'
        "</strong></p>"
        f'<p class="iic-ex-status" role="status" aria-live="polite">Your dashboard appears '
        "here once the page's coach has started.</p>"
        '<div class="iic-dashboard-area"></div>'
        '<p class="iic-actions"><button type="button" class="iic-secondary iic-refresh">'
        "Refresh the numbers</button></p>"
        "</section>"
    )
