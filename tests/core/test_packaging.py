"""The wheel carries everything a plain `pip install .` needs: the bundled library and the report templates."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wheels")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(folder), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr
    return next(folder.glob("commsim-*.whl"))


@pytest.mark.slow
def test_the_wheel_contains_the_templates_and_migrations(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in ("report.html.j2", "report.md.j2"):
        assert f"commsim/report/templates/{template}" in names
    assert "commsim/store/migrations.py" in names
    assert "commsim/_bundled/rubrics/glossary.yaml" in names


@pytest.mark.slow
def test_wheel_install_finds_bundled_scenarios_from_another_directory(wheel: Path, tmp_path: Path):
    target = tmp_path / "site"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # The wheel's copy comes first on the path, ahead of the editable checkout.
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop("COMMSIM_LIBRARY", None)
    code = "import commsim, sys; sys.argv = ['commsim', 'list', '--json']; print(commsim.__file__, file=sys.stderr); from commsim.cli import run; run()"
    result = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert str(target) in result.stderr, "the installed wheel, not the checkout, was imported"
    listed = json.loads(result.stdout)
    bundled = sorted(p.stem for p in (ROOT / "scenarios").glob("*.yaml"))
    assert sorted(item["id"] for item in listed) == bundled
    assert len(listed) >= 16
