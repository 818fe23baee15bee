"""What the map draws, in the map's projection: the 27 units with the frame's statuses, Ukraine, the neighbours.

Also the unit's look, read from :mod:`dashboard.style` (fill by claim, hatch by control: never written again here)
and a shapely geometry as a matplotlib path.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from matplotlib.patches import Patch
from matplotlib.path import Path as MplPath
from shapely.geometry.polygon import orient

from dashboard import style
from dashboard.export.image.settings import HATCH_CELL_IN, HATCH_DENSITY, PROJECTION, RC
from dashboard.places import boundaries


@dataclass(frozen=True)
class Layers:
    """Everything drawn on the map, in the map projection."""

    units: gpd.GeoDataFrame
    """Columns ``iso_3166_2``, ``name``, ``named``, ``claim``, ``control``, ``suggested``, ``geometry``."""
    ukraine: shapely.Geometry
    context: gpd.GeoDataFrame
    """Neighbouring countries (``name``, ``geometry``), Ukraine cut out."""
    coverage: shapely.Geometry
    """Where the context data exists (its lon/lat frame, projected): the view never goes beyond it."""
    points: dict[str, tuple[float, float]]
    """Each unit's representative point (projected): a label never covers it."""


def text_value(value: Any) -> str | None:
    """A frame cell as text, or None for None/NaN/empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def projected_layers(frame: gpd.GeoDataFrame) -> Layers:
    """All 27 units (with the frame's claim, control and name where named), Ukraine and the context, projected."""
    units = boundaries.load_units("full")[["iso_3166_2", "name", "geometry"]].copy()
    named: dict[str, dict[str, Any]] = {}
    for row in frame.drop(columns="geometry", errors="ignore").to_dict("records"):
        iso = text_value(row.get("iso_3166_2"))
        if iso:
            named[iso] = row
    codes = list(units["iso_3166_2"])
    units["named"] = [iso in named for iso in codes]
    units["claim"] = _object_array([text_value(named.get(iso, {}).get("claim")) for iso in codes])
    units["control"] = _object_array([text_value(named.get(iso, {}).get("control")) for iso in codes])
    units["suggested"] = [named.get(iso, {}).get("origin") == "suggested" for iso in codes]
    units["name"] = [
        text_value(named.get(iso, {}).get("name")) or name for iso, name in zip(codes, units["name"], strict=True)
    ]
    points = boundaries.representative_points(units)
    units = units.to_crs(PROJECTION)
    ukraine = shapely.union_all(units.geometry.to_numpy())
    context = boundaries.load_context().to_crs(PROJECTION)[["name", "geometry"]].copy()
    context["geometry"] = context.geometry.difference(ukraine)
    context = context[~context.geometry.is_empty]
    projected = gpd.GeoSeries(
        [shapely.Point(lon, lat) for lat, lon in points.values()], crs="EPSG:4326", index=list(points)
    ).to_crs(PROJECTION)
    points_xy = {iso: (p.x, p.y) for iso, p in projected.items()}
    return Layers(units, ukraine, context, coverage(), points_xy)


def coverage() -> shapely.Geometry:
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


def fill(claim: str | None, named: bool) -> str:
    """A unit's fill: :func:`dashboard.style.unit_colour` (the one colour rule of a unit)."""
    return style.unit_colour(claim, named)


def hatch(control: str | None) -> str:
    """A unit's matplotlib hatch for its control (:data:`dashboard.style.CONTROL_HATCHES`)."""
    found = style.CONTROL_HATCHES.get(control or "not-stated")
    return found.matplotlib if found else ""


def hatch_period_in(control: str) -> float | None:
    """How often a control's hatch repeats along a horizontal line, in inches (the same at every dpi); None for
    no hatch.

    matplotlib draws ``n`` = :data:`HATCH_DENSITY` x (repeats of the character) lines or rows of dots per
    :data:`HATCH_CELL_IN` cell: diagonal lines ("/", "x") cut a horizontal line every ``2 / n`` of the cell
    ("////", most: 1/12 in; "//", parts: 1/6 in), dots and rings ("..", "oo") repeat every ``1 / n`` (1/12 in).
    """
    pattern = hatch(control)
    if not pattern:
        return None
    diagonal = sum(pattern.count(c) for c in "/\\xX")
    if diagonal:
        return 2 * HATCH_CELL_IN / (diagonal * HATCH_DENSITY)
    return HATCH_CELL_IN / (len(pattern) * HATCH_DENSITY)


def style_hatch(patch: Patch) -> None:
    """Hatch in the hatch ink at a thin line width (as on the web map), in points: physical at any dpi."""
    if hasattr(patch, "set_hatchcolor"):
        patch.set_hatchcolor(style.HATCH_INK)
    if hasattr(patch, "set_hatch_linewidth"):
        patch.set_hatch_linewidth(RC["hatch.linewidth"])


def path(geom: shapely.Geometry) -> MplPath:
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
