"""Write exercises/grading/data/other_language_words.json: for each of the rubric's other
languages, the common words of pyspellchecker's list for that language that its English list
lacks ("gracias", "tiempo", "merci"). For a language pyspellchecker has no list for (Tagalog,
"fil"), the common words come from wordfreq's frequencies instead ("salamat", "pwede").

The spelling check reads this small file rather than the library's whole lists: the browser
build has room for a few kilobytes, not for 0.85 MB of Spanish and French. Run it again after
changing the rubric's other_languages or upgrading pyspellchecker (a test says when it is
stale).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from exercises.grading import rubric
from exercises.grading.generated import write_or_check

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "exercises" / "grading" / "data" / "other_language_words.json"


def words_of(lang: str, english: dict[str, int], min_frequency: int) -> list[str]:
    """Words of ``lang`` at least ``min_frequency`` times in its list, letters only, and not
    in the English list."""
    from spellchecker import SpellChecker

    known = SpellChecker(language=lang, distance=1).word_frequency.dictionary
    return sorted(w for w, n in known.items()
                  if n >= min_frequency and w.isalpha() and w not in english)


def wordfreq_words_of(lang: str, english: dict[str, int], min_zipf: float) -> list[str]:
    """Words of ``lang`` with a wordfreq Zipf frequency of at least ``min_zipf`` (4 is once
    per 10,000 words), letters only, and not in the English list."""
    import wordfreq

    return sorted(w for w in wordfreq.get_frequency_dict(lang)
                  if w.isalpha() and w not in english
                  and wordfreq.zipf_frequency(w, lang) >= min_zipf)


def build() -> str:
    from spellchecker import SpellChecker

    settings = rubric.spelling()["other_languages"]
    english = SpellChecker(distance=1).word_frequency.dictionary
    out = {}
    for lang in settings["languages"]:
        if lang in settings.get("wordfreq_languages", []):
            out[lang] = wordfreq_words_of(lang, english, float(settings["min_zipf"]))
        else:
            out[lang] = words_of(lang, english, int(settings["min_frequency"]))
    return json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    text = build()
    counts = ", ".join(f"{lang} {len(ws)}" for lang, ws in json.loads(text).items())
    return write_or_check(OUT, text, "python -m benchmarks.other_language_words", args.check,
                          f"{counts} words")


if __name__ == "__main__":
    raise SystemExit(main())
