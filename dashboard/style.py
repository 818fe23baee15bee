"""One visual language for the map and the images: colour by claim, pattern by control.

The palette is Okabe & Ito's, which stays distinguishable with the common colour-vision deficiencies; control is
also drawn as a hatch pattern (and written in labels and tooltips) so that nothing relies on colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.claims.vocab import CLAIM_LABELS, CONTROL_LABELS, NOT_NAMED_LABEL

NOT_NAMED = "not-named"
"""Status of a unit the source does not name: drawn neutral."""

CLAIM_COLOURS: dict[str, str] = {
    "annexed-2014": "#D55E00",  # vermillion
    "annexation-declared-2022": "#E69F00",  # orange
    "none": "#56B4E9",  # sky blue: the source says there is no claim
    "not-stated": "#009E73",  # bluish green: named, claim not stated (as NAMED_ONLY_COLOUR)
    NOT_NAMED: "#E8E8E8",  # neutral
}
NAMED_ONLY_COLOUR = "#009E73"
"""A unit a source names whose claim it does not state: bluish green."""

SUGGESTED_DASH = "5 4"
"""The outline of a unit whose status is a suggestion from the text that no one has reviewed (dashed), on the web
map and in images: a suggestion never looks like a reviewed status."""

OUTLINE = "#333333"
SELECTED_OUTLINE = "#000000"
HATCH_INK = "#1A1A1A"


@dataclass(frozen=True)
class Hatch:
    """A control pattern, drawn the same way in the browser (SVG pattern) and in images (matplotlib hatch)."""

    matplotlib: str
    """matplotlib hatch string ('' for none)."""
    kind: str
    """'cross', 'lines', 'dots', 'rings' or 'none'."""
    spacing: int
    """Pattern cell size in CSS pixels (browser)."""


CONTROL_HATCHES: dict[str, Hatch] = {
    "all": Hatch("xxxx", "cross", 6),
    "most": Hatch("////", "lines", 5),
    "parts": Hatch("//", "lines", 10),
    "part": Hatch("..", "dots", 8),
    "none": Hatch("oo", "rings", 12),
    "not-stated": Hatch("", "none", 0),
}

CLAIM_LEGEND: list[tuple[str, str, str]] = [
    (key, CLAIM_LABELS[key], CLAIM_COLOURS[key])
    for key in ("annexed-2014", "annexation-declared-2022", "none", "not-stated")
] + [(NOT_NAMED, NOT_NAMED_LABEL, CLAIM_COLOURS[NOT_NAMED])]
CONTROL_LEGEND: list[tuple[str, str, Hatch]] = [
    (key, CONTROL_LABELS[key], CONTROL_HATCHES[key]) for key in CONTROL_LABELS
]


def fill_colour(claim: str | None) -> str:
    """Colour for a unit's claim; ``None`` (not named) is neutral."""
    return CLAIM_COLOURS.get(claim or NOT_NAMED, CLAIM_COLOURS[NOT_NAMED])


def unit_colour(claim: str | None, named: bool) -> str:
    """The one colour rule of a unit, for the map, its patterns, the panels and the images: neutral when the source
    does not name it, the claim's colour when a known claim is stated, else the named-only colour."""
    if not named:
        return CLAIM_COLOURS[NOT_NAMED]
    return CLAIM_COLOURS[claim] if claim in CLAIM_COLOURS and claim != NOT_NAMED else NAMED_ONLY_COLOUR
