"""Text normalisation shared by the scorer and the engine's intent matcher.

Learners type fast: contractions with and without apostrophes, American
spellings, stray capitals. Everything is reduced to lower-case tokens in one
canonical (British) spelling, with contractions expanded, while each token
keeps the character span it came from so that evidence can be quoted exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(
    r"(?<![A-Za-z])(?:[Ww]/[Oo]|[Ww]/|[Bb]/[Cc])(?![A-Za-z/])|[A-Za-z]+&[A-Za-z]+|[A-Za-z0-9]+(?:['’][A-Za-z]+)*|&|\?|[.!;:,()\-–—]"
)
_CLAUSE_BREAKS = {",", ";", ":", "(", ")", "–", "—"}
_SENTENCE_ENDS = {".", "!", "?", ";"}
_FILLERS = frozenset({"um", "umm", "uh", "uhm", "er", "erm", "hmm", "mm", "mmm"})
_REPEATABLE = frozenset({"very", "really", "so", "had", "that", "no", "bye", "ha"})
_CLAUSE_WORDS = {"but", "although", "though", "however", "whereas", "because", "so", "since", "as"}

_IRREGULAR = {
    "won't": "will not",
    "wont": "will not",
    "can't": "can not",
    "cant": "can not",
    "cannot": "can not",
    "shan't": "shall not",
    "ain't": "is not",
    "let's": "let us",
    "im": "i am",
    "ive": "i have",
    "youre": "you are",
    "youve": "you have",
    "youll": "you will",
    "theyre": "they are",
    "thats": "that is",
    "whats": "what is",
    "theres": "there is",
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "isnt": "is not",
    "arent": "are not",
    "wasnt": "was not",
    "werent": "were not",
    "couldnt": "could not",
    "wouldnt": "would not",
    "shouldnt": "should not",
    "havent": "have not",
    "hasnt": "has not",
    "neednt": "need not",
    "gonna": "going to",
    "wanna": "want to",
    "gotta": "got to",
    "ok": "okay",
    "alright": "all right",
    # Text-speech and common slips in typed answers.
    "u": "you",
    "ur": "your",
    "r": "are",
    "ya": "you",
    "pls": "please",
    "plz": "please",
    "thx": "thanks",
    "wat": "what",
    "wot": "what",
    "shud": "should",
    "wud": "would",
    "cud": "could",
    "coz": "because",
    "cos": "because",
    "cuz": "because",
    "b4": "before",
    "abt": "about",
    "tmrw": "tomorrow",
    "2moro": "tomorrow",
    "ppl": "people",
    "pt": "patient",
    "pts": "patients",
    "dr": "doctor",
    "govt": "government",
    "hes": "he is",
    "shes": "she is",
    "lets": "let us",
    "a&e": "ae",
    "&": "and",
    "n": "and",
    "w": "with",
    "bc": "because",
    "bcoz": "because",
    "becoz": "because",
    "thru": "through",
    "smth": "something",
    "sth": "something",
    "v": "very",
    "tho": "though",
    "altho": "although",
    "tbh": "to be honest",
    "qs": "questions",
    "ofc": "of course",
    "idk": "i do not know",
    "dunno": "do not know",
    "prob": "probably",
    "probs": "probably",
    "defo": "definitely",
    "tabs": "tablets",
    "abx": "antibiotics",
    "mins": "minutes",
    "hrs": "hours",
    "wks": "weeks",
    "yrs": "years",
    "wd": "would",
    "cd": "could",
    "shd": "should",
    "bout": "about",
    "gd": "good",
    "nd": "and",
    "b/c": "because",
    "w/": "with",
    "w/o": "without",
    "sb": "somebody",
}
# After "'s", these make it "has": "she's been", "it's got", "what's happened". Words that
# also read as passive or adjective after "is" ("it's done", "he's worried") are left out.
PARTICIPLES = frozenset(
    {
        "been", "got", "gotten", "had", "happened", "started", "stopped", "come", "become", "caused",
        "helped", "changed", "spread", "grown", "eaten", "felt", "told", "tried", "asked", "gone",
    }
)  # fmt: skip
_SUFFIXES = {"n't": " not", "'ll": " will", "'re": " are", "'ve": " have", "'m": " am", "'d": " would"}

# American → British spellings that matter in consultations. Whole words, so
# that a learner's spelling never decides whether a criterion is met.
_SPELLING = {
    "color": "colour",
    "favor": "favour",
    "behavior": "behaviour",
    "humor": "humour",
    "labor": "labour",
    "tumor": "tumour",
    "tumors": "tumours",
    "center": "centre",
    "liter": "litre",
    "liters": "litres",
    "anemia": "anaemia",
    "anesthetic": "anaesthetic",
    "anesthesia": "anaesthesia",
    "anesthetist": "anaesthetist",
    "edema": "oedema",
    "diarrhea": "diarrhoea",
    "esophagus": "oesophagus",
    "hemorrhage": "haemorrhage",
    "pediatric": "paediatric",
    "pediatrician": "paediatrician",
    "gynecology": "gynaecology",
    "counseling": "counselling",
    "traveling": "travelling",
    "program": "programme",
    "gray": "grey",
    "fiber": "fibre",
    "ischemia": "ischaemia",
    "leukemia": "leukaemia",
    "orthopedic": "orthopaedic",
    "fetus": "foetus",
}
_IZE = re.compile(r"^(\w{3,})iz(e|es|ed|ing|ation|ations)$")


_STEMMER = snowballstemmer.stemmer("english")


# Snowball cuts a few long words down to a particle ("overeating" -> "over",
# "underlying" -> "under"), which would then match every "over" and "under".
_PARTICLES = frozenset({"over", "under", "out", "up", "down", "off", "in", "on"})


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The word's stem, so "explained", "explaining" and "explains" compare equal."""
    root = _STEMMER.stemWord(word)
    return word if root in _PARTICLES and root != word else root


# Words that carry little meaning on their own: ignored when comparing answers with examples,
# and when judging how close an answer came to a criterion.
STOPWORDS = frozenset(
    {
        "a", "an", "the", "and", "or", "but", "if", "so", "to", "of", "in", "on", "at", "for", "with", "by",
        "from", "about", "as", "is", "are", "was", "were", "be", "been", "being", "am", "i", "me", "my", "we",
        "us", "our", "you", "your", "he", "him", "his", "she", "her", "it", "its", "they", "them", "their", "this",
        "that", "these", "those", "there", "here", "do", "does", "did", "have", "has", "had", "will", "would",
        "shall", "should", "can", "could", "may", "might", "must", "just", "really", "very", "quite", "okay", "um",
        "uh", "er", "erm", "ah", "oh", "well", "like", "yeah", "right", "then", "now", "also", "too", "bit",
        "some", "any", "all",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Token:
    """A normalised word, where it came from, and which clause and sentence it is in."""

    text: str
    start: int
    end: int
    sentence: int
    clause: int

    @property
    def stem(self) -> str:
        return stem(self.text)


def canonical_word(word: str) -> str:
    """One word in canonical British spelling (no contraction handling)."""
    word = _SPELLING.get(word, word)
    match = _IZE.match(word)
    if match and word not in {"size", "seize", "prize", "citizen"}:
        return f"{match.group(1)}is{match.group(2)}"
    return word


@lru_cache(maxsize=4096)
def expand_word(raw: str) -> tuple[str, ...]:
    """Lower-case, expand contractions and canonicalise spelling of one raw word."""
    word = raw.lower().replace("’", "'")
    if word in _IRREGULAR:
        return tuple(_IRREGULAR[word].split())
    for suffix, replacement in _SUFFIXES.items():
        if word.endswith(suffix) and len(word) > len(suffix):
            stem = word[: -len(suffix)]
            return (canonical_word(stem), *replacement.split())
    if word.endswith("'s"):
        stem = word[:-2]
        # "it's" and "that's" are "is"; a possessive ("patient's") keeps its noun.
        if stem in {"it", "that", "what", "there", "here", "he", "she", "who", "where", "how"}:
            return (stem, "is")
        return (canonical_word(stem),)
    if "'" in word:
        word = word.replace("'", "")
    return (canonical_word(word),)


def tokenise(text: str) -> list[Token]:
    """Split text into normalised tokens carrying spans, clause and sentence numbers."""
    tokens: list[Token] = []
    sentence = clause = 0
    previous_end = 0
    previous_start = -1  # where the last word began, if it was an "'s" read as "is"
    for match in _WORD.finditer(text):
        raw = match.group(0)
        # A blank line or line break also ends a sentence in typed answers.
        if "\n" in text[previous_end : match.start()] and tokens:
            sentence += 1
            clause += 1
        previous_end = match.end()
        if raw in _SENTENCE_ENDS:
            if raw == "?" and tokens and tokens[-1].sentence == sentence:
                tokens.append(Token("?", match.start(), match.end(), sentence, clause))
            sentence += 1
            clause += 1
            continue
        if raw == "-":
            continue
        if raw in _CLAUSE_BREAKS:
            clause += 1
            continue
        if raw.lower() in _FILLERS and not raw.isupper():
            continue  # "um", "er": but "ER" in capitals is the American A&E
        words = expand_word(raw)
        if words and words[0] in _CLAUSE_WORDS and tokens and tokens[-1].clause == clause:
            clause += 1
        for word in words:
            if tokens and tokens[-1].sentence == sentence and tokens[-1].text == word and word not in _REPEATABLE:
                continue  # a stutter: "I, I'm going to" reads as "I'm going to"
            if word in PARTICIPLES and tokens and tokens[-1].text == "is" and tokens[-1].start == previous_start:
                tokens[-1] = replace(tokens[-1], text="has")  # "what's been" is "what has been"
            tokens.append(Token(word, match.start(), match.end(), sentence, clause))
        apostrophe_s = raw.lower().replace("’", "'").endswith("'s")
        previous_start = match.start() if apostrophe_s and words and words[-1] == "is" else -1
    return tokens


def normalise(text: str) -> str:
    """Text as one string of canonical tokens (punctuation dropped)."""
    return " ".join(t.text for t in tokenise(text) if t.text != "?")
