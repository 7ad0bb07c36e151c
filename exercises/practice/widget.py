"""Chat-style rehearsal widget: ``rehearsal(store=None)``.

A thin ipywidgets layer over the engine: pick a persona, read the profile,
choose the agreed length, then ask questions in a chat. The debrief appears when
the conversation ends and is saved with the learner's other work. Pure Python,
so it runs in the JupyterLite Pyodide kernel.
"""

from __future__ import annotations

import html
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from exercises.planned_length import planned_minutes
from exercises.practice.debrief import render_debrief
from exercises.practice.engine import Rehearsal
from exercises.practice.page import (
    DEFAULT_LENGTH,
    INTRO_LIMIT,
    LENGTHS,
    now_iso,
    profile_html,
    time_status,
)
from exercises.practice.personas import list_personas
from exercises.practice.transcript import transcript_html, transcript_markdown

# After Enter sends a question, a click on Ask in the same moment finds an empty
# box; within this window that click is not an error worth a message.
_DOUBLE_SEND_WINDOW = 1.0


class RehearsalWidget(widgets.VBox):
    """The simulator's whole interface; sub-widgets are attributes so tests can drive it."""

    def __init__(self, store: Any = None) -> None:
        self._store = store
        self.personas = {p.id: p for p in list_personas()}
        self.session: Rehearsal | None = None
        self._starts = 0
        self._saved = False
        self._last_sent = 0.0

        first = next(iter(self.personas))
        self.persona = widgets.Dropdown(
            options=[(p.label, p.id) for p in self.personas.values()],
            value=first,
            description="Persona",
            style={"description_width": "initial"},
        )
        self.profile = widgets.HTML(profile_html(self.personas[first]))
        self.minutes = widgets.Dropdown(
            options=[(f"{m} minutes", m) for m in LENGTHS],
            value=self._planned_length(),
            description="Agreed length",
            style={"description_width": "initial"},
        )
        # The 30-second introduction, offered before the interview starts: most
        # professionals open with "So, tell me a bit about yourself".
        self.intro = widgets.Textarea(
            value="",
            placeholder="Who you are, what you are exploring, and why you chose this person",
            description="Your 30-second introduction (optional)",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="100%", height="6em"),
        )
        self.intro_button = widgets.Button(
            description="Check my introduction", tooltip="Feedback on your introduction"
        )
        self.intro_feedback = widgets.HTML("")
        self.start_button = widgets.Button(
            description="Start interview", button_style="primary", tooltip="Start the interview"
        )
        self.time = widgets.HTML('<p aria-live="polite">Not started yet.</p>')
        self.transcript = widgets.HTML("")
        # continuous_update=False: the value reaches Python on Enter (or leaving the box),
        # which is ipywidgets 8's replacement for the deprecated on_submit.
        self.question = widgets.Text(
            value="",
            placeholder="Type a question and press Enter",
            description="Your question",
            continuous_update=False,
            disabled=True,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="100%"),
        )
        self.ask_button = widgets.Button(description="Ask", disabled=True, tooltip="Send")
        self.end_button = widgets.Button(
            description="End interview", disabled=True, tooltip="End and see the debrief"
        )
        self.export_button = widgets.Button(
            description="Export transcript",
            disabled=True,
            tooltip="Save the transcript as a Markdown file next to this notebook",
        )
        self.status = widgets.HTML("")
        self.debrief = widgets.HTML("")

        self.persona.observe(self._on_persona, names="value")
        self.start_button.on_click(self._on_start)
        self.intro_button.on_click(self._on_intro)
        self.question.observe(self._on_submit, names="value")
        self.ask_button.on_click(self._on_ask)
        self.end_button.on_click(self._on_end)
        self.export_button.on_click(self._on_export)

        super().__init__(
            [
                widgets.HTML("<h3>Rehearse an informational interview</h3>"),
                self.persona,
                self.profile,
                widgets.HTML(
                    "<p><strong>Warm up:</strong> most professionals begin with "
                    "\u201cSo, tell me a bit about yourself.\u201d Write what you would say, "
                    "check it, then start.</p>"
                ),
                self.intro,
                self.intro_button,
                self.intro_feedback,
                widgets.HBox([self.minutes, self.start_button]),
                self.time,
                self.transcript,
                self.question,
                widgets.HBox([self.ask_button, self.end_button, self.export_button]),
                self.status,
                self.debrief,
            ]
        )

    # -- helpers -------------------------------------------------------------
    @property
    def store(self) -> Any:
        if self._store is None:
            from exercises.storage import WorkStore  # the default file next to the notebook

            self._store = WorkStore()
        return self._store

    def _say(self, message: str) -> None:
        self.status.value = f'<p role="status">{html.escape(message)}</p>' if message else ""

    def _refresh(self) -> None:
        s = self.session
        if s is None:
            return
        self.transcript.value = transcript_html(s)
        self.time.value = f'<p aria-live="polite">{html.escape(time_status(s))}</p>'
        ended = s.ended
        self.question.disabled = ended
        self.ask_button.disabled = ended
        self.end_button.disabled = ended
        self.export_button.disabled = False
        if ended:
            self._finish()

    def _finish(self) -> None:
        s = self.session
        if s is None:
            return
        self.debrief.value = render_debrief(s.debrief())
        if self._saved:
            return
        self._saved = True
        try:
            self.store.add_rehearsal(s.record(now_iso()))
        except Exception as exc:  # saving must never break the conversation
            self._say(f"The interview has ended. It could not be saved ({exc}).")
            return
        notice = getattr(self.store, "notice", "")  # e.g. a corrupt file was set aside
        self._say(
            "The interview has ended. Your transcript and debrief are saved with your work."
            + (f" {notice}" if notice else "")
        )

    # -- callbacks -------------------------------------------------------------
    def _on_persona(self, change: dict[str, Any]) -> None:
        p = self.personas.get(change["new"])
        if p is not None:
            self.profile.value = profile_html(p)

    def _on_intro(self, _button: Any = None) -> None:
        from exercises.render import grade_and_render, render_css

        text = self.intro.value
        if not text.strip():
            self._say("Write your introduction in the box first, then check it.")
            return
        self.intro_feedback.value = f"<style>{render_css()}</style>" + grade_and_render(
            "intro", text
        )
        self._say("")

    def _on_start(self, _button: Any = None) -> None:
        self.session = Rehearsal(
            self.persona.value,
            self.minutes.value,
            seed=self._starts,
            intro=self.intro.value[:INTRO_LIMIT],
        )
        self._starts += 1
        self._saved = False
        self.debrief.value = ""
        self.question.value = ""
        self._say(
            f"Interview started with {self.session.persona.name}. "
            "Type a question and press Enter or Ask."
        )
        self._refresh()

    def send(self, text: str) -> None:
        """Ask the current persona a question and update the chat."""
        if self.session is None:
            self._say("Press Start interview first.")
            return
        self.session.ask(text)
        self._last_sent = time.monotonic()
        if not self.session.ended:
            self._say("")
        self._refresh()

    def _on_submit(self, change: dict[str, Any]) -> None:
        text = change["new"]
        if not text or not text.strip():
            return  # clearing the box after sending also lands here
        self.send(text)
        self.question.value = ""

    def _on_ask(self, _button: Any = None) -> None:
        text = self.question.value
        if text.strip():
            self.send(text)
            self.question.value = ""  # the observer ignores the empty value
            return
        if time.monotonic() - self._last_sent < _DOUBLE_SEND_WINDOW:
            return  # Enter (or leaving the box) already sent this question
        self._say("Type a question in the box first.")

    def _on_end(self, _button: Any = None) -> None:
        if self.session is None or self.session.ended:
            return
        self.session.end()
        self._refresh()

    def _on_export(self, _button: Any = None) -> None:
        s = self.session
        if s is None:
            self._say("Start an interview first, then you can export its transcript.")
            return
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        path = Path(f"rehearsal-{s.persona.id}-{stamp}.md")
        try:
            path.write_text(transcript_markdown(s, now_iso()), encoding="utf-8")
        except OSError as exc:
            self._say(f"The transcript could not be written ({exc.strerror or exc}).")
            return
        self._say(f"Transcript saved as {path.name}, next to this notebook.")


    def _planned_length(self) -> int:
        """The length from the planning worksheet, when it is one the simulator offers."""
        try:
            planned = planned_minutes(self.store.get_worksheet("planning"))
        except Exception:  # an unreadable plan must not stop the simulator
            planned = None
        return planned if planned in LENGTHS else DEFAULT_LENGTH


def rehearsal(store: Any = None) -> RehearsalWidget:
    """Show the rehearsal simulator (the notebook cell for ``{exercise} rehearsal``)."""
    return RehearsalWidget(store)
