"""The interview length chosen in the planning worksheet, carried to the question coach
and the rehearsal, so a learner who planned a 15-minute call is not graded (or timed)
for 30.

The rule, used by the notebook widgets (here) and by the book page's runtime (the
same few lines in site/ext/static/iic-runtime.js, covered by the minutes browser test):
the plan's length is used unless the learner chose a length in the question coach
after the plan was last saved. Standard library only.
"""

from __future__ import annotations

from typing import Any

from .saved_merge import newer

#: The lengths the planning worksheet offers (worksheet_logic.MINUTES).
PLAN_LENGTHS = (15, 20, 30)


def planned_minutes(planning: Any) -> int | None:
    """The length saved in the planning worksheet, or None when there is no usable one."""
    minutes = planning.get("minutes") if isinstance(planning, dict) else None
    if isinstance(minutes, bool) or not isinstance(minutes, (int, float)):
        return None
    return int(minutes) if minutes in PLAN_LENGTHS else None


def minutes_for_questions(saved_questions: Any, planning: Any) -> int | None:
    """The length the question coach should start with, or None to keep its own.

    The plan wins when the coach has no saved length, or when the plan was saved
    after the coach's last save (the learner changed their plan since).
    """
    plan = planned_minutes(planning)
    if plan is None:
        return None
    saved = saved_questions if isinstance(saved_questions, dict) else {}
    options = saved.get("options") if isinstance(saved.get("options"), dict) else {}
    own = options.get("minutes")
    if own is None or isinstance(own, bool) or not isinstance(own, (int, float)):
        return plan
    if newer(planning.get("saved_at"), saved.get("saved_at")):
        return plan
    return None
