"""The engine: a pure, deterministic consultation over a scenario."""

from commsim.engine.consultation import MAX_ANSWER_CHARS, Consultation, Reply, Turn
from commsim.engine.matcher import IntentMatcher, Match

__all__ = ["MAX_ANSWER_CHARS", "Consultation", "IntentMatcher", "Match", "Reply", "Turn"]
