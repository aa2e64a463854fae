"""``commsim play``: a consultation, headless from a script or live in the terminal.

A live consultation is stored turn by turn (``--db``, ``COMMSIM_DB`` or the
default database), so an interrupted one can be carried on with ``commsim
resume``. A scripted run is stored only when a database is named (``--db`` or
``COMMSIM_DB``); its JSON then gains an ``attempt`` key and is otherwise the
same.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import textwrap
from pathlib import Path

from commsim.cli.common import library, print_json, read_lines
from commsim.errors import UsageError
from commsim.runner import ScriptRun, run_script
from commsim.scoring import GRADE_LABELS, AttemptScore
from commsim.store import AttemptSession, Store, configured_db_path, default_db_path
from commsim.store.db import DB_ENV

LEARNER_ENV = "COMMSIM_LEARNER"
DEFAULT_LEARNER = "me"


def register(commands: argparse._SubParsersAction) -> None:
    play = commands.add_parser("play", help="practise a scenario (headless with --script)")
    play.add_argument("scenario", help="a scenario id from the library, or a path to a YAML file")
    play.add_argument("--script", metavar="FILE", help="learner answers, one per line ('-' for stdin)")
    play.add_argument("--json", action="store_true", help="with --script: print the result as one JSON object")
    play.add_argument(
        "--watch", action="store_true", help="reload the scenario whenever its file changes (for authors)"
    )
    add_db_option(play)
    add_learner_option(play)
    play.set_defaults(handler=cmd_play)


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        help=f"the attempts database (default: ${DB_ENV}, else {default_db_path()})",
    )


def add_learner_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--learner",
        metavar="NAME",
        help=f"your display name in the database (default: ${LEARNER_ENV}, else {DEFAULT_LEARNER!r})",
    )


def learner_name(args: argparse.Namespace) -> str:
    return getattr(args, "learner", None) or os.environ.get(LEARNER_ENV, "").strip() or DEFAULT_LEARNER


def resume_command(attempt_id: int, db: str | None) -> str:
    return f"commsim resume {attempt_id}" + (f" --db {shlex.quote(db)}" if db else "")


def cmd_play(args: argparse.Namespace) -> int:
    lib = library()
    scenario = lib.scenario(args.scenario)
    if args.script is None:
        if args.json:
            raise UsageError("--json needs --script FILE")
        if can_run_app():
            return _play_in_app(scenario, args)
        if args.watch:
            raise UsageError("--watch opens the app, which needs a terminal")
        return _play_in_terminal(scenario, args)
    if args.watch:
        raise UsageError("--watch reloads the scenario in the app; it cannot be used with --script")
    db = configured_db_path(args.db)
    attempt_id = None
    if db is None:
        run = run_script(lib, scenario, read_lines(args.script))
    else:
        run, attempt_id = _run_script_stored(scenario, read_lines(args.script), args, db)
    if args.json:
        result = run.to_json()
        if attempt_id is not None:
            result["attempt"] = attempt_id
        print_json(result)
        return 0
    for turn in run.consultation.turns:
        who = "You" if turn.speaker == "learner" else scenario.persona.name
        print(f"{who}: {turn.text}")
    print(f"\nEnding: {run.consultation.ending_id or 'none reached'} · Grade: {GRADE_LABELS[run.score.grade]}")
    for outcome in run.score.rubrics.values():
        print(f"  {outcome.rubric.title}: {outcome.score}/100")
    if attempt_id is not None:
        print(f"\nSaved as attempt {attempt_id}. Report: commsim report {attempt_id} -o report.html")
    return 0


def _run_script_stored(scenario, lines: list[str], args: argparse.Namespace, db: Path) -> tuple[ScriptRun, int]:
    """``run_script``, with each answer committed as it is taken and the result recorded."""
    lib = library()
    with Store.open(db) as store:
        session = AttemptSession.start(
            store, lib, scenario, learner_name(args), mode="script", source=_source(args.scenario)
        )
        replies = []
        for line in lines:
            if session.finished:
                break
            if not line.strip():
                continue
            replies.append(session.respond(line))
        score = session.finish()
    return ScriptRun(session.consultation, replies, score), session.attempt.id


def _source(reference: str) -> str | None:
    """The YAML file a scenario was played from, when it was not named by a library id."""
    lib = library()
    if reference in lib.scenarios:
        return None
    return str(Path(reference).resolve())


def can_run_app() -> bool:
    """Whether the full-screen app can be drawn: a terminal in and out, and not a dumb one."""
    return sys.stdin.isatty() and sys.stdout.isatty() and os.environ.get("TERM", "") != "dumb"


def _play_in_app(scenario, args: argparse.Namespace) -> int:
    """The full-screen app, open at the scenario's briefing (imported here: headless runs never load Textual)."""
    from commsim.tui.app import run_app
    from commsim.tui.options import AppOptions

    lib = library()
    source = _source(args.scenario)
    if args.watch and source is None:
        source = str(lib.scenario_path(scenario.id) or "") or None
    return run_app(
        AppOptions(
            db=Path(args.db) if args.db else None,
            learner=learner_name(args),
            library=lib,
            scenario=scenario,
            source=Path(source) if source else None,
            watch=args.watch,
        )
    )


def _play_in_terminal(scenario, args: argparse.Namespace) -> int:
    """A plain line-by-line consultation: the fallback where the app cannot be drawn (see ``can_run_app``)."""
    lib = library()
    if not sys.stdin.isatty():
        raise UsageError("no terminal to play in; give answers with --script FILE (or '-' for stdin)")
    with Store.open(args.db) as store:
        session = AttemptSession.start(store, lib, scenario, learner_name(args), source=_source(args.scenario))
        print(f"{scenario.title}\n{scenario.setting}\n")
        print(textwrap.fill(" ".join(scenario.brief.split()), width=80))
        print("\nType your answer and press Enter. Type /end to stop, /hint for a hint.\n")
        print(f"{scenario.persona.name}: {session.consultation.opening().text}")
        return terminal_loop(session, args.db)


def terminal_loop(session: AttemptSession, db: str | None = None) -> int:
    """Answers from the terminal until an ending or /end; each is stored as it is taken.

    End of input (Ctrl-D) or Ctrl-C pauses: the attempt stays open to be resumed.
    """
    consultation = session.consultation
    name = consultation.scenario.persona.name
    while not session.finished:
        try:
            answer = input("You: ")
        except (EOFError, KeyboardInterrupt) as stop:
            print(f"\n\nPaused. Your answers so far are saved; carry on with: {resume_command(session.attempt.id, db)}")
            return 130 if isinstance(stop, KeyboardInterrupt) else 0
        if answer.strip() == "/end":
            session.end_early()
            break
        if answer.strip() == "/hint":
            print(f"  (hint) {consultation.hint()}")
            continue
        reply = session.respond(answer)
        if reply.kind == "empty":
            continue
        print(f"{name}: {reply.says}")
        if reply.hint:
            print(f"  (hint) {reply.hint}")
    score = session.finish()
    _print_feedback(score)
    attempt_id = session.attempt.id
    print(f"\nSaved as attempt {attempt_id}. Full report: commsim report {attempt_id} -o report.html")
    return 0


def _print_feedback(score: AttemptScore) -> None:
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
