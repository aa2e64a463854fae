"""The store and reports are core: using them loads no user interface."""

import subprocess
import sys

from tests.store.conftest import subprocess_env


def test_storing_and_reporting_do_not_load_textual(tmp_path):
    code = f"""
import sys
from commsim.library import Library
from commsim.report import render_report
from commsim.store import AttemptSession, Store
from tests.conftest import FIXTURES
library = Library.load(scenario_dirs=[FIXTURES / "valid"])
with Store.open({str(tmp_path / "db.sqlite")!r}) as store:
    session = AttemptSession.start(store, library, library.scenarios["mini-consent"], "ada")
    session.respond("What is worrying you about the mole?")
    session.end_early()
    session.finish()
    render_report(store, library, session.attempt.id, "html")
    render_report(store, library, session.attempt.id, "md")
bad = [m for m in sys.modules if m.split(".")[0] in ("textual", "textual_serve") or m.startswith(("commsim.tui", "commsim.cli"))]
print(",".join(bad))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=subprocess_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
