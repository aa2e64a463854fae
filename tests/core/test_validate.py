"""`commsim validate`: the bundled library passes; each broken fixture gives its intended message."""

import subprocess
import sys

import pytest

from commsim.cli import main
from tests.conftest import FIXTURES

BROKEN = FIXTURES / "broken"

EXPECTED = {
    "bad-condition": ["43: nodes.concerns.says[0].when: condition 'rapport >=' ends too early"],
    "bad-counterpart": [
        "4: counterpart: 'patiant' is not one of patient, relative, carer, colleague, nurse, senior, registrar, "
        "consultant, pharmacist, midwife, manager (did you mean 'patient'?)"
    ],
    "bad-time-limit": ["6: time_limit: expected a duration such as 8m or 90s, not 'soon'"],
    "dead-end": ["58: no ending can be reached from node 'limbo'"],
    "duplicate-node": ["73: duplicate key 'questions' (first at line 58)"],
    "empty": ["1: file is empty"],
    "missing-fallback": ["58: nodes.questions.fallback: missing required key"],
    "missing-start": ["20: start: unknown node 'greting' (did you mean 'greeting'?)"],
    "not-a-mapping": ["1: expected a mapping of keys at the top of the file, found list"],
    "undeclared-variable": ["55: effect on undeclared state variable 'trust'"],
    "unknown-idiom": ["24: idiom 'on egde' is not in the glossary (did you mean 'on edge'?)"],
    "unknown-key": [
        "58: nodes.questions.says: missing required key",
        "59: nodes.questions: unknown key 'sayz' (did you mean 'says'?)",
    ],
    "unknown-next": ["37: next: unknown node or ending 'questons' (did you mean 'questions'?)"],
    "unknown-rubric": ["8: unknown rubric 'uk-idoim' (did you mean 'uk-idiom'?)"],
    "unknown-test-intent": ["98: node 'greeting' has no intent 'explain-biopsy' (did you mean 'explains-biopsy'?)"],
    "unreachable-node": ["73: node 'orphan' cannot be reached from start 'greeting'"],
    "yaml-boolean": [
        "15: nodes.a.responses[0].examples[0]: expected text, but YAML read a bare yes/no/on/off as true/false; "
        "put it in quotes"
    ],
    "yaml-syntax": ["4: YAML syntax: while scanning a quoted scalar found unexpected end of stream"],
}


def test_every_broken_fixture_has_an_expectation():
    assert sorted(p.stem for p in BROKEN.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_fixture_prints_path_line_message_and_exits_1(name, capsys):
    path = BROKEN / f"{name}.yaml"
    code = main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert code == 1
    assert out.splitlines() == [f"{path}:{line}" for line in EXPECTED[name]]
    assert "Traceback" not in out + err


def test_bad_pattern_in_a_rubric_is_located():
    path = FIXTURES / "broken-rubric" / "bad-pattern.yaml"
    result = subprocess.run([sys.executable, "-m", "commsim", "validate", str(path)], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"{path}:11: pattern 'would you (mind|like' has an unclosed '('"]


def test_not_with_and_term_lists_are_checked_against_what_exists():
    path = FIXTURES / "broken-rubric" / "bad-not-with.yaml"
    result = subprocess.run([sys.executable, "-m", "commsim", "validate", str(path)], capture_output=True, text=True)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"{path}:12: not_with: unknown criterion 'pressures'"
    assert lines[1].startswith(f"{path}:20: pattern '{{context-misreading}}': unknown term list {{context-misreading}}")
    assert "{context-misreadings}" in lines[1]  # the known names, so the typo is easy to see
    assert "Traceback" not in result.stdout + result.stderr


def test_bundled_library_is_valid(capsys):
    code = main(["validate"])
    out, err = capsys.readouterr()
    assert code == 0, out
    assert out == ""
    assert "file(s) valid" in err


def test_valid_fixture_is_valid(capsys):
    assert main(["validate", str(FIXTURES / "valid")]) == 0


def test_missing_path_is_a_problem_not_a_crash(capsys, tmp_path):
    code = main(["validate", str(tmp_path / "nope.yaml")])
    out, _ = capsys.readouterr()
    assert code == 1
    assert out.strip() == f"{tmp_path / 'nope.yaml'}:1: no such file or folder"
