"""Control shown as a pattern on the web map, so that it never relies on colour alone.

Leaflet draws GeoJSON as SVG paths whose ``fill`` is the style's ``fillColor``; an SVG ``<pattern>`` in the
overlay's ``<defs>`` can therefore be used as ``fillColor: "url(#…)"``. One pattern per (claim colour, control)
pair: the claim colour as background, the control hatch in ink on top, as :mod:`dashboard.style` defines it.
"""

from __future__ import annotations

from dashboard import style
from dashboard.map.scripts import Script


def pattern_id(claim_key: str, control: str) -> str:
    """The SVG id of the pattern for a claim colour key and a control value (``cm-annexed-2014-most``)."""
    return f"cm-{claim_key}-{control}"


def pattern_svg(claim_key: str, colour: str, control: str) -> str:
    """The ``<pattern>`` element (SVG markup, all values from :mod:`dashboard.style`, none from a source)."""
    hatch = style.CONTROL_HATCHES[control]
    s = hatch.spacing or 8
    background = f'<rect width="{s}" height="{s}" fill="{colour}"/>'
    if hatch.kind == "lines":
        ink = f'<line x1="0" y1="0" x2="0" y2="{s}" stroke="{style.HATCH_INK}" stroke-width="1.4"/>'
        transform = ' patternTransform="rotate(45)"'
    elif hatch.kind == "cross":
        ink = (
            f'<line x1="0" y1="0" x2="0" y2="{s}" stroke="{style.HATCH_INK}" stroke-width="1.4"/>'
            f'<line x1="0" y1="0" x2="{s}" y2="0" stroke="{style.HATCH_INK}" stroke-width="1.4"/>'
        )
        transform = ' patternTransform="rotate(45)"'
    elif hatch.kind == "rings":
        ink = f'<circle cx="{s / 2}" cy="{s / 2}" r="2.6" fill="none" stroke="{style.HATCH_INK}" stroke-width="1.1"/>'
        transform = ""
    elif hatch.kind == "dots":
        ink = f'<circle cx="{s / 2}" cy="{s / 2}" r="1.3" fill="{style.HATCH_INK}"/>'
        transform = ""
    else:
        ink, transform = "", ""
    return (
        f'<pattern id="{pattern_id(claim_key, control)}" patternUnits="userSpaceOnUse" width="{s}" height="{s}"'
        f"{transform}>{background}{ink}</pattern>"
    )


def all_patterns() -> list[str]:
    """Every pattern the map and the legend may use (claim colours, named-only colour × hatched controls)."""
    colours = {key: colour for key, colour in style.CLAIM_COLOURS.items() if key != style.NOT_NAMED}
    colours["named"] = style.NAMED_ONLY_COLOUR
    return [
        pattern_svg(key, colour, control)
        for key, colour in colours.items()
        for control, hatch in style.CONTROL_HATCHES.items()
        if hatch.kind != "none"
    ]


def fill_for(claim: str | None, control: str | None, named: bool) -> str:
    """The ``fillColor`` for a unit: a pattern URL when control is stated as a hatch, else a plain colour."""
    colour = style.unit_colour(claim, named)
    if not named:
        return colour
    key = claim if claim in style.CLAIM_COLOURS else "named"
    if control and style.CONTROL_HATCHES[control].kind != "none":
        return f"url(#{pattern_id(key, control)})"
    return colour


class HatchPatterns(Script):
    """Adds the patterns' ``<defs>`` to the SVG that Leaflet draws the overlays in (add it after the layers)."""

    def __init__(self):
        super().__init__("hatch_patterns", markup="".join(all_patterns()))
