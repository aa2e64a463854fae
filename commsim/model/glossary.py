"""The idiom glossary: British colloquial health expressions, jargon and non-UK terms.

It explains idioms to learners in context, and feeds the ``uk-idiom`` rubric:
jargon terms and non-UK terms found in a learner's words count against them
unless explained in the same sentence.
"""

from __future__ import annotations

from pydantic import Field

from commsim.model.common import Strict


class Idiom(Strict):
    phrase: str
    variants: list[str] = Field(default_factory=list)
    meaning: str
    example: str


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

    def idiom(self, phrase: str) -> Idiom | None:
        wanted = phrase.casefold()
        for idiom in self.idioms:
            if idiom.phrase.casefold() == wanted or wanted in (v.casefold() for v in idiom.variants):
                return idiom
        return None
