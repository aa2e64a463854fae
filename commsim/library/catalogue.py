"""The scenario library: bundled and trainers' scenarios, rubrics and the glossary.

Bundled files ship inside the wheel (``commsim/_bundled``); in a source
checkout they are read from the repository's ``scenarios/`` and ``rubrics/``.
Trainers add folders of their own with ``COMMSIM_LIBRARY`` (paths separated
by the system's path separator).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from commsim.errors import InvalidFileError, Problem, UnknownIdError
from commsim.library.checks import check_glossary, check_rubric, check_scenario
from commsim.library.loader import did_you_mean, load_model
from commsim.library.source import YamlSource, read_yaml
from commsim.model import Glossary, Rubric, Scenario
from commsim.scoring import Scorer

GLOSSARY_FILE = "glossary.yaml"
_PACKAGE = Path(__file__).resolve().parent.parent


def bundled_dir(name: str) -> Path:
    """The folder of bundled ``scenarios`` or ``rubrics``, installed or in a checkout."""
    installed = _PACKAGE / "_bundled" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def yaml_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    return [path]


def _kind(source: YamlSource) -> str:
    data = source.data if isinstance(source.data, dict) else {}
    if "criteria" in data:
        return "rubric"
    if {"idioms", "jargon", "non_uk"} & set(data) and "nodes" not in data:
        return "glossary"
    return "scenario"


@dataclass
class Library:
    """Everything commsim can play and score with, loaded and checked."""

    scenarios: dict[str, Scenario] = field(default_factory=dict)
    rubrics: dict[str, Rubric] = field(default_factory=dict)
    glossary: Glossary = field(default_factory=Glossary)
    paths: dict[str, Path] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def load(
        cls,
        scenario_dirs: Sequence[Path] | None = None,
        rubric_dir: Path | None = None,
    ) -> Library:
        """Load rubrics, the glossary and scenarios; bad files are kept as problems, not raised."""
        library = cls()
        library._load_rubrics(rubric_dir or bundled_dir("rubrics"))
        if scenario_dirs is None:
            scenario_dirs = [bundled_dir("scenarios"), *_extra_dirs()]
        for folder in scenario_dirs:
            for path in yaml_files(folder):
                library._add_scenario_file(path)
        return library

    def _load_rubrics(self, folder: Path) -> None:
        for path in yaml_files(folder):
            try:
                source = read_yaml(path)
                if _kind(source) == "glossary":
                    glossary, source = load_model(path, Glossary)
                    self.problems.extend(check_glossary(glossary, source))
                    self.glossary = glossary
                else:
                    rubric, source = load_model(path, Rubric)
                    problems = check_rubric(rubric, source)
                    self.problems.extend(problems)
                    if not problems:
                        self._add_unique(rubric.id, path, self.rubrics, rubric)
            except InvalidFileError as error:
                self.problems.extend(error.problems)

    def _add_scenario_file(self, path: Path) -> Scenario | None:
        try:
            scenario = self.read_scenario(path)
        except InvalidFileError as error:
            self.problems.extend(error.problems)
            return None
        self._add_unique(scenario.id, path, self.scenarios, scenario)
        return scenario

    def _add_unique(self, key: str, path: Path, table: dict, value: object) -> None:
        if key in table:
            first = self.paths.get(f"{type(value).__name__}:{key}")
            self.problems.append(Problem(str(path), 1, f"id {key!r} is already used by {first}"))
            return
        table[key] = value
        self.paths[f"{type(value).__name__}:{key}"] = path

    def read_scenario(self, path: Path, text: str | None = None) -> Scenario:
        """Load and fully check one scenario file against this library's rubrics and glossary."""
        scenario, source = load_model(path, Scenario, text)
        problems = check_scenario(scenario, source, self.rubrics, self.glossary)
        if problems:
            raise InvalidFileError(problems)
        return scenario

    def scenario_path(self, scenario_id: str) -> Path | None:
        return self.paths.get(f"Scenario:{scenario_id}")

    def scenario(self, reference: str) -> Scenario:
        """A scenario by id, or by the path of a YAML file."""
        if reference in self.scenarios:
            return self.scenarios[reference]
        path = Path(reference)
        if path.suffix in (".yaml", ".yml") or path.is_file():
            return self.read_scenario(path)
        raise UnknownIdError(f"no scenario {reference!r}{did_you_mean(reference, self.scenarios)}")

    def rubric(self, rubric_id: str) -> Rubric:
        if rubric_id in self.rubrics:
            return self.rubrics[rubric_id]
        raise UnknownIdError(f"no rubric {rubric_id!r}{did_you_mean(rubric_id, self.rubrics)}")

    @cached_property
    def scorer(self) -> Scorer:
        return Scorer(self.rubrics.values(), self.glossary)

    def search(self, query: str) -> list[Scenario]:
        """Scenarios whose title, setting, skills, counterpart or rubrics contain every word of ``query``."""
        words = query.casefold().split()
        found = []
        for scenario in self.scenarios.values():
            haystack = " ".join(
                [
                    scenario.id,
                    scenario.title,
                    scenario.setting,
                    scenario.counterpart,
                    *scenario.skills,
                    *scenario.rubrics,
                ]
            ).casefold()
            if all(word in haystack for word in words):
                found.append(scenario)
        return found


def _extra_dirs() -> list[Path]:
    value = os.environ.get("COMMSIM_LIBRARY", "")
    return [Path(p).expanduser() for p in value.split(os.pathsep) if p.strip()]


def validate_paths(paths: Iterable[Path]) -> tuple[int, list[Problem]]:
    """Check files and folders (rubrics and glossary first); return files checked and problems.

    Scenarios are checked against the bundled rubrics plus any rubrics among ``paths``.
    """
    files = [f for p in paths for f in yaml_files(p)]
    base = Library.load(scenario_dirs=[])
    problems = list(base.problems)
    scenario_files = []
    for path in files:
        try:
            source = read_yaml(path)
        except InvalidFileError as error:
            problems.extend(error.problems)
            continue
        kind = _kind(source)
        if kind == "scenario":
            scenario_files.append(path)
            continue
        try:
            if kind == "rubric":
                rubric, source = load_model(path, Rubric)
                found = check_rubric(rubric, source)
                problems.extend(found)
                if not found:
                    base.rubrics[rubric.id] = rubric
            else:
                glossary, source = load_model(path, Glossary)
                problems.extend(check_glossary(glossary, source))
                base.glossary = glossary
        except InvalidFileError as error:
            problems.extend(error.problems)
    seen_ids: dict[str, Path] = {}
    for path in scenario_files:
        try:
            scenario = base.read_scenario(path)
        except InvalidFileError as error:
            problems.extend(error.problems)
            continue
        if scenario.id in seen_ids:
            problems.append(
                Problem(str(path), 1, f"scenario id {scenario.id!r} is already used by {seen_ids[scenario.id]}")
            )
        seen_ids.setdefault(scenario.id, path)
    # A bundled file that was also named is reported once, under the name the user gave.
    unique: dict[tuple[Path, int, str], Problem] = {}
    for problem in problems:
        unique[(Path(problem.path).resolve(), problem.line, problem.message)] = problem
    return len(files), sorted(unique.values())
