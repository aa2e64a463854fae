"""Command palette entries (ctrl+p): open any scenario, the main screens, themes and the countdown."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.style import Style

if TYPE_CHECKING:
    from commsim.tui.app import CommsimApp


class CommsimCommands(Provider):
    """commsim's own commands; scenario titles are matched as plain text."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app = cast("CommsimApp", self.app)
        commands: list[tuple[str, Callable[[], object], str]] = [
            ("Library: all scenarios", app.action_library, "Go back to the scenario library"),
            ("Progress: your attempts and skills over time", app.action_progress, "Past attempts and trends"),
            ("Help: how commsim works and its keys", app.action_help, "Keys and the flow of a consultation"),
            ("Theme: light", partial(app.action_set_theme, "light"), "Dark text on a light background"),
            ("Theme: dark", partial(app.action_set_theme, "dark"), "Light text on a dark background"),
            ("Theme: high contrast", partial(app.action_set_theme, "high-contrast"), "Black, white and yellow"),
            ("Countdown: on or off", app.action_toggle_countdown, "Show the station's time limit"),
        ]
        unfinished = app.unfinished()
        if unfinished:
            attempt = unfinished[0]
            commands.append(
                (
                    f"Carry on: {attempt.scenario_title}",
                    partial(app.resume_attempt, attempt.id),
                    "Resume your latest unfinished consultation",
                )
            )
        if app.library is not None:
            for scenario in sorted(app.library.scenarios.values(), key=lambda s: s.title.casefold()):
                commands.append(
                    (f"Open: {scenario.title}", partial(app.open_briefing, scenario), f"Briefing for {scenario.id}")
                )
        return commands

    async def discover(self) -> Hits:
        for title, command, help_text in self._commands():
            yield DiscoveryHit(Content(title), command, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, command, help_text in self._commands():
            score, offsets = matcher.fuzzy_search.match(matcher.query, title)
            if score > 0:
                yield Hit(score, _highlight(title, offsets, matcher.match_style), command, text=title, help=help_text)


def _highlight(title: str, offsets: tuple[int, ...], style: Style) -> Content:
    """The matched letters highlighted; the title itself stays literal (Matcher.highlight reads markup)."""
    content = Content(title)
    for offset in offsets:
        if not title[offset].isspace():
            content = content.stylize(style, offset, offset + 1)
    return content
