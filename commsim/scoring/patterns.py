"""Evidence patterns: the compact phrase syntax rubric authors write.

A pattern is a phrase matched against normalised tokens (see ``normalise``),
so ``won't`` in a pattern matches "won't", "wont" and "will not" alike.

- ``(could|would) you (mind|like)``: alternation; alternatives may be several
  words, and may nest.
- ``(just|)``: an empty alternative makes a part optional.
- Words match by stem: ``explain`` matches "explained" and "explaining".
- ``complicat*``: a word prefix ("complication", "complications").
- ``=likely``: exactly this word, where its stem would also match another ("like").
- ``...``: a gap of up to five words.
- ``^`` and ``$``: the start and end of the sentence (``(correct|right) $``).
- ``{jargon}``: any phrase from a named term list (the glossary's ``jargon``,
  ``non-uk`` and ``idioms``; ``context-idioms``: the idioms the counterpart's
  previous line used; ``context-meanings`` and ``context-misreadings``: the
  plain words and the mistaken readings the glossary gives for those idioms;
  ``acronyms``: capitalised abbreviations in the answer that are not everyday words).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from commsim.scoring.normalise import PARTICIPLES, expand_word, stem

GAP_WORDS = 5
TERM_NAMES = frozenset(
    {"jargon", "non-uk", "idioms", "context-idioms", "context-meanings", "context-misreadings", "acronyms"}
)
_SYNTAX = re.compile(r"\(|\)|\||\.\.\.|\^|\$|\{[a-z-]+\}|=?[A-Za-z0-9&]+(?:['’][A-Za-z]+)*\*?")


class PatternError(ValueError):
    """The pattern text does not parse; the message says why."""


@dataclass(frozen=True)
class Word:
    text: str


@dataclass(frozen=True)
class Prefix:
    text: str


@dataclass(frozen=True)
class Exact:
    """``=likely``: this word as written, not its stem (the stemmer folds "likely" into "like")."""

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


@dataclass(frozen=True)
class Edge:
    """``^`` or ``$``: the start or end of the sentence."""

    end: bool


Element = Word | Exact | Prefix | Gap | TermSet | Alt | Edge


@dataclass(frozen=True, eq=False)
class TermList:
    """A named list of phrases (as stems) for ``{name}`` elements; compared by identity."""

    phrases: tuple[tuple[str, ...], ...]

    @cached_property
    def regex(self) -> str:
        ordered = sorted(set(self.phrases), key=len, reverse=True)  # longest phrase first
        options = ["".join(_word_regex(s) for s in phrase) for phrase in ordered if phrase]
        return "(?:" + "|".join(options) + ")" if options else "(?!)"

    def find_all(self, text: Words) -> list[tuple[str, ...]]:
        """The phrases of this list that occur in ``text``, the longest at each word, overlaps included.

        "gone off my food" holds both "gone off" and "off my food".
        """
        found = []
        compiled = _compiled_terms(self)
        position = 0
        while (match := compiled.search(text.encoded, position)) is not None:
            first, last = text.span_of(match.start(), match.end())
            found.append(text.stems[first:last])
            position = text.starts[first + 1] if first + 1 < len(text.starts) else len(text.encoded)
        return found


TermLookup = Mapping[str, TermList]
"""Named term lists, by the names in ``TERM_NAMES``."""


@dataclass(frozen=True)
class Words:
    """A run of normalised words and their stems, as patterns see it.

    Patterns run as regular expressions over ``encoded``: each token written
    as ``word/stem`` followed by a space, so that a C regex engine does the
    matching and word and stem are both at hand.
    """

    words: tuple[str, ...]
    stems: tuple[str, ...]
    encoded: str
    starts: tuple[int, ...]

    @classmethod
    def of(cls, words: Sequence[str], spell: Callable[[str, str], str] | None = None) -> Words:
        """Words as patterns see them; ``spell(word, stem)`` gives the stem a misspelt word was meant to have."""
        stems = tuple(stem(w) for w in words)
        if spell is not None:
            stems = tuple(spell(w, s) for w, s in zip(words, stems, strict=True))
        starts = []
        parts = []
        offset = 0
        for word, root in zip(words, stems, strict=True):
            starts.append(offset)
            piece = f"{word}/{root} "
            parts.append(piece)
            offset += len(piece)
        return cls(tuple(words), stems, "".join(parts), tuple(starts))

    def __len__(self) -> int:
        return len(self.words)

    def span_of(self, start: int, end: int) -> tuple[int, int]:
        """Token indices ``[first, last)`` covered by the character span of a match."""
        first = bisect_right(self.starts, start) - 1
        last = bisect_left(self.starts, end)
        return first, max(last, first + 1)


@dataclass(frozen=True, eq=False)
class Pattern:
    """A compiled pattern. ``required`` are stems every match must contain.

    Compared and hashed by identity: the regex cache is keyed on it.
    """

    source: str
    elements: tuple[Element, ...]
    required: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    term_names: tuple[str, ...] = ()

    def finditer(self, text: Words, terms: TermLookup | None = None) -> Iterator[tuple[int, int]]:
        """Yield ``(start, end)`` token spans of matches, one per start token, left to right."""
        compiled = _compiled(self, tuple((terms or {}).get(name) for name in self.term_names))
        anchors = self.anchors
        if anchors is not None:
            # Try only where a match can begin: far cheaper than scanning every character.
            for index, root in enumerate(text.stems):
                if root in anchors and (match := compiled.match(text.encoded, text.starts[index])) is not None:
                    yield text.span_of(match.start(), match.end())
            return
        position = 0
        while position < len(text.encoded) and (match := compiled.search(text.encoded, position)) is not None:
            first, last = text.span_of(match.start(), match.end())
            yield first, last
            position = text.starts[first + 1] if first + 1 < len(text.starts) else len(text.encoded)

    def search(self, text: Words, terms: TermLookup | None = None) -> tuple[int, int] | None:
        return next(self.finditer(text, terms), None)

    @cached_property
    def anchors(self) -> frozenset[str] | None:
        """Stems a match must start with, or None when it may start anywhere.

        A sentence with none of them cannot match, so the regex is not run.
        """
        stems, wild, _ = _first(self.elements)
        return None if wild else frozenset(stems)


def _word_regex(root: str) -> str:
    return rf"[^ /]+/{re.escape(root)} "


def _regex(elements: Sequence[object], terms: dict[str, TermList | None]) -> str:
    parts = []
    for element in elements:
        if isinstance(element, Word):
            parts.append(_word_regex(element.text))
        elif isinstance(element, Exact):
            parts.append(rf"{re.escape(element.text)}/[^ ]+ ")
        elif isinstance(element, Prefix):
            parts.append(rf"{re.escape(element.text)}[^ /]*/[^ ]+ ")
        elif isinstance(element, Gap):
            parts.append(rf"(?:[^ ]+ ){{0,{element.size}}}")
        elif isinstance(element, TermSet):
            found = terms.get(element.name)
            parts.append(found.regex if found is not None else "(?!)")
        elif isinstance(element, Alt):
            parts.append("(?:" + "|".join(_regex(option, terms) for option in element.options) + ")")
        elif isinstance(element, Edge):
            parts.append("$" if element.end else "^")
    return "".join(parts)


@lru_cache(maxsize=4096)
def _compiled(pattern: Pattern, term_lists: tuple[TermList | None, ...]) -> re.Pattern[str]:
    terms = dict(zip(pattern.term_names, term_lists, strict=True))
    # A match starts at a token boundary: the start of the text or just after a space.
    return re.compile(r"(?<![^ ])" + _regex(pattern.elements, terms))


@lru_cache(maxsize=64)
def _compiled_terms(terms: TermList) -> re.Pattern[str]:
    return re.compile(r"(?<![^ ])" + terms.regex)


@cache
def compile_pattern(source: str) -> Pattern:
    """Parse a pattern; raise ``PatternError`` with a readable reason.

    Cached: the validator and the scorer compile the same rubric patterns.
    """
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
            elif piece in ("^", "$"):
                position += 1
                items.append(Edge(piece == "$"))
            elif piece == "...":
                position += 1
                items.append(Gap())
            elif piece.startswith("{"):
                position += 1
                name = piece[1:-1]
                if name not in TERM_NAMES:
                    known = ", ".join("{" + n + "}" for n in sorted(TERM_NAMES))
                    raise PatternError(f"pattern {source!r}: unknown term list {piece} (known: {known})")
                items.append(TermSet(name))
            elif piece.startswith("="):
                position += 1
                items.extend(Exact(w) for w in expand_word(piece[1:]))
            elif piece.endswith("*"):
                position += 1
                prefix = piece[:-1].lower()
                if len(prefix) < 3:
                    raise PatternError(f"pattern {source!r}: a prefix needs at least 3 letters ({piece!r})")
                items.append(Prefix(prefix))
            else:
                position += 1
                words = list(expand_word(piece))
                following = pieces[position].lower() if position < len(pieces) else ""
                if piece.lower().replace("’", "'").endswith("'s") and words[-1:] == ["is"] and following in PARTICIPLES:
                    words[-1] = "has"  # as the tokeniser reads "what's been"
                items.extend(Word(stem(w)) for w in words)
        return tuple(items)

    elements = sequence(0)
    if not elements or all(isinstance(e, (Gap, Edge)) for e in elements):
        raise PatternError(f"pattern {source!r} matches nothing in particular")
    names = tuple(sorted(_collect(elements, TermSet, "name")))
    return Pattern(source, elements, frozenset(_required(elements)), frozenset(_collect(elements, Word, "text")), names)


def combine(patterns: Sequence[Pattern]) -> Pattern | None:
    """One pattern that matches wherever any of ``patterns`` does (one regex search, not many)."""
    if not patterns:
        return None
    if len(patterns) == 1:
        return patterns[0]
    elements: tuple[Element, ...] = (Alt(tuple(p.elements for p in patterns)),)
    required = frozenset.intersection(*(p.required for p in patterns))
    names = tuple(sorted({n for p in patterns for n in p.term_names}))
    words = frozenset().union(*(p.words for p in patterns))
    return Pattern(" | ".join(p.source for p in patterns), elements, required, words, names)


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


def _first(elements: Sequence[object]) -> tuple[set[str], bool, bool]:
    """(stems a match can start with, whether it can start with anything, whether it can be empty)."""
    stems: set[str] = set()
    for element in elements:
        if isinstance(element, Word):
            return stems | {element.text}, False, False
        if isinstance(element, Edge):
            continue
        if isinstance(element, Alt):
            nullable = False
            for option in element.options:
                inner, wild, empty = _first(option)
                if wild:
                    return stems, True, False
                stems |= inner
                nullable = nullable or empty
            if not nullable:
                return stems, False, False
            continue
        return stems, True, False  # a prefix, exact word, gap or term list: no cheap test
    return stems, False, True


def _collect(elements: Sequence[object], kind: type, attribute: str) -> set[str]:
    """Every ``attribute`` of elements of ``kind``, inside alternations too."""
    found: set[str] = set()
    for element in elements:
        if isinstance(element, kind):
            found.add(getattr(element, attribute))
        elif isinstance(element, Alt):
            for option in element.options:
                found |= _collect(option, kind, attribute)
    return found


def index_terms(phrases: Sequence[str], words_of: Callable[[str], Sequence[str]]) -> TermList:
    """A term list from phrases as written (normalised and stemmed here)."""
    return TermList(tuple(tuple(stem(w) for w in words_of(p)) for p in phrases if words_of(p)))
