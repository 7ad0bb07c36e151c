"""Graders for the course's exercises (standard library only: runs in Pyodide).

See ``shared/rubric.md`` for the checks each grader makes and ``report.py`` for
the objects they return.
"""

from .goal import grade_goal
from .pitch import grade_pitch
from .questions import classify_question, grade_questions
from .report import Check, QuestionInfo, Report
from .thanks import grade_thank_you

__all__ = [
    "Check",
    "QuestionInfo",
    "Report",
    "classify_question",
    "grade_goal",
    "grade_pitch",
    "grade_questions",
    "grade_thank_you",
]
