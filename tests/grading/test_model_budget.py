"""The learned models ship inside the course wheel: each stays within its byte budget."""

from __future__ import annotations

import pytest

from benchmarks import check_model, model_budget, model_inputs, question_model


@pytest.mark.parametrize("module", [check_model, question_model], ids=lambda m: m.__name__)
def test_stored_model_fits_its_budget(module) -> None:
    model = module.__name__.rsplit(".", 1)[1]
    text = model_inputs.model_path(model).read_text(encoding="utf-8")
    assert model_budget.deflated_kb(text) <= module.MAX_KB


def test_fit_raises_the_cut_off_until_the_text_fits() -> None:
    weights = {f"feature{i}": i / 1000 for i in range(3000)}

    def store(prune: float) -> str:
        return repr({f: w for f, w in weights.items() if w >= prune})

    text, prune = model_budget.fit(store, 0.0, 10)
    assert model_budget.deflated_kb(text) <= 10
    assert model_budget.deflated_kb(store(round(prune - model_budget.STEP, 4))) > 10
    assert model_budget.fit(store, 0.0, 10_000) == (store(0.0), 0.0)
