"""The HTML report in a real browser: hostile learner text stays text, and the page prints on A4.

Runs where Chromium is installed (``apt-get install chromium``) and skips
cleanly elsewhere. Chromium loads the report from a file with a fresh profile
and no network; the DOM it builds is checked for injected elements, and it
takes a screenshot and prints a PDF.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from commsim.report import render_report
from tests.store.conftest import STRONG
from tests.store.test_report import HOSTILE, Elements, play

BROWSER = next(
    (
        found
        for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
        if (found := shutil.which(name))
    ),
    None,
)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="Chromium is not installed")
GUARD_SECONDS = 120
A4_POINTS = (595, 842)


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None
    command = [
        BROWSER,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=GUARD_SECONDS)


@pytest.fixture
def report_file(tmp_path, store, mini_library, mini) -> Path:
    attempt = play(store, mini_library, mini, [STRONG[0], STRONG[1], HOSTILE])
    path = tmp_path / "report.html"
    path.write_text(render_report(store, mini_library, attempt, "html"), encoding="utf-8")
    return path


def test_chromium_shows_hostile_learner_text_literally(tmp_path, report_file):
    result = chromium(tmp_path, "--dump-dom", report_file.as_uri())
    assert result.returncode == 0, result.stderr
    dom = Elements()
    dom.feed(result.stdout)
    assert "script" not in dom.tags  # nothing the learner typed became an element
    assert HOSTILE in dom.cells
    assert "{{ 7*7 }}" in result.stdout and ">49<" not in result.stdout


def test_chromium_screenshots_and_prints_the_report_on_a4(tmp_path, report_file):
    screenshot = tmp_path / "report.png"
    result = chromium(tmp_path, f"--screenshot={screenshot}", "--window-size=1240,1754", report_file.as_uri())
    assert result.returncode == 0, result.stderr
    header = screenshot.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1240, 1754)

    pdf = tmp_path / "report.pdf"
    result = chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", report_file.as_uri())
    assert result.returncode == 0, result.stderr
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf.read_bytes())
    assert boxes, "no pages in the PDF"
    assert {(round(float(w)), round(float(h))) for w, h in boxes} == {A4_POINTS}
