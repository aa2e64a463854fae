"""Opening the database: tuning, migrations, and refusing files that are not ours without touching them."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from commsim.store import MIGRATIONS, Migration, NewTurn, Store, StoreError, default_db_path, resolve_db_path
from commsim.store.db import APPLICATION_ID, connect
from commsim.store.migrations import MIGRATIONS_TABLE, applied_migrations, migrate
from tests.store.conftest import subprocess_env


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fill(path: Path, attempts: int = 3) -> None:
    """A real commsim database with some attempts in it, checkpointed into the main file."""
    with Store.open(path) as store:
        for n in range(attempts):
            attempt = store.start_attempt(
                "ada",
                scenario_id="s",
                scenario_title="S",
                rubrics=["consent"],
                turns=[NewTurn(speaker="counterpart", text="hello " * 200, node="a")],
            )
            store.record_turn(attempt.id, 1, NewTurn(speaker="learner", text=f"answer {n} " * 300, node="a"))


def test_a_new_database_is_tuned_for_durability_and_concurrency(db_path):
    with Store.open(db_path) as store:
        pragma = lambda name: store._db.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") >= 5000
        assert pragma("application_id") == APPLICATION_ID
        assert pragma("user_version") == len(MIGRATIONS)
        assert applied_migrations(store._db) == [m.name for m in MIGRATIONS]


def test_opening_again_applies_nothing(db_path):
    Store.open(db_path).close()
    connection = connect(db_path)
    try:
        assert migrate(connection, db_path) == []
        rows = connection.execute(f"SELECT count(*) FROM {MIGRATIONS_TABLE}").fetchone()[0]
        assert rows == len(MIGRATIONS)
    finally:
        connection.close()


def test_an_older_database_gets_only_the_migrations_it_lacks(db_path):
    first = Migration("001-notes", ("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)",))
    second = Migration("002-notes-author", ("ALTER TABLE notes ADD COLUMN author TEXT",))
    connection = connect(db_path)
    try:
        assert migrate(connection, db_path, [first]) == ["001-notes"]
        connection.execute("INSERT INTO notes (body) VALUES ('kept')")
        assert migrate(connection, db_path, [first, second]) == ["002-notes-author"]
        assert applied_migrations(connection) == ["001-notes", "002-notes-author"]
        assert connection.execute("SELECT body, author FROM notes").fetchall() == [("kept", None)]
    finally:
        connection.close()


def test_a_failing_migration_leaves_the_schema_as_it_was(db_path):
    good = Migration("001-notes", ("CREATE TABLE notes (id INTEGER PRIMARY KEY)",))
    bad = Migration("002-broken", ("CREATE TABLE more (id INTEGER)", "ALTER TABLE nowhere ADD COLUMN x"))
    connection = connect(db_path)
    try:
        with pytest.raises(StoreError):
            migrate(connection, db_path, [good, bad])
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert tables == set()  # Not even the good one: all the pending migrations go in one transaction.
        assert applied_migrations(connection) == []
    finally:
        connection.close()


def test_a_database_from_a_newer_commsim_is_refused_and_left_alone(db_path):
    fill(db_path, attempts=1)
    with sqlite3.connect(db_path) as raw:
        raw.execute(f"INSERT INTO {MIGRATIONS_TABLE} (name, applied_at) VALUES ('999-from-the-future', 'x')")
    raw.close()
    before = digest(db_path)
    with pytest.raises(StoreError) as raised:
        Store.open(db_path)
    assert "newer version of commsim" in str(raised.value) and "999-from-the-future" in str(raised.value)
    assert "\n" not in str(raised.value)
    assert digest(db_path) == before


def _text_file(path: Path) -> None:
    path.write_text("These are my notes, not a database.\n" * 50)


def _random_bytes(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 40)


def _foreign_sqlite(path: Path) -> None:
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE recipes (name TEXT)")
        raw.execute("INSERT INTO recipes VALUES ('scones')")
    raw.close()


def _truncated(path: Path) -> None:
    fill(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _scribbled(path: Path) -> None:
    fill(path)
    data = bytearray(path.read_bytes())
    page = 4096
    data[page : len(data)] = bytes((i * 7 + 3) % 256 for i in range(len(data) - page))
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (_text_file, "not an SQLite file"),
        (_random_bytes, "not an SQLite file"),
        (_foreign_sqlite, "another program"),
        (_truncated, "damaged"),
        (_scribbled, "damaged"),
    ],
    ids=["text", "random-bytes", "foreign-sqlite", "truncated", "scribbled"],
)
def test_a_file_that_is_not_a_sound_commsim_database_is_refused_in_one_line_and_not_changed(db_path, make, expected):
    make(db_path)
    before = digest(db_path)
    for command in (["history"], ["history", "--json"], ["export"], ["report", "1"], ["forget", "ada", "--yes"]):
        result = subprocess.run(
            [sys.executable, "-m", "commsim", *command, "--db", str(db_path)],
            capture_output=True,
            text=True,
            env=subprocess_env(),
        )
        assert result.returncode == 1, (command, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"{db_path}:") and expected in lines[0], result.stderr
    # Writing too (a scripted run) is refused before anything is written.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "commsim",
            "play",
            str(Path(__file__).parents[1] / "fixtures/valid/mini-consent.yaml"),
            "--script",
            "-",
        ],
        input="What is worrying you?\n",
        capture_output=True,
        text=True,
        env=subprocess_env(COMMSIM_DB=str(db_path)),
    )
    assert result.returncode == 1 and expected in result.stderr
    assert digest(db_path) == before
    assert not Path(f"{db_path}-wal").exists() or Path(f"{db_path}-wal").stat().st_size == 0


def test_a_folder_at_the_path_is_refused(tmp_path):
    with pytest.raises(StoreError, match="is a folder"):
        Store.open(tmp_path)


def test_read_only_commands_never_create_a_database(db_path, capsys):
    from commsim.cli import main

    assert main(["history"]) == 0
    assert "No attempts yet" in capsys.readouterr().out
    assert main(["export", "--format", "jsonl"]) == 0
    assert main(["report", "1"]) == 2
    assert not db_path.exists()


def test_the_database_path_comes_from_the_option_then_the_environment_then_the_data_directory(tmp_path, monkeypatch):
    assert resolve_db_path(tmp_path / "given.db") == tmp_path / "given.db"
    assert resolve_db_path(None) == tmp_path / "commsim.db"  # COMMSIM_DB, set by the autouse fixture
    monkeypatch.delenv("COMMSIM_DB")
    assert resolve_db_path(None) == default_db_path()
    assert default_db_path().name == "commsim.db"
    # The autouse fixture moved the data directory into tmp_path as well.
    assert str(default_db_path()).startswith(str(tmp_path))
