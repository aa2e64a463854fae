"""The core never loads a user interface: it must serve the CLI, TUI and workshop alike."""

import subprocess
import sys

CORE = [
    "commsim.model",
    "commsim.library",
    "commsim.engine",
    "commsim.scoring",
    "commsim.runner",
    "commsim.scenario_tests",
]


def test_importing_and_using_the_core_does_not_load_textual():
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in CORE)
        + "lib = commsim.library.Library.load()\n"
        + "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'textual_serve') or m.startswith('commsim.tui')]\n"
        + "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
