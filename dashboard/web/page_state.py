"""What the page shows, decided from its link and its sources: a link read on a new page load, the sources
chosen (the seed if none), a source added or deleted in the list, and the key that says a view must be rebuilt.

Pure functions, tested without Streamlit; ``dashboard/app.py`` puts their results in the session state.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from dashboard.claims import links
from dashboard.claims.curated_claims import ClaimsData
from dashboard.places import units
from dashboard.sources.stored import SEED_ID, SourceSummary


@dataclass(frozen=True)
class LinkState:
    """What a page's link asks for.

    Attributes
    ----------
    sources : list of str
        The known source ids it names, in order (the seed if none).
    as_of : datetime.date or None
    region : str or None
        The ISO code of the unit it names, if any.
    warnings : tuple of str
        What could not be used (unknown sources, a bad date or region), in that order, as plain text.
    """

    sources: list[str]
    as_of: dt.date | None
    region: str | None
    warnings: tuple[str, ...]


def read_link(sources: Sequence[str], as_of: object, region: object, known_ids: Sequence[str]) -> LinkState:
    """Read a link's ``?sources=`` values, ``?asof=`` and ``?region=`` (see :mod:`dashboard.claims.links`)."""
    wanted, missing = links.parse_sources(sources, known_ids)
    date, date_problem = links.parse_as_of(as_of)
    asked, region_problem = links.parse_region(region, units.ISO_CODES)
    warnings = tuple(w for w in (missing, date_problem, region_problem) if w)
    return LinkState(wanted, date, asked, warnings)


def shown_ids(chosen: Sequence[str] | None, known_ids: Sequence[str]) -> tuple[str, ...]:
    """The ids of the sources the map shows: those chosen that still exist, else the seed."""
    return tuple(i for i in chosen or [SEED_ID] if i in known_ids) or (SEED_ID,)


def with_source(chosen: Sequence[str] | None, source_id: str) -> list[str]:
    """The sources chosen once ``source_id`` (just added) is shown too: no repeats, the seed if none was chosen."""
    return [*dict.fromkeys([*(chosen or [SEED_ID]), source_id])]


def view_version(curated: ClaimsData, listed: Sequence[SourceSummary], reviews_version: object) -> tuple:
    """What a cached view depends on: the claims file, every source's details and the reviews' version."""
    return (
        curated.path,
        id(curated),
        tuple((s.id, s.title, s.publisher, s.published, s.url) for s in listed),
        reviews_version,
    )
