"""Rehearsal simulator: interview a simulated professional and get a debrief.

The engine (everything here except ``widget``) uses the standard library only,
so it runs unchanged in CPython and in the JupyterLite Pyodide kernel.
"""

from exercises.practice.debrief import Debrief, build_debrief, render_debrief
from exercises.practice.engine import Rehearsal, Turn
from exercises.practice.personas import Persona, PersonaError, list_personas, load_persona
from exercises.practice.transcript import transcript_html, transcript_markdown

__all__ = [
    "Debrief",
    "Persona",
    "PersonaError",
    "Rehearsal",
    "Turn",
    "build_debrief",
    "list_personas",
    "load_persona",
    "render_debrief",
    "transcript_html",
    "transcript_markdown",
]
