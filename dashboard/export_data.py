"""Data exports: the claims of a source as GeoJSON (one feature per boundary unit) and CSV (one row per excerpt)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

import geopandas as gpd
import shapely

from dashboard.claims import Excerpt
from dashboard.frames import plain
from dashboard.sources import SourceMeta

FEATURE_KEYS = ("region", "region_name", "name", "iso_3166_2", "claim", "control", "claim_note")
CSV_COLUMNS = ("unit", "name", "region", "claim", "control", "roles", "source", "start", "end", "text")
FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r")


def _excerpts_with_roles(row: Any) -> list[tuple[Excerpt, list[str]]]:
    """Every excerpt of a unit once, with what it does for the unit: names, claim, control, context."""
    order: dict[tuple[str, int, int], tuple[Excerpt, list[str]]] = {}
    for role, column in (
        ("names", "excerpts"),
        ("claim", "claim_excerpts"),
        ("control", "control_excerpts"),
        ("context", "context_excerpts"),
    ):
        for excerpt in row[column]:
            key = (excerpt.source, excerpt.start, excerpt.end)
            order.setdefault(key, (excerpt, []))[1].append(role)
    return sorted(order.values(), key=lambda item: (item[0].source, item[0].start))


def source_metadata(meta: SourceMeta, path: str) -> dict[str, Any]:
    """The source line as data, for export headers."""
    return {
        "source": path,
        "title": meta.title,
        "publisher": meta.publisher,
        "published": meta.published.isoformat() if meta.published else None,
        "url": meta.url,
    }


def filter_units(frame: gpd.GeoDataFrame, units: Iterable[str] | None) -> gpd.GeoDataFrame:
    """Keep only the rows of ``units`` (all rows when None)."""
    if units is None:
        return frame
    wanted = set(units)
    return frame[frame["iso_3166_2"].isin(wanted)]


def to_geojson(
    frame: gpd.GeoDataFrame, meta: SourceMeta, source: str, attribution: str | None = None, precision: int = 5
) -> str:
    """A FeatureCollection in EPSG:4326, one feature per unit of ``frame`` (a :func:`claims_frame`).

    Each feature's properties: ``region``, ``region_name``, ``name``, ``iso_3166_2``, ``claim``, ``control``,
    ``claim_note``, ``excerpts`` (``{source, start, end, text, roles}``; roles among names, claim, control,
    context). The collection carries the source's metadata and the boundaries' attribution.
    """
    frame = frame.to_crs(4326)
    features = []
    for _, row in frame.iterrows():
        geometry = shapely.set_precision(row.geometry, 10**-precision)
        excerpts = [{**e.to_dict(), "roles": roles} for e, roles in _excerpts_with_roles(row)]
        features.append(
            {
                "type": "Feature",
                "id": row["iso_3166_2"],
                "properties": {
                    **{key: plain(row[key]) for key in FEATURE_KEYS},
                    "excerpts": excerpts,
                },
                "geometry": shapely.geometry.mapping(geometry),
            }
        )
    collection = {
        "type": "FeatureCollection",
        "metadata": {**source_metadata(meta, source), "boundaries": attribution},
        "features": features,
    }
    return json.dumps(collection, ensure_ascii=False, indent=None, separators=(",", ":"), allow_nan=False) + "\n"


def _cell(value: Any) -> Any:
    """Guard a text cell against spreadsheet formula injection (OWASP): prefix a leading = + - @ with '."""
    if isinstance(value, str) and value.startswith(FORMULA_LEAD):
        return "'" + value
    return value


def to_csv(frame: gpd.GeoDataFrame) -> str:
    """One row per (unit, excerpt): ``unit, name, region, claim, control, roles, source, start, end, text``.

    Text cells that a spreadsheet would run as a formula get a leading apostrophe; ``start``/``end`` still
    locate the verbatim text in the source.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for _, row in frame.iterrows():
        for excerpt, roles in _excerpts_with_roles(row):
            writer.writerow(
                [
                    _cell(v)
                    for v in (
                        row["iso_3166_2"],
                        row["name"],
                        row["region"],
                        row["claim"],
                        row["control"],
                        ";".join(roles),
                        excerpt.source,
                        excerpt.start,
                        excerpt.end,
                        excerpt.text,
                    )
                ]
            )
    return buffer.getvalue()
