"""The command-line contracts of DESIGN.md, checked as a script or harness would use them."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from commsim.cli import main
from tests.conftest import FIXTURES

MINI = str(FIXTURES / "valid" / "mini-consent.yaml")


def run(capsys, *argv, stdin=None, monkeypatch=None):
    if stdin is not None:
        import io

        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_json_has_the_contract_keys(capsys, library):
    code, out, _ = run(capsys, "list", "--json")
    assert code == 0
    listed = json.loads(out)
    assert {item["id"] for item in listed} == set(library.scenarios)
    for item in listed:
        assert {"id", "title", "counterpart", "setting", "rubrics", "nodes", "endings"} <= set(item)
        assert isinstance(item["nodes"], int) and isinstance(item["endings"], int)
        assert isinstance(item["rubrics"], list)


def test_play_script_json_follows_the_contract(capsys, monkeypatch):
    script = "What is worrying you about the mole?\n\nWe'll numb the skin and take a small sample.\nThere is a small risk of infection and a scar.\n"
    code, out, _ = run(capsys, "play", MINI, "--script", "-", "--json", stdin=script, monkeypatch=monkeypatch)
    assert code == 0
    result = json.loads(out)
    assert result["scenario"] == "mini-consent"
    assert result["ending"] == "consented"
    assert result["grade"] in {"clear-pass", "pass", "borderline", "fail"}
    learner = [t for t in result["turns"] if t["speaker"] == "learner"]
    assert [t["intent"] for t in learner] == ["asks-concerns", "explains-biopsy", "explains-risks"]
    assert all(isinstance(t["criteria_met"], list) and isinstance(t["text"], str) for t in learner)
    assert "explains-risks" in learner[2]["criteria_met"]
    for rubric_id in ("consent", "uk-idiom"):
        rubric = result["rubrics"][rubric_id]
        assert 0 <= rubric["score"] <= 100
        for decision in rubric["criteria"].values():
            assert set(decision) == {"met", "evidence"}
    assert result["rubrics"]["consent"]["criteria"]["explains-risks"]["evidence"].startswith("There is a small risk")


def test_play_with_an_unknown_id_names_the_nearest(capsys):
    code, _, err = run(capsys, "play", "mini-consnet", "--script", "-")
    assert code == 2
    assert err.strip().startswith("commsim: no scenario 'mini-consnet'")


def test_score_one_text(capsys):
    code, out, _ = run(capsys, "score", "consent", "There's a small risk of bleeding afterwards.")
    assert code == 0
    result = json.loads(out)
    assert result["rubric"] == "consent"
    risks = result["criteria"]["explains-risks"]
    assert risks["met"] is True and 0 <= risks["confidence"] <= 1
    assert risks["evidence"] == "There's a small risk of bleeding afterwards."
    assert result["criteria"]["pressures-patient"] == {
        "met": False,
        "confidence": result["criteria"]["pressures-patient"]["confidence"],
        "evidence": None,
    }


def test_score_jsonl_gives_one_line_per_input_line(capsys, monkeypatch):
    lines = [
        {"text": "Is it OK if I listen to your chest?"},
        {"text": "When you say waterworks, do you mean passing urine?", "context": "My waterworks are playing up."},
        {"text": "Go to the ER."},
    ]
    stdin = "\n".join(json.dumps(x) for x in lines) + "\n"
    code, out, _ = run(capsys, "score", "uk-idiom", "--jsonl", stdin=stdin, monkeypatch=monkeypatch)
    assert code == 0
    results = [json.loads(line) for line in out.splitlines()]
    assert len(results) == 3
    assert all(r["rubric"] == "uk-idiom" for r in results)
    assert results[0]["criteria"]["polite-register"]["met"]
    assert results[1]["criteria"]["clarifies-meaning"]["met"]
    assert results[2]["criteria"]["non-uk-terms"]["met"]


def test_score_jsonl_reports_a_bad_line_in_place(capsys, monkeypatch):
    code, out, _ = run(
        capsys,
        "score",
        "consent",
        "--jsonl",
        stdin='{"text": "hi"}\nnot json\n{"text": "bye"}\n',
        monkeypatch=monkeypatch,
    )
    assert code == 1
    results = [json.loads(line) for line in out.splitlines()]
    assert len(results) == 3 and "error" in results[1] and "criteria" in results[2]


def test_score_unknown_rubric_exits_2_with_suggestion(capsys):
    code, _, err = run(capsys, "score", "consnet", "hello")
    assert code == 2
    assert "did you mean 'consent'" in err


@pytest.mark.parametrize("kind", ["scenario", "rubric", "glossary"])
def test_schema_is_json_schema(capsys, kind):
    code, out, _ = run(capsys, "schema", kind)
    assert code == 0
    schema = json.loads(out)
    assert schema["type"] == "object" and "properties" in schema


def test_graph_formats(capsys):
    code, out, _ = run(capsys, "graph", MINI, "--format", "mermaid")
    assert code == 0 and out.startswith("flowchart TD")
    assert '-->|"asks-concerns (rapport +1, asked_concerns=true)"|' in out
    code, out, _ = run(capsys, "graph", MINI, "--format", "dot")
    assert code == 0 and out.startswith('digraph "mini-consent"')
    assert '"questions" -> "refuses" [label="pressures (rapport -2)"];' in out


def test_test_command_runs_scenario_tests(capsys):
    code, out, _ = run(capsys, "test", MINI)
    assert code == 0, out
    assert "PASS  mini-consent  (3/3 tests, routing 3/3)" in out


def test_test_command_fails_on_a_failing_test(capsys, tmp_path):
    broken = tmp_path / "failing.yaml"
    broken.write_text(
        Path(MINI)
        .read_text()
        .replace("expect: {ending: refuses, grade_at_most: borderline}", "expect: {ending: consented}")
    )
    code, out, _ = run(capsys, "test", str(broken))
    assert code == 1
    assert "ended at refuses, expected consented" in out


def test_no_traceback_reaches_the_user_from_a_real_process(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [unclosed\n")
    for argv in (["play", str(bad), "--script", "-"], ["graph", "nope"], ["validate", str(bad)], ["eval", str(bad)]):
        result = subprocess.run([sys.executable, "-m", "commsim", *argv], capture_output=True, text=True, input="")
        assert result.returncode in (1, 2), (argv, result.stderr)
        assert "Traceback" not in result.stderr + result.stdout
        assert result.stderr.strip() or result.stdout.strip()
