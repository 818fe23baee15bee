"""One visual language for the map and the images: colour by claim, pattern by control.

The palette is Okabe & Ito's, which stays distinguishable with the common colour-vision deficiencies; control is
also drawn as a hatch pattern (and written in labels and tooltips) so that nothing relies on colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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


# -- the same patterns in the browser (SVG), for the dashboard's map and the embed --------------------------------


def pattern_id(claim_key: str, control: str) -> str:
    """The SVG id of the pattern for a claim colour key and a control value (``cm-annexed-2014-most``)."""
    return f"cm-{claim_key}-{control}"


def pattern_svg(claim_key: str, colour: str, control: str) -> str:
    """The ``<pattern>`` element (SVG markup, all values from this module, none from a source)."""
    hatch = CONTROL_HATCHES[control]
    s = hatch.spacing or 8
    background = f'<rect width="{s}" height="{s}" fill="{colour}"/>'
    if hatch.kind == "lines":
        ink = f'<line x1="0" y1="0" x2="0" y2="{s}" stroke="{HATCH_INK}" stroke-width="1.4"/>'
        transform = ' patternTransform="rotate(45)"'
    elif hatch.kind == "cross":
        ink = (
            f'<line x1="0" y1="0" x2="0" y2="{s}" stroke="{HATCH_INK}" stroke-width="1.4"/>'
            f'<line x1="0" y1="0" x2="{s}" y2="0" stroke="{HATCH_INK}" stroke-width="1.4"/>'
        )
        transform = ' patternTransform="rotate(45)"'
    elif hatch.kind == "rings":
        ink = f'<circle cx="{s / 2}" cy="{s / 2}" r="2.6" fill="none" stroke="{HATCH_INK}" stroke-width="1.1"/>'
        transform = ""
    elif hatch.kind == "dots":
        ink = f'<circle cx="{s / 2}" cy="{s / 2}" r="1.3" fill="{HATCH_INK}"/>'
        transform = ""
    else:
        ink, transform = "", ""
    return (
        f'<pattern id="{pattern_id(claim_key, control)}" patternUnits="userSpaceOnUse" width="{s}" height="{s}"'
        f"{transform}>{background}{ink}</pattern>"
    )


def all_patterns() -> list[str]:
    """Every pattern the map and the legend may use (claim colours, named-only colour × hatched controls)."""
    colours = {key: colour for key, colour in CLAIM_COLOURS.items() if key != NOT_NAMED}
    colours["named"] = NAMED_ONLY_COLOUR
    return [
        pattern_svg(key, colour, control)
        for key, colour in colours.items()
        for control, hatch in CONTROL_HATCHES.items()
        if hatch.kind != "none"
    ]


def fill_for(claim: str | None, control: str | None, named: bool) -> str:
    """The ``fillColor`` for a unit: a pattern URL when control is stated as a hatch, else a plain colour."""
    colour = unit_colour(claim, named)
    if not named:
        return colour
    key = claim if claim in CLAIM_COLOURS else "named"
    if control and CONTROL_HATCHES[control].kind != "none":
        return f"url(#{pattern_id(key, control)})"
    return colour


def path_style(claim: str | None, control: str | None, named: bool, suggested: bool = False) -> dict[str, Any]:
    """Leaflet path options for one unit (the dashboard's map and the embed): fill by claim (pattern for control),
    outline heavier when named, dashed when the status shown is a suggestion from the text that no one has reviewed."""
    out = {
        "fillColor": fill_for(claim, control, named),
        "fillOpacity": 0.9 if named else 0.55,
        "color": OUTLINE,
        "weight": 1.6 if named else 0.8,
    }
    if named and suggested:
        out.update(dashArray=SUGGESTED_DASH, weight=2.2)
    return out
