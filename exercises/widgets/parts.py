"""HTML pieces every worksheet widget shows: its heading block and its status line,
plus the save timestamp. One place, so the notebook's tools look and behave alike."""

from __future__ import annotations

import html

from exercises.render import render_css


def now() -> str:
    """The save time in ISO form, or "" when it cannot be had."""
    try:
        from exercises.storage import now_iso

        return now_iso()
    except Exception:  # the timestamp only helps merging imports; never block a save
        return ""


def head(title: str, intro: str, privacy: str, css: str = "") -> str:
    """The widget's title, what it is for and where its data stays (escaped)."""
    return (
        f"<style>{render_css()}{css}</style>"
        f'<div class="iic-root iic-bare iic-widget-head"><h3>{html.escape(title)}</h3>'
        f"<p>{html.escape(intro)}</p>"
        f'<p class="iic-privacy">{html.escape(privacy)}</p></div>'
    )


def status(message: str) -> str:
    """A polite live status line, or nothing for an empty message."""
    if not message:
        return ""
    return f'<p class="iic-root iic-bare iic-status-line" role="status">{html.escape(message)}</p>'
