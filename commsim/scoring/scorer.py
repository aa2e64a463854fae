"""The scorer: which rubric criteria a learner's words meet, with quoted evidence.

For every sentence of the answer, each criterion's evidence patterns are
searched; a hit is then cancelled when the same sentence also matches one of
the criterion's ``unless`` patterns, when a negation governs it ("there's no
need to go through the risks"), or when the sentence is a question and the
criterion wants a statement (or the reverse). Criteria with ``context``
patterns apply only when the counterpart's previous line matches one of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from commsim.model import Criterion, Glossary, Rubric
from commsim.scoring.normalise import Token, tokenise
from commsim.scoring.patterns import Pattern, TermList, TermLookup, Words, combine, compile_pattern, index_terms

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
        "(skip|leave out|not bother with|gloss over)",
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
    unless: Pattern | None
    context: Pattern | None


@dataclass
class _Sentence:
    tokens: list[Token]
    words: Words
    question: bool
    start: int
    end: int


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

        self._terms: dict[str, TermList] = {
            "jargon": index_terms([p for t in glossary.jargon for p in (t.term, *t.variants)], words_of),
            "non-uk": index_terms([p for t in glossary.non_uk for p in (t.term, *t.variants)], words_of),
            "idioms": index_terms([p for t in glossary.idioms for p in (t.phrase, *t.variants)], words_of),
        }

    @staticmethod
    def _compile(criterion: Criterion) -> _Compiled:
        evidence = combine([compile_pattern(p) for p in criterion.evidence])
        assert evidence is not None, "the model requires evidence patterns"
        return _Compiled(
            criterion,
            evidence,
            combine([compile_pattern(p) for p in criterion.unless]),
            combine([compile_pattern(p) for p in criterion.context]),
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
        sentences = _sentences(text)
        context_words = Words.of([t.text for t in tokenise(context or "")])
        terms = self._terms_for(context_words)
        results = {c.criterion.id: self._decide(c, sentences, text, context_words, terms) for c in compiled}
        return RubricResult(rubric_id, results)

    def _terms_for(self, context_words: Words) -> TermLookup:
        """The glossary's term lists, plus the idioms found in the counterpart's line."""
        found = self._terms["idioms"].find_all(context_words) if len(context_words) else []
        return {**self._terms, "context-idioms": _term_list(tuple(found))}

    def _decide(
        self,
        compiled: _Compiled,
        sentences: list[_Sentence],
        text: str,
        context_words: Words,
        terms: TermLookup,
    ) -> CriterionResult:
        criterion = compiled.criterion
        if compiled.context is not None and not compiled.context.search(context_words, terms):
            return CriterionResult(False, 0.9, applicable=False)
        cancelled = False
        for sentence in sentences:
            if criterion.form == "question" and not sentence.question:
                continue
            if criterion.form == "statement" and sentence.question:
                continue
            for start, end in compiled.evidence.finditer(sentence.words, terms):
                if self._cancelled(compiled, sentence, start, end, terms):
                    cancelled = True
                    continue
                return CriterionResult(True, 0.85, _quote(text, sentence))
        return CriterionResult(False, 0.7 if cancelled else 0.85)

    def _cancelled(self, compiled: _Compiled, sentence: _Sentence, start: int, end: int, terms: TermLookup) -> bool:
        if compiled.unless is not None and compiled.unless.search(sentence.words, terms):
            return True
        tokens = sentence.tokens
        hit = tokens[start:end]
        if compiled.criterion.negatable and not any(t.text in NEGATORS for t in hit):
            clause = tokens[start].clause
            for token in tokens[max(0, start - NEGATION_WINDOW) : start]:
                if token.clause == clause and token.text in NEGATORS:
                    return True
        if not compiled.criterion.negative:
            clauses = {tokens[start].clause, tokens[end - 1].clause, tokens[end - 1].clause + 1}
            nearby = [t.text for t in tokens if t.clause in clauses]
            near_words = Words.of(nearby)
            if any(p.search(near_words) for p in _DISMISSALS):
                return True
        return False


@lru_cache(maxsize=256)
def _term_list(phrases: tuple[tuple[str, ...], ...]) -> TermList:
    """One ``TermList`` per distinct set of phrases, so its compiled regexes are reused."""
    return TermList(phrases)


@lru_cache(maxsize=64)
def _sentences(text: str) -> list[_Sentence]:
    grouped: dict[int, list[Token]] = {}
    for token in tokenise(text):
        grouped.setdefault(token.sentence, []).append(token)
    sentences = []
    for tokens in grouped.values():
        question = tokens[-1].text == "?" or tokens[0].text in _QUESTION_STARTS
        words = [t for t in tokens if t.text != "?"]
        if words:
            sentences.append(
                _Sentence(words, Words.of([t.text for t in words]), question, words[0].start, tokens[-1].end)
            )
    return sentences


def _quote(text: str, sentence: _Sentence, limit: int = 240) -> str:
    end = sentence.end
    while end < len(text) and text[end] in ".!?…'\"’”)":
        end += 1  # keep the sentence's own closing punctuation in the quote
    quoted = " ".join(text[sentence.start : end].split())
    return quoted if len(quoted) <= limit else quoted[: limit - 1].rstrip() + "…"


def score_many(
    scorer: Scorer, rubric_ids: Iterable[str], text: str, context: str | None = None
) -> Mapping[str, RubricResult]:
    """Score one answer against several rubrics."""
    return {rid: scorer.score(rid, text, context) for rid in rubric_ids}
