"""Helpers shared by the subcommands."""

from __future__ import annotations

import json
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from commsim.errors import CommsimError
from commsim.library import Library


@lru_cache(maxsize=1)
def library() -> Library:
    """The bundled library (plus ``COMMSIM_LIBRARY``), loaded once per process."""
    return Library.load()


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False))


def read_lines(source: str) -> list[str]:
    """The lines of a file, or of standard input for ``-``."""
    if source == "-":
        return sys.stdin.read().splitlines()
    path = Path(source)
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise CommsimError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise CommsimError(f"{source}: is a folder, not a file") from None
    except UnicodeDecodeError:
        raise CommsimError(f"{source}: not UTF-8 text") from None
    except OSError as error:
        raise CommsimError(f"{source}: cannot read ({error.strerror})") from None
