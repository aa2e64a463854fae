"""Route a free-text answer to the response intent it most resembles.

Each response intent is known by its example utterances. An answer is
compared with every example of the current node's eligible responses, two
ways: the overlap of content-word stems, weighted by how rare each stem is in
the scenario (so "risk" counts for more than "doctor"), and rapidfuzz's
token-set similarity, which forgives word order and small typos. The best
example's blend is the intent's score; below a threshold the answer is not
understood and the node's fallback is used.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from commsim.model import Response, Scenario
from commsim.scoring.normalise import STOPWORDS, stem, tokenise

MATCH_THRESHOLD = 0.34
"""Below this blended similarity an answer is not understood."""
MAX_MATCHED_CHARS = 2_000
"""Only the start of a very long answer is compared: intents are short."""
OVERLAP_WEIGHT = 0.65


@dataclass(frozen=True)
class Match:
    """The chosen response (or None when nothing matched well enough), with its score."""

    response: Response | None
    confidence: float
    scores: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class _Example:
    text: str
    stems: frozenset[str]


def content_stems(text: str) -> list[str]:
    """Stems of the words that carry meaning; all the words if none do ("Is that a yes?")."""
    words = [t.text for t in tokenise(text) if t.text != "?"]
    content = [w for w in words if w not in STOPWORDS] or words
    return [stem(w) for w in content]


class IntentMatcher:
    """Built once per scenario; ``match`` is then cheap enough to run on every keystroke."""

    def __init__(self, scenario: Scenario) -> None:
        examples: dict[tuple[str, str], list[_Example]] = {}
        document_frequency: Counter[str] = Counter()
        for nid, node in scenario.nodes.items():
            for response in node.responses:
                prepared = []
                for example in response.examples:
                    stems = frozenset(content_stems(example))
                    document_frequency.update(stems)
                    prepared.append(_Example(_plain(example), stems))
                examples[(nid, response.intent)] = prepared
        total = max(1, sum(len(v) for v in examples.values()))
        self._examples = examples
        self._idf = {s: math.log(1 + total / df) for s, df in document_frequency.items()}
        self._unknown_weight = math.log(1 + total)

    def _weight(self, token: str) -> float:
        return self._idf.get(token, self._unknown_weight)

    def match(self, node_id: str, responses: Sequence[Response], text: str) -> Match:
        """Pick the best of ``responses`` (the node's eligible ones) for ``text``."""
        text = text[:MAX_MATCHED_CHARS]
        stems = frozenset(content_stems(text))
        plain = _plain(text)
        if not plain:
            return Match(None, 0.0)
        scored: list[tuple[float, Response]] = []
        for response in responses:
            best = 0.0
            for example in self._examples.get((node_id, response.intent), ()):
                best = max(best, self._similarity(stems, plain, example))
            scored.append((best, response))
        scored.sort(key=lambda pair: pair[0], reverse=True)
        table = tuple((r.intent, round(s, 3)) for s, r in scored)
        if not scored or scored[0][0] < MATCH_THRESHOLD:
            return Match(None, scored[0][0] if scored else 0.0, table)
        return Match(scored[0][1], scored[0][0], table)

    def _similarity(self, stems: frozenset[str], plain: str, example: _Example) -> float:
        if stems and example.stems:
            shared = sum(self._weight(s) for s in stems & example.stems)
            mine = sum(self._weight(s) for s in stems)
            theirs = sum(self._weight(s) for s in example.stems)
            overlap = shared / math.sqrt(mine * theirs)
        else:
            overlap = 0.0
        fuzzy = fuzz.token_set_ratio(plain, example.text) / 100
        return OVERLAP_WEIGHT * overlap + (1 - OVERLAP_WEIGHT) * fuzzy


def _plain(text: str) -> str:
    words = [t.text for t in tokenise(text) if t.text != "?"]
    return " ".join([w for w in words if w not in STOPWORDS] or words)
