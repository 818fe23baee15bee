"""Reading a boundary GeoJSON file, checked: UTF-8 text, a FeatureCollection, its CRS, each Feature's properties
and polygonal geometry (closed rings, valid shapes), and the frame built from them in EPSG:4326.

What the features must hold (codes, names, unit types) is :mod:`dashboard.places.boundaries`; this module owns the
GeoJSON format. Every refusal is a :class:`dashboard.core.errors.DataError` naming the file, the entry and quoting
the bad value.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely
from pyproj import CRS
from shapely.geometry import shape

from dashboard.core.errors import DataError

REBUILD = "rebuild the boundary files with `make data`"
"""What a refusal of a derived boundary file tells the reader to do."""

POLYGONAL = ("Polygon", "MultiPolygon")


def read_text(path: Path, shown: str) -> str:
    """The UTF-8 text of ``path``, or a DataError saying why it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        bad = exc.object[exc.start : exc.start + 1]
        raise DataError(shown, f"not UTF-8 text (byte {exc.start} is {bad!r})") from None
    except OSError as exc:
        raise DataError(shown, f"cannot be read: {exc.strerror or exc}") from None


def read_features(path: Path, shown: str) -> tuple[list[Any], CRS | None]:
    """The ``features`` of a GeoJSON FeatureCollection, and the CRS its (pre-RFC 7946) ``crs`` member names."""
    text = read_text(path, shown)
    try:
        collection = json.loads(text)
    except json.JSONDecodeError as exc:
        problem = f"not valid JSON (truncated or corrupt?): {exc.msg} at line {exc.lineno}, column {exc.colno}"
        raise DataError(shown, f"{problem}; {REBUILD}") from None
    if not isinstance(collection, dict):
        raise DataError(shown, f"not a GeoJSON FeatureCollection: the top level is a JSON {json_type(collection)}")
    if collection.get("type") != "FeatureCollection":
        raise DataError(shown, f'not a GeoJSON FeatureCollection: "type" is {quote(collection.get("type"))}')
    features = collection.get("features")
    if not isinstance(features, list):
        raise DataError(shown, f'not a GeoJSON FeatureCollection: "features" is {quote(features)}, not a list')
    return features, crs_member(collection.get("crs"), shown)


def crs_member(member: Any, shown: str) -> CRS | None:
    """The CRS of an old-style GeoJSON ``crs`` member (RFC 7946 files have none: they are EPSG:4326)."""
    if member is None:
        return None
    props = member.get("properties") if isinstance(member, dict) else None
    name = props.get("name") if isinstance(props, dict) else None
    try:
        return CRS.from_user_input(name)
    except Exception:
        raise DataError(shown, f'"crs": cannot read the coordinate reference system {quote(member)}') from None


def feature_properties(feature: Any, shown: str, entry: str) -> dict:
    """The ``properties`` of a GeoJSON Feature, or a DataError saying what the entry is instead."""
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        got = feature.get("type") if isinstance(feature, dict) else feature
        raise DataError(shown, f'not a GeoJSON Feature ("type" is {quote(got)})', entry)
    props = feature.get("properties")
    if not isinstance(props, dict):
        raise DataError(shown, f'"properties" is {quote(props)}, not an object', entry)
    return props


def polygon_geometry(feature: dict, shown: str, entry: str) -> shapely.Geometry:
    """A Feature's geometry as a valid, non-empty (Multi)Polygon with closed rings, or a DataError."""
    raw = feature.get("geometry")
    if raw is None:
        raise DataError(shown, "geometry is null (expected a Polygon or MultiPolygon)", entry)
    kind = raw.get("type") if isinstance(raw, dict) else None
    if kind not in POLYGONAL:
        raise DataError(
            shown, f"geometry type {quote(kind)} is not polygonal (expected Polygon or MultiPolygon)", entry
        )
    try:
        geom = shape(raw)
    except Exception as exc:
        coordinates = quote(raw.get("coordinates"))
        raise DataError(shown, f"unreadable {kind} geometry ({exc}): coordinates {coordinates}", entry) from None
    unclosed = unclosed_ring(kind, raw.get("coordinates"))  # shapely closes a ring silently: refuse it here
    if unclosed:
        raise DataError(shown, f"{unclosed} ({REBUILD})", entry)
    if geom.is_empty:
        raise DataError(shown, f"geometry is an empty {kind}", entry)
    if not geom.is_valid:
        raise DataError(shown, f"invalid geometry: {shapely.is_valid_reason(geom)} ({REBUILD})", entry)
    return geom


def unclosed_ring(kind: str, coordinates: Any) -> str | None:
    """What is wrong if a ring of a Polygon or MultiPolygon does not end where it starts, else None.

    GeoJSON requires closed rings (RFC 7946, 3.1.6); shapely would close one silently, drawing an edge the file
    does not have. Coordinates that are not lists of rings are left to shapely to refuse.
    """
    polygons = coordinates if kind == "MultiPolygon" else [coordinates]
    if not isinstance(polygons, list):
        return None
    for p, polygon in enumerate(polygons):
        if not isinstance(polygon, list):
            return None
        for r, ring in enumerate(polygon):
            if isinstance(ring, list) and len(ring) >= 2 and ring[0] != ring[-1]:
                where = f"polygon {p}, ring {r}" if kind == "MultiPolygon" else f"ring {r}"
                return (
                    f"{where} is not closed: it starts at {quote(ring[0])} and ends at {quote(ring[-1])} "
                    "(a GeoJSON ring ends where it starts)"
                )
    return None


def to_frame(records: list[dict], geoms: list, crs: CRS | None, columns: list[str]) -> gpd.GeoDataFrame:
    """The features as a GeoDataFrame in EPSG:4326: ``columns`` first, then any other property, sorted."""
    extra = sorted({k for r in records for k in r} - set(columns))
    frame = gpd.GeoDataFrame(
        [{c: r.get(c) for c in columns + extra} for r in records],
        columns=columns + extra,
        geometry=geoms,
        crs=crs or "EPSG:4326",
    )
    if not frame.crs.equals(CRS.from_epsg(4326)):
        frame = frame.to_crs(4326)
    return frame


def json_type(value: Any) -> str:
    """The JSON name of a parsed value's type (what a refusal says the file holds instead)."""
    return {list: "array", str: "string", bool: "boolean", int: "number", float: "number"}.get(type(value), "null")


def quote(value: Any, limit: int = 80) -> str:
    """``repr`` of a bad value, shortened so a message stays readable."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + " ..."
