"""What every image shares: sizes (physical: inches and points), colours, fonts, matplotlib settings, the lock.

An image is a page of a physical size (8 x 4.5 in by default) at a resolution (150 dpi by default): ``dpi`` changes
the number of pixels, never the picture. Type is in points, lines in points, spacings in inches, and hatch
patterns in a cell of one inch (matplotlib's, in every backend: :data:`HATCH_CELL_IN`), so at 300 dpi the same
layout is drawn with twice the pixels.
"""

from __future__ import annotations

import contextlib
import math
import numbers
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from dashboard.claims.vocab import ORIGIN_LABELS
from dashboard.core.errors import DataError
from dashboard.core.text import xml_safe
from dashboard.export import formats

FORMATS = formats.keys("image")
DEFAULT_DPI = 150
DEFAULT_SIZE_IN = (8.0, 4.5)
"""The default page: 8 x 4.5 inches (1200 x 675 pixels at 150 dpi, 2400 x 1350 at 300)."""
DEFAULT_WIDTH, DEFAULT_HEIGHT = (round(side * DEFAULT_DPI) for side in DEFAULT_SIZE_IN)
SIZE_RANGE = (200, 10000)
"""Allowed width and height, in pixels."""
DPI_RANGE = (50, 600)
MAX_TITLE_CHARS = 200
"""Longest image title (``--title``, the page's title field): a longer one would not fit, and takes long to wrap."""

HATCH_CELL_IN = 1.0
"""matplotlib draws a hatch pattern in a cell of 72 points (one inch) whatever the dpi (Agg: ``int(dpi)`` pixels;
SVG and PDF: a 72-point pattern), so a hatch's period is physical."""
HATCH_DENSITY = 6
"""matplotlib's hatch lines (or rows of dots) per cell for each repeated hatch character (``Path.hatch``'s default):
"//" is 12 diagonal lines per inch-cell, which cut a horizontal line every 1/6 in."""
HATCH_LINEWIDTH_PT = 0.6

PROJECTION = "+proj=laea +lat_0=48.5 +lon_0=31.5 +datum=WGS84 +units=m +no_defs"
"""Lambert azimuthal equal-area, centred on Ukraine."""
MAP_MARGIN = 0.04
"""Margin around Ukraine's bounds, as a fraction of its larger side."""

SEA_TEXT = "#4A6F8A"
COUNTRY_TEXT = "#8A8A8A"
TEXT = "#1A1A1A"
MUTED = "#555555"
HALO = "#FFFFFF"
FONT = "DejaVu Sans"
FONT_FAMILY = [FONT, "sans-serif"]
"""DejaVu Sans (bundled with matplotlib) draws every image; an SVG also names a sans-serif fallback, for a viewer
without it (its text stays text, to be edited)."""
SUGGESTED_LABEL = f"Dashed outline: {ORIGIN_LABELS['suggested']}"
CLAIM_TITLE = "Claim"
CONTROL_TITLE = "Control, as the source states it"
MAP_CREDIT = "Map: claims-map dashboard"
CREATOR = "claims-map dashboard (matplotlib)"

RC: dict[str, Any] = {
    "svg.fonttype": "none",
    "pdf.fonttype": 42,
    "svg.hashsalt": "claims-map",
    "path.simplify": True,
    "text.usetex": False,
    "font.family": FONT_FAMILY,
    "hatch.linewidth": HATCH_LINEWIDTH_PT,
    "savefig.facecolor": "white",
    "savefig.edgecolor": "white",
}
LOCK = threading.RLock()
"""One render at a time: the rcParams above are global in matplotlib."""


@dataclass(frozen=True)
class Sizes:
    """Font sizes (points) and spacings (inches) for one page size (inches: the same at every dpi)."""

    title: float
    subtitle: float
    legend: float
    label: float
    footer: float
    pad: float
    gap: float
    line: float

    @classmethod
    def for_figure(cls, width_in: float, height_in: float) -> Sizes:
        scale = min(max(math.sqrt(width_in * height_in) / 6.0, 0.45), 3.0)
        return cls(
            title=13.0 * scale,
            subtitle=8.5 * scale,
            legend=7.5 * scale,
            label=7.5 * scale,
            footer=6.5 * scale,
            pad=0.16 * scale,
            gap=0.10 * scale,
            line=0.5 * scale,
        )


@contextlib.contextmanager
def rc() -> Iterator[None]:
    """matplotlib's defaults (whatever the user's matplotlibrc says) plus :data:`RC`, restored after."""
    import matplotlib as mpl  # lazy: the embed and the command line check titles and sizes here without it (88 ms)

    with mpl.rc_context():
        mpl.rcdefaults()
        mpl.rcParams.update(RC)
        yield


def check_size(
    width: int | None, height: int | None, dpi: int | None, size_in: tuple[float, float] | None = None
) -> tuple[int, int, int]:
    """The image size in pixels, with defaults filled in from a physical size.

    Without ``width`` and ``height`` the page is ``size_in`` inches (8 x 4.5 by default) at ``dpi`` (150 by
    default): 1200 x 675 pixels at 150 dpi, 2400 x 1350 at 300. Given one side only, the other keeps the page's
    proportions; given both, they are the pixels.

    Raises
    ------
    DataError
        If a value is not a whole number in range; the file is the option (``--width``) and the message quotes
        the value.
    """
    dpi = DEFAULT_DPI if dpi is None else dpi
    _check("dpi", dpi, DPI_RANGE, "dots per inch")
    w_in, h_in = size_in or DEFAULT_SIZE_IN
    if width is None and height is None:
        width, height = round(w_in * dpi), round(h_in * dpi)
    elif height is None:
        _check("width", width, SIZE_RANGE, "pixels")
        height = round(width * h_in / w_in)
    elif width is None:
        _check("height", height, SIZE_RANGE, "pixels")
        width = round(height * w_in / h_in)
    _check("width", width, SIZE_RANGE, "pixels")
    _check("height", height, SIZE_RANGE, "pixels")
    return int(width), int(height), int(dpi)


def _check(name: str, value: Any, bounds: tuple[int, int], unit: str) -> None:
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or not low <= value <= high:
        raise DataError(f"--{name}", f"{name} must be a whole number from {low} to {high} {unit}, got {value!r}")


def check_title(title: str) -> str:
    """An image title as given (``--title``), checked; characters no image format allows are dropped.

    Raises
    ------
    DataError
        If it is longer than :data:`MAX_TITLE_CHARS`, or has bytes that are not UTF-8 text (a command line
        argument in another encoding: Python keeps them as lone surrogates, which no font can draw).
    """
    if not isinstance(title, str):
        raise DataError("--title", f"the title must be text, got {type(title).__name__}")
    if any("\ud800" <= c <= "\udfff" for c in title):
        try:  # the bytes as given (Python keeps an undecodable byte 0xff of an argument as U+DCFF)
            shown = title[:60].encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:
            shown = ascii(title[:60])[1:-1]
        raise DataError("--title", f"the title has bytes that are not UTF-8 text ('{shown}'): give it in UTF-8")
    if len(title) > MAX_TITLE_CHARS:
        raise DataError("--title", f"the title is {len(title):,} characters long (at most {MAX_TITLE_CHARS})")
    return xml_safe(title)


def figsize(width: int, height: int, dpi: int) -> tuple[float, float]:
    """Inches such that matplotlib's ``int(inches * dpi)`` gives back exactly the pixels asked for."""

    def inches(px: int) -> float:
        value = px / dpi
        while value * dpi < px:
            value = math.nextafter(value, math.inf)
        return value

    return inches(width), inches(height)
