"""The learned checks' decision rule (exercises/grading/text_model.py), on small made-up
models, so the tests pin the rule rather than the current weights."""

from __future__ import annotations

import pytest

from exercises.grading import text_model


@pytest.fixture
def tiny_model(monkeypatch: pytest.MonkeyPatch):
    def use(bias: float, unsure: float) -> None:
        model = {"unsure": unsure, "checks": {"pitch.why_them": {"bias": bias, "weights": {}}}}
        monkeypatch.setattr(text_model, "_model", lambda: model)
        text_model._pass_weights.cache_clear()

    yield use
    text_model._pass_weights.cache_clear()


@pytest.mark.parametrize("rule", [True, False])
def test_an_unsure_model_leaves_the_rule_standing(tiny_model, rule: bool) -> None:
    tiny_model(bias=0.05, unsure=0.1)
    assert text_model.decide("pitch.why_them", [], rule) is rule
    tiny_model(bias=-0.05, unsure=0.1)
    assert text_model.decide("pitch.why_them", [], rule) is rule


@pytest.mark.parametrize("rule", [True, False])
def test_a_sure_model_decides(tiny_model, rule: bool) -> None:
    tiny_model(bias=0.3, unsure=0.1)
    assert text_model.decide("pitch.why_them", [], rule) is True
    tiny_model(bias=-0.3, unsure=0.1)
    assert text_model.decide("pitch.why_them", [], rule) is False


def test_the_shipped_model_names_its_margin() -> None:
    from benchmarks.check_model import UNSURE

    assert text_model._model()["unsure"] == UNSURE > 0
