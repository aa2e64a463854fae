"""The glossary's term lists as patterns see them, for one turn of a consultation.

Some lists are fixed (jargon, non-UK terms, idioms). Others change with every
turn: the idioms the counterpart has just used, the plain and mistaken
readings the glossary gives for them, and the unexplained abbreviations in the
learner's answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from commsim.model import Glossary
from commsim.scoring.normalise import stem
from commsim.scoring.patterns import Pattern, TermList, TermLookup, Words, index_terms
from commsim.scoring.spelling import is_english

PER_TURN = frozenset({"context-idioms", "context-meanings", "context-misreadings", "acronyms"})


class GlossaryTerms:
    """The glossary's phrases as stems, and the term lists for a given turn."""

    def __init__(self, glossary: Glossary, words_of: Callable[[str], Sequence[str]]) -> None:
        self.fixed: dict[str, TermList] = {
            "jargon": index_terms([p for t in glossary.jargon for p in (t.term, *t.variants)], words_of),
            "non-uk": index_terms([p for t in glossary.non_uk for p in (t.term, *t.variants)], words_of),
            "idioms": index_terms([p for t in glossary.idioms for p in (t.phrase, *t.variants)], words_of),
        }
        # Each idiom phrase (as stems) -> the plain and mistaken readings of the entries that list it.
        self._readings: dict[tuple[str, ...], list[tuple[Phrases, Phrases]]] = {}
        for idiom in glossary.idioms:
            plain = index_terms(idiom.plain, words_of).phrases
            misread = index_terms(idiom.misread, words_of).phrases
            for phrase in index_terms([idiom.phrase, *idiom.variants], words_of).phrases:
                self._readings.setdefault(phrase, []).append((plain, misread))
        # Non-UK abbreviations ("OB-GYN", "PCP") are the non-uk-terms criterion's, not jargon.
        self._non_uk_words = frozenset(
            w.lower() for t in glossary.non_uk for p in (t.term, *t.variants) for w in re.findall(r"[A-Za-z0-9]+", p)
        )
        # Every rubric of a scenario scores the same turn: build its lists once.
        self._turns: dict[tuple[str, str], TermLookup] = {}

    def stems(self) -> set[str]:
        """Every stem of every phrase, so the speller mends typos towards them too."""
        found = {s for terms in self.fixed.values() for phrase in terms.phrases for s in phrase}
        for entries in self._readings.values():
            found.update(s for entry in entries for group in entry for phrase in group for s in phrase)
        return found

    def for_turn(self, answer: str, context_words: Words) -> TermLookup:
        """The fixed lists, plus the counterpart's idioms and their readings, and the answer's abbreviations."""
        key = (answer, context_words.encoded)
        cached = self._turns.get(key)
        if cached is None:
            if len(self._turns) > 64:
                self._turns.clear()
            cached = self._turns[key] = self._build_turn(answer, context_words)
        return cached

    def _build_turn(self, answer: str, context_words: Words) -> TermLookup:
        found = tuple(self.fixed["idioms"].find_all(context_words)) if len(context_words) else ()
        plain: list[tuple[str, ...]] = []
        misread: list[tuple[str, ...]] = []
        for idiom in found:
            for meanings, mistakes in self._readings.get(idiom, ()):
                # The patient's own words said back are an echo, not a restatement.
                plain.extend(m for m in meanings if not _within(m, idiom))
                # "the runs" must not count "running" against a learner who says "the runs" back.
                misread.extend(m for m in mistakes if not _within(m, idiom))
        # One entry's misreading can be another's meaning ("knackered": tired, or a worn-out knee).
        misread = [m for m in misread if m not in plain]
        return {
            **self.fixed,
            "context-idioms": _term_list(found),
            "context-meanings": _term_list(tuple(plain)),
            "context-misreadings": _term_list(tuple(misread)),
            "acronyms": _acronyms(answer, self._non_uk_words),
        }


Phrases = tuple[tuple[str, ...], ...]


def per_turn(pattern: Pattern) -> bool:
    """Whether the pattern uses a term list that changes from turn to turn (compiled apart)."""
    return not PER_TURN.isdisjoint(pattern.term_names)


# Abbreviations any UK patient knows; every other one is jargon until explained.
_LAY_ACRONYMS = frozenset(
    {
        "nhs", "gp", "gps", "ok", "uk", "tv", "id", "mri", "ct", "ecg", "dna", "hiv", "covid", "ivf", "am", "pm",
        "asap", "pin", "mot", "dvla", "bbc", "eu", "usa", "gcse", "mp", "ae", "a&e", "tb", "x", "ps", "dr", "mr",
        "mrs", "ms", "nhs111", "i", "ii", "iii", "bmi", "hrt", "ibs", "adhd", "ocd", "ptsd", "std", "sti", "icu",
    }
)  # fmt: skip
_ACRONYM = re.compile(r"(?<![\w'’&])([A-Z][A-Z0-9]{1,5})(?:s|['’]s)?(?![\w&])")


@lru_cache(maxsize=256)
def _acronyms(text: str, exclude: frozenset[str] = frozenset()) -> TermList:
    """The capitalised abbreviations in an answer ("TBSA", "MCPs", "C4") that are not everyday words."""
    found = set()
    for match in _ACRONYM.finditer(text):
        word = match.group(1)
        if word.lower() in _LAY_ACRONYMS or word.lower() in exclude or not any(c.isalpha() for c in word):
            continue
        if word.isalpha() and is_english(word.lower()):
            continue  # "PLEASE", "NO": shouting, not an abbreviation
        found.add((stem(word.lower()),))
    return _term_list(tuple(sorted(found)))


def _within(phrase: tuple[str, ...], idiom: tuple[str, ...]) -> bool:
    """Whether every stem of ``phrase`` is a word of the idiom itself."""
    return set(phrase) <= set(idiom)


@lru_cache(maxsize=256)
def _term_list(phrases: tuple[tuple[str, ...], ...]) -> TermList:
    """One ``TermList`` per distinct set of phrases, so its compiled regexes are reused."""
    return TermList(phrases)
