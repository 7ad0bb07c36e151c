"""A sample of the mutation benchmark: removing a cue must make some test fail.

The full run (python -m benchmarks.mutation) removes every cue; this sample keeps new cues
honest in every test run: a cue added without a fixture or example that needs it lowers
the share caught. It runs in a second process while the other tests run (background.py).
"""

from __future__ import annotations

from ..background import needs, result


@needs("mutation_sample")
def test_most_single_cue_removals_are_caught() -> None:
    outcome = result("mutation_sample")
    assert outcome.returncode == 0, f"{outcome.command}\n{outcome.output[-4000:]}"
    assert "cues removed one at a time: 150 of" in outcome.output, outcome.output[-2000:]


def test_a_pattern_naming_a_shared_word_list_is_matched_as_it_runs() -> None:
    # A cue pattern may name rubric.json's shared word list as {{vague_adjectives}}; compiled
    # as written it would match nothing, and its removal would count as "touches no text".
    from benchmarks.mutation import Corpus

    corpus = Corpus.__new__(Corpus)  # only the texts, not every fixture
    corpus.lowered = ["i want a good job in town", "a job"]
    corpus.items = [("goals", str(i), {"text": t}, None) for i, t in enumerate(corpus.lowered)]
    corpus.words = [set(t.split()) for t in corpus.lowered]
    assert corpus.touched(r"\ba\s+{{vague_adjectives}}\s+job\b", True) == [0]
