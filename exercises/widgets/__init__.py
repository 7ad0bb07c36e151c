"""ipywidgets coaches and worksheets for the course notebooks (thin layers).

The logic is in exercises.widgets.logic and worksheet_logic (pure functions);
grading is in exercises.grading and the HTML in exercises.render.

The widget classes are imported on first use (PEP 562), so the pure modules of
this package (``exercises.widgets.logic``) import without ipywidgets: the book
page's own Pyodide worker uses them and has no ipywidgets.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "Coach": "exercises.widgets.coach",
    "goal_builder": "exercises.widgets.coach",
    "pitch_coach": "exercises.widgets.coach",
    "question_builder": "exercises.widgets.coach",
    "thank_you_coach": "exercises.widgets.coach",
    "PlanningWorksheet": "exercises.widgets.worksheets",
    "planning_worksheet": "exercises.widgets.worksheets",
    "BeliefsWorksheet": "exercises.widgets.campaign",
    "CampaignDashboard": "exercises.widgets.campaign",
    "CampaignTracker": "exercises.widgets.campaign",
    "beliefs_to_decision": "exercises.widgets.campaign",
    "campaign_dashboard": "exercises.widgets.campaign",
    "campaign_tracker": "exercises.widgets.campaign",
    "contact_map": "exercises.widgets.campaign",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'exercises.widgets' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
