"""The app's three themes: light, dark and high contrast.

Every meaning the app shows (met or missed, who is speaking, an idiom) is
carried by a word or a symbol as well as by colour, so all three themes, and a
monochrome terminal, read the same. The high-contrast theme uses pure black,
white and yellow only.
"""

from __future__ import annotations

from textual.theme import Theme

DARK = Theme(
    name="commsim-dark",
    primary="#4C9BE8",
    secondary="#7FB2E5",
    accent="#F2B84B",
    warning="#F2B84B",
    error="#F07178",
    success="#6CCB8A",
    foreground="#E6E6E6",
    background="#15191E",
    surface="#1D232A",
    panel="#26303A",
    dark=True,
    variables={"footer-key-foreground": "#F2B84B"},
)

LIGHT = Theme(
    name="commsim-light",
    primary="#0B5CAD",
    secondary="#2F6FB0",
    accent="#8A4B00",
    warning="#8A4B00",
    error="#B3261E",
    success="#1E6B38",
    foreground="#1A1A1A",
    background="#F7F7F5",
    surface="#FFFFFF",
    panel="#E6EAF0",
    dark=False,
    variables={"footer-key-foreground": "#0B5CAD", "text-muted": "#4A4A4A"},
)

HIGH_CONTRAST = Theme(
    name="commsim-high-contrast",
    primary="#FFFF00",
    secondary="#FFFFFF",
    accent="#FFFF00",
    warning="#FFFF00",
    error="#FFFFFF",
    success="#FFFFFF",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#000000",
    boost="#000000",
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
    variables={
        "text-muted": "#FFFFFF",
        "border": "#FFFF00",
        "border-blurred": "#FFFFFF",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#FFFF00",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-foreground": "#000000",
        "block-cursor-blurred-background": "#FFFFFF",
        "footer-background": "#000000",
        "footer-foreground": "#FFFFFF",
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
        "input-cursor-background": "#FFFF00",
        "input-cursor-foreground": "#000000",
        "input-selection-background": "#FFFF00 50%",
        "scrollbar": "#FFFFFF",
        "scrollbar-background": "#000000",
        "scrollbar-hover": "#FFFF00",
        "scrollbar-active": "#FFFF00",
    },
)

THEMES: dict[str, Theme] = {"dark": DARK, "light": LIGHT, "high-contrast": HIGH_CONTRAST}
"""Short names (for ``COMMSIM_THEME`` and the command palette) → themes."""


def theme_name(short: str | None) -> str:
    """The Textual theme name for a short name such as ``light``; unknown names give the dark theme."""
    if short and short in THEMES:
        return THEMES[short].name
    if short and short in {t.name for t in THEMES.values()}:
        return short
    return DARK.name
