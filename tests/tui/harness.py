"""One way to build and drive the app in tests: a fixture library, a tmp database, frozen clocks.

Shared by the pilot tests (``tests/tui``) and the snapshot tests
(``tests/snapshots``), like posting's ``posting_snapshot_app.py``: every app
is made by ``commsim.tui.app.create_app`` with the same options, so a test
and a screenshot show the same thing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from textual.pilot import Pilot

from commsim.library import Library
from commsim.tui.app import CommsimApp, create_app
from commsim.tui.options import AppOptions
from commsim.tui.widgets.answer_box import AnswerBox

FIXTURES = Path(__file__).parent / "fixtures"
FROZEN = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
"""Every stored timestamp in a test (a Monday morning)."""

GOOD_RUN = [
    "What worries you about the drain?",
    "We numb the skin and pass a thin tube between your ribs to let the fluid out.",
    "Could you tell me back in your own words what will happen?",
]
"""Answers that reach the good ending of ``drain-consent`` and meet three criteria."""


def fixture_library() -> Library:
    """The test scenarios, rubric and glossary: stable text, so screenshots change only when the app does."""
    return Library.load(scenario_dirs=[FIXTURES / "scenarios"], rubric_dir=FIXTURES / "rubrics")


def make_app(db: Path, library: Library | None = None, **overrides: object) -> CommsimApp:
    """The app with a tmp database, no blinking cursor, and frozen wall and countdown clocks."""
    options = AppOptions(
        db=db,
        learner="Dr Test",
        library=library if library is not None else fixture_library(),
        theme="dark",
        cursor_blink=False,
        clock=lambda: FROZEN,
        ticker=lambda: 0.0,
        use_cache=False,
    )
    for name, value in overrides.items():
        setattr(options, name, value)
    return create_app(options)


async def settle(pilot: Pilot) -> None:
    """Wait until every worker (loading, storing, scoring) has finished and the screen has caught up."""
    app = pilot.app
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


async def open_scenario(pilot: Pilot, query: str) -> None:
    """From the library: filter, open the briefing."""
    await settle(pilot)
    await pilot.press(*query)
    await pilot.press("enter")
    await settle(pilot)


async def start(pilot: Pilot, query: str = "drain", guided: bool = False) -> None:
    """From the library to a started consultation."""
    await open_scenario(pilot, query)
    await pilot.press("g" if guided else "enter")
    await settle(pilot)


async def answer(pilot: Pilot, text: str, typed: bool = False) -> None:
    """Send an answer and wait for the counterpart's stored reply.

    With ``typed`` every character is a key press (slow: tens of milliseconds a
    key); otherwise the text arrives at once, as a paste does.
    """
    if typed:
        await pilot.press(*text)
    else:
        pilot.app.screen.query_one(AnswerBox).insert(text)
    await pilot.press("enter")
    await settle(pilot)


async def finish(pilot: Pilot, answers: list[str] = GOOD_RUN) -> None:
    """Play ``answers`` from the library to the feedback screen."""
    await start(pilot)
    for text in answers:
        await answer(pilot, text)
    await pilot.press("enter")
    await settle(pilot)


async def two_attempts_then_progress(pilot: Pilot) -> None:
    """A failed attempt, a replayed clear pass, then the progress screen (F2)."""
    await finish(pilot, ["I just need you to sign the form please."])
    await pilot.press("r")
    await settle(pilot)
    for text in GOOD_RUN:
        await answer(pilot, text)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("f2")
    await settle(pilot)
