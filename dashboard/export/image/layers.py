"""What the map draws, in the map's projection: the 27 units with the frame's statuses, Ukraine, the neighbours.

Also the unit's look, read from :mod:`dashboard.style` (fill by claim, hatch by control: never written again here)
and a shapely geometry as a matplotlib path.

The projected geometry (the units, Ukraine, the neighbours with Ukraine cut out, the land, the context's frame and
the units' points) depends on the boundary data only, so it is kept on disk (:func:`projected_geometry`:
``<data dir>/cache/map-layers.bin``, the folder of the store) and used again while the data is the same: the
projection, the unions and the cut cost about 0.1 s of every image in a new process (the command line's).
:func:`cached_shapes` keeps other shapes derived from it the same way (the labels' room in the neighbours and
the sea, for one view: :mod:`dashboard.export.image.labels`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pyproj
import shapely
import shapely.errors
from matplotlib.patches import Patch
from matplotlib.path import Path as MplPath
from shapely.geometry.polygon import orient

from dashboard import style
from dashboard.export.image.settings import HATCH_CELL_IN, HATCH_DENSITY, PROJECTION, RC
from dashboard.places import boundaries
from dashboard.sources import store

CACHE_VERSION = 1
"""Bump when what :func:`projected_geometry` computes changes: a cache of another version is never read."""


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
    land: shapely.Geometry
    """Ukraine and the neighbours as one shape: what is not land is sea."""
    key: str
    """The sha256 of the boundary data the geometry comes from (:func:`projected_geometry`): shapes derived from
    the geometry alone are cached under it (:func:`cached_shapes`)."""


@dataclass(frozen=True)
class Geometry:
    """The projected geometry of the boundary data (what :func:`projected_geometry` computes or reads back)."""

    units: list[shapely.Geometry]
    """Each unit's shape, in the order of :func:`dashboard.places.boundaries.load_units`."""
    ukraine: shapely.Geometry
    context: list[shapely.Geometry]
    """Each neighbour's shape with Ukraine cut out (maybe empty), in the order of the context file."""
    land: shapely.Geometry
    coverage: shapely.Geometry
    points: dict[str, tuple[float, float]]
    key: str = ""
    """The sha256 of the boundary data it was computed from (what shapes derived from it are cached under)."""


def text_value(value: Any) -> str | None:
    """A frame cell as text, or None for None/NaN/empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def projected_layers(frame: gpd.GeoDataFrame) -> Layers:
    """All 27 units (with the frame's claim, control and name where named), Ukraine and the context, projected."""
    units = boundaries.load_units("full")[["iso_3166_2", "name", "geometry"]].copy()
    context = boundaries.load_context()[["name", "geometry"]]
    geometry = projected_geometry(units, context)
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
    units = units.set_geometry(gpd.GeoSeries(geometry.units, index=units.index, crs=PROJECTION))
    context = gpd.GeoDataFrame(
        {"name": context["name"]}, geometry=gpd.GeoSeries(geometry.context, index=context.index, crs=PROJECTION)
    )
    context = context[~context.geometry.is_empty]
    return Layers(units, geometry.ukraine, context, geometry.coverage, geometry.points, geometry.land, geometry.key)


def projected_geometry(units: gpd.GeoDataFrame, context: gpd.GeoDataFrame) -> Geometry:
    """The boundary data's geometry in :data:`PROJECTION`: read from the cache when it was computed from the very
    same data, else computed (:func:`compute_geometry`) and cached (:func:`cached_shapes`).

    The cache is keyed by a sha256 of what it is computed from (the units' and neighbours' shapes as WKB, their
    codes, the context's frame, the projection, :data:`CACHE_VERSION`, the GEOS and PROJ versions), so an edited
    boundary file, another projection or another library is never served an old answer.
    """
    key = _geometry_key(units, context)

    def compute() -> tuple[list[shapely.Geometry], dict[str, Any]]:
        g = compute_geometry(units, context, key)
        shapes = [*g.units, g.ukraine, *g.context, g.land, g.coverage]
        return shapes, {"units": len(g.units), "context": len(g.context), "points": g.points}

    shapes, extra = cached_shapes("map-layers", key, compute)
    n_units, n_context = extra["units"], extra["context"]
    return Geometry(
        units=shapes[:n_units],
        ukraine=shapes[n_units],
        context=shapes[n_units + 1 : n_units + 1 + n_context],
        land=shapes[n_units + 1 + n_context],
        coverage=shapes[n_units + 2 + n_context],
        points={iso: (float(x), float(y)) for iso, (x, y) in extra["points"].items()},
        key=key,
    )


def cached_shapes(
    name: str, key: str, compute: Callable[[], tuple[list[shapely.Geometry], dict[str, Any]]]
) -> tuple[list[shapely.Geometry], dict[str, Any]]:
    """Shapes (and JSON details) computed from the boundary data, kept in ``<data dir>/cache/<name>.bin`` for
    ``key`` (a sha256 of everything they are computed from): read back if the file holds them for that key,
    whole, else ``compute()`` and written (one key per name: another key replaces it).

    The file holds a sha256 of its own content, checked on reading (a file cut short or changed by hand is
    computed again); shapes go through WKB, so they come back exactly as computed. A cache that cannot be
    written (a read-only data folder) only costs the time.
    """
    path = store.data_dir() / "cache" / f"{name}.bin"
    found = _read_shapes(path, key)
    if found is not None:
        return found
    shapes, extra = compute()
    with contextlib.suppress(OSError):
        _write_shapes(path, key, shapes, extra)
    return shapes, extra


def compute_geometry(units: gpd.GeoDataFrame, context: gpd.GeoDataFrame, key: str = "") -> Geometry:
    """Project the units and the neighbours, join Ukraine, cut it out of the neighbours (see :class:`Geometry`)."""
    points = boundaries.representative_points(units)
    projected = units.to_crs(PROJECTION)
    ukraine = shapely.union_all(projected.geometry.to_numpy())
    neighbours = context.to_crs(PROJECTION).geometry.difference(ukraine)
    land = shapely.union_all([ukraine, *neighbours[~neighbours.is_empty]])
    projected_points = gpd.GeoSeries(
        [shapely.Point(lon, lat) for lat, lon in points.values()], crs="EPSG:4326", index=list(points)
    ).to_crs(PROJECTION)
    return Geometry(
        units=list(projected.geometry),
        ukraine=ukraine,
        context=list(neighbours),
        land=land,
        coverage=coverage(context),
        points={iso: (p.x, p.y) for iso, p in projected_points.items()},
        key=key,
    )


def coverage(context: gpd.GeoDataFrame) -> shapely.Geometry:
    """The context file's lon/lat frame (``sources.toml``), densified and projected."""
    box = shapely.segmentize(shapely.box(*_context_frame(context)), 0.25)
    return gpd.GeoSeries([box], crs="EPSG:4326").to_crs(PROJECTION).iloc[0]


def _context_frame(context: gpd.GeoDataFrame) -> tuple[float, ...]:
    frame = boundaries.load_provenance().get("context_countries", {}).get("frame")
    if not frame or len(frame) != 4:
        frame = context.total_bounds
    return tuple(map(float, frame))


def _geometry_key(units: gpd.GeoDataFrame, context: gpd.GeoDataFrame) -> str:
    digest = hashlib.sha256()
    header = [CACHE_VERSION, PROJECTION, shapely.geos_version_string, pyproj.proj_version_str]
    header += [list(units["iso_3166_2"]), len(context), list(_context_frame(context))]
    digest.update(json.dumps(header).encode("utf-8"))
    for geom in (*units.geometry, *context.geometry):
        digest.update(shapely.to_wkb(geom, byte_order=1))
    return digest.hexdigest()


def _read_shapes(path: Path, key: str) -> tuple[list[shapely.Geometry], dict[str, Any]] | None:
    """The shapes and details ``path`` holds for ``key``, if it holds them whole; else None.

    The file is one line of JSON (the key, the sha256 of the rest, the length of each shape's WKB, the details),
    then the shapes' WKB one after another.
    """
    try:
        raw = path.read_bytes()
        head, _, body = raw.partition(b"\n")
        check = json.loads(head)
        if check.get("key") != key or check.get("sha256") != hashlib.sha256(body).hexdigest():
            return None
        lengths = check["lengths"]
        if sum(lengths) != len(body):
            return None
        ends = np.cumsum(lengths)
        shapes = list(shapely.from_wkb([body[e - n : e] for e, n in zip(ends, lengths, strict=True)]))
        return shapes, check["extra"]
    except (OSError, ValueError, KeyError, TypeError, shapely.errors.GEOSException):
        return None


def _write_shapes(path: Path, key: str, shapes: list[shapely.Geometry], extra: dict[str, Any]) -> None:
    """Write the cache for ``key`` (a temporary file renamed over the old one: a reader never sees half)."""
    wkbs = [bytes(w) for w in shapely.to_wkb(shapes, byte_order=1)]
    body = b"".join(wkbs)
    head = {"key": key, "sha256": hashlib.sha256(body).hexdigest(), "lengths": [len(w) for w in wkbs], "extra": extra}
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(json.dumps(head).encode("utf-8") + b"\n" + body)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
