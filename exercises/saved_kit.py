"""Saved work as readable Markdown: the "interview kit" and a rehearsal's transcript.

The same Markdown is written by the progress page (``saved_kit.js``, checked against
this module on random saved work by tests/test_saved_kit.py), so a learner gets the
same kit from a notebook and from the book.

Everything that comes from saved work is treated as untrusted text, because a kit may
be built from an imported file: Markdown and HTML characters are escaped with a
backslash (``\\<script>`` shows as text in every Markdown viewer), block markers at
the start of a line are neutralised, table cells cannot break their row, and
``javascript:``, ``vbscript:``, ``data:`` and ``file:`` links are dropped. Text
rules are spelled out (ASCII white space, UTF-16 ordering, JavaScript's number
format) so that Python and JavaScript agree character for character.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from .saved_merge import time_ms, title

UNSAFE_LINK = re.compile(r"(?<![A-Za-z0-9])(?:javascript|vbscript|data|file)[ \t]*:"
                         r"[^ \t\r\n()<>\[\]\"']*",
                         re.IGNORECASE | re.ASCII)
LINK_REMOVED = "(unsafe link removed)"
_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~])")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BLOCK_START = re.compile(r"^([#+\-=])")
_NUMBERED = re.compile(r"^(\d+)([.)])")
ASCII_SPACE = " \t\r\n\f\v"
PLANNING_ORDER = ("learn_about", "learn_detail", "from_whom", "format", "minutes",
                  "researched")


def utf16_key(text: str) -> bytes:
    """Sort key giving JavaScript's string order (UTF-16 code units)."""
    return text.encode("utf-16-be", "surrogatepass")


def clean(text: str) -> str:
    """No control characters and no lone surrogates (they cannot be written as UTF-8)."""
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))


def md_inline(text: Any) -> str:
    """One line of untrusted text, safe inside a paragraph, list item or table cell."""
    line = _SPACES.sub(" ", clean(str(text))).strip(" ")
    line = UNSAFE_LINK.sub(LINK_REMOVED, line)
    line = _SPECIAL.sub(r"\\\1", line)
    line = _BLOCK_START.sub(r"\\\1", line)
    return _NUMBERED.sub(r"\1\\\2", line)


def quote(text: str) -> str:
    """Untrusted text as a Markdown block quote, one quoted line per line."""
    lines = _LINE_BREAK.split(clean(text).strip(ASCII_SPACE)) or [""]
    return "\n".join(f"> {md_inline(line)}".rstrip(ASCII_SPACE) for line in lines)


def js_number(value: float | int) -> str:
    """A number written as JavaScript's String(number) writes it."""
    try:
        number = float(value)
    except OverflowError:  # a huge integer: JavaScript reads it as Infinity
        return "Infinity" if value > 0 else "-Infinity"
    if number == 0:
        return "0"
    sign = "-" if number < 0 else ""
    digits_tuple = Decimal(repr(abs(number))).normalize().as_tuple()
    digits = "".join(map(str, digits_tuple.digits))
    n = len(digits) + digits_tuple.exponent  # value = 0.digits * 10**n
    k = len(digits)
    if k <= n <= 21:
        body = digits + "0" * (n - k)
    elif 0 < n <= 21:
        body = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        body = "0." + "0" * (-n) + digits
    else:
        exp = n - 1
        mantissa = digits if k == 1 else digits[0] + "." + digits[1:]
        body = f"{mantissa}e{'+' if exp > 0 else '-'}{abs(exp)}"
    return sign + body


def human(key: Any) -> str:
    """A field name as words: "learn_about" -> "Learn about" (ASCII case only)."""
    words = str(key).replace("_", " ").replace("-", " ").strip(ASCII_SPACE)
    if not words:
        return words
    rest = "".join(c.lower() if "A" <= c <= "Z" else c for c in words[1:])
    first = words[0].upper() if "a" <= words[0] <= "z" else words[0]
    return first + rest


def _empty(value: Any) -> bool:
    return value in ("", None) or (isinstance(value, (list, dict)) and not value)


def value_text(value: Any) -> str:
    """Any saved value as one line of plain words (escaped later, where it is used)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return js_number(value)
    if isinstance(value, list):
        return "; ".join(value_text(v) for v in value if not _empty(v))
    if isinstance(value, dict):
        return "; ".join(f"{human(k)}: {value_text(value[k])}"
                         for k in sorted(value, key=utf16_key) if not _empty(value[k]))
    return _SPACES.sub(" ", str(value)).strip(" ")


def day(iso: Any) -> str:
    """The date part of a saved time, or "-" when the time is not one we write."""
    return iso[:10] if time_ms(iso) is not None else "-"


def _cell(text: Any) -> str:
    return md_inline(text) or "-"


def ordered_questions(entry: dict[str, Any]) -> list[str]:
    """The learner's questions, in the grader's suggested order when it is usable."""
    report = entry.get("report") if isinstance(entry.get("report"), dict) else {}
    infos = report.get("questions") if isinstance(report.get("questions"), list) else []
    texts = [q["text"] if isinstance(q.get("text"), str) else ""
             for q in infos if isinstance(q, dict)]
    order = report.get("suggested_order")
    if (texts and isinstance(order, list)
            and all(isinstance(i, (int, float)) and not isinstance(i, bool)
                    and float(i).is_integer() for i in order)
            and sorted(order) == list(range(len(texts)))):
        return [texts[int(i)] for i in order]
    if texts:
        return texts
    lines = []
    for line in _LINE_BREAK.split(str(entry.get("text", ""))):
        line = line.strip(ASCII_SPACE).lstrip("-*0123456789.) ").strip(ASCII_SPACE)
        if line:
            lines.append(line)
    return lines


def _sheet_rows(sheet: dict[str, Any], order: tuple[str, ...] = ()) -> list[str]:
    keys = [k for k in order if k in sheet]
    keys += sorted((k for k in sheet if k not in order), key=utf16_key)
    return [f"- **{md_inline(human(k))}**: {md_inline(value_text(sheet[k]))}"
            for k in keys if k != "saved_at" and value_text(sheet[k])]


def tracker_rows(sheet: dict[str, Any], circles: list[tuple[str, str]]) -> list[str]:
    """The campaign tracker (``contacts`` as a list): name, organisation, circle, stage,
    note and the ask-first rank (``first_three`` holds contact ids), in list order."""
    first = sheet.get("first_three") if isinstance(sheet.get("first_three"), list) else []
    labels = dict(circles)
    rows = []
    for person in sheet["contacts"]:
        if not isinstance(person, dict) or not isinstance(person.get("name"), str):
            continue

        def text(key: str, p: dict[str, Any] = person) -> str:
            return p[key] if isinstance(p.get(key), str) else ""

        pid, circle = text("id"), text("circle")
        rank = str(first.index(pid) + 1) if pid and pid in first else ""
        rows.append(f"| {_cell(person['name'])} | {_cell(text('organisation'))} | "
                    f"{_cell(labels.get(circle, human(circle)))} | {_cell(human(text('stage')))} | "
                    f"{_cell(text('note'))} | {rank or '-'} |")
    if not rows:
        return ["_No contacts saved yet._"]
    return ["| Name | Organisation | Circle | Stage | Note | Ask first |",
            "|---|---|---|---|---|---|", *rows]


def contacts_rows(sheet: dict[str, Any], circles: list[tuple[str, str]]) -> list[str]:
    """The contact map as a table: name, circle, note, and the ask-first rank."""
    if isinstance(sheet.get("contacts"), list):
        return tracker_rows(sheet, circles)
    saved = sheet.get("circles") if isinstance(sheet.get("circles"), dict) else {}
    first = sheet.get("first_three") if isinstance(sheet.get("first_three"), list) else []
    known = [c for c, _ in circles]
    order = [c for c in known if c in saved] + sorted((c for c in saved if c not in known),
                                                      key=utf16_key)
    labels = dict(circles)
    rows = []
    for circle in order:
        people = saved[circle] if isinstance(saved[circle], list) else []
        for person in people:
            if not isinstance(person, dict) or not isinstance(person.get("name"), str):
                continue
            name = person["name"]
            rank = str(first.index(name) + 1) if name in first else ""
            rows.append(f"| {_cell(name)} | {_cell(labels.get(circle, human(circle)))} | "
                        f"{_cell(person.get('note', ''))} | {rank or '-'} |")
    if not rows:
        return ["_No contacts saved yet._"]
    return ["| Name | Circle | Note | Ask first |", "|---|---|---|---|", *rows]


def _persona(personas: dict[str, Any], pid: Any) -> dict[str, str]:
    found = personas.get(pid) if isinstance(pid, str) else None
    if isinstance(found, dict):
        return {k: str(found.get(k, "")) for k in ("name", "role", "organisation")}
    return {"name": str(pid) if isinstance(pid, str) and pid else "Unknown person",
            "role": "", "organisation": ""}


def _minutes(value: Any) -> str:
    return js_number(value) if isinstance(value, (int, float)) and not isinstance(
        value, bool) else "-"


def rehearsal_rows(rehearsals: list[Any], personas: dict[str, Any]) -> list[str]:
    rows = []
    for record in rehearsals:
        if not isinstance(record, dict):
            continue
        who = _persona(personas, record.get("persona"))
        turns = record.get("transcript") if isinstance(record.get("transcript"), list) else []
        rows.append(f"| {_cell(who['name'])} | {_minutes(record.get('minutes'))} min | "
                    f"{len(turns)} | {day(record.get('saved_at'))} |")
    if not rows:
        return ["_No practice conversations saved yet._"]
    return ["| Person | Agreed length | Messages | Saved |", "|---|---|---|---|", *rows]


def interview_kit(doc: dict[str, Any], made_on: str, quiz_titles: dict[str, str],
                  circles: list[tuple[str, str]], personas: dict[str, Any]) -> str:
    """A readable Markdown summary of saved work, to print or keep before a conversation."""
    ex = doc.get("exercises") if isinstance(doc.get("exercises"), dict) else {}
    sheets = doc.get("worksheets") if isinstance(doc.get("worksheets"), dict) else {}
    out = ["# My informational interview kit", "",
           f"Made on {md_inline(made_on)} from my saved course work.", ""]

    def text_section(heading: str, kind: str, empty: str) -> None:
        out.extend([f"## {heading}", ""])
        entry = ex.get(kind) if isinstance(ex.get(kind), dict) else {}
        text = entry.get("text") if isinstance(entry.get("text"), str) else ""
        out.extend([quote(text) if text.strip(ASCII_SPACE) else empty, ""])

    text_section("Learning goal", "goal", "_No learning goal saved yet._")
    out.extend(["## Planning worksheet", ""])
    planning = sheets.get("planning") if isinstance(sheets.get("planning"), dict) else {}
    out.extend(_sheet_rows(planning, PLANNING_ORDER) or ["_No planning worksheet saved yet._"])
    out.append("")
    text_section("Pitch", "pitch", "_No pitch saved yet._")
    out.extend(["## Questions, in suggested order", ""])
    questions = ordered_questions(ex.get("questions") if isinstance(ex.get("questions"), dict)
                                  else {})
    out.extend([f"{i}. {md_inline(q)}" for i, q in enumerate(questions, 1)]
               or ["_No questions saved yet._"])
    out.append("")
    text_section("Thank-you note", "thanks", "_No thank-you note saved yet._")
    out.extend(["## Contacts", ""])
    contacts = sheets.get("contacts") if isinstance(sheets.get("contacts"), dict) else {}
    out.extend(contacts_rows(contacts, circles))
    out.append("")
    for name in sorted(sheets, key=utf16_key):
        if name in ("planning", "contacts") or not isinstance(sheets[name], dict):
            continue
        out.extend([f"## Worksheet: {md_inline(human(name))}", ""])
        out.extend(_sheet_rows(sheets[name]) or ["_Empty._"])
        out.append("")
    out.extend(["## Practice conversations", ""])
    rehearsals = doc.get("rehearsals") if isinstance(doc.get("rehearsals"), list) else []
    out.extend(rehearsal_rows(rehearsals, personas))
    out.append("")
    out.extend(["## Latest scores", "", "| Work | Score | Level | Saved |", "|---|---|---|---|"])
    rows = []
    for kind in sorted(ex, key=utf16_key):
        entry = ex[kind] if isinstance(ex[kind], dict) else {}
        report = entry.get("report") if isinstance(entry.get("report"), dict) else {}
        score = report.get("score")
        has_score = isinstance(score, (int, float)) and not isinstance(score, bool)
        level = report.get("level") if isinstance(report.get("level"), str) else ""
        rows.append(f"| {_cell(title('exercises', kind))} | "
                    f"{js_number(score) + '/100' if has_score else '-'} | "
                    f"{_cell(level)} | {day(entry.get('saved_at'))} |")
    quizzes = doc.get("quizzes") if isinstance(doc.get("quizzes"), dict) else {}
    for quiz_id in sorted(quizzes, key=utf16_key):
        result = quizzes[quiz_id] if isinstance(quizzes[quiz_id], dict) else {}
        score, total = result.get("score"), result.get("total")
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool)
                   for v in (score, total)):
            continue  # opened but never checked: only the learner's shuffle seed
        rows.append(f"| Quiz: {_cell(quiz_titles.get(quiz_id, quiz_id))} | "
                    f"{js_number(score)}/{js_number(total)} | - | "
                    f"{day(result.get('updated'))} |")
    out.extend(rows or ["| Nothing scored yet | - | - | - |"])
    return "\n".join(out).rstrip(ASCII_SPACE) + "\n"


def rehearsal_markdown(record: dict[str, Any], personas: dict[str, Any]) -> str:
    """One saved practice conversation as a Markdown transcript (from its record only)."""
    record = record if isinstance(record, dict) else {}
    who = _persona(personas, record.get("persona"))
    name = md_inline(who["name"])
    about = ", ".join(md_inline(x) for x in (who["role"], who["organisation"]) if x)
    lines = [f"# Practice interview with {name}", ""]
    detail = f"Agreed length: {_minutes(record.get('minutes'))} minutes. " \
             f"Saved on {day(record.get('saved_at'))}."
    lines += [f"{about}. {detail}" if about else detail, "",
              "(A simulated professional: names and organisations are fictional.)", ""]
    turns = record.get("transcript") if isinstance(record.get("transcript"), list) else []
    for turn in turns:
        if not isinstance(turn, dict):
            continue
        said = [turn.get(k) if isinstance(turn.get(k), str) else "" for k in ("question", "reply")]
        lines += [f"**You:** {md_inline(said[0])}", "", f"**{name}:** {md_inline(said[1])}", ""]
    if not turns:
        lines += ["_No questions were asked in this conversation._", ""]
    debrief = record.get("debrief") if isinstance(record.get("debrief"), dict) else {}
    summary = debrief.get("encouragement")
    covered = debrief.get("categories_covered")
    if isinstance(summary, str) or isinstance(covered, list):
        lines += ["## Debrief", ""]
        if isinstance(summary, str) and summary.strip(ASCII_SPACE):
            lines += [md_inline(summary), ""]
        if isinstance(covered, list):
            topics = ", ".join(md_inline(value_text(c)) for c in covered) or "none"
            lines += [f"- Topics covered: {topics}", ""]
    return "\n".join(lines).rstrip(ASCII_SPACE) + "\n"
