"""Benchmark: the cost of storing a turn, and of rendering a feedback report.

Run: python bench/bench_store.py [--turns N] [--reports N] [--dir FOLDER]
Prints the median and p99 of:

- storing one turn (``record_turn``), and one answer with its reply
  (``record_turns``, what each learner answer costs), with the durability
  settings commsim uses (WAL, ``synchronous=FULL``: every commit is on disk),
  and, for comparison only, with ``synchronous=NORMAL``;
- a whole learner turn through ``AttemptSession.respond`` (engine, scoring of
  every rubric, storing);
- rendering a report (HTML and Markdown) of an attempt with 20 earlier attempts
  in its trend, loading included.

The target is a median under 5 ms to store a turn. ``--dir`` puts the database
on the disk to measure (by default a temporary folder).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from commsim.library import Library
from commsim.report import render_report
from commsim.store import AttemptSession, NewTurn, Store

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "valid"
ANSWERS = [
    "When you say you're on edge, what is worrying you about the mole?",
    "Is it OK if I explain what we'd do? We'll numb the skin and take a small sample of the mole.",
    "There's a small chance of infection and you'll have a small scar. Another option is to watch it.",
]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def report(label: str, timings: list[float]) -> None:
    print(
        f"{label}: n={len(timings)} median {statistics.median(timings):.3f} ms, "
        f"p99 {percentile(timings, 0.99):.3f} ms, max {max(timings):.3f} ms"
    )


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def bench_turns(folder: Path, count: int, synchronous: str | None) -> tuple[list[float], list[float]]:
    with Store.open(folder / f"turns-{synchronous or 'default'}.db") as store:
        if synchronous:
            store._db.execute(f"PRAGMA synchronous = {synchronous}")
        attempt = store.start_attempt("bench", scenario_id="s", scenario_title="S", rubrics=["consent"])
        answer = NewTurn(
            speaker="learner",
            text=ANSWERS[2],
            node="questions",
            intent="explains-risks",
            confidence=0.8,
            criteria_met={"consent": ["explains-risks", "offers-alternatives"], "uk-idiom": []},
        )
        reply = NewTurn(speaker="counterpart", text="Right. Will it hurt?", node="questions", idioms=["on edge"])
        seq = 0
        singles, pairs = [], []
        for _ in range(count):
            singles.append(timed(lambda s=seq: store.record_turn(attempt.id, s, answer)))
            seq += 1
            pairs.append(timed(lambda s=seq: store.record_turns(attempt.id, s, [answer, reply])))
            seq += 2
    return singles, pairs


def bench_respond(folder: Path, library: Library, count: int) -> list[float]:
    scenario = library.scenarios["mini-consent"]
    timings = []
    with Store.open(folder / "respond.db") as store:
        while len(timings) < count:
            session = AttemptSession.start(store, library, scenario, "bench")
            for answer in ANSWERS:
                timings.append(timed(lambda a=answer, s=session: s.respond(a)))
            session.finish()
    return timings


def bench_reports(folder: Path, library: Library, count: int) -> dict[str, list[float]]:
    scenario = library.scenarios["mini-consent"]
    with Store.open(folder / "reports.db") as store:
        for _ in range(21):
            session = AttemptSession.start(store, library, scenario, "bench")
            for answer in ANSWERS:
                session.respond(answer)
            session.finish()
        attempt_id = session.attempt.id
        render_report(store, library, attempt_id, "html")  # templates compiled once, as in a long-lived app
        render_report(store, library, attempt_id, "md")
        return {
            fmt: [timed(lambda f=fmt: render_report(store, library, attempt_id, f)) for _ in range(count)]
            for fmt in ("html", "md")
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=1000, help="turns to store per setting")
    parser.add_argument("--reports", type=int, default=100, help="reports to render per format")
    parser.add_argument("--dir", type=Path, help="folder for the databases (default: a temporary one)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(dir=args.dir) as name:
        folder = Path(name)
        singles, pairs = bench_turns(folder, args.turns, None)
        report("store one turn (WAL, synchronous=FULL, as used)", singles)
        report("store an answer and its reply in one commit (as used)", pairs)
        singles, pairs = bench_turns(folder, args.turns, "NORMAL")
        report("for comparison: one turn with synchronous=NORMAL", singles)

        library = Library.load(scenario_dirs=[FIXTURES])
        report(
            "a learner turn through AttemptSession.respond (engine + scoring + store)",
            bench_respond(folder, library, 300),
        )
        for fmt, timings in bench_reports(folder, library, args.reports).items():
            report(f"render a {fmt} report with a 21-attempt trend (load included)", timings)


if __name__ == "__main__":
    main()
