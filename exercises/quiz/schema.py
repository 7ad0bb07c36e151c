"""Quiz bank validation: JSON data -> a checked ``Quiz``, or a ``QuizError`` that says why.

Hand-written (standard library only, it runs in Pyodide too) so that every message
names the file and the JSON path of the bad field, e.g.
``pitching.json: questions[2].options[1].feedback: missing; every option needs
feedback explaining why``. Chapter writers read these messages, so they say what
to do, not only what is wrong. All problems of a file are reported at once.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

QUESTION_TYPES = ("single", "multiple", "truefalse", "ordering", "scenario")

# Quiz ids end up in file names, localStorage keys and HTML ids, so keep them plain.
QUIZ_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
QUESTION_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")

TOP_KEYS = {"id", "title", "chapter", "shuffle", "questions"}
TOP_REQUIRED = ("id", "title", "chapter", "questions")
QUESTION_KEYS = {
    "single": {"id", "type", "prompt", "options"},
    "multiple": {"id", "type", "prompt", "options"},
    "truefalse": {"id", "type", "prompt", "answer", "feedback"},
    "ordering": {"id", "type", "prompt", "items", "feedback"},
    "scenario": {"id", "type", "scenario", "prompt", "multiple", "options"},
}
OPTIONAL_QUESTION_KEYS = {"multiple"}  # scenario: defaults to false (one answer)
OPTION_KEYS = {"text", "correct", "feedback"}
MIN_ORDERING_ITEMS = 3


class QuizError(ValueError):
    """A quiz bank is invalid. ``errors`` lists every problem, one line each."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    prompt: str
    options: tuple[Option, ...] = ()
    answer: bool | None = None  # truefalse only
    feedback: str = ""  # ordering: explanation of the right order
    tf_feedback: dict[str, str] = field(default_factory=dict)  # truefalse: {"true", "false"}
    items: tuple[str, ...] = ()  # ordering: in the correct order
    scenario: str = ""
    multiple: bool = False  # scenario: more than one correct option allowed

    @property
    def multi_select(self) -> bool:
        """True when the learner may tick several options (checkboxes, not radios)."""
        return self.type == "multiple" or (self.type == "scenario" and self.multiple)


@dataclass(frozen=True)
class Quiz:
    id: str
    title: str
    chapter: str
    shuffle: bool
    questions: tuple[Question, ...]
    source: str = ""  # file name, for messages

    @property
    def total(self) -> int:
        """One point per question."""
        return len(self.questions)


def _kind(value: Any) -> str:
    """A JSON-ish name for a Python value's type, for messages to bank writers."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


class _Checker:
    """Collects errors with their JSON path so a writer can fix a bank in one pass."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.errors: list[str] = []

    def err(self, path: str, message: str) -> None:
        where = f"{self.source}: {path}" if path else self.source
        self.errors.append(f"{where}: {message}")

    def unknown_keys(self, obj: dict, allowed: set[str], path: str, hint: str) -> None:
        for key in obj:
            if key not in allowed:
                close = _closest(key, allowed)
                extra = f" (did you mean {close!r}?)" if close else ""
                self.err(_join(path, key), f"unknown key{extra}; {hint}: "
                         + ", ".join(sorted(allowed)))

    def text(self, obj: dict, key: str, path: str, why: str) -> str:
        """A required non-empty string; returns "" after recording an error."""
        p = _join(path, key)
        if key not in obj:
            self.err(p, f"missing; {why}")
            return ""
        value = obj[key]
        if not isinstance(value, str):
            self.err(p, f"must be text, not {_kind(value)}")
            return ""
        if not value.strip():
            self.err(p, f"is empty; {why}")
            return ""
        return value

    def boolean(self, obj: dict, key: str, path: str, why: str,
                default: bool | None = None) -> bool:
        p = _join(path, key)
        if key not in obj:
            if default is None:
                self.err(p, f"missing; {why}")
                return False
            return default
        value = obj[key]
        if not isinstance(value, bool):
            self.err(p, f"must be true or false (no quotes), not {_kind(value)} {value!r}")
            return False
        return value


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _closest(key: str, allowed: set[str]) -> str:
    """The allowed key a typo most likely meant (stdlib difflib keeps this cheap)."""
    import difflib

    match = difflib.get_close_matches(key, sorted(allowed), n=1, cutoff=0.6)
    return match[0] if match else ""


def _options(c: _Checker, q: dict, path: str, multi: bool) -> tuple[Option, ...]:
    p = _join(path, "options")
    raw = q.get("options")
    if raw is None:
        c.err(p, "missing; a choice question needs a list of options")
        return ()
    if not isinstance(raw, list):
        c.err(p, f"must be a list of options, not {_kind(raw)}")
        return ()
    if len(raw) < 2:
        c.err(p, f"has {len(raw)} option(s); a choice question needs at least 2")
    options: list[Option] = []
    seen: dict[str, int] = {}
    for i, opt in enumerate(raw):
        op = f"{p}[{i}]"
        if not isinstance(opt, dict):
            c.err(op, f"must be an object with text, correct and feedback, not {_kind(opt)}")
            continue
        c.unknown_keys(opt, OPTION_KEYS, op, "an option has only")
        text = c.text(opt, "text", op, "every option needs the text the learner reads")
        correct = c.boolean(opt, "correct", op, "say whether this option is right")
        feedback = c.text(opt, "feedback", op, "every option needs feedback explaining why")
        norm = " ".join(text.lower().split())
        if norm and norm in seen:
            c.err(_join(op, "text"), f"repeats options[{seen[norm]}]; options must differ")
        elif norm:
            seen[norm] = i
        options.append(Option(text, correct, feedback))
    if len(options) == len(raw) and len(raw) >= 2:
        n_correct = sum(o.correct for o in options)
        if multi and n_correct < 1:
            c.err(p, "no option is marked correct; a select-all question needs at least one")
        elif not multi and n_correct != 1:
            c.err(p, f"{n_correct} options are marked correct; a one-answer question needs "
                  "exactly one (use type 'multiple', or 'multiple': true for a scenario, "
                  "if several are right)")
    return tuple(options)


def _question(c: _Checker, q: Any, path: str) -> Question | None:
    if not isinstance(q, dict):
        c.err(path, f"must be an object, not {_kind(q)}")
        return None
    qid = c.text(q, "id", path, "every question needs an id, e.g. \"q1\"")
    if qid and not QUESTION_ID_RE.match(qid):
        c.err(_join(path, "id"), f"{qid!r} may use only letters, digits, '-' and '_'")
    qtype = q.get("type")
    if qtype is None:
        c.err(_join(path, "type"), "missing; one of " + ", ".join(QUESTION_TYPES))
        return None
    if qtype not in QUESTION_TYPES:
        close = _closest(str(qtype), set(QUESTION_TYPES))
        extra = f" (did you mean {close!r}?)" if close else ""
        c.err(_join(path, "type"), f"{qtype!r} is not a question type{extra}; use one of "
              + ", ".join(QUESTION_TYPES))
        return None
    c.unknown_keys(q, QUESTION_KEYS[qtype], path, f"a {qtype} question has only")
    prompt = c.text(q, "prompt", path, "every question needs a prompt")

    if qtype in ("single", "multiple"):
        return Question(qid, qtype, prompt, options=_options(c, q, path, qtype == "multiple"))
    if qtype == "scenario":
        scenario = c.text(q, "scenario", path, "a scenario question starts with the situation")
        multiple = c.boolean(q, "multiple", path, "", default=False)
        return Question(qid, qtype, prompt, options=_options(c, q, path, multiple),
                        scenario=scenario, multiple=multiple)
    if qtype == "truefalse":
        answer = c.boolean(q, "answer", path, "a true/false question needs \"answer\": "
                           "true or false")
        fb = q.get("feedback")
        fp = _join(path, "feedback")
        tf: dict[str, str] = {}
        if fb is None:
            c.err(fp, "missing; give {\"true\": \"...\", \"false\": \"...\"} explaining each "
                  "choice")
        elif not isinstance(fb, dict):
            c.err(fp, f"must be an object {{\"true\": \"...\", \"false\": \"...\"}}, "
                  f"not {_kind(fb)}")
        else:
            c.unknown_keys(fb, {"true", "false"}, fp, "true/false feedback has only")
            for key in ("true", "false"):
                tf[key] = c.text(fb, key, fp, f"explain why answering '{key}' is right or "
                                 "wrong")
        return Question(qid, qtype, prompt, answer=answer, tf_feedback=tf)
    # ordering
    feedback = c.text(q, "feedback", path, "explain the right order")
    ip = _join(path, "items")
    raw = q.get("items")
    items: list[str] = []
    if raw is None:
        c.err(ip, "missing; list the steps in the correct order")
    elif not isinstance(raw, list):
        c.err(ip, f"must be a list of text, not {_kind(raw)}")
    else:
        if len(raw) < MIN_ORDERING_ITEMS:
            c.err(ip, f"has {len(raw)} item(s); an ordering question needs at least "
                  f"{MIN_ORDERING_ITEMS}")
        seen: set[str] = set()
        for i, item in enumerate(raw):
            if not isinstance(item, str) or not item.strip():
                c.err(f"{ip}[{i}]", "must be non-empty text")
                continue
            norm = " ".join(item.lower().split())
            if norm in seen:
                c.err(f"{ip}[{i}]", "repeats an earlier item; items must differ")
            seen.add(norm)
            items.append(item)
    return Question(qid, qtype, prompt, feedback=feedback, items=tuple(items))


def validate_quiz(data: Any, source: str = "<quiz>", expected_id: str | None = None) -> Quiz:
    """Check parsed bank data and return a ``Quiz``; raise ``QuizError`` listing all problems.

    ``expected_id`` is the file name stem: the id must match it, because quizzes are
    found by id (``{quiz} pitching`` loads ``banks/pitching.json``).
    """
    c = _Checker(source)
    if not isinstance(data, dict):
        c.err("", f"the top level must be an object {{\"id\": ..., \"questions\": [...]}}, "
              f"not {_kind(data)}")
        raise QuizError(c.errors)
    c.unknown_keys(data, TOP_KEYS, "", "a quiz has only")
    qid = c.text(data, "id", "", "the quiz needs an id, the file name without .json")
    if qid and not QUIZ_ID_RE.match(qid):
        c.err("id", f"{qid!r} may use only lowercase letters, digits and '-'")
    elif qid and expected_id is not None and qid != expected_id:
        c.err("id", f"{qid!r} does not match the file name; name the file {qid}.json "
              f"or set \"id\": \"{expected_id}\"")
    title = c.text(data, "title", "", "the quiz needs a title shown above it")
    chapter = c.text(data, "chapter", "", "name the chapter the quiz belongs to, e.g. "
                     "\"pitching\"")
    shuffle = c.boolean(data, "shuffle", "", "", default=False)
    questions: list[Question] = []
    raw = data.get("questions")
    if raw is None:
        c.err("questions", "missing; a quiz needs a list of questions")
    elif not isinstance(raw, list):
        c.err("questions", f"must be a list, not {_kind(raw)}")
    elif not raw:
        c.err("questions", "is empty; a quiz needs at least one question")
    else:
        ids: dict[str, int] = {}
        for i, q in enumerate(raw):
            question = _question(c, q, f"questions[{i}]")
            # Check ids from the raw data so a duplicate is reported even when the
            # question has other errors.
            raw_id = q.get("id") if isinstance(q, dict) else None
            if isinstance(raw_id, str) and raw_id in ids:
                c.err(f"questions[{i}].id", f"{raw_id!r} is already used by "
                      f"questions[{ids[raw_id]}]; ids must be unique")
            elif isinstance(raw_id, str):
                ids[raw_id] = i
            if question is not None:
                questions.append(question)
    if c.errors:
        raise QuizError(c.errors)
    return Quiz(qid, title, chapter, shuffle, tuple(questions), source)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """json hook: a key given twice silently drops one value, so treat it as an error."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"key {key!r} appears twice in the same object")
        out[key] = value
    return out


def parse_quiz_text(text: str, source: str = "<quiz>",
                    expected_id: str | None = None) -> Quiz:
    """Parse JSON text and validate it; JSON syntax errors become ``QuizError`` too.
    Rubric numbers written as ``{rubric_NAME}`` are put in from the rubric data first."""
    from exercises.grading import rubric

    text = rubric.substitute(text, "quiz")
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as exc:
        raise QuizError([f"{source}: not valid JSON: line {exc.lineno} column {exc.colno}: "
                         f"{exc.msg}"]) from None
    except ValueError as exc:
        raise QuizError([f"{source}: {exc}"]) from None
    return validate_quiz(data, source, expected_id)


def load_quiz_file(path: str | Path) -> Quiz:
    """Read and validate one bank file; its name must be ``<quiz-id>.json``."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise QuizError([f"{p.name}: cannot read: {exc.strerror or exc}"]) from None
    except UnicodeDecodeError:
        raise QuizError([f"{p.name}: not UTF-8 text; save the bank as UTF-8"]) from None
    return parse_quiz_text(text, p.name, expected_id=p.stem)
