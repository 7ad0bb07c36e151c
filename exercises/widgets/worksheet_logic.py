"""Pure logic for the planning worksheet and the contact map (no ipywidgets here)."""

from __future__ import annotations

import html
from typing import Any

# --------------------------------------------------------------------------- planning

LEARN_ABOUT = (
    ("role", "A role"),
    ("industry", "An industry"),
    ("company", "A company or organisation"),
    ("career_paths", "Career paths"),
)
FORMATS = (("phone", "Phone"), ("video", "Video call"), ("in_person", "In person"))
MINUTES = (15, 20, 30)

PLANNING_DEFAULTS: dict[str, Any] = {
    "learn_about": "role",
    "learn_detail": "",
    "from_whom": "",
    "format": "video",
    "minutes": 20,
    "researched": "",
}


def _choice(value: Any, allowed: tuple, default: Any) -> Any:
    return value if value in allowed else default


def normalise_planning(saved: Any) -> dict[str, Any]:
    """Saved planning data with every field present and valid (bad values -> defaults)."""
    saved = saved if isinstance(saved, dict) else {}
    data = dict(PLANNING_DEFAULTS)
    data["learn_about"] = _choice(
        saved.get("learn_about"), tuple(k for k, _ in LEARN_ABOUT), data["learn_about"]
    )
    data["format"] = _choice(saved.get("format"), tuple(k for k, _ in FORMATS), data["format"])
    minutes = saved.get("minutes")
    if isinstance(minutes, str) and minutes.isdigit():
        minutes = int(minutes)
    data["minutes"] = _choice(minutes, MINUTES, data["minutes"])
    for key in ("learn_detail", "from_whom", "researched"):
        value = saved.get(key)
        data[key] = value if isinstance(value, str) else ""
    return data


def goal_text(saved_goal: Any) -> str:
    """The learner's saved goal text (store.get_exercise("goal")), or ""."""
    if isinstance(saved_goal, dict) and isinstance(saved_goal.get("text"), str):
        return saved_goal["text"].strip()
    return ""


def goal_echo_html(goal: str) -> str:
    if not goal:
        return (
            '<div class="iic-root iic-bare iic-goal-echo"><p>You have not written a learning '
            "goal yet. The goal builder helps you say what you want to find out; it makes "
            "this plan easier.</p></div>"
        )
    return (
        '<div class="iic-root iic-goal-echo"><p><strong>Your learning goal:</strong> '
        f"{html.escape(goal)}</p></div>"
    )


def planning_summary(data: dict[str, Any]) -> str:
    """One plain sentence summing up the plan, shown under the form."""
    about = dict(LEARN_ABOUT).get(data["learn_about"], "").lower()
    fmt = dict(FORMATS).get(data["format"], "").lower()
    detail = f" ({data['learn_detail'].strip()})" if data["learn_detail"].strip() else ""
    who = data["from_whom"].strip() or "someone you have not chosen yet"
    return f"Plan: learn about {about}{detail} from {who}, {data['minutes']} minutes, {fmt}."


# --------------------------------------------------------------------------- contacts

CIRCLES = (
    ("friends_family", "Friends and family"),
    ("teachers", "Teachers and professors"),
    ("supervisors", "Internship and job supervisors"),
    ("alumni", "Alumni"),
    ("peers", "Peers and classmates"),
    ("online", "Online professional network"),
)
CIRCLE_IDS = tuple(k for k, _ in CIRCLES)
MAX_FIRST = 3
MAX_FIELD = 200  # names and notes are short; keeps the saved file small


def empty_contacts() -> dict[str, Any]:
    return {"circles": {c: [] for c in CIRCLE_IDS}, "first_three": []}


def normalise_contacts(saved: Any) -> dict[str, Any]:
    """Saved contact-map data in the contract shape {"circles": {...}, "first_three": [...]}."""
    data = empty_contacts()
    saved = saved if isinstance(saved, dict) else {}
    circles = saved.get("circles") if isinstance(saved.get("circles"), dict) else {}
    for circle in CIRCLE_IDS:
        for entry in circles.get(circle) or []:
            if isinstance(entry, dict) and isinstance(entry.get("name"), str):
                name = entry["name"].strip()[:MAX_FIELD]
                note = entry.get("note") if isinstance(entry.get("note"), str) else ""
                if name and name not in names(data):
                    data["circles"][circle].append({"name": name, "note": note[:MAX_FIELD]})
    first = saved.get("first_three") if isinstance(saved.get("first_three"), list) else []
    known = names(data)
    for name in first:
        if name in known and name not in data["first_three"]:
            data["first_three"].append(name)
    data["first_three"] = data["first_three"][:MAX_FIRST]
    return data


def names(data: dict[str, Any]) -> list[str]:
    """Every contact's name, circle by circle, in the order they were added."""
    return [e["name"] for c in CIRCLE_IDS for e in data["circles"].get(c, [])]


def add_contact(data: dict[str, Any], name: str, circle: str, note: str = "") -> tuple[dict, str]:
    """Return (new data, message). A name already on the map is moved and its note updated."""
    name = (name or "").strip()[:MAX_FIELD]
    note = (note or "").strip()[:MAX_FIELD]
    if not name:
        return data, "Write a name or a short description first (for example: my aunt's boss)."
    if circle not in CIRCLE_IDS:
        return data, "Choose a circle for this contact."
    new = normalise_contacts(data)
    for c in CIRCLE_IDS:
        new["circles"][c] = [e for e in new["circles"][c] if e["name"] != name]
    new["circles"][circle].append({"name": name, "note": note})
    return new, f"Added {name} to {dict(CIRCLES)[circle].lower()}."


def remove_contact(data: dict[str, Any], name: str) -> dict[str, Any]:
    new = normalise_contacts(data)
    for c in CIRCLE_IDS:
        new["circles"][c] = [e for e in new["circles"][c] if e["name"] != name]
    new["first_three"] = [n for n in new["first_three"] if n != name]
    return new


def set_first_three(data: dict[str, Any], chosen: list[str]) -> tuple[dict[str, Any], str]:
    """Keep up to three known names, in the order chosen; say so if more were picked."""
    new = normalise_contacts(data)
    known = names(new)
    picked: list[str] = []
    for name in chosen:
        if name in known and name not in picked:
            picked.append(name)
    message = ""
    if len(picked) > MAX_FIRST:
        message = f"Pick at most {MAX_FIRST} people to ask first; the first three are kept."
    new["first_three"] = picked[:MAX_FIRST]
    return new, message


def contacts_html(data: dict[str, Any]) -> str:
    """Contacts listed by circle, with the first three marked in words."""
    first = data.get("first_three", [])
    blocks = []
    for circle, label in CIRCLES:
        entries = data["circles"].get(circle, [])
        if entries:
            items = []
            for e in entries:
                tag = ""
                if e["name"] in first:
                    rank = first.index(e["name"]) + 1
                    tag = f' <strong class="iic-first">(ask first, #{rank})</strong>'
                note = f": {html.escape(e['note'])}" if e["note"] else ""
                items.append(f"<li>{html.escape(e['name'])}{note}{tag}</li>")
            body = "<ul>" + "".join(items) + "</ul>"
        else:
            body = '<p class="iic-empty">Nobody yet.</p>'
        blocks.append(
            f'<div class="iic-contacts-circle" data-circle="{circle}">'
            f"<h5>{html.escape(label)} ({len(entries)})</h5>{body}</div>"
        )
    total = len(names(data))
    return (
        '<div class="iic-root iic-contacts"><h4>Your contact map</h4>'
        f"<p>{total} {'person' if total == 1 else 'people'} on your map; "
        f"{len(first)} of {MAX_FIRST} chosen to ask first.</p>" + "".join(blocks) + "</div>"
    )
