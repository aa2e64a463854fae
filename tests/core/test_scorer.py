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
        # The glossary's readings of the patient's idiom: taken literally, or put back in plain words.
        (
            "uk-idiom",
            "No problem, there is no payment for NHS appointments.",
            "I need to spend a penny first.",
            "misreads-idiom",
            True,
        ),
        (
            "uk-idiom",
            "Do you need the loo? It's just down the corridor.",
            "I need to spend a penny first.",
            "misreads-idiom",
            False,
        ),
        (
            "uk-idiom",
            "Oh good, keeping active is important. How far do you run?",
            "I've had the runs since Sunday.",
            "misreads-idiom",
            True,
        ),
        # Saying the patient's own words back is never a misreading ("the runs" is not "running").
        ("uk-idiom", "How long have you had the runs?", "I've had the runs since Sunday.", "misreads-idiom", False),
        (
            "uk-idiom",
            "So you're not hungry like usual?",
            "I've completely gone off my food.",
            "clarifies-meaning",
            True,
        ),
        (
            "uk-idiom",
            "Oh, I'm so sorry your nan passed away.",
            "Me nan's been dead bad with her chest.",
            "misreads-idiom",
            True,
        ),
        # A choice offered with a penalty is pressure, and no choice.
        ("consent", "You can say no, obviously, but then we just can't help you.", None, "option-to-decline", False),
        ("consent", "You can say no, obviously, but then we just can't help you.", None, "pressures-patient", True),
        (
            "consent",
            "I'd recommend it, but it's still your decision, and either way is fine.",
            None,
            "option-to-decline",
            True,
        ),
        # "You've said no" names an answer; it does not negate what follows.
        (
            "consent",
            "That's fine, you've said no, and if you change your mind just ring us.",
            None,
            "option-to-decline",
            True,
        ),
        # Benefits said as outcomes, not as "the benefit is".
        ("consent", "It takes out the gallbladder so these pain attacks stop.", None, "explains-benefits", True),
        ("consent", "The risks are tiny and the benefits outweigh them.", None, "explains-benefits", False),
        # An abbreviation a patient would not know is jargon; everyday ones and shouting are not.
        ("uk-idiom", "Your IOP's up, so we'll start a prostaglandin analogue.", None, "uses-jargon", True),
        ("uk-idiom", "I'll ask your GP to ring you, or call NHS 111 tonight.", None, "uses-jargon", False),
        ("uk-idiom", "PLEASE don't stop the tablets.", None, "uses-jargon", False),
        # "What's been" is "what has been".
        ("expectations", "What's been worrying you the most?", None, "elicits-concerns", True),
        # Typos and text-speech are understood.
        ("consent", "theres a small chance of complciations like bleeding", None, "explains-risks", True),
        (
            "expectations",
            "i dont want to give abx bc its a virus, they wont shift it",
            None,
            "explains-reasoning",
            True,
        ),
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


@pytest.mark.parametrize(
    ("name", "items", "macro_f1", "kappa"),
    [
        # Last measured: 0.893 / 0.880 (324 items) and 0.878 / 0.866 (216 items).
        ("scoring-heldout.jsonl", 300, 0.88, 0.86),
        ("scoring-heldout-ward.jsonl", 200, 0.86, 0.85),
    ],
)
def test_heldout_quality_does_not_fall_below_what_was_measured(library, name, items, macro_f1, kappa):
    """The held-out parts (never tuned on): a floor under what was measured, not the target.

    The targets are macro-F1 0.90 and kappa 0.85 (see the README); this floor
    catches a change that makes the scorer worse on answers it has not seen.
    """
    known = {rid: r.criterion_ids for rid, r in library.rubrics.items()}
    report = evaluate(library.scorer, read_labelled(DATA / name, known))
    assert report.items >= items
    assert report.macro_f1 >= macro_f1
    assert report.kappa >= kappa


@pytest.mark.parametrize(
    ("name", "macro_f1", "kappa"),
    [
        ("scoring-tune.jsonl", 0.97, 0.96),
        ("scoring-tune-written.jsonl", 0.97, 0.96),
        ("scoring-tune-transcripts.jsonl", 0.97, 0.96),
        ("scoring-tune-styles.jsonl", 0.93, 0.91),
        ("scoring-tune-exam-phone.jsonl", 0.90, 0.89),
        ("scoring-tune-specialties.jsonl", 0.90, 0.89),
        ("scoring-tune-settings.jsonl", 0.90, 0.89),
        ("scoring-tune-voices.jsonl", 0.90, 0.89),
        ("scoring-tune-targeted.jsonl", 0.86, 0.85),
        ("scoring-tune-clinics.jsonl", 0.83, 0.81),
        ("scoring-tune-everyday.jsonl", 0.84, 0.80),
    ],
)
def test_tuning_sets_stay_fitted(library, name, macro_f1, kappa):
    known = {rid: r.criterion_ids for rid, r in library.rubrics.items()}
    report = evaluate(library.scorer, read_labelled(DATA / name, known))
    assert report.macro_f1 >= macro_f1 and report.kappa >= kappa
