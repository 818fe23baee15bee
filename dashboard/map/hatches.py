"""Control shown as a pattern on the web map, so that it never relies on colour alone.

Leaflet draws GeoJSON as SVG paths whose ``fill`` is the style's ``fillColor``; an SVG ``<pattern>`` in the
overlay's ``<defs>`` can therefore be used as ``fillColor: "url(#…)"``. One pattern per (claim colour, control)
pair: the claim colour as background, the control hatch in ink on top, as :mod:`dashboard.style` defines it (the
patterns themselves are written there, :func:`dashboard.style.all_patterns`: the embed draws the same ones).
"""

from __future__ import annotations

from dashboard.map.scripts import Script
from dashboard.style import all_patterns


class HatchPatterns(Script):
    """Adds the patterns' ``<defs>`` to the SVG that Leaflet draws the overlays in (add it after the layers)."""

    def __init__(self):
        super().__init__("hatch_patterns", markup="".join(all_patterns()))
