"""Commands about stored attempts: history, resume, report, export, forget.

Each takes ``--db PATH`` (else ``COMMSIM_DB``, else the database in the user's
data directory). Commands that only read never create a database.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from commsim.cli.common import library, print_json
from commsim.cli.play_commands import add_db_option, resume_command, terminal_loop
from commsim.errors import CommsimError, UsageError
from commsim.report import FORMATS, render_report
from commsim.scoring import GRADE_LABELS
from commsim.store import AttemptNotFoundError, AttemptSession, Store, resolve_db_path
from commsim.store.export import export_records, write_csv, write_jsonl


def register(commands: argparse._SubParsersAction) -> None:
    history = commands.add_parser("history", help="your attempts: date, scenario, grade, score per rubric")
    history.add_argument("--json", action="store_true", help="print a JSON array")
    history.add_argument("--learner", metavar="NAME", help="only this learner's attempts")
    history.add_argument("--scenario", metavar="ID", help="only attempts at this scenario")
    history.add_argument("--limit", type=int, metavar="N", help="only the N most recent")
    add_db_option(history)
    history.set_defaults(handler=cmd_history)

    resume = commands.add_parser("resume", help="carry on an interrupted consultation from its last turn")
    resume.add_argument("attempt", nargs="?", type=int, help="the attempt id (default: the latest unfinished one)")
    resume.add_argument("--learner", metavar="NAME", help="the latest unfinished attempt of this learner")
    add_db_option(resume)
    resume.set_defaults(handler=cmd_resume)

    report = commands.add_parser("report", help="the feedback report of an attempt, as HTML or Markdown")
    report.add_argument("attempt", help="the attempt id, or 'last' for the latest finished attempt")
    report.add_argument("--format", choices=FORMATS, default="html", help="html (one printable file) or md")
    report.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: standard output)")
    add_db_option(report)
    report.set_defaults(handler=cmd_report)

    export = commands.add_parser("export", help="attempts and scores for spreadsheets (csv) or scripts (jsonl)")
    export.add_argument("--format", choices=["csv", "jsonl"], default="csv")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: standard output)")
    export.add_argument("--learner", metavar="NAME", help="only this learner's attempts")
    add_db_option(export)
    export.set_defaults(handler=cmd_export)

    forget = commands.add_parser("forget", help="delete a learner and all their attempts (right to erasure)")
    forget.add_argument("learner", metavar="LEARNER", help="the learner's display name")
    forget.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    add_db_option(forget)
    forget.set_defaults(handler=cmd_forget)


def _open_existing(args: argparse.Namespace) -> Store | None:
    """The database if it exists; None (and nothing created) if it does not."""
    path = resolve_db_path(args.db)
    if not path.exists():
        return None
    return Store.open(path, create=False)


def cmd_history(args: argparse.Namespace) -> int:
    store = _open_existing(args)
    if store is None:
        if args.json:
            print_json([])
        else:
            print(
                f"No attempts yet. Practise one with: commsim play ID (attempts are kept in {resolve_db_path(args.db)})"
            )
        return 0
    with store:
        attempts = store.attempts(learner=args.learner, scenario=args.scenario, limit=args.limit)
    if args.json:
        print_json(
            [
                {
                    "attempt": a.id,
                    "learner": a.learner,
                    "scenario": a.scenario_id,
                    "title": a.scenario_title,
                    "started": a.started_at.isoformat(),
                    "finished": a.finished_at.isoformat() if a.finished_at else None,
                    "status": a.status,
                    "ending": a.ending,
                    "grade": a.grade,
                    "rubrics": a.scores,
                }
                for a in attempts
            ]
        )
        return 0
    if not attempts:
        print("No attempts match." if args.learner or args.scenario else "No attempts yet.")
        return 0
    rows = [
        (
            f"#{a.id}",
            f"{a.started_at.astimezone():%Y-%m-%d %H:%M}",
            a.learner,
            a.scenario_id,
            GRADE_LABELS.get(a.grade or "", a.grade or "") if a.finished else "unfinished",
            "  ".join(f"{rid} {score}" for rid, score in a.scores.items()) if a.finished else f"{a.turns} turns",
        )
        for a in attempts
    ]
    header = ("attempt", "date", "learner", "scenario", "grade", "scores")
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header) - 1)]
    for row in [header, *rows]:
        print("  ".join(f"{cell:<{width}}" for cell, width in zip(row, widths, strict=False)) + "  " + row[-1])
    unfinished = [a for a in attempts if not a.finished]
    if unfinished:
        print(f"\nCarry on an unfinished attempt with: {resume_command(unfinished[0].id, args.db)}")
    return 0


def cmd_resume(args: argparse.Namespace) -> int:
    if not sys.stdin.isatty():
        raise UsageError("no terminal to play in; resume needs a terminal")
    store = _open_existing(args)
    if store is None:
        raise CommsimError(f"nothing to resume: no attempts in {resolve_db_path(args.db)}")
    with store:
        attempt_id = args.attempt
        if attempt_id is None:
            open_ones = store.unfinished_attempts(learner=args.learner)
            if not open_ones:
                raise CommsimError("nothing to resume: every attempt has finished. Start one with: commsim play ID")
            attempt_id = open_ones[0].id
        session = AttemptSession.resume(store, library(), attempt_id)
        scenario = session.scenario
        print(f"Resuming attempt {attempt_id}: {scenario.title} ({session.attempt.learner})\n{scenario.setting}\n")
        print("Type your answer and press Enter. Type /end to stop, /hint for a hint.\n")
        for turn in session.consultation.turns:
            who = "You" if turn.speaker == "learner" else scenario.persona.name
            print(f"{who}: {turn.text}")
        return terminal_loop(session, args.db)


def cmd_report(args: argparse.Namespace) -> int:
    store = _open_existing(args)
    if store is None:
        raise AttemptNotFoundError(f"no attempts in {resolve_db_path(args.db)}")
    with store:
        attempt_id = _attempt_id(store, args.attempt)
        text = render_report(store, library(), attempt_id, args.format)
    if args.output:
        with _output(args.output, newline=None) as out:
            out.write(text)
        print(f"Wrote the report of attempt {attempt_id} to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    store = _open_existing(args)
    records = []
    if store is not None:
        with store:
            records = export_records(store, learner=args.learner)
    if args.output:
        with _output(args.output, newline="") as out:
            count = write_csv(records, out) if args.format == "csv" else write_jsonl(records, out)
        print(f"Exported {count} attempt(s) to {args.output}", file=sys.stderr)
    elif args.format == "csv":
        write_csv(records, sys.stdout)
    else:
        write_jsonl(records, sys.stdout)
    return 0


def cmd_forget(args: argparse.Namespace) -> int:
    store = _open_existing(args)
    if store is None:
        raise AttemptNotFoundError(f"no learner {args.learner!r}: there is no database at {resolve_db_path(args.db)}")
    with store:
        learner = store.find_learner(args.learner)
        if learner is None:
            names = ", ".join(repr(known.name) for known in store.learners()) or "none"
            raise AttemptNotFoundError(f"no learner {args.learner!r} in {store.path} (learners: {names})")
        if not args.yes:
            if not sys.stdin.isatty():
                raise UsageError("forget deletes a learner's data for good; add --yes to confirm")
            reply = input(f"Delete learner {learner.name!r} and all their attempts from {store.path}? [y/N] ")
            if reply.strip().lower() not in ("y", "yes"):
                print("Nothing deleted.")
                return 1
        report = store.forget_learner(learner.name)
    print(
        f"Deleted learner {report.learner!r}: {report.attempts} attempt(s), {report.turns} turn(s), "
        f"{report.rubric_scores} rubric score(s) and {report.criterion_results} criterion result(s) from {store.path}."
    )
    return 0


def _attempt_id(store: Store, reference: str) -> int:
    if reference == "last":
        finished = store.attempts(status="finished", limit=1)
        if not finished:
            raise AttemptNotFoundError(f"no finished attempts in {store.path}")
        return finished[0].id
    try:
        return int(reference.lstrip("#"))
    except ValueError:
        raise UsageError(f"an attempt is a number (see commsim history) or 'last', not {reference!r}") from None


@contextmanager
def _output(name: str, newline: str | None) -> Iterator[IO[str]]:
    """Write a file whole or not at all: a failed export never leaves half a file behind."""
    path = Path(name)
    if path.is_dir():
        raise UsageError(f"{name}: is a folder; give a file name")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as error:
        raise CommsimError(f"{name}: cannot write ({error.strerror})") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline=newline) as out:
            yield out
        os.chmod(temporary, 0o644 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
