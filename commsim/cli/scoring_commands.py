"""``commsim score`` and ``commsim eval``: the scorer on its own."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from commsim.cli.common import library, print_json
from commsim.errors import CommsimError, UsageError
from commsim.scoring.evaluate import evaluate, format_table, read_labelled


def register(commands: argparse._SubParsersAction) -> None:
    score = commands.add_parser("score", help="score one response against a rubric")
    score.add_argument("rubric", help="a rubric id, e.g. consent")
    score.add_argument("text", nargs="?", help="the response (omit with --jsonl)")
    score.add_argument("--context", metavar="LINE", help="what the counterpart said just before")
    score.add_argument(
        "--jsonl", action="store_true", help='read {"text": ..., "context": ...} per stdin line; one result per line'
    )
    score.set_defaults(handler=cmd_score)

    ev = commands.add_parser("eval", help="measure the scorer on a labelled JSONL set")
    ev.add_argument("file", type=Path)
    ev.add_argument("--json", action="store_true", help="print the figures as JSON")
    ev.add_argument("--mistakes", action="store_true", help="also list every wrong decision")
    ev.set_defaults(handler=cmd_eval)


def cmd_score(args: argparse.Namespace) -> int:
    lib = library()
    lib.rubric(args.rubric)
    scorer = lib.scorer
    if not args.jsonl:
        if args.text is None:
            raise UsageError("give the TEXT to score, or --jsonl to read JSON lines from stdin")
        print_json(scorer.score(args.rubric, args.text, args.context).to_json())
        return 0
    if args.text is not None:
        raise UsageError("--jsonl reads from stdin; do not also give TEXT")
    status = 0
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            text = item["text"] if isinstance(item, dict) else None
            context = item.get("context") if isinstance(item, dict) else None
            if not isinstance(text, str) or not (context is None or isinstance(context, str)):
                raise TypeError
        except (json.JSONDecodeError, KeyError, TypeError):
            # One output line per input line, even for a bad one, so outputs stay aligned.
            print_json({"rubric": args.rubric, "error": f'line {number}: expected {{"text": ..., "context": ...}}'})
            status = 1
            continue
        print_json(scorer.score(args.rubric, text, context).to_json())
        sys.stdout.flush()
    return status


def cmd_eval(args: argparse.Namespace) -> int:
    lib = library()
    items = read_labelled(args.file, {rid: r.criterion_ids for rid, r in lib.rubrics.items()})
    if not items:
        raise CommsimError(f"{args.file}: no labelled items")
    report = evaluate(lib.scorer, items)
    if args.json:
        print_json(report.to_json())
    else:
        print(format_table(report))
    if args.mistakes:
        for m in report.mistakes:
            kind = "false positive" if m.predicted else "missed"
            print(
                f"{m.item.id} {m.item.rubric}:{m.criterion} {kind}: {m.item.text!r}"
                + (f" [{m.evidence}]" if m.evidence else ""),
                file=sys.stderr,
            )
    return 0
