"""Evidence patterns: the compact phrase syntax rubric authors write.

A pattern is a phrase matched against normalised tokens (see ``normalise``),
so ``won't`` in a pattern matches "won't", "wont" and "will not" alike.

- ``(could|would) you (mind|like)``: alternation; alternatives may be several
  words, and may nest.
- ``(just|)``: an empty alternative makes a part optional.
- Words match by stem: ``explain`` matches "explained" and "explaining".
- ``complicat*``: a word prefix ("complication", "complications").
- ``...``: a gap of up to five words.
- ``{jargon}``: any phrase from a named term list (the glossary's ``jargon``,
  ``non-uk`` and ``idioms``, and ``context-idioms``: the idioms the
  counterpart's previous line used).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from commsim.scoring.normalise import expand_word, stem

GAP_WORDS = 5
_SYNTAX = re.compile(r"\(|\)|\||\.\.\.|\{[a-z-]+\}|[A-Za-z0-9&]+(?:['’][A-Za-z]+)*\*?")


class PatternError(ValueError):
    """The pattern text does not parse; the message says why."""


@dataclass(frozen=True)
class Word:
    text: str


@dataclass(frozen=True)
class Prefix:
    text: str


@dataclass(frozen=True)
class Gap:
    size: int = GAP_WORDS


@dataclass(frozen=True)
class TermSet:
    name: str


@dataclass(frozen=True)
class Alt:
    options: tuple[tuple[object, ...], ...]


Element = Word | Prefix | Gap | TermSet | Alt
TermLookup = Mapping[str, Mapping[str, list[tuple[str, ...]]]]
"""Named term lists, each indexed by first stem: name → first stem → phrases (as stems)."""


@dataclass(frozen=True)
class Words:
    """A run of normalised words and their stems, as patterns see it."""

    words: tuple[str, ...]
    stems: tuple[str, ...]

    @classmethod
    def of(cls, words: Sequence[str]) -> Words:
        return cls(tuple(words), tuple(stem(w) for w in words))

    def __len__(self) -> int:
        return len(self.words)


@dataclass(frozen=True)
class Pattern:
    """A compiled pattern. ``required`` are words every match must contain."""

    source: str
    elements: tuple[Element, ...]
    required: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()

    def finditer(self, text: Words, terms: TermLookup | None = None) -> Iterator[tuple[int, int]]:
        """Yield ``(start, end)`` token spans where the pattern matches, shortest first per start."""
        terms = terms or {}
        for start in range(len(text)):
            ends = sorted(set(_match(self.elements, 0, text, start, terms)))
            if ends:
                yield start, ends[0]

    def search(self, text: Words, terms: TermLookup | None = None) -> tuple[int, int] | None:
        return next(self.finditer(text, terms), None)


def compile_pattern(source: str) -> Pattern:
    """Parse a pattern; raise ``PatternError`` with a readable reason."""
    pieces = _SYNTAX.findall(source)
    leftover = _SYNTAX.sub("", source).strip(" ,.'’-?!")
    if leftover:
        raise PatternError(f"pattern {source!r} has characters that cannot be matched: {leftover!r}")
    position = 0

    def sequence(depth: int) -> tuple[Element, ...]:
        nonlocal position
        items: list[Element] = []
        while position < len(pieces):
            piece = pieces[position]
            if piece == "(":
                position += 1
                options = [sequence(depth + 1)]
                while position < len(pieces) and pieces[position] == "|":
                    position += 1
                    options.append(sequence(depth + 1))
                if position >= len(pieces) or pieces[position] != ")":
                    raise PatternError(f"pattern {source!r} has an unclosed '('")
                position += 1
                items.append(Alt(tuple(options)))
            elif piece in (")", "|"):
                if depth == 0:
                    raise PatternError(f"pattern {source!r} has a stray {piece!r}")
                return tuple(items)
            elif piece == "...":
                position += 1
                items.append(Gap())
            elif piece.startswith("{"):
                position += 1
                items.append(TermSet(piece[1:-1]))
            elif piece.endswith("*"):
                position += 1
                prefix = piece[:-1].lower()
                if len(prefix) < 3:
                    raise PatternError(f"pattern {source!r}: a prefix needs at least 3 letters ({piece!r})")
                items.append(Prefix(prefix))
            else:
                position += 1
                items.extend(Word(stem(w)) for w in expand_word(piece))
        return tuple(items)

    elements = sequence(0)
    if not elements or all(isinstance(e, Gap) for e in elements):
        raise PatternError(f"pattern {source!r} matches nothing in particular")
    return Pattern(source, elements, frozenset(_required(elements)), frozenset(_words(elements)))


def _required(elements: Sequence[object]) -> set[str]:
    needed: set[str] = set()
    for element in elements:
        if isinstance(element, Word):
            needed.add(element.text)
        elif isinstance(element, Alt):
            common: set[str] | None = None
            for option in element.options:
                inner = _required(option)
                common = inner if common is None else common & inner
            needed |= common or set()
    return needed


def _words(elements: Sequence[object]) -> set[str]:
    found: set[str] = set()
    for element in elements:
        if isinstance(element, Word):
            found.add(element.text)
        elif isinstance(element, Alt):
            for option in element.options:
                found |= _words(option)
    return found


def _match(elements: Sequence[object], index: int, text: Words, position: int, terms: TermLookup) -> Iterator[int]:
    """Yield every token position where ``elements[index:]`` can end, starting at ``position``."""
    if index == len(elements):
        yield position
        return
    element = elements[index]
    size = len(text)
    if isinstance(element, Word):
        if position < size and text.stems[position] == element.text:
            yield from _match(elements, index + 1, text, position + 1, terms)
    elif isinstance(element, Prefix):
        if position < size and text.words[position].startswith(element.text):
            yield from _match(elements, index + 1, text, position + 1, terms)
    elif isinstance(element, Gap):
        for skip in range(min(element.size, size - position) + 1):
            yield from _match(elements, index + 1, text, position + skip, terms)
    elif isinstance(element, TermSet):
        if position < size:
            for phrase in terms.get(element.name, {}).get(text.stems[position], ()):
                if text.stems[position : position + len(phrase)] == phrase:
                    yield from _match(elements, index + 1, text, position + len(phrase), terms)
    elif isinstance(element, Alt):
        for option in element.options:
            for end in _match(option, 0, text, position, terms):
                yield from _match(elements, index + 1, text, end, terms)


def index_terms(phrases: Sequence[str], words_of: Callable[[str], Sequence[str]]) -> dict[str, list[tuple[str, ...]]]:
    """Index phrases by first stem, longest first, for ``{name}`` elements."""
    indexed: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        stems = tuple(stem(w) for w in words_of(phrase))
        if stems:
            indexed.setdefault(stems[0], []).append(stems)
    for options in indexed.values():
        options.sort(key=len, reverse=True)
    return indexed
