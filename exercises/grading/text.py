"""Text helpers shared by the graders: normalising, spans, sentences, lines, words.

Every helper keeps offsets valid for the ORIGINAL string, so evidence spans can be
highlighted in exactly the words the learner wrote. Normalising is therefore a
one-character-for-one-character mapping (smart quotes, dashes, odd spaces).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# One character in, one character out: offsets never move.
_CHAR_MAP: dict[int, str] = {}
for _c in "\u2018\u2019\u201a\u201b\u2032\u00b4\u0060\u02bc":
    _CHAR_MAP[ord(_c)] = "'"
for _c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb":
    _CHAR_MAP[ord(_c)] = '"'
for _c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d":
    _CHAR_MAP[ord(_c)] = "-"
_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f"
for _c in _SPACES + "\u205f\u3000\t\u200b\ufeff\u00ad\r\x0b\x0c":
    _CHAR_MAP[ord(_c)] = " "
for _c in "\u2028\u2029\u0085":
    _CHAR_MAP[ord(_c)] = "\n"
for _c in "\uff1f\u061f\u037e\u2047\u2048\u2049":
    _CHAR_MAP[ord(_c)] = "?"
_CHAR_MAP[ord("\u2026")] = "."
# Accented letters common in English career vocabulary (résumé, café, naïve).
for _src, _dst in (
    ("éèêë", "e"),
    ("àáâä", "a"),
    ("ïîí", "i"),
    ("öôó", "o"),
    ("üûú", "u"),
    ("ç", "c"),
):
    for _c in _src:
        _CHAR_MAP[ord(_c)] = _dst
        _CHAR_MAP[ord(_c.upper())] = _dst.upper()
# Other C0 control characters become spaces so they cannot glue words together.
for _i in range(32):
    if chr(_i) not in "\n":
        _CHAR_MAP.setdefault(_i, " ")
_CHAR_MAP[0x7F] = " "


def normalise(text: str) -> str:
    """Lower-case, ASCII-punctuation copy of ``text`` with exactly the same length."""
    mapped = text.translate(_CHAR_MAP)
    lowered = mapped.lower()
    if len(lowered) == len(mapped):
        return lowered
    # A few characters (e.g. 'İ') grow when lower-cased; keep those as they are.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in mapped)


def mask_spans(text: str, spans: list[tuple[int, int]], fill: str = " ") -> str:
    """Replace each span by ``fill`` characters, keeping the length."""
    if not spans:
        return text
    parts = []
    last = 0
    for a, b in sorted(spans):
        if a < last:
            a = last
        if b <= a:
            continue
        parts.append(text[last:a])
        parts.append(fill * (b - a))
        last = b
    parts.append(text[last:])
    return "".join(parts)


_WORD_RE = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*")


def words(text: str) -> list[tuple[int, int]]:
    """Spans of words (letters/digits, with inner apostrophes or hyphens)."""
    return [m.span() for m in _WORD_RE.finditer(text)]


def word_count(text: str) -> int:
    """Count whitespace-separated tokens that contain a letter or digit."""
    return sum(1 for tok in text.split() if any(ch.isalnum() for ch in tok))


@dataclass(frozen=True)
class Segment:
    start: int
    end: int


def strip_span(text: str, a: int, b: int) -> tuple[int, int]:
    """Shrink [a, b) past white space at both ends (offsets stay in ``text``)."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


_SENT_END = re.compile(r"[.!?]+(?=\s|$)|\n\s*\n|\n(?=\s*(?:[-*\u2022]|\d+[.)])\s)")


def sentences(norm: str, limit: int | None = None) -> list[Segment]:
    """Rough sentence spans (split at . ! ? and blank lines), stripped of outer spaces."""
    text = norm if limit is None else norm[:limit]
    out: list[Segment] = []
    last = 0
    for m in _SENT_END.finditer(text):
        out.append(Segment(last, m.end()))
        last = m.end()
    out.append(Segment(last, len(text)))
    res = []
    for seg in out:
        a, b = strip_span(text, seg.start, seg.end)
        if b > a:
            res.append(Segment(a, b))
    return res


_LINE_RE = re.compile(r"[^\n\r\u2028\u2029\x85]+")


def lines(text: str) -> list[Segment]:
    """Spans of the non-blank lines (any line ending), stripped of outer whitespace."""
    out = []
    for m in _LINE_RE.finditer(text):
        a, b = strip_span(text, *m.span())
        if b > a:
            out.append(Segment(a, b))
    return out


def phrase_regex(phrase: str) -> str:
    """Regex source for a lexicon phrase: whole words, any whitespace between them.

    A phrase may end with ``*`` to match any word ending (``frustrat*``).
    """
    phrase = phrase.strip().lower()
    prefix = phrase.endswith("*")
    if prefix:
        phrase = phrase[:-1]
    parts = [re.escape(p) for p in phrase.split()]
    body = r"\s+".join(parts)
    body = body.replace(r"\-", r"[\s\-]?")
    start = r"(?<![\w])" if phrase[:1].isalnum() else ""
    end = r"\w*" if prefix else (r"(?![\w])" if phrase[-1:].isalnum() else "")
    return start + body + end


def term_alternatives(
    phrases: list[str] | None = None, patterns: list[str] | None = None
) -> tuple[list[str], str]:
    """A lexicon's alternatives in match order, and the prefix every one of them shares."""
    phrase_alts = [phrase_regex(p) for p in (phrases or []) if p.strip()]
    sources = phrase_alts + list(patterns or [])
    alts = phrase_alts + [f"(?:{p})" for p in (patterns or [])]
    # Longest first so the evidence covers the fullest phrase.
    alts.sort(key=len, reverse=True)
    if alts and all(_at_word_start(src) for src in sources):
        # Every alternative can only match where a word starts: checking that once first
        # skips the whole alternation at every other position (the same matches, faster).
        return alts, r"\b"
    return alts, ""


def compile_terms(
    phrases: list[str] | None = None, patterns: list[str] | None = None
) -> re.Pattern:
    """One alternation for a lexicon: escaped phrases plus hand-written regex patterns."""
    alts, prefix = term_alternatives(phrases, patterns)
    if not alts:
        return re.compile(r"(?!x)x")
    if prefix:
        return re.compile(prefix + "(?:" + "|".join(alts) + ")")
    return re.compile("|".join(alts))


_LOOKBEHIND = re.compile(r"\(\?<[!=](?:[^()\\]|\\.|\[[^\]]*\])*\)")


def _top_level_alternatives(source: str) -> list[str]:
    """A regex split at its top-level ``|`` (outside groups and character classes)."""
    parts, depth, in_class, start, i = [], 0, False, 0, 0
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch in "()":
            depth += 1 if ch == "(" else -1
        elif ch == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    return parts + [source[start:]]


def _at_word_start(source: str) -> bool:
    """The regex can match only at a word boundary: every top-level alternative, after any
    lookbehinds, begins with ``\b`` or with a phrase's "no word character before" guard
    and then a letter."""
    return all(_alternative_at_word_start(alt) for alt in _top_level_alternatives(source))


def _alternative_at_word_start(source: str) -> bool:
    while True:
        if source.startswith("\\b"):
            return True
        if source.startswith("(?<![\\w])"):
            rest = source[len("(?<![\\w])") :]
            return rest[:1].isalnum()
        m = _LOOKBEHIND.match(source)
        if m is None:
            return False
        source = source[m.end() :]


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, overlap-free copy of spans."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            if b > out[-1][1]:
                out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


_TOKEN_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def tokens(norm: str) -> list[tuple[str, int]]:
    """Word tokens of a normalised text with their start offsets (hyphens split words)."""
    return [(m.group(0), m.start()) for m in _TOKEN_RE.finditer(norm)]



def phrase_tokens(phrase: str) -> tuple[tuple[str, ...], bool]:
    """A lexicon phrase as tokens, and whether it ends in ``*`` (its last word is a prefix)."""
    p = phrase.strip()
    return tuple(t for t, _ in tokens(normalise(p.rstrip("*")))), p.endswith("*")

#: Words that may sit between the words of a cue phrase ("your recent post on", "a typical
#: working day"): at most this many, never across punctuation, never a negation.
MAX_GAP = 2
_NO_GAP_WORDS = frozenset({"not", "never", "no", "nor", "without", "don't", "doesn't", "didn't",
                           "won't", "wouldn't", "can't", "cannot", "isn't", "aren't", "wasn't"})
_BREAK_CHARS = frozenset(".!?;:,\n()[]\"")


def token_breaks(toks: list[tuple[str, int]], text: str) -> list[bool]:
    """For each token, whether punctuation separates it from the next one."""
    out = []
    for i, (word, pos) in enumerate(toks):
        if i + 1 >= len(toks):
            out.append(True)
            break
        gap = text[pos + len(word) : toks[i + 1][1]]
        out.append(any(ch in _BREAK_CHARS for ch in gap))
    return out


def _word_fits(word: str, want: str, star: bool) -> bool:
    return word.startswith(want) if star else word == want


def match_gapped(
    words: list[str], breaks: list[bool], i: int, phrase: tuple[str, ...], star: bool
) -> int:
    """End index of ``phrase`` matched from ``words[i]`` with up to ``MAX_GAP`` extra words
    before each of its later words (none across a break or over a negation); -1 if none."""
    n = len(words)
    j = i + 1
    for pos, want in enumerate(phrase[1:], start=1):
        last = star and pos == len(phrase) - 1
        found = -1
        for k in range(j, min(n, j + MAX_GAP + 1)):
            if breaks[k - 1]:
                break
            if _word_fits(words[k], want, last):
                found = k
                break
            if words[k] in _NO_GAP_WORDS:
                break
        if found < 0:
            return -1
        j = found + 1
    return j


class PhraseIndex:
    """Fast whole-word phrase lookup: a dictionary of word tuples instead of one huge regex.

    Matching walks the tokens once and, at each position, takes the longest phrase
    that starts there (like a regex alternation sorted longest first), so a long
    list of phrases costs a few dictionary look-ups per word. A trailing ``*``
    on a phrase's last word matches any ending ("frustrat*").
    """

    def __init__(self, phrases: list[str]) -> None:
        self.exact: set[tuple[str, ...]] = set()
        self.prefixed: dict[tuple[str, ...], list[str]] = {}
        # Phrases of two or more words by their first word, longest first: gapped matching.
        self.by_first: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
        self.max_len = 1
        for p in phrases:
            toks, star = phrase_tokens(p)
            if not toks:
                continue
            self.max_len = max(self.max_len, len(toks))
            if star:
                self.prefixed.setdefault(toks[:-1], []).append(toks[-1])
            else:
                self.exact.add(toks)
            if len(toks) >= 2:
                self.by_first.setdefault(toks[0], []).append((toks, star))
        for v in self.by_first.values():
            v.sort(key=lambda item: -len(item[0]))
        # A position can start a match only at one of these words (or a one-word stem).
        self.first_words = {t[0] for t in self.exact} | {t[0] for t in self.prefixed if t}
        self.word_stems = tuple(self.prefixed.get((), ()))

    def find(
        self, toks: list[tuple[str, int]], text: str | None = None
    ) -> list[tuple[int, int]]:
        """Non-overlapping matches as (first token index, end token index). With ``text``
        (what the tokens came from), a phrase also matches with a few words inserted."""
        words = [t for t, _ in toks]
        breaks = token_breaks(toks, text) if text is not None else None
        out = []
        i = 0
        n = len(words)
        first, stems1 = self.first_words, self.word_stems
        while i < n:
            if words[i] not in first and not (stems1 and words[i].startswith(stems1)):
                i += 1
                continue
            hit = 0
            for k in range(min(self.max_len, n - i), 0, -1):
                cand = tuple(words[i : i + k])
                if cand in self.exact:
                    hit = k
                    break
                stems = self.prefixed.get(cand[:-1])
                if stems and any(cand[-1].startswith(s) for s in stems):
                    hit = k
                    break
            if not hit and breaks is not None and words[i] in self.by_first:
                near = set(words[i + 1 : i + MAX_GAP + 2])
                for phrase, star in self.by_first[words[i]]:
                    if phrase[1] not in near and not (star and len(phrase) == 2):
                        continue
                    end = match_gapped(words, breaks, i, phrase, star)
                    if end > 0:
                        hit = end - i
                        break
            if hit:
                out.append((i, i + hit))
                i += hit
            else:
                i += 1
        return out


class MultiPhraseIndex:
    """Several phrase lists matched in one pass; each list keeps its own longest-first matching."""

    def __init__(self, lists: dict[str, list[str]]) -> None:
        self.keys = list(lists)
        self.star_words: list[str] = []  # one-word prefixes such as "frustrat*"
        self.exact: dict[tuple[str, ...], list[str]] = {}
        self.prefixed: dict[tuple[str, ...], list[tuple[str, str]]] = {}
        self.max_len = 1
        # Lengths of the phrases that start with each word: most words start none.
        self.lengths: dict[str, list[int]] = {}
        self.by_first: dict[str, list[tuple[tuple[str, ...], bool, str]]] = {}
        for key, phrases in lists.items():
            for p in phrases:
                toks, star = phrase_tokens(p)
                if not toks:
                    continue
                if len(toks) >= 2:
                    self.by_first.setdefault(toks[0], []).append((toks, star, key))
                self.max_len = max(self.max_len, len(toks))
                if star:
                    self.prefixed.setdefault(toks[:-1], []).append((toks[-1], key))
                    if len(toks) == 1:
                        self.star_words.append(toks[0])
                    else:
                        self._add_length(toks[0], len(toks))
                else:
                    self.exact.setdefault(toks, []).append(key)
                    self._add_length(toks[0], len(toks))
        for v in self.lengths.values():
            v.sort(reverse=True)
        stars = sorted(set(self.star_words), key=len, reverse=True)
        self.star_re = re.compile("|".join(map(re.escape, stars))) if stars else None

    def _add_length(self, first: str, k: int) -> None:
        ks = self.lengths.setdefault(first, [])
        if k not in ks:
            ks.append(k)

    def find(
        self,
        toks: list[tuple[str, int]],
        text: str | None = None,
        breaks: list[bool] | None = None,
    ) -> dict[str, list[int]]:
        """Start offsets of the matches of each list (see ``spans``)."""
        found = self.spans(toks, text, breaks)
        return {key: [toks[i][1] for i, _ in pairs] for key, pairs in found.items()}

    def spans(
        self,
        toks: list[tuple[str, int]],
        text: str | None = None,
        breaks: list[bool] | None = None,
    ) -> dict[str, list[tuple[int, int]]]:
        """The matches of each list as (first token, end token) index pairs, non-overlapping
        within a list. With ``text`` (what the tokens came from) or its ``token_breaks``, a
        phrase also matches with a few words inserted."""
        words = [t for t, _ in toks]
        n = len(words)
        free = dict.fromkeys(self.keys, 0)
        out: dict[str, list[tuple[int, int]]] = {k: [] for k in self.keys}
        exact, prefixed, lengths, star_re = self.exact, self.prefixed, self.lengths, self.star_re
        if breaks is None and text is not None:
            breaks = token_breaks(toks, text)
        for i in range(n):
            w = words[i]
            ks = lengths.get(w)
            if star_re is not None and star_re.match(w):
                ks = sorted(set(ks or ()) | {1}, reverse=True)
            if not ks:
                continue
            gapped = self.by_first.get(w) if breaks is not None else None
            if gapped:
                # A phrase's second word must be near: checked before the full walk.
                near = set(words[i + 1 : i + MAX_GAP + 2])
                for phrase, star, key in gapped:
                    if free[key] > i or (phrase[1] not in near and not (star and len(phrase) == 2)):
                        continue
                    end = match_gapped(words, breaks, i, phrase, star)
                    if end > 0 and end - i > len(phrase):
                        out[key].append((i, end))
                        free[key] = end
            for k in ks:
                if k > n - i:
                    continue
                cand = tuple(words[i : i + k])
                keys = list(exact.get(cand, ()))
                for stem, key in prefixed.get(cand[:-1], ()):
                    if cand[-1].startswith(stem):
                        keys.append(key)
                for key in keys:
                    if free[key] <= i:
                        out[key].append((i, i + k))
                        free[key] = i + k
        return out
