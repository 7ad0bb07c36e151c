"""Learn the question-category model from every labelled question, and measure it.

The model is multinomial logistic regression over the features that
``exercises.grading.questions.category_features`` gives a question (its words, word pairs,
first words, letter groups, and the rubric's cue scores). Training is pure Python and
deterministic (fixed order, fixed seed), so the same fixtures always give the same file.

    python -m benchmarks.question_model            # train on everything, write the model
    python -m benchmarks.question_model --check    # fail if the stored model is stale
    python -m benchmarks.question_model --check --retrain  # the same, by training again
    python -m benchmarks.question_model --loro     # leave-one-round-out accuracy

Training data: every single question in tests/fixtures/grading/questions*.jsonl, every
labelled question inside question_lists*.jsonl, and the rubric's category examples and
suggested questions (a text labelled twice counts once). Rounds that are still sealed are
never here: they are added to the fixtures only when they have been measured.
"""

from __future__ import annotations

import argparse
import json
import math
import random
from collections import defaultdict

from benchmarks import model_budget, model_inputs
from benchmarks.fixture_set import kind_of, load, names
from exercises.grading import questions as qmod
from exercises.grading import rubric
from exercises.grading.questions import CATEGORIES

EPOCHS = 30
RATE = 0.2
L2 = 0.0
MIN_COUNT = 2  # a feature seen in fewer questions is left out
PRUNE = 0.05  # smaller weights are dropped from the stored file (it ships to the browser)
MAX_KB = 218  # deflated, as in the wheel; weights are pruned harder until it fits
# (with check_model.MAX_KB, what keeps the whole site inside its 40 MB budget)
DIGITS = 2


def samples_by_round() -> dict[str, list[tuple[str, str]]]:
    """(question text, category) per fixture file, in file order."""
    out: dict[str, list[tuple[str, str]]] = {}
    for name in names():
        kind = kind_of(name)
        rows: list[tuple[str, str]] = []
        for case in load(name):
            if kind == "questions":
                rows.append((case["text"], case["category"]))
            elif kind == "question_lists":
                rows += [(q["text"], q["category"]) for q in case.get("question_labels", [])]
        if rows:
            out[name] = rows
    # The rubric's own labelled questions: its examples and the suggestions it offers.
    rows = []
    for cat in rubric.categories():
        entry = rubric.category(cat)
        rows += [(q, cat) for q in entry["examples"]]
        rows += [(q, cat) for q in entry.get("suggestions", [])]
    out["rubric"] = rows
    return out


def featurise(rows: list[tuple[str, str]]) -> list[tuple[list[tuple[str, float]], str]]:
    seen: dict[str, str] = {}
    out = []
    for text, cat in rows:
        key = " ".join(text.split()).lower()
        if key in seen:
            continue
        seen[key] = cat
        out.append((qmod.training_features(text), cat))
    return out


def train(data: list[tuple[list[tuple[str, float]], str]]) -> dict:
    """Softmax regression by stochastic gradient descent, deterministic."""
    return stored(*train_raw(data), PRUNE)


def train_raw(
    data: list[tuple[list[tuple[str, float]], str]],
) -> tuple[dict[str, float], dict[str, dict[str, float]]]:
    counts: dict[str, int] = defaultdict(int)
    for feats, _ in data:
        for name, _v in feats:
            counts[name] += 1
    keep = {f for f, n in counts.items() if n >= MIN_COUNT or f.startswith(("cf:", "cq:"))}
    data = [([(f, v) for f, v in feats if f in keep], cat) for feats, cat in data]
    classes = list(CATEGORIES)
    weights: dict[str, dict[str, float]] = defaultdict(lambda: dict.fromkeys(classes, 0.0))
    bias = dict.fromkeys(classes, 0.0)
    order = list(range(len(data)))
    rng = random.Random(20261203)
    for epoch in range(EPOCHS):
        rng.shuffle(order)
        rate = RATE / (1 + epoch)
        for idx in order:
            feats, gold = data[idx]
            score = dict(bias)
            for f, v in feats:
                row = weights[f]
                for c in classes:
                    score[c] += row[c] * v
            top = max(score.values())
            exp = {c: math.exp(score[c] - top) for c in classes}
            total = sum(exp.values())
            for c in classes:
                grad = exp[c] / total - (1.0 if c == gold else 0.0)
                if grad == 0.0:
                    continue
                bias[c] -= rate * grad
                for f, v in feats:
                    row = weights[f]
                    row[c] -= rate * (grad * v + L2 * row[c])
    return bias, dict(weights)


def stored(
    bias: dict[str, float], weights: dict[str, dict[str, float]], prune: float
) -> dict:
    """The model file's content: weights under ``prune`` dropped, the rest rounded."""
    kept = {}
    for f in sorted(weights):
        row = {c: round(w, DIGITS) for c, w in weights[f].items() if abs(w) >= prune}
        if row:
            kept[f] = row
    return {
        "_about": (
            "Generated by `python -m benchmarks.question_model` from every labelled question in "
            "tests/fixtures/grading; do not edit. Softmax regression over "
            "exercises.grading.questions.category_features."
        ),
        "classes": list(CATEGORIES),
        "bias": {c: round(b, DIGITS) for c, b in bias.items()},
        "weights": kept,
    }


def predict(model: dict, feats: list[tuple[str, float]]) -> str:
    from exercises.grading import linear_model

    return linear_model.best(linear_model.scores(model, feats), CATEGORIES)


def dump(model: dict) -> str:
    return json.dumps(model, sort_keys=True, separators=(",", ":")) + "\n"


def loro() -> None:
    rounds = samples_by_round()
    featured = {name: featurise(rows) for name, rows in rounds.items()}
    total_ok = total_n = 0
    print(f"{'held-out file':34} {'n':>5} {'accuracy':>9}")
    for name in rounds:
        train_rows = [row for other, rows in featured.items() if other != name for row in rows]
        model = train(train_rows)
        test = featured[name]
        ok = sum(predict(model, feats) == cat for feats, cat in test)
        total_ok += ok
        total_n += len(test)
        print(f"{name:34} {len(test):5d} {100 * ok / len(test):8.1f}%")
    print(f"{'pooled':34} {total_n:5d} {100 * total_ok / total_n:8.1f}%")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if the stored model is stale")
    parser.add_argument("--retrain", action="store_true",
                        help="with --check: train again and compare, instead of fingerprints")
    parser.add_argument("--loro", action="store_true", help="leave-one-round-out accuracy")
    args = parser.parse_args(argv)
    if args.loro:
        loro()
        return 0
    if args.check and not args.retrain:
        return model_inputs.check("question_model")
    rows = [row for rows in samples_by_round().values() for row in rows]
    bias, weights = train_raw(featurise(rows))
    text, prune = model_budget.fit(
        lambda p: dump(stored(bias, weights, p)), PRUNE, MAX_KB
    )
    about = (f"{model_budget.deflated_kb(text):.0f} KB deflated, weights under {prune:.2f} "
             f"dropped, {len(rows)} labelled questions")
    return model_inputs.write_or_check_model("question_model", text, args.check, about)


if __name__ == "__main__":
    raise SystemExit(main())
