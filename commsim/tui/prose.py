"""Scenario prose re-flowed for the screen: the author's paragraphs and lists, not their line breaks.

Authors write YAML block text wrapped at 72–80 columns; shown as it is, those
breaks fall mid-line on a wider or narrower terminal. Lines are joined within
a paragraph, while blank lines (paragraphs) and list items (``-``, ``*``,
``1.``) are kept, so the terminal can wrap the text to its own width.
"""

from __future__ import annotations

import re

_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


def reflow(text: str) -> str:
    """Join wrapped lines; keep paragraphs and list items."""
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines: list[str] = []
        for raw in block.splitlines():
            line = raw.strip()
            if not line:
                continue
            if lines and not _ITEM.match(raw):
                lines[-1] = f"{lines[-1]} {line}"
            else:
                lines.append(line)
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)
