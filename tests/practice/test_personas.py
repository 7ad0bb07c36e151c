"""Persona files: every shipped persona loads, and broken files fail with clear errors."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from exercises.practice.personas import (
    CORE_CATEGORIES,
    MIN_DETAILS,
    PersonaError,
    list_personas,
    load_persona,
    load_persona_file,
    parse_persona,
    persona_ids,
)

PERSONA_DIR = Path(str(resources.files("exercises.practice") / "personas"))
SEED_TOOL = Path("/work/shared/tools/seed_overlap.py")
REQUIRED_FIELDS = {
    "health informatics",
    "game design",
    "civil engineering",
    "nonprofit",
    "data analysis",
    "electrical",
}


def raw(pid: str = "amara-okafor") -> dict:
    return json.loads((PERSONA_DIR / f"{pid}.json").read_text(encoding="utf-8"))


def test_all_personas_load():
    personas = list_personas()
    assert len(personas) >= 6
    assert [p.id for p in personas] == persona_ids()
    assert len({p.name for p in personas}) == len(personas)


def test_the_six_required_backgrounds_are_there():
    fields = " ".join(p.field.lower() for p in list_personas())
    for wanted in REQUIRED_FIELDS:
        assert wanted in fields, wanted


@pytest.mark.parametrize("pid", persona_ids())
def test_persona_content(pid):
    p = load_persona(pid)
    for cat in CORE_CATEGORIES:
        assert len(p.answers[cat]) >= 2, cat
        texts = [a.text for a in p.answers[cat]]
        assert len(set(texts)) == len(texts)
    details = [a.detail for group in p.answers.values() for a in group if a.detail]
    assert len(details) >= MIN_DETAILS
    assert p.referral.colleague.split()[0] in p.referral.text
    assert "{left}" in p.texts["time_nearly_up"]
    assert len(p.replies["closed"]) >= 3
    assert all(len(r.split()) <= 4 for r in p.replies["closed"]), "closed answers stay short"
    summary = p.summary
    assert summary["name"] and summary["role"] and summary["organisation"] and summary["years"]


@pytest.mark.skipif(not SEED_TOOL.exists(), reason="seed overlap tool not available")
def test_personas_do_not_copy_the_source_article():
    out = subprocess.run(
        [sys.executable, str(SEED_TOOL), str(PERSONA_DIR)], capture_output=True, text=True
    )
    assert out.stdout == ""


def test_unknown_persona_is_a_clear_error():
    with pytest.raises(PersonaError, match="unknown persona 'nobody'"):
        load_persona("nobody")
    with pytest.raises(TypeError):
        load_persona(3)


def _write(tmp_path: Path, data: dict, name: str = "amara-okafor") -> Path:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_valid_copy_loads_from_any_path(tmp_path):
    assert load_persona_file(_write(tmp_path, raw())).name == "Amara Okafor"


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d.pop("name"), "'name'"),
        (lambda d: d.update(years="ten"), "'years'"),
        (lambda d: d["answers"].pop("trends"), "'answers.trends'"),
        (lambda d: d["answers"]["likes"].pop(), "'answers.likes'"),
        (lambda d: d["answers"].update(pay=[]), "'answers'"),
        (lambda d: d["answers"]["path"][0].update(text=""), "'answers.path[0].text'"),
        (
            lambda d: d["answers"]["path"][0]["detail"].update(keywords=["zebra crossing"]),
            "'answers.path[0].detail.keywords[0]'",
        ),
        (
            lambda d: d["answers"]["path"][0]["detail"].pop("reply"),
            "'answers.path[0].detail.reply'",
        ),
        (lambda d: d.update(greeting="Hi {name}!"), "'greeting'"),
        (lambda d: d.update(close="Bye"), "'close'"),
        (lambda d: d.update(closed=["Yes."]), "'closed'"),
        (lambda d: d.pop("time_up"), "'time_up'"),
        (lambda d: d["referral"].update(text="Talk to someone."), "'referral.text'"),
        (lambda d: d.update(id="someone-else"), "'id'"),
    ],
)
def test_broken_file_names_file_and_field(tmp_path, mutate, field):
    data = copy.deepcopy(raw())
    mutate(data)
    with pytest.raises(PersonaError) as err:
        load_persona_file(_write(tmp_path, data))
    assert "amara-okafor.json" in str(err.value)
    assert field in str(err.value)


def test_too_few_details_is_reported(tmp_path):
    data = copy.deepcopy(raw())
    for group in data["answers"].values():
        for a in group:
            a.pop("detail", None)
    with pytest.raises(PersonaError, match="'answers'.*detail"):
        load_persona_file(_write(tmp_path, data))


def test_invalid_json_and_missing_file(tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text("{ not json", encoding="utf-8")
    with pytest.raises(PersonaError, match=r"broken\.json.*not valid JSON"):
        load_persona_file(bad)
    with pytest.raises(PersonaError, match=r"missing\.json.*cannot be read"):
        load_persona_file(tmp_path / "missing.json")
    with pytest.raises(PersonaError, match="one JSON object"):
        parse_persona([], "list.json")
