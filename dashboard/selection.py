"""What the page shows: the chosen sources as one view, the units to choose from, and a deep link's region.

Pure functions, tested without Streamlit. The seed article is curated: its named units are those of
``data/claims.toml`` (the gazetteer alone would also count "Kyiv reiterated", a metonym for the government).
Any other source is read by the gazetteer (:mod:`dashboard.any_source`). Statuses always come from the curated
claims data.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd

from dashboard import any_source, boundaries
from dashboard.claims import ClaimsData
from dashboard.sources import Article

_ISO = re.compile(r"^UA-\d\d$")


NAMED_MARK = "named in the article"
"""How the region list marks a unit the sources name."""


@dataclass(frozen=True)
class PageView:
    """The chosen sources on one map."""

    combined: any_source.CombinedView
    frame: gpd.GeoDataFrame
    """Every unit of Ukraine with its state (``any_source.map_frame`` columns), simplified for the browser."""
    names: dict[str, str]
    """ISO code to unit name, all 27 units."""

    def options(self) -> list[str]:
        """ISO codes to choose from: the named units in order of first mention, then the rest by name."""
        named = list(self.combined.named_units)
        rest = sorted((iso for iso in self.names if iso not in named), key=lambda iso: self.names[iso])
        return named + rest

    def label(self, iso: str) -> str:
        """The unit's name, marked when the sources name it: ``Donetsk · named in the article``."""
        name = self.names.get(iso, iso)
        return f"{name} · {NAMED_MARK}" if iso in self.combined.named_units else name


def source_view_for(article: Article, curated: ClaimsData) -> any_source.SourceView:
    """The view of one source; for the curated source, only the units the claims data names."""
    view = any_source.source_view(article, curated)
    if article.path == curated.article.path:
        keep = set(curated.units)
        view = any_source.SourceView(
            article=view.article,
            units=tuple(u for u in view.units if u.iso in keep),
            curated_source=view.curated_source,
        )
    return view


def page_view(articles: Sequence[Article], curated: ClaimsData) -> PageView:
    """Put the chosen sources on one map (statuses from ``curated``)."""
    combined = any_source.combine(source_view_for(a, curated) for a in articles)
    frame = any_source.map_frame(combined, detail="simplified")
    units = boundaries.load_units("simplified")
    names = dict(zip(units["iso_3166_2"], units["name"], strict=True))
    return PageView(combined=combined, frame=frame, names=names)


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
    from dashboard.store import SEED_ID

    values = [v.strip() for v in values if v and v.strip()]  # "?sources=" (empty) names nothing
    chosen = [v for v in dict.fromkeys(values) if v in known]
    missing = [v for v in dict.fromkeys(values) if v not in known]
    message = None
    if missing:
        shown = ", ".join(repr(m[:60]) for m in missing[:3])
        message = f"The link names source(s) {shown} that this dashboard's store does not have (deleted?)."
    return chosen or [SEED_ID], message


def write_link(query_params, region: str | None, sources: Sequence[str]) -> None:
    """Keep the URL in step with what is shown (``?region=UA-14&sources=…``), so that a link opens on it.

    The seed alone is the default and is left out of the link; nothing is written when nothing changed.
    """
    from dashboard.store import SEED_ID

    wanted: dict[str, str | list[str]] = {}
    if region:
        wanted["region"] = region
    if list(sources) != [SEED_ID]:
        wanted["sources"] = list(sources)
    current = {k: (query_params.get_all(k) if k == "sources" else query_params.get(k)) for k in query_params}
    if current != wanted:
        query_params.from_dict(wanted)
