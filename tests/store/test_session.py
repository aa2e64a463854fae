"""Playing through the store: every turn on disk as it is taken, resuming, and scripted runs."""

from __future__ import annotations

import io
import json
import sys

import pytest

from commsim.cli import main
from commsim.errors import CommsimError, UsageError
from commsim.runner import run_script
from commsim.store import AttemptSession, Store
from tests.store.conftest import MINI, STRONG, WEAK


def test_each_answer_is_on_disk_before_respond_returns(db_path, store, mini_library, mini):
    session = AttemptSession.start(store, mini_library, mini, "ada")
    for number, answer in enumerate(STRONG[:2], start=1):
        session.respond(answer)
        # A second connection (another process, in effect) sees the turn at once.
        with Store.open(db_path) as other:
            turns = other.load_attempt(session.attempt.id).turns
        assert len(turns) == 1 + 2 * number
        assert turns[-2].text == answer and turns[-2].speaker == "learner"
        assert turns[-1].text == session.consultation.turns[-1].text


def test_the_stored_turns_carry_intent_criteria_and_idioms(store, mini_library, mini):
    session = AttemptSession.start(store, mini_library, mini, "ada")
    session.respond(STRONG[0])
    opening, answer, reply = store.load_attempt(session.attempt.id).turns
    assert opening.idioms == ["on edge"]
    assert answer.intent == "asks-concerns" and answer.confidence is not None
    # Scored with the counterpart's previous line as context, as the whole attempt is.
    expected = {rid: mini_library.scorer.score(rid, STRONG[0], opening.text).met for rid in mini.rubrics}
    assert answer.criteria_met == expected
    assert reply.node == "concerns"


def test_empty_answers_are_not_stored(store, mini_library, mini):
    session = AttemptSession.start(store, mini_library, mini, "ada")
    session.respond("   ")
    assert store.attempt(session.attempt.id).turns == 1


def test_a_resumed_attempt_ends_exactly_as_an_uninterrupted_one(db_path, mini_library, mini):
    with Store.open(db_path) as store:
        session = AttemptSession.start(store, mini_library, mini, "ada")
        session.respond(STRONG[0])
        session.respond("Purple elephants")  # a fallback turn is replayed too
        attempt_id = session.attempt.id
    with Store.open(db_path) as store:
        resumed = AttemptSession.resume(store, mini_library, attempt_id)
        assert resumed.resumed_turns == 5
        assert resumed.consultation.node_id == "concerns"
        resumed.respond(STRONG[1])
        resumed.respond(STRONG[2])
        assert resumed.finished
        score = resumed.finish()
        record = store.load_attempt(attempt_id)
    straight = run_script(mini_library, mini, [STRONG[0], "Purple elephants", *STRONG[1:]])
    assert [(t.speaker, t.text) for t in record.turns] == [(t.speaker, t.text) for t in straight.consultation.turns]
    assert score.grade == straight.score.grade == record.attempt.grade
    assert {r.id: r.score for r in record.rubrics} == {rid: o.score for rid, o in straight.score.rubrics.items()}
    assert record.attempt.ending == "consented"


def test_a_finished_attempt_is_not_resumed(store, mini_library, mini):
    session = AttemptSession.start(store, mini_library, mini, "ada")
    for answer in WEAK:
        session.respond(answer)
    session.finish()
    with pytest.raises(CommsimError, match="has finished"):
        AttemptSession.resume(store, mini_library, session.attempt.id)


def test_an_attempt_whose_scenario_changed_is_not_resumed_from_the_wrong_place(tmp_path, store, mini_library):
    changed = tmp_path / "mini.yaml"
    original = MINI.read_text().replace("id: mini-consent", "id: mini-copy")
    changed.write_text(original)
    scenario = mini_library.read_scenario(changed)
    session = AttemptSession.start(store, mini_library, scenario, "ada", source=str(changed))
    session.respond(STRONG[0])
    changed.write_text(original.replace("Thank you for asking. My aunt died", "Thanks. My aunt died"))
    with pytest.raises(CommsimError, match="has changed since it began"):
        AttemptSession.resume(store, mini_library, session.attempt.id)
    changed.unlink()
    with pytest.raises(CommsimError, match="no longer in the library"):
        AttemptSession.resume(store, mini_library, session.attempt.id)


def run_cli(capsys, monkeypatch, *argv, stdin=""):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_play_script_json_is_unchanged_by_storing_but_for_the_attempt_key(db_path, capsys, monkeypatch):
    script = "\n".join(STRONG) + "\n"
    monkeypatch.delenv("COMMSIM_DB")
    code, plain, _ = run_cli(capsys, monkeypatch, "play", str(MINI), "--script", "-", "--json", stdin=script)
    assert code == 0 and not db_path.exists()
    code, stored, _ = run_cli(
        capsys, monkeypatch, "play", str(MINI), "--script", "-", "--json", "--db", str(db_path), stdin=script
    )
    assert code == 0
    plain_result, stored_result = json.loads(plain), json.loads(stored)
    attempt_id = stored_result.pop("attempt")
    assert stored_result == plain_result
    assert list(json.loads(stored))[:-1] == list(plain_result)  # same keys, same order, attempt last
    with Store.open(db_path) as store:
        record = store.load_attempt(attempt_id)
    assert record.attempt.mode == "script" and record.attempt.finished
    assert record.attempt.grade == plain_result["grade"]
    assert {r.id: r.score for r in record.rubrics} == {k: v["score"] for k, v in plain_result["rubrics"].items()}
    learner_turns = [t for t in record.turns if t.speaker == "learner"]
    contract_turns = [t for t in plain_result["turns"] if t["speaker"] == "learner"]
    assert [t.text for t in learner_turns] == [t["text"] for t in contract_turns]
    assert [t.intent for t in learner_turns] == [t["intent"] for t in contract_turns]
    assert [t.criteria_met for t in learner_turns] == [t["criteria_met_by_rubric"] for t in contract_turns]


def test_play_script_stores_when_commsim_db_is_set(db_path, capsys, monkeypatch):
    code, out, _ = run_cli(
        capsys, monkeypatch, "play", str(MINI), "--script", "-", "--learner", "Bea", stdin="\n".join(WEAK)
    )
    assert code == 0 and "Saved as attempt 1" in out
    with Store.open(db_path) as store:
        (attempt,) = store.attempts()
    assert (attempt.learner, attempt.scenario_source, attempt.ending) == ("Bea", str(MINI.resolve()), "refuses")


def test_headless_play_without_a_database_never_touches_the_data_directory(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("COMMSIM_DB")
    code, _, _ = run_cli(capsys, monkeypatch, "play", str(MINI), "--script", "-", "--json", stdin="\n".join(WEAK))
    assert code == 0
    assert not (tmp_path / "xdg-data").exists() and not (tmp_path / "home").exists()


def test_playing_in_a_terminal_needs_one_and_creates_nothing_without_it(db_path, capsys, monkeypatch):
    for command in (["play", str(MINI)], ["resume"]):
        code, _, err = run_cli(capsys, monkeypatch, *command)
        assert code == UsageError.exit_code and "no terminal" in err
    assert not db_path.exists()


def test_hints_are_recorded_and_survive_a_resume(store, mini_library, mini):
    session = AttemptSession.start(store, mini_library, mini, learner="ana")
    assert session.hint() == "Ask what worries her before you explain."
    session.hint()
    resumed = AttemptSession.resume(store, mini_library, session.attempt.id)
    assert resumed.attempt.hints == 2
