"""The consultation engine: routing, state, fallbacks, hints and endings."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commsim.engine import Consultation


def test_opening_line_is_the_start_nodes(mini_library):
    consultation = Consultation(mini_library.scenarios["mini-consent"])
    assert consultation.opening().text.startswith("Hello doctor")
    assert consultation.node_id == "greeting"


def test_answer_routes_to_the_closest_intent_and_applies_effects(mini_library):
    consultation = Consultation(mini_library.scenarios["mini-consent"])
    reply = consultation.respond("What is it about the mole that is worrying you?")
    assert (reply.kind, reply.intent) == ("advance", "asks-concerns")
    assert consultation.state == {"rapport": 3, "asked_concerns": True}
    # rapport is now 3, so the conditional line is said.
    assert reply.says == "Thank you for asking. My aunt died of skin cancer."


def test_state_changes_what_the_counterpart_says_later(mini_library):
    consultation = Consultation(mini_library.scenarios["mini-consent"])
    consultation.state["rapport"] = 1
    reply = consultation.respond("Is there something in particular you are worried about?")
    assert consultation.state["rapport"] == 2
    assert reply.says == "Oh, nothing really."


def test_unclear_answers_get_the_fallback_then_a_hint(mini_library):
    consultation = Consultation(mini_library.scenarios["mini-consent"])
    first = consultation.respond("Lovely weather for ducks")
    assert (first.kind, first.says, first.hint) == ("fallback", "Sorry, I'm not sure what you mean.", None)
    second = consultation.respond("Purple elephants")
    assert second.hint == "Ask what worries her before you explain."
    assert consultation.node_id == "greeting"
    # Both answers are kept in the transcript even though they were not understood.
    assert [t.text for t in consultation.turns if t.speaker == "learner"] == [
        "Lovely weather for ducks",
        "Purple elephants",
    ]


def test_reaching_an_ending_finishes(mini_library):
    consultation = Consultation(mini_library.scenarios["mini-consent"])
    consultation.respond("I'd like to take a small piece of the mole to test it.")
    reply = consultation.respond("Everyone signs it, just sign it.")
    assert (reply.kind, reply.ending) == ("ending", "refuses")
    assert consultation.finished and consultation.ending_quality == "poor"
    assert consultation.path == ["greeting", "questions", "refuses"]


def test_empty_and_whitespace_answers_change_nothing(mini_library):
    consultation = Consultation(mini_library.scenarios["mini-consent"])
    for text in ("", "   ", "\n\t"):
        reply = consultation.respond(text)
        assert reply.kind == "empty"
    assert consultation.node_id == "greeting"
    assert [t.speaker for t in consultation.turns] == ["counterpart"]


def test_a_100_kb_paste_is_handled(mini_library):
    consultation = Consultation(mini_library.scenarios["mini-consent"])
    reply = consultation.respond("What is worrying you? " * 4500)  # 99 kB
    assert reply.kind == "advance"
    assert not reply.truncated
    reply = consultation.respond("x" * 150_000)
    assert reply.truncated
    assert len(consultation.turns[-2].text) == 100_000


def test_replay_rebuilds_the_same_consultation(mini_library):
    scenario = mini_library.scenarios["mini-consent"]
    answers = ["What is worrying you about it?", "We will numb the skin and take a small sample."]
    original = Consultation(scenario)
    for answer in answers:
        original.respond(answer)
    resumed = Consultation.replay(scenario, answers)
    assert resumed.turns == original.turns
    assert (resumed.node_id, resumed.state) == (original.node_id, original.state)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(max_size=200), max_size=8))
def test_any_answers_never_crash_the_engine(mini_library, answers):
    consultation = Consultation(mini_library.scenarios["mini-consent"])
    for answer in answers:
        if consultation.finished:
            break
        consultation.respond(answer)
    assert consultation.node_id in consultation.scenario.nodes
