"""Classroom workshops: learners' results for the instructor, groups and print counts.

- ``results``: one learner's record from a saved-work export or a share code;
- ``summary``: a whole class's results (the class page, or a notebook), CSV for a gradebook;
- ``groups``: role-play groups and print counts for a class of any size.

Standard library only: the book page's worker runs it (``exercises.page_bridge``).
"""

from __future__ import annotations

from .groups import group_plan, print_counts
from .results import learner_results, read_share_code, read_submission, share_code
from .summary import class_summary, summary_csv, summary_html

__all__ = ["class_summary", "group_plan", "learner_results", "print_counts",
           "read_share_code", "read_submission", "share_code", "summary_csv", "summary_html"]
