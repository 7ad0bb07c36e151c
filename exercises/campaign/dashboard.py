"""The weekly dashboard: how the campaign is going, in numbers, small charts and words.

Everything is computed from the tracker's saved data and a date, so the progress
page (through the page's worker) and the notebook show the same numbers. Charts
are inline SVG with a text alternative, and every number is also printed as
text or in a table: a reader who cannot see the bars loses nothing.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from . import cadence as cad
from . import tracker as tr

WEEKS = 6


@dataclass
class Week:
    start: date
    messages: int = 0  # first requests plus follow-ups
    replies: int = 0
    held: int = 0


@dataclass
class Rate:
    asked: int = 0
    replied: int = 0

    @property
    def percent(self) -> int | None:
        return round(100 * self.replied / self.asked) if self.asked else None

    def words(self, label: str) -> str:
        if not self.asked:
            return f"{label}: nobody asked yet"
        return (f"{label}: {self.replied} of {self.asked} replied ({self.percent}%)")


@dataclass
class Stats:
    today: date
    weeks: list[Week]
    people: int = 0
    asked: int = 0
    messages: int = 0
    replies: int = 0
    held: int = 0
    names_gained: int = 0
    warm: Rate = field(default_factory=Rate)
    cold: Rate = field(default_factory=Rate)
    due: list[tr.Due] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)

    @property
    def this_week(self) -> Week:
        return self.weeks[-1]

    @property
    def names_per_conversation(self) -> float | None:
        return round(self.names_gained / self.held, 1) if self.held else None

    @property
    def reply_rate(self) -> Rate:
        return Rate(self.warm.asked + self.cold.asked, self.warm.replied + self.cold.replied)

    def to_dict(self) -> dict[str, Any]:
        return {
            "people": self.people, "asked": self.asked, "messages": self.messages,
            "replies": self.replies, "held": self.held, "names_gained": self.names_gained,
            "names_per_conversation": self.names_per_conversation,
            "warm": {"asked": self.warm.asked, "replied": self.warm.replied},
            "cold": {"asked": self.cold.asked, "replied": self.cold.replied},
            "this_week": {"messages": self.this_week.messages,
                          "replies": self.this_week.replies, "held": self.this_week.held},
            "due_this_week": len(self.due), "statuses": dict(self.statuses),
        }


def compute(data: Any, today: date, weeks: int = WEEKS) -> Stats:
    """Numbers for the dashboard; ``weeks`` full weeks ending with today's week."""
    data = tr.normalise(data)
    first = cad.week_start(today) - timedelta(weeks=weeks - 1)
    stats = Stats(today, [Week(first + timedelta(weeks=i)) for i in range(weeks)])

    def bucket(value: str) -> Week | None:
        day = cad.parse_date(value)
        if day is None or day < first or day > stats.weeks[-1].start + timedelta(days=6):
            return None
        return stats.weeks[(day - first).days // 7]

    held_ids = set()
    for c in data["contacts"]:
        stats.people += 1
        column = tr.status(c, today)
        stats.statuses[column] = stats.statuses.get(column, 0) + 1
        if c["stage"] == "to_ask":
            continue
        stats.asked += 1
        replied = c["stage"] in tr.REPLIED
        rate = stats.warm if c["warmth"] == "warm" else stats.cold
        rate.asked += 1
        rate.replied += replied
        stats.replies += replied
        stats.messages += 1 + bool(c["followed_up_on"])
        for key, attr in (("asked_on", "messages"), ("followed_up_on", "messages"),
                          ("replied_on", "replies"), ("held_on", "held")):
            week = bucket(c[key])
            if week is not None:
                setattr(week, attr, getattr(week, attr) + 1)
        if c["stage"] in tr.HELD:
            stats.held += 1
            held_ids.add(c["id"])
    stats.names_gained = sum(1 for c in data["contacts"] if c["referred_by"] in held_ids)
    end_of_week = cad.week_start(today) + timedelta(days=6)
    stats.due = [d for d in tr.all_dues(data) if d.on <= end_of_week]
    return stats


# --------------------------------------------------------------------------- HTML

def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


SERIES = (("messages", "Messages sent", "iic-bar-solid"),
          ("replies", "Replies", "iic-bar-hatched"),
          ("held", "Conversations held", "iic-bar-outline"))


def _weekly_svg(stats: Stats, uid: str) -> str:
    width, height, top, bottom, left = 340, 170, 18, 34, 6
    plot = height - top - bottom
    top_value = max([1] + [getattr(w, k) for w in stats.weeks for k, _, _ in SERIES])
    group = (width - left) / len(stats.weeks)
    bar = (group - 10) / len(SERIES)
    shapes = []
    for i, week in enumerate(stats.weeks):
        x0 = left + i * group + 5
        for j, (key, _, css) in enumerate(SERIES):
            value = getattr(week, key)
            h = plot * value / top_value
            x = x0 + j * bar
            y = top + plot - h
            fill = (f'url(#{uid}-hatch)' if css == "iic-bar-hatched" else
                    "none" if css == "iic-bar-outline" else "var(--iic-bar, #2f6cb3)")
            shapes.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar - 2:.1f}" height="{max(h, 0.5):.1f}"'
                f' fill="{fill}" stroke="var(--iic-bar, #2f6cb3)" stroke-width="1.5"/>'
                f'<text x="{x + (bar - 2) / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle" '
                f'font-size="10" fill="currentColor">{value}</text>')
        label = cad.short_date(week.start)[4:]
        shapes.append(f'<text x="{x0 + (group - 10) / 2:.1f}" y="{height - bottom + 14}" '
                      f'text-anchor="middle" font-size="10" fill="currentColor">{_e(label)}'
                      "</text>")
    shapes.append(f'<line x1="{left}" y1="{top + plot}" x2="{width}" y2="{top + plot}" '
                  'stroke="currentColor" stroke-width="1"/>')
    summary = "; ".join(
        f"week of {cad.short_date(w.start)}: {w.messages} messages, {w.replies} replies, "
        f"{w.held} conversations" for w in stats.weeks)
    return (
        f'<svg class="iic-chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{uid}-wk-title {uid}-wk-desc" focusable="false">'
        f'<title id="{uid}-wk-title">Messages, replies and conversations, week by week'
        f'</title><desc id="{uid}-wk-desc">{_e(summary)}.</desc>'
        f'<defs><pattern id="{uid}-hatch" width="5" height="5" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="5" '
        'stroke="var(--iic-bar, #2f6cb3)" stroke-width="2.5"/></pattern></defs>'
        + "".join(shapes)
        + f'<text x="{left}" y="{height - 6}" font-size="10" fill="currentColor">Weeks start on '
        "the date shown (Monday)</text></svg>")


def _legend() -> str:
    items = "".join(f'<li><span class="iic-swatch {css}" aria-hidden="true"></span>{_e(label)}'
                    "</li>" for _, label, css in SERIES)
    return f'<ul class="iic-legend">{items}</ul>'


def _rate_svg(stats: Stats, uid: str) -> str:
    width, row = 340, 30
    shapes = []
    for i, (label, rate) in enumerate((("Warm", stats.warm), ("Cold", stats.cold))):
        y = 8 + i * row
        pct = rate.percent or 0
        shapes.append(
            f'<text x="0" y="{y + 14}" font-size="12" fill="currentColor">{label}</text>'
            f'<rect x="48" y="{y}" width="200" height="18" fill="none" '
            'stroke="currentColor" stroke-width="1"/>'
            f'<rect x="48" y="{y}" width="{2 * pct}" height="18" '
            'fill="var(--iic-bar, #2f6cb3)"/>'
            f'<text x="256" y="{y + 14}" font-size="12" fill="currentColor">'
            + (f"{pct}% ({rate.replied}/{rate.asked})" if rate.asked else "no one asked")
            + "</text>")
    desc = f"{stats.warm.words('Warm contacts')}. {stats.cold.words('Cold contacts')}."
    return (f'<svg class="iic-chart iic-chart-rate" viewBox="0 0 {width} 68" role="img" '
            f'aria-labelledby="{uid}-rate-title {uid}-rate-desc" focusable="false">'
            f'<title id="{uid}-rate-title">Reply rate, warm and cold contacts</title>'
            f'<desc id="{uid}-rate-desc">{_e(desc)}</desc>{"".join(shapes)}</svg>')


def _number(stat: str, label: str, value: Any) -> str:
    return (f'<li data-stat="{stat}"><span class="iic-dash-label">{_e(label)}</span> '
            f'<strong class="iic-dash-value">{_e(value)}</strong></li>')


def dashboard_html(data: Any, today: date, uid: str = "iic-dash") -> str:
    """The whole dashboard as one escaped HTML fragment."""
    stats = compute(data, today)
    if not stats.people:
        return ('<div class="iic-root iic-campaign iic-dashboard" data-people="0">'
                "<p>Your campaign tracker is empty, so there is nothing to count yet. Add the "
                "people you could ask in the tracker (chapters <em>Finding people</em> and "
                "<em>Running your campaign</em>), and this dashboard fills in as you go.</p>"
                "</div>")
    week = stats.this_week
    end = week.start + timedelta(days=6)
    rate = stats.reply_rate
    per = stats.names_per_conversation
    summary = (f"This week ({cad.short_date(week.start)} to {cad.short_date(end)}): "
               f"{week.messages} {'message' if week.messages == 1 else 'messages'} sent, "
               f"{week.replies} {'reply' if week.replies == 1 else 'replies'}, "
               f"{week.held} {'conversation' if week.held == 1 else 'conversations'} held.")
    numbers = "".join([
        _number("people", "People in your tracker", stats.people),
        _number("messages", "Messages sent (requests and follow-ups)", stats.messages),
        _number("replies", "Replies", stats.replies),
        _number("reply-rate", "Reply rate",
                f"{rate.percent}%" if rate.percent is not None else "none yet"),
        _number("held", "Conversations held", stats.held),
        _number("names-per-conversation", "New names per conversation",
                per if per is not None else "none yet"),
        _number("due", "Due this week (or overdue)", len(stats.due)),
    ])
    rows = "".join(
        f"<tr><th scope=\"row\">{_e(cad.short_date(w.start))}</th><td>{w.messages}</td>"
        f"<td>{w.replies}</td><td>{w.held}</td></tr>" for w in stats.weeks)
    due_items = "".join(
        f'<li><strong>{_e(cad.short_date(d.on))}</strong>'
        f'{" (overdue)" if d.on < today else ""}: {_e(d.what)}</li>' for d in stats.due)
    due = (f'<ul class="iic-due-list">{due_items}</ul>' if due_items else
           "<p>Nothing is due this week. Is there someone new to ask?</p>")
    return (
        f'<div class="iic-root iic-campaign iic-dashboard" data-people="{stats.people}">'
        f'<p class="iic-dash-summary">{_e(summary)}</p>'
        f'<ul class="iic-dash-numbers">{numbers}</ul>'
        f"<h4>Week by week</h4>{_weekly_svg(stats, uid)}{_legend()}"
        f'<div class="iic-table-scroll" role="region" tabindex="0" '
        f'aria-labelledby="{uid}-weeks-caption"><table class="iic-dash-table">'
        f'<caption id="{uid}-weeks-caption">The same numbers, week by week (weeks start on '
        "Monday): messages sent, replies, conversations held</caption><thead><tr>"
        "<th scope=\"col\">Week of</th><th scope=\"col\">Sent</th><th scope=\"col\">"
        "Replies</th><th scope=\"col\">Held</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div>"
        f"<h4>Reply rate: warm and cold</h4>{_rate_svg(stats, uid)}"
        f'<p class="iic-dash-rates">{_e(stats.warm.words("Warm contacts"))}. '
        f'{_e(stats.cold.words("Cold contacts"))}.</p>'
        f"<h4>Due this week</h4>{due}</div>")
