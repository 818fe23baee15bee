"""The words around the map: title, source line and attribution (their text, and drawing them measured)."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.text import Text
from matplotlib.textpath import TextToPath

from dashboard.core.text import xml_safe
from dashboard.export.image.settings import FONT_FAMILY, MAP_CREDIT, MUTED, TEXT, Sizes
from dashboard.places import boundaries
from dashboard.sources.model import SourceMeta

_TEXT_TO_PATH = TextToPath()


def source_line(meta: SourceMeta | None) -> str:
    """``Source: The Moscow Times, “Headline”, 27 February 2025``; empty without a source."""
    if meta is None:
        return ""
    line = meta.source_line()
    return f"Source: {line}" if line else ""


def attribution_line() -> str:
    """The boundary data's attribution (``data/boundaries/sources.toml``) and the map's credit."""
    return " · ".join(p for p in (boundaries.attribution(), MAP_CREDIT) if p)


def width_in(fig: Figure, text: str, prop: FontProperties) -> float:
    """A line's width in inches, from the font's outlines (not pixels): lines break at the same words at any dpi."""
    width, _h, _d = _TEXT_TO_PATH.get_text_width_height_descent(text, prop, ismath=False)
    return width / 72


def wrap(fig: Figure, text: str, prop: FontProperties, max_width: float) -> str:
    """``text`` broken into lines no wider than ``max_width`` inches (measured; a long word keeps its line)."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        words, line = paragraph.split(), ""
        for word in words:
            candidate = f"{line} {word}" if line else word
            if line and width_in(fig, candidate, prop) > max_width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return "\n".join(lines)


def height_in(fig: Figure, artist) -> float:
    return artist.get_window_extent(fig.canvas.get_renderer()).height / fig.dpi


def draw_text(fig: Figure, sizes: Sizes, title: str, meta: SourceMeta | None) -> dict[str, float]:
    """Title and source line at the top, attribution at the bottom; returns the heights they take (inches)."""
    width, height = fig.get_size_inches()
    usable = width - 2 * sizes.pad
    top = 1 - sizes.pad / height
    title_prop = FontProperties(family=FONT_FAMILY, size=sizes.title, weight="bold")
    title_text = _text(fig, wrap(fig, title, title_prop, usable), title_prop, top, TEXT, sizes, "top")
    header = sizes.pad + height_in(fig, title_text)
    subtitle = source_line(meta)
    if subtitle:
        prop = FontProperties(family=FONT_FAMILY, size=sizes.subtitle)
        y = 1 - (header + sizes.gap * 0.6) / height
        sub_text = _text(fig, wrap(fig, subtitle, prop, usable), prop, y, MUTED, sizes, "top")
        header += sizes.gap * 0.6 + height_in(fig, sub_text)
    prop = FontProperties(family=FONT_FAMILY, size=sizes.footer)
    footer_text = _text(fig, wrap(fig, attribution_line(), prop, usable), prop, sizes.pad / height, MUTED, sizes,
                        "bottom")  # fmt: skip
    footer = sizes.pad + height_in(fig, footer_text)
    return {"header": header, "footer": footer}


def _text(fig: Figure, s: str, prop: FontProperties, y: float, colour: str, sizes: Sizes, va: str) -> Text:
    x = sizes.pad / fig.get_size_inches()[0]
    s = xml_safe(s)  # a title or source line with a control character would make the SVG ill-formed
    return fig.text(x, y, s, fontproperties=prop, color=colour, ha="left", va=va, parse_math=False, linespacing=1.25)
