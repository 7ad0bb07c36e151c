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
    import re._parser as _parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _parse  # type: ignore[no-redef]

# Literal runs shorter than this are too common to rule a pattern out ("a", "to").
_MIN_LITERAL = 3
# Longer texts (far beyond any draft) skip the gate and run the one alternation.
_LONG_TEXT = 8_000
_NEVER = r"(?!x)x"  # what an empty lexicon compiles to: it matches nothing

_WORD_RUN = re.compile(r"[^\W_]+")
# Distinct words remembered per alternation; a notebook grading all day stays bounded.
_WORD_CACHE = 50_000

Requirement = list[frozenset[str]]  # every set must have one of its strings in the text


def _strongest(options: Requirement) -> frozenset[str]:
    """The single condition that rules out most: longest shortest string, fewest strings."""
    return max(options, key=lambda s: (min(map(len, s)), -len(s)))


class _Unsupported(Exception):
    """A construct the reader of required words does not know."""


# Escapes that stand for one literal character: "\." is ".", "\'" is "'".
_PUNCTUATION = frozenset("\\.^$*+?{}[]()|/'\"-,:;!&#%@=<>~`_ ")
# Escapes that match no fixed letter: classes, anchors, back-references, control characters.
_NO_LITERAL_ESCAPES = frozenset("sSwWdDbBAZnrtfv")
_SCOPED_FLAGS = re.compile(r"\(\?[aiLmsux]*(?:-[imsx]+)?:")
_QUANTIFIER = re.compile(r"\{(\d*)(,?)(\d*)\}")


def _quick_required(source: str) -> Requirement:
    """What a match of ``source`` must contain, read straight from the pattern text.

    Parsing every cue pattern with Python's own parser took most of the first grading in
    a fresh page (about 1,500 patterns). This reader only finds literal runs, groups,
    alternatives and quantifiers. It may miss a condition (it never looks inside a
    character class, for instance), which only lets an alternative run where it cannot
    match: the matches stay the same. A construct it does not know (flags for the whole
    pattern, character codes) raises ``_Unsupported``, and that alternative runs on every
    text.
    """
    pos = 0
    n = len(source)

    def sequence() -> Requirement:
        """Read up to a closing bracket or the end; alternatives at this level included."""
        nonlocal pos
        branches: list[Requirement] = []
        needs: Requirement = []
        run: list[str] = []

        def flush() -> None:
            if len(run) >= _MIN_LITERAL:
                needs.append(frozenset({"".join(run)}))
            run.clear()

        while pos < n:
            c = source[pos]
            if c == ")":
                break
            if c == "|":
                flush()
                branches.append(needs)
                needs = []
                pos += 1
                continue
            item: Requirement | None = None  # a group's conditions
            literal: str | None = None
            if c == "\\":
                if pos + 1 >= n:
                    raise _Unsupported
                e = source[pos + 1]
                pos += 2
                if e in _PUNCTUATION:
                    literal = e
                elif e in "123456789":
                    if pos < n and source[pos].isdigit():
                        raise _Unsupported  # \12: group twelve or an octal code
                elif e not in _NO_LITERAL_ESCAPES:
                    raise _Unsupported  # \u, \x, octal: a character code follows
            elif c == "(":
                if source.startswith("(?:", pos):
                    pos += 3
                    kind = "group"
                elif source.startswith(("(?=", "(?!"), pos):
                    pos += 3
                    kind = "look"
                elif source.startswith(("(?<=", "(?<!"), pos):
                    pos += 4
                    kind = "look"
                elif _SCOPED_FLAGS.match(source, pos):
                    # "(?-i:[A-Z]...)": its letters may match in another case, so nothing
                    # inside is required as written.
                    pos = _SCOPED_FLAGS.match(source, pos).end()
                    kind = "look"
                elif source.startswith("(?P<", pos) and ">" in source[pos:]:
                    pos = source.index(">", pos) + 1
                    kind = "group"
                elif source.startswith("(?", pos):
                    raise _Unsupported  # flags for the whole pattern, comments, conditionals
                else:
                    pos += 1
                    kind = "group"
                inner = sequence()
                if pos >= n or source[pos] != ")":
                    raise _Unsupported
                pos += 1
                item = inner if kind == "group" else []
            elif c == "[":
                end = pos + 1
                if end < n and source[end] == "^":
                    end += 1
                if end < n and source[end] == "]":
                    end += 1
                while end < n and source[end] != "]":
                    end += 2 if source[end] == "\\" else 1
                if end >= n:
                    raise _Unsupported
                pos = end + 1
            elif c in ".^$":
                pos += 1
            elif c in "*+?{":
                raise _Unsupported  # a quantifier with nothing before it
            else:
                literal = c
                pos += 1
            # A quantifier applies to the one item just read.
            least = 1
            if pos < n and source[pos] in "*+?{":
                q = source[pos]
                if q == "{":
                    m = _QUANTIFIER.match(source, pos)
                    if not m or not (m.group(1) or m.group(3)):
                        raise _Unsupported
                    least = int(m.group(1) or 0)
                    pos = m.end()
                else:
                    least = 1 if q == "+" else 0
                    pos += 1
                if pos < n and source[pos] in "?+":
                    pos += 1  # lazy or possessive: the same conditions
                flush()
                if item is not None and least >= 1:
                    needs.extend(item)
                continue
            if literal is not None:
                run.append(literal)
                continue
            flush()
            if item is not None:
                needs.extend(item)
        flush()
        if not branches:
            return needs
        branches.append(needs)
        if all(branches):
            # One of the branches matches, so one of their conditions holds.
            return [frozenset().union(*(_strongest(b) for b in branches))]
        return []

    found = sequence()
    if pos != n:
        raise _Unsupported  # an unmatched ")"
    return found


def _analyse(source: str) -> tuple[Requirement, bool]:
    """What a match of ``source`` must contain, and whether it can match nothing at all."""
    try:
        needs = _quick_required(source)
    except (_Unsupported, IndexError, ValueError):
        needs = []  # no gate: the alternative runs on every text
    if needs:
        return needs, False  # every match holds a literal of three letters or more
    try:
        return [], _parse.parse(source).getwidth()[0] == 0
    except Exception:  # an unusual construct: the plain alternation decides
        return [], True


def required_literals(source: str) -> Requirement:
    """Literal strings a match of ``source`` must contain: a list of sets, one string of
    each set at least. Empty when nothing can be said (then the pattern always runs)."""
    return _analyse(source)[0]


@lru_cache(maxsize=8)
def _word_runs(text: str) -> frozenset[str]:
    # Several alternations read the same text one after another: split it once.
    return frozenset(_WORD_RUN.findall(text))


class GateGroup:
    """The literal scan behind one or more alternations that read the same texts one after
    another (the question categories' patterns, 19 of them per question): a text's words
    are looked up once for the whole group, and each literal found lets through the
    alternatives it gates in every member at once."""

    def __init__(self) -> None:
        self._members: list[GatedAlternation] = []
        # literal -> (member, alternative) for the alternatives it is the strongest gate of
        self._owners: dict[str, list[tuple[int, int]]] = {}
        # A literal of letters and digits lies inside one run of them in the text, so it is
        # looked for once per distinct word (cached), through its first three letters: a new
        # word costs a few lookups, not one test per literal.
        self._by_start: dict[str, set[str]] = {}
        self._other_literals: set[str] = set()
        self._in_word: dict[str, frozenset[str]] = {}
        self._last: tuple[str, set[str], list[set[int]]] | None = None

    def join(self, member: GatedAlternation) -> int:
        """Add ``member``; its place in the group."""
        slot = len(self._members)
        self._members.append(member)
        for i, needs in enumerate(member._needs):
            for need in needs:
                for lit in need:
                    if len(lit) >= _MIN_LITERAL and _WORD_RUN.fullmatch(lit):
                        self._by_start.setdefault(lit[:_MIN_LITERAL], set()).add(lit)
                    else:
                        self._other_literals.add(lit)
            if needs:
                for lit in _strongest(needs):
                    self._owners.setdefault(lit, []).append((slot, i))
        self._in_word.clear()  # words seen before may hold the new member's literals
        self._last = None
        return slot

    def _literals_in_word(self, word: str) -> frozenset[str]:
        by_start = self._by_start
        return frozenset(
            lit
            for p in range(len(word) - _MIN_LITERAL + 1)
            for lit in by_start.get(word[p : p + _MIN_LITERAL], ())
            if word.startswith(lit, p)
        )

    def scan(self, text: str) -> tuple[set[str], list[set[int]]]:
        """The literals present in ``text``, and per member the alternatives whose strongest
        condition they meet (kept for the last text, which the next member reads too)."""
        last = self._last
        if last is not None and (last[0] is text or last[0] == text):
            return last[1], last[2]
        present = {lit for lit in self._other_literals if lit in text}
        cache = self._in_word
        if len(cache) > _WORD_CACHE:
            cache.clear()
        for word in _word_runs(text):
            found = cache.get(word)
            if found is None:
                found = cache[word] = self._literals_in_word(word)
            present.update(found)
        candidates = [set(member._ungated) for member in self._members]
        for lit in present:
            for slot, i in self._owners.get(lit, ()):
                candidates[slot].add(i)
        self._last = (text, present, candidates)
        return present, candidates


class GatedAlternation:
    """``finditer`` of one alternation of ``alternatives`` (already in their final order),
    running only the alternatives whose required literals are in the text. Alternations
    that read the same texts in turn can share one ``group``."""

    def __init__(
        self, alternatives: Sequence[str], prefix: str = "", group: GateGroup | None = None
    ) -> None:
        self._sources = [prefix + "(?:" + alt + ")" for alt in alternatives]
        analysed = [_analyse(src) for src in self._sources]
        self._needs = [needs for needs, _ in analysed]
        # Compiled on first use: most alternatives never run for most texts, and compiling
        # them all up front would slow the first feedback a learner sees.
        self._compiled: list[re.Pattern[str] | None] = [None] * len(alternatives)
        self.pattern = prefix + "(?:" + "|".join(alternatives) + ")"
        # An alternative that can match nothing would need finditer's empty-match rules:
        # keep the plain alternation then.
        self._always_plain = any(empty for _, empty in analysed)
        self._plain: re.Pattern[str] | None = None
        self._ungated = [i for i, needs in enumerate(self._needs) if not needs]
        # The conditions left to check once the group's scan let an alternative through by
        # its strongest one (most alternatives have only that one).
        self._rest = [
            [need for need in needs if need is not _strongest(needs)] if needs else []
            for needs in self._needs
        ]
        self._group = group if group is not None else GateGroup()
        self._slot = self._group.join(self)

    def _regex(self, i: int) -> re.Pattern[str]:
        rx = self._compiled[i]
        if rx is None:
            rx = self._compiled[i] = re.compile(self._sources[i])
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
        present, candidates = self._group.scan(text)
        mine = candidates[self._slot]
        if not mine:
            return
        # A pattern runs when every one of its conditions shares a literal with those present.
        rest = self._rest
        active = [
            self._regex(i) for i in sorted(mine)
            if not rest[i] or all(not need.isdisjoint(present) for need in rest[i])
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
    phrases: list[str] | None = None,
    patterns: list[str] | None = None,
    group: GateGroup | None = None,
) -> GatedAlternation:
    """``compile_terms`` with the gate: the same matches, the same ``search`` and
    ``finditer``, without running the alternatives a text cannot match."""
    alternatives, prefix = term_alternatives(phrases, patterns)
    return GatedAlternation(alternatives or [_NEVER], prefix, group)
