"""Control shown as a pattern on the web map, so that it never relies on colour alone.

Leaflet draws GeoJSON as SVG paths whose ``fill`` is the style's ``fillColor``; an SVG ``<pattern>`` in the
overlay's ``<defs>`` can therefore be used as ``fillColor: "url(#…)"``. One pattern per (claim colour, control)
pair: the claim colour as background, the control hatch in ink on top, as :mod:`dashboard.style` defines it (the
patterns themselves are written there, :func:`dashboard.style.all_patterns`: the embed draws the same ones).
"""

from __future__ import annotations

import json

from branca.element import MacroElement
from jinja2 import Template

from dashboard.style import all_patterns, fill_for, pattern_id, pattern_svg

__all__ = ["HatchPatterns", "all_patterns", "fill_for", "pattern_id", "pattern_svg"]


class HatchPatterns(MacroElement):
    """Adds the patterns' ``<defs>`` to the SVG that Leaflet draws the overlays in (add it after the layers)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var svg = map.getPanes().overlayPane.querySelector("svg");
            if (!svg) { return; }
            var defs = document.createElementNS("http://www.w3.org/2000/svg", "defs");
            defs.innerHTML = {{ this.markup }};
            svg.insertBefore(defs, svg.firstChild);
        })();
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "HatchPatterns"
        self.markup = json.dumps("".join(all_patterns()))
