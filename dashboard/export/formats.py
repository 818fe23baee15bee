"""The one registry of export formats: what each is called, its media type, what kind of export it is and which
function writes it.

The command line's ``--format`` choices, the page's download buttons (their labels, media types and order), the
image writer's formats, the messages that list formats and the dispatch of
:func:`dashboard.export.exports.export_bytes` all read it, so a format is added in one place: one entry here
(and its writer, if no existing one fits). Plain data: importing it costs nothing (the command line reads it
before anything heavy is imported); a writer is named by its dotted path and imported only when that format is
written, so a PNG export never imports the embed's template or the data writers.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
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
    writer: str
    """The function that writes it, ``module:function``; it is called as
    ``writer(key, source=…, source_id=…, as_of=…, region=…, title=…, width=…, height=…, dpi=…, preset=…,
    articles=…)`` (:func:`dashboard.export.exports.export_bytes`'s options) and returns the file's bytes."""

    def write(self) -> Callable[..., bytes]:
        """The writer function, imported now (see :attr:`writer`)."""
        module, _, name = self.writer.partition(":")
        return getattr(importlib.import_module(module), name)

    @property
    def emphasises_region(self) -> bool:
        """Whether a chosen region changes the file (images emphasise it; a data file holds every named unit)."""
        return self.kind != "data"


_EXPORTS = "dashboard.export.exports"

FORMATS: dict[str, Format] = {
    f.key: f
    for f in (
        Format("png", "PNG image", "image/png", "image", f"{_EXPORTS}:image_bytes"),
        Format("svg", "SVG image", "image/svg+xml", "image", f"{_EXPORTS}:image_bytes"),
        Format("pdf", "PDF", "application/pdf", "image", f"{_EXPORTS}:image_bytes"),
        Format("geojson", "GeoJSON data", "application/geo+json", "data", f"{_EXPORTS}:data_bytes"),
        Format("csv", "CSV data", "text/csv", "data", f"{_EXPORTS}:data_bytes"),
        Format("gif", "Animated GIF (a frame per source date)", "image/gif", "series", f"{_EXPORTS}:gif_bytes"),
        Format("html", "Interactive map (HTML)", "text/html", "embed", f"{_EXPORTS}:embed_bytes"),
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
