"""The JSON Schemas in schemas/ (used by editors) match the models."""

import json
from pathlib import Path

import pytest

from commsim.cli.library_commands import SCHEMAS

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_committed_schema_is_current(kind, capsys):
    from commsim.cli import main

    main(["schema", kind])
    current = json.loads(capsys.readouterr().out)
    committed = json.loads((ROOT / "schemas" / f"{kind}.json").read_text())
    assert committed == current, f"schemas/{kind}.json is stale: run `commsim schema {kind} > schemas/{kind}.json`"


def test_scenario_schema_offers_keys_for_completion():
    schema = json.loads((ROOT / "schemas" / "scenario.json").read_text())
    assert {"id", "title", "counterpart", "nodes", "endings", "rubrics", "tests"} <= set(schema["properties"])
    node = schema["$defs"]["Node"]
    assert {"says", "responses", "fallback", "idioms", "hint"} <= set(node["properties"])
    assert node["additionalProperties"] is False
