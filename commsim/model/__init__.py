"""Data models: scenarios, rubrics and the idiom glossary, as pydantic v2 models."""

from commsim.model.conditions import Condition, ConditionSyntaxError
from commsim.model.glossary import Glossary, Idiom, JargonTerm, NonUkTerm
from commsim.model.rubric import Criterion, Feedback, Rubric, Source
from commsim.model.scenario import (
    GRADES,
    Ending,
    Expectation,
    Grade,
    Line,
    Node,
    Persona,
    Response,
    Scenario,
    ScenarioTest,
    StateVar,
)

__all__ = [
    "GRADES",
    "Condition",
    "ConditionSyntaxError",
    "Criterion",
    "Ending",
    "Expectation",
    "Feedback",
    "Glossary",
    "Grade",
    "Idiom",
    "JargonTerm",
    "Line",
    "Node",
    "NonUkTerm",
    "Persona",
    "Response",
    "Rubric",
    "Scenario",
    "ScenarioTest",
    "Source",
    "StateVar",
]
