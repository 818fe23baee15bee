"""Names on the map: a short label for each unit the source names, inside its unit and clear of every other
label, its representative point (where the fill shows) and the scale bar; the neighbouring countries' names
(from the boundary data) and the seas' in their own space, where they fit.

A label is tried at the unit's representative point first (just above it, as before), then at the nearest
places inside the unit where it fits, on one line, then on two, then a size smaller; a unit too small for any
(Kyiv city, Sevastopol) has its label out to the side with a leader line. All text is drawn with a white halo
underneath (a stroked path) and the text itself on top, kept as text in SVG and PDF; text from data is made
XML-safe (:func:`dashboard.core.text.xml_safe`).
"""

from __future__ import annotations

import functools
import hashlib
import json

import numpy as np
import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath
from pyproj import Transformer
from shapely.ops import polylabel

from dashboard.core.text import xml_safe
from dashboard.export.image.layers import CACHE_VERSION, Layers, cached_shapes
from dashboard.export.image.settings import COUNTRY_TEXT, FONT_FAMILY, HALO, PROJECTION, SEA_TEXT, TEXT, Sizes

LEADER_OFFSETS: dict[str, tuple[float, float]] = {
    "UA-40": (-3.0, -0.6),  # Sevastopol: west, out into the Black Sea, clear of Crimea's label
    "UA-30": (-2.6, 1.9),  # Kyiv (city): up and left, clear of Kyiv Oblast's label
}
"""Units too small for a label of their own: label offset (in label font sizes) with a leader line."""
SEAS: tuple[tuple[str, float, float, float], ...] = (
    ("Black Sea", 33.0, 43.9, 1.0),
    ("Sea of Azov", 36.6, 46.2, 0.8),
)
"""Sea names: (name, lon, lat where it is best placed, font size relative to the unit labels)."""
INK_INSET = (0.02, 0.22)
"""Share of a text's box, each side (across, up and down), that may lie outside the unit it names."""
RELAXED_INSET = (0.06, 0.25)
"""The same, for a label that fits nowhere with :data:`INK_INSET`."""
MIN_LABEL_PT = 5.0
"""The smallest label (points): a smaller one is not legible in print."""

Box = shapely.Geometry
_TEXT_TO_PATH = TextToPath()
TEXT_PAD_PT = 0.75
"""Room (points) kept each side of a label's glyphs."""


def halo(size: float) -> list:
    """The path effect that draws a white halo of a text (used on a copy underneath the text)."""
    return [patheffects.Stroke(linewidth=size * 0.3, foreground=HALO)]


def halo_text(ax: Axes, text: str, xy: tuple[float, float], xytext: tuple[float, float], **kwargs) -> None:
    """A label with a white halo: the halo as a stroked path, the text on top as plain text (kept as text)."""
    size = kwargs.pop("fontsize")
    weight = kwargs.pop("fontweight", "normal")
    style = kwargs.pop("fontstyle", "normal")
    colour = kwargs.pop("color", TEXT)
    common = dict(
        xy=xy,
        xytext=xytext,
        textcoords="offset points",
        fontproperties=FontProperties(family=FONT_FAMILY, size=size, weight=weight, style=style),
        parse_math=False,
        annotation_clip=False,
        **kwargs,
    )
    text = xml_safe(text)
    under = ax.annotate(text, color=HALO, zorder=5, **common)
    under.set_path_effects(halo(size))
    common.pop("arrowprops", None)
    ax.annotate(text, color=colour, zorder=6, **common)


class _Placer:
    """Label boxes in map coordinates: where a label of a given size fits, clear of those already placed."""

    def __init__(self, ax: Axes, keep_clear: list[Box]) -> None:
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        self.per_pt = (x1 - x0) / (ax.bbox.width * 72 / ax.figure.dpi)  # map units per point
        inset = 1.0 * self.per_pt
        self.view = shapely.box(x0 + inset, y0 + inset, x1 - inset, y1 - inset)
        self.placed: list[Box] = list(keep_clear)
        self.soft: list[Box] = []
        """What a label avoids unless it fits nowhere else (the emphasised unit's outline)."""

    def size(self, text: str, prop: FontProperties) -> tuple[float, float]:
        """Width and height of a text in map units, in points from the font's outlines, not from pixels: the same
        at every dpi, so labels go to the same places. Its box is as matplotlib's: each line 1.2 font sizes high;
        :data:`TEXT_PAD_PT` each side covers the pixel renderer's hinting (widths differ by up to 0.5 pt)."""
        lines = text.split("\n")
        width = max(_TEXT_TO_PATH.get_text_width_height_descent(line, prop, ismath=False)[0] for line in lines)
        height = len(lines) * 1.2 * prop.get_size_in_points()
        return (width + TEXT_PAD_PT * 2) * self.per_pt, height * self.per_pt

    def free(self, boxes: np.ndarray, strict: bool = True) -> np.ndarray:
        """Which boxes are in view and clear of the labels placed (and, if ``strict``, of the soft obstacles)."""
        ok = shapely.contains(self.view, boxes)
        for obstacles in (self.placed, self.soft) if strict else (self.placed,):
            if obstacles and ok.any():
                hits = shapely.intersects(boxes[ok][:, None], np.asarray(obstacles, dtype=object)[None, :])
                ok[np.flatnonzero(ok)[hits.any(axis=1)]] = False
        return ok

    def fit(
        self,
        area: Box,
        centre: tuple[float, float],
        w: float,
        h: float,
        inset: tuple[float, float] = (0.0, 0.0),
        strict: bool = True,
    ) -> tuple[float, float] | None:
        """The nearest place to ``centre`` where a ``w`` x ``h`` box lies inside ``area`` (but for ``inset``, a
        share of its width and height each side) and is free (:meth:`free`)."""
        minx, miny, maxx, maxy = area.bounds
        if maxx - minx < w or maxy - miny < h:
            return None
        step = max(min(w, h) / 3, 1.0 * self.per_pt)
        xs = np.arange(minx + w / 2, maxx - w / 2 + step / 2, step)
        ys = np.arange(miny + h / 2, maxy - h / 2 + step / 2, step)
        gx, gy = (a.ravel() for a in np.meshgrid(xs, ys))
        cx = np.concatenate([[centre[0]], gx])
        cy = np.concatenate([[centre[1]], gy])
        order = np.argsort(np.hypot(cx - centre[0], cy - centre[1]), kind="stable")
        cx, cy = cx[order], cy[order]
        boxes = shapely.box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
        # the glyphs, not the text's whole box, must be inside: its side bearings and line gap may overhang
        ink_w, ink_h = w * (1 - 2 * inset[0]), h * (1 - 2 * inset[1])
        ink = shapely.box(cx - ink_w / 2, cy - ink_h / 2, cx + ink_w / 2, cy + ink_h / 2)
        shapely.prepare(area)
        candidates = np.flatnonzero(shapely.contains(area, ink))
        if not len(candidates):
            return None
        free = candidates[self.free(boxes[candidates], strict)]
        if not len(free):
            return None
        self.placed.append(boxes[free[0]])
        return float(cx[free[0]]), float(cy[free[0]])


def _variants(name: str, size: float) -> list[tuple[str, float]]:
    """A label's forms, best first: one line, two lines (at a space or hyphen), then smaller."""
    lines = [name]
    for sep in (" ", "-"):
        if sep in name.strip():
            head, tail = name.strip().split(sep, 1)
            lines.append(f"{head}{sep if sep == '-' else ''}\n{tail}")
            break
    sizes = [size, max(size * 0.85, MIN_LABEL_PT), max(size * 0.72, MIN_LABEL_PT)]
    return [(text, s) for s in dict.fromkeys(sizes) for text in lines]


def draw_labels(ax: Axes, sizes: Sizes, layers: Layers, region: str | None, keep_clear: list[Box]) -> None:
    """The unit labels, then the countries' and the seas' names where they fit (see the module's docstring)."""
    map_width_in = ax.get_position().width * ax.figure.get_size_inches()[0]
    fs = min(sizes.label, max(6.0, 1.5 * map_width_in))
    placer = _Placer(ax, keep_clear)
    units = layers.units[layers.units["named"] | (layers.units["iso_3166_2"] == region)]
    clear = fs * 0.3 * placer.per_pt  # the representative point stays visible (the fill is checked there)
    placer.placed += [shapely.Point(layers.points[iso]).buffer(clear) for iso in units["iso_3166_2"]]
    if region is not None:  # the emphasised unit's thick black outline is not written over
        for geom in layers.units.loc[layers.units["iso_3166_2"] == region, "geometry"]:
            outline = geom.simplify(0.5 * placer.per_pt).boundary.buffer(sizes.line * 2.2 * placer.per_pt)
            shapely.prepare(outline)
            placer.soft.append(outline)
    leaders = units[units["iso_3166_2"].isin(list(LEADER_OFFSETS))]
    for row in leaders.itertuples(index=False):
        _leader_label(ax, placer, row, layers.points[row.iso_3166_2], fs, sizes, row.iso_3166_2 == region)
    rest = units[~units["iso_3166_2"].isin(list(LEADER_OFFSETS))]
    rest = rest.assign(_area=rest.geometry.area).sort_values("_area")  # the small ones choose first
    for row in rest.itertuples(index=False):
        _unit_label(ax, placer, row, layers.points[row.iso_3166_2], fs, sizes, row.iso_3166_2 == region)
    countries, sea = label_areas(placer, layers)
    _country_labels(ax, placer, layers, fs * 0.9, countries)
    _sea_labels(ax, placer, fs, sea)


def _unit_label(
    ax: Axes, placer: _Placer, row, point: tuple[float, float], fs: float, sizes: Sizes, chosen: bool
) -> None:
    weight = "bold" if chosen else "normal"
    area = row.geometry.simplify(0.5 * placer.per_pt)
    variants = []
    for text, size in _variants(row.name, fs):
        w, h = placer.size(text, FontProperties(family=FONT_FAMILY, size=size, weight=weight))
        variants.append((text, size, w, h))
    # inside, clear of everything; else inside over the emphasised outline, overhanging its unit a little more
    for inset, strict in ((INK_INSET, True), (RELAXED_INSET, False)):
        for text, size, w, h in variants:
            above = (point[0], point[1] + (size * 0.35) * placer.per_pt + h / 2)  # where it went before
            at = placer.fit(area, above, w, h, inset, strict)
            if at is not None:
                halo_text(ax, text, at, (0, 0), fontsize=size, fontweight=weight, ha="center", va="center",
                          linespacing=1.2)  # fmt: skip
                return
    first = variants[0]
    # fits nowhere inside (a sliver of a unit): out to the side with a leader line, where there is room
    text, size, w, h = first
    reach = row.geometry.buffer(max(w, h) * 2).difference(row.geometry)
    at = placer.fit(reach, point, w, h)
    if at is None:  # nowhere free: above the point, as before
        at = (point[0], point[1] + size * 0.35 * placer.per_pt + h / 2)
    arrow = dict(arrowstyle="-", color=TEXT, linewidth=sizes.line * 1.2, shrinkA=1.5, shrinkB=2.5)
    halo_text(ax, text, point, ((at[0] - point[0]) / placer.per_pt, (at[1] - point[1]) / placer.per_pt),
              fontsize=size, fontweight=weight, ha="center", va="center", arrowprops=arrow)  # fmt: skip


def _leader_label(ax: Axes, placer: _Placer, row, point, fs: float, sizes: Sizes, chosen: bool) -> None:
    dx, dy = LEADER_OFFSETS[row.iso_3166_2]
    weight = "bold" if chosen else "normal"
    w, h = placer.size(row.name, FontProperties(family=FONT_FAMILY, size=fs, weight=weight))
    x = point[0] + dx * fs * placer.per_pt
    y = point[1] + dy * fs * placer.per_pt
    placer.placed.append(
        shapely.box(x - w, y - h / 2, x, y + h / 2) if dx < 0 else shapely.box(x, y - h / 2, x + w, y + h / 2)
    )
    arrow = dict(arrowstyle="-", color=TEXT, linewidth=sizes.line * 1.2, shrinkA=1.5, shrinkB=2.5)
    halo_text(ax, row.name, point, (dx * fs, dy * fs), fontsize=fs, fontweight=weight,
              ha="right" if dx < 0 else "left", va="center", arrowprops=arrow)  # fmt: skip


def label_areas(placer: _Placer, layers: Layers) -> tuple[list[Box], Box]:
    """Where the neighbours' and the seas' names may go: each neighbour's part in view and the sea in view, 1.5 pt
    in from their edges. They depend on the boundary data and the view only, so they are cached for one view
    (:func:`dashboard.export.image.layers.cached_shapes`, under the data's key, the view and its scale): the
    sea's negative buffer alone is ~60 ms of every image."""
    parts = [CACHE_VERSION, layers.key, list(placer.view.bounds), placer.per_pt, len(layers.context)]
    key = hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()

    def compute() -> tuple[list[Box], dict]:
        inset = -1.5 * placer.per_pt
        visible = [geom.intersection(placer.view).buffer(inset) for geom in layers.context.geometry]
        return [*visible, placer.view.difference(layers.land).buffer(inset)], {}

    shapes, _extra = cached_shapes("label-areas", key, compute)
    return shapes[:-1], shapes[-1]


def _country_labels(ax: Axes, placer: _Placer, layers: Layers, fs: float, areas: list[Box]) -> None:
    """Each neighbour's name (upper case, grey, no halo) inside the part of it that is in view, if it fits."""
    for name, visible in zip(layers.context["name"], areas, strict=True):
        if visible.is_empty:
            continue
        text = xml_safe(str(name)).upper()
        prop = FontProperties(family=FONT_FAMILY, size=fs, weight="normal")
        w, h = placer.size(text, prop)
        centre = polylabel(max(getattr(visible, "geoms", [visible]), key=lambda g: g.area))
        at = placer.fit(visible, (centre.x, centre.y), w, h)
        if at is not None:
            ax.annotate(text, at, ha="center", va="center", fontproperties=prop, color=COUNTRY_TEXT,
                        parse_math=False, annotation_clip=False, zorder=1.5)  # fmt: skip


def _sea_labels(ax: Axes, placer: _Placer, fs: float, sea: Box) -> None:
    """The seas' names (italic, blue-grey) where the sea in view has room for them."""
    for name, lon, lat, scale in SEAS:
        prop = FontProperties(family=FONT_FAMILY, size=fs * scale, style="italic")
        w, h = placer.size(name, prop)
        anchor = _project(lon, lat)
        at = placer.fit(sea, anchor, w, h)
        if at is not None:
            ax.annotate(name, at, ha="center", va="center", fontproperties=prop, color=SEA_TEXT,
                        parse_math=False, annotation_clip=False, zorder=1.5)  # fmt: skip


@functools.cache
def _to_map() -> Transformer:
    """WGS 84 to the map projection, made when first used (made at import it cost every process 20-70 ms)."""
    return Transformer.from_crs("EPSG:4326", PROJECTION, always_xy=True)


def _project(lon: float, lat: float) -> tuple[float, float]:
    point = _to_map().transform(lon, lat)
    return float(point[0]), float(point[1])
