import pytest
from hypothesis import given
from hypothesis import strategies as st

from commsim.model.conditions import Condition, ConditionSyntaxError


@pytest.mark.parametrize(
    ("source", "state", "expected"),
    [
        ("rapport >= 3", {"rapport": 3}, True),
        ("rapport >= 3", {"rapport": 2}, False),
        ("not asked", {"asked": False}, True),
        ("rapport > 1 and asked", {"rapport": 2, "asked": True}, True),
        ("rapport > 1 and asked", {"rapport": 2, "asked": False}, False),
        ("rapport < 1 or asked", {"rapport": 0, "asked": False}, True),
        ("not (rapport < 1 or asked)", {"rapport": 4, "asked": False}, True),
        ("trust == 2", {"trust": 2}, True),
        ("trust != 2", {}, True),  # unset numbers read as 0
        ("asked == true", {"asked": True}, True),
    ],
)
def test_conditions_evaluate_against_state(source, state, expected):
    assert Condition.parse(source).holds(state) is expected


def test_conditions_name_the_variables_they_read():
    assert Condition.parse("rapport >= 3 and not (asked or trust < 2)").names() == {"rapport", "asked", "trust"}


@pytest.mark.parametrize(
    "source",
    ["", "rapport >=", "rapport >= 3)", "(rapport", "__import__('os')", "rapport = 3", "and", "1 +"],
)
def test_bad_conditions_are_rejected_with_a_message(source):
    with pytest.raises(ConditionSyntaxError):
        Condition.parse(source)


@given(st.text(max_size=60))
def test_any_text_parses_or_fails_cleanly(source):
    try:
        condition = Condition.parse(source)
    except ConditionSyntaxError:
        return
    condition.holds({"rapport": 2})
