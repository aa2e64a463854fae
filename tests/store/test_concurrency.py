"""30 processes writing turns to one database at once lose and duplicate nothing.

The processes start together on a database that does not exist yet, so they
also race to create it and to apply the migrations. Every row is then counted.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from commsim.store import MIGRATIONS, Store
from tests.store.conftest import subprocess_env

PROCESSES = 30
TURNS = 21  # the opening, then 10 answer-and-reply pairs, committed one turn at a time
GUARD_SECONDS = 120

WORKER = """
import sys, time
from pathlib import Path
from commsim.store import AttemptOutcome, NewTurn, RubricScoreRecord, Store
db, go, worker, turns = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
while not go.exists():
    time.sleep(0.002)
store = Store.open(db)
attempt = store.start_attempt(
    "crowd", scenario_id=f"scenario-{worker % 3}", scenario_title="T", rubrics=["consent"],
    turns=[NewTurn(speaker="counterpart", text=f"w{worker}-t0", node="n")],
)
for seq in range(1, turns):
    speaker = "learner" if seq % 2 else "counterpart"
    store.record_turn(attempt.id, seq, NewTurn(speaker=speaker, text=f"w{worker}-t{seq}", node="n"))
store.finish_attempt(attempt.id, AttemptOutcome(grade="pass", rubrics=[RubricScoreRecord(id="consent", title="C", score=worker)]))
print(attempt.id)
"""


def test_thirty_processes_writing_at_once_lose_and_duplicate_nothing(tmp_path: Path, db_path: Path):
    assert not db_path.exists()
    go = tmp_path / "go"
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(db_path), str(go), str(n), str(TURNS)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=subprocess_env(),
        )
        for n in range(PROCESSES)
    ]
    time.sleep(0.5)  # let them all reach the starting line; correctness does not depend on it
    go.touch()
    results = [w.communicate(timeout=GUARD_SECONDS) for w in workers]
    for worker, (_, err) in zip(workers, results, strict=True):
        assert worker.returncode == 0, err
    attempt_ids = sorted(int(out) for out, _ in results)
    assert len(set(attempt_ids)) == PROCESSES

    with Store.open(db_path) as store:
        db = store._db
        assert db.execute("SELECT count(*) FROM learners").fetchone()[0] == 1
        assert db.execute("SELECT count(*) FROM _commsim_migrations").fetchone()[0] == len(MIGRATIONS)
        assert sorted(r[0] for r in db.execute("SELECT id FROM attempts")) == attempt_ids
        rows = db.execute("SELECT attempt_id, seq, speaker, text FROM turns ORDER BY attempt_id, seq").fetchall()
        assert len(rows) == PROCESSES * TURNS
        assert len({row["text"] for row in rows}) == PROCESSES * TURNS  # no duplicates
        by_attempt: dict[int, list[tuple[int, str]]] = {}
        for row in rows:
            by_attempt.setdefault(row["attempt_id"], []).append((row["seq"], row["text"]))
        for attempt_id, turns in by_attempt.items():
            worker = turns[0][1].split("-")[0]
            assert turns == [(seq, f"{worker}-t{seq}") for seq in range(TURNS)], attempt_id
        scores = sorted(r[0] for r in db.execute("SELECT score FROM rubric_scores"))
        assert scores == list(range(PROCESSES))
        assert {a.status for a in store.attempts()} == {"finished"}
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
