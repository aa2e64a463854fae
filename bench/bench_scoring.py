"""Benchmark: scoring latency per answer, for all the rubrics of each bundled scenario.

Run: python bench/bench_scoring.py [--repeat N]
Prints the median and p99 per answer (every rubric of the scenario scored),
and the time to evaluate the whole labelled set.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from commsim.library import Library
from commsim.scoring.evaluate import evaluate, read_labelled

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    started = time.perf_counter()
    library = Library.load()
    scorer = library.scorer
    print(f"library load + scorer build: {(time.perf_counter() - started) * 1000:.0f} ms")

    items = [
        json.loads(line)
        for f in sorted(DATA.glob("scoring-*.jsonl"))
        for line in f.read_text().splitlines()
        if line.strip()
    ]
    # The first answer compiles each rubric's regular expressions: time it apart.
    start = time.perf_counter()
    for scenario in library.scenarios.values():
        for rubric_id in scenario.rubrics:
            scorer.score(rubric_id, items[0]["text"], items[0].get("context"))
    print(f"first answer for every scenario (compiles the patterns): {(time.perf_counter() - start) * 1000:.0f} ms")
    timings: list[float] = []
    for _ in range(args.repeat):
        for scenario in library.scenarios.values():
            for item in items:
                start = time.perf_counter()
                for rubric_id in scenario.rubrics:
                    scorer.score(rubric_id, item["text"], item.get("context"))
                timings.append((time.perf_counter() - start) * 1000)
    print(
        f"score one answer against all of a scenario's rubrics: n={len(timings)} "
        f"median {statistics.median(timings):.3f} ms, p99 {percentile(timings, 0.99):.3f} ms, "
        f"max {max(timings):.3f} ms"
    )

    known = {rid: r.criterion_ids for rid, r in library.rubrics.items()}
    for path in sorted(DATA.glob("scoring-*.jsonl")):
        labelled = read_labelled(path, known)
        runs = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            evaluate(scorer, labelled)
            runs.append((time.perf_counter() - start) * 1000)
        print(f"eval {path.name} ({len(labelled)} items): median {statistics.median(runs):.0f} ms")


if __name__ == "__main__":
    main()
