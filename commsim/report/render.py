"""Feedback reports: one stored attempt → a self-contained HTML page or a Markdown file.

The report is built in two steps. ``build_view`` gathers everything a report
shows into plain dataclasses (the transcript, the grade, each criterion met or
missed with the learner's own words, feedback and model phrases from the
rubrics, idioms with their meanings from the glossary, and the trend across
the learner's earlier attempts). A jinja2 template then lays it out.

Learner text is data. It reaches a template only as a value: the HTML
environment autoescapes every value, and the Markdown environment escapes
every value through ``finalize``. No learner text is ever compiled as a
template, so ``{{ 7*7 }}`` or ``<script>`` typed by a learner is shown as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any, Literal

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from commsim import __version__
from commsim.errors import CommsimError, UsageError
from commsim.library import Library
from commsim.model import Scenario
from commsim.report.chart import TrendChart, trend_chart
from commsim.scoring import GRADE_LABELS
from commsim.store import AttemptRecord, Store, TrendPoint, scenario_of

Format = Literal["html", "md"]
FORMATS: tuple[Format, ...] = ("html", "md")
TEMPLATES = {"html": "report.html.j2", "md": "report.md.j2"}
_SPARKS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class CriterionView:
    title: str
    status: Literal["met", "missed", "avoided", "happened", "did not arise"]
    good: bool
    quote: str | None
    answer: int | None
    """1-based number of the learner's answer quoted, to link to the transcript."""
    feedback: str | None
    model_phrase: str | None
    """What a UK doctor might say: shown where the learner missed it or should say it differently."""


@dataclass(frozen=True)
class RubricView:
    id: str
    title: str
    score: int
    criteria: list[CriterionView]


@dataclass(frozen=True)
class TurnView:
    speaker: str
    who: str
    text: str
    answer: int | None
    """1-based number among the learner's answers; None for the counterpart."""
    understood: bool


@dataclass(frozen=True)
class IdiomView:
    phrase: str
    meaning: str
    example: str | None


@dataclass(frozen=True)
class TrendRow:
    attempt_id: int
    date: str
    scenario: str
    grade: str
    scores: list[str]
    current: bool


@dataclass
class ReportView:
    attempt_id: int
    learner: str
    scenario_id: str
    scenario_title: str
    setting: str | None
    counterpart: str
    started: str
    finished: str
    grade: str
    grade_label: str
    ending: str | None
    ending_summary: str | None
    ended_early: bool
    path: list[str]
    rubrics: list[RubricView]
    transcript: list[TurnView]
    idioms: list[IdiomView]
    trend_rubrics: list[str] = field(default_factory=list)
    trend: list[TrendRow] = field(default_factory=list)
    chart: TrendChart | None = None
    sparklines: dict[str, str] = field(default_factory=dict)
    version: str = __version__


def render_report(store: Store, library: Library, attempt_id: int, fmt: Format = "html") -> str:
    """The feedback report of a finished attempt, as HTML or Markdown text."""
    record = store.load_attempt(attempt_id)
    if not record.attempt.finished:
        raise UsageError(f"attempt {attempt_id} is not finished yet; finish it with: commsim resume {attempt_id}")
    return render(build_view(record, library, store.trend(attempt_id)), fmt)


def render(view: ReportView, fmt: Format) -> str:
    if fmt not in TEMPLATES:
        raise UsageError(f"no report format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    return _environment(fmt).get_template(TEMPLATES[fmt]).render(report=view)


def build_view(record: AttemptRecord, library: Library, trend: list[TrendPoint]) -> ReportView:
    """Everything a report shows, from the stored attempt and the library's rubrics and glossary."""
    attempt = record.attempt
    scenario = _scenario(record, library)
    counterpart = scenario.persona.name if scenario else "Counterpart"
    answers = [t for t in record.turns if t.speaker == "learner"]
    transcript, number = [], 0
    for turn in record.turns:
        if turn.speaker == "learner":
            number += 1
        transcript.append(
            TurnView(
                speaker=turn.speaker,
                who="You" if turn.speaker == "learner" else counterpart,
                text=turn.text,
                answer=number if turn.speaker == "learner" else None,
                understood=turn.speaker != "learner" or turn.intent is not None,
            )
        )
    ending = scenario.endings.get(attempt.ending) if scenario and attempt.ending else None
    grade = attempt.grade or "fail"
    view = ReportView(
        attempt_id=attempt.id,
        learner=attempt.learner,
        scenario_id=attempt.scenario_id,
        scenario_title=attempt.scenario_title,
        setting=scenario.setting if scenario else None,
        counterpart=counterpart,
        started=_when(attempt.started_at),
        finished=_when(attempt.finished_at),
        grade=grade,
        grade_label=GRADE_LABELS.get(grade, grade),
        ending=attempt.ending,
        ending_summary=ending.summary if ending else None,
        ended_early=attempt.ended_early,
        path=_path(record),
        rubrics=[_rubric_view(r, library, len(answers)) for r in record.rubrics],
        transcript=transcript,
        idioms=_idioms(record, library),
    )
    _add_trend(view, record, trend)
    return view


def md_escape(value: Any) -> str:
    """A value as literal Markdown text on one line: nothing in it can become markup."""
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"([\\`*_\[\]|~#])", r"\\\1", text)
    # What would open a list, a heading underline or a numbered item at the start of a line.
    text = re.sub(r"^(\d+)([.)])", r"\1\\\2", text)
    return re.sub(r"^([-+=])", r"\\\1", text)


@lru_cache(maxsize=2)
def _environment(fmt: Format) -> Environment:
    loader = PackageLoader("commsim.report", "templates")
    options: dict[str, Any] = {"undefined": StrictUndefined, "trim_blocks": True, "lstrip_blocks": True}
    if fmt == "html":
        return Environment(loader=loader, autoescape=True, **options)
    return Environment(loader=loader, autoescape=False, finalize=md_escape, keep_trailing_newline=True, **options)


def _rubric_view(rubric: Any, library: Library, answers: int) -> RubricView:
    source = library.rubrics.get(rubric.id)
    views = []
    for result in rubric.criteria:
        criterion = source.criterion(result.id) if source else None
        if not result.applicable and not result.met:
            status = "did not arise"
        elif result.negative:
            status = "happened" if result.met else "avoided"
        else:
            status = "met" if result.met else "missed"
        feedback = None
        if criterion is not None and status != "did not arise":
            feedback = criterion.feedback.met if result.met else criterion.feedback.missed
        good = result.good or status == "did not arise"
        model = criterion.model_phrase if criterion is not None and not good else None
        answer = result.turn + 1 if result.turn is not None and result.turn < answers else None
        views.append(
            CriterionView(
                title=result.title,
                status=status,
                good=good,
                quote=result.evidence if result.met else None,
                answer=answer,
                feedback=feedback,
                model_phrase=model,
            )
        )
    return RubricView(rubric.id, rubric.title, rubric.score, views)


def _scenario(record: AttemptRecord, library: Library) -> Scenario | None:
    """The scenario as it is now (for the persona and endings), if it can still be found."""
    try:
        return scenario_of(library, record)
    except CommsimError:
        return None


def _idioms(record: AttemptRecord, library: Library) -> list[IdiomView]:
    """The idioms the counterpart used, in the order met, with their meanings."""
    seen: dict[str, IdiomView] = {}
    for turn in record.turns:
        for phrase in turn.idioms:
            key = phrase.casefold()
            if key in seen:
                continue
            idiom = library.glossary.idiom(phrase)
            if idiom is not None:
                seen[key] = IdiomView(idiom.phrase, idiom.meaning, idiom.example)
    return list(seen.values())


def _path(record: AttemptRecord) -> list[str]:
    path: list[str] = []
    for turn in record.turns:
        if turn.speaker == "counterpart" and (not path or path[-1] != turn.node):
            path.append(turn.node)
    return path


def _add_trend(view: ReportView, record: AttemptRecord, trend: list[TrendPoint]) -> None:
    titles = {r.id: r.title for r in record.rubrics}
    if not trend or not titles:
        return
    view.trend_rubrics = list(titles.values())
    view.trend = [
        TrendRow(
            attempt_id=p.attempt_id,
            date=_when(p.finished_at, short=True),
            scenario=p.scenario_title,
            grade=GRADE_LABELS.get(p.grade or "", "—"),
            scores=[str(p.scores[rid]) if rid in p.scores else "—" for rid in titles],
            current=p.attempt_id == record.attempt.id,
        )
        for p in trend
    ]
    view.chart = trend_chart(trend, titles, record.attempt.id)
    view.sparklines = {
        titles[rid]: "".join(_SPARKS[min(7, p.scores[rid] * 8 // 101)] for p in trend if rid in p.scores)
        for rid in titles
    }


def _when(moment: datetime | None, short: bool = False) -> str:
    if moment is None:
        return "—"
    local = moment.astimezone()
    if short:
        return f"{local.day} {local:%b %Y}"
    return f"{local.day} {local:%B %Y, %H:%M}"
