"""What a suggestion is, and the units some rules treat apart (Crimea, the 2022 four, the cities)."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.sources.model import Excerpt

CRIMEA_UNITS = frozenset({"UA-43", "UA-40"})
DECLARED_2022_UNITS = frozenset({"UA-14", "UA-09", "UA-23", "UA-65"})
CITY_UNITS = frozenset({"UA-30", "UA-40"})
"""Units that are cities: a city mention of these names the unit itself."""

_BLOCK_RANK = {"body": 0, "caption": 1, "headline": 2}
_MAX_WALK = 60


@dataclass(frozen=True)
class Suggestion:
    """One suggested status of one unit, with the sentence and the words it rests on.

    Attributes
    ----------
    unit : str
        ISO 3166-2 code.
    field : {"claim", "control"}
    value : str
        A value of the field's vocabulary, never ``"not-stated"``.
    excerpt : Excerpt
        The supporting sentence (``source`` is the article's path; verbatim).
    cue : str
        The cue words as written, joined by " … " where they are apart.
    cue_spans : tuple of (int, int)
        Offsets into the article's text of each cue word or phrase.
    attributed_to : str or None
        Who the source reports as saying it, as written; None for the source's own statement.
    """

    unit: str
    field: str
    value: str
    excerpt: Excerpt
    cue: str
    cue_spans: tuple[tuple[int, int], ...]
    attributed_to: str | None = None
