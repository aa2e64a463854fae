"""Screenshots of every screen at 80×24 and 120×40, compared with the accepted SVGs in ``__snapshots__``.

Update them with ``pytest tests/snapshots --snapshot-update`` after a deliberate
change, and look at the new SVGs before committing them.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from tests.tui.harness import GOOD_RUN, answer, finish, open_scenario, settle, start, two_attempts_then_progress

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.mark.parametrize("size", SIZES)
def test_library(snap_compare, app_factory, size):
    assert snap_compare(app_factory(), run_before=settle, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_library_filtered(snap_compare, app_factory, size):
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press(*"markup")

    assert snap_compare(app_factory(), run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_briefing(snap_compare, app_factory, size):
    async def run_before(pilot: Pilot) -> None:
        await open_scenario(pilot, "drain")

    assert snap_compare(app_factory(), run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_consultation(snap_compare, app_factory, size):
    async def run_before(pilot: Pilot) -> None:
        await start(pilot)
        await answer(pilot, GOOD_RUN[0])
        await pilot.press("ctrl+t")
        await pilot.press(*"We numb the skin [bold]first[/]")
        await settle(pilot)

    assert snap_compare(app_factory(), run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_consultation_guided(snap_compare, app_factory, size):
    async def run_before(pilot: Pilot) -> None:
        await start(pilot, guided=True)

    assert snap_compare(app_factory(), run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_idioms(snap_compare, app_factory, size):
    async def run_before(pilot: Pilot) -> None:
        await start(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)

    assert snap_compare(app_factory(), run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_consultation_ended(snap_compare, app_factory, size):
    async def run_before(pilot: Pilot) -> None:
        await start(pilot)
        for text in GOOD_RUN:
            await answer(pilot, text)

    assert snap_compare(app_factory(), run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_end_early_confirmation(snap_compare, app_factory, size):
    async def run_before(pilot: Pilot) -> None:
        await start(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)

    assert snap_compare(app_factory(), run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_feedback(snap_compare, app_factory, size):
    assert snap_compare(app_factory(), run_before=finish, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_feedback_missed(snap_compare, app_factory, size):
    async def run_before(pilot: Pilot) -> None:
        await finish(pilot, ["I just need you to sign the form please."])

    assert snap_compare(app_factory(), run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_progress(snap_compare, app_factory, size):
    async def run_before(pilot: Pilot) -> None:
        await two_attempts_then_progress(pilot)

    assert snap_compare(app_factory(), run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, app_factory, size):
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)

    assert snap_compare(app_factory(), run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_resume_offer(snap_compare, app_factory, size):
    import asyncio

    async def interrupted() -> None:
        first = app_factory()
        async with first.run_test() as pilot:
            await start(pilot)
            await answer(pilot, GOOD_RUN[0])

    asyncio.run(interrupted())
    assert snap_compare(app_factory(), run_before=settle, terminal_size=size)


@pytest.mark.parametrize("theme", ["light", "high-contrast"])
def test_themes(snap_compare, app_factory, theme):
    async def run_before(pilot: Pilot) -> None:
        await start(pilot)
        await answer(pilot, GOOD_RUN[0])

    assert snap_compare(app_factory(theme=theme), run_before=run_before, terminal_size=(80, 24))
