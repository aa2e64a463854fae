"""The store's API: learners, attempts, turns, scores, trends and erasure."""

from __future__ import annotations

import sqlite3

import pytest

from commsim.store import (
    AttemptNotFoundError,
    AttemptOutcome,
    CriterionRecord,
    NewTurn,
    RubricScoreRecord,
    Store,
    StoreError,
)


def start(store: Store, learner: str = "ada", scenario: str = "mini", rubrics=("consent",)):
    return store.start_attempt(
        learner,
        scenario_id=scenario,
        scenario_title=f"Title of {scenario}",
        rubrics=list(rubrics),
        skills=["consent"],
        turns=[NewTurn(speaker="counterpart", text="Hello doctor.", node="greeting", idioms=["on edge"])],
    )


def outcome(scores: dict[str, int], grade="pass") -> AttemptOutcome:
    return AttemptOutcome(
        ending="consented",
        ending_quality="good",
        grade=grade,
        rubrics=[
            RubricScoreRecord(
                id=rid,
                title=rid.title(),
                score=score,
                criteria=[
                    CriterionRecord(
                        id="explains-risks", title="Explains the risks", met=True, evidence="A risk.", turn=0
                    ),
                    CriterionRecord(id="pressures-patient", title="Pressures", negative=True, met=False),
                ],
            )
            for rid, score in scores.items()
        ],
    )


def finished(store: Store, learner: str, scenario: str, scores: dict[str, int]) -> int:
    attempt = start(store, learner, scenario, rubrics=list(scores))
    store.finish_attempt(attempt.id, outcome(scores))
    return attempt.id


def test_learners_are_display_names_found_whatever_the_case(store):
    ada = store.learner("  Ada   Lovelace ")
    assert ada.name == "Ada Lovelace"
    assert store.learner("ada lovelace").id == ada.id
    assert [learner.name for learner in store.learners()] == ["Ada Lovelace"]
    assert store.find_learner("nobody") is None
    with pytest.raises(StoreError, match="needs a name"):
        store.learner("   ")
    columns = {row[1] for row in store._db.execute("PRAGMA table_info(learners)")}
    assert columns == {"id", "name", "created_at"}  # No more personal data than a display name.


def test_an_attempt_round_trips_with_its_turns_and_scores(store):
    attempt = start(store)
    assert (attempt.status, attempt.turns, attempt.learner) == ("open", 1, "ada")
    store.record_turns(
        attempt.id,
        1,
        [
            NewTurn(
                speaker="learner",
                text="There is a small risk of bleeding.",
                node="greeting",
                intent="explains-risks",
                confidence=0.82,
                criteria_met={"consent": ["explains-risks"], "uk-idiom": []},
            ),
            NewTurn(speaker="counterpart", text="Right.", node="questions"),
        ],
    )
    done = store.finish_attempt(attempt.id, outcome({"consent": 64, "uk-idiom": 80}))
    assert done.finished and done.grade == "pass" and done.scores == {"consent": 64, "uk-idiom": 80}
    record = store.load_attempt(attempt.id)
    assert [(t.seq, t.speaker, t.text) for t in record.turns] == [
        (0, "counterpart", "Hello doctor."),
        (1, "learner", "There is a small risk of bleeding."),
        (2, "counterpart", "Right."),
    ]
    learner_turn = record.turns[1]
    assert (learner_turn.intent, learner_turn.confidence) == ("explains-risks", 0.82)
    assert learner_turn.criteria_met == {"consent": ["explains-risks"], "uk-idiom": []}
    assert record.turns[0].idioms == ["on edge"]
    assert record.turns[0].at < record.turns[1].at  # Timestamps from the store's clock.
    assert record.answers() == ["There is a small risk of bleeding."]
    assert [r.id for r in record.rubrics] == ["consent", "uk-idiom"]
    risks, pressure = record.rubrics[0].criteria
    assert (risks.met, risks.evidence, risks.turn, risks.good) == (True, "A risk.", 0, True)
    assert (pressure.negative, pressure.met, pressure.good) == (True, False, True)


def test_a_turn_at_the_wrong_position_is_refused_and_nothing_is_written(store):
    attempt = start(store)
    store.record_turn(attempt.id, 1, NewTurn(speaker="learner", text="one", node="a"))
    # Another terminal resumed the same attempt and is one turn behind.
    with pytest.raises(StoreError, match="continued somewhere else"):
        store.record_turns(
            attempt.id,
            1,
            [NewTurn(speaker="learner", text="two", node="a"), NewTurn(speaker="counterpart", text="x", node="a")],
        )
    with pytest.raises(StoreError, match="continued somewhere else"):
        store.record_turn(attempt.id, 5, NewTurn(speaker="learner", text="gap", node="a"))
    assert [t.text for t in store.load_attempt(attempt.id).turns] == ["Hello doctor.", "one"]


def test_a_finished_attempt_takes_no_more_turns_and_cannot_finish_twice(store):
    attempt = start(store)
    store.finish_attempt(attempt.id, outcome({"consent": 10}, grade="fail"))
    with pytest.raises(StoreError, match="already finished"):
        store.record_turn(attempt.id, 1, NewTurn(speaker="learner", text="late", node="a"))
    with pytest.raises(StoreError, match="already finished"):
        store.finish_attempt(attempt.id, outcome({"consent": 90}))
    assert store.attempt(attempt.id).scores == {"consent": 10}


def test_unknown_attempts_are_reported_as_such(store):
    with pytest.raises(AttemptNotFoundError, match="no attempt 42"):
        store.load_attempt(42)
    with pytest.raises(AttemptNotFoundError):
        store.record_turn(42, 0, NewTurn(speaker="learner", text="x", node="a"))


def test_unfinished_attempts_are_the_open_ones_newest_first(store):
    first = start(store, "ada")
    done = finished(store, "ada", "mini", {"consent": 50})
    second = start(store, "bea")
    assert [a.id for a in store.unfinished_attempts()] == [second.id, first.id]
    assert [a.id for a in store.unfinished_attempts(learner="ADA")] == [first.id]
    assert [a.id for a in store.attempts()] == [second.id, done, first.id]
    assert [a.id for a in store.attempts(status="finished")] == [done]
    assert [a.id for a in store.attempts(scenario="other")] == []
    assert [a.id for a in store.attempts(limit=1)] == [second.id]


def test_the_trend_follows_one_learner_over_attempts_sharing_a_rubric(store):
    a1 = finished(store, "ada", "mini", {"consent": 20, "uk-idiom": 40})
    finished(store, "bea", "mini", {"consent": 99})  # someone else
    start(store, "ada")  # unfinished
    finished(store, "ada", "other", {"handover": 70})  # no rubric in common
    a2 = finished(store, "ada", "angiogram", {"consent": 55})
    a3 = finished(store, "ada", "mini", {"consent": 80, "uk-idiom": 60})
    a4 = finished(store, "ada", "mini", {"consent": 90, "uk-idiom": 90})  # later than the report's attempt
    points = store.trend(a3)
    assert [p.attempt_id for p in points] == [a1, a2, a3]
    assert [p.scores.get("consent") for p in points] == [20, 55, 80]
    assert points[1].scores == {"consent": 55}
    assert [p.attempt_id for p in store.trend(a4, limit=2)] == [a3, a4]
    assert store.trend(start(store, "ada").id) == []


def test_forgetting_a_learner_deletes_all_of_theirs_and_scrubs_the_file(db_path, store):
    secret = "my grandmother's maiden name is Zebedee-Quarrington"
    for _ in range(2):
        attempt = start(store, "ada")
        store.record_turn(attempt.id, 1, NewTurn(speaker="learner", text=secret, node="a"))
        store.finish_attempt(attempt.id, outcome({"consent": 30, "uk-idiom": 50}))
    kept = finished(store, "bea", "mini", {"consent": 70})
    report = store.forget_learner("ADA")
    assert report.model_dump() == {
        "learner": "ada",
        "attempts": 2,
        "turns": 4,
        "rubric_scores": 4,
        "criterion_results": 8,
    }
    counts = {
        table: store._db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("learners", "attempts", "turns", "rubric_scores", "criterion_results")
    }
    assert counts == {"learners": 1, "attempts": 1, "turns": 1, "rubric_scores": 1, "criterion_results": 2}
    assert store.attempt(kept).learner == "bea"
    files = [db_path, db_path.with_name(db_path.name + "-wal")]
    for path in files:
        if path.exists():
            assert b"Zebedee-Quarrington" not in path.read_bytes(), path
    with pytest.raises(AttemptNotFoundError, match="learners: bea"):
        store.forget_learner("ada")


def test_deleting_a_learner_cascades_through_foreign_keys(store):
    attempt = start(store, "ada")
    store.finish_attempt(attempt.id, outcome({"consent": 30}))
    with pytest.raises(sqlite3.IntegrityError):
        store._db.execute(
            "INSERT INTO attempts (learner_id, scenario_id, scenario_title, mode, started_at, updated_at) VALUES (999, 's', 'S', 'm', 'x', 'x')"
        )


def test_the_store_can_be_used_from_another_thread(store):
    import threading

    attempt = start(store)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            store.record_turn(attempt.id, 1, NewTurn(speaker="learner", text="from a worker", node="a"))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert errors == []
    assert store.load_attempt(attempt.id).answers() == ["from a worker"]
