"""Typos mended towards the words the rubrics use, and an English dictionary to say what is not a typo."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA


class Speller:
    """Maps a misspelt word to the stem of the rubric word it was meant to be ("complciation" → "complic").

    Only longer words are corrected, by one edit or swap of neighbours (two for words of nine letters
    or more), to a rubric word that starts with the same letter, and never a
    word an English dictionary knows: "cancel" must not become "cancer".
    """

    def __init__(self, vocabulary: Iterable[str]) -> None:
        self.vocabulary = frozenset(vocabulary)
        self._by_letter: dict[str, list[str]] = {}
        for word in self.vocabulary:
            if len(word) >= 4 and word.isalpha():
                self._by_letter.setdefault(word[0], []).append(word)
        self._cache: dict[str, str] = {}

    def __call__(self, word: str, stem: str) -> str:
        if stem in self.vocabulary or len(stem) < 6 or not stem.isalpha():
            return stem
        cached = self._cache.get(word)
        if cached is None:
            limit = 2 if len(stem) >= 9 else 1
            found = process.extractOne(stem, self._by_letter.get(stem[0], ()), scorer=OSA.distance, score_cutoff=limit)
            cached = found[0] if found and not is_english(word) else stem
            if len(self._cache) < 50_000:
                self._cache[word] = cached
        return cached


@lru_cache(maxsize=1)
def _dictionary() -> object:
    # Loaded on the first near-miss only (about 0.3 s): most answers never need it.
    from spellchecker import SpellChecker

    return SpellChecker(distance=1)


def is_english(word: str) -> bool:
    """Whether an English dictionary knows the word (lower case)."""
    return bool(_dictionary().known([word]))  # type: ignore[attr-defined]
