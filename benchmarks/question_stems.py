"""Learn the question-category fallback votes from the labelled question fixtures.

The question grader decides a category by cue phrases first; only a question with no cue
at all falls back on word beginnings. This script counts, over every labelled single
question in tests/fixtures/grading/questions*.jsonl, how often each word beginning (first
five letters) and each pair of neighbouring beginnings occurs per category, and writes
smoothed log-likelihood votes (naive Bayes, uniform prior) to
exercises/grading/data/question_stems_learned.json.

Run: ``python -m benchmarks.question_stems`` (writes the data file) or
``python -m benchmarks.question_stems --loro`` (leave-one-round-out estimate: each
fixture file is classified by votes learned from all the other files, as if no cue matched).
"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path

from exercises.grading.questions import CATEGORIES, _fallback, _focus, _stem_features
from exercises.grading.text import normalise, tokens

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "grading"
OUT = ROOT / "exercises" / "grading" / "data" / "question_stems_learned.json"
ALPHA = 0.5  # additive smoothing
MIN_COUNT = 2  # a feature seen fewer times over all questions is left out


def features(text: str) -> list[str]:
    qn = _focus(normalise(text).strip())
    synonyms = _fallback()[0]
    return _stem_features([synonyms.get(t, t) for t, _ in tokens(qn)[:40]])


def load_rounds() -> dict[str, list[tuple[str, str]]]:
    rounds = {}
    for path in sorted(FIXTURES.glob("questions*.jsonl")):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
        rounds[path.stem] = [(r["text"], r["category"]) for r in rows]
    return rounds


def learn(rows: list[tuple[str, str]]) -> dict:
    counts: dict[str, Counter] = defaultdict(Counter)
    totals: Counter = Counter()
    for text, cat in rows:
        for f in set(features(text)):
            counts[f][cat] += 1
            totals[cat] += 1
    vocab = {f for f, c in counts.items() if sum(c.values()) >= MIN_COUNT}
    size = len(vocab)
    base = {c: math.log(ALPHA / (totals[c] + ALPHA * size)) for c in CATEGORIES}
    votes = {}
    for f in sorted(vocab):
        row = {}
        for c in CATEGORIES:
            if counts[f][c]:
                row[c] = round(math.log((counts[f][c] + ALPHA) / ALPHA), 3)
        votes[f] = row
    return {"base": {c: round(v, 3) for c, v in base.items()}, "votes": votes}


def classify(model: dict, text: str) -> str | None:
    feats = [f for f in features(text) if f in model["votes"]]
    if not feats:
        return None
    scores = {c: model["base"][c] * len(feats) for c in CATEGORIES}
    for f in feats:
        for c, v in model["votes"][f].items():
            scores[c] += v
    return max(CATEGORIES, key=lambda c: scores[c])


def hand_stems(text: str) -> str | None:
    """The hand-written word beginnings alone (what the grader used before)."""
    qn = _focus(normalise(text).strip())
    synonyms, one, multi = _fallback()
    toks = [synonyms.get(t, t) for t, _ in tokens(qn)[:40]]
    scores: Counter = Counter()
    for t in toks:
        for n in range(1, min(len(t), 12) + 1):
            for c in one.get(t[:n], ()):
                scores[c] += 1
    joined = " ".join(toks)
    for w, cats in multi.items():
        if w in joined:
            for c in cats:
                scores[c] += 1
    if not scores:
        return None
    best = max(scores.values())
    order = ("referrals", "challenges", "likes", "trends", "fit_skills", "advice", "path",
             "culture", "day_to_day", "other")
    return next(c for c in order if scores[c] == best)


def loro() -> None:
    rounds = load_rounds()
    all_hand = all_learned = all_n = 0
    for name, rows in rounds.items():
        model = learn([r for other, rs in rounds.items() if other != name for r in rs])
        hand = sum(hand_stems(t) == c for t, c in rows)
        learned = sum(classify(model, t) == c for t, c in rows)
        all_hand += hand
        all_learned += learned
        all_n += len(rows)
        print(f"{name:28s} n={len(rows):3d}  hand stems {hand / len(rows):6.1%}  "
              f"learned (other rounds) {learned / len(rows):6.1%}")
    print(f"{'all':28s} n={all_n:3d}  hand stems {all_hand / all_n:6.1%}  "
          f"learned (other rounds) {all_learned / all_n:6.1%}")


def loro_grader() -> None:
    """The whole grader (cues first, learned votes only without a cue), each round's votes
    learned without it. Cue phrases were tuned on earlier rounds' misses, so only the
    newest round, never looked at before its first run, is a fair estimate."""
    from exercises.grading import classify_question, questions

    rounds = load_rounds()
    saved = questions._learned
    ok_all = n_all = 0
    try:
        for name, rows in rounds.items():
            model = learn([r for other, rs in rounds.items() if other != name for r in rs])
            questions._learned = lambda model=model: model
            ok = sum(classify_question(t).category == c for t, c in rows)
            ok_all += ok
            n_all += len(rows)
            share = ok / len(rows)
            print(f"{name:28s} n={len(rows):3d}  grader, votes from other rounds {share:6.1%}")
    finally:
        questions._learned = saved
    print(f"{'all':28s} n={n_all:3d}  grader, votes from other rounds {ok_all / n_all:6.1%}")


def main() -> None:
    if "--loro" in sys.argv:
        loro()
        return
    if "--loro-grader" in sys.argv:
        loro_grader()
        return
    rows = [r for rs in load_rounds().values() for r in rs]
    model = learn(rows)
    data = {
        "_about": "Generated by benchmarks/question_stems.py from the labelled question fixtures; "
        "do not edit by hand. Fallback votes used only when no cue phrase or pattern matches: "
        "score(category) = base[category] * (number of known features) + sum of votes.",
        **model,
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n",
                   encoding="utf-8")
    print(f"{len(rows)} questions, {len(model['votes'])} features -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
