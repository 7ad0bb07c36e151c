"""Pure logic for the planning worksheet (no ipywidgets here).

The contact map grew into the campaign tracker: see exercises.campaign.tracker.
"""

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
