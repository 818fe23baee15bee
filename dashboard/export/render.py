"""Publication-quality map images (PNG, SVG, PDF), drawn on the server with matplotlib, offline.

The image uses the web map's visual language (:mod:`dashboard.style`): colour by claim, hatch pattern by control,
the units the source does not name in neutral grey. Neighbouring countries are drawn in light grey for context,
never over Ukraine; the sea is the axes background. Everything is reprojected to an equal-area projection centred
on Ukraine.

Decisions:

- matplotlib's object API only (:class:`matplotlib.figure.Figure`, never pyplot), and one render at a time: the
  rcParams that control the output (fonts, SVG/PDF text as text, hatch line width) are global in matplotlib, so a
  lock keeps Streamlit's threads from changing them under each other.
- Text stays text: ``svg.fonttype = "none"`` and ``pdf.fonttype = 42`` (DejaVu Sans, bundled with matplotlib).
  Every text is drawn with ``parse_math=False``, so a headline with ``$`` is printed as written.
- Outputs are deterministic: no dates in the SVG or PDF metadata and a fixed SVG hash salt, so the same input
  gives the same bytes.
- The layout is measured, not guessed: title, source line, legend and attribution are measured with the Agg
  renderer and the map gets the rest (legend to the right on landscape images, below the map on portrait ones).
"""

from __future__ import annotations

import contextlib
import math
import numbers
import textwrap
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from typing import Any

import geopandas as gpd
import matplotlib as mpl
import numpy as np
import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.legend import Legend
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.text import Text
from shapely.geometry.polygon import orient

from dashboard import style
from dashboard.claims.vocab import ORIGIN_LABELS
from dashboard.core.errors import DataError
from dashboard.core.text import xml_safe
from dashboard.places import boundaries
from dashboard.sources.reader import SourceMeta

FORMATS = ("png", "svg", "pdf")
DEFAULT_WIDTH, DEFAULT_HEIGHT, DEFAULT_DPI = 1200, 675, 150
SIZE_RANGE = (200, 10000)
"""Allowed width and height, in pixels."""
DPI_RANGE = (50, 600)
MAX_TITLE_CHARS = 200
"""Longest image title (``--title``, the page's title field): a longer one would not fit, and takes long to wrap."""

PROJECTION = "+proj=laea +lat_0=48.5 +lon_0=31.5 +datum=WGS84 +units=m +no_defs"
"""Lambert azimuthal equal-area, centred on Ukraine."""
MAP_MARGIN = 0.04
"""Margin around Ukraine's bounds, as a fraction of its larger side."""

SEA = "#DDEBF4"
LAND = "#F7F6F2"
LAND_OUTLINE = "#B4B4B4"
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

LEADER_OFFSETS: dict[str, tuple[float, float]] = {
    "UA-40": (-3.0, -0.6),  # Sevastopol: west, out into the Black Sea, clear of Crimea's label
    "UA-30": (-2.6, 1.9),  # Kyiv (city): up and left, clear of Kyiv Oblast's label
}
"""Units too small for a label of their own: label offset (in label font sizes) with a leader line."""

_RC: dict[str, Any] = {
    "svg.fonttype": "none",
    "pdf.fonttype": 42,
    "svg.hashsalt": "claims-map",
    "path.simplify": True,
    "text.usetex": False,
    "font.family": FONT_FAMILY,
    "hatch.linewidth": 0.6,
    "savefig.facecolor": "white",
    "savefig.edgecolor": "white",
}
_LOCK = threading.RLock()


@dataclass(frozen=True)
class _Sizes:
    """Font sizes (points) and spacings (inches) for one figure size."""

    title: float
    subtitle: float
    legend: float
    label: float
    footer: float
    pad: float
    gap: float
    line: float

    @classmethod
    def for_figure(cls, width_in: float, height_in: float) -> _Sizes:
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


@dataclass(frozen=True)
class _Layers:
    """Everything drawn on the map, in the map projection."""

    units: gpd.GeoDataFrame
    ukraine: shapely.Geometry
    context: gpd.GeoSeries
    coverage: shapely.Geometry
    """Where the context data exists (its lon/lat frame, projected): the view never goes beyond it."""
    points: dict[str, tuple[float, float]]


# ----------------------------------------------------------------------------------------------- public API


def render_image(
    fmt: str,
    frame: gpd.GeoDataFrame,
    meta: SourceMeta | None,
    *,
    title: str | None = None,
    width: int | None = None,
    height: int | None = None,
    dpi: int | None = None,
    region: str | None = None,
) -> bytes:
    """The map of the units a source names, as PNG, SVG or PDF bytes.

    Parameters
    ----------
    fmt : {"png", "svg", "pdf"}
        Output format.
    frame : geopandas.GeoDataFrame
        One row per unit the source names (:func:`dashboard.claims.curated_claims.claims_frame` or the same columns
        from :mod:`dashboard.claims.source_views`): ``iso_3166_2``, ``name``, ``claim`` and ``control`` are used;
        ``claim`` None
        or ``"not-stated"`` means named, claim not stated; ``origin`` "suggested" draws a dashed outline.
    meta : SourceMeta or None
        The source: its title, publisher and date make the default title and the source line.
    title : str, optional
        The image title; by default "Ukraine: regions named by <publisher>, <date>".
    width, height : int, optional
        Image size in pixels (1200 x 675 by default); for SVG and PDF, the page size is ``pixels / dpi`` inches.
    dpi : int, optional
        Resolution, 150 by default.
    region : str, optional
        ISO 3166-2 code of a unit to emphasise (thick black outline, bold label).

    Returns
    -------
    bytes
        The file's content.

    Raises
    ------
    DataError
        For an unknown format or region, or a width, height or dpi out of range (the message quotes the value).
    """
    if fmt not in FORMATS:
        raise DataError("--format", f"unknown image format {fmt!r} (expected png, svg or pdf)")
    width, height, dpi = check_size(width, height, dpi)
    title = check_title(title) if title else _default_title(meta)
    with _LOCK, _rc():
        fig, _ax = render_figure(frame, meta, title=title, width=width, height=height, dpi=dpi, region=region)
        return _save(fig, fmt, _metadata(fmt, title, meta))


def render_figure(
    frame: gpd.GeoDataFrame,
    meta: SourceMeta | None,
    *,
    title: str | None = None,
    width: int | None = None,
    height: int | None = None,
    dpi: int | None = None,
    region: str | None = None,
) -> tuple[Figure, Axes]:
    """The map as a matplotlib figure (not saved), and its map axes.

    The map axes' ``transData`` maps coordinates in :data:`PROJECTION` to display pixels (origin at the bottom
    left), so ``to_pixels`` can find a place on the image; call it under the same settings as
    :func:`render_image` (it takes the module's lock and rcParams itself).

    Parameters
    ----------
    frame, meta, title, width, height, dpi, region
        As for :func:`render_image`.

    Returns
    -------
    (matplotlib.figure.Figure, matplotlib.axes.Axes)
        The figure (with an Agg canvas) and its map axes, aspect and limits final.

    Raises
    ------
    DataError
        For an unknown region or a bad size.
    """
    width, height, dpi = check_size(width, height, dpi)
    if region is not None and region not in boundaries.ISO_CODES:
        raise DataError("--region", f"unknown ISO 3166-2 code {region!r}")
    with _LOCK, _rc():
        fig = Figure(figsize=_figsize(width, height, dpi), dpi=dpi, facecolor="white")
        FigureCanvasAgg(fig)
        sizes = _Sizes.for_figure(*fig.get_size_inches())
        layers = _projected_layers(frame)
        texts = _draw_text(fig, sizes, title or _default_title(meta), meta)
        legends = _legends(fig, sizes, layers.units, region)
        rect, view = _layout(fig, sizes, texts, legends, layers)
        ax = fig.add_axes(rect)
        _draw_map(ax, sizes, layers, view, region)
        ax.apply_aspect()
        return fig, ax


def to_pixels(ax: Axes, lon: float, lat: float) -> tuple[float, float]:
    """Where a point (WGS 84 longitude, latitude) lands on an image of ``ax``'s figure, in pixels from top left.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The map axes returned by :func:`render_figure`.
    lon, lat : float
        Degrees.

    Returns
    -------
    (float, float)
        ``(x, y)`` in image pixels, ``y`` downwards as in a PNG.
    """
    point = gpd.GeoSeries([shapely.Point(lon, lat)], crs="EPSG:4326").to_crs(PROJECTION).iloc[0]
    x, y = ax.transData.transform((point.x, point.y))
    return float(x), float(ax.figure.bbox.height - y)


def check_size(width: int | None, height: int | None, dpi: int | None) -> tuple[int, int, int]:
    """The image size with defaults filled in (1200 x 675 pixels at 150 dpi).

    Parameters
    ----------
    width, height : int or None
        Pixels, from 200 to 10000.
    dpi : int or None
        Dots per inch, from 50 to 600.

    Returns
    -------
    (int, int, int)
        ``(width, height, dpi)``.

    Raises
    ------
    DataError
        If a value is not a whole number in range; the file is the option (``--width``) and the message quotes
        the value.
    """
    values = {
        "width": (DEFAULT_WIDTH if width is None else width, SIZE_RANGE, "pixels"),
        "height": (DEFAULT_HEIGHT if height is None else height, SIZE_RANGE, "pixels"),
        "dpi": (DEFAULT_DPI if dpi is None else dpi, DPI_RANGE, "dots per inch"),
    }
    for name, (value, (low, high), unit) in values.items():
        if isinstance(value, bool) or not isinstance(value, numbers.Integral) or not low <= value <= high:
            raise DataError(f"--{name}", f"{name} must be a whole number from {low} to {high} {unit}, got {value!r}")
    return tuple(int(v[0]) for v in values.values())  # type: ignore[return-value]


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


def default_title(meta: SourceMeta | None) -> str:
    """The title used when none is given.

    Parameters
    ----------
    meta : SourceMeta or None
        The source.

    Returns
    -------
    str
        ``Ukraine: regions named by The Moscow Times, 27 Feb 2025`` (the parts that are known).
    """
    return _default_title(meta)


def source_line(meta: SourceMeta | None) -> str:
    """The subtitle of an image, also its description in the file's metadata.

    Parameters
    ----------
    meta : SourceMeta or None
        The source.

    Returns
    -------
    str
        ``Source: The Moscow Times, “Headline”, 27 February 2025``; empty without a source.
    """
    if meta is None:
        return ""
    line = meta.source_line()
    return f"Source: {line}" if line else ""


def attribution_line() -> str:
    """The bottom line of every image.

    Returns
    -------
    str
        The boundary data's attribution (``data/boundaries/sources.toml``) and the map's credit.
    """
    return " · ".join(p for p in (boundaries.attribution(), MAP_CREDIT) if p)


# ----------------------------------------------------------------------------------------------- data


@contextlib.contextmanager
def _rc() -> Iterator[None]:
    """matplotlib's defaults (whatever the user's matplotlibrc says) plus this module's settings, restored after."""
    with mpl.rc_context():
        mpl.rcdefaults()
        mpl.rcParams.update(_RC)
        yield


def _figsize(width: int, height: int, dpi: int) -> tuple[float, float]:
    """Inches such that matplotlib's ``int(inches * dpi)`` gives back exactly the pixels asked for."""

    def inches(px: int) -> float:
        value = px / dpi
        while value * dpi < px:
            value = math.nextafter(value, math.inf)
        return value

    return inches(width), inches(height)


def _text_value(value: Any) -> str | None:
    """A frame cell as text, or None for None/NaN/empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def _projected_layers(frame: gpd.GeoDataFrame) -> _Layers:
    """All 27 units (with the frame's claim, control and name where named), Ukraine and the context, projected.

    Returns
    -------
    _Layers
        ``units`` has columns ``iso_3166_2``, ``name``, ``named``, ``claim``, ``control``, ``geometry``.
    """
    units = boundaries.load_units("full")[["iso_3166_2", "name", "geometry"]].copy()
    named: dict[str, dict[str, Any]] = {}
    for row in frame.drop(columns="geometry", errors="ignore").to_dict("records"):
        iso = _text_value(row.get("iso_3166_2"))
        if iso:
            named[iso] = row
    units["named"] = [iso in named for iso in units["iso_3166_2"]]
    units["claim"] = _object_array([_text_value(named.get(iso, {}).get("claim")) for iso in units["iso_3166_2"]])
    units["control"] = _object_array([_text_value(named.get(iso, {}).get("control")) for iso in units["iso_3166_2"]])
    units["suggested"] = [named.get(iso, {}).get("origin") == "suggested" for iso in units["iso_3166_2"]]
    units["name"] = [
        _text_value(named.get(iso, {}).get("name")) or name
        for iso, name in zip(units["iso_3166_2"], units["name"], strict=True)
    ]
    points = boundaries.representative_points(units)
    units = units.to_crs(PROJECTION)
    ukraine = shapely.union_all(units.geometry.to_numpy())
    context = boundaries.load_context().to_crs(PROJECTION).geometry.difference(ukraine)
    context = context[~context.is_empty]
    projected = gpd.GeoSeries(
        [shapely.Point(lon, lat) for lat, lon in points.values()], crs="EPSG:4326", index=list(points)
    ).to_crs(PROJECTION)
    points_xy = {iso: (p.x, p.y) for iso, p in projected.items()}
    return _Layers(units, ukraine, context, _coverage(), points_xy)


def _coverage() -> shapely.Geometry:
    """The context file's lon/lat frame (``sources.toml``), densified and projected."""
    frame = boundaries.load_provenance().get("context_countries", {}).get("frame")
    if not frame or len(frame) != 4:
        frame = boundaries.load_context().total_bounds
    box = shapely.segmentize(shapely.box(*map(float, frame)), 0.25)
    return gpd.GeoSeries([box], crs="EPSG:4326").to_crs(PROJECTION).iloc[0]


def _object_array(values: list[Any]) -> np.ndarray:
    """An object array (``None`` stays ``None``, not NaN)."""
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _fill(claim: str | None, named: bool) -> str:
    if not named:
        return style.CLAIM_COLOURS[style.NOT_NAMED]
    if claim is None or claim not in style.CLAIM_COLOURS:
        return style.NAMED_ONLY_COLOUR
    return style.fill_colour(claim)


def _hatch(control: str | None) -> str:
    hatch = style.CONTROL_HATCHES.get(control or "not-stated")
    return hatch.matplotlib if hatch else ""


def _path(geom: shapely.Geometry) -> MplPath:
    """A matplotlib path of a (multi)polygon, holes included (exteriors counter-clockwise, holes clockwise)."""
    polygons = getattr(geom, "geoms", [geom])
    vertices, codes = [], []
    for polygon in polygons:
        if polygon.is_empty or polygon.geom_type != "Polygon":
            continue
        polygon = orient(polygon, 1.0)
        for ring in (polygon.exterior, *polygon.interiors):
            xy = np.asarray(ring.coords)
            vertices.append(xy)
            ring_codes = np.full(len(xy), MplPath.LINETO, dtype=MplPath.code_type)
            ring_codes[0], ring_codes[-1] = MplPath.MOVETO, MplPath.CLOSEPOLY
            codes.append(ring_codes)
    if not vertices:
        return MplPath(np.zeros((0, 2)))
    return MplPath(np.concatenate(vertices), np.concatenate(codes))


# ----------------------------------------------------------------------------------------------- drawing


def _draw_map(
    ax: Axes, sizes: _Sizes, layers: _Layers, view: tuple[float, float, float, float], region: str | None
) -> None:
    """The map axes: sea, context, units, Ukraine's outline, the emphasised unit and the labels."""
    ax.set_facecolor(SEA)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor(LAND_OUTLINE)
        spine.set_linewidth(sizes.line)
    x0, y0, x1, y1 = view
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal", adjustable="datalim", anchor="C")
    _draw_context(ax, sizes, layers.context, (x0, x1), (y0, y1))
    _draw_units(ax, sizes, layers.units, layers.ukraine, region)
    _draw_labels(ax, sizes, layers, region)


def _fit_view(layers: _Layers, aspect: float) -> tuple[float, float, float, float]:
    """The map's extent: Ukraine's bounds plus a margin, widened towards ``aspect`` (width / height) as far as
    the context data reaches (so no land is ever shown as sea).

    Returns
    -------
    (x0, y0, x1, y1)
        In :data:`PROJECTION` metres; its aspect is ``aspect`` or as close to it as the context allows.
    """
    minx, miny, maxx, maxy = layers.ukraine.bounds
    margin = MAP_MARGIN * max(maxx - minx, maxy - miny)
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    w0, h0 = maxx - minx + 2 * margin, maxy - miny + 2 * margin
    w1, h1 = (h0 * aspect, h0) if w0 / h0 < aspect else (w0, w0 / aspect)

    def box(t: float) -> tuple[float, float, float, float]:
        w, h = w0 + t * (w1 - w0), h0 + t * (h1 - h0)
        return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2

    if layers.coverage.contains(shapely.box(*box(1.0))):
        return box(1.0)
    low, high = 0.0, 1.0
    for _ in range(20):
        mid = (low + high) / 2
        low, high = (mid, high) if layers.coverage.contains(shapely.box(*box(mid))) else (low, mid)
    return box(low)


def _draw_context(ax: Axes, sizes: _Sizes, context: gpd.GeoSeries, xlim, ylim) -> None:
    """Neighbouring countries, clipped to the view (Ukraine already cut out of them)."""
    (x0, x1), (y0, y1) = xlim, ylim
    pad = 0.05 * (x1 - x0)
    view = shapely.box(x0 - pad, y0 - pad, x1 + pad, y1 + pad)
    for geom in context.intersection(view):
        if geom.is_empty:
            continue
        ax.add_artist(
            PathPatch(_path(geom), facecolor=LAND, edgecolor=LAND_OUTLINE, linewidth=sizes.line * 0.8, zorder=1)
        )


def _draw_units(
    ax: Axes, sizes: _Sizes, units: gpd.GeoDataFrame, ukraine: shapely.Geometry, region: str | None
) -> None:
    """Every unit: fill by claim, hatch by control; Ukraine's border; the emphasised unit on top."""
    for row in units.itertuples(index=False):
        patch = PathPatch(
            _path(row.geometry),
            facecolor=_fill(row.claim, row.named),
            edgecolor=style.OUTLINE,
            linewidth=sizes.line,
            hatch=_hatch(row.control) if row.named else "",
            zorder=2,
        )
        _style_hatch(patch)
        ax.add_artist(patch)
        if row.named and row.suggested:  # a suggestion no one reviewed: dashed, as on the web map
            ax.add_artist(
                PathPatch(_path(row.geometry), facecolor="none", edgecolor=style.OUTLINE, linewidth=sizes.line * 2,
                          linestyle=(0, (4, 3)), zorder=2.5)
            )  # fmt: skip
    ax.add_artist(
        PathPatch(_path(ukraine), facecolor="none", edgecolor=style.OUTLINE, linewidth=sizes.line * 2.2, zorder=3)
    )
    if region is not None:
        chosen = units.loc[units["iso_3166_2"] == region, "geometry"]
        for geom in chosen:
            for colour, width in ((HALO, sizes.line * 7), (style.SELECTED_OUTLINE, sizes.line * 4)):
                ax.add_artist(PathPatch(_path(geom), facecolor="none", edgecolor=colour, linewidth=width, zorder=4))


def _style_hatch(patch: Patch) -> None:
    """Hatch in the hatch ink at a thin line width (as on the web map)."""
    if hasattr(patch, "set_hatchcolor"):
        patch.set_hatchcolor(style.HATCH_INK)
    if hasattr(patch, "set_hatch_linewidth"):
        patch.set_hatch_linewidth(_RC["hatch.linewidth"])


def _halo_text(ax: Axes, text: str, xy: tuple[float, float], xytext: tuple[float, float], **kwargs) -> None:
    """A label with a white halo: the halo as a stroked path, the text on top as plain text (kept as text)."""
    size = kwargs.pop("fontsize")
    weight = kwargs.pop("fontweight", "normal")
    common = dict(
        xy=xy,
        xytext=xytext,
        textcoords="offset points",
        fontproperties=FontProperties(family=FONT_FAMILY, size=size, weight=weight),
        parse_math=False,
        annotation_clip=False,
        **kwargs,
    )
    text = xml_safe(text)
    halo = ax.annotate(text, color=HALO, zorder=5, **common)
    halo.set_path_effects([patheffects.Stroke(linewidth=size * 0.3, foreground=HALO)])
    common.pop("arrowprops", None)
    ax.annotate(text, color=TEXT, zorder=6, **common)


def _draw_labels(ax: Axes, sizes: _Sizes, layers: _Layers, region: str | None) -> None:
    """The name of every named unit, just above its representative point (which stays clear); small units get
    a label out to the side with a leader line. The font shrinks with a small map (but stays legible)."""
    map_width_in = ax.get_position().width * ax.figure.get_size_inches()[0]
    fs = min(sizes.label, max(6.0, 1.5 * map_width_in))
    for row in layers.units.itertuples(index=False):
        if not row.named and row.iso_3166_2 != region:
            continue
        xy = layers.points[row.iso_3166_2]
        weight = "bold" if row.iso_3166_2 == region else "normal"
        if row.iso_3166_2 in LEADER_OFFSETS:
            dx, dy = LEADER_OFFSETS[row.iso_3166_2]
            arrow = dict(arrowstyle="-", color=TEXT, linewidth=sizes.line * 1.2, shrinkA=1.5, shrinkB=2.5)
            ha = "right" if dx < 0 else "left"
            _halo_text(
                ax,
                row.name,
                xy,
                (dx * fs, dy * fs),
                fontsize=fs,
                fontweight=weight,
                ha=ha,
                va="center",
                arrowprops=arrow,
            )
        else:
            _halo_text(ax, row.name, xy, (0, fs * 0.35), fontsize=fs, fontweight=weight, ha="center", va="bottom")


# ----------------------------------------------------------------------------------------------- text & layout


def _default_title(meta: SourceMeta | None) -> str:
    if meta is None or not meta.publisher:
        return "Ukraine: regions named in the source"
    when = f", {meta.published.day} {meta.published:%b %Y}" if meta.published else ""
    return f"Ukraine: regions named by {meta.publisher}{when}"


def _renderer(fig: Figure):
    return fig.canvas.get_renderer()


def _width_in(fig: Figure, text: str, prop: FontProperties) -> float:
    width, _h, _d = _renderer(fig).get_text_width_height_descent(text, prop, ismath=False)
    return width / fig.dpi


def _wrap(fig: Figure, text: str, prop: FontProperties, max_width: float) -> str:
    """``text`` broken into lines no wider than ``max_width`` inches (measured; a long word keeps its line)."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        words, line = paragraph.split(), ""
        for word in words:
            candidate = f"{line} {word}" if line else word
            if line and _width_in(fig, candidate, prop) > max_width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return "\n".join(lines)


def _height_in(fig: Figure, artist) -> float:
    return artist.get_window_extent(_renderer(fig)).height / fig.dpi


def _draw_text(fig: Figure, sizes: _Sizes, title: str, meta: SourceMeta | None) -> dict[str, float]:
    """Title and source line at the top, attribution at the bottom; returns the heights they take (inches)."""
    width_in, height_in = fig.get_size_inches()
    usable = width_in - 2 * sizes.pad
    top = 1 - sizes.pad / height_in
    title_prop = FontProperties(family=FONT_FAMILY, size=sizes.title, weight="bold")
    title_text = _text(fig, _wrap(fig, title, title_prop, usable), title_prop, top, TEXT, sizes, "top")
    header = sizes.pad + _height_in(fig, title_text)
    subtitle = source_line(meta)
    if subtitle:
        prop = FontProperties(family=FONT_FAMILY, size=sizes.subtitle)
        y = 1 - (header + sizes.gap * 0.6) / height_in
        sub_text = _text(fig, _wrap(fig, subtitle, prop, usable), prop, y, MUTED, sizes, "top")
        header += sizes.gap * 0.6 + _height_in(fig, sub_text)
    prop = FontProperties(family=FONT_FAMILY, size=sizes.footer)
    footer_text = _text(
        fig, _wrap(fig, attribution_line(), prop, usable), prop, sizes.pad / height_in, MUTED, sizes, "bottom"
    )
    footer = sizes.pad + _height_in(fig, footer_text)
    return {"header": header, "footer": footer}


def _text(fig: Figure, s: str, prop: FontProperties, y: float, colour: str, sizes: _Sizes, va: str) -> Text:
    x = sizes.pad / fig.get_size_inches()[0]
    s = xml_safe(s)  # a title or source line with a control character would make the SVG ill-formed
    return fig.text(x, y, s, fontproperties=prop, color=colour, ha="left", va=va, parse_math=False, linespacing=1.25)


def _legend_entries(units: gpd.GeoDataFrame, sizes: _Sizes, region: str | None) -> tuple[list, list]:
    """(claim handles and labels, control handles and labels), in the web legend's order."""
    edge = dict(edgecolor=style.OUTLINE, linewidth=sizes.line)
    claims = [(Patch(facecolor=colour, **edge), label) for _key, label, colour in style.CLAIM_LEGEND]
    named = units[units["named"]]
    if named["suggested"].any():
        claims.append(
            (Patch(facecolor="white", edgecolor=style.OUTLINE, linewidth=sizes.line * 2, linestyle=(0, (4, 3))),
             SUGGESTED_LABEL)
        )  # fmt: skip
    if region is not None:
        name = units.loc[units["iso_3166_2"] == region, "name"].iloc[0]
        claims.append(
            (
                Patch(facecolor="none", edgecolor=style.SELECTED_OUTLINE, linewidth=sizes.line * 4),
                f"Emphasised: {xml_safe(name)}",
            )
        )
    controls = []
    for _key, label, hatch in style.CONTROL_LEGEND:
        patch = Patch(facecolor="white", hatch=hatch.matplotlib, **edge)
        _style_hatch(patch)
        controls.append((patch, label))
    return claims, controls


def _legends(fig: Figure, sizes: _Sizes, units: gpd.GeoDataFrame, region: str | None) -> list[Legend]:
    """The claim and control legends (placed later by :func:`_layout`)."""
    wrap_at = 34
    out = []
    for title, entries in zip((CLAIM_TITLE, CONTROL_TITLE), _legend_entries(units, sizes, region), strict=True):
        handles = [h for h, _ in entries]
        labels = [_balanced_wrap(label, wrap_at) for _, label in entries]
        legend = fig.legend(
            handles,
            labels,
            title=title,
            loc="upper left",
            frameon=False,
            prop=FontProperties(family=FONT_FAMILY, size=sizes.legend),
            title_fontproperties=FontProperties(family=FONT_FAMILY, size=sizes.legend * 1.05, weight="bold"),
            alignment="left",
            handlelength=2.4,
            handleheight=1.5,
            handletextpad=0.6,
            labelspacing=0.45,
            borderpad=0.0,
            borderaxespad=0.0,
        )
        for text in legend.get_texts():
            text.set_parse_math(False)
        out.append(legend)
    return out


def _balanced_wrap(text: str, width: int) -> str:
    """``text`` on as few lines of at most ``width`` characters as possible, the lines about equally long."""
    if len(text) <= width:
        return text
    lines = len(textwrap.wrap(text, width))
    for narrower in range(math.ceil(len(text) / lines), width + 1):
        wrapped = textwrap.wrap(text, narrower)
        if len(wrapped) <= lines:
            return "\n".join(wrapped)
    return textwrap.fill(text, width)


def _place(fig: Figure, legend: Legend, x_in: float, y_in: float) -> None:
    w, h = fig.get_size_inches()
    legend.set_bbox_to_anchor((x_in / w, y_in / h), transform=fig.transFigure)


def _legend_size(fig: Figure, legend: Legend) -> tuple[float, float]:
    box = legend.get_window_extent(_renderer(fig))
    return box.width / fig.dpi, box.height / fig.dpi


@dataclass(frozen=True)
class _Arrangement:
    """One way to lay out the map and the legends (inches)."""

    legend_right: bool
    stacked: bool
    block: tuple[float, float]
    area: tuple[float, float]
    map_size: tuple[float, float]
    view: tuple[float, float, float, float]


def _arrange(
    width_in: float, top: float, bottom: float, pad: float, gap: float, sizes_in, layers: _Layers, right: bool
) -> _Arrangement:
    """The map size and extent with the legends right of the map (``right``) or below it."""
    widths, heights = [w for w, _h in sizes_in], [h for _w, h in sizes_in]
    stacked_block = (max(widths), sum(heights) + gap * 1.5 * (len(heights) - 1))
    row_block = (sum(widths) + gap * 3 * (len(widths) - 1), max(heights))
    # right: one below the other if they fit the height; below: side by side if they fit the width
    stacked = stacked_block[1] <= top - bottom if right else row_block[0] > width_in - 2 * pad
    block = stacked_block if stacked else row_block
    if right:
        area = (width_in - 2 * pad - block[0] - gap * 2, top - bottom)
    else:
        area = (width_in - 2 * pad, top - bottom - block[1] - gap * 2)
    area = (max(area[0], 0.2), max(area[1], 0.2))
    view = _fit_view(layers, area[0] / area[1])
    aspect = (view[2] - view[0]) / (view[3] - view[1])
    map_size = (min(area[0], area[1] * aspect), min(area[1], area[0] / aspect))
    return _Arrangement(right, stacked, block, area, map_size, view)


def _layout(
    fig: Figure, sizes: _Sizes, texts: dict[str, float], legends: list[Legend], layers: _Layers
) -> tuple[list[float], tuple[float, float, float, float]]:
    """Place the legends; return the map axes' rectangle (figure fractions) and the map's extent.

    The legends go right of the map or below it, whichever leaves the bigger map: right on landscape images,
    below on portrait ones (one below the other if they fit, else side by side). If the context data does not
    reach far enough to fill the space left, the map is narrower (or shorter): the map-and-legend block is then
    centred across (right layout) or put right under the header (below layout).
    """
    width_in, height_in = fig.get_size_inches()
    pad, gap = sizes.pad, sizes.gap * 1.6
    top, bottom = height_in - texts["header"] - gap, texts["footer"] + gap
    sizes_in = [_legend_size(fig, legend) for legend in legends]
    options = [_arrange(width_in, top, bottom, pad, gap, sizes_in, layers, right) for right in (True, False)]
    landscape = width_in >= height_in
    best = max(options, key=lambda a: (round(a.map_size[0] * a.map_size[1], 3), a.legend_right == landscape))
    map_w, map_h = best.map_size
    if best.legend_right:
        x = pad + (width_in - 2 * pad - (map_w + gap * 2 + best.block[0])) / 2
        y = bottom + (best.area[1] - map_h) / 2
        _place_legends(fig, legends, sizes_in, x + map_w + gap * 2, y + map_h, best.stacked, gap)
    else:
        x = pad + (best.area[0] - map_w) / 2
        y = top - map_h
        _place_legends(fig, legends, sizes_in, pad, y - gap * 2, best.stacked, gap)
    return [x / width_in, y / height_in, map_w / width_in, map_h / height_in], best.view


def _place_legends(
    fig: Figure,
    legends: list[Legend],
    sizes_in: list[tuple[float, float]],
    x: float,
    y: float,
    stacked: bool,
    gap: float,
) -> None:
    """Put the legends' top left corners from (x, y) inches on: one below the other, or side by side."""
    for legend, (w, h) in zip(legends, sizes_in, strict=True):
        _place(fig, legend, x, y)
        if stacked:
            y -= h + gap * 1.5
        else:
            x += w + gap * 3


# ----------------------------------------------------------------------------------------------- saving


def _metadata(fmt: str, title: str, meta: SourceMeta | None) -> dict[str, Any]:
    """File metadata: title, source line, source URL and attribution; no dates, so outputs are reproducible."""
    title = " ".join(title.split())
    description = source_line(meta)
    url = meta.url if meta and meta.url else None
    attribution = attribution_line()
    if fmt == "png":
        return {
            "Title": title,
            "Description": description or None,
            "Source": url,
            "Copyright": attribution,
            "Software": CREATOR,
        }
    if fmt == "svg":
        return {
            "Title": title,
            "Description": description or None,
            "Source": url,
            "Rights": attribution,
            "Creator": CREATOR,
            "Date": None,
        }
    return {
        "Title": title,
        "Subject": " — ".join(p for p in (description, url, attribution) if p),
        "Author": "claims-map dashboard",
        "Creator": CREATOR,
        "Keywords": "; ".join(p for p in ("Ukraine", "territorial claims", "map", meta.publisher if meta else "") if p),
        "CreationDate": None,
        "ModDate": None,
    }


def _save(fig: Figure, fmt: str, metadata: dict[str, Any]) -> bytes:
    """The figure's bytes in ``fmt``, at the figure's own size and dpi (never cropped)."""
    metadata = {key: xml_safe(value) if isinstance(value, str) else value for key, value in metadata.items()}
    buf = BytesIO()
    fig.savefig(buf, format=fmt, dpi=fig.dpi, metadata=metadata)
    data = buf.getvalue()
    if fmt == "svg" and metadata.get("Description"):
        data = _svg_with_desc(data, metadata["Description"])
    return data


def _svg_with_desc(data: bytes, description: str) -> bytes:
    """Add ``<desc>`` after the SVG's ``<title>`` (matplotlib writes the description only as RDF metadata)."""
    from xml.sax.saxutils import escape

    marker = b"</title>"
    at = data.find(marker)
    if at < 0:
        return data
    at += len(marker)
    desc = f"\n <desc>{escape(description)}</desc>".encode()
    return data[:at] + desc + data[at:]


__all__ = [
    "DPI_RANGE",
    "FORMATS",
    "PROJECTION",
    "SIZE_RANGE",
    "attribution_line",
    "check_size",
    "default_title",
    "render_figure",
    "render_image",
    "source_line",
    "to_pixels",
]
