"""The branch graph of a scenario as Mermaid or Graphviz DOT text."""

from __future__ import annotations

import json

from commsim.model import Scenario

_QUALITY_STYLE = {"good": "#2e7d32", "middling": "#b26a00", "poor": "#c62828"}


def _effects(effects: dict[str, int | bool]) -> str:
    parts = []
    for name, change in effects.items():
        if isinstance(change, bool):
            parts.append(f"{name}={'true' if change else 'false'}")
        else:
            parts.append(f"{name} {change:+d}")
    return ", ".join(parts)


def _edge_label(intent: str, effects: dict[str, int | bool], when: str | None) -> str:
    label = intent
    if effects:
        label += f" ({_effects(effects)})"
    if when:
        label += f" [if {when}]"
    return label


def to_mermaid(scenario: Scenario) -> str:
    """A Mermaid flowchart: nodes as boxes, endings as rounded boxes, intents on the edges."""
    ids = {name: f"n{i}" for i, name in enumerate([*scenario.nodes, *scenario.endings])}

    def text(value: str) -> str:
        return value.replace('"', "#quot;")

    lines = ["flowchart TD"]
    for name in scenario.nodes:
        lines.append(f'    {ids[name]}["{text(name)}"]')
    for name, ending in scenario.endings.items():
        lines.append(f'    {ids[name]}(["{text(name)} · {ending.quality}"])')
    for name, node in scenario.nodes.items():
        for response in node.responses:
            label = _edge_label(response.intent, response.effects, response.when.source if response.when else None)
            lines.append(f'    {ids[name]} -->|"{text(label)}"| {ids[response.next]}')
    lines.append(f"    style {ids[scenario.start]} stroke-width:3px")
    for name, ending in scenario.endings.items():
        lines.append(f"    style {ids[name]} stroke:{_QUALITY_STYLE[ending.quality]},stroke-width:2px")
    return "\n".join(lines) + "\n"


def to_dot(scenario: Scenario) -> str:
    """A Graphviz digraph with the same content as ``to_mermaid``."""

    def quote(value: str) -> str:
        return json.dumps(value)

    lines = [f"digraph {quote(scenario.id)} {{", "    rankdir=TB;", '    node [shape=box, fontname="Helvetica"];']
    for name in scenario.nodes:
        extra = ", penwidth=3" if name == scenario.start else ""
        lines.append(f"    {quote(name)} [label={quote(name)}{extra}];")
    for name, ending in scenario.endings.items():
        label = f"{name}\\n{ending.quality}"
        lines.append(
            f'    {quote(name)} [label="{label}", shape=oval, color="{_QUALITY_STYLE[ending.quality]}", penwidth=2];'
        )
    for name, node in scenario.nodes.items():
        for response in node.responses:
            label = _edge_label(response.intent, response.effects, response.when.source if response.when else None)
            lines.append(f"    {quote(name)} -> {quote(response.next)} [label={quote(label)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
