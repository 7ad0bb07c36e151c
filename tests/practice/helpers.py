"""Helpers shared by the rehearsal tests."""

from __future__ import annotations

from exercises.practice.engine import Turn
from exercises.practice.personas import Detail, Persona


def detail_of(persona: Persona, turn: Turn) -> Detail | None:
    """The follow-up hook of the answer the persona just gave, if it had one."""
    for group in persona.answers.values():
        for a in group:
            if a.text in turn.reply:
                return a.detail
    return None


def follow_up_for(persona: Persona, turn: Turn) -> str:
    """A follow-up question that picks up the detail in the persona's last answer."""
    d = detail_of(persona, turn)
    if d is None:
        return "Could you tell me more about that?"
    return f"You mentioned {d.keywords[0]}. What was that like?"
