"""The candidate's instructions as a PLAB 2 station card: who, where, how long, and the task."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from commsim.model import Scenario
from commsim.tui.prose import reflow
from commsim.tui.widgets.scenario_table import LEVELS


def persona_line(scenario: Scenario) -> str:
    """``Raj Patel, 67, retired bus driver (patient)``."""
    persona = scenario.persona
    parts = [persona.name]
    if persona.age is not None:
        parts.append(str(persona.age))
    if persona.role:
        parts.append(persona.role)
    return f"{', '.join(parts)} ({scenario.counterpart})"


class StationCard(Static):
    """The card; the scenario's own words are shown exactly as written."""

    def __init__(self, scenario: Scenario, *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id)
        self.border_title = Content("Candidate instructions")
        self.show(scenario)

    def show(self, scenario: Scenario) -> None:
        label = "bold"
        brief = reflow(scenario.brief)
        self.update(
            Content.assemble(
                (scenario.title, "bold underline"),
                "\n\n",
                ("With      ", label),
                persona_line(scenario),
                "\n",
                ("Setting   ", label),
                scenario.setting,
                "\n",
                ("Time      ", label),
                f"{scenario.minutes} minutes",
                ("   Level  ", label),
                LEVELS.get(scenario.difficulty, str(scenario.difficulty)),
                "\n",
                ("Skills    ", label),
                ", ".join(scenario.skills) or "—",
                "\n\n",
                brief,
            )
        )
