"""Saved work: save, export, import round trips; corrupt, foreign and partial files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exercises.storage import (
    FORMAT,
    WorkStore,
    export_work,
    import_work,
    interview_kit_markdown,
    ordered_questions,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "storage"
REPORT = {"kind": "pitch", "score": 64, "level": "almost", "checks": []}


@pytest.fixture
def store(tmp_path: Path) -> WorkStore:
    return WorkStore(tmp_path / "interview_work.json")


def test_fresh_store_is_empty(store: WorkStore) -> None:
    assert store.notice == ""
    assert store.data["format"] == FORMAT and store.data["version"] == 1
    assert store.get_exercise("pitch") is None and store.get_worksheet("planning") is None
    assert not store.path.exists()  # nothing written until there is something to keep


def test_default_path_is_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    WorkStore().save_worksheet("planning", {"a": 1})
    assert (tmp_path / "interview_work.json").exists()


def test_save_exercise_writes_at_once_with_history(store: WorkStore) -> None:
    store.save_exercise("pitch", "Hi, I am Lee.", {"channel": "email"}, REPORT)
    store.save_exercise("pitch", "Hi, I am Lee, a student.", {"channel": "email"},
                        dict(REPORT, score=80))
    again = WorkStore(store.path)  # a new process sees both saves
    entry = again.get_exercise("pitch")
    assert entry["text"] == "Hi, I am Lee, a student."
    assert [h["score"] for h in entry["history"]] == [64, 80]
    assert entry["options"] == {"channel": "email"}
    assert not list(store.path.parent.glob("*.tmp"))  # atomic write leaves no temp file


def test_report_object_accepted(store: WorkStore) -> None:
    class Fake:
        def to_dict(self) -> dict:
            return {"score": 10, "level": "needs-work"}

    store.save_exercise("thanks", "Thank you", None, Fake())
    assert store.get_exercise("thanks")["report"]["score"] == 10


def test_get_returns_copies(store: WorkStore) -> None:
    store.save_worksheet("planning", {"role": "nurse"})
    store.get_worksheet("planning")["role"] = "changed"
    assert store.get_worksheet("planning") == {"role": "nurse"}


def test_worksheets_and_rehearsals_persist(store: WorkStore) -> None:
    store.save_worksheet("contacts", {"circles": {"family": ["Ana"]}, "first_three": ["Ana"]})
    store.add_rehearsal({"persona": "busy-manager", "minutes": 20, "transcript": []})
    again = WorkStore(store.path)
    assert again.get_worksheet("contacts")["first_three"] == ["Ana"]
    assert again.data["rehearsals"][0]["persona"] == "busy-manager"
    assert again.data["rehearsals"][0]["saved_at"]


def test_export_import_round_trip(tmp_path: Path, store: WorkStore) -> None:
    store.save_exercise("goal", "Learn how product teams decide what to build.", {}, REPORT)
    store.save_worksheet("planning", {"role": "product manager"})
    store.save_quiz("pitching", {"answers": {"q1": [0]}, "score": 4, "total": 6})
    exported = store.export_json()
    doc = json.loads(exported)
    assert doc["format"] == FORMAT and doc["exported_at"]
    other = WorkStore(tmp_path / "other.json")
    messages = other.import_json(exported)
    assert "Exercises added from the file: Learning goal." in messages
    for section in ("exercises", "worksheets", "quizzes", "rehearsals", "set_aside"):
        assert other.data[section] == store.data[section]


def test_import_newer_wins_per_exercise(store: WorkStore) -> None:
    store.save_exercise("pitch", "mine", {}, REPORT)
    store.save_exercise("thanks", "my thanks", {}, REPORT)
    mine_time = store.get_exercise("pitch")["saved_at"]
    incoming = json.loads(store.export_json())
    incoming["exercises"]["pitch"] = {"text": "theirs, newer", "options": {}, "report": {},
                                      "saved_at": "2999-01-01T00:00:00.000Z",
                                      "history": [{"score": 99,
                                                   "saved_at": "2999-01-01T00:00:00Z"}]}
    incoming["exercises"]["thanks"]["text"] = "older thanks"
    incoming["exercises"]["thanks"]["saved_at"] = "2000-01-01T00:00:00Z"
    store.save_quiz("mine-only", {"answers": {}, "score": 1, "total": 2})
    messages = store.import_json(json.dumps(incoming))
    assert store.get_exercise("pitch")["text"] == "theirs, newer"
    assert [h["score"] for h in store.get_exercise("pitch")["history"]] == [64, 99]
    assert store.get_exercise("thanks")["text"] == "my thanks"
    assert "mine-only" in store.data["quizzes"]  # quizzes kept
    assert any("newer and replaced" in m for m in messages)
    assert any("was kept" in m for m in messages)
    assert mine_time


@pytest.mark.parametrize("text,reason", [
    ("{not json", "not valid JSON"),
    ("", "empty"),
    ("[1, 2]", "not saved work"),
    ('{"format": "something-else", "version": 1}', "not saved work"),
    ('{"name": "package.json", "version": "1.0.0"}', "not saved work"),
    ('{"format": "iic-saved-work", "version": 99}', "version 99"),
    ('{"format": "iic-saved-work", "version": "1"}', "no valid version"),
    ("[" * 100000 + "]" * 100000, ""),
])
def test_import_bad_text_never_raises_and_loses_nothing(store: WorkStore, text: str,
                                                        reason: str) -> None:
    store.save_exercise("pitch", "keep me", {}, REPORT)
    before = json.dumps(store.data, sort_keys=True)
    messages = store.import_json(text)
    assert len(messages) == 1 and messages[0].startswith("Nothing was imported")
    assert reason in messages[0]
    assert json.dumps(store.data, sort_keys=True) == before
    assert WorkStore(store.path).get_exercise("pitch")["text"] == "keep me"


def test_import_partial_document(store: WorkStore) -> None:
    messages = store.import_json(json.dumps({
        "format": FORMAT, "version": 1,
        "exercises": {"goal": {"text": "partial", "saved_at": "2026-01-01T00:00:00Z"},
                      "pitch": "not an object"},
        "worksheets": [],
    }))
    assert store.get_exercise("goal")["text"] == "partial"
    assert store.get_exercise("goal")["history"] == []
    assert any("pitch" in m and "set aside" in m for m in messages)
    assert any("worksheets" in m and "set aside" in m for m in messages)
    # Nothing is lost: both unreadable parts are kept, as they were, under set_aside.
    aside = {r["where"]: r["value"] for r in store.data["set_aside"]}
    assert aside == {"exercises.pitch": "not an object", "worksheets": []}


def test_import_progress_page_export(store: WorkStore) -> None:
    text = (FIXTURES / "progress-export.json").read_text(encoding="utf-8")
    messages = store.import_json(text)
    assert store.get_exercise("pitch")["report"]["score"] == 72
    assert store.data["quizzes"]["conversation"]["score"] == 7
    assert store.get_worksheet("planning")["target_role"] == "Field ecologist"
    assert any("Quizzes: 1" in m for m in messages)
    kit = store.export_markdown()
    # suggested order [0, 2, 1] from the grader's report
    assert kit.index("1. How did you get started?") < kit.index("2. What does a typical week")
    assert "3. Who else should I talk to?" in kit


@pytest.mark.parametrize("content", [
    "{broken", '{"format": "other"}', '{"format": "iic-saved-work", "version": 7}', "[]",
])
def test_corrupt_file_on_disk_is_set_aside(tmp_path: Path, content: str) -> None:
    path = tmp_path / "interview_work.json"
    path.write_text(content, encoding="utf-8")
    store = WorkStore(path)
    aside = list(tmp_path.glob("interview_work.corrupt-*.json"))
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == content
    assert aside[0].name in store.notice and "fresh" in store.notice
    assert store.data["exercises"] == {}
    store.save_worksheet("planning", {"a": "b"})  # the fresh store works
    assert json.loads(path.read_text(encoding="utf-8"))["worksheets"]["planning"] == {"a": "b"}


def test_two_corrupt_files_in_one_second_do_not_clash(tmp_path: Path) -> None:
    path = tmp_path / "interview_work.json"
    for _ in range(2):
        path.write_text("{x", encoding="utf-8")
        WorkStore(path)
    assert len(list(tmp_path.glob("interview_work.corrupt-*.json"))) == 2


def test_non_utf8_file_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "interview_work.json"
    path.write_bytes(b"\xff\xfe\x00garbage")
    store = WorkStore(path)
    assert "could not be used" in store.notice


def test_partial_file_on_disk_loads_with_notice(tmp_path: Path) -> None:
    path = tmp_path / "interview_work.json"
    path.write_text(json.dumps({"format": FORMAT, "version": 1,
                                "quizzes": {"x": {"score": 1, "total": 1}},
                                "rehearsals": [1, {"persona": "p"}]}), encoding="utf-8")
    store = WorkStore(path)
    assert store.data["quizzes"]["x"]["score"] == 1
    assert store.data["rehearsals"] == [{"persona": "p"}]
    assert "practice conversations could not be read (#1)" in store.notice
    assert store.data["set_aside"][0]["value"] == [1, {"persona": "p"}]


def test_markdown_kit(store: WorkStore) -> None:
    store.save_exercise("goal", "# not a heading\nUnderstand hospital pharmacy.", {}, REPORT)
    store.save_worksheet("planning", {"target_role": "pharmacist", "people": ["Ana", "Raj"]})
    store.save_exercise("questions", "- What surprised you?\n- Who else should I ask?", {}, {})
    store.save_exercise("thanks", "Thank you for the time.", {}, {"score": 90, "level": "ready"})
    kit = store.export_markdown()
    for heading in ("# My informational interview kit", "## Learning goal",
                    "## Planning worksheet", "## Pitch", "## Questions, in suggested order",
                    "## Thank-you note", "## Contacts", "## Practice conversations",
                    "## Latest scores"):
        assert heading in kit
    assert "> \\# not a heading" in kit  # learner text quoted and escaped, not a heading
    assert "- **Target role**: pharmacist" in kit and "Ana; Raj" in kit
    assert "1. What surprised you?" in kit
    assert "| Thank-you note | 90/100 | ready |" in kit
    assert "_No pitch saved yet._" in kit


def test_kit_of_empty_document() -> None:
    kit = interview_kit_markdown({})
    assert "Nothing scored yet" in kit


def test_ordered_questions_falls_back_on_bad_order() -> None:
    entry = {"text": "A?\nB?", "report": {"questions": [{"text": "A?"}, {"text": "B?"}],
                                          "suggested_order": [0, 0]}}
    assert ordered_questions(entry) == ["A?", "B?"]


def test_export_and_import_work_helpers(tmp_path: Path, store: WorkStore) -> None:
    store.save_exercise("pitch", "Hello", {}, REPORT)
    paths = export_work(tmp_path / "kit", store=store)
    assert [Path(p).suffix for p in paths] == [".json", ".md"]
    assert all(Path(p).exists() for p in paths)
    other = WorkStore(tmp_path / "second.json")
    messages = import_work(paths[0], store=other)
    assert other.get_exercise("pitch")["text"] == "Hello" and messages
    assert import_work(tmp_path / "missing.json", store=other)[0].startswith("Nothing")
    assert "not valid JSON" in import_work(paths[1], store=other)[0]


def test_failed_write_keeps_previous_file(store: WorkStore,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    store.save_worksheet("planning", {"v": 1})
    before = store.path.read_text(encoding="utf-8")

    def boom(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("exercises.storage.os.replace", boom)
    with pytest.raises(OSError):
        store.save_worksheet("planning", {"v": 2})
    assert store.path.read_text(encoding="utf-8") == before
    assert not list(store.path.parent.glob("*.tmp"))


def test_unmovable_corrupt_file_is_never_overwritten(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "interview_work.json"
    path.write_text("{corrupt", encoding="utf-8")

    def boom(src: str, dst: str) -> None:
        raise OSError("read-only")

    monkeypatch.setattr("exercises.storage.os.replace", boom)
    store = WorkStore(path)
    assert "could not be moved aside" in store.notice
    store.save_worksheet("planning", {"a": 1})
    assert path.read_text(encoding="utf-8") == "{corrupt"


def test_an_interrupted_save_is_recovered(tmp_path: Path) -> None:
    """A reload between a save's temp file and its rename leaves only the temp file."""
    first = WorkStore(tmp_path / "interview_work.json")
    first.save_exercise("pitch", "Hi Dana, I'm Priya.", {"channel": "email"}, None)
    saved = first.path.read_text(encoding="utf-8")
    first.path.unlink()
    (tmp_path / ".interview_work.json.broken.tmp").write_text("{not json", encoding="utf-8")
    (tmp_path / ".interview_work.json.good.tmp").write_text(saved, encoding="utf-8")

    again = WorkStore(tmp_path / "interview_work.json")
    assert again.get_exercise("pitch")["text"] == "Hi Dana, I'm Priya."
    assert "recovered" in again.notice
    assert json.loads(again.path.read_text(encoding="utf-8"))["exercises"]["pitch"]
    assert not list(tmp_path.glob(".interview_work.json.*.tmp"))


def test_no_file_and_no_temp_file_starts_empty(tmp_path: Path) -> None:
    (tmp_path / ".interview_work.json.x.tmp").write_text("", encoding="utf-8")
    store = WorkStore(tmp_path / "interview_work.json")
    assert store.get_exercise("pitch") is None and store.notice == ""


def test_browser_writes_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under Pyodide the save is one in-place write: no temp file, no rename."""
    import exercises.storage as storage

    monkeypatch.setattr(storage.sys, "platform", "emscripten")
    monkeypatch.setattr(storage.os, "replace", lambda *a: pytest.fail("renamed in the browser"))
    store = WorkStore(tmp_path / "interview_work.json")
    store.save_exercise("goal", "Learn about nursing informatics.", {}, None)
    assert WorkStore(tmp_path / "interview_work.json").get_exercise("goal")["text"].startswith(
        "Learn")


def test_kit_lists_only_quizzes_that_were_checked(store: WorkStore) -> None:
    # A quiz page writes the learner's shuffle seed on the first visit, before any answer.
    store.save_quiz("planning", {"seed": 12345})
    store.save_quiz("pitching", {"seed": 7, "answers": {"q1": [2]}, "score": 4, "total": 8})
    kit = store.export_markdown()
    assert "| 4/8 |" in kit
    assert "-/-" not in kit and "planning" not in kit.lower().split("## latest scores")[1]
