"""The other-language word list the spelling check reads is generated from pyspellchecker
and the rubric's settings: stale when either changes."""

from __future__ import annotations

from benchmarks import other_language_words


def test_the_stored_other_language_words_are_current() -> None:
    assert other_language_words.main(["--check"]) == 0, (
        "run python -m benchmarks.other_language_words")


def test_a_word_english_has_is_never_in_the_list() -> None:
    english = {"de": 1, "tiempo": 1}
    assert "de" not in other_language_words.words_of("es", english, 10_000)
    assert "tiempo" not in other_language_words.words_of("es", english, 10_000)
    assert "tiempo" in other_language_words.words_of("es", {}, 10_000)
