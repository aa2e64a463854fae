"""Read YAML safely and remember the line of every value, for ``path:line`` errors.

PyYAML's ``safe_load`` forgets where values came from. Here the document is
composed into nodes once (with the safe loader), a map from each value's path
(``("nodes", "greeting", "responses", 0, "next")``) to its line is built from
those nodes, and the same nodes are then constructed into plain Python data.
Duplicate mapping keys, which YAML would silently overwrite, are reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from commsim.errors import InvalidFileError, Problem

MAX_FILE_BYTES = 2_000_000
MAX_NODES = 200_000  # aliases can make a small file expand enormously
PathKey = tuple[str | int, ...]
# libyaml's safe loader when PyYAML was built with it: same marks, much faster.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class YamlSource:
    """A parsed YAML document with the line (1-based) of every path in it."""

    path: str
    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    visited: int = 0

    def line_of(self, location: PathKey) -> int:
        """The line of the deepest part of ``location`` that exists in the file."""
        loc = tuple(location)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)

    def problem(self, location: PathKey, message: str) -> Problem:
        return Problem(self.path, self.line_of(location), message)


def read_yaml(path: Path | str, text: str | None = None) -> YamlSource:
    """Parse one YAML file; raise ``InvalidFileError`` with ``path:line`` on bad syntax."""
    shown = str(path)
    if text is None:
        try:
            raw = Path(path).read_bytes()
        except FileNotFoundError:
            raise InvalidFileError.single(shown, 1, "file not found") from None
        except IsADirectoryError:
            raise InvalidFileError.single(shown, 1, "is a folder, not a YAML file") from None
        except OSError as error:
            raise InvalidFileError.single(shown, 1, f"cannot read: {error.strerror}") from None
        if len(raw) > MAX_FILE_BYTES:
            raise InvalidFileError.single(shown, 1, f"file is larger than {MAX_FILE_BYTES // 1_000_000} MB")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise InvalidFileError.single(shown, 1, f"not UTF-8 text (byte {error.start})") from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise InvalidFileError.single(shown, 1, "file is empty")
        source = YamlSource(shown, None)
        _index(node, (), source)
        source.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        what = " ".join(part for part in (error.context, error.problem) if part)
        raise InvalidFileError.single(shown, line, f"YAML syntax: {what or 'cannot parse'}") from None
    except yaml.YAMLError as error:
        raise InvalidFileError.single(shown, 1, f"YAML syntax: {error}") from None
    except _TooLarge:
        raise InvalidFileError.single(shown, 1, "YAML expands to too many values (aliases?)") from None
    except RecursionError:
        raise InvalidFileError.single(shown, 1, "YAML is nested too deeply") from None
    finally:
        loader.dispose()
    return source


class _TooLarge(Exception):
    pass


def _index(node: yaml.Node, location: PathKey, source: YamlSource) -> None:
    source.visited += 1
    if source.visited > MAX_NODES:
        raise _TooLarge
    source.lines.setdefault(location, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen and key != "<<":
                source.problems.append(Problem(source.path, line, f"duplicate key {key!r} (first at line {seen[key]})"))
            seen.setdefault(key, line)
            child = location + (key,)
            # Point at the key's line: that is where a trainer looks for it.
            source.lines.setdefault(child, line)
            _index(value_node, child, source)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index(item, location + (index,), source)
