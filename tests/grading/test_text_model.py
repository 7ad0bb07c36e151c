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


@pytest.mark.parametrize("bias, rule, decided", [
    (0.05, False, False), (-0.05, True, True),  # unsure: the rule stands either way
    (0.05, True, True), (-0.05, False, False),
    (0.3, False, True), (-0.3, True, False),  # sure: the model overrules the rule
])
def test_the_rule_stands_only_where_the_model_is_unsure(
    tiny_model, bias: float, rule: bool, decided: bool
) -> None:
    tiny_model(bias=bias, unsure=0.1)
    assert text_model.decide("pitch.why_them", [], rule) is decided


def test_the_shipped_model_names_its_margin() -> None:
    from benchmarks.check_model import UNSURE

    assert text_model._model()["unsure"] == UNSURE > 0
