"""A meter for a state variable the scenario shows (usually rapport): dots and a number, not colour."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class RapportMeter(Static):
    """``Rapport ●●○○○ 2/5``."""

    def show(self, label: str, value: int, low: int, high: int) -> None:
        span = max(1, high - low)
        filled = max(0, min(span, value - low))
        self.update(Content.assemble((label, "bold"), " ", "●" * filled + "○" * (span - filled), f" {value}/{high}"))
