"""Beliefs to a decision: what you expect of a field, tested conversation by conversation.

Before the first call the learner writes three to five beliefs about the field.
After each conversation they tag what they heard as evidence for or against a
belief. Once three conversations have notes, the decision grid suggests one next
experiment (a shadow day, a short course or a volunteer shift) aimed at the belief
that is least settled, and a sentence for the thank-you note's next step.

Saved as the worksheet ``"beliefs"``::

    {"version": 1, "beliefs": [{"id": "b1", "text": "..."}],
     "notes": [{"id": "n1", "contact": "c2", "who": "Maya", "belief": "b1",
                "stance": "for" | "against", "text": "...", "on": "2026-11-27"}],
     "next_id": 3, "decision": {...}}

``decision`` is the grid's latest suggestion, stored so other pages (the
thank-you exercise) can show it without recomputing. Pure functions, standard
library only.
"""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

from . import cadence as cad
from . import tracker as tr

VERSION = 1
MIN_BELIEFS, MAX_BELIEFS = 3, 5
CONVERSATIONS_FOR_A_DECISION = 3
MAX_TEXT = 300
MAX_NOTES = 200
STANCES = (("for", "For: it supports the belief"), ("against", "Against: it challenges it"))
STANCE_IDS = tuple(k for k, _ in STANCES)

EXPERIMENTS = {
    "shadow": {
        "label": "a shadow day",
        "how": "Ask one of the people you spoke to whether you could spend a day, or part "
               "of a shift, alongside them or a colleague.",
        "next_step": "Next, I'm going to arrange a shadow day, so I can see the work for "
                     "myself.",
    },
    "course": {
        "label": "a short course",
        "how": "Take a short, low-cost course or a free online module in the skill the "
               "belief is about, and notice whether you enjoy the practice, not only the idea.",
        "next_step": "Next, I'm going to take a short course in the skills you mentioned, to "
                     "find out whether I enjoy them.",
    },
    "volunteer": {
        "label": "a volunteer shift",
        "how": "Volunteer for a shift where the same kind of work happens (a charity, a "
               "club, an event), so you meet the people the job serves.",
        "next_step": "Next, I'm going to volunteer for a shift, to try this kind of work "
                     "first-hand.",
    },
}

# Word beginnings that say what a belief is about. A belief about the daily
# reality is best tested by watching it, one about a skill by practising it, and
# one about the people served or the meaning of the work by doing it for them.
_THEMES = {
    "course": ("skill", "learn", "math", "code", "coding", "program", "software", "qualif",
               "degree", "train", "exam", "certif", "study", "technical", "writ", "statist",
               "data", "excel", "spreadsheet", "languag", "licen", "design", "draw", "tool"),
    "volunteer": ("help", "care", "caring", "patient", "child", "kid", "communit", "meaning",
                  "purpose", "reward", "customer", "client", "public", "volunteer", "animal",
                  "pupil", "student", "teach", "people", "serv", "difference", "elder"),
    "shadow": ("day", "hour", "shift", "pace", "stress", "nois", "office", "outdoor",
               "outside", "routine", "team", "travel", "desk", "environment", "busy",
               "pressure", "meeting", "physical", "night", "weekend", "quiet", "alone",
               "fast", "boring", "paperwork", "admin"),
}
_WORD = re.compile(r"[a-z]+")


def empty() -> dict[str, Any]:
    return {"version": VERSION, "beliefs": [], "notes": [], "next_id": 1, "decision": {}}


def _text(value: Any, limit: int = MAX_TEXT) -> str:
    return " ".join(value.split())[:limit] if isinstance(value, str) else ""


def normalise(saved: Any) -> dict[str, Any]:
    """Saved beliefs data with every part valid; junk is dropped, never raised on."""
    data = empty()
    if not isinstance(saved, dict):
        data["decision"] = decision(data)
        return data
    used: set[str] = set()
    for raw in saved.get("beliefs") if isinstance(saved.get("beliefs"), list) else []:
        if not isinstance(raw, dict) or len(data["beliefs"]) >= MAX_BELIEFS:
            continue
        bid, text = raw.get("id"), _text(raw.get("text"))
        if isinstance(bid, str) and bid and bid not in used and text:
            used.add(bid)
            data["beliefs"].append({"id": bid, "text": text})
    beliefs = {b["id"] for b in data["beliefs"]}
    for raw in saved.get("notes") if isinstance(saved.get("notes"), list) else []:
        if not isinstance(raw, dict) or len(data["notes"]) >= MAX_NOTES:
            continue
        nid = raw.get("id")
        if not (isinstance(nid, str) and nid and nid not in used):
            continue
        if raw.get("belief") not in beliefs or raw.get("stance") not in STANCE_IDS:
            continue
        contact, who = raw.get("contact"), _text(raw.get("who"), tr.MAX_FIELD)
        if not (isinstance(contact, str) and contact and who):
            continue
        used.add(nid)
        on = cad.parse_date(raw.get("on"))
        data["notes"].append({"id": nid, "contact": contact, "who": who,
                              "belief": raw["belief"], "stance": raw["stance"],
                              "text": _text(raw.get("text")), "on": on.isoformat() if on else ""})
    numbers = [int(i[1:]) for i in used if i[1:].isdigit()]
    next_id = saved.get("next_id")
    next_id = next_id if isinstance(next_id, int) and not isinstance(next_id, bool) else 1
    data["next_id"] = max([max(1, next_id), *[n + 1 for n in numbers]])
    data["decision"] = decision(data)
    return data


def _new_id(data: dict[str, Any], prefix: str) -> str:
    nid = f"{prefix}{data['next_id']}"
    data["next_id"] += 1
    return nid


def add_belief(data: Any, text: Any) -> tuple[dict[str, Any], str]:
    new = normalise(data)
    text = _text(text)
    if not text:
        return normalise(data), ("Write the belief as one sentence, for example: \"I would "
                                 "enjoy working with data most of the day.\"")
    if len(new["beliefs"]) >= MAX_BELIEFS:
        return new, (f"You have {MAX_BELIEFS} beliefs, the most this grid keeps. Edit or "
                     "delete one to add another.")
    if any(b["text"].casefold() == text.casefold() for b in new["beliefs"]):
        return new, "That belief is already on your list."
    new["beliefs"].append({"id": _new_id(new, "b"), "text": text})
    count = len(new["beliefs"])
    more = (f" Write at least {MIN_BELIEFS - count} more before your first call."
            if count < MIN_BELIEFS else "")
    return normalise(new), f"Belief {count} added.{more}"


def edit_belief(data: Any, bid: str, text: Any) -> tuple[dict[str, Any], str]:
    new = normalise(data)
    text = _text(text)
    for belief in new["beliefs"]:
        if belief["id"] == bid:
            if not text:
                return new, "A belief cannot be empty; delete it instead."
            belief["text"] = text
            return normalise(new), "Belief saved."
    return new, "That belief is no longer on your list."


def delete_belief(data: Any, bid: str) -> tuple[dict[str, Any], dict | None, str]:
    """Remove a belief and the notes tagged to it; returns what was removed for Undo."""
    new = normalise(data)
    for index, belief in enumerate(new["beliefs"]):
        if belief["id"] == bid:
            notes = [n for n in new["notes"] if n["belief"] == bid]
            del new["beliefs"][index]
            new["notes"] = [n for n in new["notes"] if n["belief"] != bid]
            removed = {"belief": belief, "index": index, "notes": notes}
            extra = f" and its {len(notes)} note(s)" if notes else ""
            return normalise(new), removed, f"Deleted the belief{extra}."
    return new, None, "That belief is no longer on your list."


def restore_belief(data: Any, removed: Any) -> tuple[dict[str, Any], str]:
    new = normalise(data)
    if not isinstance(removed, dict) or not isinstance(removed.get("belief"), dict):
        return new, "There is nothing to undo."
    if len(new["beliefs"]) >= MAX_BELIEFS:
        return new, f"There are already {MAX_BELIEFS} beliefs; delete one first."
    at = removed.get("index")
    at = at if isinstance(at, int) and 0 <= at <= len(new["beliefs"]) else len(new["beliefs"])
    candidate = dict(new)
    candidate["beliefs"] = new["beliefs"][:at] + [removed["belief"]] + new["beliefs"][at:]
    notes = removed.get("notes") if isinstance(removed.get("notes"), list) else []
    candidate["notes"] = new["notes"] + notes
    restored = normalise(candidate)
    if len(restored["beliefs"]) == len(new["beliefs"]):
        return new, "There is nothing to undo."
    return restored, "The belief is back."


def held_conversations(tracker: Any) -> list[tuple[str, str]]:
    """(id, name) of tracker contacts whose conversation has taken place."""
    data = tr.normalise(tracker)
    return [(c["id"], c["name"]) for c in data["contacts"] if c["stage"] in tr.HELD]


def add_note(data: Any, tracker: Any, contact_id: Any, belief_id: Any, stance: Any,
             text: Any, today: date) -> tuple[dict[str, Any], str]:
    """Tag what one conversation said about one belief."""
    new = normalise(data)
    held = dict(held_conversations(tracker))
    if not held:
        return new, ("Mark a conversation as held in your campaign tracker first; notes belong "
                     "to conversations that took place.")
    if contact_id not in held:
        return new, "Choose the conversation this note comes from."
    if belief_id not in {b["id"] for b in new["beliefs"]}:
        return new, "Choose the belief this note is about."
    if stance not in STANCE_IDS:
        return new, "Choose whether what you heard supports the belief or challenges it."
    if len(new["notes"]) >= MAX_NOTES:
        return new, f"The grid keeps at most {MAX_NOTES} notes; delete old ones first."
    new["notes"].append({"id": _new_id(new, "n"), "contact": contact_id,
                         "who": held[contact_id], "belief": belief_id, "stance": stance,
                         "text": _text(text), "on": today.isoformat()})
    new = normalise(new)
    side = "supports" if stance == "for" else "challenges"
    return new, f"Noted: what {held[contact_id]} said {side} this belief."


def delete_note(data: Any, nid: str) -> tuple[dict[str, Any], str]:
    new = normalise(data)
    kept = [n for n in new["notes"] if n["id"] != nid]
    if len(kept) == len(new["notes"]):
        return new, "That note is no longer there."
    new["notes"] = kept
    return normalise(new), "Note deleted."


# --------------------------------------------------------------------------- the grid

def conversations(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(contact id, name) of conversations with at least one note, in order of first note."""
    seen: dict[str, str] = {}
    for note in data["notes"]:
        seen.setdefault(note["contact"], note["who"])
    return list(seen.items())


def verdict(data: dict[str, Any], bid: str) -> tuple[str, int, int]:
    """("untested" | "supported" | "challenged" | "mixed", for count, against count)."""
    pro = sum(1 for n in data["notes"] if n["belief"] == bid and n["stance"] == "for")
    con = sum(1 for n in data["notes"] if n["belief"] == bid and n["stance"] == "against")
    if pro and con:
        return "mixed", pro, con
    if pro:
        return "supported", pro, con
    if con:
        return "challenged", pro, con
    return "untested", pro, con


def theme(text: str) -> str:
    """Which experiment tests a belief best: "shadow", "course" or "volunteer"."""
    words = _WORD.findall(text.lower())
    scores = {key: sum(1 for w in words for stem in stems if w.startswith(stem))
              for key, stems in _THEMES.items()}
    best = max(scores.values())
    if best == 0:
        return "shadow"
    for key in ("shadow", "course", "volunteer"):  # ties go to the simplest experiment
        if scores[key] == best:
            return key
    return "shadow"


_FOCUS_ORDER = {"mixed": 0, "untested": 1, "challenged": 2, "supported": 3}


def decision(data: dict[str, Any]) -> dict[str, Any]:
    """The grid's suggestion; ``ready`` is False until three conversations have notes."""
    talks = len(conversations(data))
    if talks < CONVERSATIONS_FOR_A_DECISION or not data["beliefs"]:
        return {"ready": False, "conversations": talks}
    verdicts = {b["id"]: verdict(data, b["id"]) for b in data["beliefs"]}
    counts = {k: sum(1 for v in verdicts.values() if v[0] == k) for k in _FOCUS_ORDER}
    focus = min(data["beliefs"], key=lambda b: (_FOCUS_ORDER[verdicts[b["id"]][0]],
                                                 verdicts[b["id"]][1] + verdicts[b["id"]][2]))
    state = verdicts[focus["id"]][0]
    experiment = theme(focus["text"])
    if counts["challenged"] > counts["supported"]:
        summary = ("More of your beliefs were challenged than supported. Before you commit, "
                   "test the doubt that matters most cheaply, or talk to people in a "
                   "neighbouring role.")
    elif counts["supported"] == len(data["beliefs"]):
        summary = ("Every belief held up in conversation. Hearing is not doing: test the "
                   "work in practice before you commit time or money.")
    else:
        summary = "The evidence is mixed. Test the belief you are least sure of."
    why = {
        "mixed": "the people you spoke to disagreed about it",
        "untested": "no conversation has tested it yet",
        "challenged": "what you heard challenged it",
        "supported": "it is the one with the least evidence so far",
    }[state]
    return {"ready": True, "conversations": talks, "summary": summary,
            "belief": focus["text"], "belief_id": focus["id"], "why": why,
            "experiment": experiment, "label": EXPERIMENTS[experiment]["label"],
            "how": EXPERIMENTS[experiment]["how"],
            "next_step": EXPERIMENTS[experiment]["next_step"], "counts": counts}


def next_step_for_thanks(saved: Any) -> str:
    """The sentence the thank-you exercise offers as a next step ("" until ready)."""
    d = normalise(saved)["decision"]
    return d.get("next_step", "") if d.get("ready") else ""


# --------------------------------------------------------------------------- HTML

def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


VERDICT_WORDS = {"untested": "not tested yet", "supported": "supported",
                 "challenged": "challenged", "mixed": "mixed"}


def grid_html(data: Any, actions: bool = False, uid: str = "iic-beliefs") -> str:
    """The beliefs, their notes and the decision grid. ``actions`` adds the page's
    Edit/Delete buttons (data-action attributes the page script sends back)."""
    data = normalise(data)
    parts = ['<div class="iic-root iic-campaign iic-beliefs-view">']
    n = len(data["beliefs"])
    if not n:
        parts.append("<p>No beliefs yet. Write three to five things you believe about the "
                     "field before your first call.</p></div>")
        return "".join(parts)
    more = (f" Write {MIN_BELIEFS - n} more before your first call." if n < MIN_BELIEFS
            else "")
    parts.append(f"<p>{n} of {MAX_BELIEFS} beliefs.{more}</p><ol class=\"iic-belief-list\">")
    for b in data["beliefs"]:
        state, pro, con = verdict(data, b["id"])
        buttons = ""
        if actions:
            buttons = (f'<span class="iic-card-actions"><button type="button" '
                       f'class="iic-secondary" data-action="edit_belief" data-id="{_e(b["id"])}"'
                       f' aria-label="Edit belief: {_e(b["text"])}">Edit</button> '
                       f'<button type="button" class="iic-secondary" data-action="delete_belief"'
                       f' data-id="{_e(b["id"])}" aria-label="Delete belief: {_e(b["text"])}">'
                       "Delete</button></span>")
        notes = [x for x in data["notes"] if x["belief"] == b["id"]]
        note_items = "".join(
            f'<li><strong>{"For" if x["stance"] == "for" else "Against"}</strong> '
            f'({_e(x["who"])}){": " + _e(x["text"]) if x["text"] else ""}'
            + (f' <button type="button" class="iic-link-button" data-action="delete_note" '
               f'data-id="{_e(x["id"])}" aria-label="Delete note from {_e(x["who"])}">'
               "Delete note</button>" if actions else "") + "</li>"
            for x in notes)
        parts.append(
            f'<li class="iic-belief" data-belief="{_e(b["id"])}"><p><q>{_e(b["text"])}</q> '
            f'<span class="iic-verdict iic-verdict-{state}">{VERDICT_WORDS[state]}: '
            f'{pro} for, {con} against</span></p>{buttons}'
            + (f'<ul class="iic-notes">{note_items}</ul>' if note_items else "") + "</li>")
    parts.append("</ol>")
    talks = conversations(data)
    if talks:
        head = "".join(f'<th scope="col">{_e(name)}</th>' for _, name in talks)
        rows = []
        for b in data["beliefs"]:
            cells = []
            for cid, _ in talks:
                pro = sum(1 for x in data["notes"] if x["belief"] == b["id"]
                          and x["contact"] == cid and x["stance"] == "for")
                con = sum(1 for x in data["notes"] if x["belief"] == b["id"]
                          and x["contact"] == cid and x["stance"] == "against")
                words = []
                if pro:
                    words.append(f"{pro} for")
                if con:
                    words.append(f"{con} against")
                cells.append(f"<td>{', '.join(words) or '&ndash;'}</td>")
            state = verdict(data, b["id"])[0]
            rows.append(f'<tr><th scope="row">{_e(b["text"])}</th>{"".join(cells)}'
                        f"<td>{VERDICT_WORDS[state]}</td></tr>")
        parts.append(
            f'<div class="iic-table-scroll" role="region" tabindex="0" '
            f'aria-labelledby="{_e(uid)}-grid-caption"><table class="iic-grid">'
            f'<caption id="{_e(uid)}-grid-caption">Decision grid: what each conversation said '
            f'about each belief</caption><thead><tr><th scope="col">Belief</th>{head}'
            f'<th scope="col">So far</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
            "</div>")
    d = data["decision"]
    if d.get("ready"):
        parts.append(
            '<div class="iic-decision"><h4>Your next experiment</h4>'
            f"<p>{_e(d['summary'])}</p>"
            f"<p>Test <q>{_e(d['belief'])}</q>, because {_e(d['why'])}, with "
            f"<strong>{_e(d['label'])}</strong>. {_e(d['how'])}</p>"
            f"<p>A next step for your thank-you note: <q class=\"iic-next-step\">"
            f"{_e(d['next_step'])}</q></p></div>")
    else:
        left = CONVERSATIONS_FOR_A_DECISION - d.get("conversations", 0)
        parts.append(f"<p>After {CONVERSATIONS_FOR_A_DECISION} conversations with notes, the "
                     f"grid suggests your next experiment ({left} to go).</p>")
    parts.append("</div>")
    return "".join(parts)
