"""Commands about the library itself: list, validate, schema, graph, test."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from commsim.cli.common import library, print_json
from commsim.cli.play_commands import can_run_app
from commsim.errors import UsageError
from commsim.library import Library, bundled_dir, validate_paths, yaml_files
from commsim.library.graph import to_dot, to_mermaid
from commsim.model import Glossary, Rubric, Scenario
from commsim.scenario_tests import run_tests

SCHEMAS = {"scenario": Scenario, "rubric": Rubric, "glossary": Glossary}


def register(commands: argparse._SubParsersAction) -> None:
    listing = commands.add_parser("list", help="list the scenarios in the library")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.add_argument("query", nargs="?", default="", help="only scenarios matching these words")
    listing.set_defaults(handler=cmd_list)

    validate = commands.add_parser("validate", help="check scenario, rubric and glossary files")
    validate.add_argument("paths", nargs="*", type=Path, help="files or folders (default: the bundled library)")
    validate.set_defaults(handler=cmd_validate)

    schema = commands.add_parser("schema", help="print the JSON Schema of a file kind (for editors)")
    schema.add_argument("kind", choices=sorted(SCHEMAS))
    schema.set_defaults(handler=cmd_schema)

    graph = commands.add_parser("graph", help="print a scenario's branch graph")
    graph.add_argument("scenario", help="a scenario id or a YAML file")
    graph.add_argument("--format", choices=["mermaid", "dot"], default="mermaid")
    graph.set_defaults(handler=cmd_graph)

    test = commands.add_parser("test", help="run the tests written inside scenario files")
    test.add_argument("paths", nargs="*", type=Path, help="files or folders (default: the bundled library)")
    test.add_argument("-v", "--verbose", action="store_true", help="show every test, not only failures")
    test.set_defaults(handler=cmd_test)


def default(args: argparse.Namespace) -> int:
    """``commsim`` with no command: the app, open on the library; the list where it cannot be drawn."""
    if can_run_app():
        from commsim.tui.app import run_app
        from commsim.tui.options import AppOptions

        return run_app(AppOptions())
    return cmd_list(argparse.Namespace(json=False, query=""))


def _report_problems(lib: Library) -> None:
    for problem in lib.problems:
        print(f"warning: {problem}", file=sys.stderr)


def cmd_list(args: argparse.Namespace) -> int:
    lib = library()
    scenarios = lib.search(args.query) if args.query else list(lib.scenarios.values())
    if args.json:
        print_json(
            [
                {
                    "id": s.id,
                    "title": s.title,
                    "counterpart": s.counterpart,
                    "setting": s.setting,
                    "rubrics": s.rubrics,
                    "nodes": len(s.nodes),
                    "endings": len(s.endings),
                    "skills": s.skills,
                    "difficulty": s.difficulty,
                    "minutes": s.minutes,
                }
                for s in scenarios
            ]
        )
        return 0
    _report_problems(lib)
    if not scenarios:
        print("No scenarios match." if args.query else "The library has no scenarios.")
        return 0
    width = max(len(s.id) for s in scenarios)
    for s in sorted(scenarios, key=lambda s: s.title.casefold()):
        print(f"{s.id:<{width}}  {s.title}  ·  {s.counterpart}  ·  {', '.join(s.rubrics)}  ·  {s.minutes} min")
    print(f"\n{len(scenarios)} scenario(s). Practise one with: commsim play ID")
    return 0


def _shown(path: Path) -> Path:
    """A path relative to the working directory when it is inside it: shorter, and clickable."""
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


def cmd_validate(args: argparse.Namespace) -> int:
    paths = args.paths or [_shown(bundled_dir("rubrics")), _shown(bundled_dir("scenarios"))]
    missing = [p for p in paths if not p.exists()]
    for path in missing:
        print(f"{path}:1: no such file or folder", file=sys.stdout)
    count, problems = validate_paths([p for p in paths if p.exists()])
    for problem in problems:
        print(problem)
    if problems or missing:
        broken = len({p.path for p in problems}) + len(missing)
        print(f"{len(problems) + len(missing)} problem(s) in {broken} file(s).", file=sys.stderr)
        return 1
    print(f"{count} file(s) valid.", file=sys.stderr)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    schema = SCHEMAS[args.kind].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"commsim {args.kind}"
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return 0


def cmd_graph(args: argparse.Namespace) -> int:
    scenario = library().scenario(args.scenario)
    print(to_mermaid(scenario) if args.format == "mermaid" else to_dot(scenario), end="")
    return 0


def cmd_test(args: argparse.Namespace) -> int:
    lib = library()
    if args.paths:
        scenarios = []
        for path in args.paths:
            if not path.exists():
                raise UsageError(f"{path}: no such file or folder")
            scenarios.extend(lib.read_scenario(f) for f in yaml_files(path))
    else:
        if lib.problems:
            for problem in lib.problems:
                print(problem)
            return 1
        scenarios = list(lib.scenarios.values())
    failed = 0
    routed = routes = 0
    for scenario in scenarios:
        outcome = run_tests(lib, scenario)
        routed += outcome.routed
        routes += outcome.routes
        status = "PASS" if outcome.passed else "FAIL"
        passed = sum(t.passed for t in outcome.tests)
        accuracy = f", routing {outcome.routed}/{outcome.routes}" if outcome.routes else ""
        print(f"{status}  {scenario.id}  ({passed}/{len(outcome.tests)} tests{accuracy})")
        if not outcome.tests:
            print("      no tests in this scenario")
        for test in outcome.tests:
            if args.verbose or not test.passed:
                print(f"      {'ok  ' if test.passed else 'FAIL'} {test.name}")
                for failure in test.failures:
                    print(f"           {failure}")
        failed += not outcome.passed
    if routes:
        print(f"\nRouting accuracy on unseen lines: {routed}/{routes} = {routed / routes:.1%}")
    print(f"{len(scenarios) - failed} of {len(scenarios)} scenario(s) passed.")
    return 1 if failed else 0
