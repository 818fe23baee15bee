"""The map axes: the sea (the axes' background: the bundled data has no sea polygon, so what is not land is
sea), the neighbouring countries, the units, Ukraine's border, the emphasised unit, the scale bar and the labels."""

from __future__ import annotations

import math

import geopandas as gpd
import shapely
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch
from pyproj import Geod, Transformer

from dashboard import style
from dashboard.export.image import labels
from dashboard.export.image.layers import Layers, fill, hatch, path, style_hatch
from dashboard.export.image.settings import (
    HALO,
    LAND,
    LAND_OUTLINE,
    MAP_MARGIN,
    PROJECTION,
    SEA,
    TEXT,
    Sizes,
)

View = tuple[float, float, float, float]
SCALE_STEPS_KM = (25, 50, 100, 150, 200, 250, 300, 400, 500)
"""Lengths a scale bar may have."""
SCALE_SHARE = 0.18
"""A scale bar is at most about this share of the map's width."""
_GEOD = Geod(ellps="WGS84")
_TO_LONLAT = Transformer.from_crs(PROJECTION, "EPSG:4326", always_xy=True)


def draw_map(ax: Axes, sizes: Sizes, layers: Layers, view: View, region: str | None) -> None:
    """Everything on the map axes, in order (the axes' aspect applied before labels are placed)."""
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
    ax.apply_aspect()
    _draw_context(ax, sizes, layers.context.geometry, view)
    draw_units(ax, sizes, layers.units, layers.ukraine, region)
    bar = scale_bar(ax, sizes)
    labels.draw_labels(ax, sizes, layers, region, keep_clear=[bar])


def fit_view(layers: Layers, aspect: float) -> View:
    """The map's extent: Ukraine's bounds plus a small margin, widened towards ``aspect`` (width / height) as far
    as the context data reaches (so no land is ever shown as sea).

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

    def box(t: float) -> View:
        w, h = w0 + t * (w1 - w0), h0 + t * (h1 - h0)
        return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2

    if layers.coverage.contains(shapely.box(*box(1.0))):
        return box(1.0)
    low, high = 0.0, 1.0
    for _ in range(20):
        mid = (low + high) / 2
        low, high = (mid, high) if layers.coverage.contains(shapely.box(*box(mid))) else (low, mid)
    return box(low)


def _draw_context(ax: Axes, sizes: Sizes, context: gpd.GeoSeries, view: View) -> None:
    """Neighbouring countries, clipped to the view (Ukraine already cut out of them)."""
    x0, y0, x1, y1 = view
    pad = 0.05 * (x1 - x0)
    clip = shapely.box(x0 - pad, y0 - pad, x1 + pad, y1 + pad)
    for geom in context.intersection(clip):
        if geom.is_empty:
            continue
        ax.add_artist(
            PathPatch(path(geom), facecolor=LAND, edgecolor=LAND_OUTLINE, linewidth=sizes.line * 0.8, zorder=1)
        )


def draw_units(ax: Axes, sizes: Sizes, units: gpd.GeoDataFrame, ukraine: shapely.Geometry, region: str | None) -> None:
    """Every unit: fill by claim, hatch by control; Ukraine's border; the emphasised unit on top (a thick black
    outline on a white halo)."""
    for row in units.itertuples(index=False):
        patch = PathPatch(
            path(row.geometry),
            facecolor=fill(row.claim, row.named),
            edgecolor=style.OUTLINE,
            linewidth=sizes.line,
            hatch=hatch(row.control) if row.named else "",
            zorder=2,
        )
        style_hatch(patch)
        ax.add_artist(patch)
        if row.named and row.suggested:  # a suggestion no one reviewed: dashed, as on the web map
            ax.add_artist(
                PathPatch(path(row.geometry), facecolor="none", edgecolor=style.OUTLINE, linewidth=sizes.line * 2,
                          linestyle=(0, (4, 3)), zorder=2.5)
            )  # fmt: skip
    ax.add_artist(
        PathPatch(path(ukraine), facecolor="none", edgecolor=style.OUTLINE, linewidth=sizes.line * 2.2, zorder=3)
    )
    if region is not None:
        for geom in units.loc[units["iso_3166_2"] == region, "geometry"]:
            for colour, width in ((HALO, sizes.line * 7), (style.SELECTED_OUTLINE, sizes.line * 4)):
                ax.add_artist(PathPatch(path(geom), facecolor="none", edgecolor=colour, linewidth=width, zorder=4))


def scale_bar(ax: Axes, sizes: Sizes) -> shapely.Geometry:
    """A scale bar in kilometres at the map's lower left, true where it is drawn: its length in the projection is
    the one whose ends are that many kilometres apart on the WGS 84 ellipsoid (Lambert's equal-area projection is
    not true to scale away from its centre). Returns the space it takes (map coordinates), kept clear of labels."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    per_pt = (x1 - x0) / (ax.get_window_extent().width * 72 / ax.figure.dpi)  # metres per point
    inset = sizes.pad * 72 * per_pt
    start = (x0 + inset, y0 + inset)
    km = _nice_km(start, (x1 - x0) * SCALE_SHARE)
    length = scale_length(start, km)
    fs = max(sizes.label * 0.85, 5.0)
    tick = fs * 0.45 * per_pt
    xs = [start[0], start[0], start[0] + length, start[0] + length]
    ys = [start[1] + tick, start[1], start[1], start[1] + tick]
    for colour, width in ((HALO, sizes.line * 4), (TEXT, sizes.line * 1.6)):
        ax.add_artist(Line2D(xs, ys, color=colour, linewidth=width, solid_capstyle="butt", zorder=7, gid="scale-bar"))
    labels.halo_text(ax, f"{km:g} km", (start[0] + length / 2, start[1] + tick), (0, fs * 0.25), fontsize=fs,
                     ha="center", va="bottom", gid="scale-bar")  # fmt: skip
    return shapely.box(start[0] - tick, start[1] - tick, start[0] + length + tick, start[1] + tick + fs * 1.6 * per_pt)


def scale_length(start: tuple[float, float], km: float) -> float:
    """The length in projected metres, eastwards from ``start``, of ``km`` kilometres on the ground."""
    ground = _ground_km(start, km * 1000.0)
    return km * 1000.0 * (km / ground) if ground else km * 1000.0


def _ground_km(start: tuple[float, float], length: float) -> float:
    (lon0, lon1), (lat0, lat1) = _TO_LONLAT.transform([start[0], start[0] + length], [start[1], start[1]])
    return _GEOD.inv(lon0, lat0, lon1, lat1)[2] / 1000.0


def _nice_km(start: tuple[float, float], max_length: float) -> float:
    """The longest step of :data:`SCALE_STEPS_KM` whose bar fits ``max_length`` projected metres."""
    fitting = [km for km in SCALE_STEPS_KM if scale_length(start, km) <= max_length]
    return fitting[-1] if fitting else SCALE_STEPS_KM[0]


def ground_length_km(ax: Axes) -> tuple[float, float]:
    """The scale bar's label (km) and the ground distance between its ends (km), for checks."""
    bar = next(t for t in ax.texts if t.get_gid() == "scale-bar")
    km = float(bar.get_text().split()[0])
    line = next(a for a in ax.lines if a.get_gid() == "scale-bar")
    xs, ys = line.get_data()
    return km, _ground_km((xs[1], ys[1]), xs[2] - xs[1]) if not math.isclose(xs[2], xs[1]) else 0.0
