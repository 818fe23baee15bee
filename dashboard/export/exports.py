"""One entry point for every export (images and data), shared by the command line and the dashboard.

:func:`export_bytes` hands a format to its writer, named in the registry (:mod:`dashboard.export.formats`):
:func:`image_bytes`, :func:`data_bytes`, :func:`gif_bytes` or :func:`embed_bytes`. Each format imports what it
needs only (``python -X importtime -m dashboard export …``): matplotlib for images (0.45 s), Jinja and the embed's
files for ``html`` (37 ms), the GIF writer for ``gif`` (19 ms), the reviews for ``--source-id``; what every export
needs (the claims, the sources, the page's selection: 2 ms) is imported here, the data writers (2.4 ms) for
GeoJSON and CSV only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dashboard.claims import article_files, curated_claims, selection, source_views, view_frames
from dashboard.core import paths
from dashboard.core.errors import DataError
from dashboard.export import formats
from dashboard.places import boundaries, units
from dashboard.sources import store
from dashboard.sources.model import Article, SourceMeta

if TYPE_CHECKING:
    import geopandas as gpd


@dataclass(frozen=True)
class Preset:
    """An image page: a physical size (inches) and a resolution; ``--dpi`` changes the resolution only."""

    width_in: float
    height_in: float
    dpi: int

    @property
    def size_in(self) -> tuple[float, float]:
        return self.width_in, self.height_in

    def pixels(self, dpi: int | None = None) -> tuple[int, int, int]:
        """``(width, height, dpi)`` in pixels at ``dpi`` (the preset's own by default)."""
        dpi = dpi or self.dpi
        return round(self.width_in * dpi), round(self.height_in * dpi), dpi

    def __iter__(self):  # unpacks as (width px, height px, dpi), as the presets' tuples did
        return iter(self.pixels())


PRESETS: dict[str, Preset] = {
    "social": Preset(8.0, 4.5, 150),  # 1200 x 675 px at 150 dpi
    "a4": Preset(210 / 25.4, 297 / 25.4, 300),  # 8.27 x 11.69 in: 2480 x 3508 px at 300 dpi
}


def boundaries_attribution() -> str:
    """The attribution line of the boundary data (:func:`dashboard.places.boundaries.attribution`)."""
    return boundaries.attribution()


def source_view(source: Path | None = None, source_id: str | None = None) -> source_views.SourceView:
    """One source's view with its own statuses: the seed by default (curated), an article file (``source``:
    suggestions from its sentences), or a stored source (``source_id``: its reviews over the suggestions, as the
    dashboard shows it).

    Raises
    ------
    DataError
        For an id the store does not have, or a file that cannot be read.
    """
    data = curated_claims.load_claims()
    if source_id is not None:
        from dashboard.claims import reviews  # lazy: --source-id only, 2.6 ms (python -X importtime)

        found = store.Store().get(source_id)
        if found is None:
            raise DataError("--source-id", f"no source {source_id!r} in the store ({store.data_dir()})")
        kept = [] if found.read_only else reviews.ReviewStore(store.Store()).reviews(source_id)
        return source_views.source_view(found.article(), data, kept, source_id)
    article = _articles([source], data)[0] if source is not None else data.article
    return source_views.source_view(article, data)


def _articles(files: Sequence[Path], data: curated_claims.ClaimsData) -> list[Article]:
    """Each file read as an article (the seed's file as the curated seed itself); a path given twice is read once
    (the view counts it once anyway)."""
    seed = (paths.ROOT / data.article.path).resolve()
    read: dict[str, Article] = {}
    for f in files:
        if str(f) not in read:
            read[str(f)] = data.article if Path(f).resolve() == seed else article_files.read_file(f)[0]
    return [read[str(f)] for f in files]


def named_frame(source: Path | None = None, source_id: str | None = None) -> tuple[gpd.GeoDataFrame, SourceMeta, str]:
    """The units a source names with that source's statuses (:data:`view_frames.FRAME_COLUMNS`), its details and path
    (see :func:`source_view`)."""
    view = source_view(source, source_id)
    return view_frames.view_frame(view, "full"), view.meta, view.path


def many_frame(
    sources: Sequence[Path], as_of: dt.date | None = None, articles: Sequence[Article] | None = None
) -> tuple[gpd.GeoDataFrame, SourceMeta, str, str | None]:
    """Several article files on one map (``--source A --source B``), optionally as of a date, as the page shows
    them: each unit's status chosen among the sources' own statements (:func:`dashboard.claims.statements.choose`).

    Returns
    -------
    (frame, meta, source, title)
        ``meta`` carries one source line naming every source counted (or the "as of" line), ``source`` the first
        counted source's path, ``title`` the default image title.
    """
    data = curated_claims.load_claims()
    page = selection.page_view(articles if articles is not None else _articles(sources, data), data, as_of)
    counted = page.combined.sources
    frame = view_frames.view_frame(page.combined, "full")
    if as_of is not None:
        line = page.as_of_line()
        if page.undated:
            line += "; not on the timeline (no date): " + "; ".join(v.meta.source_line() for v in page.undated)
    else:
        line = "; ".join(v.meta.source_line() for v in counted)
    title = page.default_title() if as_of is not None or len(counted) > 1 else None  # one source: the image's own
    return frame, SourceMeta(title="", publisher=line), counted[0].path if counted else "", title


def page_view(
    sources: Sequence[Path] = (),
    source_id: str | None = None,
    as_of: dt.date | None = None,
    articles: Sequence[Article] | None = None,
) -> selection.PageView:
    """The view the page would show for these sources (``--source``…, ``--source-id``; the seed by default), as of
    a date: what the embed draws."""
    data = curated_claims.load_claims()
    shown: list = [source_view(None, source_id)] if source_id is not None else []
    if articles is not None:
        shown += list(articles)
    elif sources or source_id is None:
        shown += _articles(list(sources) or [paths.SEED_TEXT], data)
    return selection.page_view(shown, data, as_of)


def export_series(fmt: str, *, source: Path | Sequence[Path] | None = None, **options) -> list[tuple[dt.date, bytes]]:
    """The map as of each date of the sources' timeline (oldest first), one image each (``--each-date``); every
    file is read once, whatever the number of dates.

    Raises
    ------
    DataError
        If no source carries a date (nothing can be placed on a timeline by guess).
    """
    files = [source] if isinstance(source, str | Path) else list(source or [paths.SEED_TEXT])
    data = curated_claims.load_claims()
    articles = _articles(files, data)
    dates = selection.page_view(articles, data).timeline
    if not dates:
        raise DataError("--source", "no source has a date (published, in its .toml or HTML): no timeline to draw")
    return [(date, export_bytes(fmt, source=files, as_of=date, articles=articles, **options)) for date in dates]


def export_bytes(
    fmt: str,
    *,
    source: Path | Sequence[Path] | None = None,
    source_id: str | None = None,
    as_of: dt.date | None = None,
    region: str | None = None,
    title: str | None = None,
    width: int | None = None,
    height: int | None = None,
    dpi: int | None = None,
    preset: str | None = None,
    articles: Sequence[Article] | None = None,
) -> bytes:
    """The bytes of an export, written by the format's writer (:attr:`dashboard.export.formats.Format.writer`).

    Parameters
    ----------
    fmt : {"png", "svg", "pdf", "gif", "geojson", "csv", "html"}
        A key of :data:`dashboard.export.formats.FORMATS`.
    source : Path or list of Path, optional
        Article file(s); the seed by default. Several are shown on one map.
    as_of : datetime.date, optional
        Only sources dated on or before it count (undated ones are listed apart in the source line).
    articles : list of Article, optional
        The files of ``source`` already read (a series reads them once for all its dates).
    source_id : str, optional
        A stored source's id: exported with its reviews.
    region : str, optional
        ISO code: emphasised on images; data exports keep only that unit; the embed opens on its panel.

    Raises
    ------
    DataError
        For an unknown region or format, or bad data.
    """
    found = formats.FORMATS.get(fmt)
    if found is None:
        raise DataError("--format", f"unknown format {fmt!r} (expected {formats.listed()})")
    return found.write()(
        fmt, source=source, source_id=source_id, as_of=as_of, region=region, title=title, width=width,
        height=height, dpi=dpi, preset=preset, articles=articles,
    )  # fmt: skip


def _files(source: Path | Sequence[Path] | None) -> list[Path]:
    return [source] if isinstance(source, str | Path) else list(source or [])


def _frame(
    files: Sequence[Path], source_id: str | None, as_of: dt.date | None, articles: Sequence[Article] | None
) -> tuple[gpd.GeoDataFrame, SourceMeta, str, str | None]:
    """The units to export, their source's details and path, and the default title (None: the image's own)."""
    if len(files) > 1 or as_of is not None:
        return many_frame(files or [paths.SEED_TEXT], as_of, articles)
    frame, meta, source_path = named_frame(files[0] if files else None, source_id)
    return frame, meta, source_path, None


def _check_region(region: str | None) -> None:
    if region is not None and region not in units.ISO_CODES:
        raise DataError("--region", f"unknown ISO 3166-2 code {region!r}")


def image_bytes(fmt: str, *, source=None, source_id=None, as_of=None, region=None, title=None, width=None,
                height=None, dpi=None, preset=None, articles=None) -> bytes:  # fmt: skip
    """The writer of the ``image`` formats (PNG, SVG, PDF): :func:`dashboard.export.render.render_image`; the
    options as for :func:`export_bytes`."""
    from dashboard.export import render  # lazy: images only, matplotlib: 0.45 s (python -X importtime)

    frame, meta, _source_path, default_title = _frame(_files(source), source_id, as_of, articles)
    _check_region(region)
    size_in = None
    if preset:
        if preset not in PRESETS:
            raise DataError("--preset", f"unknown preset {preset!r} (expected one of {', '.join(PRESETS)})")
        size_in, dpi = PRESETS[preset].size_in, dpi or PRESETS[preset].dpi
    return render.render_image(
        fmt, frame, meta, title=title or default_title, width=width, height=height, dpi=dpi, region=region,
        size_in=size_in,
    )  # fmt: skip


def data_bytes(fmt: str, *, source=None, source_id=None, as_of=None, region=None, **_image_options) -> bytes:
    """The writer of the ``data`` formats (GeoJSON, CSV): :mod:`dashboard.export.export_data`; the options as for
    :func:`export_bytes` (the image's size and title do not apply)."""
    from dashboard.export import export_data  # lazy: data formats only, 2.4 ms (test_ingest_path keeps it out)

    frame, meta, source_path, _title = _frame(_files(source), source_id, as_of, _image_options.get("articles"))
    _check_region(region)
    if region is not None:
        if region not in set(frame["iso_3166_2"]):
            raise DataError("--region", f"{region!r} is not named in the source")
        frame = export_data.filter_units(frame, [region])
    if fmt == "geojson":
        return export_data.to_geojson(frame, meta, source_path, boundaries_attribution(), as_of=as_of).encode("utf-8")
    return export_data.to_csv(frame, as_of).encode("utf-8")


def gif_bytes(fmt: str, *, source=None, source_id=None, as_of=None, articles=None, **image_options) -> bytes:
    """The writer of the ``series`` format (GIF): one PNG frame per source date, the date and source line on
    each (:func:`export_series`); the options as for :func:`export_bytes`."""
    series = export_series("png", source=_files(source) or None, **image_options)
    from dashboard.claims import timeline  # lazy: gif only, the GIF writer (PIL): 19 ms (python -X importtime)

    return timeline.gif([image for _, image in series])


def embed_bytes(fmt: str, *, source=None, source_id=None, as_of=None, region=None, title=None, articles=None,
                **_image_options) -> bytes:  # fmt: skip
    """The writer of the ``embed`` format (HTML): the interactive map in one self-contained file
    (:mod:`dashboard.export.embed`); the options as for :func:`export_bytes`."""
    from dashboard.export import embed  # lazy: html only, Jinja and the embed's files: 37 ms (python -X importtime)

    view = page_view(_files(source), source_id, as_of, articles)
    return embed.embed_html(view, title=title, region=region).encode("utf-8")
