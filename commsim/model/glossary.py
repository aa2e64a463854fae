"""The idiom glossary: British colloquial health expressions, jargon and non-UK terms.

It explains idioms to learners in context, and feeds the ``uk-idiom`` rubric:
jargon terms and non-UK terms found in a learner's words count against them
unless explained in the same sentence.
"""

from __future__ import annotations

from functools import cached_property

from pydantic import Field

from commsim.model.common import Strict


class Idiom(Strict):
    phrase: str
    variants: list[str] = Field(default_factory=list)
    meaning: str
    example: str
    plain: list[str] = Field(
        default_factory=list,
        description="Everyday words a doctor who understood the idiom might use to restate it.",
    )
    misread: list[str] = Field(
        default_factory=list,
        description="Words that show the idiom taken literally or for something else.",
    )


class JargonTerm(Strict):
    term: str
    variants: list[str] = Field(default_factory=list)
    lay: str = Field(description="A plain-English way to say it.")


class NonUkTerm(Strict):
    term: str
    variants: list[str] = Field(default_factory=list)
    uk: str = Field(description="What UK patients and staff say instead.")


class Glossary(Strict):
    idioms: list[Idiom] = Field(default_factory=list)
    jargon: list[JargonTerm] = Field(default_factory=list)
    non_uk: list[NonUkTerm] = Field(default_factory=list)

    @cached_property
    def _by_phrase(self) -> dict[str, Idiom]:
        index: dict[str, Idiom] = {}
        for idiom in self.idioms:
            for phrase in (idiom.phrase, *idiom.variants):
                index.setdefault(phrase.casefold(), idiom)
        return index

    def idiom(self, phrase: str) -> Idiom | None:
        """The entry for a phrase or one of its variants, ignoring case."""
        return self._by_phrase.get(phrase.casefold())
