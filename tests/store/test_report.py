"""Feedback reports: learner text shown literally, the feedback a learner needs, and their trend."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markupsafe import escape

from commsim.errors import UsageError
from commsim.report import build_view, md_escape, render, render_report
from commsim.store import AttemptSession, Store
from tests.store.conftest import STRONG, WEAK, Clock

HOSTILE = "There is a small risk of infection and a scar. <script>alert(1)</script> {{ 7*7 }} {% raw %}"


def play(store: Store, library, scenario, answers, learner="ada") -> int:
    session = AttemptSession.start(store, library, scenario, learner)
    for answer in answers:
        session.respond(answer)
    session.finish()
    return session.attempt.id


class Elements(HTMLParser):
    """Every start tag, and the text of each transcript cell."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.cells: list[str] = []
        self._in_cell = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "td" and ("class", "text") in attrs:
            self._in_cell = True
            self.cells.append("")
        elif tag in ("br", "span"):
            self._in_cell = False

    def handle_endtag(self, tag):
        if tag == "td":
            self._in_cell = False

    def handle_data(self, data):
        if self._in_cell:
            self.cells[-1] += data


@pytest.fixture
def hostile_attempt(store, mini_library, mini) -> int:
    return play(store, mini_library, mini, [STRONG[0], STRONG[1], HOSTILE])


def test_html_shows_markup_and_template_code_typed_by_a_learner_literally(store, mini_library, hostile_attempt):
    page = render_report(store, mini_library, hostile_attempt, "html")
    parsed = Elements()
    parsed.feed(page)
    assert "script" not in parsed.tags
    assert HOSTILE in parsed.cells  # the cell's text is exactly what was typed
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} {% raw %}" in page
    assert "49" not in page


def test_learner_names_are_data_too(store, mini_library, mini):
    attempt = play(store, mini_library, mini, WEAK, learner="<img src=x onerror=alert(1)> {{ config }}")
    page = render_report(store, mini_library, attempt, "html")
    parsed = Elements()
    parsed.feed(page)
    assert "img" not in parsed.tags
    assert "&lt;img src=x onerror=alert(1)&gt; {{ config }}" in page


def test_the_html_report_is_self_contained_and_printable(store, mini_library, hostile_attempt):
    page = render_report(store, mini_library, hostile_attempt, "html")
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page)  # loads nothing from anywhere
    assert "<link" not in page
    assert "@page { size: A4" in page and "@media print" in page
    assert "<svg" in page


def test_the_report_quotes_the_learner_with_feedback_and_model_phrases(store, mini_library, mini):
    attempt = play(store, mini_library, mini, WEAK)
    record = store.load_attempt(attempt)
    consent = mini_library.rubrics["consent"]
    page = render_report(store, mini_library, attempt, "html")
    pressure = consent.criterion("pressures-patient")
    assert str(escape(pressure.feedback.met)) in page
    assert str(escape(pressure.model_phrase)) in page
    assert str(escape("“Everyone signs it, just sign it.”")) in page
    assert 'href="#answer-2"' in page and 'id="answer-2"' in page
    alternatives = consent.criterion("offers-alternatives")
    assert str(escape(alternatives.feedback.missed)) in page
    assert str(escape(alternatives.model_phrase)) in page
    # Each criterion of each rubric of the attempt appears, met or missed.
    for rubric in record.rubrics:
        for criterion in rubric.criteria:
            assert str(escape(criterion.title)) in page
    on_edge = mini_library.glossary.idiom("on edge")
    assert str(escape(on_edge.meaning)) in page
    assert "She left without the information she needed." in page  # the ending's summary


def test_the_trend_covers_this_learners_earlier_attempts_only(db_path, mini_library, mini):
    with Store.open(db_path, clock=Clock()) as store:
        first = play(store, mini_library, mini, WEAK)
        play(store, mini_library, mini, STRONG, learner="someone else")
        second = play(store, mini_library, mini, STRONG)
        third = play(store, mini_library, mini, WEAK)
        view = build_view(store.load_attempt(second), mini_library, store.trend(second))
        assert [row.attempt_id for row in view.trend] == [first, second]
        assert view.chart is not None
        assert [len(series.points) for series in view.chart.series] == [2] * len(mini.rubrics)
        assert [p.current for p in view.chart.series[0].points] == [False, True]
        # Higher scores are drawn higher (smaller y).
        scores = [store.attempt(a).scores["consent"] for a in (first, second)]
        ys = [p.y for p in view.chart.series[0].points]
        assert (scores[0] < scores[1]) == (ys[0] > ys[1])
        page = render_report(store, mini_library, third, "html")
        attempts = {a: store.attempt(a) for a in (first, second, third)}
    for attempt_id, attempt in attempts.items():
        assert f"<td>#{attempt_id}</td>" in page
        for rubric in mini_library.rubrics.values():
            if rubric.id in attempt.scores:  # one marker per rubric per attempt, with its score
                marker = f"{escape(rubric.title)}: {attempt.scores[rubric.id]} (attempt {attempt_id})</title>"
                assert page.count(marker) == 1, marker
    assert f"<td>#{first + 1}</td>" not in page  # the other learner's attempt


def test_a_first_attempt_says_so(store, mini_library, mini):
    attempt = play(store, mini_library, mini, STRONG)
    assert "first finished attempt" in render_report(store, mini_library, attempt, "html")


def test_an_unfinished_attempt_has_no_report_yet(store, mini_library, mini):
    session = AttemptSession.start(store, mini_library, mini, "ada")
    with pytest.raises(UsageError, match="not finished"):
        render_report(store, mini_library, session.attempt.id, "html")


def markdown_html(text: str) -> str:
    return MarkdownIt("commonmark").enable("table").enable("strikethrough").render(text)


def test_markdown_shows_markup_and_template_code_literally(store, mini_library, hostile_attempt):
    document = render_report(store, mini_library, hostile_attempt, "md")
    assert "49" not in document
    rendered = markdown_html(document)
    parsed = Elements()
    parsed.feed(rendered)
    assert "script" not in parsed.tags
    assert html.escape(HOSTILE, quote=False) in rendered.replace("&quot;", '"')
    assert "| Consent and shared decision-making |" in document  # the tables are tables
    assert "<table>" in rendered and "<blockquote>" in rendered


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1))
def test_md_escape_leaves_no_markup(text):
    escaped = md_escape(text)
    expected = " ".join(text.split())
    if not expected:
        assert escaped == ""
        return
    rendered = MarkdownIt("commonmark").render(escaped)
    assert rendered.startswith("<p>") and rendered.endswith("</p>\n"), (escaped, rendered)
    inner = rendered[3:-5]
    assert "<" not in inner, (escaped, rendered)  # no element of any kind
    assert html.unescape(inner) == expected


def test_an_unknown_format_is_a_usage_error(store, mini_library, hostile_attempt):
    view = build_view(store.load_attempt(hostile_attempt), mini_library, [])
    with pytest.raises(UsageError):
        render(view, "pdf")  # type: ignore[arg-type]


def test_a_criterion_that_could_not_arise_is_neither_praised_nor_missed(store, mini_library, mini):
    record = store.load_attempt(play(store, mini_library, mini, WEAK))
    idiom = next(r for r in record.rubrics if r.id == "uk-idiom")
    clarifies = next(c for c in idiom.criteria if c.id == "clarifies-meaning")
    unarisen = clarifies.model_copy(update={"met": False, "applicable": False, "evidence": None})
    rubric = idiom.model_copy(update={"criteria": [unarisen if c.id == unarisen.id else c for c in idiom.criteria]})
    record = record.model_copy(update={"rubrics": [rubric if r.id == "uk-idiom" else r for r in record.rubrics]})
    view = build_view(record, mini_library, [])
    (shown,) = [c for r in view.rubrics for c in r.criteria if c.title == clarifies.title]
    assert (shown.status, shown.feedback, shown.model_phrase) == ("did not arise", None, None)
    page = render(view, "html")
    model = mini_library.rubrics["uk-idiom"].criterion("clarifies-meaning").model_phrase
    assert str(escape(model)) not in page and "did not arise" in page
