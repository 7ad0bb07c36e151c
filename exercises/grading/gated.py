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
        self._literals = frozenset().union(*(need for needs in self._needs for need in needs))

    def _regex(self, i: int) -> re.Pattern[str]:
        rx = self._compiled[i]
        if rx is None:
            try:  # from the parse already made: the same program, without parsing twice
                rx = _compiler.compile(self._parsed[i])
            except Exception:
                rx = re.compile(self._sources[i])
            self._compiled[i] = rx
        return rx

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self._always_plain or len(text) > _LONG_TEXT:
            # On a very long text looking for every literal costs more than it saves.
            if self._plain is None:
                self._plain = re.compile(self.pattern)
            yield from self._plain.finditer(text)
            return
        # Each distinct literal is looked for once; a pattern runs when every one of its
        # conditions shares a literal with those present.
        present = {lit for lit in self._literals if lit in text}
        active = [
            self._regex(i) for i, needs in enumerate(self._needs)
            if all(not need.isdisjoint(present) for need in needs)
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
