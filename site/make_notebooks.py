"""Turn the book's MyST chapters into runnable notebooks for JupyterLite.

JupyterLab does not understand Sphinx directives, so each ``{quiz}`` and
``{exercise}`` line becomes a code cell that shows the same quiz or the
matching widget (table in docs/architecture.md), admonitions become block
quotes, figures become images embedded as data URLs (JupyterLab renders no SVG
attachment), and cross-references become plain text.

Text that is right on a book page but wrong in a notebook ("the link under the
title", "right here on the page") goes in ``{only} html`` blocks, which the
notebooks drop; ``{only} notebook`` blocks appear in the notebooks only (the
book never defines a "notebook" tag, so Sphinx leaves them out).

Every cell is marked trusted (``metadata.trusted``, which JupyterLite honours):
the notebooks are built from the course's own sources, and an untrusted
notebook would not show the widgets' and quizzes' HTML until the learner
trusted it by hand.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import jupytext
import nbformat

WIDGETS = {
    "goal": ("exercises.widgets", "goal_builder"),
    "planning": ("exercises.widgets", "planning_worksheet"),
    "contacts": ("exercises.widgets", "campaign_tracker"),
    "beliefs": ("exercises.widgets", "beliefs_to_decision"),
    "dashboard": ("exercises.widgets", "campaign_dashboard"),
    "pitch": ("exercises.widgets", "pitch_coach"),
    "questions": ("exercises.widgets", "question_builder"),
    "thanks": ("exercises.widgets", "thank_you_coach"),
    "rehearsal": ("exercises.practice.widget", "rehearsal"),
}

FENCE_OPEN = re.compile(r"^(?P<fence>`{3,}|:{3,})\{(?P<name>[\w-]+)\}\s*(?P<arg>.*)$")
LABEL_LINE = re.compile(r"^\(([\w-]+)\)=\s*$")
HEADING = re.compile(r"^#{1,6}\s+(.*)$")
ROLE = re.compile(r"\{(doc|ref|numref|term)\}`([^`]*)`")
ROLE_WITH_TEXT = re.compile(r"^(.*?)\s*<([^>]+)>$")

#: The kernel every generated notebook asks for; the intro names it for the learner.
KERNEL_NAME = "Python (Pyodide)"

INTRO = (
    "> **How to use this notebook.** This is the chapter *{title}* of the course, "
    "runnable in your browser. To start the exercises and quizzes, choose "
    "**Run > Run All Cells** (or press Shift+Enter in each grey code cell). The first "
    "run starts Python inside this browser, so give it a little while; after that "
    "every check is instant. If a box asks you to select a kernel (this can happen the "
    "first time, on a slow device), choose **" + KERNEL_NAME + "** and press **Select**; in "
    "your own Jupyter, any Python 3 kernel will do. Everything you type stays in this "
    "browser; exercises save your drafts to `interview_work.json` in this folder."
)

#: ``{only}`` expressions as a notebook sees them: book-only text is dropped.
ONLY = {"html": False, "not html": True, "notebook": True, "not notebook": False}


#: Classroom directives (site/ext/classroom.py) that only make sense on a book page.
BOOK_PAGE_ONLY = {"class-results", "exit-ticket", "learner-card", "persona-cards",
                  "exit-tickets-print", "lms-downloads"}


def code_for(name: str, arg: str) -> str | None:
    """Python source that replaces a directive in the notebook, or None."""
    if name == "group-plan":
        return ("from exercises.classroom import group_plan, print_counts\n\n"
                "learners = 25  # your class size\n"
                "print(group_plan(learners, 90)[\"summary\"])\n"
                "for row in print_counts(learners, 90):\n"
                "    print(f\"{row['with_spares']:>3}  {row['handout']}\")")
    if name == "quiz":
        return f'from exercises.quiz import show_quiz\n\nshow_quiz("{arg}")'
    if name == "exercise" and arg in WIDGETS:
        module, func = WIDGETS[arg]
        return f"from {module} import {func}\n\n{func}()"
    return None


def collect_labels(text: str) -> dict[str, str]:
    """Map each ``(label)=`` to the heading text right below it."""
    labels: dict[str, str] = {}
    lines = text.splitlines()
    for i, line in enumerate(lines):
        m = LABEL_LINE.match(line)
        if m:
            for nxt in lines[i + 1 : i + 3]:
                h = HEADING.match(nxt)
                if h:
                    labels[m.group(1)] = h.group(1).strip()
                    break
    return labels


def replace_roles(text: str, labels: dict[str, str], titles: dict[str, str]) -> str:
    def sub(m: re.Match) -> str:
        role, body = m.group(1), m.group(2)
        shown = ROLE_WITH_TEXT.match(body)
        if shown:
            return f"*{shown.group(1)}*"
        if role == "doc":
            return f"*{titles.get(body.split('/')[-1], body)}*"
        if role in ("ref", "numref"):
            return f"*{labels.get(body, body)}*"
        return body

    return ROLE.sub(sub, text)


def convert_block(name: str, arg: str, options: dict[str, str], body: list[str]) -> str:
    """Markdown for a non-executable directive (admonition, figure, other)."""
    if name == "figure":
        alt = options.get("alt", "")
        caption = " ".join(b.strip() for b in body if b.strip())
        return f"![{alt}]({arg})\n\n*{caption}*" if caption else f"![{alt}]({arg})"
    if name in BOOK_PAGE_ONLY:
        return ("> This part works on the course's book page (it reads and saves work in "
                "the browser, or prints), not in a notebook.")
    title = arg if name == "admonition" else name.capitalize()
    quoted = "\n".join(f"> {b}" if b.strip() else ">" for b in body)
    return f"> **{title}**\n>\n{quoted}" if title else quoted


def split_markdown(source: str) -> list[tuple[str, str]]:
    """Split a markdown cell into ("markdown", text) and ("code", src) pieces."""
    pieces: list[tuple[str, str]] = []
    out: list[str] = []
    lines = source.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if LABEL_LINE.match(line):
            i += 1
            continue
        m = FENCE_OPEN.match(line)
        if not m:
            out.append(line)
            i += 1
            continue
        fence, name, arg = m.group("fence"), m.group("name"), m.group("arg").strip()
        j = i + 1
        options: dict[str, str] = {}
        body: list[str] = []
        while j < len(lines) and lines[j].strip() != fence:
            opt = re.match(r"^:([\w-]+):\s*(.*)$", lines[j])
            if opt and not body:
                options[opt.group(1)] = opt.group(2)
            else:
                body.append(lines[j])
            j += 1
        i = j + 1
        if name == "only":
            if arg.strip() not in ONLY:
                raise ValueError(f"{{only}} {arg!r}: use one of {sorted(ONLY)}")
            if ONLY[arg.strip()]:
                for kind, text in split_markdown("\n".join(body)):
                    if kind == "markdown":
                        out.append(text)
                    else:
                        if any(x.strip() for x in out):
                            pieces.append(("markdown", "\n".join(out).strip()))
                        out = []
                        pieces.append(("code", text))
            continue
        code = code_for(name, arg)
        if code is not None:
            if any(s.strip() for s in out):
                pieces.append(("markdown", "\n".join(out).strip()))
            out = []
            pieces.append(("code", code))
        else:
            # Directives can nest (an admonition holding a list or a figure).
            inner = split_markdown("\n".join(body))
            inner_md = "\n\n".join(t for k, t in inner if k == "markdown")
            out.append(convert_block(name, arg, options, inner_md.splitlines()))
            for kind, text in inner:
                if kind == "code":
                    pieces.append(("markdown", "\n".join(out).strip()))
                    out = []
                    pieces.append(("code", text))
    if any(s.strip() for s in out):
        pieces.append(("markdown", "\n".join(out).strip()))
    return pieces


IMAGE = re.compile(r"!\[([^\]]*)\]\((images/[^)\s]+)\)")
MIME = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".gif": "image/gif"}


def embed_images(cell: nbformat.NotebookNode, book_dir: Path) -> None:
    """Embed a markdown cell's images as data URLs.

    JupyterLab starts fetching a relative image from the app's own URL before it
    rewrites it to the contents API, which 404s; and it refuses SVG attachments
    ("Cannot render unknown image mime type"). A data URL needs no request and
    renders every image type, SVG included.
    """
    def sub(m: re.Match) -> str:
        path = book_dir / m.group(2)
        mime = MIME.get(path.suffix.lower())
        if mime is None or not path.is_file():
            return m.group(0)
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return f"![{m.group(1)}](data:{mime};base64,{data})"

    cell.source = IMAGE.sub(sub, cell.source)


def chapter_title(text: str) -> str:
    m = re.search(r"^#\s+(.+)$", text, re.M)
    return m.group(1).strip() if m else "Course chapter"


def convert(md_path: Path, titles: dict[str, str]) -> nbformat.NotebookNode:
    """One chapter as a notebook: directives become code cells, images attachments."""
    # Rubric numbers ({{ rubric_email_words }}) are put in as the book does at build time.
    from exercises.grading import rubric

    text = rubric.substitute(md_path.read_text(encoding="utf-8"), "myst")
    labels = collect_labels(text)
    nb = jupytext.reads(text, fmt="md:myst")
    cells = [nbformat.v4.new_markdown_cell(INTRO.format(title=chapter_title(text)))]
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            cells.append(cell)
            continue
        for kind, piece in split_markdown(replace_roles(cell.source, labels, titles)):
            if kind == "code":
                cells.append(nbformat.v4.new_code_cell(piece))
            else:
                md_cell = nbformat.v4.new_markdown_cell(piece)
                embed_images(md_cell, md_path.parent)
                cells.append(md_cell)
    nb.cells = cells
    nb.metadata["kernelspec"] = {"display_name": KERNEL_NAME, "language": "python",
                                 "name": "python"}
    nb.metadata.pop("jupytext", None)
    for idx, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{idx}"
        cell.metadata["trusted"] = True
    return nb


def build_notebooks(chapters: list[Path], dest: Path) -> list[Path]:
    """Write one notebook per chapter into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    titles = {p.stem: chapter_title(p.read_text(encoding="utf-8")) for p in chapters}
    written = []
    for md in chapters:
        nb = convert(md, titles)
        out = dest / f"{md.stem}.ipynb"
        nbformat.write(nb, out)
        written.append(out)
    return written
