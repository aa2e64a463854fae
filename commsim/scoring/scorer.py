"""The scorer: which rubric criteria a learner's words meet, with quoted evidence.

For every sentence of the answer, each criterion's evidence patterns are
searched; a hit is then cancelled when the same sentence also matches one of
the criterion's ``unless`` patterns, when a negation governs it ("there's no
need to go through the risks"), or when the sentence is a question and the
criterion wants a statement (or the reverse). Criteria with ``context``
patterns apply only when the counterpart's previous line matches one of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from commsim.model import Criterion, Glossary, Rubric
from commsim.scoring.normalise import STOPWORDS, Token, tokenise
from commsim.scoring.normalise import stem as stem_of
from commsim.scoring.patterns import Pattern, TermLookup, Words, combine, compile_pattern
from commsim.scoring.spelling import Speller
from commsim.scoring.terms import GlossaryTerms, per_turn

MAX_SCORED_CHARS = 20_000
"""Longer answers are scored on their first 20,000 characters: no consultation turn is longer."""

NEGATORS = frozenset({"not", "no", "never", "without", "nor", "neither", "nobody", "nothing"})
NEGATION_WINDOW = 4
_QUESTION_STARTS = frozenset(
    {
        "do", "does", "did", "is", "are", "was", "were", "can", "could", "would", "will", "shall",
        "should", "have", "has", "may", "might", "what", "how", "why", "when", "where", "who",
        "which", "any", "anything",
    }
)  # fmt: skip
# A dismissal in the clause of a hit or the next one undoes it: "the risks, I won't bore you with those".
_DISMISSALS = tuple(
    compile_pattern(p)
    for p in (
        "(will not|not going to|no need to|do not need to|need not|not|never) (bore|go into|get into|go through"
        "|go over|worry about|discuss|cover|mention|talk about|bother with|dwell on)",
        "(is|are) (not|never) (important|relevant|worth|a big deal|really a thing|a thing|an issue|a concern)",
        # "skip the risks", not "is it racing or skipping?"
        "(skip|leave out|not bother with|gloss over) (the|that|this|those|these|it|them|over|all|any)",
    )
)


@dataclass(frozen=True)
class CriterionResult:
    """One decision: is the criterion met, how sure, and the words that show it."""

    met: bool
    confidence: float
    evidence: str | None = None
    applicable: bool = True
    """False when the criterion's context did not arise (no idiom to clarify): it then counts neither way."""

    def to_json(self) -> dict[str, object]:
        return {"met": self.met, "confidence": round(self.confidence, 2), "evidence": self.evidence}


@dataclass(frozen=True)
class RubricResult:
    """Every criterion of one rubric, decided for one answer."""

    rubric: str
    criteria: dict[str, CriterionResult] = field(default_factory=dict)

    @property
    def met(self) -> list[str]:
        return [cid for cid, result in self.criteria.items() if result.met]

    def to_json(self) -> dict[str, object]:
        return {"rubric": self.rubric, "criteria": {cid: r.to_json() for cid, r in self.criteria.items()}}


@dataclass(frozen=True)
class _Compiled:
    """A criterion's pattern lists, each combined into one pattern (None when empty)."""

    criterion: Criterion
    evidence: Pattern
    unless: tuple[Pattern, ...]
    context: tuple[Pattern, ...]
    parts: tuple[Pattern, ...] = ()
    """The evidence again, split so that patterns with a fixed first word can be skipped cheaply."""

    @property
    def vocabulary(self) -> frozenset[str]:
        found = set(self.evidence.words)
        for extra in (*self.unless, *self.context):
            found |= extra.words
        return frozenset(found)

    def content_words(self) -> frozenset[str]:
        return frozenset(w for w in self.evidence.words if w not in STOPWORDS and len(w) > 2)


@dataclass
class _Sentence:
    tokens: list[Token]
    words: Words
    question: bool
    start: int
    end: int

    @property
    def run_on(self) -> bool:
        """Three clauses or more: spoken turns often arrive as one unpunctuated sentence."""
        return self.tokens[-1].clause - self.tokens[0].clause >= 2


class Scorer:
    """Scores answers against a set of rubrics; build it once, call it per answer."""

    def __init__(self, rubrics: Iterable[Rubric], glossary: Glossary | None = None) -> None:
        self.rubrics: dict[str, Rubric] = {r.id: r for r in rubrics}
        self._compiled: dict[str, list[_Compiled]] = {
            rid: [self._compile(c) for c in rubric.criteria] for rid, rubric in self.rubrics.items()
        }
        glossary = glossary or Glossary()
        self.glossary = glossary

        def words_of(phrase: str) -> list[str]:
            return [t.text for t in tokenise(phrase)]

        self._terms = GlossaryTerms(glossary, words_of)
        vocabulary: set[str] = set()
        for compiled in (c for group in self._compiled.values() for c in group):
            vocabulary |= compiled.vocabulary
        vocabulary |= self._terms.stems()
        self._speller = Speller(vocabulary)
        # A criterion's cue words are the content words of its evidence that few other
        # criteria share: one in an answer without a match makes a near miss.
        usage: dict[str, int] = {}
        for compiled in (c for group in self._compiled.values() for c in group):
            for word in compiled.content_words():
                usage[word] = usage.get(word, 0) + 1
        self._cues = {
            id(compiled): frozenset(w for w in compiled.content_words() if usage[w] <= 2)
            for group in self._compiled.values()
            for compiled in group
        }
        self._sentence_cache: dict[str, list[_Sentence]] = {}

    @staticmethod
    def _compile(criterion: Criterion) -> _Compiled:
        patterns = [compile_pattern(p) for p in criterion.evidence]
        evidence = combine(patterns)
        assert evidence is not None, "the model requires evidence patterns"
        fixed = [p for p in patterns if not per_turn(p)]
        anchored = combine([p for p in fixed if p.anchors is not None])
        loose = combine([p for p in fixed if p.anchors is None])
        return _Compiled(
            criterion,
            evidence,
            _combined_apart([compile_pattern(p) for p in criterion.unless]),
            _combined_apart([compile_pattern(p) for p in criterion.context]),
            tuple(p for p in (anchored, loose, combine([p for p in patterns if per_turn(p)])) if p is not None),
        )

    def score(self, rubric_id: str, text: str, context: str | None = None) -> RubricResult:
        """Decide every criterion of ``rubric_id`` for one answer.

        Args:
            rubric_id: a rubric the scorer was built with.
            text: what the learner said.
            context: what the counterpart said just before, if anything.
        """
        compiled = self._compiled[rubric_id]
        text = text[:MAX_SCORED_CHARS]
        sentences = self._sentences(text)
        context_words = Words.of([t.text for t in tokenise(context or "")])
        terms = self._terms.for_turn(text, context_words)
        results = {c.criterion.id: self._decide(c, sentences, text, context_words, terms) for c in compiled}
        for c in compiled:
            result = results[c.criterion.id]
            if result.met and any(results[other].met for other in c.criterion.not_with):
                results[c.criterion.id] = CriterionResult(False, 0.6)
        return RubricResult(rubric_id, results)

    def _sentences(self, text: str) -> list[_Sentence]:
        """Sentences of an answer, cached: every rubric of a scenario scores the same answer."""
        found = self._sentence_cache.get(text)
        if found is None:
            if len(self._sentence_cache) > 64:
                self._sentence_cache.clear()
            found = self._sentence_cache[text] = _split_sentences(text, self._speller)
        return found

    def _decide(
        self,
        compiled: _Compiled,
        sentences: list[_Sentence],
        text: str,
        context_words: Words,
        terms: TermLookup,
    ) -> CriterionResult:
        criterion = compiled.criterion
        if compiled.context and not any(p.search(context_words, terms) for p in compiled.context):
            return CriterionResult(False, 0.9, applicable=False)
        cancelled = False
        for index, sentence in enumerate(sentences):
            following = sentences[index + 1] if index + 1 < len(sentences) else None
            for start, end in _hits(compiled.parts, sentence.words, terms):
                # A long run-on turn ending in "?" is a question only in its last clause.
                asked = sentence.question and (
                    not sentence.run_on or sentence.tokens[start].clause == sentence.tokens[-1].clause
                )
                if (criterion.form == "question" and not asked) or (criterion.form == "statement" and asked):
                    continue
                if self._cancelled(compiled, sentence, start, end, terms, following, context_words):
                    cancelled = True
                    continue
                return CriterionResult(True, _met_confidence(sentence, start, end), _quote(text, sentence))
        if cancelled:
            return CriterionResult(False, 0.6)
        # Cue words of the criterion present without a match: a near miss, so less sure.
        cues = self._cues[id(compiled)]
        near = any(cues.intersection(s.words.stems) for s in sentences)
        return CriterionResult(False, 0.8 if near else 0.95)

    def _cancelled(
        self,
        compiled: _Compiled,
        sentence: _Sentence,
        start: int,
        end: int,
        terms: TermLookup,
        following: _Sentence | None,
        context_words: Words,
    ) -> bool:
        criterion = compiled.criterion
        if any(p.search(sentence.words, terms) for p in compiled.unless):
            return True
        # A term explained in the very next sentence ("...gastroenteritis. That means a tummy bug.").
        if (
            not criterion.negatable
            and following is not None
            and any(p.search(following.words, terms) for p in compiled.unless)
        ):
            return True
        if criterion.negative and _echoes(sentence.words.stems, start, end, context_words.stems):
            return True
        tokens = sentence.tokens
        hit = tokens[start:end]
        if compiled.criterion.negatable and not any(t.text in NEGATORS for t in hit):
            clause = tokens[start].clause
            for index in range(max(0, start - NEGATION_WINDOW), start):
                token = tokens[index]
                if token.clause == clause and token.text in NEGATORS and not _suggestion(tokens, index):
                    # "you've said no, and if you change your mind..." names an answer, it negates nothing.
                    if token.text == "no" and index and tokens[index - 1].text in _SAYING:
                        continue
                    return True
        if not compiled.criterion.negative:
            clauses = {tokens[start].clause, tokens[end - 1].clause}
            following = [t for t in tokens[end:] if t.clause == tokens[end - 1].clause + 1]
            # "the risks, I won't bore you with those" undoes the hit; "..., but try not to worry" does not.
            if following and following[0].text not in _CONTRAST:
                clauses.add(following[0].clause)
            nearby = [t.text for t in tokens if t.clause in clauses]
            near_words = Words.of(nearby)
            if any(p.search(near_words) for p in _DISMISSALS):
                return True
        return False


def _combined_apart(patterns: list[Pattern]) -> tuple[Pattern, ...]:
    """Patterns combined into one regex, except those compiled afresh for each counterpart line.

    A big combined regex that holds one per-context term list would be recompiled
    whole for every new line the counterpart says.
    """
    groups = (combine([p for p in patterns if not per_turn(p)]), combine([p for p in patterns if per_turn(p)]))
    return tuple(p for p in groups if p is not None)


def _split_sentences(text: str, spell: Speller) -> list[_Sentence]:
    grouped: dict[int, list[Token]] = {}
    for token in tokenise(text):
        grouped.setdefault(token.sentence, []).append(token)
    sentences = []
    for tokens in grouped.values():
        ending = text[tokens[-1].end : tokens[-1].end + 3].lstrip()[:1]
        if tokens[-1].text == "?":
            question = True
        elif ending in (".", "!"):
            question = False  # "What we'd do is..." and "Do not worry." are statements
        else:
            # Unpunctuated typing: judge by the first words.
            opening = [t.text for t in tokens[:2]]
            # "do not worry" and "what we'd do is..." open statements, not questions.
            cleft = opening[0] in ("what", "how") and opening[1:] and opening[1] in _PRONOUNS
            question = opening[0] in _QUESTION_STARTS and opening != ["do", "not"] and not cleft
        words = [t for t in tokens if t.text != "?"]
        if words:
            sentences.append(
                _Sentence(words, Words.of([t.text for t in words], spell), question, words[0].start, tokens[-1].end)
            )
    return sentences


def _hits(parts: tuple[Pattern, ...], words: Words, terms: TermLookup) -> Iterator[tuple[int, int]]:
    """Matches of a criterion's evidence in one sentence, skipping parts that cannot start here."""
    for part in parts:
        if part.anchors is not None and part.anchors.isdisjoint(words.stems):
            continue
        yield from part.finditer(words, terms)


def _echoes(stems: tuple[str, ...], start: int, end: int, context: tuple[str, ...]) -> bool:
    """Whether the hit lies in a run of four words or more that repeats the counterpart's words.

    Quoting the patient ("you said you're not one to make a fuss, but...") is
    listening, not the fault the words would otherwise show.
    """
    if not context:
        return False
    spoken = " " + " ".join(context) + " "
    for low in range(max(0, start - 3), start + 1):
        for high in range(end, min(len(stems), end + 3) + 1):
            if high - low >= 4 and f" {' '.join(stems[low:high])} " in spoken:
                return True
    return False


_SAYING = frozenset({"say", "said", "says", "saying", "answer", "answered", "ticked", "tick"})
_CONTRAST = frozenset({"but", "although", "though", "however", "whereas", "because"})
_PRONOUNS = frozenset({"we", "you", "i", "it", "they", "he", "she"})
_SUGGESTING = frozenset({"could", "can", "should", "shall", "would", "why", "will"})


def _suggestion(tokens: list[Token], index: int) -> bool:
    """A "not" that suggests rather than negates: "could we not ask...", "why don't we call..."."""
    before = [t.text for t in tokens[max(0, index - 3) : index]]
    if before[-1:] == ["why"]:
        return True
    if len(before) >= 2 and before[-1] in {"we", "i", "you"} and before[-2] in _SUGGESTING:
        return True
    return len(before) >= 2 and before[-2:] == ["why", "do"]


def _met_confidence(sentence: _Sentence, start: int, end: int) -> float:
    """Longer matches are more specific; a match that needed a spelling fix is less sure."""
    confidence = 0.7 + 0.05 * min(end - start, 4)
    corrected = any(
        w != s and stem_of(w) != s
        for w, s in zip(sentence.words.words[start:end], sentence.words.stems[start:end], strict=True)
    )
    return round(confidence - (0.1 if corrected else 0.0), 2)


def _quote(text: str, sentence: _Sentence, limit: int = 240) -> str:
    end = sentence.end
    while end < len(text) and text[end] in ".!?…'\"’”)":
        end += 1  # keep the sentence's own closing punctuation in the quote
    quoted = " ".join(text[sentence.start : end].split())
    return quoted if len(quoted) <= limit else quoted[: limit - 1].rstrip() + "…"
