"""The one registry of export formats: what each is called, its media type and what kind of export it is.

The command line's ``--format`` choices, the page's download buttons (their labels, media types and order), the
image writer's formats and the messages that list formats all read it, so a format is added in one place.
Plain data: importing it costs nothing (the command line reads it before anything heavy is imported).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["image", "series", "data", "embed"]
"""``image``: one map picture (PNG, SVG, PDF); ``series``: one frame per source date (GIF); ``data``: the named
units and their excerpts (GeoJSON, CSV); ``embed``: the one-file interactive map (HTML)."""


@dataclass(frozen=True)
class Format:
    """One export format."""

    key: str
    """What ``--format`` and the code call it (also the file's extension)."""
    label: str
    """The page's button label."""
    mime: str
    """The download's media type."""
    kind: Kind

    @property
    def emphasises_region(self) -> bool:
        """Whether a chosen region changes the file (images emphasise it; a data file holds every named unit)."""
        return self.kind != "data"


FORMATS: dict[str, Format] = {
    f.key: f
    for f in (
        Format("png", "PNG image", "image/png", "image"),
        Format("svg", "SVG image", "image/svg+xml", "image"),
        Format("pdf", "PDF", "application/pdf", "image"),
        Format("geojson", "GeoJSON data", "application/geo+json", "data"),
        Format("csv", "CSV data", "text/csv", "data"),
        Format("gif", "Animated GIF (a frame per source date)", "image/gif", "series"),
        Format("html", "Interactive map (HTML)", "text/html", "embed"),
    )
}
"""Every format, in the page's order."""


def keys(*kinds: Kind) -> tuple[str, ...]:
    """The formats of these kinds, in the registry's order (every format when no kind is given)."""
    return tuple(k for k, f in FORMATS.items() if not kinds or f.kind in kinds)


def listed() -> str:
    """The formats as a message lists them: ``png, svg, pdf, geojson, csv, gif or html``."""
    names = list(FORMATS)
    return ", ".join(names[:-1]) + " or " + names[-1]
