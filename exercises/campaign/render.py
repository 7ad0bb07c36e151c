"""HTML for the campaign tracker: the pipeline as cards, and the edit form.

Shared by the book page (through its worker) and the notebook widget. All learner
text is escaped. With ``actions=True`` each card carries buttons whose
``data-action``/``data-do``/``data-id`` attributes the page script sends back to
the worker; the notebook renders the same cards without them (it has its own
widgets for actions).
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from . import cadence as cad
from . import tracker as tr

#: The order of the columns on screen: what needs doing first comes first.
COLUMN_ORDER = ("follow_up_due", "report_back_due", "held", "booked", "to_ask", "asked",
                "thanked", "done", "closed")


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _button(label: str, name: str, attrs: str, cls: str = "iic-secondary") -> str:
    """A button whose accessible name adds the person ("Edit: Maya"), so a screen
    reader's list of buttons says whose card each one acts on."""
    return (f'<button type="button" class="{cls}" aria-label="{_e(label)}: {_e(name)}" '
            f"{attrs}>{_e(label)}</button>")


def _dates(contact: dict[str, Any]) -> str:
    shown = []
    for key in ("asked_on", "followed_up_on", "replied_on", "call_date", "held_on",
                "thanked_on", "reported_on", "closed_on"):
        day = cad.parse_date(contact[key])
        if day:
            label = tr.DATE_LABELS[key].replace(" on", "").replace("Date of the call",
                                                                   "Call")
            shown.append(f"{label} {cad.short_date(day)}")
    return " &middot; ".join(_e(s) for s in shown)


def card_html(data: dict[str, Any], contact: dict[str, Any], today: date,
              actions: bool) -> str:
    cid, name = contact["id"], contact["name"]
    facts = [contact["warmth"], tr.CIRCLE_LABELS[contact["circle"]].lower()]
    if contact["id"] in data["first_three"]:
        facts.append(f"ask first, #{data['first_three'].index(cid) + 1}")
    ref = tr.find(data, contact["referred_by"]) if contact["referred_by"] else None
    if ref:
        facts.append(f"suggested by {ref['name']}")
    gained = tr.referrals_from(data, cid)
    if gained:
        facts.append(f"suggested {gained} {'person' if gained == 1 else 'people'}")
    org = f" ({_e(contact['organisation'])})" if contact["organisation"] else ""
    parts = [f'<li class="iic-card" data-contact="{_e(cid)}" '
             f'data-status="{tr.status(contact, today)}">'
             f'<p class="iic-card-name"><strong>{_e(name)}</strong>{org}: '
             f'{_e(", ".join(facts))}</p>'
             f'<p class="iic-card-next"><span class="iic-tip-word">Next:</span> '
             f"{_e(tr.next_step(data, contact, today))}</p>"]
    dates = _dates(contact)
    if dates:
        parts.append(f'<p class="iic-card-dates">{dates}</p>')
    if contact["note"]:
        parts.append(f'<p class="iic-card-note">Note: {_e(contact["note"])}</p>')
    if contact["stage"] == "booked":
        message = tr.confirmation(contact)
        if message:
            send_on = cad.long_date(cad.confirm_on(cad.parse_date(contact["call_date"])))
            parts.append('<p class="iic-confirmation"><span class="iic-tip-word">Confirmation '
                         f"to send on {_e(send_on)}:</span> <q>{_e(message)}</q></p>")
    if actions:
        buttons = [_button(label, name, f'data-action="act" data-do="{do}" data-id="{_e(cid)}"',
                           "iic-check" if do == "advance" else "iic-secondary")
                   for do, label in tr.available_actions(contact)]
        buttons.append(_button("Edit", name, f'data-action="edit" data-id="{_e(cid)}"'))
        buttons.append(_button("Delete", name, f'data-action="delete" data-id="{_e(cid)}"'))
        parts.append(f'<p class="iic-card-actions">{" ".join(buttons)}</p>')
    parts.append("</li>")
    return "".join(parts)


def tracker_html(data: Any, today: date, actions: bool = False) -> str:
    """The whole tracker: a one-line count, then the contacts by pipeline column."""
    data = tr.normalise(data)
    contacts = data["contacts"]
    if not contacts:
        return ('<div class="iic-root iic-campaign iic-tracker" data-people="0"><p>Nobody in '
                "your tracker yet. Add the people you could ask, one at a time.</p></div>")
    columns: dict[str, list[dict[str, Any]]] = {}
    for c in contacts:
        columns.setdefault(tr.status(c, today), []).append(c)
    counts = ", ".join(f"{len(columns[k])} {tr.STATUS_LABELS[k].lower()}"
                       for k in COLUMN_ORDER if k in columns)
    total = len(contacts)
    parts = [f'<div class="iic-root iic-campaign iic-tracker" data-people="{total}">'
             f'<p class="iic-tracker-count">{total} {"person" if total == 1 else "people"} in '
             f"your tracker: {_e(counts)}. {len(data['first_three'])} of {tr.MAX_FIRST} chosen "
             "to ask first.</p>"]
    for key in COLUMN_ORDER:
        if key not in columns:
            continue
        parts.append(f'<h5 class="iic-column" data-column="{key}">{_e(tr.STATUS_LABELS[key])} '
                     f"({len(columns[key])})</h5><ul class=\"iic-cards\">")
        parts.extend(card_html(data, c, today, actions) for c in columns[key])
        parts.append("</ul>")
    parts.append("</div>")
    return "".join(parts)


def _select(uid: str, field: str, label: str, choices: list[tuple[str, str]],
            value: str) -> str:
    options = "".join(f'<option value="{_e(k)}"{" selected" if k == value else ""}>'
                      f"{_e(v)}</option>" for k, v in choices)
    return (f'<label class="iic-label" for="{uid}-{field}">{_e(label)}</label>'
            f'<select id="{uid}-{field}" data-field="{field}">{options}</select>')


def _input(uid: str, field: str, label: str, value: str, kind: str = "text",
           extra: str = "") -> str:
    return (f'<label class="iic-label" for="{uid}-{field}">{_e(label)}</label>'
            f'<input type="{kind}" id="{uid}-{field}" data-field="{field}" '
            f'value="{_e(value)}" autocomplete="off"{extra}>')


def edit_form_html(data: Any, cid: str, uid: str, zones_list: str = "",
                   default_zone: str = "") -> str:
    """The edit form for one contact; fields carry ``data-field`` for the page script."""
    data = tr.normalise(data)
    c = tr.find(data, cid)
    if c is None:
        return "<p>That person is no longer in your tracker.</p>"
    u = f"{uid}-edit-{c['id']}"
    others = [("", "Nobody")] + [(o["id"], o["name"]) for o in data["contacts"]
                                 if o["id"] != c["id"]]
    zone_attr = f' list="{_e(zones_list)}"' if zones_list else ""
    fields = [
        _input(u, "name", "Name or short description", c["name"]),
        _input(u, "organisation", "Organisation (optional)", c["organisation"]),
        _select(u, "circle", "Circle", list(tr.CIRCLES), c["circle"]),
        _select(u, "warmth", "Warm or cold", list(tr.WARMTH), c["warmth"]),
        _select(u, "referred_by", "Who suggested this person?", others, c["referred_by"]),
        _select(u, "stage", "Where this stands", list(tr.STAGES), c["stage"]),
        _input(u, "note", "Note (optional)", c["note"]),
        '<fieldset class="iic-options iic-dates"><legend>Dates (leave empty if not yet)'
        "</legend>"
        + "".join(_input(u, key, tr.DATE_LABELS[key], c[key], "date")
                  for key in ("asked_on", "followed_up_on", "replied_on", "held_on",
                              "thanked_on", "reported_on"))
        + "</fieldset>",
        '<fieldset class="iic-options iic-booking"><legend>The call, and both local times'
        "</legend>"
        + _input(u, "call_date", "Date of the call", c["call_date"], "date")
        + _input(u, "call_time", "Time of the call, in their time zone", c["call_time"],
                 "time")
        + _input(u, "their_zone", "Their time zone (for example Europe/Berlin)",
                 c["their_zone"], extra=zone_attr)
        + _input(u, "my_zone", "Your time zone", c["my_zone"] or default_zone,
                 extra=zone_attr)
        + "</fieldset>",
    ]
    return (f'<div class="iic-edit-form" data-id="{_e(c["id"])}" role="group" '
            f'aria-labelledby="{u}-title"><p id="{u}-title" class="iic-edit-title">'
            f"<strong>Edit {_e(c['name'])}</strong></p>" + "".join(fields)
            + '<p class="iic-actions">'
            + _button("Save changes", c["name"],
                      f'data-action="save_edit" data-id="{_e(c["id"])}"', "iic-check")
            + " " + _button("Cancel", c["name"], 'data-action="cancel_edit"') + "</p></div>")
