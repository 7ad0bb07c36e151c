"""One learner's results, from a saved-work file or a share code.

A saved-work export holds everything a learner made: drafts, reports, quiz answers,
worksheets, rehearsals. An instructor needs much less: who it is, the score, level and
failed checks of each exercise, the topics of the question list, the quiz answers and
the exit ticket. ``learner_results`` keeps exactly that, and the same small record is
what a **share code** carries: ``IIC1-`` followed by the record as compact JSON,
compressed with zlib and written in URL-safe base64, so a learner can paste it into
a form, a chat or an LMS text box, with no server involved.

``read_submission`` takes whatever an instructor was given (the text of a .json
export or a share code, with stray spaces or line breaks) and returns the record, or
a message saying what is wrong. It never raises on bad input.

Standard library only: the class page runs it in the book page's own worker.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import zlib
from typing import Any

from exercises.storage import SavedWorkError, parse_document

#: The record's format version; a share code names it in its prefix.
RESULTS_VERSION = 1
CODE_PREFIX = f"IIC{RESULTS_VERSION}-"
#: Worksheet names (iic:worksheet:<name>) written by the progress page and the
#: workshop page's exit ticket.
LEARNER_SHEET = "learner"
EXIT_SHEET = "exit-ticket"
EXIT_FIELDS = ("learned", "first_contact", "unsure", "ready")
#: Exercises whose reports the class page reads, in the order its table shows them.
EXERCISES = ("goal", "pitch", "questions", "thanks")
#: Longest text kept from a free-text field: a share code stays short.
TEXT_LIMIT = 400
#: A pasted code larger than this is not a share code (a decompression bomb guard).
MAX_CODE_CHARS = 20_000
MAX_RECORD_BYTES = 200_000

_WHITESPACE = re.compile(r"\s+")


def _str(value: Any, limit: int = TEXT_LIMIT) -> str:
    if not isinstance(value, str):
        return ""
    return " ".join(value.split())[:limit]


def _int(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return int(round(value))


def _exercise(entry: Any) -> dict[str, Any] | None:
    """Score, level, failed check ids (and their labels) of one saved exercise."""
    if not isinstance(entry, dict) or not isinstance(entry.get("report"), dict):
        return None
    report = entry["report"]
    score = _int(report.get("score"))
    if score is None:
        return None
    failed, labels = [], {}
    for check in report.get("checks") or []:
        if isinstance(check, dict) and check.get("passed") is False and \
                isinstance(check.get("id"), str):
            failed.append(check["id"])
            if isinstance(check.get("label"), str) and check["label"]:
                labels[check["id"]] = _str(check["label"], 120)
    out: dict[str, Any] = {"score": max(0, min(100, score)),
                           "level": _str(report.get("level"), 20), "failed": failed}
    if labels:
        out["labels"] = labels
    return out


def _topics(entry: Any) -> list[str]:
    """The categories the learner's question list covers (from its saved report)."""
    if not isinstance(entry, dict) or not isinstance(entry.get("report"), dict):
        return []
    found = []
    for q in entry["report"].get("questions") or []:
        category = q.get("category") if isinstance(q, dict) else None
        if isinstance(category, str) and category and category not in found:
            found.append(category)
    return found


def _answer(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool)
                                       for v in value):
        return value[:50]
    return None


def _quiz(result: Any) -> dict[str, Any] | None:
    if not isinstance(result, dict):
        return None
    score, total = _int(result.get("score")), _int(result.get("total"))
    if score is None or total is None:
        return None  # opened, never checked
    answers = result.get("answers") if isinstance(result.get("answers"), dict) else {}
    kept = {str(k)[:40]: v for k, a in answers.items() if (v := _answer(a)) is not None}
    return {"score": score, "total": total, "answers": kept}


def _exit_ticket(sheet: Any) -> dict[str, Any]:
    if not isinstance(sheet, dict):
        return {}
    out: dict[str, Any] = {}
    for field in EXIT_FIELDS[:3]:
        text = _str(sheet.get(field))
        if text:
            out[field] = text
    ready = sheet.get("ready")
    ready = int(ready.strip()) if isinstance(ready, str) and ready.strip().isdigit() else \
        _int(ready)
    if ready is not None and 1 <= ready <= 5:
        out["ready"] = ready
    return out


def learner_results(doc: dict[str, Any]) -> dict[str, Any]:
    """The record an instructor needs, from a normalised saved-work document."""
    sheets = doc.get("worksheets") or {}
    learner = sheets.get(LEARNER_SHEET) if isinstance(sheets.get(LEARNER_SHEET), dict) else {}
    exercises = {}
    for kind, entry in sorted((doc.get("exercises") or {}).items()):
        found = _exercise(entry)
        if found is not None:
            exercises[kind] = found
    quizzes = {}
    for quiz_id, result in sorted((doc.get("quizzes") or {}).items()):
        found = _quiz(result)
        if found is not None:
            quizzes[quiz_id] = found
    record: dict[str, Any] = {
        "v": RESULTS_VERSION,
        "name": _str(learner.get("name"), 80),
        "class": _str(learner.get("class_code"), 40),
        "exported_at": _str(doc.get("exported_at"), 40),
        "exercises": exercises,
        "topics": _topics((doc.get("exercises") or {}).get("questions")),
        "quizzes": quizzes,
        "exit": _exit_ticket(sheets.get(EXIT_SHEET)),
        "rehearsals": len(doc.get("rehearsals") or []),
    }
    return record


def share_code(doc: dict[str, Any]) -> str:
    """A short text code of a learner's results (no labels: the class page knows them)."""
    record = learner_results(doc)
    for entry in record["exercises"].values():
        entry.pop("labels", None)
    raw = json.dumps(record, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    packed = zlib.compress(raw.encode("utf-8"), 9)
    return CODE_PREFIX + base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


class SubmissionError(ValueError):
    """A submission is neither a saved-work export nor a share code; the message says why."""


def _check_record(data: Any) -> dict[str, Any]:
    """A decoded share code, cleaned the same way as a record made from a file."""
    if not isinstance(data, dict) or data.get("v") != RESULTS_VERSION:
        raise SubmissionError("This share code was made by another version of the course.")
    exercises = {}
    for kind, entry in (data.get("exercises") or {}).items() if isinstance(
            data.get("exercises"), dict) else []:
        if isinstance(entry, dict) and _int(entry.get("score")) is not None:
            failed = [c for c in entry.get("failed") or [] if isinstance(c, str)]
            exercises[str(kind)[:40]] = {"score": max(0, min(100, _int(entry["score"]))),
                                         "level": _str(entry.get("level"), 20),
                                         "failed": failed[:100]}
    quizzes = {}
    for quiz_id, result in (data.get("quizzes") or {}).items() if isinstance(
            data.get("quizzes"), dict) else []:
        found = _quiz(result)
        if found is not None:
            quizzes[str(quiz_id)[:40]] = found
    topics = [t for t in data.get("topics") or [] if isinstance(t, str)][:20]
    rehearsals = _int(data.get("rehearsals"))
    return {"v": RESULTS_VERSION, "name": _str(data.get("name"), 80),
            "class": _str(data.get("class"), 40), "exported_at": _str(data.get("exported_at"), 40),
            "exercises": exercises, "topics": topics, "quizzes": quizzes,
            "exit": _exit_ticket(data.get("exit")),
            "rehearsals": max(0, rehearsals or 0)}


def read_share_code(code: str) -> dict[str, Any]:
    """Decode a share code; raise ``SubmissionError`` with a reason an instructor can act on."""
    compact = _WHITESPACE.sub("", code or "")
    if not compact.upper().startswith("IIC"):
        raise SubmissionError("This is not a share code: codes start with IIC1-.")
    if not compact.startswith(CODE_PREFIX):
        raise SubmissionError("This share code was made by another version of the course.")
    if len(compact) > MAX_CODE_CHARS:
        raise SubmissionError("This share code is far too long; ask for the .json file instead.")
    body = compact[len(CODE_PREFIX):]
    try:
        packed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, MAX_RECORD_BYTES)
        if inflater.unconsumed_tail or not inflater.eof:
            raise ValueError("truncated or too large")
        data = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, zlib.error, UnicodeDecodeError):
        raise SubmissionError("This share code is incomplete or damaged: ask the learner to "
                              "copy it again, all of it.") from None
    return _check_record(data)


def read_submission(text: Any) -> tuple[dict[str, Any] | None, str]:
    """(record, "") for a saved-work export or a share code; (None, reason) otherwise."""
    if not isinstance(text, str) or not text.strip():
        return None, "It is empty."
    stripped = text.strip()
    try:
        if stripped.startswith("{"):
            doc, _ = parse_document(stripped)
            return learner_results(doc), ""
        return read_share_code(stripped), ""
    except (SavedWorkError, SubmissionError) as exc:
        return None, str(exc)


def split_codes(text: Any) -> list[str]:
    """Share codes pasted together, one per line or separated by spaces."""
    if not isinstance(text, str):
        return []
    return re.findall(r"IIC\d+-[A-Za-z0-9_\-]+", text)


def document_from_storage(items: Any) -> dict[str, Any]:
    """A saved-work document from the page's storage, given as {key: stored JSON text}.

    The keys are the book's (``iic:exercise:<kind>``, ``iic:worksheet:<name>``,
    ``iic:quiz:<id>``, ``iic:rehearsals``); anything else, or text that is not JSON of
    the right shape, is left out. The result is checked like an imported file.
    """
    from exercises.storage import empty_document, normalise, now_iso

    doc = empty_document()
    doc["exported_at"] = now_iso()
    sections = {"exercise": "exercises", "worksheet": "worksheets", "quiz": "quizzes"}
    for key, text in (items.items() if isinstance(items, dict) else []):
        if not isinstance(key, str) or not isinstance(text, str):
            continue
        try:
            value = json.loads(text)
        except ValueError:
            continue
        parts = key.split(":", 2)
        if key == "iic:rehearsals" and isinstance(value, list):
            doc["rehearsals"] = value
        elif len(parts) == 3 and parts[0] == "iic" and parts[1] in sections and parts[2] \
                and isinstance(value, dict):
            doc[sections[parts[1]]][parts[2]] = value
    clean, _ = normalise(doc)
    return clean
