"""``commsim play``: a consultation, headless from a script or live in the terminal."""

from __future__ import annotations

import argparse
import sys
import textwrap

from commsim.cli.common import library, print_json, read_lines
from commsim.engine import Consultation
from commsim.errors import UsageError
from commsim.runner import learner_answers, run_script
from commsim.scoring import GRADE_LABELS, score_attempt


def register(commands: argparse._SubParsersAction) -> None:
    play = commands.add_parser("play", help="practise a scenario (headless with --script)")
    play.add_argument("scenario", help="a scenario id from the library, or a path to a YAML file")
    play.add_argument("--script", metavar="FILE", help="learner answers, one per line ('-' for stdin)")
    play.add_argument("--json", action="store_true", help="with --script: print the result as one JSON object")
    play.set_defaults(handler=cmd_play)


def cmd_play(args: argparse.Namespace) -> int:
    lib = library()
    scenario = lib.scenario(args.scenario)
    if args.script is None:
        if args.json:
            raise UsageError("--json needs --script FILE")
        return _play_in_terminal(scenario)
    run = run_script(lib, scenario, read_lines(args.script))
    if args.json:
        print_json(run.to_json())
        return 0
    for turn in run.consultation.turns:
        who = "You" if turn.speaker == "learner" else scenario.persona.name
        print(f"{who}: {turn.text}")
    print(f"\nEnding: {run.consultation.ending_id or 'none reached'} · Grade: {GRADE_LABELS[run.score.grade]}")
    for outcome in run.score.rubrics.values():
        print(f"  {outcome.rubric.title}: {outcome.score}/100")
    return 0


def _play_in_terminal(scenario) -> int:
    """A plain line-by-line consultation, for terminals where the full app is not wanted."""
    lib = library()
    if not sys.stdin.isatty():
        raise UsageError("no terminal to play in; give answers with --script FILE (or '-' for stdin)")
    print(f"{scenario.title}\n{scenario.setting}\n")
    print(textwrap.fill(" ".join(scenario.brief.split()), width=80))
    print("\nType your answer and press Enter. Type /end to stop, /hint for a hint.\n")
    consultation = Consultation(scenario)
    name = scenario.persona.name
    print(f"{name}: {consultation.opening().text}")
    while not consultation.finished:
        try:
            answer = input("You: ")
        except EOFError:
            break
        if answer.strip() == "/end":
            consultation.end_early()
            break
        if answer.strip() == "/hint":
            print(f"  (hint) {consultation.hint()}")
            continue
        reply = consultation.respond(answer)
        if reply.kind == "empty":
            continue
        print(f"{name}: {reply.says}")
        if reply.hint:
            print(f"  (hint) {reply.hint}")
    score = score_attempt(lib.scorer, scenario.rubrics, learner_answers(consultation), consultation.ending_quality)
    print(f"\nGrade: {GRADE_LABELS[score.grade]}")
    for outcome in score.rubrics.values():
        print(f"\n{outcome.rubric.title}: {outcome.score}/100")
        for criterion in outcome.rubric.criteria:
            result = outcome.criteria[criterion.id]
            if criterion.negative:
                if result.met:
                    print(f'  ✘ {criterion.title}: "{result.evidence}" → {criterion.model_phrase}')
            elif result.met:
                print(f'  ✔ {criterion.title}: "{result.evidence}"')
            else:
                print(f'  ✘ {criterion.title}. Try: "{criterion.model_phrase}"')
    return 0
