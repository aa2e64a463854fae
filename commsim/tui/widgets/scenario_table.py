"""The library's table of scenarios: one row per scenario, columns that fit the terminal's width."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.widgets import DataTable

LEVELS = {1: "Foundation", 2: "Core", 3: "Stretch"}
WIDE = 110
"""At this width and more the setting and skills get columns of their own."""


@dataclass(frozen=True)
class ScenarioRow:
    """What the table shows of one scenario (the screen builds these from the library and the store)."""

    id: str
    title: str
    counterpart: str
    setting: str
    skills: tuple[str, ...]
    level: int
    minutes: int
    best: str
    """The best grade so far, in words, or an em dash."""


class ScenarioTable(DataTable[Text]):
    """A scenario table; row keys are scenario ids. Every cell is literal text, never markup."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._rows: list[ScenarioRow] = []
        self._width: int | None = None

    @property
    def highlighted_id(self) -> str | None:
        if not self._rows or self.cursor_row < 0 or self.cursor_row >= self.row_count:
            return None
        return str(self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value)

    def show(self, rows: Sequence[ScenarioRow]) -> None:
        """Replace the rows, keeping the highlighted scenario where it is still shown."""
        keep = self.highlighted_id
        self._rows = list(rows)
        self._rebuild(keep)

    def on_resize(self) -> None:
        if self.outer_size.width != self._width:
            self._rebuild(self.highlighted_id)

    def _rebuild(self, keep: str | None) -> None:
        # The outer width: it does not change when the vertical scrollbar comes and goes.
        width = self._width = self.outer_size.width
        width = width or 80
        wide = width >= WIDE
        self.clear(columns=True)
        fixed = {"with": 10, "level": 10, "min": 3, "best": 10}
        columns = len(fixed) + (3 if wide else 1)
        # Each column has one cell of padding either side; the vertical scrollbar takes one more.
        flexible = width - sum(fixed.values()) - 2 * columns - 3
        if wide:
            title_width = max(30, flexible * 45 // 100)
            fixed["setting"] = fixed["skills"] = max(12, (flexible - title_width) // 2)
        else:
            title_width = max(20, flexible)
        self.add_column("Scenario", width=title_width, key="title")
        self.add_column("With", width=fixed["with"], key="with")
        if wide:
            self.add_column("Setting", width=fixed["setting"], key="setting")
            self.add_column("Skills", width=fixed["skills"], key="skills")
        self.add_column("Level", width=fixed["level"], key="level")
        self.add_column("Min", width=fixed["min"], key="min")
        self.add_column("Best", width=fixed["best"], key="best")
        for row in self._rows:
            cells = [_cell(row.title, title_width), Text(row.counterpart)]
            if wide:
                cells += [_cell(row.setting, fixed["setting"]), _cell(", ".join(row.skills), fixed["skills"])]
            cells += [Text(LEVELS.get(row.level, str(row.level))), Text(str(row.minutes), justify="right")]
            cells.append(Text(row.best))
            self.add_row(*cells, key=row.id)
        ids = [r.id for r in self._rows]
        if keep in ids:
            self.move_cursor(row=ids.index(keep), animate=False)


def _cell(value: str, width: int) -> Text:
    text = " ".join(value.split())
    if len(text) > width:
        text = text[: width - 1].rstrip() + "…"
    return Text(text)
