"""Where the right answers sit in a bank, so a learner cannot pass by always picking one spot.

Pages shuffle options per learner (quiz.js), but a bank must also read fairly with
shuffling off: in the HTML before the script runs, in a printed page, and when a
bank sets ``"shuffle": false``. So the bank's own order is checked here:

* no single position (first option, second option, ...) holds more than
  ``MAX_SHARE`` of a chapter's right answers. Every right option of a one-answer,
  select-all or scenario question counts, and a true/false answer counts as the
  position of its radio button (True is first, False second);
* the right options of a select-all question are not simply the first few;
* a bank with two or more true/false questions does not give them all one answer.

``balance_problems`` returns readable lines (empty when the bank is fair); the
validator CLI prints them and the bank tests fail on them.
"""

from __future__ import annotations

from collections import Counter

from .schema import Quiz

MAX_SHARE = 0.40


def correct_positions(quiz: Quiz) -> list[int]:
    """The 0-based position, in bank order, of every right answer in the quiz."""
    positions: list[int] = []
    for q in quiz.questions:
        if q.type == "truefalse":
            positions.append(0 if q.answer else 1)
        elif q.options:
            positions.extend(i for i, o in enumerate(q.options) if o.correct)
    return positions


def position_shares(quiz: Quiz) -> dict[int, float]:
    """Position -> share of all right answers found there (0.0 to 1.0)."""
    positions = correct_positions(quiz)
    if not positions:
        return {}
    counts = Counter(positions)
    return {pos: counts[pos] / len(positions) for pos in sorted(counts)}


def _ordinal(pos: int) -> str:
    words = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")
    return words[pos] if pos < len(words) else f"number {pos + 1}"


def balance_problems(quiz: Quiz, max_share: float = MAX_SHARE) -> list[str]:
    """Lines naming each way the bank's answer positions give the answers away."""
    where = quiz.source or f"{quiz.id}.json"
    problems: list[str] = []
    positions = correct_positions(quiz)
    counts = Counter(positions)
    for pos, n in sorted(counts.items()):
        if n > max_share * len(positions):
            share = round(100 * n / len(positions))
            problems.append(
                f"{where}: {n} of {len(positions)} right answers ({share}%) "
                f"are the {_ordinal(pos)} option; move some so that no position holds more "
                f"than {round(100 * max_share)}%")
    for i, q in enumerate(quiz.questions):
        if not q.multi_select or not q.options:
            continue
        right = [j for j, o in enumerate(q.options) if o.correct]
        if len(right) < len(q.options) and right == list(range(len(right))):
            problems.append(
                f"{where}: questions[{i}] ({q.id}): the right options are simply the first "
                f"{len(right)}; mix a wrong option in among them")
    answers = [q.answer for q in quiz.questions if q.type == "truefalse"]
    if len(answers) >= 2 and len(set(answers)) == 1:
        word = "true" if answers[0] else "false"
        problems.append(
            f"{where}: all {len(answers)} true/false questions have the answer {word}; "
            "make at least one of them the other way round")
    return problems
