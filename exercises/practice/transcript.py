"""The conversation as escaped HTML (for the widget) and as Markdown (for export)."""

from __future__ import annotations

import html

from exercises.practice.clock import Clock
from exercises.practice.debrief import CATEGORY_NAMES, LEVEL_WORDS
from exercises.practice.engine import Rehearsal

# No max-height: a scrolling box would jump back to the top on every update (the
# widget re-renders the whole log), hiding the newest reply just above the input.
CHAT_CSS = """
.iic-chat{border:1px solid var(--iic-border,#8a8a8a);
border-radius:8px;padding:0.5em 0.75em;line-height:1.5;color:inherit}
.iic-msg{margin:0.4em 0;padding:0.4em 0.6em;border-radius:6px}
.iic-msg p{margin:0.1em 0;white-space:pre-wrap;overflow-wrap:anywhere}
.iic-you{background:var(--iic-you-bg,rgba(9,105,218,0.10));margin-left:2em}
.iic-them{background:var(--iic-them-bg,rgba(128,128,128,0.12));margin-right:2em}
.iic-speaker{font-weight:bold}
.iic-minute{font-size:0.85em;opacity:0.8}
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _msg(cls: str, speaker: str, text: str, note: str = "") -> str:
    extra = f' <span class="iic-minute">{_e(note)}</span>' if note else ""
    return (
        f'<div class="iic-msg {cls}"><span class="iic-speaker">{_e(speaker)}:</span>{extra}'
        f"<p>{_e(text)}</p></div>"
    )


def transcript_html(rehearsal: Rehearsal) -> str:
    """The chat so far. role=log + aria-live=polite so screen readers announce new replies."""
    name = rehearsal.persona.name
    parts = [
        f"<style>{CHAT_CSS}</style>",
        '<div class="iic-chat" role="log" aria-live="polite" '
        f'aria-label="Conversation with {_e(name)}">',
        _msg("iic-them", name, rehearsal.greeting),
    ]
    for t in rehearsal.turns:
        parts.append(_msg("iic-you", "You", t.question))
        parts.append(
            _msg("iic-them", name, t.reply, f"(after {Clock.format_minutes(t.elapsed)} min)")
        )
    parts.append("</div>")
    return "".join(parts)


def _md(text: str) -> str:
    # Markdown viewers render raw HTML; escape it so a pasted tag stays text.
    return " ".join(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").split())


def transcript_markdown(rehearsal: Rehearsal, exported_at: str = "") -> str:
    """A readable transcript with the debrief, for the learner to keep or share."""
    p = rehearsal.persona
    d = rehearsal.debrief()
    lines = [
        f"# Practice interview with {p.name}",
        "",
        f"{p.role}, {p.organisation}. Agreed length: {Clock.format_minutes(rehearsal.minutes)} "
        f"minutes; used: {Clock.format_minutes(rehearsal.elapsed)} minutes.",
    ]
    if exported_at:
        lines.append(f"Exported {exported_at}.")
    lines += ["", "(A simulated professional: names and organisations are fictional.)", ""]
    if rehearsal.intro.strip():
        lines += [f"Your 30-second introduction: {_md(rehearsal.intro)}", ""]
    lines += [f"**{p.name}:** {_md(rehearsal.greeting)}", ""]
    for t in rehearsal.turns:
        lines += [f"**You:** {_md(t.question)}", "", f"**{p.name}:** {_md(t.reply)}", ""]
    covered = ", ".join(CATEGORY_NAMES[c] for c in d.categories_covered) or "none"
    level = f"Overall: {LEVEL_WORDS[d.level]}. " if d.level else ""
    lines += [
        "## Debrief",
        "",
        level + d.encouragement,
        "",
        f"- Topics covered: {len(d.categories_covered)} of 7 ({covered})",
        f"- Questions: {d.open_count} open, {d.closed_count} closed",
        f"- Follow-ups: {len(d.follow_ups)}",
        f"- Time: {Clock.format_minutes(d.minutes_used)} of "
        f"{Clock.format_minutes(d.minutes_available or d.minutes_agreed)} minutes",
        f"- Thanked: {'yes' if d.thanked else 'no'}; asked whom else to talk to: "
        f"{'yes (' + d.referral_name + ')' if d.asked_referral else 'no'}",
    ]
    for q in d.follow_ups:
        lines.append(f"  - Follow-up: \u201c{_md(q)}\u201d")
    for q in d.job_asks:
        lines.append(f"  - Job ask: \u201c{_md(q)}\u201d")
    for q in d.googleable:
        lines.append(f"  - A website could answer: \u201c{_md(q)}\u201d")
    for m in d.moments:
        said = f" You said: \u201c{_md(m['reply'])}\u201d." if m.get("reply") else ""
        lines.append(f"- {m['label']} ({m['handled']}).{said} {m['guide']}")
    lines += ["", "### Try next time", ""]
    lines += [f"{i}. {s}" for i, s in enumerate(d.suggestions, 1)]
    return "\n".join(lines) + "\n"
