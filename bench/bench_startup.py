"""Start-up time of the app: from launching the process to the library screen showing every scenario.

Each run is a fresh Python process that imports the ``commsim`` command, builds
the app exactly as ``commsim`` does and runs it headless; when the library
table holds every scenario, the process prints the wall-clock time and quits.
The figure is that moment minus the moment the parent launched the process, so
interpreter start-up, imports, loading the library and the first paint all
count.

Two cases: a warm start (the library cache in the user's cache directory is
current, as on every start after the first) and a cold start (no cache, as on
the very first start or after a scenario file changed). A cold start lists the
scenarios from a quick read of the files first and checks them all in a
worker; both moments are reported.

    python bench/bench_startup.py [--runs 30] [--cold-runs 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 1.0

CHILD = r"""
import time
import commsim.cli  # the console script imports this first
from commsim.tui.app import create_app
from commsim.tui.options import AppOptions
from commsim.tui.widgets.scenario_table import ScenarioTable

app = create_app(AppOptions(cursor_blink=False))

async def until_ready(pilot):
    listed = None
    while True:
        screen = app.screen
        tables = list(screen.query(ScenarioTable))
        shown = tables and tables[0].display and 0 < tables[0].row_count == len(screen.summaries)
        if shown and listed is None:
            listed = time.time()
        if shown and app.library is not None:
            break
        await pilot.pause(0.002)
    print(repr(listed), repr(time.time()), flush=True)
    app.exit()

app.run(headless=True, size=(100, 30), auto_pilot=until_ready)
"""


def one_run(env: dict[str, str]) -> tuple[float, float]:
    """Seconds from launch to every scenario listed, and to the library loaded (a scenario can be opened)."""
    started = time.time()
    result = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, check=False, timeout=60
    )
    if result.returncode != 0:
        raise SystemExit(f"the app did not start:\n{result.stderr}")
    listed, loaded = (float(x) for x in result.stdout.strip().splitlines()[-1].split())
    return listed - started, loaded - started


def summary(name: str, times: list[float]) -> str:
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return (
        f"{name}: median {statistics.median(times) * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, "
        f"min {ordered[0] * 1000:.0f} ms over {len(times)} runs"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30, help="warm starts to time")
    parser.add_argument("--cold-runs", type=int, default=10, help="cold starts (no library cache) to time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        base = dict(os.environ)
        base["COMMSIM_DB"] = str(Path(scratch) / "bench.db")
        base.pop("COMMSIM_LIBRARY", None)
        cold = []
        for index in range(args.cold_runs):
            env = dict(base, COMMSIM_CACHE_DIR=str(Path(scratch) / f"cold-{index}"))
            cold.append(one_run(env))
        warm_env = dict(base, COMMSIM_CACHE_DIR=str(Path(scratch) / "warm"))
        one_run(warm_env)  # fills the cache
        warm = [one_run(warm_env) for _ in range(args.runs)]
    print(f"Start-up to the library screen ({os.cpu_count()} CPUs, Python {sys.version.split()[0]}):")
    print("  " + summary("warm start, every scenario listed and openable", [t[1] for t in warm]))
    if cold:
        print("  " + summary("cold start, every scenario listed", [t[0] for t in cold]))
        print("  " + summary("cold start, library checked and openable", [t[1] for t in cold]))
    listed = [t[0] for t in warm + cold]
    verdict = "meets" if statistics.median(listed) < TARGET_SECONDS and max(listed) < TARGET_SECONDS else "MISSES"
    print(f"  every start listed the library within the {TARGET_SECONDS:.0f} s target: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
