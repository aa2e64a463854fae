"""What a rubric is: criteria a learner's words are scored against.

Each criterion carries evidence patterns in a compact syntax (see
``commsim.scoring.patterns``), the feedback a learner reads when it is met or
missed, and a model phrase a UK doctor might say. A *negative* criterion is one
a good answer does not meet (pressuring a patient, false reassurance).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from commsim.model.common import Slug, Strict


class Source(Strict):
    """The guidance a rubric follows, so trainers can check it."""

    title: str
    url: str | None = None


class Feedback(Strict):
    met: str
    missed: str


class Criterion(Strict):
    id: Slug
    title: str = Field(description="A short label, e.g. 'Explains the risks'.")
    description: str
    weight: float = Field(default=1.0, gt=0, le=10)
    negative: bool = False
    form: Literal["any", "question", "statement"] = Field(
        default="any", description="Whether the evidence must be a question, a statement, or either."
    )
    evidence: list[str] = Field(min_length=1, description="Patterns that show the criterion is met.")
    negatable: bool = Field(
        default=True,
        description="Whether a negation just before the evidence cancels it; false for term lists "
        "('there is no metastasis' still uses jargon).",
    )
    unless: list[str] = Field(
        default_factory=list, description="Patterns that, in the same sentence, cancel the evidence."
    )
    context: list[str] = Field(
        default_factory=list,
        description="Patterns of which one must occur in the counterpart's previous line for this to apply.",
    )
    not_with: list[Slug] = Field(
        default_factory=list,
        description="Criteria of the same rubric that, met anywhere in the answer, undo this one "
        "('you can say no, but then we can't help you' offers no real choice).",
    )
    feedback: Feedback
    model_phrase: str = Field(description="What a UK doctor might say (for a negative criterion: a better way).")


class Rubric(Strict):
    id: Slug
    title: str
    summary: str
    sources: list[Source] = Field(min_length=1)
    criteria: list[Criterion] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_criteria(self) -> Rubric:
        seen: set[str] = set()
        for criterion in self.criteria:
            if criterion.id in seen:
                raise ValueError(f"criterion id {criterion.id!r} is used twice")
            seen.add(criterion.id)
        return self

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

    @property
    def criterion_ids(self) -> list[str]:
        return [c.id for c in self.criteria]
