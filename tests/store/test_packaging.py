"""The report templates ship inside the wheel."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_the_wheel_contains_the_report_templates(tmp_path):
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr
    wheel = next(tmp_path.glob("commsim-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in ("report.html.j2", "report.md.j2"):
        assert f"commsim/report/templates/{template}" in names
    assert "commsim/store/migrations.py" in names
