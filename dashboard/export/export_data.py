"""Data exports: the claims of a source as GeoJSON (one feature per boundary unit) and CSV (one row per excerpt)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from typing import Any

import geopandas as gpd
import shapely

from dashboard.core.frames import plain
from dashboard.sources.model import Excerpt, SourceMeta

FEATURE_KEYS = ("region", "region_name", "name", "iso_3166_2", "claim", "control", "claim_note", "origin")
CSV_COLUMNS = (
    "unit", "name", "region", "claim", "control", "origin", "roles", "source", "start", "end", "text", "cue",
    "attributed_to",
)  # fmt: skip
STATEMENT_COLUMNS = ("claim_statement", "control_statement")
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


def _statements(row: Any) -> list[Any]:
    """The unit's claim and control statements (frames of the curated data alone carry none)."""
    return [row[c] for c in STATEMENT_COLUMNS if c in row and row[c] is not None]


def _cues(row: Any, excerpt: Excerpt) -> tuple[str, str]:
    """The cue words and the actor of the statements ``excerpt`` supports ('' where none)."""
    cues, actors = [], []
    for statement in _statements(row):
        if any((e.source, e.start, e.end) == (excerpt.source, excerpt.start, excerpt.end) for e in statement.excerpts):
            if statement.cue:
                cues.append(statement.cue)
            if statement.attributed_to:
                actors.append(statement.attributed_to)
    return "; ".join(dict.fromkeys(cues)), "; ".join(dict.fromkeys(actors))


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
    frame: gpd.GeoDataFrame,
    meta: SourceMeta,
    source: str,
    attribution: str | None = None,
    precision: int = 5,
    as_of: dt.date | None = None,
) -> str:
    """A FeatureCollection in EPSG:4326, one feature per unit of ``frame`` (a :func:`claims_frame`).

    Each feature's properties: ``region``, ``region_name``, ``name``, ``iso_3166_2``, ``claim``, ``control``,
    ``claim_note``, ``origin`` (``curated``, ``reviewed``, or ``suggested`` when a value is a suggestion from the
    text that no one reviewed), ``statements`` (the claim and control statements shown, each with ``source``,
    ``origin``, ``cue``, ``attributed_to`` and its excerpts), ``disagree`` (fields on which the sources differ),
    ``excerpts`` (``{source, start, end, text, roles}``; roles among names, claim, control, context). The
    collection carries the source's metadata and the boundaries' attribution.
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
                    **{key: plain(row[key]) if key in row else None for key in FEATURE_KEYS},
                    "statements": [st.to_dict() for st in _statements(row)],
                    "disagree": list(row["disagree"]) if "disagree" in row else [],
                    "excerpts": excerpts,
                },
                "geometry": shapely.geometry.mapping(geometry),
            }
        )
    collection = {
        "type": "FeatureCollection",
        "metadata": {
            **source_metadata(meta, source),
            "boundaries": attribution,
            **({"as_of": as_of.isoformat()} if as_of is not None else {}),
        },
        "features": features,
    }
    return json.dumps(collection, ensure_ascii=False, indent=None, separators=(",", ":"), allow_nan=False) + "\n"


def _cell(value: Any) -> Any:
    """Guard a text cell against spreadsheet formula injection (OWASP): prefix a leading = + - @ with '."""
    if isinstance(value, str) and value.startswith(FORMULA_LEAD):
        return "'" + value
    return value


def to_csv(frame: gpd.GeoDataFrame, as_of: dt.date | None = None) -> str:
    """One row per (unit, excerpt): ``unit, name, region, claim, control, origin, roles, source, start, end, text,
    cue, attributed_to`` (the cue words and actor of the statements the excerpt supports).

    Text cells that a spreadsheet would run as a formula get a leading apostrophe; ``start``/``end`` still
    locate the verbatim text in the source. A map "as of" a date adds a last column ``as_of`` with that date.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow((*CSV_COLUMNS, "as_of") if as_of is not None else CSV_COLUMNS)
    tail = (as_of.isoformat(),) if as_of is not None else ()
    for _, row in frame.iterrows():
        for excerpt, roles in _excerpts_with_roles(row):
            cue, actor = _cues(row, excerpt)
            writer.writerow(
                [
                    _cell(v)
                    for v in (
                        row["iso_3166_2"],
                        row["name"],
                        row["region"],
                        row["claim"],
                        row["control"],
                        row.get("origin", "curated"),
                        ";".join(roles),
                        excerpt.source,
                        excerpt.start,
                        excerpt.end,
                        excerpt.text,
                        cue,
                        actor,
                        *tail,
                    )
                ]
            )
    return buffer.getvalue()
