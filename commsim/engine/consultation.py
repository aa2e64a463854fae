"""A consultation: a pure, deterministic state machine over one scenario.

``Consultation`` holds the position in the branch graph, the state variables
and the transcript. ``respond(text)`` takes one learner answer and returns a
``Reply``; it does no I/O, so the same object serves the TUI, the headless
CLI, the workshop and the tests, and replaying the same answers always gives
the same consultation (which is how an interrupted attempt is resumed).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from commsim.engine.matcher import IntentMatcher
from commsim.errors import CommsimError
from commsim.model import Line, Node, Response, Scenario

REPEATS_BEFORE_HINT = 2
"""After this many misunderstood answers in a row the learner is offered a hint."""
MAX_ANSWER_CHARS = 100_000
"""Longer answers are cut here; the learner is told."""

Speaker = Literal["learner", "counterpart"]
ReplyKind = Literal["advance", "fallback", "ending", "empty"]


@dataclass(frozen=True)
class Turn:
    """One line of the transcript, as it is stored and shown."""

    speaker: Speaker
    text: str
    node: str
    intent: str | None = None
    confidence: float | None = None
    idioms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reply:
    """What happened after one learner answer."""

    kind: ReplyKind
    says: str
    intent: str | None = None
    confidence: float = 0.0
    hint: str | None = None
    ending: str | None = None
    truncated: bool = False
    idioms: tuple[str, ...] = ()


@dataclass
class Consultation:
    """The live state of one run through a scenario."""

    scenario: Scenario
    matcher: IntentMatcher | None = None
    state: dict[str, int | bool] = field(default_factory=dict)
    node_id: str = ""
    ending_id: str | None = None
    ended_early: bool = False
    turns: list[Turn] = field(default_factory=list)
    path: list[str] = field(default_factory=list)
    misunderstood: int = 0
    _visits: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.matcher is None:
            self.matcher = IntentMatcher(self.scenario)
        self.state = self.scenario.initial_state()
        self.node_id = self.scenario.start
        self._enter(self.scenario.start)

    @classmethod
    def replay(cls, scenario: Scenario, answers: Iterable[str], matcher: IntentMatcher | None = None) -> Consultation:
        """Rebuild a consultation from the learner's earlier answers (to resume it)."""
        consultation = cls(scenario, matcher)
        for answer in answers:
            if consultation.finished:
                break
            consultation.respond(answer)
        return consultation

    @property
    def node(self) -> Node:
        return self.scenario.nodes[self.node_id]

    @property
    def finished(self) -> bool:
        return self.ending_id is not None or self.ended_early

    @property
    def ending_quality(self) -> str | None:
        return self.scenario.endings[self.ending_id].quality if self.ending_id else None

    @property
    def last_counterpart_line(self) -> str | None:
        for turn in reversed(self.turns):
            if turn.speaker == "counterpart":
                return turn.text
        return None

    def eligible_responses(self) -> list[Response]:
        return [r for r in self.node.responses if r.when is None or r.when.holds(self.state)]

    def respond(self, text: str) -> Reply:
        """Take one learner answer, advance the consultation, and say what the counterpart replies."""
        if self.finished:
            raise CommsimError("this consultation has ended; start it again to have another go")
        if not text or not text.strip():
            return Reply("empty", "", hint="Type what you would say, then press Enter.")
        truncated = len(text) > MAX_ANSWER_CHARS
        text = text[:MAX_ANSWER_CHARS].strip()
        assert self.matcher is not None
        match = self.matcher.match(self.node_id, self.eligible_responses(), text)
        if match.response is None:
            self.turns.append(Turn("learner", text, self.node_id, None, round(match.confidence, 3)))
            self.misunderstood += 1
            says = self._pick(self.node.fallback, f"fallback:{self.node_id}")
            hint = self.hint() if self.misunderstood >= REPEATS_BEFORE_HINT else None
            self.turns.append(Turn("counterpart", says, self.node_id))
            return Reply("fallback", says, None, match.confidence, hint=hint, truncated=truncated)
        response = match.response
        self.turns.append(Turn("learner", text, self.node_id, response.intent, round(match.confidence, 3)))
        self._apply(response.effects)
        self.misunderstood = 0
        if response.next in self.scenario.endings:
            ending = self.scenario.endings[response.next]
            self.ending_id = response.next
            self.path.append(response.next)
            says = self._pick(ending.says, f"ending:{response.next}")
            self.turns.append(Turn("counterpart", says, response.next))
            return Reply("ending", says, response.intent, match.confidence, ending=response.next, truncated=truncated)
        says = self._enter(response.next)
        return Reply(
            "advance", says, response.intent, match.confidence, truncated=truncated, idioms=tuple(self.node.idioms)
        )

    def end_early(self) -> None:
        """Stop before an ending is reached (the learner chose to)."""
        self.ended_early = True

    def hint(self) -> str:
        """Coaching for the current node: the author's hint, or an example of a good way on."""
        if self.node.hint:
            return self.node.hint
        responses = self.eligible_responses() or self.node.responses
        return f'Try something like: "{responses[0].examples[0]}"'

    def opening(self) -> Turn:
        """The counterpart's first line."""
        return next(t for t in self.turns if t.speaker == "counterpart")

    def _enter(self, node_id: str) -> str:
        self.node_id = node_id
        self.path.append(node_id)
        node = self.scenario.nodes[node_id]
        says = self._pick(node.says, node_id)
        self.turns.append(Turn("counterpart", says, node_id, idioms=tuple(node.idioms)))
        return says

    def _pick(self, lines: list[Line], key: str) -> str:
        """The first conditional line that holds, else the unconditional ones in turn."""
        for line in lines:
            if line.when is not None and line.when.holds(self.state):
                return line.text
        plain = [line for line in lines if line.when is None] or lines
        visit = self._visits.get(key, 0)
        self._visits[key] = visit + 1
        return plain[visit % len(plain)].text

    def _apply(self, effects: dict[str, int | bool]) -> None:
        for name, change in effects.items():
            variable = self.scenario.state.get(name)
            if isinstance(change, bool) or variable is None:
                self.state[name] = change
                continue
            current = self.state.get(name, 0)
            value = int(current) + change
            self.state[name] = max(variable.min, min(variable.max, value))
