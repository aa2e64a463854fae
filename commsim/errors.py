"""One error family for everything a user can get wrong.

Every failure a user can cause (a bad file, an unknown id, a broken database)
is raised as a ``CommsimError`` whose message is fit to print on one line. The
CLI and the TUI catch this family and nothing else reaches the user.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class CommsimError(Exception):
    """A failure with a message meant for the user; ``exit_code`` is for the CLI."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UnknownIdError(CommsimError):
    """An id (scenario, rubric, criterion) that the library does not have."""

    exit_code = 2


class UsageError(CommsimError):
    """The command was called with arguments that do not fit."""

    exit_code = 2


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a file, located as ``path:line``."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class InvalidFileError(CommsimError):
    """A scenario, rubric or glossary file with one or more problems."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, path: Path | str, line: int, message: str) -> InvalidFileError:
        return cls([Problem(str(path), line, message)])
