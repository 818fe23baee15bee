"""What the page shows: the chosen sources as one view, as of a date, and the units to choose from.

Pure functions, tested without Streamlit. The seed article is curated: its named units and statuses are those
of ``data/claims.toml``. Any other source is read by the gazetteer and has its own statuses: an editor's reviews
over the suggestions from its sentences (:mod:`dashboard.claims.source_views`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd

from dashboard.claims import source_views, view_frames
from dashboard.claims.curated_claims import ClaimsData
from dashboard.claims.statements import Review
from dashboard.places import boundaries
from dashboard.sources.model import Article, SourceMeta

NAMED_MARK = "named in the article"
"""How the region list marks a unit the sources name."""


def source_title(meta: SourceMeta | None) -> str:
    """``Ukraine: regions named by The Moscow Times, 27 Feb 2025`` (the parts that are known): one source's title."""
    if meta is None or not meta.publisher:
        return "Ukraine: regions named in the source"
    when = f", {meta.published.day} {meta.published:%b %Y}" if meta.published else ""
    return f"Ukraine: regions named by {meta.publisher}{when}"


@dataclass(frozen=True)
class PageView:
    """The chosen sources on one map."""

    combined: source_views.CombinedView
    frame: gpd.GeoDataFrame
    """Every unit of Ukraine with its state (``view_frames.map_frame`` columns), simplified for the browser."""
    names: dict[str, str]
    """ISO code to unit name, all 27 units."""
    timeline: tuple[dt.date, ...] = ()
    """The distinct publication dates of the chosen sources, oldest first (an "as of" control needs two)."""
    as_of: dt.date | None = None
    """The date the map is drawn as of (None: every chosen source counts)."""
    undated: tuple[source_views.SourceView, ...] = ()
    """Chosen sources with no date: with ``as_of`` set they are listed apart, never placed on the timeline."""
    later: tuple[source_views.SourceView, ...] = ()
    """Chosen sources dated after ``as_of``: not shown."""

    @property
    def all_sources(self) -> tuple[source_views.SourceView, ...]:
        """Every chosen source, counted or not (as of a date some are left out)."""
        return (*self.combined.sources, *self.later, *self.undated)

    def as_of_line(self) -> str | None:
        """``As of 11 November 2022, according to Reuters, “…”, 11 November 2022; …`` (None without a date)."""
        if self.as_of is None:
            return None
        shown = "; ".join(v.meta.source_line() for v in self.combined.sources) or "no source dated on or before it"
        return f"As of {self.as_of.day} {self.as_of:%B %Y}, according to {shown}"

    def default_title(self) -> str:
        """The title of an image or embed of this view when none is given: the date as of which it is shown, or
        how many sources it counts, else the one source's (:func:`source_title`)."""
        sources = self.combined.sources
        if self.as_of is not None:
            return f"Ukraine as of {self.as_of.day} {self.as_of:%B %Y}"
        if len(sources) > 1:
            return f"Ukraine: regions named by {len(sources)} sources"
        return source_title(sources[0].meta if sources else None)

    def options(self) -> list[str]:
        """ISO codes to choose from: the named units in order of first mention, then the rest by name."""
        named = list(self.combined.named_units)
        rest = sorted((iso for iso in self.names if iso not in named), key=lambda iso: self.names[iso])
        return named + rest

    def label(self, iso: str) -> str:
        """The unit's name, marked when the sources name it: ``Donetsk · named in the article``."""
        name = self.names.get(iso, iso)
        return f"{name} · {NAMED_MARK}" if iso in self.combined.named_units else name


def source_view_for(
    article: Article, curated: ClaimsData, reviews: Sequence[Review] = (), source_id: str | None = None
) -> source_views.SourceView:
    """The view of one source; for the curated source, only the units the claims data names."""
    return source_views.source_view(article, curated, reviews, source_id)


ShownSource = Article | tuple[Article, str | None, Sequence[Review]] | source_views.SourceView
"""A source to show: its article, (article, store id, its reviews), or its view already made."""


def page_view(sources: Sequence[ShownSource], curated: ClaimsData, as_of: dt.date | None = None) -> PageView:
    """Put the chosen sources on one map, each with its own statuses; ``as_of`` keeps those dated on or before it.

    With ``as_of`` set, a source with no date is listed apart (``undated``) and a later one left out (``later``):
    none is placed on the timeline by guess.
    """
    views = []
    for item in sources:
        if isinstance(item, source_views.SourceView):
            views.append(item)
            continue
        article, source_id, reviews = item if isinstance(item, tuple) else (item, None, ())
        views.append(source_view_for(article, curated, reviews, source_id))
    timeline = tuple(sorted({v.meta.published for v in views if v.meta.published}))
    undated = later = ()
    if as_of is not None:
        undated = tuple(v for v in views if v.meta.published is None)
        later = tuple(v for v in views if v.meta.published and v.meta.published > as_of)
        views = [v for v in views if v.meta.published and v.meta.published <= as_of]
    combined = source_views.combine(views)
    frame = view_frames.map_frame(combined, detail="simplified")
    units = boundaries.load_units("simplified")
    names = dict(zip(units["iso_3166_2"], units["name"], strict=True))
    return PageView(
        combined=combined, frame=frame, names=names, timeline=timeline, as_of=as_of, undated=undated, later=later
    )
