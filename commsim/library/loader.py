"""YAML files → validated models, with every problem reported as ``path:line: message``."""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from rapidfuzz import fuzz, process

from commsim.errors import InvalidFileError, Problem
from commsim.library.source import PathKey, YamlSource, read_yaml

ModelT = TypeVar("ModelT", bound=BaseModel)


def suggest(word: str, choices: typing.Iterable[str], cutoff: float = 70) -> str | None:
    """The nearest valid id to a misspelled one, if any is close enough.

    Plain edit-distance similarity: a partial-match scorer would "suggest"
    short ids that merely occur inside the misspelling.
    """
    options = list(choices)
    if not options:
        return None
    found = process.extractOne(word, options, scorer=fuzz.ratio, score_cutoff=cutoff)
    return found[0] if found else None


def did_you_mean(word: str, choices: typing.Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` or an empty string."""
    nearest = suggest(word, choices)
    return f" (did you mean {nearest!r}?)" if nearest else ""


def load_model(path: Path | str, model: type[ModelT], text: str | None = None) -> tuple[ModelT, YamlSource]:
    """Read ``path`` and validate it as ``model``; raise ``InvalidFileError`` listing every problem."""
    source = read_yaml(path, text)
    problems = list(source.problems)
    if not isinstance(source.data, dict):
        kind = type(source.data).__name__
        problems.append(Problem(source.path, 1, f"expected a mapping of keys at the top of the file, found {kind}"))
        raise InvalidFileError(problems)
    try:
        result = model.model_validate(source.data)
    except ValidationError as error:
        problems.extend(_problems_from(error, source, model))
        raise InvalidFileError(problems) from None
    if problems:
        raise InvalidFileError(problems)
    return result, source


def _problems_from(error: ValidationError, source: YamlSource, model: type[BaseModel]) -> list[Problem]:
    by_place: dict[tuple[int, str], list[str]] = {}
    for item in error.errors(include_url=False):
        location = _data_path(source.data, item["loc"])
        where = _dotted(location)
        kind = item["type"]
        if kind == "missing":
            message = f"{where}: missing required key" if where else "missing required key"
        elif kind == "literal_error":
            options = [
                o.strip(" '") for o in str(item.get("ctx", {}).get("expected", "")).replace(" or ", ",").split(",")
            ]
            given = item.get("input")
            hint = did_you_mean(str(given), options) if isinstance(given, str) else ""
            message = f"{where}: {given!r} is not one of {', '.join(options)}{hint}"
        elif kind == "string_type" and isinstance(item.get("input"), bool):
            # YAML 1.1 reads yes/no/on/off as booleans: the commonest surprise for authors.
            message = f"{where}: expected text, but YAML read a bare yes/no/on/off as true/false; put it in quotes"
        elif kind == "extra_forbidden":
            key = str(location[-1])
            allowed = _fields_at(model, location[:-1])
            parent = _dotted(location[:-1])
            message = f"{parent + ': ' if parent else ''}unknown key {key!r}{did_you_mean(key, allowed)}"
        else:
            text = item["msg"].removeprefix("Value error, ")
            message = f"{where}: {text}" if where else text
        place = (source.line_of(location), where)
        if message not in by_place.setdefault(place, []):
            by_place[place].append(message)
    problems = []
    for (line, where), messages in by_place.items():
        if len(messages) > 1 and where:
            # A value that fits no member of a union: one line, not one per member.
            reasons = [m.removeprefix(f"{where}: ") for m in messages]
            messages = [f"{where}: " + "; or ".join(reasons)]
        problems.extend(Problem(source.path, line, m) for m in messages)
    return problems


def _data_path(data: Any, loc: tuple[int | str, ...]) -> PathKey:
    """Keep only the parts of pydantic's location that are real keys in the data.

    Pydantic adds the names of union members and validators to locations
    (``'int'``, ``'function-after[...]'``); those mean nothing to a trainer.
    """
    path: list[str | int] = []
    node = data
    for part in loc:
        if (
            isinstance(node, dict)
            and part in node
            or isinstance(node, list)
            and isinstance(part, int)
            and 0 <= part < len(node)
        ):
            node = node[part]
            path.append(part)
        elif isinstance(node, dict) and isinstance(part, str) and not _looks_internal(part):
            path.append(part)  # a missing or unknown key: name it
            node = None
        elif node is None or not isinstance(node, (dict, list)):
            continue
    return tuple(path)


def _looks_internal(part: str) -> bool:
    return "[" in part or part in {"int", "bool", "str", "float", "list", "dict", "none"}


def _dotted(location: PathKey) -> str:
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _fields_at(model: type[BaseModel], location: PathKey) -> list[str]:
    """The keys a trainer may write at ``location``, to suggest one for an unknown key."""
    current: Any = model
    for part in location:
        current = _step(current, part)
        if current is None:
            return []
    current = _unwrap_model(current)
    return list(current.model_fields) if current is not None else []


def _step(annotation: Any, part: str | int) -> Any:
    target = _unwrap_model(annotation)
    if target is not None and isinstance(part, str):
        field = target.model_fields.get(part)
        return field.annotation if field else None
    for inner in _args(annotation):
        origin = typing.get_origin(inner)
        if origin in (list, tuple) and isinstance(part, int):
            return typing.get_args(inner)[0]
        if origin is dict:
            return typing.get_args(inner)[1]
    return None


def _args(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _args(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [a for arg in typing.get_args(annotation) for a in _args(arg)]
    return [annotation]


def _unwrap_model(annotation: Any) -> type[BaseModel] | None:
    for inner in _args(annotation):
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return inner
    return None
