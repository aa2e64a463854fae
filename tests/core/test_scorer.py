"""The scorer on answers a learner would write: what it must credit, and what it must not."""

from pathlib import Path

import pytest

from commsim.library import Library
from commsim.scoring.evaluate import evaluate, read_labelled

DATA = Path(__file__).resolve().parents[1] / "data"


def met(library: Library, rubric: str, text: str, context: str | None = None) -> set[str]:
    return set(library.scorer.score(rubric, text, context).met)


@pytest.mark.parametrize(
    ("rubric", "text", "context", "criterion", "expected"),
    [
        # The issue's own examples: mention without doing, and honesty that is not reassurance.
        ("consent", "we needn't go through the complications today", None, "explains-risks", False),
        (
            "expectations",
            "I can't guarantee it's nothing, which is why I'd like to examine you",
            None,
            "false-reassurance",
            False,
        ),
        (
            "expectations",
            "I can't guarantee it's nothing, which is why I'd like to examine you",
            None,
            "explains-reasoning",
            True,
        ),
        # Negation before and after the phrase.
        ("consent", "There's a small risk of bleeding and infection afterwards.", None, "explains-risks", True),
        ("consent", "There's no need to worry about the risks.", None, "explains-risks", False),
        ("consent", "The risks, I won't bore you with those.", None, "explains-risks", False),
        # A question about a topic is not a statement of it.
        ("consent", "Do you want to know about the risks?", None, "explains-risks", False),
        # Pressure, open and implied.
        ("consent", "Everyone signs it, just sign it so we can get on.", None, "pressures-patient", True),
        ("consent", "You don't have to decide today; take the time you need.", None, "pressures-patient", False),
        # False reassurance versus honest limits.
        (
            "expectations",
            "It's definitely nothing serious, don't give it a second thought.",
            None,
            "false-reassurance",
            True,
        ),
        # Safety-netting must say what to look out for and what to do.
        ("expectations", "If the rash spreads quickly or you feel feverish, ring 111.", None, "safety-netting", True),
        ("expectations", "Come back if you're worried.", None, "safety-netting", False),
        # Idiom: clarifying needs an idiom in the patient's line to clarify.
        (
            "uk-idiom",
            "Do you mean you've been going to the toilet a lot?",
            "I've been back and forth to the loo all night.",
            "clarifies-meaning",
            True,
        ),
        ("uk-idiom", "Is it OK if I listen to your chest?", None, "polite-register", True),
        ("uk-idiom", "Please lie down on the couch.", None, "polite-register", False),
        ("uk-idiom", "You have gastroenteritis with dehydration secondary to emesis.", None, "uses-jargon", True),
        ("uk-idiom", "Make sure you see your primary care physician next week.", None, "non-uk-terms", True),
        ("uk-idiom", "You've got a tummy bug and you're a bit dried out from being sick.", None, "uses-jargon", False),
        # Typos and text-speech are understood.
        ("consent", "theres a small chance of complciations like bleeding", None, "explains-risks", True),
        ("escalation", "I'm out of my depth here, so I'm going to call my registrar.", None, "seeks-senior-help", True),
        (
            "handover",
            "So to repeat back: two units of blood, and call you if the pressure stays low?",
            "Give two units and call me back if she's still low.",
            "closed-loop",
            True,
        ),
    ],
)
def test_decisions_a_trainer_would_agree_with(library, rubric, text, context, criterion, expected):
    assert (criterion in met(library, rubric, text, context)) is expected


def test_evidence_quotes_the_sentence_that_met_the_criterion(library):
    result = library.scorer.score("consent", "Hello, I'm Dr Osei. There's a small risk of bleeding. Any questions?")
    assert result.criteria["explains-risks"].evidence == "There's a small risk of bleeding."
    assert result.criteria["invites-questions"].evidence == "Any questions?"


def test_markup_and_huge_answers_are_scored_as_plain_text(library):
    result = library.scorer.score("consent", "[bold]{{ 7*7 }}[/] <script>alert(1)</script> " * 3000)
    assert not result.met


def test_higher_confidence_decisions_are_more_often_right(library):
    known = {rid: r.criterion_ids for rid, r in library.rubrics.items()}
    for name in ("scoring-tune.jsonl", "scoring-heldout.jsonl"):
        report = evaluate(library.scorer, read_labelled(DATA / name, known))
        high = [right for confidence, right in report.confidence_pairs if confidence >= 0.9]
        low = [right for confidence, right in report.confidence_pairs if confidence < 0.9]
        assert high and low
        assert sum(high) / len(high) > sum(low) / len(low), name


def test_heldout_quality_does_not_fall_below_what_was_measured(library):
    """The held-out part (never tuned on) as last measured: macro-F1 0.866, kappa 0.851.

    The targets are macro-F1 0.90 and kappa 0.85 (see the README); this floor
    catches a change that makes the scorer worse on answers it has not seen.
    """
    known = {rid: r.criterion_ids for rid, r in library.rubrics.items()}
    report = evaluate(library.scorer, read_labelled(DATA / "scoring-heldout.jsonl", known))
    assert report.items >= 300
    assert report.macro_f1 >= 0.85
    assert report.kappa >= 0.83


@pytest.mark.parametrize("name", ["scoring-tune.jsonl", "scoring-tune-written.jsonl", "scoring-tune-transcripts.jsonl"])
def test_tuning_sets_stay_fitted(library, name):
    known = {rid: r.criterion_ids for rid, r in library.rubrics.items()}
    report = evaluate(library.scorer, read_labelled(DATA / name, known))
    assert report.macro_f1 >= 0.97 and report.kappa >= 0.96
