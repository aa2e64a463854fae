"""What the library screen lists: a summary of each scenario, from the loaded library or, faster, from the files.

A cold start (no current cache) spends most of a second checking every
scenario and rubric. The table need not wait for that: ``preview`` reads just
the listing fields from the scenario files with the C YAML loader in a few
tens of milliseconds, and the screen shows them while the full load goes on in
a worker. When the library arrives its checked scenarios replace the preview
(a file with problems then drops out of the list).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from commsim.library import Library, bundled_dir, yaml_files
from commsim.model import Scenario
from commsim.model.common import parse_duration

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class ScenarioSummary:
    """One row of the library: what the table, the filter and the details strip need."""

    id: str
    title: str
    counterpart: str
    setting: str
    skills: tuple[str, ...]
    rubrics: tuple[str, ...]
    difficulty: int
    minutes: int

    @classmethod
    def of(cls, scenario: Scenario) -> ScenarioSummary:
        return cls(
            scenario.id,
            scenario.title,
            scenario.counterpart,
            scenario.setting,
            tuple(scenario.skills),
            tuple(scenario.rubrics),
            scenario.difficulty,
            scenario.minutes,
        )

    def matches(self, query: str) -> bool:
        """Every word of ``query`` occurs in the id, title, setting, counterpart, skills or rubrics."""
        haystack = " ".join([self.id, self.title, self.setting, self.counterpart, *self.skills, *self.rubrics])
        haystack = haystack.casefold()
        return all(word in haystack for word in query.casefold().split())


def summaries(library: Library) -> list[ScenarioSummary]:
    return [ScenarioSummary.of(s) for s in library.scenarios.values()]


def preview() -> list[ScenarioSummary]:
    """The listing fields of every scenario file (unchecked), skipping any that cannot be read."""
    extra = os.environ.get("COMMSIM_LIBRARY", "")
    folders = [bundled_dir("scenarios"), *(Path(p).expanduser() for p in extra.split(os.pathsep) if p.strip())]
    found: dict[str, ScenarioSummary] = {}
    for folder in folders:
        if not folder.exists():
            continue
        for path in yaml_files(folder):
            summary = _summary(path)
            if summary is not None:
                found.setdefault(summary.id, summary)
    return list(found.values())


def _summary(path: Path) -> ScenarioSummary | None:
    try:
        data: Any = yaml.load(
            path.read_text(encoding="utf-8"), Loader=_Loader
        )  # a safe loader (CSafeLoader or SafeLoader)
        if not isinstance(data, dict) or "nodes" not in data:
            return None
        seconds = parse_duration(data.get("time_limit", "8m"))
        return ScenarioSummary(
            str(data["id"]),
            str(data["title"]),
            str(data.get("counterpart", "")),
            str(data.get("setting", "")),
            tuple(str(s) for s in data.get("skills") or ()),
            tuple(str(r) for r in data.get("rubrics") or ()),
            int(data.get("difficulty", 2)),
            max(1, round(int(seconds) / 60)),
        )
    except (OSError, UnicodeDecodeError, yaml.YAMLError, KeyError, TypeError, ValueError):
        return None
