"""A cue alternation that skips the patterns a text cannot match, with the same results.

A check's patterns are joined into one alternation, and Python's ``re`` tries every
alternative at every word start: the cost grows with the number of patterns, not with
what the text says. Most patterns need a literal word ("saw", "newsletter", "alum") that
most texts do not contain. ``GatedAlternation`` reads those required words from each
pattern once, drops the patterns whose words are absent from the text, and runs the rest
as the one alternation would: leftmost match first, and at one position the alternative
that comes first in the alternation's order. Removing an alternative that cannot match
anywhere never changes which match an alternation finds, so the spans are identical.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from .text import term_alternatives

try:  # the parser behind ``re``: public as sre_parse before 3.11, private after
    import re._compiler as _compiler
    import re._constants as _sre
    import re._parser as _parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_compile as _compiler  # type: ignore[no-redef]
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _parse  # type: ignore[no-redef]

# Literal runs shorter than this are too common to rule a pattern out ("a", "to").
_MIN_LITERAL = 3
# Longer texts (far beyond any draft) skip the gate and run the one alternation.
_LONG_TEXT = 8_000
_REPEATS = tuple(
    op for op in (getattr(_sre, n, None) for n in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"))
    if op is not None
)

_NEVER = r"(?!x)x"  # what an empty lexicon compiles to: it matches nothing

_WORD_RUN = re.compile(r"[^\W_]+")
# Distinct words remembered per alternation; a notebook grading all day stays bounded.
_WORD_CACHE = 50_000

Requirement = list[frozenset[str]]  # every set must have one of its strings in the text


def _strongest(options: Requirement) -> frozenset[str]:
    """The single condition that rules out most: longest shortest string, fewest strings."""
    return max(options, key=lambda s: (min(map(len, s)), -len(s)))


def _required(seq: object) -> Requirement:
    """Conditions a match of the parsed sequence ``seq`` cannot avoid."""
    needs: Requirement = []
    run: list[str] = []

    def flush() -> None:
        if len(run) >= _MIN_LITERAL:
            needs.append(frozenset({"".join(run)}))
        run.clear()

    for op, av in seq:  # type: ignore[attr-defined]
        if op is _sre.LITERAL:
            run.append(chr(av))
            continue
        flush()
        if op is _sre.SUBPATTERN:
            needs.extend(_required(av[-1]))
        elif op is _sre.BRANCH:
            branches = [_required(alt) for alt in av[1]]
            if all(branches):
                # One of the branches matches, so one of their conditions holds.
                needs.append(frozenset().union(*(_strongest(b) for b in branches)))
        elif op in _REPEATS and av[0] >= 1:
            needs.extend(_required(av[2]))
    flush()
    return needs


def _analyse(source: str) -> tuple[Requirement, bool, object]:
    """What a match of ``source`` must contain, whether it can match nothing at all, and
    its parse (compiled later without parsing again)."""
    try:
        parsed = _parse.parse(source)
        return _required(parsed), parsed.getwidth()[0] == 0, parsed
    except Exception:  # an unusual construct: no gate, and the plain alternation
        return [], True, None


def required_literals(source: str) -> Requirement:
    """Literal strings a match of ``source`` must contain: a list of sets, one string of
    each set at least. Empty when nothing can be said (then the pattern always runs)."""
    return _analyse(source)[0]


@lru_cache(maxsize=8)
def _word_runs(text: str) -> frozenset[str]:
    # Several alternations read the same text one after another: split it once.
    return frozenset(_WORD_RUN.findall(text))


class GatedAlternation:
    """``finditer`` of one alternation of ``alternatives`` (already in their final order),
    running only the alternatives whose required literals are in the text."""

    def __init__(self, alternatives: Sequence[str], prefix: str = "") -> None:
        self._sources = [prefix + "(?:" + alt + ")" for alt in alternatives]
        analysed = [_analyse(src) for src in self._sources]
        self._needs = [needs for needs, _, _ in analysed]
        self._parsed = [parsed for _, _, parsed in analysed]
        # Compiled on first use: most alternatives never run for most texts, and compiling
        # them all up front would slow the first feedback a learner sees.
        self._compiled: list[re.Pattern[str] | None] = [None] * len(alternatives)
        self.pattern = prefix + "(?:" + "|".join(alternatives) + ")"
        # An alternative that can match nothing would need finditer's empty-match rules:
        # keep the plain alternation then.
        self._always_plain = any(empty for _, empty, _ in analysed)
        self._plain: re.Pattern[str] | None = None
        literals = frozenset().union(*(need for needs in self._needs for need in needs))
        # A literal made only of letters and digits lies inside one run of them in the text,
        # so it is found once per distinct word (cached) instead of once per text.
        self._word_literals = tuple(sorted(lit for lit in literals if _WORD_RUN.fullmatch(lit)))
        self._other_literals = tuple(sorted(literals.difference(self._word_literals)))
        self._in_word: dict[str, frozenset[str]] = {}
        # Each alternative is indexed by its strongest condition; the rest are checked only
        # for the few alternatives that condition lets through.
        self._ungated = [i for i, needs in enumerate(self._needs) if not needs]
        self._by_literal: dict[str, list[int]] = {}
        for i, needs in enumerate(self._needs):
            if needs:
                for lit in _strongest(needs):
                    self._by_literal.setdefault(lit, []).append(i)

    def _present(self, text: str) -> set[str]:
        """The alternatives' literals that occur in ``text``."""
        present = {lit for lit in self._other_literals if lit in text}
        cache = self._in_word
        if len(cache) > _WORD_CACHE:
            cache.clear()
        for word in _word_runs(text):
            found = cache.get(word)
            if found is None:
                found = cache[word] = frozenset(
                    lit for lit in self._word_literals if lit in word
                )
            present.update(found)
        return present

    def _regex(self, i: int) -> re.Pattern[str]:
        rx = self._compiled[i]
        if rx is None:
            try:  # from the parse already made: the same program, without parsing twice
                rx = _compiler.compile(self._parsed[i])
            except Exception:
                rx = re.compile(self._sources[i])
            self._compiled[i] = rx
        return rx

    def search(self, text: str) -> re.Match[str] | None:
        """The plain alternation's ``search``: its leftmost match, first alternative first."""
        return next(self.finditer(text), None)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self._always_plain or len(text) > _LONG_TEXT:
            # On a very long text looking for every literal costs more than it saves.
            if self._plain is None:
                self._plain = re.compile(self.pattern)
            yield from self._plain.finditer(text)
            return
        # A pattern runs when every one of its conditions shares a literal with those present.
        present = self._present(text)
        candidates = set(self._ungated)
        for lit in present:
            candidates.update(self._by_literal.get(lit, ()))
        active = [
            self._regex(i) for i in sorted(candidates)
            if all(not need.isdisjoint(present) for need in self._needs[i])
        ]
        upcoming = [rx.search(text) for rx in active]
        pos = 0
        while True:
            best: re.Match[str] | None = None
            for i, rx in enumerate(active):
                m = upcoming[i]
                if m is not None and m.start() < pos:
                    m = upcoming[i] = rx.search(text, pos)
                # Strictly earlier only: at a tie the alternative listed first wins.
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
            if best is None:
                return
            yield best
            pos = best.end()


def gated_terms(
    phrases: list[str] | None = None, patterns: list[str] | None = None
) -> GatedAlternation:
    """``compile_terms`` with the gate: the same matches, the same ``search`` and
    ``finditer``, without running the alternatives a text cannot match."""
    alternatives, prefix = term_alternatives(phrases, patterns)
    return GatedAlternation(alternatives or [_NEVER], prefix)
