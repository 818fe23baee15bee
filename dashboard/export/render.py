"""Publication-quality map images (PNG, SVG, PDF), drawn on the server with matplotlib, offline.

The image uses the web map's visual language (:mod:`dashboard.style`): colour by claim, hatch pattern by control,
the units the source does not name in neutral grey, a suggestion's dashed outline, the emphasised unit's thick
black outline. Around Ukraine, as a newsroom map would: the neighbouring countries (Natural Earth, bundled) in
light grey with their names, the sea as the background with the seas' names, a short label inside each unit the
source names, a scale bar in kilometres; the view is fitted to Ukraine with a small margin. Everything is
reprojected to an equal-area projection centred on Ukraine.

Print-true: an image is a page of a physical size (8 x 4.5 in by default, a preset's otherwise) at a resolution;
``dpi`` changes the pixels, never the picture: type, line widths, hatch spacing and dots keep their size in
points and inches (1200 x 675 px at 150 dpi, 2400 x 1350 px at 300).

Decisions:

- matplotlib's object API only (:class:`matplotlib.figure.Figure`, never pyplot), and one render at a time: the
  rcParams that control the output (fonts, SVG/PDF text as text, hatch line width) are global in matplotlib, so a
  lock keeps Streamlit's threads from changing them under each other.
- Text stays text: ``svg.fonttype = "none"`` and ``pdf.fonttype = 42`` (DejaVu Sans, bundled with matplotlib).
  Every text is drawn with ``parse_math=False``, so a headline with ``$`` is printed as written.
- Outputs are deterministic: no dates in the SVG or PDF metadata and a fixed SVG hash salt, so the same input
  gives the same bytes.
- The layout is measured, not guessed (:mod:`dashboard.export.image.layout`).

The parts live in :mod:`dashboard.export.image`: ``settings`` (sizes, colours, checks), ``layers`` (what is
drawn, projected; the style's fill and hatch), ``draw`` (the map, the scale bar), ``labels``, ``legend``,
``captions`` (title, source line, attribution), ``layout`` and ``metadata`` (saving). This module is the entry
point the exports and the page use.
"""

from __future__ import annotations

import geopandas as gpd
import shapely
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from dashboard.claims import selection
from dashboard.core.errors import DataError
from dashboard.export.image import captions, draw, layers, layout, legend
from dashboard.export.image.metadata import metadata as _metadata
from dashboard.export.image.metadata import save as _save
from dashboard.export.image.settings import (
    CLAIM_TITLE,
    CONTROL_TITLE,
    DEFAULT_DPI,
    DEFAULT_HEIGHT,
    DEFAULT_SIZE_IN,
    DEFAULT_WIDTH,
    DPI_RANGE,
    FORMATS,
    LOCK,
    MAP_CREDIT,
    MAX_TITLE_CHARS,
    PROJECTION,
    SIZE_RANGE,
    SUGGESTED_LABEL,
    Sizes,
    check_size,
    check_title,
    figsize,
    rc,
)
from dashboard.places import units
from dashboard.sources.model import SourceMeta

attribution_line = captions.attribution_line
default_title = selection.source_title
source_line = captions.source_line
hatch_period_in = layers.hatch_period_in
scale_bar_km = draw.ground_length_km


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
    size_in: tuple[float, float] | None = None,
) -> bytes:
    """The map of the units a source names, as PNG, SVG or PDF bytes.

    Parameters
    ----------
    fmt : {"png", "svg", "pdf"}
        Output format.
    frame : geopandas.GeoDataFrame
        One row per unit the source names (:func:`dashboard.claims.curated_claims.claims_frame` or the same columns
        from :mod:`dashboard.claims.view_frames`): ``iso_3166_2``, ``name``, ``claim`` and ``control`` are used;
        ``claim`` None or ``"not-stated"`` means named, claim not stated; ``origin`` "suggested" draws a dashed
        outline.
    meta : SourceMeta or None
        The source: its title, publisher and date make the default title and the source line.
    title : str, optional
        The image title; by default "Ukraine: regions named by <publisher>, <date>".
    width, height : int, optional
        Image size in pixels; by default the page size (``size_in``) at ``dpi``. For SVG and PDF, the page size
        is ``pixels / dpi`` inches.
    dpi : int, optional
        Resolution, 150 by default. It changes the number of pixels, not the picture.
    region : str, optional
        ISO 3166-2 code of a unit to emphasise (thick black outline, bold label).
    size_in : (float, float), optional
        The page in inches (8 x 4.5 by default; a preset's, see :data:`dashboard.export.exports.PRESETS`).

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
    width, height, dpi = check_size(width, height, dpi, size_in)
    title = check_title(title) if title else selection.source_title(meta)
    with LOCK, rc():
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
    size_in: tuple[float, float] | None = None,
) -> tuple[Figure, Axes]:
    """The map as a matplotlib figure (not saved), and its map axes.

    The map axes' ``transData`` maps coordinates in :data:`PROJECTION` to display pixels (origin at the bottom
    left), so ``to_pixels`` can find a place on the image; call it under the same settings as
    :func:`render_image` (it takes the module's lock and rcParams itself).

    Parameters
    ----------
    frame, meta, title, width, height, dpi, region, size_in
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
    width, height, dpi = check_size(width, height, dpi, size_in)
    if region is not None and region not in units.ISO_CODES:
        raise DataError("--region", f"unknown ISO 3166-2 code {region!r}")
    with LOCK, rc():
        fig = Figure(figsize=figsize(width, height, dpi), dpi=dpi, facecolor="white")
        FigureCanvasAgg(fig)
        sizes = Sizes.for_figure(*fig.get_size_inches())
        drawn = layers.projected_layers(frame)
        texts = captions.draw_text(fig, sizes, title or selection.source_title(meta), meta)
        legends = legend.legends(fig, sizes, drawn.units, region)
        placed = layout.layout(
            fig, sizes, texts, legends, drawn, lambda scale: legend.legends(fig, sizes, drawn.units, region, scale)
        )
        ax = fig.add_axes(placed.rect)
        draw.draw_map(ax, sizes, drawn, placed.view, region)
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


__all__ = [
    "CLAIM_TITLE",
    "CONTROL_TITLE",
    "DEFAULT_DPI",
    "DEFAULT_HEIGHT",
    "DEFAULT_SIZE_IN",
    "DEFAULT_WIDTH",
    "DPI_RANGE",
    "FORMATS",
    "MAP_CREDIT",
    "MAX_TITLE_CHARS",
    "PROJECTION",
    "SIZE_RANGE",
    "SUGGESTED_LABEL",
    "attribution_line",
    "check_size",
    "check_title",
    "default_title",
    "hatch_period_in",
    "render_figure",
    "render_image",
    "scale_bar_km",
    "source_line",
    "to_pixels",
]
