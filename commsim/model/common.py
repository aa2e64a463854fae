"""Shared building blocks for the data models."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints, WithJsonSchema

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80),
]
"""An id a trainer types: lower-case words joined by hyphens."""


class Strict(BaseModel):
    """Base for every model loaded from YAML: unknown keys are errors, not silence."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


def as_list(value: Any) -> Any:
    """Let trainers write one item where a list is expected."""
    if value is None:
        return []
    if isinstance(value, (str, dict)):
        return [value]
    return value


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?)?\s*$")


def parse_duration(value: Any) -> Any:
    """Turn ``8m``, ``90s``, ``1.5 h`` or a bare number of minutes into seconds."""
    if isinstance(value, bool):
        raise ValueError("expected a duration such as 8m or 90s")
    if isinstance(value, (int, float)):
        return int(value * 60)
    if isinstance(value, str):
        match = _DURATION.match(value)
        if not match:
            raise ValueError(f"expected a duration such as 8m or 90s, not {value!r}")
        amount = float(match.group(1))
        unit = (match.group(2) or "m")[0]
        return int(amount * {"s": 1, "m": 60, "h": 3600}[unit])
    return value


Duration = Annotated[
    int,
    BeforeValidator(parse_duration),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*(s|m|min|h)?\s*$"},
                {"type": "number", "description": "minutes"},
            ],
            "description": "A duration such as 8m, 90s or 1h; a bare number is minutes.",
        }
    ),
]
"""A time limit, stored in seconds."""
