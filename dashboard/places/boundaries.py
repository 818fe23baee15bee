"""Boundary data: Ukraine's 27 first-level units, neighbouring countries for context, and their provenance.

The files live in ``data/boundaries/`` and are derived from Natural Earth by ``scripts/build_boundaries.py`` (see
``data/boundaries/README.md``). This module only reads them: it checks every feature and raises
:class:`dashboard.core.errors.DataError` with a message that names the file, the feature (``features[3] (UA-14)``) and
quotes the bad value.

Loaded frames are cached per file (keyed on the resolved path, its modification time and size, so an edited file
is read again) and every call returns a copy, so a caller cannot change what the next caller gets.
"""

from __future__ import annotations

import copy
import functools
import re
import tomllib
from pathlib import Path
from typing import Literal

import geopandas as gpd
import shapely

from dashboard.core import paths
from dashboard.core.errors import DataError
from dashboard.places.geojson import (
    REBUILD,
    feature_properties,
    polygon_geometry,
    quote,
    read_features,
    read_text,
    to_frame,
)
from dashboard.places.units import ISO_CODES

Detail = Literal["full", "simplified"]

REQUIRED_PROPERTIES = ("iso_3166_2", "name", "name_uk", "unit_type", "aliases")
"""Properties every unit must have."""

NE_PROPERTIES = ("ne_adm1_code", "ne_name", "code_hasc")
"""The source's identifiers, kept for provenance (columns present even if a file lacks them)."""

UNIT_TYPES = ("oblast", "autonomous republic", "city with special status")


PROVENANCE_KEYS = ("file", "title", "dataset", "version", "licence", "url", "attribution", "derived_by", "bytes")
"""Keys every table of ``sources.toml`` must have."""

PROVENANCE_FILE = paths.BOUNDARIES_DIR / "sources.toml"

_ISO_PATTERN = re.compile(r"^UA-\d\d$")
_ISO_A3_PATTERN = re.compile(r"^[A-Z]{3}$")
_POLYGONAL = ("Polygon", "MultiPolygon")
_DEFAULT_PATHS: dict[str, Path] = {"full": paths.BOUNDARIES_FULL, "simplified": paths.BOUNDARIES_SIMPLIFIED}


# ----------------------------------------------------------------------------------------------- public API


def load_units(detail: Detail = "full", path: str | Path | None = None) -> gpd.GeoDataFrame:
    """Ukraine's 27 first-level units.

    Parameters
    ----------
    detail : {"full", "simplified"}
        Which committed file to read: full detail (exports, analysis) or simplified (the browser map).
    path : str or Path, optional
        Read this file instead (``detail`` is then ignored).

    Returns
    -------
    geopandas.GeoDataFrame
        27 rows sorted by ``iso_3166_2``, with columns ``iso_3166_2``, ``name``, ``name_uk``, ``unit_type``,
        ``aliases`` (list of str), ``ne_adm1_code``, ``ne_name``, ``code_hasc``, any further properties of the
        file, and ``geometry`` (Polygon or MultiPolygon), in EPSG:4326. A fresh copy on every call.

    Raises
    ------
    DataError
        If the file is missing, is not JSON or not a GeoJSON FeatureCollection, or a feature has a missing,
        ill-formed, unknown or repeated ``iso_3166_2``, lacks a required property, has a bad ``unit_type`` or
        ``aliases``, or has a null, empty, non-polygonal or invalid geometry; or if a unit is missing.
    """
    if path is None:
        if detail not in _DEFAULT_PATHS:
            raise ValueError(f"detail must be 'full' or 'simplified', not {detail!r}")
        path = _DEFAULT_PATHS[detail]
    frame = _load_units_cached(*_cache_key(path, "boundary file"))
    out = frame.copy()
    out["aliases"] = [list(a) for a in frame["aliases"]]
    return out


def load_context(path: str | Path | None = None) -> gpd.GeoDataFrame:
    """Neighbouring countries, clipped to the export frame, with Ukraine's territory cut out.

    Parameters
    ----------
    path : str or Path, optional
        Defaults to ``data/boundaries/context_countries.geojson``.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per country, sorted by ``iso_a3``, with columns ``name``, ``iso_a3``, any further properties and
        ``geometry``, in EPSG:4326. A fresh copy on every call.

    Raises
    ------
    DataError
        If the file is missing or malformed, or a feature lacks ``name``/``iso_a3`` or has a bad geometry.
    """
    frame = _load_context_cached(*_cache_key(path or paths.CONTEXT_COUNTRIES, "boundary file"))
    return frame.copy()


def load_provenance(path: str | Path | None = None) -> dict[str, dict]:
    """The provenance of the boundary files: ``sources.toml``, one table per file.

    Parameters
    ----------
    path : str or Path, optional
        Defaults to ``data/boundaries/sources.toml``.

    Returns
    -------
    dict of str to dict
        Table name (e.g. ``"ukraine_adm1"``) to its keys: ``file``, ``title``, ``dataset``, ``version``,
        ``licence``, ``url``, ``attribution``, ``derived_by``, ``bytes``, ``features`` and more. A fresh copy.

    Raises
    ------
    DataError
        If the file is missing or not TOML, a top-level entry is not a table, or a table lacks a key of
        :data:`PROVENANCE_KEYS`.
    """
    tables = _load_provenance_cached(*_cache_key(path or PROVENANCE_FILE, "provenance file"))
    return copy.deepcopy(tables)


def check_files(*, context: bool = True, detail: Detail = "full") -> None:
    """Raise the :class:`DataError` that :func:`load_units` (at ``detail``), :func:`load_provenance` or, with
    ``context``, :func:`load_context` would raise; nothing if every file loads. Once they are read this costs a
    ``stat`` per file: no frame is copied (the page checks its downloads this way on every run)."""
    _load_units_cached(*_cache_key(_DEFAULT_PATHS[detail], "boundary file"))
    _load_provenance_cached(*_cache_key(PROVENANCE_FILE, "provenance file"))
    if context:
        _load_context_cached(*_cache_key(paths.CONTEXT_COUNTRIES, "boundary file"))


def representative_points(units: gpd.GeoDataFrame) -> dict[str, tuple[float, float]]:
    """A point inside each unit, for labels and for placing clicks in browser tests.

    Parameters
    ----------
    units : geopandas.GeoDataFrame
        As returned by :func:`load_units` (or indexed by ISO code, e.g. after ``set_index("iso_3166_2")``).

    Returns
    -------
    dict of str to (float, float)
        ISO code to ``(lat, lon)`` of the geometry's ``representative_point()``: always inside the unit (unlike
        a centroid, which can fall outside a crescent-shaped unit or into Kyiv city inside Kyiv Oblast).
    """
    codes = units["iso_3166_2"] if "iso_3166_2" in units.columns else units.index
    points = shapely.point_on_surface(units.geometry.to_numpy())
    return {str(code): (float(p.y), float(p.x)) for code, p in zip(codes, points, strict=True)}


# ----------------------------------------------------------------------------------------------- reading


def _cache_key(path: str | Path, kind: str) -> tuple[str, int, int]:
    """``(resolved path, mtime_ns, size)``; raises DataError if the file is missing."""
    p = Path(path)
    try:
        stat = p.resolve().stat()
    except FileNotFoundError:
        raise DataError(paths.relative_to_root(p), f"{kind} not found ({REBUILD})") from None
    if not p.is_file():
        raise DataError(paths.relative_to_root(p), f"{kind} is not a file")
    return str(p.resolve()), stat.st_mtime_ns, stat.st_size


@functools.lru_cache(maxsize=8)
def _load_units_cached(resolved: str, mtime_ns: int, size: int) -> gpd.GeoDataFrame:
    path = Path(resolved)
    shown = paths.relative_to_root(path)
    features, crs = read_features(path, shown)
    seen: dict[str, int] = {}
    records, geoms = [], []
    for i, feature in enumerate(features):
        entry = f"features[{i}]"
        props = feature_properties(feature, shown, entry)
        if "iso_3166_2" not in props:
            raise DataError(shown, "missing required property 'iso_3166_2'", entry)
        iso = props["iso_3166_2"]
        if not isinstance(iso, str) or not _ISO_PATTERN.match(iso):
            problem = (
                f"iso_3166_2: ill-formed ISO 3166-2 code {quote(iso)} (expected 'UA-' and two digits, e.g. 'UA-14')"
            )
            raise DataError(shown, problem, entry)
        entry = f"features[{i}] ({iso})"
        if iso not in ISO_CODES:
            raise DataError(
                shown, f"iso_3166_2: unknown code {iso!r} (not one of Ukraine's 27 ISO 3166-2 codes)", entry
            )
        if iso in seen:
            raise DataError(shown, f"iso_3166_2: duplicate code {iso!r} (features[{seen[iso]}] has it too)", entry)
        seen[iso] = i
        for key in REQUIRED_PROPERTIES:
            if key not in props:
                raise DataError(shown, f"missing required property {key!r}", entry)
        for key in ("name", "name_uk"):
            if not isinstance(props[key], str) or not props[key].strip():
                raise DataError(shown, f"{key}: expected a non-empty string, got {quote(props[key])}", entry)
        if props["unit_type"] not in UNIT_TYPES:
            expected = ", ".join(repr(t) for t in UNIT_TYPES)
            raise DataError(shown, f"unit_type: unknown value {quote(props['unit_type'])} (expected {expected})", entry)
        aliases = props["aliases"]
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise DataError(shown, f"aliases: expected a list of non-empty strings, got {quote(aliases)}", entry)
        geoms.append(polygon_geometry(feature, shown, entry))
        records.append({**props, "aliases": tuple(aliases)})
    missing = sorted(ISO_CODES - set(seen))
    if missing:
        problem = f"missing units {', '.join(missing)} ({len(seen)} of 27 present; every ISO 3166-2:UA unit is needed)"
        raise DataError(shown, problem)
    frame = to_frame(records, geoms, crs, list(REQUIRED_PROPERTIES + NE_PROPERTIES))
    return frame.sort_values("iso_3166_2", kind="stable").reset_index(drop=True)


@functools.lru_cache(maxsize=4)
def _load_context_cached(resolved: str, mtime_ns: int, size: int) -> gpd.GeoDataFrame:
    path = Path(resolved)
    shown = paths.relative_to_root(path)
    features, crs = read_features(path, shown)
    records, geoms = [], []
    for i, feature in enumerate(features):
        entry = f"features[{i}]"
        props = feature_properties(feature, shown, entry)
        iso = props.get("iso_a3")
        if not isinstance(iso, str) or not _ISO_A3_PATTERN.match(iso):
            raise DataError(shown, f"iso_a3: expected a three-letter country code, got {quote(iso)}", entry)
        entry = f"features[{i}] ({iso})"
        if not isinstance(props.get("name"), str) or not props["name"].strip():
            raise DataError(shown, f"name: expected a non-empty string, got {quote(props.get('name'))}", entry)
        geoms.append(polygon_geometry(feature, shown, entry))
        records.append(props)
    frame = to_frame(records, geoms, crs, ["name", "iso_a3"])
    return frame.sort_values("iso_a3", kind="stable").reset_index(drop=True)


@functools.lru_cache(maxsize=4)
def _load_provenance_cached(resolved: str, mtime_ns: int, size: int) -> dict[str, dict]:
    path = Path(resolved)
    shown = paths.relative_to_root(path)
    try:
        data = tomllib.loads(read_text(path, shown))
    except tomllib.TOMLDecodeError as exc:
        raise DataError(shown, f"not valid TOML: {exc}") from None
    for name, table in data.items():
        if not isinstance(table, dict):
            raise DataError(shown, f"expected a table per file, got the value {quote(table)}", name)
        missing = [k for k in PROVENANCE_KEYS if k not in table]
        if missing:
            raise DataError(shown, f"missing key(s) {', '.join(missing)}", f"[{name}]")
    return data


__all__ = [
    "Detail",
    "NE_PROPERTIES",
    "PROVENANCE_KEYS",
    "REQUIRED_PROPERTIES",
    "UNIT_TYPES",
    "load_context",
    "load_provenance",
    "load_units",
    "representative_points",
]


def attribution() -> str:
    """The attribution line of the boundary data, from ``data/boundaries/sources.toml``."""
    provenance = load_provenance()
    lines = [entry.get("attribution") for entry in provenance.values() if entry.get("attribution")]
    return "; ".join(dict.fromkeys(lines))
