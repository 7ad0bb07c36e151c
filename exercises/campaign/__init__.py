"""The campaign: many conversations over weeks, tracked, counted and turned into a decision.

- :mod:`~exercises.campaign.cadence`: the follow-up dates, in working days;
- :mod:`~exercises.campaign.tracker`: contacts moving through the pipeline;
- :mod:`~exercises.campaign.timezones`: both local times of a call;
- :mod:`~exercises.campaign.export`: iCalendar (``icalendar``) and CSV;
- :mod:`~exercises.campaign.dashboard`: the weekly numbers and charts;
- :mod:`~exercises.campaign.beliefs`: beliefs, tagged notes and the decision grid;
- :mod:`~exercises.campaign.render`: the tracker's HTML;
- :mod:`~exercises.campaign.page`: the book page's JSON entry point.

Everything here except the calendar export (``icalendar``) and the time-zone data
(``tzdata`` inside Pyodide) uses the standard library only.
"""

CSS_FILE = "campaign.css"


def campaign_css() -> str:
    """The stylesheet for the tracker, beliefs grid and dashboard (page and notebook)."""
    from importlib.resources import files

    return (files(__package__) / CSS_FILE).read_text(encoding="utf-8")
