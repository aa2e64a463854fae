"""history, report, export and forget, as a learner, a trainer or a script calls them."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from commsim.cli import build_parser, main
from commsim.store import Store
from tests.store.conftest import MINI, STRONG, WEAK, subprocess_env

NEW_COMMANDS = ["history", "resume", "report", "export", "forget"]


def run(capsys, monkeypatch, *argv, stdin=""):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def scripted(capsys, monkeypatch, answers, learner="ada") -> int:
    code, out, err = run(
        capsys,
        monkeypatch,
        "play",
        str(MINI),
        "--script",
        "-",
        "--json",
        "--learner",
        learner,
        stdin="\n".join(answers),
    )
    assert code == 0, err
    return json.loads(out)["attempt"]


@pytest.mark.parametrize("command", NEW_COMMANDS)
def test_every_new_command_has_help_and_takes_db(command, capsys):
    with pytest.raises(SystemExit) as exited:
        build_parser().parse_args([command, "--help"])
    assert exited.value.code == 0
    text = capsys.readouterr().out
    assert "--db PATH" in text and "COMMSIM_DB" in text


def test_history_lists_date_scenario_grade_and_scores(capsys, monkeypatch):
    weak = scripted(capsys, monkeypatch, WEAK)
    strong = scripted(capsys, monkeypatch, STRONG, learner="bea")
    code, out, _ = run(capsys, monkeypatch, "history", "--json")
    assert code == 0
    listed = json.loads(out)
    assert [item["attempt"] for item in listed] == [strong, weak]
    with Store.open() as store:
        for item in listed:
            attempt = store.attempt(item["attempt"])
            assert item["scenario"] == "mini-consent" and item["status"] == "finished"
            assert item["grade"] == attempt.grade and item["rubrics"] == attempt.scores
            assert set(item["rubrics"]) == {"consent", "uk-idiom"}
            assert item["started"].startswith("20")
    code, out, _ = run(capsys, monkeypatch, "history", "--learner", "bea")
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0].split() == ["attempt", "date", "learner", "scenario", "grade", "scores"]
    assert (
        len(lines) == 2 and lines[1].startswith(f"#{strong}") and "consent " in lines[1] and "mini-consent" in lines[1]
    )


def test_history_shows_unfinished_attempts_and_how_to_resume(capsys, monkeypatch, mini_library, mini):
    from commsim.store import AttemptSession

    with Store.open() as store:
        session = AttemptSession.start(store, mini_library, mini, "ada")
        session.respond(STRONG[0])
    code, out, _ = run(capsys, monkeypatch, "history")
    assert code == 0 and "unfinished" in out and "3 turns" in out
    assert f"commsim resume {session.attempt.id}" in out


def test_report_writes_a_file_or_prints(tmp_path, capsys, monkeypatch):
    attempt = scripted(capsys, monkeypatch, STRONG)
    target = tmp_path / "out" / "report.html"
    target.parent.mkdir()
    code, out, err = run(capsys, monkeypatch, "report", str(attempt), "-o", str(target))
    assert code == 0 and out == "" and str(target) in err
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert list(target.parent.iterdir()) == [target]  # no temporary file left behind
    code, out, _ = run(capsys, monkeypatch, "report", "last", "--format", "md")
    assert code == 0 and out.startswith("# Feedback: Consent for a skin biopsy")


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["report", "99"], 2, "no attempt 99"),
        (["report", "first"], 2, "an attempt is a number"),
        (["forget", "zed", "--yes"], 2, "no learner 'zed'"),
    ],
)
def test_unknown_ids_give_one_line(capsys, monkeypatch, argv, code, message):
    scripted(capsys, monkeypatch, WEAK)
    got, _, err = run(capsys, monkeypatch, *argv)
    assert got == code and message in err and len(err.strip().splitlines()) == 1


def test_export_csv_is_one_row_per_attempt_for_spreadsheets(capsys, monkeypatch):
    first = scripted(capsys, monkeypatch, WEAK, learner='=HYPERLINK("http://x")')
    second = scripted(capsys, monkeypatch, STRONG)
    code, out, _ = run(capsys, monkeypatch, "export", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [int(r["attempt"]) for r in rows] == [first, second]
    assert rows[0]["learner"] == '\'=HYPERLINK("http://x")'  # never run as a formula
    with Store.open() as store:
        record = store.load_attempt(second)
    row = rows[1]
    assert row["grade"] == record.attempt.grade and row["status"] == "finished"
    for rubric in record.rubrics:
        assert int(row[f"score:{rubric.id}"]) == rubric.score
        for criterion in rubric.criteria:
            assert row[f"{rubric.id}:{criterion.id}"] == str(int(criterion.met))


def test_export_jsonl_carries_scores_and_evidence(tmp_path, capsys, monkeypatch):
    scripted(capsys, monkeypatch, WEAK)
    scripted(capsys, monkeypatch, STRONG, learner="bea")
    target = tmp_path / "attempts.jsonl"
    code, _, err = run(capsys, monkeypatch, "export", "--format", "jsonl", "-o", str(target), "--learner", "bea")
    assert code == 0 and "Exported 1 attempt(s)" in err
    (record,) = [json.loads(line) for line in target.read_text().splitlines()]
    assert record["learner"] == "bea"
    risks = record["rubrics"]["consent"]["criteria"]["explains-risks"]
    assert risks["met"] is True and risks["evidence"] in STRONG[2]


def test_forget_deletes_a_learner_and_says_what_went(capsys, monkeypatch):
    scripted(capsys, monkeypatch, WEAK, learner="Ada")
    scripted(capsys, monkeypatch, STRONG, learner="Ada")
    kept = scripted(capsys, monkeypatch, STRONG, learner="Bea")
    code, _, err = run(capsys, monkeypatch, "forget", "ada")
    assert code == 2 and "--yes" in err  # no terminal to confirm on
    code, out, _ = run(capsys, monkeypatch, "forget", "ada", "--yes")
    assert code == 0
    assert out.startswith("Deleted learner 'Ada': 2 attempt(s), 12 turn(s), 4 rubric score(s)")
    with Store.open() as store:
        assert [a.id for a in store.attempts()] == [kept]
        assert [learner.name for learner in store.learners()] == ["Bea"]


def test_forget_asks_on_a_terminal(capsys, monkeypatch):
    scripted(capsys, monkeypatch, WEAK)

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal("n\n"))
    assert main(["forget", "ada"]) == 1
    assert "Nothing deleted" in capsys.readouterr().out
    monkeypatch.setattr(sys, "stdin", Terminal("y\n"))
    assert main(["forget", "ada"]) == 0
    with Store.open() as store:
        assert store.attempts() == []


def test_no_traceback_from_the_new_commands_in_a_real_process(tmp_path):
    for argv in (["history", "--db", str(tmp_path)], ["report", "x"], ["export", "--db", str(MINI)], ["resume", "7"]):
        result = subprocess.run(
            [sys.executable, "-m", "commsim", *argv], capture_output=True, text=True, input="", env=subprocess_env()
        )
        assert result.returncode in (1, 2), (argv, result.stderr)
        assert "Traceback" not in result.stderr + result.stdout
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
