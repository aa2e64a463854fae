"""Cross-reference and graph checks that a schema alone cannot make.

A scenario can be well-formed and still broken: a ``next`` that names no
node, a node nobody can reach, a node from which no ending can be reached, a
rubric or idiom the library does not have, a condition on an undeclared
variable. Each problem names its line and, for a misspelled id, the nearest
valid one.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping

from commsim.errors import Problem
from commsim.library.loader import did_you_mean
from commsim.library.source import YamlSource
from commsim.model import Glossary, Rubric, Scenario
from commsim.scoring.patterns import PatternError, compile_pattern


def successors(scenario: Scenario) -> dict[str, set[str]]:
    """Each node's possible next nodes and endings."""
    return {nid: {r.next for r in node.responses} for nid, node in scenario.nodes.items()}


def check_scenario(
    scenario: Scenario, source: YamlSource, rubrics: Mapping[str, Rubric], glossary: Glossary | None
) -> list[Problem]:
    """Every cross-reference problem in one scenario."""
    problems: list[Problem] = []
    add = problems.append
    targets = set(scenario.nodes) | set(scenario.endings)
    declared = set(scenario.state)

    for both in sorted(set(scenario.nodes) & set(scenario.endings)):
        add(source.problem(("endings", both), f"{both!r} is both a node and an ending"))
    if scenario.start not in scenario.nodes:
        add(
            source.problem(
                ("start",), f"start: unknown node {scenario.start!r}{did_you_mean(scenario.start, scenario.nodes)}"
            )
        )
    for index, rubric_id in enumerate(scenario.rubrics):
        if rubric_id not in rubrics:
            add(source.problem(("rubrics", index), f"unknown rubric {rubric_id!r}{did_you_mean(rubric_id, rubrics)}"))

    def check_condition(location: tuple, condition: object) -> None:
        for name in getattr(condition, "names", lambda: set())():
            if name not in declared:
                hint = did_you_mean(name, declared)
                add(source.problem(location, f"condition uses undeclared state variable {name!r}{hint}"))

    for nid, node in scenario.nodes.items():
        intents: set[str] = set()
        for index, response in enumerate(node.responses):
            where = ("nodes", nid, "responses", index)
            if response.intent in intents:
                add(source.problem((*where, "intent"), f"intent {response.intent!r} appears twice in node {nid!r}"))
            intents.add(response.intent)
            if response.next not in targets:
                hint = did_you_mean(response.next, targets)
                add(source.problem((*where, "next"), f"next: unknown node or ending {response.next!r}{hint}"))
            for variable in response.effects:
                if variable not in declared:
                    hint = did_you_mean(variable, declared)
                    add(
                        source.problem(
                            (*where, "effects", variable), f"effect on undeclared state variable {variable!r}{hint}"
                        )
                    )
            check_condition((*where, "when"), response.when)
        for index, line in enumerate(node.says):
            check_condition(("nodes", nid, "says", index), line.when)
        if glossary is not None:
            spoken = " ".join(line.text.casefold() for line in node.says)
            known = [i.phrase for i in glossary.idioms]
            for index, phrase in enumerate(node.idioms):
                if glossary.idiom(phrase) is None:
                    hint = did_you_mean(phrase, known)
                    add(
                        source.problem(
                            ("nodes", nid, "idioms", index), f"idiom {phrase!r} is not in the glossary{hint}"
                        )
                    )
                elif phrase.casefold() not in spoken:
                    add(
                        source.problem(
                            ("nodes", nid, "idioms", index), f"idiom {phrase!r} is not in anything node {nid!r} says"
                        )
                    )
    for eid, ending in scenario.endings.items():
        for index, line in enumerate(ending.says):
            check_condition(("endings", eid, "says", index), line.when)

    problems.extend(_graph_problems(scenario, source))
    problems.extend(_test_problems(scenario, source, rubrics))
    return problems


def _graph_problems(scenario: Scenario, source: YamlSource) -> list[Problem]:
    if scenario.start not in scenario.nodes:
        return []
    graph = successors(scenario)
    reached = _reachable(scenario.start, graph)
    problems = []
    for nid in scenario.nodes:
        if nid not in reached:
            problems.append(
                source.problem(("nodes", nid), f"node {nid!r} cannot be reached from start {scenario.start!r}")
            )
    for eid in scenario.endings:
        if eid not in reached:
            problems.append(
                source.problem(("endings", eid), f"ending {eid!r} cannot be reached from start {scenario.start!r}")
            )
    # Walk backwards from the endings to find nodes that can finish.
    reverse: dict[str, set[str]] = {}
    for nid, nexts in graph.items():
        for target in nexts:
            reverse.setdefault(target, set()).add(nid)
    can_finish: set[str] = set()
    queue = deque(scenario.endings)
    while queue:
        current = queue.popleft()
        for before in reverse.get(current, ()):
            if before not in can_finish:
                can_finish.add(before)
                queue.append(before)
    for nid in scenario.nodes:
        if nid in reached and nid not in can_finish:
            problems.append(source.problem(("nodes", nid), f"no ending can be reached from node {nid!r}"))
    return problems


def _reachable(start: str, graph: Mapping[str, set[str]]) -> set[str]:
    seen = {start}
    queue = deque([start])
    while queue:
        for target in graph.get(queue.popleft(), ()):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def _test_problems(scenario: Scenario, source: YamlSource, rubrics: Mapping[str, Rubric]) -> list[Problem]:
    problems = []
    for index, test in enumerate(scenario.tests):
        where = ("tests", index)
        if test.node is not None:
            node = scenario.nodes.get(test.node)
            if node is None:
                problems.append(
                    source.problem(
                        (*where, "node"), f"unknown node {test.node!r}{did_you_mean(test.node, scenario.nodes)}"
                    )
                )
                continue
            intents = [r.intent for r in node.responses]
            for intent in test.routes or {}:
                if intent not in intents:
                    problems.append(
                        source.problem(
                            (*where, "routes", intent),
                            f"node {test.node!r} has no intent {intent!r}{did_you_mean(intent, intents)}",
                        )
                    )
        if test.expect is not None:
            expect = test.expect
            if expect.ending and expect.ending not in scenario.endings:
                hint = did_you_mean(expect.ending, scenario.endings)
                problems.append(source.problem((*where, "expect", "ending"), f"unknown ending {expect.ending!r}{hint}"))
            for key in ("criteria_met", "criteria_missed"):
                for position, ref in enumerate(getattr(expect, key)):
                    message = _criterion_ref_problem(ref, scenario, rubrics)
                    if message:
                        problems.append(source.problem((*where, "expect", key, position), message))
    return problems


def _criterion_ref_problem(ref: str, scenario: Scenario, rubrics: Mapping[str, Rubric]) -> str | None:
    rubric_id, _, criterion_id = ref.partition(":")
    if not criterion_id:
        return f"{ref!r} should be rubric:criterion, e.g. consent:explains-risks"
    if rubric_id not in scenario.rubrics:
        return f"rubric {rubric_id!r} is not one of this scenario's rubrics{did_you_mean(rubric_id, scenario.rubrics)}"
    rubric = rubrics.get(rubric_id)
    if rubric is not None and rubric.criterion(criterion_id) is None:
        return (
            f"rubric {rubric_id!r} has no criterion {criterion_id!r}{did_you_mean(criterion_id, rubric.criterion_ids)}"
        )
    return None


def check_rubric(rubric: Rubric, source: YamlSource) -> list[Problem]:
    """Patterns that do not compile, each at its own line."""
    problems = []
    for index, criterion in enumerate(rubric.criteria):
        for key in ("evidence", "unless", "context"):
            for position, pattern in enumerate(getattr(criterion, key)):
                try:
                    compile_pattern(pattern)
                except PatternError as error:
                    problems.append(source.problem(("criteria", index, key, position), str(error)))
        ids = [c.id for c in rubric.criteria]
        for position, other in enumerate(criterion.not_with):
            if other == criterion.id:
                reason = "the criterion itself"
            elif other not in ids:
                reason = f"unknown criterion {other!r}{did_you_mean(other, ids)}"
            else:
                continue
            problems.append(source.problem(("criteria", index, "not_with", position), f"not_with: {reason}"))
    return problems


def check_glossary(glossary: Glossary, source: YamlSource) -> list[Problem]:
    """Phrases listed twice, which would make idiom help ambiguous."""
    problems = []
    for section in ("idioms", "jargon", "non_uk"):
        seen: dict[str, int] = {}
        for index, entry in enumerate(getattr(glossary, section)):
            head = entry.phrase if section == "idioms" else entry.term
            for phrase in (head, *entry.variants):
                key = phrase.casefold().strip()
                if key in seen:
                    problems.append(
                        source.problem(
                            (section, index), f"{phrase!r} is listed twice in {section} (also entry {seen[key] + 1})"
                        )
                    )
                seen.setdefault(key, index)
    return problems
