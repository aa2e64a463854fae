"""A tiny, safe language for scenario conditions such as ``rapport >= 3 and not asked``.

Trainers write conditions as text in YAML; they are parsed once, at load time,
into a small tree and evaluated against the consultation state. Nothing is
ever passed to ``eval``: the grammar has names, numbers, booleans,
comparisons, ``and``, ``or``, ``not`` and brackets, and nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

Value = int | float | bool
State = dict[str, Value]

_TOKEN = re.compile(
    r"\s*(?:(?P<num>-?\d+(?:\.\d+)?)|(?P<op>==|!=|<=|>=|<|>)|(?P<paren>[()])|(?P<name>[A-Za-z_][\w-]*))"
)
_COMPARE = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}
_KEYWORDS = {"and", "or", "not", "true", "false"}


class ConditionSyntaxError(ValueError):
    """The condition text does not parse; the message says where."""


@dataclass(frozen=True)
class Condition:
    """A parsed condition: evaluate it with ``holds(state)``."""

    source: str
    tree: tuple

    @classmethod
    def parse(cls, source: str) -> Condition:
        tokens = _tokenise(source)
        parser = _Parser(tokens, source)
        tree = parser.expression()
        if parser.pos != len(tokens):
            raise ConditionSyntaxError(f"unexpected {tokens[parser.pos][1]!r} in condition {source!r}")
        return cls(source, tree)

    def names(self) -> set[str]:
        """The state variables the condition reads."""
        found: set[str] = set()

        def walk(node: tuple) -> None:
            if node[0] == "name":
                found.add(node[1])
            for child in node[1:]:
                if isinstance(child, tuple):
                    walk(child)

        walk(self.tree)
        return found

    def holds(self, state: State) -> bool:
        return bool(_evaluate(self.tree, state))


def _tokenise(source: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    pos = 0
    text = source.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise ConditionSyntaxError(f"cannot read {text[pos:].strip()[:20]!r} in condition {source!r}")
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        pos = match.end()
    if not tokens:
        raise ConditionSyntaxError("empty condition")
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], source: str) -> None:
        self.tokens = tokens
        self.source = source
        self.pos = 0

    def _peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _take(self) -> tuple[str, str]:
        token = self._peek()
        if token is None:
            raise ConditionSyntaxError(f"condition {self.source!r} ends too early")
        self.pos += 1
        return token

    def _at_word(self, word: str) -> bool:
        token = self._peek()
        return token is not None and token == ("name", word)

    def expression(self) -> tuple:
        node = self._conjunction()
        while self._at_word("or"):
            self._take()
            node = ("or", node, self._conjunction())
        return node

    def _conjunction(self) -> tuple:
        node = self._negation()
        while self._at_word("and"):
            self._take()
            node = ("and", node, self._negation())
        return node

    def _negation(self) -> tuple:
        if self._at_word("not"):
            self._take()
            return ("not", self._negation())
        return self._comparison()

    def _comparison(self) -> tuple:
        left = self._atom()
        token = self._peek()
        if token and token[0] == "op":
            self._take()
            return ("cmp", token[1], left, self._atom())
        return left

    def _atom(self) -> tuple:
        kind, text = self._take()
        if kind == "num":
            return ("const", float(text) if "." in text else int(text))
        if kind == "paren" and text == "(":
            node = self.expression()
            if self._take() != ("paren", ")"):
                raise ConditionSyntaxError(f"missing ')' in condition {self.source!r}")
            return node
        if kind == "name" and text in ("true", "false"):
            return ("const", text == "true")
        if kind == "name" and text not in _KEYWORDS:
            return ("name", text)
        raise ConditionSyntaxError(f"unexpected {text!r} in condition {self.source!r}")


def _evaluate(node: tuple, state: State) -> Value:
    kind = node[0]
    if kind == "const":
        return node[1]
    if kind == "name":
        return state.get(node[1], 0)
    if kind == "not":
        return not _evaluate(node[1], state)
    if kind == "and":
        return bool(_evaluate(node[1], state)) and bool(_evaluate(node[2], state))
    if kind == "or":
        return bool(_evaluate(node[1], state)) or bool(_evaluate(node[2], state))
    if kind == "cmp":
        return _COMPARE[node[1]](_evaluate(node[2], state), _evaluate(node[3], state))
    raise AssertionError(f"unknown condition node {kind}")
