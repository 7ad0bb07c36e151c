"""Kernel-free quizzes: bank schema, loader, HTML renderer and the progress page.

The rendered HTML carries its own CSS and JS, so a quiz works the same on a static
book page, in JupyterLite and in a local Jupyter without any kernel round trip.
"""

from __future__ import annotations

from .loader import list_quizzes, load_quiz
from .progress import render_progress
from .render import render_quiz, show_quiz
from .schema import Option, Question, Quiz, QuizError, validate_quiz

__all__ = [
    "Option",
    "Question",
    "Quiz",
    "QuizError",
    "list_quizzes",
    "load_quiz",
    "render_progress",
    "render_quiz",
    "show_quiz",
    "validate_quiz",
]
