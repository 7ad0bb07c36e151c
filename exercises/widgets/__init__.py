"""ipywidgets coaches and worksheets for the course notebooks (thin layers).

The logic is in exercises.widgets.logic and worksheet_logic (pure functions);
grading is in exercises.grading and the HTML in exercises.render.
"""

from exercises.widgets.coach import (
    Coach,
    goal_builder,
    pitch_coach,
    question_builder,
    thank_you_coach,
)
from exercises.widgets.worksheets import (
    ContactMap,
    PlanningWorksheet,
    contact_map,
    planning_worksheet,
)

__all__ = [
    "Coach",
    "ContactMap",
    "PlanningWorksheet",
    "contact_map",
    "goal_builder",
    "pitch_coach",
    "planning_worksheet",
    "question_builder",
    "thank_you_coach",
]
