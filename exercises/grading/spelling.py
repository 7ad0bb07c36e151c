"""Likely misspellings (``*.spelling``), from pyspellchecker's English word list.

The word list is the library's; this module decides what not to flag (the rubric:
names and organisations, acronyms, URLs and e-mail addresses, the course's field terms,
the learner's own words) and accepts British spellings of listed American words
("organisation", "colour", "centre"), since the library's list is American.
A word counts as a likely misspelling only when it is unknown AND a known word lies
within two edits of it: jargon with no near neighbour is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from . import rubric

_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['\u2019][A-Za-z]+)*")
_SKIP_SPAN = re.compile(
    r"https?://\S+|www\.\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+\b|\S+\.(?:com|org|net|edu|gov|io|co\.uk|ac\.uk)\b"
    r"|\b[\w-]+(?:\.[\w-]+)+/\S*"  # a link without its scheme: linktr.ee/name, bit.ly/x
    # a site named by its country domain, with no space after the dot: Local.fo, Sermitsiaq.ag
    r"|\b[A-Za-z][\w-]+\.(?:[a-z]{2}|info|biz|app|dev|tv|fm)\b(?![.@-]?\w)"
    r"|\[[^\[\]\n]{0,60}\]|<[^<>\n]{0,60}>|\{[^{}\n]{0,60}\}"
)
_SENTENCE_END = re.compile(r"[.!?:;\n\u2022*\-\u2013\u2014\"(\[]\s*$")
# British spellings of American words in the list: tried only for unknown words.
_BRITISH = (
    ("isation", "ization"),
    ("isations", "izations"),
    ("ise", "ize"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ising", "izing"),
    ("iser", "izer"),
    ("isers", "izers"),
    ("yse", "yze"),
    ("ysed", "yzed"),
    ("ysing", "yzing"),
    ("our", "or"),
    ("ours", "ors"),
    ("oured", "ored"),
    ("ouring", "oring"),
    ("ourite", "orite"),
    ("ourites", "orites"),
    ("ourable", "orable"),
    ("tre", "ter"),
    ("tres", "ters"),
    ("bre", "ber"),
    ("bres", "bers"),
    ("ence", "ense"),
    ("elled", "eled"),
    ("elling", "eling"),
    ("eller", "eler"),
    ("ogue", "og"),
    ("ogues", "ogs"),
    ("mme", "m"),
    ("mmes", "ms"),
    ("dgement", "dgment"),  # judgement, acknowledgement; not "developement"
    ("que", "ck"),
    ("ce", "se"),
)


@cache
def _checker() -> Any:
    from spellchecker import SpellChecker

    return SpellChecker(distance=1)


@cache
def _known_extra() -> frozenset[str]:
    """Words never flagged: the rubric's list plus every word of the course's field
    terms, job titles and question cues."""
    words: set[str] = {w.lower() for w in rubric.spelling()["allow"]}
    for kind in rubric.KINDS:
        for entry in rubric.cues(kind).values():
            if isinstance(entry, list):
                phrases = entry
            elif isinstance(entry, dict) and isinstance(entry.get("phrases"), list):
                phrases = entry["phrases"]
            else:
                continue
            for phrase in phrases:
                if isinstance(phrase, str):
                    words.update(w.lower() for w in _WORD.findall(phrase))
    for cat in rubric.categories():
        cues = rubric.category(cat)["cues"]
        for key in ("phrases", "strong"):
            for phrase in cues.get(key, []):
                words.update(w.lower() for w in _WORD.findall(phrase))
    return frozenset(words)


@cache
def _by_shape() -> dict[tuple[str, int], tuple[str, ...]]:
    """The library's words bucketed by first letter and length, for two-edit suggestions
    without generating every two-edit string (too slow for long words)."""
    buckets: dict[tuple[str, int], list[str]] = {}
    for word, count in _checker().word_frequency.dictionary.items():
        # Only words common enough to be what the writer meant are worth suggesting.
        if count >= _SUGGESTABLE and word.isalpha():
            buckets.setdefault((word[0], len(word)), []).append(word)
    return {k: tuple(v) for k, v in buckets.items()}


# British forms inside a word ("behavioural", "organisational"), tried after the endings.
_BRITISH_INSIDE = (("our", "or"), ("isation", "ization"), ("ise", "ize"), ("yse", "yze"),
                   ("mould", "mold"))  # also inside "smouldering"


def _british_known(word: str, known: Any) -> bool:
    for uk, us in _BRITISH_INSIDE:
        if uk in word and word.replace(uk, us) in known:
            return True
    if word.startswith("pae") and ("pe" + word[3:]) in known:
        return True  # paediatric
    if "ae" in word and word.replace("ae", "e") in known:
        return True  # anaesthetist
    if "oe" in word and word.replace("oe", "e") in known:
        return True  # oestrogen, manoeuvre
    for uk, us in _BRITISH:
        if word.endswith(uk) and (word[: -len(uk)] + us) in known:
            return True
    return False


_ENDINGS = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""),
            ("ing", "e"), ("ers", ""), ("er", ""), ("ly", ""), ("ness", ""), ("ment", ""))


def _stems(word: str) -> list[tuple[str, str]]:
    """(ending, stem) for each ending ``word`` could carry: "timelines" -> ("s", "timeline")."""
    return [
        (ending, word[: -len(ending)] + repl)
        for ending, repl in _ENDINGS
        if len(word) > len(ending) + 2 and word.endswith(ending)
    ]


def _inflected_known(word: str, known: Any) -> bool:
    """A plural, past or -ing form of a listed word ("timelines", "modding")."""
    for ending, stem in _stems(word):
        if ending in ("s", "ed") and stem.endswith("y") and stem[-2] not in "aeiou":
            continue  # "companys", "studyed": a consonant before y takes -ies / -ied
        base = stem[:-1]
        listed = stem in known or _british_known(stem, known) or (
            len(stem) > 3 and stem[-1] == stem[-2] and base in known and _doubles(base)
        )  # modding -> mod (but not "trainning": "ai" never doubles)
        # Looked at only once the stem is listed: the neighbour search is the costly part.
        if listed and not (ending in _DERIVED and _near_common(word, known)) and not (
            ending in ("ed", "ing") and _misformed(word, stem, ending, known)
        ):
            return True  # not "assesment" = "asses" + "ment" by accident ("assessment")
    return False


def _misformed(word: str, stem: str, ending: str, known: Any) -> bool:
    """A past or -ing form built the wrong way from a listed stem, where the right way is
    a common word: "commiting" and "occured" (the consonant doubles: "committing"),
    "adviced" (the verb is "advise": "advised")."""
    if stem[-1] not in "aeiouwxy" and known.get(stem + stem[-1] + ending, 0) >= _SUGGESTABLE:
        return True
    return word.endswith("ced") and known.get(word[:-3] + "sed", 0) >= _SUGGESTABLE


# Endings that make new words rather than forms of one; a stem plus one of these is
# trusted only when no common word lies one edit from the whole.
_DERIVED = frozenset({"ment", "ness", "ly"})


def _near_common(word: str, known: Any, prefix: str = "") -> bool:
    """A common word one edit from ``word`` (and starting with ``prefix``): "prepairing" is
    one letter from "preparing", but "preload" is not a slip of "reload"."""
    checker = _checker()
    near = checker.known(checker.edit_distance_1(word))
    return any(c.startswith(prefix) and known.get(c, 0) >= _SUGGESTABLE for c in near)


def _doubles(base: str) -> bool:
    """English doubles a final consonant after one short vowel: mod, plan, travel."""
    return (len(base) >= 3 and base[-1] not in "aeiouwxy" and base[-2] in "aeiou"
            and base[-3] not in "aeiou")


_VOWELS = re.compile(r"[aeiou]")
_ELONGATED = re.compile(r"(\w)\1{2,}")


def _known_form(w: str, known: Any) -> bool:
    return w in known or _british_known(w, known) or _inflected_known(w, known)


def _common_form(w: str, known: Any) -> bool:
    """``w`` or the word it inflects is common enough to carry a prefix."""
    stems = [w] + [stem for _, stem in _stems(w)]
    return any(known.get(s, 0) >= _SUGGESTABLE or _british_known(s, known) for s in stems)


def is_known(word: str, extra: Iterable[str] = ()) -> bool:
    """True when ``word`` is spelt right as far as the word list can tell."""
    w = word.lower().replace("\u2019", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if not w or w in _known_extra() or w in extra:
        return True
    return known_to_word_list(w)


def known_to_word_list(w: str) -> bool:
    """True when the word list alone (with its forms, not the course's extra words) knows
    the lower-case word ``w``."""
    if not w.isascii():
        return True  # résumé, journée, a greeting in another language: not the list's to judge
    if not _VOWELS.search(w):
        return True  # dbt, tmr, yrs: an abbreviation or acronym written in lower case
    known = _checker().word_frequency.dictionary
    if _known_form(w, known):
        return True
    squeezed = _ELONGATED.sub(r"\1", w)
    if squeezed != w and (_known_form(squeezed, known) or _ELONGATED.sub(r"\1\1", w) in known):
        return True  # sooo, hiii: stretched for tone
    for prefix in _WORD_PREFIXES:
        rest = w[len(prefix):]
        if (w.startswith(prefix) and len(rest) >= 3 and _common_form(rest, known)
                and not _near_common(w, known, prefix)):
            # rebrand, superday, reframed (but not "reasuring" from rare "asur", nor
            # "prepairing", one letter from "preparing")
            return True
    if "'" in w:
        return w.replace("'", "") in known and w.replace("'", "") not in {"dont", "cant", "wont"}
    return False


def _distance_at_most_2(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance <= 2, stopping early."""
    if abs(len(a) - len(b)) > 2:
        return False
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > 2:
            return False
        prev2, prev = prev, cur
    return prev[-1] <= 2


def suggestions(word: str, limit: int | None = None) -> list[str]:
    """Known words within two edits, most frequent first (empty when none)."""
    limit = limit or int(rubric.spelling()["max_suggestions"])
    checker = _checker()
    w = word.lower()
    freq = checker.word_frequency.dictionary
    close = {c for c in checker.known(checker.edit_distance_1(w)) if freq.get(c, 0) >= _SUGGESTABLE}
    if not close:
        close = _inflected_near(w, checker, freq)  # competancies -> competencies
    if not close and len(w) >= 4:
        shapes = _by_shape()
        for n in range(len(w) - 2, len(w) + 3):
            for cand in shapes.get((w[0], n), ()):
                if _distance_at_most_2(w, cand):
                    close.add(cand)
    # Keeping the first letter and the length is the likelier slip; then the commoner word.
    ranked = sorted(close, key=lambda c: (c[0] != w[0], abs(len(c) - len(w)), -freq.get(c, 0), c))
    return ranked[:limit]


def _inflected_near(w: str, checker: Any, freq: Any) -> set[str]:
    """Inflected forms of the common words one edit from ``w``'s stem, inflected the same way.

    The list holds few plurals of rarer words, so a slip in "competencies" only shows up
    when its stem, "competancy", is compared with the list.
    """
    out: set[str] = set()
    for ending, repl in _ENDINGS:
        if len(w) <= len(ending) + 3 or not w.endswith(ending):
            continue
        stem = w[: -len(ending)] + repl
        for cand in checker.known(checker.edit_distance_1(stem)):
            # The slip must sit inside the stem: a changed last letter re-inflects badly
            # ("catastrophis" -> "catastrophic" -> "catastrophicing").
            if freq.get(cand, 0) >= _SUGGESTABLE and cand.endswith(repl) and cand[-2:] == stem[-2:]:
                out.add(cand[: len(cand) - len(repl)] + ending)
    return out


_TITLE_BEFORE = re.compile(
    r"\b(?:mr|mrs|ms|mx|dr|prof|st|sr|jr|mt|rev|sgt|capt|col|gen|hon|fr)\.\s*$", re.I
)
# "hey karim", "dear mr lindo": a lower-case word right after an opening greeting or a title
# is the reader's name, written the way the writer types everything.
_NAME_BEFORE = re.compile(
    r"(?:(?:^|\n)\s*(?:hi|hey|hello|dear|hiya|heya|yo|good\s+(?:morning|afternoon|evening))"
    r"\s*,?\s+|\b(?:mr|mrs|ms|miss|dr|prof|sir|madam|mx|mister)\.?\s+)$",
    re.I,
)
# "maam" after "good morning" is ma'am without its apostrophe, not a name.
_TITLE_SLIPS = frozenset({"maam", "mam", "madm"})
# Parts of hyphenated words that are fine alone ("pre-PT", "multi-site", "co-op").
# Prefixes that make new words from listed ones without a hyphen.
_WORD_PREFIXES = ("re", "pre", "un", "super", "co", "multi", "over", "under", "sub", "non",
                  "mid", "self", "cross", "inter", "micro", "semi", "post", "up")
_PREFIXES = {"pre", "post", "multi", "non", "co", "re", "sub", "inter", "anti", "semi", "mid",
             "ex", "self", "cross", "micro", "macro", "mini", "mega", "bi", "tri", "uni", "hyper",
             "neo", "para", "pseudo", "ultra", "intra", "trans", "infra", "meta", "e"}


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 8) : start]
    if _TITLE_BEFORE.search(before):
        return False  # "Ms. Haddad": the full stop belongs to the title
    return start == 0 or not text[:start].strip() or bool(_SENTENCE_END.search(before[-4:]))


def misspellings(
    text: str, known_words: Iterable[str] = ()
) -> list[tuple[int, int, list[str]]]:
    """Likely misspellings: (start, end, suggestions) for each, in text order."""
    extra = {w.lower() for w in known_words}
    skipped = [m.span() for m in _SKIP_SPAN.finditer(text)]
    out: list[tuple[int, int, list[str]]] = []
    seen: dict[str, list[str] | None] = {}
    for m in _WORD.finditer(text):
        word = m.group(0)
        a, b = m.span()
        if any(x <= a < y for x, y in skipped):
            continue
        if len(word) < 2 or word.isupper() and len(word) <= 6:
            continue  # acronyms: NHS, UX, CEO
        if len(word) > LONGEST_WORD:
            continue  # a run of letters that long is no word (a pasted key, a joke)
        if word[0].isupper():
            slip = _calendar_slip(word) if _DATE_BEFORE.search(text[max(0, a - 12) : a]) else []
            if slip:
                out.append((a, b, slip))
            continue  # names and organisations, wherever they stand in a sentence
        if any(ch.isupper() for ch in word[1:]):
            continue  # iPhone, McKinsey, LinkedIn
        if b < len(text) and (text[b].isdigit() or text[b] in "@_/"):
            continue
        if b < len(text) and text[b] == "-" and word.lower() in _PREFIXES:
            continue
        if len(word) <= _CLIPPED and _in_compound(text, a, b):
            continue  # "med-surg", "agri-tech": clipped jargon, rarely a slip
        if a > 0 and (text[a - 1].isdigit() or text[a - 1] in "@_/#"):
            continue
        if word[0].isupper() and _name_line(text, a):
            continue  # "Priya Nair" signing off, "Hi Maria" opening
        key = word.lower()
        if key not in seen:
            if is_known(word, extra):
                seen[key] = None
            else:
                found = suggestions(word)
                seen[key] = found if found else None
        found = seen[key]
        if found is None:
            continue
        if key not in _TITLE_SLIPS and _NAME_BEFORE.search(text[max(0, a - 40) : a]):
            continue  # "hey karim": the reader's name, looked at only for unknown words
        if word[0].isupper() and not _common_near(found):
            continue  # a capitalised first word with only rare neighbours is likely a name
        out.append((a, b, found))
    return out


# Month and weekday names are capitalised like names, so capitalised words are skipped; but
# "Febuary" and "Wensday" are slips in words everyone knows. Only the long names: a word two
# edits from "Friday" or "August" is as likely a name (Frida, Augustin).
_CALENDAR = ("january", "february", "september", "october", "november", "december",
             "tuesday", "wednesday", "thursday", "saturday")
# Only where a date goes ("on Wensday", "in Febuary"): elsewhere a capitalised word near a
# weekday is a name ("Yonas Tesfay").
_DATE_BEFORE = re.compile(
    r"\b(?:on|in|last|next|this|by|until|till|from|since|early|late|mid|every|before|after)\s+$",
    re.I,
)


def _calendar_slip(word: str) -> list[str]:
    w = word.lower()
    if len(w) < 6 or w in _CALENDAR:
        return []
    near = [c.capitalize() for c in _CALENDAR
            if c[0] == w[0] and abs(len(c) - len(w)) <= 2 and _distance_at_most_2(w, c)]
    return near if near and not is_known(w) else []


def _in_compound(text: str, a: int, b: int) -> bool:
    """The word is one part of a hyphenated compound written without spaces."""
    before = a >= 2 and text[a - 1] == "-" and text[a - 2].isalpha()
    after = b + 1 < len(text) and text[b] == "-" and text[b + 1].isalpha()
    return before or after


# Parts of a hyphenated compound this short are clipped forms ("med", "surg", "geo").
_CLIPPED = 4


def _name_line(text: str, pos: int) -> bool:
    """A short line made only of capitalised words: a greeting or a signature."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start : end if end >= 0 else len(text)].strip(" ,.!-\t")
    words = line.split()
    return 0 < len(words) <= 4 and all(w[:1].isupper() for w in words)


def _common_near(found: list[str]) -> bool:
    freq = _checker().word_frequency.dictionary
    return any(freq.get(w, 0) >= _COMMON for w in found)


_COMMON = 20_000
LONGEST_WORD = 30
# A suggestion must be at least this common in the library's counts (rare words such as
# "nephology" are more often someone's jargon than what a writer meant).
_SUGGESTABLE = 500


def spelling_check(
    kind: str, text: str, known_words: Iterable[str] = ()
) -> tuple[Any, int]:
    """The ``<kind>.spelling`` check for ``text``, and the number of misspellings."""
    from .common import make_check
    from .report import Check

    found = misspellings(text, known_words)
    shown = []
    for a, b, sugg in found[:5]:
        word = " ".join(text[a:b].split())
        hint = f" (did you mean {_or(sugg)}?)" if sugg else ""
        shown.append(f"\u201c{word}\u201d{hint}")
    words = "; ".join(shown)
    if len(found) > 5:
        words += f"; and {len(found) - 5} more"
    n = len(found)
    check: Check = make_check(
        kind,
        f"{kind}.spelling",
        not found,
        [(a, b) for a, b, _ in found],
        count=n,
        s="" if n == 1 else "s",
        verb_s="s" if n == 1 else "",
        words=words,
    )
    check.details = [{"span": [a, b], "suggestions": list(sugg)} for a, b, sugg in found]
    return check, n


def _or(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


_LEARNER_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'\u2019-]*")


def known_words_of(value: Iterable[str] | str) -> frozenset[str]:
    """The learner's own words (from their goal or other saved work), lower-cased; a
    str is split into its words. Bad items are ignored: this never raises."""
    if isinstance(value, str):
        value = [value]
    out: set[str] = set()
    try:
        items = list(value)[:2000]
    except TypeError:
        return frozenset()
    for item in items:
        if isinstance(item, str):
            for w in _LEARNER_WORD.findall(item[:20_000]):
                out.update(part.lower() for part in re.split(r"[-']", w) if part)
    return frozenset(out)
