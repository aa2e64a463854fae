"""The consultation's transcript: the counterpart's lines, the learner's answers, hints and notes.

Who is speaking is always said in words (the speaker's name, or "You"), and
idioms are underlined and listed under the line, so nothing depends on colour.
Every text is shown literally: a learner typing ``[bold]`` sees ``[bold]``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from textual.containers import VerticalScroll
from textual.content import Content, Span
from textual.widgets import Static

EntryKind = Literal["counterpart", "learner", "hint", "note"]
SHOWN_CHARS = 4_000
"""A longer answer is shown cut here (it is stored and scored whole, up to the engine's limit)."""


def highlight(text: str, idioms: Sequence[Sequence[str]]) -> tuple[Content, list[str]]:
    """``text`` with each idiom's phrase or variants (any case) underlined and bold.

    Args:
        idioms: for each idiom, its phrase followed by its variants.

    Returns:
        The content, and the phrases (first of each idiom) found in the text.
    """
    spans: list[Span] = []
    taken: list[tuple[int, int]] = []
    found: list[str] = []
    for forms in idioms:
        for form in sorted({f for f in forms if f.strip()}, key=len, reverse=True):
            pattern = re.compile(r"(?<!\w)" + re.escape(form) + r"(?!\w)", re.IGNORECASE)
            hits = [m.span() for m in pattern.finditer(text)]
            hits = [(a, b) for a, b in hits if not any(a < y and x < b for x, y in taken)]
            if hits:
                taken.extend(hits)
                spans.extend(Span(a, b, "bold underline") for a, b in hits)
                if forms[0] not in found:
                    found.append(forms[0])
    return Content(text, spans), found


class TranscriptEntry(Static):
    """One line of the transcript, labelled with who said it."""

    def __init__(self, kind: EntryKind, speaker: str, text: str, *, idioms: Sequence[Sequence[str]] = ()) -> None:
        """An entry; ``idioms`` lists, for each idiom the line may use, its phrase and variants."""
        super().__init__(classes=f"entry {kind}")
        self.kind = kind
        self.speaker = speaker
        self.text = text
        self.idioms: list[str] = []
        self.update(self._content(idioms))

    def _content(self, idioms: Sequence[Sequence[str]]) -> Content:
        text = self.text
        if len(text) > SHOWN_CHARS:
            text = f"{text[:SHOWN_CHARS]}… ({len(self.text) - SHOWN_CHARS:,} more characters, all saved)"
        body, self.idioms = highlight(text, idioms) if idioms else (Content(text), [])
        parts: list[Content | str | tuple[str, str]] = [(self.speaker, "bold"), "\n", body]
        if self.idioms:
            parts += ["\n", ("Idioms: " + " · ".join(self.idioms) + " (ctrl+l explains)", "italic")]
        return Content.assemble(*parts)


class Transcript(VerticalScroll):
    """The entries, newest at the bottom, kept in view."""

    def add(self, entry: TranscriptEntry) -> None:
        self.mount(entry)
        self.call_after_refresh(self.scroll_end, animate=False)

    def entries(self) -> list[TranscriptEntry]:
        return list(self.query(TranscriptEntry))

    def clear(self) -> None:
        self.remove_children()

    def on_resize(self) -> None:
        # When guided choices open below, the newest line stays in view.
        self.scroll_end(animate=False)
