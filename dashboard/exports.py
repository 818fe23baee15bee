"""One entry point for every export (images and data), shared by the command line and the dashboard."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd

from dashboard import boundaries, claims, export_data, paths
from dashboard.errors import DataError
from dashboard.sources import SourceMeta

PRESETS: dict[str, tuple[int, int, int]] = {
    "social": (1200, 675, 150),
    "a4": (2480, 3508, 300),
}


def boundaries_attribution() -> str:
    """The attribution line of the boundary data, from ``data/boundaries/sources.toml``."""
    provenance = boundaries.load_provenance()
    lines = [entry.get("attribution") for entry in provenance.values() if entry.get("attribution")]
    return "; ".join(dict.fromkeys(lines))


def named_frame(source: Path | None = None) -> tuple[gpd.GeoDataFrame, SourceMeta, str]:
    """The units a source names, as a :func:`claims.claims_frame`, with the source's metadata and path."""
    data = claims.load_claims()
    if source is not None and Path(source).resolve() != (paths.ROOT / data.article.path).resolve():
        from dashboard import any_source  # issue 5: other articles

        return any_source.frame_for_file(source, data)
    return claims.claims_frame(data), data.article.meta, data.article.path


def export_bytes(
    fmt: str,
    *,
    source: Path | None = None,
    region: str | None = None,
    title: str | None = None,
    width: int | None = None,
    height: int | None = None,
    dpi: int | None = None,
    preset: str | None = None,
) -> bytes:
    """The bytes of an export.

    Parameters
    ----------
    fmt : {"png", "svg", "pdf", "geojson", "csv"}
    source : Path, optional
        Article file; the seed by default.
    region : str, optional
        ISO code: emphasised on images; data exports keep only that unit.

    Raises
    ------
    DataError
        For an unknown region or format, or bad data.
    """
    frame, meta, source_path = named_frame(source)
    known = set(boundaries.load_units("full")["iso_3166_2"])
    if region is not None and region not in known:
        raise DataError("--region", f"unknown ISO 3166-2 code {region!r}")
    if fmt in ("geojson", "csv"):
        if region is not None:
            if region not in set(frame["iso_3166_2"]):
                raise DataError("--region", f"{region!r} is not named in the source")
            frame = export_data.filter_units(frame, [region])
        if fmt == "geojson":
            return export_data.to_geojson(frame, meta, source_path, boundaries_attribution()).encode("utf-8")
        return export_data.to_csv(frame).encode("utf-8")
    if fmt in ("png", "svg", "pdf"):
        from dashboard import render

        if preset:
            if preset not in PRESETS:
                raise DataError("--preset", f"unknown preset {preset!r} (expected one of {', '.join(PRESETS)})")
            pw, ph, pd = PRESETS[preset]
            width, height, dpi = width or pw, height or ph, dpi or pd
        return render.render_image(fmt, frame, meta, title=title, width=width, height=height, dpi=dpi, region=region)
    raise DataError("--format", f"unknown format {fmt!r} (expected png, svg, pdf, geojson or csv)")
