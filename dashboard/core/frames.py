"""Building GeoDataFrames whose text columns keep ``None`` (pandas 3 would turn it into ``NaN``)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import geopandas as gpd
import pandas as pd


def object_frame(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> gpd.GeoDataFrame:
    """A GeoDataFrame (EPSG:4326) whose non-geometry columns are ``object`` dtype: ``None`` stays ``None``.

    Parameters
    ----------
    rows
        One mapping per row; each must have every name in ``columns`` and a ``geometry``.
    columns
        Column order of the result (``geometry`` may appear anywhere).
    """
    data = {c: pd.Series([r[c] for r in rows], dtype=object) for c in columns if c != "geometry"}
    geometry = gpd.GeoSeries([r["geometry"] for r in rows], crs="EPSG:4326")
    frame = gpd.GeoDataFrame(data, geometry=geometry, crs="EPSG:4326")
    return frame[[*columns, "geometry"] if "geometry" not in columns else list(columns)]


def plain(value: Any) -> Any:
    """``value`` with a float NaN (pandas' missing marker) replaced by ``None``, so JSON stays valid."""
    if isinstance(value, float) and math.isnan(value):
        return None
    return value
