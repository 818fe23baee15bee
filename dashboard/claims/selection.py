"""What the page shows: the chosen sources as one view, the units to choose from, and a deep link's region.

Pure functions, tested without Streamlit. The seed article is curated: its named units and statuses are those
of ``data/claims.toml``. Any other source is read by the gazetteer and has its own statuses: an editor's reviews
over the suggestions from its sentences (:mod:`dashboard.claims.source_views`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd

from dashboard.claims import source_views
from dashboard.claims.curated_claims import ClaimsData
from dashboard.claims.statements import Review
from dashboard.places import boundaries
from dashboard.sources.model import Article
from dashboard.sources.store import SEED_ID

_ISO = re.compile(r"^UA-\d\d$")


NAMED_MARK = "named in the article"
"""How the region list marks a unit the sources name."""


@dataclass(frozen=True)
class PageView:
    """The chosen sources on one map."""

    combined: source_views.CombinedView
    frame: gpd.GeoDataFrame
    """Every unit of Ukraine with its state (``source_views.map_frame`` columns), simplified for the browser."""
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
    frame = source_views.map_frame(combined, detail="simplified")
    units = boundaries.load_units("simplified")
    names = dict(zip(units["iso_3166_2"], units["name"], strict=True))
    return PageView(
        combined=combined, frame=frame, names=names, timeline=timeline, as_of=as_of, undated=undated, later=later
    )


def parse_as_of(value: object) -> tuple[dt.date | None, str | None]:
    """Read an ``?asof=YYYY-MM-DD`` value: ``(date, None)``, ``(None, message)`` if unusable, ``(None, None)``."""
    if value is None or value == "" or value == []:
        return None, None
    if isinstance(value, list):
        value = value[-1]
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text), None
    except ValueError:
        shown = text if len(text) <= 40 else text[:40] + "…"
        return None, f"The link asks for the map as of {shown!r}, which is not a date (YYYY-MM-DD). Showing all."


def parse_region(value: object, known: Sequence[str]) -> tuple[str | None, str | None]:
    """Read a ``?region=`` value: ``(ISO code, None)``, ``(None, message)`` if unusable, ``(None, None)`` if absent.

    Lower case is accepted (``ua-14``). The message quotes the bad value (shown as text, never as markup).
    """
    if value is None or value == "" or value == []:
        return None, None
    if isinstance(value, list):
        value = value[-1]
    text = str(value).strip()
    code = text.upper()
    if _ISO.match(code) and code in known:
        return code, None
    shown = text if len(text) <= 40 else text[:40] + "…"
    return None, (
        f"The link asks for region {shown!r}, which is not one of Ukraine's 27 first-level units "
        "(ISO 3166-2 codes such as UA-14 for Donetsk). Showing the whole map instead."
    )


def parse_sources(values: Sequence[str], known: Sequence[str]) -> tuple[list[str], str | None]:
    """Read ``?sources=`` values: the known source ids in order (the seed if none), and a message for the rest."""
    values = [v.strip() for v in values if v and v.strip()]  # "?sources=" (empty) names nothing
    chosen = [v for v in dict.fromkeys(values) if v in known]
    missing = [v for v in dict.fromkeys(values) if v not in known]
    message = None
    if missing:
        shown = ", ".join(repr(m[:60]) for m in missing[:3])
        message = f"The link names source(s) {shown} that this dashboard's store does not have (deleted?)."
    return chosen or [SEED_ID], message


def write_link(query_params, region: str | None, sources: Sequence[str], as_of: dt.date | None = None) -> None:
    """Keep the URL in step with what is shown (``?region=UA-14&sources=…&asof=2022-11-11``), so that a link
    opens on it.

    The seed alone is the default and is left out of the link; nothing is written when nothing changed.
    """
    wanted: dict[str, str | list[str]] = {}
    if region:
        wanted["region"] = region
    if list(sources) != [SEED_ID]:
        wanted["sources"] = list(sources)
    if as_of is not None:
        wanted["asof"] = as_of.isoformat()
    current = {k: (query_params.get_all(k) if k == "sources" else query_params.get(k)) for k in query_params}
    if current != wanted:
        query_params.from_dict(wanted)
