"""Exercises for the informational-interview course.

Subpackages: ``grading`` (pure-Python graders), ``render`` (report -> HTML),
``widgets`` (ipywidgets coaches), ``quiz`` (kernel-free quizzes), ``practice``
(rehearsal engine) and ``storage`` (saved work).
"""

__version__ = "0.1.0"
