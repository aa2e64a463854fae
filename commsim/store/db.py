"""Opening the attempts database: where it lives, what it must look like, how it is tuned.

This is the only module that calls ``sqlite3.connect``. Before anything is
written, the file at the path is checked: a file that is not SQLite, a SQLite
database of another program, a damaged one or one written by a newer commsim
is refused with a one-line message, and its bytes are left exactly as they
were. Only then is the connection tuned for durability and concurrency:

- WAL journal, so readers (``history``, a trainer's ``export``) never block the
  learner's writes and one writer does not block readers;
- ``synchronous=FULL``: each commit is on disk before the learner sees the
  counterpart's reply, so a turn survives ``kill -9`` and a power cut too (it
  costs well under a millisecond a turn here; see ``bench/bench_store.py``);
- a busy timeout, so processes that write at the same moment wait their turn
  instead of failing;
- foreign keys on, so deleting a learner deletes everything of theirs.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import platformdirs

from commsim.errors import CommsimError

DB_ENV = "COMMSIM_DB"
"""Environment variable naming the database file (``--db PATH`` wins over it)."""
DB_FILENAME = "commsim.db"
APPLICATION_ID = 0x636D7369
"""Written in the SQLite header (bytes 68–71, ``cmsi``) so our files are recognised as ours."""
BUSY_TIMEOUT_SECONDS = 15.0
"""How long a writer waits for another process's write to finish before giving up."""
SYNCHRONOUS = "FULL"
_SQLITE_HEADER = b"SQLite format 3\x00"


class StoreError(CommsimError):
    """The attempts database cannot be used as asked; the message says why and what to do."""


class AttemptNotFoundError(StoreError):
    """An attempt id (or learner name) that the database does not have."""

    exit_code = 2


def default_db_path() -> Path:
    """The database in the user's data directory (e.g. ``~/.local/share/commsim/commsim.db``)."""
    return platformdirs.user_data_path("commsim", appauthor=False) / DB_FILENAME


def configured_db_path(option: str | os.PathLike[str] | None) -> Path | None:
    """The database named by ``--db`` or ``COMMSIM_DB``, or None when neither is set."""
    value = option if option not in (None, "") else os.environ.get(DB_ENV, "")
    if not value:
        return None
    return Path(value).expanduser()


def resolve_db_path(option: str | os.PathLike[str] | None = None) -> Path:
    """``--db PATH``, else ``COMMSIM_DB``, else the default in the user's data directory."""
    return configured_db_path(option) or default_db_path()


def connect(path: Path, *, create: bool = True) -> sqlite3.Connection:
    """Open and tune the database at ``path`` after checking it is safe to write to.

    Args:
        path: the database file.
        create: make the file (and its folder) if it does not exist; when False
            a missing file raises ``StoreError``.

    Raises:
        StoreError: the path is a folder, is not a commsim database, is damaged,
            or cannot be opened.
    """
    path = Path(path)
    _check_file(path)
    if not path.exists():
        if not create:
            raise StoreError(f"{path}: no attempts database here yet; practise a scenario first (commsim play ID)")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"{path}: cannot create its folder ({error.strerror})") from None
    try:
        # Autocommit mode: every write below says BEGIN IMMEDIATE itself, so a
        # transaction takes the write lock up front and never has to upgrade.
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as error:
        raise StoreError(f"{path}: cannot open the attempts database ({error})") from None
    try:
        _check_contents(connection, path)
        connection.execute("PRAGMA foreign_keys = ON")
        if connection.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            connection.execute("PRAGMA journal_mode = WAL")
        connection.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
    except StoreError:
        connection.close()
        raise
    except sqlite3.Error as error:
        connection.close()
        raise damaged(path, error) from None
    return connection


def damaged(path: Path, error: sqlite3.Error) -> StoreError:
    """The message for a database SQLite cannot read (or write) as it stands."""
    reason = str(error) or type(error).__name__
    if isinstance(error, sqlite3.OperationalError) and "locked" in reason:
        return StoreError(f"{path}: the database stayed busy for {BUSY_TIMEOUT_SECONDS:.0f} s; try again")
    if isinstance(error, sqlite3.OperationalError) and ("readonly" in reason or "read-only" in reason):
        return StoreError(f"{path}: the database is read-only; choose another file with --db or {DB_ENV}")
    return StoreError(
        f"{path}: the attempts database is damaged ({reason}); nothing was changed. "
        f"Move it aside or choose another file with --db or {DB_ENV}"
    )


def _check_file(path: Path) -> None:
    """Refuse folders and files that are not SQLite, by their first bytes, before SQLite touches them."""
    if path.is_dir():
        raise StoreError(f"{path}: is a folder; give the path of a database file with --db or {DB_ENV}")
    if not path.exists():
        return
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_SQLITE_HEADER))
    except OSError as error:
        raise StoreError(f"{path}: cannot read ({error.strerror})") from None
    if head and head != _SQLITE_HEADER:
        raise StoreError(
            f"{path}: not a commsim database (not an SQLite file); nothing was changed. "
            f"Choose another file with --db or {DB_ENV}"
        )


def _check_contents(connection: sqlite3.Connection, path: Path) -> None:
    """Refuse another program's SQLite database: ours carry APPLICATION_ID, new ones are empty."""
    try:
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.Error as error:
        raise damaged(path, error) from None
    if application_id == APPLICATION_ID or (application_id == 0 and tables == 0):
        return
    raise StoreError(
        f"{path}: an SQLite database of another program, not a commsim database; nothing was changed. "
        f"Choose another file with --db or {DB_ENV}"
    )
