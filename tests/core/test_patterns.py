"""The evidence-pattern syntax rubric authors write."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commsim.scoring.normalise import normalise
from commsim.scoring.patterns import PatternError, Words, compile_pattern


def matches(pattern: str, text: str) -> bool:
    return compile_pattern(pattern).search(Words.of(normalise(text).split())) is not None


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        ("(could|would) you (mind|like)", "Would you mind if I examine you?", True),
        ("(could|would) you (mind|like)", "Should you mind?", False),
        ("small (risk|chance) of", "There's a small chance of bleeding", True),
        ("(just|) sign", "just sign here", True),
        ("(just|) sign", "sign here", True),
        ("complicat*", "rare complications", True),
        ("explain ... risks", "I'll explain a few of the main risks", True),
        ("explain ... risks", "I'll explain it and then, later on, when we have time, the risks", False),
        ("won't", "we will not", True),  # contractions expand in patterns and text alike
        ("will not", "we wont", True),
        ("explain", "I explained it", True),  # stems
        ("organise", "we'll organize a scan", True),  # American spelling
        ("a&e", "go to A&E", True),
        ("(correct|right) $", "Cultures first, then antibiotics, correct?", True),
        ("(correct|right) $", "The correct dose is 2 mg", False),
        ("^ so", "So, to confirm", True),
        ("^ so", "And so to confirm", False),
        ("=likely", "it is likely", True),
        ("=likely", "would you like", False),
        ("likely", "would you like", True),  # stems fold them together
    ],
)
def test_patterns_match_as_documented(pattern, text, expected):
    assert matches(pattern, text) is expected


def test_term_sets_match_listed_phrases():
    from commsim.scoring.patterns import index_terms

    terms = {"jargon": index_terms(["myocardial infarction", "biopsy"], lambda p: normalise(p).split())}
    pattern = compile_pattern("{jargon}")
    assert pattern.search(Words.of(normalise("You had a myocardial infarction").split()), terms)
    assert not pattern.search(Words.of(normalise("You had a heart attack").split()), terms)


@pytest.mark.parametrize("bad", ["(a|b", "a)", "...", "x*", "a % b", ""])
def test_bad_patterns_are_refused_with_a_reason(bad):
    with pytest.raises(PatternError):
        compile_pattern(bad)


@given(st.text(max_size=40))
def test_any_pattern_text_compiles_or_fails_cleanly(source):
    try:
        pattern = compile_pattern(source)
    except PatternError:
        return
    list(pattern.finditer(Words.of(["a", "b", "c"])))


def test_unknown_term_list_is_refused_naming_the_known_ones():
    with pytest.raises(PatternError, match=r"unknown term list \{jargn\}.*\{jargon\}"):
        compile_pattern("{jargn}")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("what's been worrying you", "what has been worrying you"),
        ("she's got a cough", "she has got a cough"),
        ("it's done in ten minutes", "it is done in ten minutes"),  # passive stays "is"
        ("he's worried", "he is worried"),
        (
            "u wd be fine w/o abx bc its viral tbh",
            "you would be fine without antibiotics because its viral to be honest",
        ),
    ],
)
def test_normalisation_reads_contractions_and_text_speech(text, expected):
    assert normalise(text) == expected


def test_a_pattern_with_an_apostrophe_s_reads_it_as_the_text_does():
    assert matches("what's been", "What's been on your mind?")
    assert matches("what has been", "what's been on your mind?")


def test_long_words_never_stem_to_a_bare_particle():
    # Snowball makes "overeating" "over" and "underlying" "under", which would match every "over".
    assert not matches("overeating", "I'll send it over to you")
    assert not matches("underlying", "under the weather")
    assert matches("overeating", "any overeating lately?")


def test_overlapping_idioms_in_a_line_are_all_found():
    from commsim.scoring.patterns import index_terms

    idioms = index_terms(["gone off", "off my food"], lambda p: normalise(p).split())
    found = idioms.find_all(Words.of(normalise("I've completely gone off my food").split()))
    assert len(found) == 2
