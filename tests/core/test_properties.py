"""Hypothesis: arbitrary YAML and arbitrary edits of a valid scenario never escape as a traceback."""

from __future__ import annotations

import copy

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commsim.engine import Consultation
from commsim.errors import InvalidFileError
from commsim.library import Library
from tests.conftest import FIXTURES

MINI_TEXT = (FIXTURES / "valid" / "mini-consent.yaml").read_text()
MINI = yaml.safe_load(MINI_TEXT)

scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.text(max_size=12), st.floats(allow_nan=False))
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=20,
)


def _paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, (*prefix, index))


ALL_PATHS = [p for p in _paths(MINI) if p]


def _edit(data, path, value, delete):
    data = copy.deepcopy(data)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    if delete and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return data


def _check(library: Library, text: str) -> None:
    try:
        scenario = library.read_scenario("fuzz.yaml", text)
    except InvalidFileError as error:
        assert error.problems and all(p.line >= 1 and p.message for p in error.problems)
        return
    # A scenario that loads must also play.
    consultation = Consultation(scenario)
    for answer in ("What is worrying you?", "", "We will take a small sample."):
        if consultation.finished:
            break
        consultation.respond(answer)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(path=st.sampled_from(ALL_PATHS), value=values, delete=st.booleans())
def test_edited_scenarios_load_or_fail_with_located_problems(mini_library, path, value, delete):
    _check(mini_library, yaml.safe_dump(_edit(MINI, path, value, delete), allow_unicode=True))


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values)
def test_arbitrary_yaml_documents_fail_cleanly(mini_library, document):
    _check(mini_library, yaml.safe_dump(document, allow_unicode=True))


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=400))
def test_arbitrary_text_as_a_scenario_fails_cleanly(mini_library, text):
    _check(mini_library, text)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, len(MINI_TEXT)), st.integers(0, 40), st.text(max_size=10))
def test_corrupted_scenario_text_fails_cleanly(mini_library, start, length, insert):
    _check(mini_library, MINI_TEXT[:start] + insert + MINI_TEXT[start + length :])
