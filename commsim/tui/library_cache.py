"""Loading the library for the app, with a cache so the library screen opens in well under a second.

Reading and checking every scenario and rubric takes most of a second; the
result depends only on those files and on commsim's own code. It is pickled in
the user's cache directory under a key made from the files' paths, sizes and
modification times (and the core's source files), so any edit to a scenario,
a rubric or commsim itself makes a fresh load. A cache that cannot be read or
written is ignored: the cache only ever saves time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

import platformdirs

import commsim
from commsim.library import Library, bundled_dir, yaml_files

CACHE_ENV = "COMMSIM_CACHE_DIR"
_CORE = ("model", "library", "scoring", "engine")


def cache_dir() -> Path:
    """``COMMSIM_CACHE_DIR``, else the user's cache directory (``~/.cache/commsim`` on Linux)."""
    configured = os.environ.get(CACHE_ENV, "").strip()
    return Path(configured).expanduser() if configured else platformdirs.user_cache_path("commsim", appauthor=False)


def _library_dirs() -> list[Path]:
    extra = os.environ.get("COMMSIM_LIBRARY", "")
    return [
        bundled_dir("rubrics"),
        bundled_dir("scenarios"),
        *(Path(p).expanduser() for p in extra.split(os.pathsep) if p.strip()),
    ]


def fingerprint() -> str:
    """A key that changes whenever a library file or the core's code changes."""
    digest = hashlib.sha256(commsim.__version__.encode())
    package = Path(commsim.__file__).resolve().parent
    files: list[Path] = []
    for folder in _library_dirs():
        digest.update(f"dir:{folder}".encode())
        if folder.exists():
            files.extend(yaml_files(folder))
    for part in _CORE:
        files.extend(sorted((package / part).glob("*.py")))
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            continue
        digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:24]


def _cache_path() -> Path | None:
    try:
        return cache_dir() / f"library-{fingerprint()}.pickle"
    except OSError:
        return None


def cached_library() -> Library | None:
    """The library from the cache, if the cache is current; None otherwise."""
    path = _cache_path()
    if path is None:
        return None
    try:
        with path.open("rb") as handle:
            cached = pickle.load(handle)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return cached if isinstance(cached, Library) else None


def load_library(use_cache: bool = True) -> Library:
    """The library, from the cache when it is current, else loaded (and cached)."""
    if not use_cache:
        return Library.load()
    cached = cached_library()
    if cached is not None:
        return cached
    library = Library.load()
    path = _cache_path()
    if path is not None:
        _write(path, library)
    return library


def _write(path: Path, library: Library) -> None:
    # A copy without the scorer: it is rebuilt on first use (it holds ids that do not survive pickling).
    plain = Library(library.scenarios, library.rubrics, library.glossary, library.paths, library.problems)
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("library-*.pickle"):
            old.unlink(missing_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".library-", dir=path.parent)
        with os.fdopen(handle, "wb") as out:
            pickle.dump(plain, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except (OSError, pickle.PickleError):
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
