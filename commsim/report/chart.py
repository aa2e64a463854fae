"""The trend chart of a report: a learner's rubric scores over their attempts.

Only geometry is computed here (numbers and labels); the SVG itself is
written by the report template, with autoescaping, so no text reaches the
markup unescaped. Lines differ by dash pattern and marker as well as colour,
so the chart reads on a black-and-white printout.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from commsim.scoring.grades import GRADE_LABELS, GRADE_THRESHOLDS
from commsim.store import TrendPoint

WIDTH, HEIGHT = 640, 250
LEFT, RIGHT, TOP, BOTTOM = 40, 78, 14, 46
"""Margins: the grade bands are named in the right one, attempts and dates in the bottom one."""
LEGEND_COLUMNS = 2
LEGEND_ROW = 18
LEGEND_CHARS = 42
# Okabe–Ito colours (safe for colour-blind readers), each with its own dash and marker.
STYLES: tuple[tuple[str, str, str], ...] = (
    ("#0072B2", "", "circle"),
    ("#D55E00", "6 3", "square"),
    ("#009E73", "2 3", "diamond"),
    ("#CC79A7", "8 3 2 3", "circle"),
    ("#E69F00", "4 2", "square"),
    ("#56B4E9", "1 2", "diamond"),
)


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    score: int
    attempt_id: int
    current: bool


@dataclass(frozen=True)
class Series:
    rubric_id: str
    title: str
    colour: str
    dash: str
    marker: str
    points: list[Point]
    path: str
    """The ``d`` of the SVG path joining the points (gaps where the rubric was not scored)."""


@dataclass(frozen=True)
class Gridline:
    y: float
    value: int
    label: str


@dataclass(frozen=True)
class XLabel:
    x: float
    top: str
    bottom: str


@dataclass(frozen=True)
class LegendItem:
    x: float
    y: float
    title: str
    colour: str
    dash: str


@dataclass
class TrendChart:
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM
    series: list[Series] = field(default_factory=list)
    gridlines: list[Gridline] = field(default_factory=list)
    x_labels: list[XLabel] = field(default_factory=list)
    legend: list[LegendItem] = field(default_factory=list)
    description: str = ""


def trend_chart(points: Sequence[TrendPoint], rubric_titles: dict[str, str], current: int) -> TrendChart:
    """Lay out one line per rubric of the current attempt across ``points`` (oldest first)."""
    rows = -(-len(rubric_titles) // LEGEND_COLUMNS)
    chart = TrendChart(height=HEIGHT + rows * LEGEND_ROW)
    span_y = chart.bottom - chart.top
    step = (chart.right - chart.left) / max(1, len(points) - 1)

    def x_of(index: int) -> float:
        return round(chart.left + (index * step if len(points) > 1 else (chart.right - chart.left) / 2), 1)

    def y_of(score: int) -> float:
        return round(chart.bottom - span_y * score / 100, 1)

    chart.gridlines = [Gridline(y_of(0), 0, "0"), Gridline(y_of(100), 100, "100")] + [
        Gridline(y_of(threshold), threshold, GRADE_LABELS[grade].lower()) for threshold, grade in GRADE_THRESHOLDS
    ]
    # Label every attempt when few, else about eight evenly spread, always the first and last.
    every = max(1, round(len(points) / 8))
    for index, point in enumerate(points):
        if index % every == 0 or index == len(points) - 1:
            chart.x_labels.append(
                XLabel(x_of(index), f"#{point.attempt_id}", f"{point.finished_at.day} {point.finished_at:%b}")
            )
    for number, (rubric_id, title) in enumerate(rubric_titles.items()):
        colour, dash, marker = STYLES[number % len(STYLES)]
        placed = [
            Point(x_of(i), y_of(p.scores[rubric_id]), p.scores[rubric_id], p.attempt_id, p.attempt_id == current)
            for i, p in enumerate(points)
            if rubric_id in p.scores
        ]
        path, previous = [], None
        for i, p in enumerate(points):
            if rubric_id not in p.scores:
                previous = None
                continue
            command = "L" if previous is not None else "M"
            path.append(f"{command}{x_of(i)},{y_of(p.scores[rubric_id])}")
            previous = i
        chart.series.append(Series(rubric_id, title, colour, dash, marker, placed, " ".join(path)))
        row, column = divmod(number, LEGEND_COLUMNS)
        short = title if len(title) <= LEGEND_CHARS else title[: LEGEND_CHARS - 1].rstrip() + "…"
        column_width = (WIDTH - LEFT) / LEGEND_COLUMNS
        chart.legend.append(
            LegendItem(round(LEFT + column * column_width, 1), HEIGHT + row * LEGEND_ROW, short, colour, dash)
        )
    chart.description = "; ".join(
        f"{s.title}: " + ", ".join(f"{p.score}" for p in s.points) for s in chart.series if s.points
    )
    return chart
