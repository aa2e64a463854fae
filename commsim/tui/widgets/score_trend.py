"""A skill's scores over time as a sparkline on a fixed 0–100 scale, with the numbers beside it."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

SPARKS = "▁▂▃▄▅▆▇█"
SHOWN = 24
"""The most recent attempts shown in a sparkline."""


def sparkline(scores: Sequence[int]) -> str:
    """One bar per score, 0 → ``▁`` and 100 → ``█`` (the same scale for every skill)."""
    return "".join(SPARKS[min(7, max(0, score) * 8 // 101)] for score in scores[-SHOWN:])


class ScoreTrend(Static):
    """``Consent   ▃▅▆█  last 72 · best 85 · 4 attempts``."""

    def show(self, title: str, scores: Sequence[int], title_width: int = 24, spark_width: int = SHOWN) -> None:
        """One skill's row; the screen passes the same widths to every row so they line up."""
        label = title if len(title) <= title_width else title[: title_width - 1] + "…"
        count = len(scores)
        self.update(
            Content.assemble(
                (label.ljust(title_width), "bold"),
                " ",
                (sparkline(scores).ljust(min(SHOWN, spark_width)), "bold"),
                f"  last {scores[-1]} · best {max(scores)} · {count} attempt{'s' if count != 1 else ''}",
            )
        )
