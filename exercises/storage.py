"""Saved work: one JSON document per learner, next to the notebook.

The format (``"format": "iic-saved-work", "version": 1``) is shared with the book's
progress page, which builds the same document from ``localStorage``; both can import
what the other exported. Standard library only (runs in Pyodide: in JupyterLite the
working directory is the browser's storage).

Design rules:
- every write goes to disk at once, atomically (temp file + rename);
- a corrupt or foreign file is never overwritten: it is renamed aside and the
  learner is told (``store.notice``);
- importing never raises and never loses what is already saved.
"""

from __future__ import annotations

import copy
import json
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .saved_kit import interview_kit, ordered_questions  # noqa: F401 - part of the API
from .saved_merge import HISTORY_LIMIT, merge_documents
from .saved_schema import (
    after_message,
    entry_message,
    fit_document,
    parse_json,
    section_rule,
)

FORMAT = "iic-saved-work"
VERSION = 1
DEFAULT_PATH = "interview_work.json"
SECTIONS = ("exercises", "worksheets", "rehearsals", "quizzes", "set_aside")

EXERCISE_TITLES = {
    "goal": "Learning goal",
    "planning": "Planning",
    "contacts": "Contacts",
    "pitch": "Pitch",
    "questions": "Questions",
    "thanks": "Thank-you note",
    "rehearsal": "Rehearsal",
}


def now_iso() -> str:
    """UTC time in the saved-work format, e.g. 2026-11-26T09:00:00Z."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def empty_document() -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "exported_at": "",
            "exercises": {}, "worksheets": {}, "rehearsals": [], "quizzes": {},
            "set_aside": []}


class SavedWorkError(ValueError):
    """Text is not a saved-work document; the message is written for the learner."""


def _as_report(report: Any) -> dict[str, Any]:
    if report is None:
        return {}
    if hasattr(report, "to_dict"):
        report = report.to_dict()
    if not isinstance(report, dict):
        raise TypeError("report must be a dict (Report.to_dict()) or a Report")
    return copy.deepcopy(report)


def _score(report: dict[str, Any]) -> int | None:
    score = report.get("score")
    return score if isinstance(score, int) and not isinstance(score, bool) else None


def set_aside_records(dropped: list[dict[str, Any]], at: str) -> list[dict[str, Any]]:
    """What ``fit_document`` dropped, in the document's ``set_aside`` form."""
    return [{"where": d["where"], "parts": d["parts"], "value": copy.deepcopy(d["value"]),
             "at": at} for d in dropped]


def dropped_messages(dropped: list[dict[str, Any]]) -> list[str]:
    """One sentence per entry that lost something, then where the rest is kept."""
    lines = []
    for d in dropped:
        if d["section"] in ("exercises", "worksheets", "quizzes") and not d["name"]:
            lines.append(f"The {d['section']} part of the file was unreadable and was "
                         "set aside.")
            continue
        lines.append(entry_message(section_rule(d["section"], d["name"]), d["parts"]))
    if lines:
        lines.append(after_message())
    return lines


def normalise(data: Any) -> tuple[dict[str, Any], list[str]]:
    """Check a parsed document and return (clean copy, messages about set-aside parts).

    Raises ``SavedWorkError`` when it is not our format at all (foreign JSON, wrong
    version). Otherwise every entry is checked on its own against the saved-work
    schema (``saved_work.schema.json``): what does not fit is moved to the
    document's ``set_aside`` list, never dropped, and the rest of the entry is kept.
    """
    if not isinstance(data, dict):
        raise SavedWorkError("This file is not saved work from this course (it is not a "
                             "JSON object).")
    if data.get("format") != FORMAT:
        raise SavedWorkError("This file is not saved work from this course (its \"format\" "
                             f"is not \"{FORMAT}\").")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SavedWorkError("This saved-work file has no valid version number.")
    if version > VERSION:
        raise SavedWorkError(f"This saved-work file is version {version}, made by a newer "
                             f"course; this one reads version {VERSION}.")
    out = empty_document()
    if isinstance(data.get("exported_at"), str):
        out["exported_at"] = data["exported_at"]
    sections, dropped = fit_document(data)
    out.update(sections)
    for entry in out["exercises"].values():
        entry.setdefault("history", [])
    out["set_aside"] = out["set_aside"] + set_aside_records(dropped, now_iso())
    return out, dropped_messages(dropped)


def parse_document(text: str) -> tuple[dict[str, Any], list[str]]:
    """Parse saved-work JSON text; raise ``SavedWorkError`` with a learner-facing reason."""
    if not isinstance(text, str):
        raise SavedWorkError("Nothing to import: expected the text of a .json file.")
    if not text.strip():
        raise SavedWorkError("The file is empty.")
    try:
        data = parse_json(text)
    except json.JSONDecodeError as exc:
        raise SavedWorkError(f"The file is not valid JSON (line {exc.lineno}); it may be "
                             "damaged or not a saved-work export.") from None
    except RecursionError:
        raise SavedWorkError("The file is nested too deeply to be saved work.") from None
    except ValueError:  # NaN or Infinity: JavaScript cannot read them either
        raise SavedWorkError("The file is not valid JSON; it may be damaged or not a "
                             "saved-work export.") from None
    return normalise(data)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _atomic_write(path: Path, text: str) -> None:
    """Write via a temp file in the same folder, then rename over the target.

    In the browser (Pyodide) a rename is a delete plus a new file in the
    browser's storage, so there the file is written in place instead: one write
    of the whole text is the safest step that storage offers.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if sys.platform == "emscripten":
        path.write_text(text, encoding="utf-8")
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            try:
                os.fsync(fh.fileno())
            except OSError:  # some browser file systems have no fsync
                pass
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _aside_path(path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.stem}.corrupt-{stamp}{path.suffix}")
    n = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.corrupt-{stamp}-{n}{path.suffix}")
        n += 1
    return candidate


class WorkStore:
    """A learner's saved work, kept in one JSON file (default ./interview_work.json)."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else Path(DEFAULT_PATH)
        self.notice = ""
        self.data = self._load()

    # ---- loading ---------------------------------------------------------------------
    def _load(self) -> dict[str, Any]:
        if not self.path.exists():
            recovered = self._recover_unfinished_save()
            return recovered if recovered is not None else empty_document()
        try:
            text = self.path.read_text(encoding="utf-8")
            data, warnings = parse_document(text)
        except (OSError, UnicodeDecodeError, SavedWorkError) as exc:
            reason = str(exc) if isinstance(exc, SavedWorkError) else "it could not be read."
            self._set_aside(reason)
            return empty_document()
        if warnings:
            self.notice = " ".join(warnings)
        return data

    def _recover_unfinished_save(self) -> dict[str, Any] | None:
        """The newest readable temp file left by a save that never finished its rename.

        In JupyterLite a rename is not atomic: a reload between the temp file's write
        and the rename can leave only the temp file. Nothing the learner wrote is lost.
        """
        candidates = sorted(self.path.parent.glob(f".{self.path.name}.*.tmp"),
                            key=_mtime, reverse=True)
        for tmp in candidates:
            try:
                data, _ = parse_document(tmp.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, SavedWorkError):
                continue
            self.data = data
            self._write()
            for leftover in candidates:
                try:
                    leftover.unlink()
                except OSError:
                    pass
            self.notice = "Your work was recovered from a save that was interrupted."
            return data
        return None

    def _set_aside(self, reason: str) -> None:
        aside = _aside_path(self.path)
        try:
            os.replace(self.path, aside)
        except OSError:
            self.notice = (f"Your saved-work file {self.path.name} could not be used: {reason} "
                           "It could not be moved aside either, so new work will not be saved "
                           "over it until you move it.")
            self._read_only = True
            return
        self.notice = (f"Your saved-work file could not be used: {reason} It was kept as "
                       f"{aside.name} and a fresh one was started.")

    _read_only = False

    def _write(self) -> None:
        if self._read_only:
            return
        _atomic_write(self.path, json.dumps(self.data, ensure_ascii=False, indent=2) + "\n")

    # ---- exercises, worksheets, rehearsals -------------------------------------------
    def save_exercise(self, kind: str, text: str, options: dict[str, Any] | None = None,
                      report_dict: Any = None) -> dict[str, Any]:
        """Save the latest draft and report of one exercise; append its score to history."""
        report = _as_report(report_dict)
        saved_at = now_iso()
        previous = self.data["exercises"].get(kind) or {}
        history = list(previous.get("history", []))
        history.append({"score": _score(report), "saved_at": saved_at})
        entry = {"text": text, "options": dict(options or {}), "report": report,
                 "saved_at": saved_at, "history": history[-HISTORY_LIMIT:]}
        self.data["exercises"][kind] = entry
        self._write()
        return copy.deepcopy(entry)

    def get_exercise(self, kind: str) -> dict[str, Any] | None:
        entry = self.data["exercises"].get(kind)
        return copy.deepcopy(entry) if entry else None

    def save_worksheet(self, name: str, data: dict[str, Any]) -> None:
        if not isinstance(data, dict):
            raise TypeError("worksheet data must be a dict")
        self.data["worksheets"][name] = copy.deepcopy(data)
        self._write()

    def get_worksheet(self, name: str) -> dict[str, Any] | None:
        sheet = self.data["worksheets"].get(name)
        return copy.deepcopy(sheet) if sheet is not None else None

    def add_rehearsal(self, record: dict[str, Any]) -> None:
        if not isinstance(record, dict):
            raise TypeError("a rehearsal record must be a dict")
        record = copy.deepcopy(record)
        record.setdefault("saved_at", now_iso())
        self.data["rehearsals"].append(record)
        self._write()

    def save_quiz(self, quiz_id: str, result: dict[str, Any]) -> None:
        """Store a quiz result ({answers, score, total, updated}) as the page does."""
        result = copy.deepcopy(result)
        result.setdefault("updated", now_iso())
        self.data["quizzes"][quiz_id] = result
        self._write()

    # ---- export and import -------------------------------------------------------------
    def export_json(self) -> str:
        doc = copy.deepcopy(self.data)
        doc["format"], doc["version"], doc["exported_at"] = FORMAT, VERSION, now_iso()
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"

    def export_markdown(self) -> str:
        return interview_kit_markdown(self.data)

    def import_json(self, text: str) -> list[str]:
        """Merge an exported document into this store; never raises on bad text."""
        try:
            incoming, warnings = parse_document(text)
        except SavedWorkError as exc:
            return [f"Nothing was imported: {exc} Your saved work is unchanged."]
        merged, messages, _ = merge_documents(self.data, incoming)
        messages = warnings + messages
        self.data = merged
        try:
            self._write()
        except OSError as exc:
            messages.append(f"The merged work could not be written to disk ({exc}).")
        return messages


# ---- the readable "interview kit" (exercises.saved_kit writes it) --------------------------
def _quiz_titles() -> dict[str, str]:
    try:  # optional: the kit still works if a bank is broken
        from .quiz import list_quizzes

        return {q.id: q.title for q in list_quizzes()}
    except Exception:  # noqa: BLE001 - any bank problem must not block an export
        return {}


def kit_context() -> dict[str, Any]:
    """Names the kit shows instead of ids: quiz titles, contact circles, personas."""
    from .campaign.tracker import CIRCLES

    try:
        from .practice import list_personas

        personas = {p.id: {"name": p.name, "role": p.role, "organisation": p.organisation}
                    for p in list_personas()}
    except Exception:  # noqa: BLE001 - a broken persona file must not block an export
        personas = {}
    return {"quizTitles": _quiz_titles(), "circles": [list(c) for c in CIRCLES],
            "personas": personas}


def interview_kit_markdown(doc: dict[str, Any]) -> str:
    """A readable Markdown summary of saved work, to print or keep before a conversation."""
    ctx = kit_context()
    return interview_kit(doc, now_iso()[:10], ctx["quizTitles"],
                         [tuple(c) for c in ctx["circles"]], ctx["personas"])


# ---- notebook helpers (no ipywidgets needed) -------------------------------------------
def export_work(path: str | os.PathLike[str] = "interview_kit",
                store: WorkStore | None = None) -> list[str]:
    """Write ``<path>.json`` (re-importable) and ``<path>.md`` (readable kit).

    Returns both paths; in JupyterLite, download them from the file browser.
    """
    store = store or WorkStore()
    base = Path(path)
    if base.suffix in (".json", ".md"):
        base = base.with_suffix("")
    json_path, md_path = base.with_suffix(".json"), base.with_suffix(".md")
    _atomic_write(json_path, store.export_json())
    _atomic_write(md_path, store.export_markdown())
    return [str(json_path), str(md_path)]


def import_work(path: str | os.PathLike[str], store: WorkStore | None = None) -> list[str]:
    """Merge a saved-work .json file (from a notebook or the progress page) into the store."""
    store = store or WorkStore()
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return [f"Nothing was imported: there is no file called {Path(path).name}."]
    except (OSError, UnicodeDecodeError):
        return [f"Nothing was imported: {Path(path).name} could not be read as text."]
    return store.import_json(text)
