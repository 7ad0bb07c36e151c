"""The exercise coaches: write, check, read feedback, revise (ipywidgets layer only).

Each coach is a VBox whose parts are attributes, so tests (and curious learners)
can drive it directly: ``coach.text.value = "..."; coach.check_button.click()``.
All decisions live in exercises.widgets.logic and exercises.render.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from exercises.grading import rubric
from exercises.planned_length import minutes_for_questions
from exercises.render import (
    OptionError,
    grade_report,
    render_css,
    render_error,
    render_report_with_style,
    report_from_dict,
)
from exercises.widgets import logic
from exercises.widgets.debounce import Debouncer
from exercises.widgets.storeutil import open_store, safe_get, store_notice

CHECK_LABEL = "Check my draft"

# Per kind: heading, what to write, textarea label and placeholder.
COACHES: dict[str, dict[str, str]] = {
    "pitch": {
        "title": "Pitch coach: your outreach message",
        "intro": "Write the email or LinkedIn note you would send to ask for a short "
        "conversation. Press Check to see what works and what to improve; revise and "
        "check again as often as you like.",
        "label": "Your message",
        "placeholder": "Subject: ...\n\nHello ...",
    },
    "thanks": {
        "title": "Thank-you note coach",
        "intro": "Write the note you would send after the conversation. Press Check for "
        "feedback, then revise.",
        "label": "Your note",
        "placeholder": "Dear ...,\n\nThank you for ...",
    },
    "goal": {
        "title": "Goal builder: what do you want to learn?",
        "intro": "In one or two sentences, say which field, role or organisation you are "
        "curious about and what you want to find out. Press Check for feedback.",
        "label": "Your learning goal",
        "placeholder": "I want to learn what ... do day to day, how they ...",
    },
    "questions": {
        "title": "Question builder",
        "intro": "Write the questions you plan to ask, one per line. Choose how long the "
        "conversation will be, then press Check to see each question's topic, which "
        "topics are missing and a good order to ask them.",
        "label": "Your questions (one per line)",
        "placeholder": "How did you get started in this work?\nWhat does a typical week look "
        "like?",
    },
}


def _limit_tip(channel: str) -> str:
    most, unit = rubric.length_limit("pitch", channel)
    return f"{rubric.channel_label(channel)}: at most {most} {unit}"


def _header_html(title: str, intro: str) -> str:
    # The stylesheet is included once per widget so the counter, history and notice
    # panels are styled even before the first report arrives.
    return (
        f"<style>{render_css()}</style>"
        f'<div class="iic-root iic-bare iic-widget-head"><h3>{html.escape(title)}</h3>'
        f"<p>{html.escape(intro)}</p>"
        '<p class="iic-privacy">Your work is saved in this browser only; it is never '
        "sent anywhere.</p></div>"
    )


class Coach(w.VBox):
    """A write-check-revise coach for one graded exercise kind.

    Attributes for tests: ``text``, ``channel`` (pitch only), ``minutes`` (questions
    only), ``count``, ``check_button``, ``feedback``, ``history``, ``notice``, ``store``.
    """

    def __init__(self, kind: str, store: Any = None, save_delay: float = 1.0) -> None:
        self.kind = kind
        conf = COACHES[kind]
        self.store = open_store(store)
        self.header = w.HTML(_header_html(conf["title"], conf["intro"]))
        self.notice = w.HTML(logic.notice_html(store_notice(self.store)))
        self.text = w.Textarea(
            description=conf["label"],
            placeholder=conf["placeholder"],
            continuous_update=True,
            rows=12 if kind != "goal" else 4,
            layout=w.Layout(width="100%"),
            style={"description_width": "initial"},
        )
        self.text.add_class("iic-input")
        self.channel: w.ToggleButtons | None = None
        self.minutes: w.ToggleButtons | None = None
        option_widgets: list[w.Widget] = []
        if kind == "pitch":
            channels = rubric.channels()
            self.channel = w.ToggleButtons(
                options=[(rubric.channel_label(c), c) for c in channels],
                value="email",
                description="Sent as",
                tooltips=[_limit_tip(c) for c in channels],
                style={"description_width": "initial"},
            )
            option_widgets.append(self.channel)
        if kind == "questions":
            self.minutes = w.ToggleButtons(
                options=[("15 minutes", 15), ("20 minutes", 20), ("30 minutes", 30)],
                value=30,
                description="Conversation length",
                style={"description_width": "initial"},
            )
            option_widgets.append(self.minutes)
        self.count = w.HTML()
        self.check_button = w.Button(
            description=CHECK_LABEL,
            button_style="primary",
            tooltip="Grade this draft, save it and show feedback",
            icon="check",
        )
        self.check_button.add_class("iic-check-button")
        self.feedback = w.HTML()
        self.feedback.add_class("iic-feedback")
        self.history = w.HTML()
        self.history.add_class("iic-history-panel")
        # Question lists: the learner can file a question under another topic.
        self.topics: dict[str, str] = {}
        self.retag_question = w.Dropdown(description="Question", options=[])
        self.retag_topic = w.Dropdown(
            description="Topic",
            options=[(rubric.category(c)["title"], c) for c in rubric.categories()],
        )
        self.retag_button = w.Button(
            description="Use this topic", tooltip="File the chosen question under this topic"
        )
        self.retag_button.on_click(self._on_retag)
        self.retag_box = w.HBox([self.retag_question, self.retag_topic, self.retag_button])
        self.retag_box.layout.display = "none"
        self._report: Any = None  # the last Report shown (a Report object)
        self._scores: list[int] = []
        self._drafts = Debouncer(self._save_draft, delay=save_delay)
        self._last_saved_text: str | None = None

        self._restore()
        self._update_count()
        self.history.value = logic.history_html(self._scores)

        self.text.observe(self._on_text, names="value")
        for widget in option_widgets:
            widget.observe(self._on_option, names="value")
        self.check_button.on_click(self._on_check)
        super().__init__(
            [self.header, self.notice, *option_widgets, self.text, self.count,
             self.check_button, self.feedback, self.retag_box, self.history]
        )
        self.add_class("iic-coach")
        self.add_class(f"iic-coach-{kind}")

    # ---- options ------------------------------------------------------------------------
    def options(self) -> dict[str, Any]:
        if self.channel is not None:
            return {"channel": self.channel.value}
        if self.minutes is not None:
            out: dict[str, Any] = {"minutes": self.minutes.value}
            if self.topics:
                out["topics"] = dict(self.topics)
            return out
        return {}

    def _grade_options(self) -> dict[str, Any]:
        """The saved options plus the words of the learner's goal, which the spelling
        checks never flag."""
        out = self.options()
        if self.kind != "goal":
            goal = logic.restore_exercise(safe_get(self.store.get_exercise, "goal"))["text"]
            if goal.strip():
                out["known_words"] = goal[:2000]
        return out

    def _on_retag(self, _button: Any = None) -> None:
        question = self.retag_question.value
        if not question:
            return
        info = next((q for q in getattr(self._report, "questions", []) if q.text == question), None)
        if info is not None and self.retag_topic.value == info.graded_category:
            self.topics.pop(question, None)
        else:
            self.topics[question] = self.retag_topic.value
        self._on_check()

    def _show_retag(self, report: Any) -> None:
        questions = [q.text for q in getattr(report, "questions", [])]
        if self.kind != "questions" or not questions:
            self.retag_box.layout.display = "none"
            return
        self.retag_question.options = questions
        self.retag_box.layout.display = None

    def _apply_options(self, options: dict[str, Any]) -> None:
        topics = options.get("topics")
        if isinstance(topics, dict):
            self.topics = {
                k: v for k, v in topics.items() if isinstance(k, str) and v in rubric.categories()
            }
        if self.channel is not None and options.get("channel") in rubric.channels():
            self.channel.value = options["channel"]
        if self.minutes is not None and options.get("minutes") in (15, 20, 30):
            self.minutes.value = options["minutes"]

    # ---- restore and save -----------------------------------------------------------------
    def _restore(self) -> None:
        state = logic.restore_exercise(safe_get(self.store.get_exercise, self.kind))
        self._apply_options(state["options"])
        if self.minutes is not None:  # the length planned in the planning worksheet
            planned = minutes_for_questions(safe_get(self.store.get_exercise, self.kind),
                                            safe_get(self.store.get_worksheet, "planning"))
            if planned is not None:
                self.minutes.value = planned
        self.text.value = state["text"]
        self._last_saved_text = state["text"] if state["text"] else None
        self._scores = logic.dedupe_scores(state["scores"])
        if state["report"] is not None:
            try:
                saved = state["report"]
                report = report_from_dict(saved, saved.get("text", state["text"]))
                self._report = report
                self.feedback.value = render_report_with_style(report) + self._stale_note()
            except Exception:  # an odd saved report must not block the coach
                self.feedback.value = ""

    def _stale_note(self) -> str:
        if self._report is not None and self._report.text != self.text.value:
            return (
                '<p class="iic-root iic-bare iic-stale">This feedback is for your last '
                "checked draft. Press Check to see feedback on your changes.</p>"
            )
        return ""

    def _save_draft(self) -> None:
        text = self.text.value
        if text == self._last_saved_text:
            return
        record = logic.report_record(self._report) if self._report is not None else None
        save_draft = getattr(self.store, "save_draft", None)
        try:
            if callable(save_draft):
                save_draft(self.kind, text, self.options())
            else:
                self.store.save_exercise(self.kind, text, self.options(), record)
            self._last_saved_text = text
        except OSError as exc:
            self.notice.value = logic.notice_html(f"Your draft could not be saved ({exc}).")

    # ---- callbacks ----------------------------------------------------------------------------
    def _update_count(self) -> None:
        channel = self.channel.value if self.channel is not None else "email"
        status = logic.length_status(self.text.value, self.kind, channel)
        self.count.value = (
            '<div class="iic-root iic-bare">'
            + logic.length_html(status, self.kind, channel)
            + "</div>"
        )

    def _on_text(self, _change: dict[str, Any]) -> None:
        self._update_count()
        self._drafts.trigger()

    def _on_option(self, _change: dict[str, Any]) -> None:
        self._update_count()
        self._last_saved_text = None  # options changed: save even if the text did not
        self._drafts.trigger()

    def _on_check(self, _button: Any = None) -> None:
        self._drafts.cancel()
        text = self.text.value
        try:
            report = grade_report(self.kind, text, **self._grade_options())
        except OptionError as exc:
            self.feedback.value = f"<style>{render_css()}</style>" + render_error(str(exc))
            return
        except Exception:
            self.feedback.value = f"<style>{render_css()}</style>" + render_error(
                "Sorry, something went wrong while checking. Your text is still here; "
                "try again or change it a little."
            )
            return
        self._report = report
        self.feedback.value = render_report_with_style(report)
        self._show_retag(report)
        self._scores.append(int(report.score))
        self.history.value = logic.history_html(self._scores)
        try:
            self.store.save_exercise(self.kind, text, self.options(), logic.report_record(report))
            self._last_saved_text = text
        except OSError as exc:
            self.notice.value = logic.notice_html(f"Your work could not be saved ({exc}).")

    def check(self) -> None:
        """Same as pressing the Check button."""
        self._on_check()


def pitch_coach(store: Any = None, save_delay: float = 1.0) -> Coach:
    """Write an outreach email or LinkedIn note and get feedback on it."""
    return Coach("pitch", store=store, save_delay=save_delay)


def thank_you_coach(store: Any = None, save_delay: float = 1.0) -> Coach:
    """Write a thank-you note after a conversation and get feedback on it."""
    return Coach("thanks", store=store, save_delay=save_delay)


def goal_builder(store: Any = None, save_delay: float = 1.0) -> Coach:
    """Say what you want to learn, and from whom; get feedback on the goal."""
    return Coach("goal", store=store, save_delay=save_delay)


def question_builder(store: Any = None, save_delay: float = 1.0) -> Coach:
    """Build a question list: topics, coverage, suggestions and a good order."""
    return Coach("questions", store=store, save_delay=save_delay)
