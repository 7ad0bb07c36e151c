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

FORMAT = "iic-saved-work"
VERSION = 1
DEFAULT_PATH = "interview_work.json"
HISTORY_LIMIT = 100  # keeps the file small after many re-grades
SECTIONS = ("exercises", "worksheets", "rehearsals", "quizzes")

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
            "exercises": {}, "worksheets": {}, "rehearsals": [], "quizzes": {}}


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


def normalise(data: Any) -> tuple[dict[str, Any], list[str]]:
    """Check a parsed document and return (clean copy, warnings about dropped parts).

    Raises ``SavedWorkError`` when it is not our format at all (foreign JSON, wrong
    version); tolerates partial documents (missing sections become empty) and drops
    only the individual entries that have the wrong shape.
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
    warnings: list[str] = []
    if isinstance(data.get("exported_at"), str):
        out["exported_at"] = data["exported_at"]
    for section, kind in (("exercises", dict), ("worksheets", dict), ("quizzes", dict),
                          ("rehearsals", list)):
        value = data.get(section, kind())
        if not isinstance(value, kind):
            warnings.append(f"The {section} part of the file was unreadable and was skipped.")
            continue
        if kind is list:
            good = [r for r in value if isinstance(r, dict)]
            if len(good) != len(value):
                warnings.append(f"{len(value) - len(good)} unreadable rehearsal(s) skipped.")
            out[section] = copy.deepcopy(good)
            continue
        for name, entry in value.items():
            if not isinstance(entry, dict):
                warnings.append(f"The {section[:-1]} \"{name}\" was unreadable and was skipped.")
                continue
            entry = copy.deepcopy(entry)
            if section == "exercises":
                if not isinstance(entry.get("history", []), list):
                    entry["history"] = []
                entry.setdefault("history", [])
                if not isinstance(entry.get("report", {}), dict):
                    entry["report"] = {}
                if not isinstance(entry.get("options", {}), dict):
                    entry["options"] = {}
            out[section][name] = entry
    return out, warnings


def parse_document(text: str) -> tuple[dict[str, Any], list[str]]:
    """Parse saved-work JSON text; raise ``SavedWorkError`` with a learner-facing reason."""
    if not isinstance(text, str):
        raise SavedWorkError("Nothing to import: expected the text of a .json file.")
    if not text.strip():
        raise SavedWorkError("The file is empty.")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SavedWorkError(f"The file is not valid JSON (line {exc.lineno}); it may be "
                             "damaged or not a saved-work export.") from None
    except RecursionError:
        raise SavedWorkError("The file is nested too deeply to be saved work.") from None
    return normalise(data)


def _when(value: Any) -> datetime | None:
    """Parse an ISO time from Python ("...Z") or JS ("...123Z"); None if unusable."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _newer(a: Any, b: Any) -> bool:
    """Is time a strictly later than b? A usable time beats a missing one."""
    ta, tb = _when(a), _when(b)
    if ta is None:
        return False
    return tb is None or ta > tb


def _merge_history(a: list[Any], b: list[Any]) -> list[Any]:
    seen: set[str] = set()
    out = []
    for h in list(a) + list(b):
        key = json.dumps(h, sort_keys=True)
        if key not in seen:
            seen.add(key)
            out.append(h)
    floor = datetime.min.replace(tzinfo=UTC)
    out.sort(key=lambda h: (_when(h.get("saved_at")) if isinstance(h, dict) else None) or floor)
    return out[-HISTORY_LIMIT:]


def merge_documents(base: dict[str, Any], incoming: dict[str, Any]) -> list[str]:
    """Merge ``incoming`` into ``base`` in place; return what happened, for the learner.

    Exercises: the newer ``saved_at`` wins, histories are combined. Worksheets: the
    imported one wins unless both have ``saved_at`` and ours is newer. Quizzes: the
    newer ``updated`` wins; quizzes only present here are kept. Rehearsals: combined.
    """
    messages: list[str] = []
    for kind, entry in incoming["exercises"].items():
        mine = base["exercises"].get(kind)
        title = EXERCISE_TITLES.get(kind, kind)
        if mine is None:
            base["exercises"][kind] = entry
            messages.append(f"{title}: added from the file.")
            continue
        history = _merge_history(mine.get("history", []), entry.get("history", []))
        if _newer(entry.get("saved_at", ""), mine.get("saved_at", "")):
            base["exercises"][kind] = entry
            messages.append(f"{title}: the file's version is newer and replaced yours.")
        else:
            messages.append(f"{title}: your version is newer or the same and was kept.")
        base["exercises"][kind]["history"] = history
    for name, sheet in incoming["worksheets"].items():
        mine = base["worksheets"].get(name)
        if mine is None:
            messages.append(f"Worksheet {name}: added from the file.")
        elif (_when(mine.get("saved_at")) and _when(sheet.get("saved_at"))
              and not _newer(sheet["saved_at"], mine["saved_at"])):
            messages.append(f"Worksheet {name}: your version is newer and was kept.")
            continue
        else:
            messages.append(f"Worksheet {name}: replaced by the file's version.")
        base["worksheets"][name] = sheet
    known = {json.dumps(r, sort_keys=True) for r in base["rehearsals"]}
    added = 0
    for record in incoming["rehearsals"]:
        key = json.dumps(record, sort_keys=True)
        if key not in known:
            known.add(key)
            base["rehearsals"].append(record)
            added += 1
    if added:
        messages.append(f"Rehearsals: {added} added from the file.")
    updated = 0
    for quiz_id, result in incoming["quizzes"].items():
        mine = base["quizzes"].get(quiz_id)
        if mine is None or _newer(result.get("updated", ""), mine.get("updated", "")):
            base["quizzes"][quiz_id] = result
            updated += 1
    if updated:
        messages.append(f"Quizzes: {updated} result(s) added or updated; the others were kept.")
    if not messages:
        messages.append("The file holds no saved work; nothing changed.")
    return messages


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
        merged = copy.deepcopy(self.data)
        messages = warnings + merge_documents(merged, incoming)
        self.data = merged
        try:
            self._write()
        except OSError as exc:
            messages.append(f"The merged work could not be written to disk ({exc}).")
        return messages


# ---- the readable "interview kit" --------------------------------------------------------
def _quote(text: str) -> str:
    """Learner text as a Markdown block quote, so a '#' or '---' in it stays plain text."""
    lines = str(text).strip().splitlines() or [""]
    return "\n".join(f"> {line}".rstrip() for line in lines)


def _human(key: str) -> str:
    return str(key).replace("_", " ").replace("-", " ").strip().capitalize()


def _value(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(_value(v) for v in value if v not in ("", None))
    if isinstance(value, dict):
        return "; ".join(f"{_human(k)}: {_value(v)}" for k, v in value.items()
                         if v not in ("", None, [], {}))
    return " ".join(str(value).split())


def _date(iso: Any) -> str:
    return iso[:10] if isinstance(iso, str) and iso else "-"


def ordered_questions(entry: dict[str, Any]) -> list[str]:
    """The learner's questions, in the grader's suggested order when it is usable."""
    report = entry.get("report") or {}
    infos = report.get("questions") if isinstance(report.get("questions"), list) else []
    texts = [q.get("text", "") for q in infos if isinstance(q, dict)]
    order = report.get("suggested_order")
    if texts and isinstance(order, list) and sorted(order) == list(range(len(texts))):
        return [texts[i] for i in order]
    if texts:
        return texts
    lines = [line.strip().lstrip("-*0123456789.) ").strip()
             for line in str(entry.get("text", "")).splitlines()]
    return [line for line in lines if line]


def _quiz_titles() -> dict[str, str]:
    try:  # optional: the kit still works if a bank is broken
        from .quiz import list_quizzes

        return {q.id: q.title for q in list_quizzes()}
    except Exception:  # noqa: BLE001 - any bank problem must not block an export
        return {}


def interview_kit_markdown(doc: dict[str, Any]) -> str:
    """A readable Markdown summary of saved work, to print or keep before a conversation."""
    ex, sheets = doc.get("exercises", {}), doc.get("worksheets", {})
    out = ["# My informational interview kit", "",
           f"Made on {_date(now_iso())} from my saved course work.", ""]

    def text_section(title: str, kind: str, empty: str) -> None:
        out.extend([f"## {title}", ""])
        entry = ex.get(kind) or {}
        out.extend([_quote(entry["text"]) if str(entry.get("text", "")).strip() else empty, ""])

    text_section("Learning goal", "goal", "_No learning goal saved yet._")
    out.extend(["## Planning worksheet", ""])
    planning = sheets.get("planning") or {}
    rows = [f"- **{_human(k)}**: {_value(v)}" for k, v in planning.items()
            if k != "saved_at" and _value(v)]
    out.extend(rows or ["_No planning worksheet saved yet._"])
    out.append("")
    text_section("Pitch", "pitch", "_No pitch saved yet._")
    out.extend(["## Questions, in suggested order", ""])
    questions = ordered_questions(ex.get("questions") or {})
    out.extend([f"{i}. {' '.join(q.split())}" for i, q in enumerate(questions, 1)]
               or ["_No questions saved yet._"])
    out.append("")
    text_section("Thank-you note", "thanks", "_No thank-you note saved yet._")
    others = {k: v for k, v in sheets.items() if k != "planning" and isinstance(v, dict)}
    for name, sheet in sorted(others.items()):
        out.extend([f"## Worksheet: {_human(name)}", ""])
        rows = [f"- **{_human(k)}**: {_value(v)}" for k, v in sheet.items()
                if k != "saved_at" and _value(v)]
        out.extend(rows or ["_Empty._"])
        out.append("")
    out.extend(["## Latest scores", "", "| Work | Score | Level | Saved |", "|---|---|---|---|"])
    rows = []
    for kind, entry in sorted(ex.items()):
        report = entry.get("report") or {}
        score = _score(report)
        rows.append(f"| {EXERCISE_TITLES.get(kind, _human(kind))} | "
                    f"{'-' if score is None else f'{score}/100'} | "
                    f"{report.get('level', '-') or '-'} | {_date(entry.get('saved_at'))} |")
    titles = _quiz_titles() if doc.get("quizzes") else {}
    for quiz_id, result in sorted(doc.get("quizzes", {}).items()):
        if _score(result) is None:
            continue  # opened but never checked: only the learner's shuffle seed
        title = str(titles.get(quiz_id, quiz_id)).replace("|", "/")
        rows.append(f"| Quiz: {title} | "
                    f"{result.get('score', '-')}/{result.get('total', '-')} | - | "
                    f"{_date(result.get('updated'))} |")
    out.extend(rows or ["| Nothing scored yet | - | - | - |"])
    rehearsals = doc.get("rehearsals", [])
    if rehearsals:
        out.extend(["", f"Practice conversations saved: {len(rehearsals)} "
                    f"(latest {_date(rehearsals[-1].get('saved_at'))})."])
    return "\n".join(out).rstrip() + "\n"


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
