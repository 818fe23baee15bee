"""Ukraine's 27 first-level units by their ISO 3166-2:UA codes: the one list every layer uses."""

from __future__ import annotations

UNIT_CODES: tuple[str, ...] = tuple(
    f"UA-{n:02d}"
    for n in (5, 7, 9, 12, 14, 18, 21, 23, 26, 30, 32, 35, 40, 43, 46, 48, 51, 53, 56, 59, 61, 63, 65, 68, 71, 74, 77)
)
"""The ISO 3166-2 codes of Ukraine's 27 first-level units (24 oblasts, Crimea, Kyiv, Sevastopol), in order."""

ISO_CODES: frozenset[str] = frozenset(UNIT_CODES)
"""The same codes as a set, for membership checks."""
