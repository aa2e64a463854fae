"""What a scenario is: a branching consultation a trainer writes as YAML.

A scenario is a graph of nodes. At each node the counterpart says a line;
the learner answers in free text; the engine matches the answer to one of the
node's responses (by its example utterances) and follows its ``next`` to
another node or to an ending. State variables such as ``rapport`` rise and
fall with ``effects`` and gate responses and lines with ``when`` conditions.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator

from commsim.model.common import Duration, Slug, Strict, as_list
from commsim.model.conditions import Condition, ConditionSyntaxError

Counterpart = Literal[
    "patient",
    "relative",
    "carer",
    "colleague",
    "nurse",
    "senior",
    "registrar",
    "consultant",
    "pharmacist",
    "midwife",
    "manager",
]
Quality = Literal["good", "middling", "poor"]
Grade = Literal["clear-pass", "pass", "borderline", "fail"]
GRADES: tuple[Grade, ...] = ("fail", "borderline", "pass", "clear-pass")
"""Grades from worst to best, so their index orders them."""


def _parse_condition(value: Any) -> Any:
    if value is None or isinstance(value, Condition):
        return value
    if isinstance(value, bool):
        value = "true" if value else "false"
    if not isinstance(value, str):
        raise ValueError("a condition is text such as 'rapport >= 3'")
    try:
        return Condition.parse(value)
    except ConditionSyntaxError as error:
        raise ValueError(str(error)) from None


When = Annotated[
    Condition | None,
    BeforeValidator(_parse_condition),
    Field(
        default=None,
        json_schema_extra={"type": "string", "description": "A condition such as 'rapport >= 3 and not asked'."},
    ),
]


class Line(Strict):
    """One thing the counterpart can say, optionally only when a condition holds."""

    text: str = Field(min_length=1)
    when: When = None

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value


Lines = Annotated[list[Line], BeforeValidator(as_list), Field(min_length=1)]


class StateVar(Strict):
    """A state variable such as rapport: its starting value and, for numbers, its range."""

    start: int | bool = 0
    min: int = 0
    max: int = 5
    label: str | None = Field(default=None, description="Shown to the learner; omit to keep it hidden.")

    @model_validator(mode="before")
    @classmethod
    def _from_value(cls, value: Any) -> Any:
        return {"start": value} if isinstance(value, (int, bool)) else value


class Response(Strict):
    """A kind of answer the learner may give at a node, recognised by its examples."""

    intent: Slug
    examples: list[str] = Field(min_length=1)
    next: Slug
    effects: dict[str, int | bool] = Field(
        default_factory=dict,
        description="Numbers are added to a variable (+1, -2); true/false set a flag.",
    )
    when: When = None


class Node(Strict):
    """A point in the consultation where the counterpart speaks and the learner answers."""

    says: Lines
    idioms: list[str] = Field(default_factory=list)
    responses: list[Response] = Field(min_length=1)
    fallback: Lines
    hint: str | None = Field(default=None, description="Offered after repeated misunderstanding.")

    @field_validator("idioms", mode="before")
    @classmethod
    def _idioms_list(cls, value: Any) -> Any:
        return as_list(value)


class Ending(Strict):
    """Where a consultation stops, and how well it went."""

    quality: Quality
    says: Lines
    summary: str | None = Field(default=None, description="What this ending means, shown in feedback.")


class Hidden(Strict):
    """What the counterpart thinks but says only when asked (ICE)."""

    ideas: str | None = None
    concerns: str | None = None
    expectations: str | None = None


class Persona(Strict):
    name: str
    age: int | None = Field(default=None, ge=0, le=120)
    role: str | None = Field(default=None, description="e.g. 'retired bus driver', 'medical registrar'.")
    background: str | None = None
    hidden: Hidden = Field(default_factory=Hidden)


class Expectation(Strict):
    """What a scripted test run must reach."""

    ending: Slug | None = None
    grade_at_least: Grade | None = None
    grade_at_most: Grade | None = None
    path: list[Slug] | None = Field(default=None, description="The nodes visited, with or without the ending.")
    criteria_met: list[str] = Field(default_factory=list, description="rubric:criterion ids")
    criteria_missed: list[str] = Field(default_factory=list, description="rubric:criterion ids")


class ScenarioTest(Strict):
    """A test inside the scenario file: a scripted run, or routing lines for one node."""

    name: str
    script: list[str] | None = None
    expect: Expectation | None = None
    node: Slug | None = None
    routes: dict[Slug, list[str]] | None = Field(
        default=None, description="intent id -> learner lines that must route to it at `node`"
    )

    @model_validator(mode="after")
    def _one_kind(self) -> ScenarioTest:
        scripted = self.script is not None
        routing = self.node is not None or self.routes is not None
        if scripted == routing:
            raise ValueError("a test has either `script` and `expect`, or `node` and `routes`")
        if scripted and self.expect is None:
            raise ValueError("a scripted test needs `expect`")
        if routing and (self.node is None or not self.routes):
            raise ValueError("a routing test needs both `node` and `routes`")
        return self


class Scenario(Strict):
    """A whole consultation: who, where, the task, and the branching script."""

    id: Slug
    title: str = Field(min_length=1)
    counterpart: Counterpart
    setting: str
    time_limit: Duration = Field(default=480)
    difficulty: Literal[1, 2, 3] = Field(default=2, description="1 foundation, 2 core, 3 stretch")
    skills: list[str] = Field(default_factory=list)
    rubrics: list[Slug] = Field(min_length=1)
    brief: str = Field(min_length=1)
    persona: Persona
    state: dict[str, StateVar] = Field(default_factory=dict)
    start: Slug
    nodes: dict[Slug, Node] = Field(min_length=1)
    endings: dict[Slug, Ending] = Field(min_length=1)
    sources: list[str] = Field(default_factory=list)
    tests: list[ScenarioTest] = Field(default_factory=list)

    @property
    def minutes(self) -> int:
        return max(1, round(self.time_limit / 60))

    def initial_state(self) -> dict[str, int | bool]:
        return {name: var.start for name, var in self.state.items()}
