"""The dashboard's downloads: what the page shows, as PNG, SVG, PDF, GeoJSON, CSV or an interactive HTML embed.

The seed alone exports exactly what the command line writes (``python -m dashboard export``). Other sources (and
several together) export one feature per named unit with the sentences of every chosen source (each excerpt
cites its own source) and the status the map shows, from the sources' own statements (marked ``suggested`` where
no one reviewed it); images then name every source in their source line.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import geopandas as gpd

from dashboard.claims import selection, timeline, view_frames
from dashboard.claims.curated_claims import ClaimsData
from dashboard.claims.selection import PageView
from dashboard.core.errors import DataError
from dashboard.core.text import slugify
from dashboard.export import embed, export_data, exports, formats
from dashboard.places import boundaries
from dashboard.sources.model import SourceMeta

FORMATS = formats.FORMATS
"""The downloads, in the page's order (:mod:`dashboard.export.formats`, the one registry)."""
TIMELINE_FORMATS = formats.keys("series")
"""Downloads offered only when the shown sources carry two dates or more."""


def export_subject(view: PageView, region: str | None) -> tuple[SourceMeta | None, str]:
    """What the downloads are of: the first source's details (names the files), and the popover's words for it."""
    meta = view.combined.sources[0].meta if view.combined.sources else None
    return meta, f"{view.names.get(region, region)} emphasised" if region else "this view"


def page_frame(view: PageView, curated: ClaimsData) -> tuple[gpd.GeoDataFrame, SourceMeta, str]:
    """The named units of the page (:data:`dashboard.claims.view_frames.FRAME_COLUMNS`), with the first source's
    details."""
    sources = view.combined.sources
    frame = view_frames.view_frame(view.combined, "full")
    return frame, sources[0].meta if sources else None, sources[0].path if sources else ""


def page_export(fmt: str, view: PageView, curated: ClaimsData, *, region: str | None, title: str | None) -> bytes:
    """The bytes of one download (images emphasise ``region``; data exports keep every named unit; the GIF has
    one frame per source date)."""
    if fmt == "gif":
        frames = [
            page_export(
                "png", selection.page_view(view.all_sources, curated, date), curated, region=region, title=title
            )  # fmt: skip
            for date in view.timeline
        ]
        return timeline.gif(frames)
    if fmt == "html":  # the interactive embed of the view, opening on the selected region
        return embed.embed_html(view, title=title, region=region).encode("utf-8")
    frame, meta, source = page_frame(view, curated)
    if fmt == "geojson":
        attribution = exports.boundaries_attribution()
        return export_data.to_geojson(frame, meta, source, attribution, as_of=view.as_of).encode("utf-8")
    if fmt == "csv":
        return export_data.to_csv(frame, view.as_of).encode("utf-8")
    # lazy: the image writer (matplotlib) costs 0.48-0.52 s to import (python -X importtime, after this module);
    # only the image downloads need it, so the page starts without it
    from dashboard.export import render

    w, h, dpi = exports.PRESETS[IMAGE_PRESET]
    sources = view.combined.sources
    if view.as_of is not None:  # "As of 11 November 2022, according to …" on every image
        meta = SourceMeta(title="", publisher=view.as_of_line())
        title = title or view.default_title()
    elif len(sources) > 1:  # one source line naming every source on the map
        meta = SourceMeta(title="", publisher="; ".join(s.meta.source_line() for s in sources))
        title = title or view.default_title()
    return render.render_image(fmt, frame, meta, title=title or None, width=w, height=h, dpi=dpi, region=region)


IMAGE_PRESET = "social"
"""The size of the dashboard's images (the command line offers the others)."""

IMAGE_FORMATS = formats.keys("image", "series")


def _problem(*loaders: Callable[[], object]) -> str | None:
    """The first data error the loaders raise (one line, naming the file), or None."""
    try:
        for load in loaders:
            load()
    except DataError as exc:
        return " ".join(str(exc).split())
    return None


def offered_formats(dates: int) -> list[str]:
    """The downloads the page offers for sources carrying ``dates`` distinct dates (the GIF needs two)."""
    return [fmt for fmt in FORMATS if fmt not in TIMELINE_FORMATS or dates > 1]


def export_problems(formats: Sequence[str] = tuple(FORMATS)) -> dict[str, str]:
    """The downloads that cannot be made now, each with why (the data file at fault and what is wrong with it).

    A download is made only when the reader clicks it, in a request whose failure the browser does not show (only
    the server's log does); so the files the downloads need are read while the page is drawn (cached until they
    change: about a millisecond once read), and one that would fail is a message instead of a button.
    """
    data = _problem(lambda: boundaries.check_files(context=False))
    images = data or _problem(boundaries.check_files)
    embeds = _problem(  # the embed draws the simplified units and the neighbours, and inlines Leaflet
        lambda: boundaries.check_files(detail="simplified"), embed.check_files
    )
    problems = {fmt: embeds if fmt == "html" else images if fmt in IMAGE_FORMATS else data for fmt in formats}
    return {fmt: why for fmt, why in problems.items() if why}


def problem_lines(problems: dict[str, str]) -> list[str]:
    """One message per reason: ``PNG image, SVG image and PDF cannot be made: <file>: <what is wrong>``."""
    lines = []
    for why in dict.fromkeys(problems.values()):
        labels = [FORMATS[fmt].label for fmt, reason in problems.items() if reason == why]
        named = labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} and {labels[-1]}"
        lines.append(f"{named} cannot be made: {why}")
    return lines


def formats_note() -> str:
    """What the downloads are, for the reader: the image size comes from :data:`exports.PRESETS`."""
    w, h, dpi = exports.PRESETS[IMAGE_PRESET]
    return (
        f"Images: PNG {w}×{h} px at {dpi} dpi, SVG and PDF with text kept as text. Data: GeoJSON and CSV. "
        "Interactive map: one HTML file that works on any web page or from disk, with no request to anything else."
    )


DATA_FORMATS = formats.keys("data")
"""Downloads that hold every named unit whatever the selection (the images emphasise the selected one)."""


def file_name(meta: SourceMeta | None, fmt: str, region: str | None = None, limit: int = 48) -> str:
    """A safe download name: ``claims-map-<slug of the title>[-UA-14].<fmt>`` (ASCII letters, digits, hyphens).

    The slug is cut at a word to ``limit`` characters. The region's code names only the images that emphasise
    it: a data file holds every named unit, and its name must not suggest a filtered file.
    """
    slug = slugify(meta.title if meta else "", limit, empty="")
    emphasised = region if fmt not in DATA_FORMATS else None
    stem = "-".join(p for p in ("claims-map", slug, emphasised or "") if p)
    return f"{stem}.{fmt}"


EMBED_HEIGHT = 760
"""The iframe's suggested height in CSS pixels: the embed's map, panel and legend at a story's column width."""


def iframe_snippet(file_name: str, title: str = "Interactive map of the regions the source names") -> str:
    """The HTML a newsroom pastes into its story to show the downloaded embed (``file_name``, uploaded beside the
    story or on any static host): full width, lazy, without a border; every value escaped."""
    src, label = html.escape(file_name, quote=True), html.escape(title, quote=True)
    return (
        f'<iframe src="{src}" title="{label}" width="100%" height="{EMBED_HEIGHT}" loading="lazy"\n'
        '        style="border:0; max-width:100%;"></iframe>'
    )
