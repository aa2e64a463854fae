"""The tests trainers write inside scenario files, and the runner for ``commsim test``.

A scripted test plays its answers and checks the ending, grade band, path
and criteria. A routing test checks that each of its lines, said at a node,
routes to the intent it names: lines that are not copies of the examples, so
the figure measures how well free text is understood.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from commsim.engine import Consultation
from commsim.library import Library
from commsim.model import Scenario, ScenarioTest
from commsim.runner import run_script
from commsim.scoring import grade_at_least


@dataclass
class TestOutcome:
    name: str
    passed: bool
    failures: list[str] = field(default_factory=list)
    routed: int = 0
    routes: int = 0


@dataclass
class ScenarioOutcome:
    scenario: Scenario
    tests: list[TestOutcome]

    @property
    def passed(self) -> bool:
        return all(t.passed for t in self.tests)

    @property
    def routed(self) -> int:
        return sum(t.routed for t in self.tests)

    @property
    def routes(self) -> int:
        return sum(t.routes for t in self.tests)


def run_tests(library: Library, scenario: Scenario) -> ScenarioOutcome:
    return ScenarioOutcome(scenario, [_run_one(library, scenario, test) for test in scenario.tests])


def _run_one(library: Library, scenario: Scenario, test: ScenarioTest) -> TestOutcome:
    if test.script is not None and test.expect is not None:
        return _run_scripted(library, scenario, test)
    return _run_routing(scenario, test)


def _run_scripted(library: Library, scenario: Scenario, test: ScenarioTest) -> TestOutcome:
    assert test.script is not None and test.expect is not None
    run = run_script(library, scenario, test.script)
    expect = test.expect
    failures = []
    got_ending = run.consultation.ending_id
    if expect.ending and got_ending != expect.ending:
        failures.append(
            f"ended at {got_ending or 'no ending'}, expected {expect.ending} (path: {' → '.join(run.consultation.path)})"
        )
    grade = run.score.grade
    if expect.grade_at_least and not grade_at_least(grade, expect.grade_at_least):
        failures.append(f"grade {grade}, expected at least {expect.grade_at_least} ({_scores(run)})")
    if expect.grade_at_most and not grade_at_least(expect.grade_at_most, grade):
        failures.append(f"grade {grade}, expected at most {expect.grade_at_most} ({_scores(run)})")
    nodes_only = [step for step in run.consultation.path if step in scenario.nodes]
    if expect.path is not None and expect.path not in (run.consultation.path, nodes_only):
        failures.append(f"path {' → '.join(run.consultation.path)}, expected {' → '.join(expect.path)}")
    for ref in expect.criteria_met + expect.criteria_missed:
        rubric_id, _, criterion_id = ref.partition(":")
        outcome = run.score.rubrics.get(rubric_id)
        met = bool(outcome and outcome.criteria.get(criterion_id) and outcome.criteria[criterion_id].met)
        wanted = ref in expect.criteria_met
        if met != wanted:
            failures.append(f"{ref} {'not met' if wanted else 'met'}, expected {'met' if wanted else 'missed'}")
    return TestOutcome(test.name, not failures, failures)


def _scores(run) -> str:
    return ", ".join(f"{rid} {o.score}" for rid, o in run.score.rubrics.items())


def _run_routing(scenario: Scenario, test: ScenarioTest) -> TestOutcome:
    assert test.node is not None and test.routes is not None
    probe = Consultation(scenario)
    node = scenario.nodes[test.node]
    failures = []
    routed = total = 0
    assert probe.matcher is not None
    for intent, lines in test.routes.items():
        for line in lines:
            total += 1
            match = probe.matcher.match(test.node, node.responses, line)
            got = match.response.intent if match.response else None
            if got == intent:
                routed += 1
            else:
                failures.append(f"at {test.node}: {line!r} routed to {got or 'fallback'}, expected {intent}")
    return TestOutcome(test.name, not failures, failures, routed, total)
