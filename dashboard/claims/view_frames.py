"""A view of sources as GeoDataFrames: every unit of Ukraine for the map, and the named units for the exports.

:func:`map_frame` gives every unit with its state in a :class:`~dashboard.claims.source_views.SourceView` or
:class:`~dashboard.claims.source_views.CombinedView` (simplified geometry, for drawing); :func:`view_frame` one row
per named unit with the status shown and the excerpts by role (:data:`FRAME_COLUMNS`, full geometry, what the
exports read). Named ``view_frames`` (not ``frames``): the frames of a view, apart from the generic GeoDataFrame
helpers of :mod:`dashboard.core.frames` it builds on.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from dashboard.claims.source_views import CombinedUnit, CombinedView, SourceView, UnitView
from dashboard.claims.vocab import NOT_NAMED_LABEL
from dashboard.core import frames
from dashboard.core.text import slugify
from dashboard.places import boundaries

FRAME_COLUMNS = (
    "region",
    "region_name",
    "name",
    "iso_3166_2",
    "claim",
    "control",
    "origin",
    "claim_statement",
    "control_statement",
    "claim_excerpts",
    "control_excerpts",
    "excerpts",
    "context_excerpts",
    "claim_note",
    "disagree",
    "geometry",
)
"""The columns of :func:`view_frame` (what the exports read): ``claim``/``control`` values, ``origin`` (the
weakest of the two: ``suggested`` when a value is an unreviewed suggestion), the two
:class:`~dashboard.claims.statements.Statement` objects, the excerpts by role, and ``disagree`` (fields on which
several sources differ)."""


def map_frame(
    view: SourceView | CombinedView, detail: str = "simplified", boundaries_path: str | Path | None = None
) -> gpd.GeoDataFrame:
    """Every unit of Ukraine with its state in ``view``, for drawing the map.

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326, sorted by ISO code; columns ``iso_3166_2``, ``name``, ``named`` (bool), ``mentions`` (count),
        ``sources`` (count of sources naming it), ``headline_only`` (bool), ``curated`` (bool), ``claim``,
        ``control`` (the source's values; None where not named), ``origin``, ``suggested`` (bool: a value shown
        is an unreviewed suggestion), ``disagree`` (bool), ``status`` (one line), ``geometry``. Units not named
        stay neutral: ``named`` False, ``claim``/``control`` None, status ``vocab.NOT_NAMED_LABEL``.
    """
    units = boundaries.load_units(detail, boundaries_path)
    frame = units[["iso_3166_2", "name", "geometry"]].copy()
    rows: dict[str, dict[str, Any]] = {}
    if isinstance(view, CombinedView):
        for u in view.units:
            mentions = [m for _, uv in u.by_source for m in uv.mentions]
            rows[u.iso] = {"mentions": len(mentions), "sources": len(u.by_source), "unit": u,
                           "headline_only": all(m.in_headline for m in mentions)}  # fmt: skip
    else:
        for u in view.units:
            rows[u.iso] = {"mentions": len(u.mentions), "sources": 1, "unit": u, "headline_only": u.headline_only}
    isos = list(frame["iso_3166_2"])

    def column(get, default):
        return pd.Series([get(rows[i]) if i in rows else default for i in isos], dtype=object, index=frame.index)

    frame["named"] = [iso in rows for iso in isos]
    frame["mentions"] = [rows[iso]["mentions"] if iso in rows else 0 for iso in isos]
    frame["sources"] = [rows[iso]["sources"] if iso in rows else 0 for iso in isos]
    frame["headline_only"] = [bool(rows[iso]["headline_only"]) if iso in rows else False for iso in isos]
    frame["curated"] = [iso in rows and rows[iso]["unit"].curated for iso in isos]
    frame["claim"] = column(lambda r: r["unit"].claim, None)
    frame["control"] = column(lambda r: r["unit"].control, None)
    frame["origin"] = column(lambda r: r["unit"].origin, None)
    frame["suggested"] = [iso in rows and rows[iso]["unit"].suggested for iso in isos]
    frame["disagree"] = [iso in rows and bool(rows[iso]["unit"].status.disagree) for iso in isos]
    frame["status"] = [rows[iso]["unit"].status_line if iso in rows else NOT_NAMED_LABEL for iso in isos]
    return frame.sort_values("iso_3166_2").reset_index(drop=True)


def _region_id(unit_name: str, taken: set[str]) -> str:
    base = slugify(unit_name)
    rid, n = base, 2
    while rid in taken:
        rid, n = f"{base}-{n}", n + 1
    return rid


def frame_rows(
    units: Sequence[UnitView | CombinedUnit], detail: str = "full", boundaries_path: str | Path | None = None
) -> list:
    """One row of :data:`FRAME_COLUMNS` per unit (a :class:`UnitView` or a :class:`CombinedUnit`)."""
    geometry = boundaries.load_units(detail, boundaries_path).set_index("iso_3166_2")
    taken = {u.region.region for u in units if u.region}
    rows = []
    for u in units:
        if u.iso not in geometry.index:  # the gazetteer and the boundary file disagree: nothing to draw
            continue
        unit = geometry.loc[u.iso]
        if u.region:
            region_id, region_name = u.region.region, u.region.name
        else:
            region_id = _region_id(str(unit["name"]), taken)
            taken.add(region_id)
            region_name = u.name
        if isinstance(u, CombinedUnit):
            names = [e for _, uv in u.by_source for e in uv.excerpts]
            context = [e for _, uv in u.by_source for e in uv.context_excerpts]
        else:
            names, context = list(u.excerpts), list(u.context_excerpts)
        rows.append(
            {
                "region": region_id,
                "region_name": region_name,
                "name": unit["name"],
                "iso_3166_2": u.iso,
                "claim": u.claim,
                "control": u.control,
                "origin": u.origin,
                "claim_statement": u.status.claim,
                "control_statement": u.status.control,
                "claim_excerpts": list(u.claim_excerpts),
                "control_excerpts": list(u.control_excerpts),
                "excerpts": names,
                "context_excerpts": context,
                "claim_note": u.status.claim.note,
                "disagree": list(u.status.disagree),
                "geometry": unit.geometry,
            }
        )
    return rows


def view_frame(
    view: SourceView | CombinedView, detail: str = "full", boundaries_path: str | Path | None = None
) -> gpd.GeoDataFrame:
    """One row per unit the source(s) name, with the status shown and the excerpts by role (:data:`FRAME_COLUMNS`).

    ``excerpts`` are the sentences naming the unit (of every source, each citing its own); ``claim_excerpts`` and
    ``control_excerpts`` those of the statement shown, which cite the source that made it; ``context_excerpts``
    the curated context (the curated source only). ``region`` is the curated region id, or a slug of the name.
    """
    return frames.object_frame(frame_rows(view.units, detail, boundaries_path), FRAME_COLUMNS)
