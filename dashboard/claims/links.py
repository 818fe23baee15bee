"""The page's URL: its parameters, the one link builder, and reading a deep link back.

``?region=UA-14&sources=ID&sources=ID&asof=2022-11-11`` opens the page on that unit, those sources and that date.
The seed alone is the default and is left out. :func:`page_link` builds every link (the article's mention links,
the page's own URL through :func:`write_link`); the ``parse_*`` functions read one back, with a message (quoting
the bad value) for what cannot be used. Pure functions, tested without Streamlit.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from collections.abc import Sequence

from dashboard.sources.stored import SEED_ID

REGION = "region"
"""The parameter naming the chosen unit (an ISO 3166-2 code)."""
SOURCES = "sources"
"""The parameter naming a shown source (repeated, in order)."""
AS_OF = "asof"
"""The parameter of the "as of" date (YYYY-MM-DD)."""

_ISO = re.compile(r"^UA-\d\d$")


def params(region: str | None, sources: Sequence[str], as_of: dt.date | None = None) -> dict[str, str | list[str]]:
    """The URL parameters of a view: the region, the sources unless the seed alone, the date when one is set."""
    wanted: dict[str, str | list[str]] = {}
    if region:
        wanted[REGION] = region
    if list(sources) != [SEED_ID]:
        wanted[SOURCES] = list(sources)
    if as_of is not None:
        wanted[AS_OF] = as_of.isoformat()
    return wanted


def page_link(region: str | None, sources: Sequence[str], as_of: dt.date | None = None) -> str:
    """A same-page link to a view: ``?region=UA-14&sources=a&sources=b&asof=2022-11-11`` (``?`` for the default)."""
    return "?" + urllib.parse.urlencode(params(region, sources, as_of), doseq=True)


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
    wanted = params(region, sources, as_of)
    current = {k: (query_params.get_all(k) if k == SOURCES else query_params.get(k)) for k in query_params}
    if current != wanted:
        query_params.from_dict(wanted)
