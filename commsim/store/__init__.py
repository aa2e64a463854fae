"""The store: attempts that are never lost, in SQLite.

Every turn is committed as it is taken, so a consultation interrupted by a
crash, a closed terminal or ``kill -9`` resumes from its last turn. The API
for the faces (CLI, TUI, workshop):

- ``Store.open(path)``: open (create, migrate) the database; ``resolve_db_path``
  says which file ``--db``, ``COMMSIM_DB`` or the default name;
- ``Store.start_attempt``, ``record_turn(s)``, ``finish_attempt``,
  ``unfinished_attempts``, ``load_attempt``, ``attempts``, ``trend``,
  ``forget_learner``;
- ``AttemptSession``: a consultation played through the engine and scorer and
  stored turn by turn; ``AttemptSession.resume`` picks one up again.

All SQL lives in ``repository.py`` and ``migrations.py``; the store hands out
the pydantic models of ``models.py``.
"""

from commsim.store.db import (
    DB_ENV,
    AttemptNotFoundError,
    StoreError,
    configured_db_path,
    default_db_path,
    resolve_db_path,
)
from commsim.store.migrations import MIGRATIONS, Migration
from commsim.store.models import (
    Attempt,
    AttemptOutcome,
    AttemptRecord,
    CriterionRecord,
    ForgetReport,
    Learner,
    NewTurn,
    RubricScoreRecord,
    StoredTurn,
    TrendPoint,
)
from commsim.store.repository import Store
from commsim.store.session import AttemptSession, outcome_of, scenario_of

__all__ = [
    "DB_ENV",
    "MIGRATIONS",
    "Attempt",
    "AttemptNotFoundError",
    "AttemptOutcome",
    "AttemptRecord",
    "AttemptSession",
    "CriterionRecord",
    "ForgetReport",
    "Learner",
    "Migration",
    "NewTurn",
    "RubricScoreRecord",
    "Store",
    "StoreError",
    "StoredTurn",
    "TrendPoint",
    "configured_db_path",
    "default_db_path",
    "outcome_of",
    "resolve_db_path",
    "scenario_of",
]
