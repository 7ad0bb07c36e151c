"""Chapter statistics: prose words, reading ease, quizzes, exercises, figures, structure.

Run ``python -m benchmarks.chapters`` from the repository root. It prints one row per
chapter: every ``book/*.md`` file that starts with the jupytext header, in the order of
``_toc.yml`` when that file exists (files the TOC does not list come after, sorted),
otherwise sorted by name. Options: ``--root DIR`` (repository root, default: the current
directory), ``--json`` (machine-readable output instead of the table).

Standard library only. The counting functions are pure (text in, numbers out) so
tests can check them on small texts:

- :func:`prose_text` strips the YAML header, directive fences and their options,
  non-prose directives (code, quiz, exercise, ...), label lines, HTML comments and
  inline markup, keeping headings, paragraphs, list items, table cells, admonition
  bodies and figure captions. Every block that does not end in ``.``, ``!`` or ``?``
  (a heading, a list item, a table cell) is closed with a full stop, so it counts as
  one sentence.
- :func:`count_words` counts word tokens (letters or digits, with inner hyphens or
  apostrophes: "follow-up" and "don't" are one word each).
- :func:`count_sentences` counts runs of ``.``, ``!`` or ``?`` that end a sentence,
  after hiding common abbreviations ("e.g.", "i.e.", "etc.", "Dr.", ...).
- :func:`count_syllables` is a heuristic (see its docstring) in the spirit of the
  usual Flesch tools; it is right for most common English words and off by one on
  some (e.g. "create", "being").
- :func:`flesch_reading_ease` is 206.835 - 1.015 * words/sentences
  - 84.6 * syllables/words.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

STAGE_CHAPTERS = ("purpose", "planning", "finding-people", "pitching", "questions",
                  "conversation", "campaign")

# Directives whose body is not prose (code, widgets, generated content).
NON_PROSE_DIRECTIVES = {
    "code-cell", "code-block", "code", "sourcecode", "literalinclude", "include",
    "math", "raw", "eval-rst", "exercise", "quiz", "progress", "toctree", "mermaid",
    "glue", "glue:figure", "glue:any", "glue:text", "tableofcontents", "bibliography",
}
# Directives whose argument (the text after the name) is a title the reader sees.
TITLED_DIRECTIVES = {"admonition", "topic", "sidebar", "card", "dropdown"}

FENCE_RE = re.compile(r"^(\s*)(`{3,}|~{3,}|:{3,})\s*(\{([^}]+)\})?\s*(.*?)\s*$")
LABEL_RE = re.compile(r"^\s*\([A-Za-z0-9_.:-]+\)=\s*$")
OPTION_RE = re.compile(r"^\s*:[A-Za-z0-9_-]+:")
HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
LIST_RE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
TABLE_SEP_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
WORD_RE = re.compile(r"[A-Za-z0-9]+(?:['\u2019-][A-Za-z0-9]+)*")
SENTENCE_END_RE = re.compile(r"[.!?]+(?=[\"'\u201d\u2019)\]]*(?:\s|$))")
ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "Dr.", "Mr.", "Mrs.", "Ms.", "St.",
                 "a.m.", "p.m.", "U.S.", "U.K.", "No.", "approx.", "cf.")
ROLE_RE = re.compile(r"\{([a-z:-]+)\}`([^`]*)`")
LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
OBJECTIVES_RE = re.compile(
    r"(by the end of this chapter|learning objectives|you will be able to|"
    r"what you will learn)", re.IGNORECASE)
CHECKLIST_HEADING_RE = re.compile(r"^#{2,6}\s+.*checklist", re.IGNORECASE | re.MULTILINE)
QUIZ_RE = re.compile(r"^\s*(?:`{3,}|~{3,}|:{3,})\{quiz\}\s*(\S+)", re.MULTILINE)
EXERCISE_RE = re.compile(r"^\s*(?:`{3,}|~{3,}|:{3,})\{exercise\}\s*(\S+)", re.MULTILINE)
FIGURE_RE = re.compile(r"^\s*(?:`{3,}|~{3,}|:{3,})\{(?:figure|image)\}", re.MULTILINE)
MD_IMAGE_RE = re.compile(r"!\[[^\]]*\]\([^)]*\)")


# ----------------------------------------------------------------------------- text


def has_jupytext_header(text: str) -> bool:
    """True when the file starts with a YAML header that has a ``jupytext`` key."""
    header = front_matter(text)
    return header is not None and re.search(r"^jupytext\s*:", header, re.MULTILINE) is not None


def front_matter(text: str) -> str | None:
    """The YAML header between the first two ``---`` lines, or None if there is none."""
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or lines[0].strip() != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i].strip() == "---":
            return "\n".join(lines[1:i])
    return None


def strip_front_matter(text: str) -> str:
    """The text without its YAML header (unchanged when there is none)."""
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    if front_matter(text) is None:
        return text
    for i in range(1, len(lines)):
        if lines[i].strip() == "---":
            return "\n".join(lines[i + 1:])
    return text


def _inline(text: str) -> str:
    """Drop inline markup, keeping the words a reader sees."""

    def role(m: re.Match[str]) -> str:
        body = m.group(2)
        explicit = re.match(r"^(.*?)\s*<[^>]*>\s*$", body)
        if explicit and explicit.group(1):
            return explicit.group(1)
        return body.replace("-", " ") if m.group(1) in {"ref", "doc", "numref"} else body

    text = ROLE_RE.sub(role, text)
    text = LINK_RE.sub(lambda m: m.group(1), text)
    text = re.sub(r"<[^>]+>", " ", text)  # stray HTML tags
    text = text.replace("`", "")
    text = re.sub(r"(\*\*|__|\*|(?<!\w)_|_(?!\w))", "", text)
    return text


def _close(block: str) -> str:
    """End a block with a full stop unless it already ends a sentence."""
    block = block.strip()
    if not block or not WORD_RE.search(block):
        return ""
    if re.search(r"[.!?:][\"'\u201d\u2019)\]]*$", block):
        return re.sub(r":([\"'\u201d\u2019)\]]*)$", r".\1", block)
    return block + "."


def prose_text(text: str) -> str:
    """The readable prose of a MyST chapter, one block per line, each ending a sentence.

    Removes the YAML header, HTML comments, label lines, directive fences and their
    ``:option:`` lines, the bodies of non-prose directives and plain code fences, and
    table separator rows. Headings, list items and table cells become separate
    sentences; paragraph lines are joined.
    """
    text = strip_front_matter(text)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.DOTALL)
    blocks: list[str] = []
    paragraph: list[str] = []
    stack: list[tuple[str, bool]] = []  # (fence, prose body?)
    in_options = False

    def flush() -> None:
        if paragraph:
            blocks.append(_close(_inline(" ".join(paragraph))))
            paragraph.clear()

    for line in text.splitlines():
        fence = FENCE_RE.match(line)
        inside_prose = all(p for _, p in stack)
        if fence:
            marker, name, arg = fence.group(2), fence.group(4), fence.group(5)
            if stack and marker[0] == stack[-1][0][0] and len(marker) >= len(stack[-1][0]) \
                    and not name and not arg:
                flush()
                stack.pop()
                in_options = False
                continue
            if inside_prose and not (marker[0] == ":" and not name):
                flush()
                prose = bool(name) and name.strip() not in NON_PROSE_DIRECTIVES
                stack.append((marker, prose))
                in_options = prose
                if prose and name.strip() in TITLED_DIRECTIVES and arg:
                    blocks.append(_close(_inline(arg)))
                continue
        if not inside_prose:
            continue
        if in_options:
            if OPTION_RE.match(line):
                continue
            in_options = False
        stripped = line.strip()
        if not stripped or LABEL_RE.match(line) or TABLE_SEP_RE.match(line) \
                or stripped in {"---", "***", "+++"}:
            flush()
            continue
        heading = HEADING_RE.match(stripped)
        if heading:
            flush()
            blocks.append(_close(_inline(heading.group(2))))
            continue
        if stripped.startswith("|"):
            flush()
            for cell in stripped.strip("|").split("|"):
                blocks.append(_close(_inline(cell)))
            continue
        if LIST_RE.match(line):
            flush()
            paragraph.append(LIST_RE.sub("", line).strip())
            continue
        paragraph.append(stripped.lstrip("> ").strip())
    flush()
    return "\n".join(b for b in blocks if b)


def words(text: str) -> list[str]:
    """Word tokens: letters/digits with inner hyphens or apostrophes."""
    return WORD_RE.findall(text)


def count_words(text: str) -> int:
    return len(words(text))


def count_sentences(text: str) -> int:
    """Sentence ends (runs of . ! ?) followed by space or the end; at least 1 if any words."""
    hidden = text
    for abbr in ABBREVIATIONS:
        hidden = re.sub(r"(?<!\w)" + re.escape(abbr), abbr.replace(".", ""), hidden,
                        flags=re.IGNORECASE)
    hidden = re.sub(r"(\d)\.(\d)", r"\1\2", hidden)  # 2.5, 1.0
    n = 0
    for piece in SENTENCE_END_RE.split(hidden):
        if WORD_RE.search(piece):
            n += 1
    return n if count_words(text) else 0


def count_syllables(word: str) -> int:
    """Estimate the syllables of one English word.

    Heuristic: lower-case the letters; a token with digits counts one syllable per
    digit group; words of 1-3 letters count 1. Otherwise count groups of vowels
    (a e i o u y, with y a consonant at the start of the word), then
    - subtract 1 for a silent final "e" ("make"), but not for consonant + "le"
      ("table") nor when the "e" follows another vowel ("free" is one group anyway);
    - subtract 1 for a final "es" after a letter other than s, x, z, ch, sh, g, c
      ("likes" but not "boxes", "pages") and for a final "ed" after a letter other
      than t or d ("walked" but not "wanted");
    - add 1 for "ia" and "io" pairs that are two syllables ("piano", "radio"), not
      in "-tion", "-sion", "-cial", "-tial";
    and never return less than 1.
    """
    w = word.lower().replace("\u2019", "'")
    if re.search(r"\d", w):
        return max(1, len(re.findall(r"\d+", w)))
    w = re.sub(r"[^a-z]", "", w)
    if not w:
        return 0
    if len(w) <= 3:
        return 1
    core = w[1:] if w[0] == "y" else w  # a leading "y" is a consonant ("young", "yes")
    groups = re.findall(r"[aeiouy]+", core)
    n = len(groups)
    if w.endswith("e") and not w.endswith(("le", "ee", "ie", "oe", "ye")):
        n -= 1
    elif w.endswith("le") and len(w) > 2 and w[-3] in "aeiouy":
        n -= 1  # "mile", "whole"
    elif w.endswith("es") and not re.search(r"(s|x|z|ch|sh|g|c|ss)es$", w) and n > 1:
        n -= 1
    elif w.endswith("ed") and not re.search(r"[td]ed$", w) and n > 1:
        n -= 1
    n += len(re.findall(r"[^tsc]i[ao]", w))
    return max(1, n)


def flesch_reading_ease(n_words: int, n_sentences: int, n_syllables: int) -> float:
    """206.835 - 1.015 * words/sentences - 84.6 * syllables/words (0.0 for no words)."""
    if n_words == 0 or n_sentences == 0:
        return 0.0
    return 206.835 - 1.015 * n_words / n_sentences - 84.6 * n_syllables / n_words


def reading_ease(prose: str) -> float:
    """Flesch reading ease of plain prose (as returned by :func:`prose_text`)."""
    ws = words(prose)
    return flesch_reading_ease(len(ws), count_sentences(prose),
                               sum(count_syllables(w) for w in ws))


# ------------------------------------------------------------------------- chapters


def quiz_ids(text: str) -> list[str]:
    return QUIZ_RE.findall(text)


def exercise_kinds(text: str) -> list[str]:
    return EXERCISE_RE.findall(text)


def count_figures(text: str) -> int:
    body = strip_front_matter(text)
    return len(FIGURE_RE.findall(body)) + len(MD_IMAGE_RE.findall(body))


def has_objectives(text: str) -> bool:
    """A heading or sentence such as "By the end of this chapter you will be able to"."""
    return OBJECTIVES_RE.search(strip_front_matter(text)) is not None


def has_checklist(text: str) -> bool:
    """A section heading (H2 or lower) containing the word "checklist"."""
    return CHECKLIST_HEADING_RE.search(strip_front_matter(text)) is not None


@dataclass
class QuizInfo:
    id: str
    found: bool
    questions: int = 0
    types: dict[str, int] = field(default_factory=dict)
    error: str = ""


def quiz_info(root: Path, quiz_id: str) -> QuizInfo:
    """Questions and their types in ``exercises/quiz/banks/<quiz_id>.json``."""
    path = root / "exercises" / "quiz" / "banks" / f"{quiz_id}.json"
    if not path.is_file():
        return QuizInfo(quiz_id, False, error=f"no bank {path.relative_to(root)}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        questions = data["questions"]
        types: dict[str, int] = {}
        for q in questions:
            t = str(q.get("type", "?"))
            types[t] = types.get(t, 0) + 1
        return QuizInfo(quiz_id, True, len(questions), types)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        return QuizInfo(quiz_id, True, error=f"unreadable bank: {exc}")


@dataclass
class ChapterStats:
    name: str
    words: int
    sentences: int
    syllables: int
    reading_ease: float
    quizzes: list[QuizInfo]
    exercises: list[str]
    figures: int
    objectives: bool
    checklist: bool

    @property
    def quiz_questions(self) -> int:
        return sum(q.questions for q in self.quizzes)


def chapter_stats(name: str, text: str, root: Path | None = None) -> ChapterStats:
    """Statistics of one chapter; quiz banks are read from ``root`` when given."""
    prose = prose_text(text)
    ws = words(prose)
    syl = sum(count_syllables(w) for w in ws)
    sents = count_sentences(prose)
    quizzes = [quiz_info(root, q) if root else QuizInfo(q, False) for q in quiz_ids(text)]
    return ChapterStats(
        name=name, words=len(ws), sentences=sents, syllables=syl,
        reading_ease=round(flesch_reading_ease(len(ws), sents, syl), 1),
        quizzes=quizzes, exercises=exercise_kinds(text), figures=count_figures(text),
        objectives=has_objectives(text), checklist=has_checklist(text))


def toc_order(toc_text: str) -> list[str]:
    """Chapter paths (``book/welcome``) named by ``root:`` and ``file:`` keys, in order."""
    names = []
    for m in re.finditer(r"^\s*-?\s*(?:root|file)\s*:\s*['\"]?([^'\"#\s]+)", toc_text,
                         re.MULTILINE):
        names.append(re.sub(r"\.(md|ipynb)$", "", m.group(1)))
    return names


def chapter_files(root: Path) -> list[Path]:
    """Chapters in book/ (files with the jupytext header), in TOC order when there is one."""
    book = root / "book"
    found = sorted(p for p in book.glob("*.md")
                   if has_jupytext_header(p.read_text(encoding="utf-8", errors="replace")))
    toc = root / "_toc.yml"
    if not toc.is_file():
        return found
    ordered: list[Path] = []
    for entry in toc_order(toc.read_text(encoding="utf-8")):
        p = (root / entry).with_suffix(".md")
        if p in found and p not in ordered:
            ordered.append(p)
    return ordered + [p for p in found if p not in ordered]


def collect(root: Path) -> list[ChapterStats]:
    return [chapter_stats(p.stem, p.read_text(encoding="utf-8"), root)
            for p in chapter_files(root)]


def _yes(flag: bool) -> str:
    return "yes" if flag else "-"


def format_table(stats: list[ChapterStats]) -> str:
    header = ["chapter", "words", "ease", "quiz", "qs", "question types", "exercises",
              "figs", "objectives", "checklist"]
    rows = [header]
    for s in stats:
        types: dict[str, int] = {}
        for q in s.quizzes:
            for t, n in q.types.items():
                types[t] = types.get(t, 0) + n
        quiz_note = ", ".join(q.id + ("" if q.found and not q.error else "!")
                              for q in s.quizzes) or "-"
        rows.append([
            s.name, str(s.words), f"{s.reading_ease:.1f}", quiz_note, str(s.quiz_questions),
            " ".join(f"{t}:{n}" for t, n in sorted(types.items())) or "-",
            ", ".join(s.exercises) or "-", str(s.figures), _yes(s.objectives),
            _yes(s.checklist)])
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = []
    for i, r in enumerate(rows):
        lines.append("  ".join(c.ljust(widths[j]) if j in (0, 3, 5, 6) else c.rjust(widths[j])
                               for j, c in enumerate(r)).rstrip())
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    total = sum(s.words for s in stats)
    lines.append(f"\n{len(stats)} chapters, {total} words of prose")
    problems = [f"{s.name}: {q.error}" for s in stats for q in s.quizzes if q.error]
    lines += [f"warning: {p}" for p in problems]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.chapters",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="repository root (default: current directory)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if not (root / "book").is_dir():
        print(f"no book/ folder in {root}", file=sys.stderr)
        return 2
    stats = collect(root)
    if args.json:
        print(json.dumps([asdict(s) | {"quiz_questions": s.quiz_questions} for s in stats],
                         indent=2))
    else:
        print(format_table(stats))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # e.g. piped into `head`
        sys.stderr.close()
        sys.exit(0)
