"""On a touch screen, one finger scrolls the page past the map; two fingers move and zoom the map.

Leaflet pans the map with one finger. On a phone the map fills most of the screen's width and 520 px of its
height, so a reader swiping up to reach the article below moved the map instead, and could scroll past it only
by finding a strip of page beside it. The usual answer for a map inside a page (as embedded maps do) is the
one here: where the primary pointer is a finger (``(hover: none) and (pointer: coarse)``), one-finger dragging
is off, so the browser scrolls the page (Leaflet's CSS then allows ``touch-action: pan-x pan-y``), and a
one-finger swipe over the map shows a short hint. Two fingers pinch to zoom and move the map (Leaflet's touch
zoom follows the fingers' midpoint). A tap still chooses a unit. Mouse, pen and keyboard are unchanged.
"""

from __future__ import annotations

import json

from branca.element import MacroElement
from jinja2 import Template

HINT = "Use two fingers to move the map"
HINT_CLASS = "cm-touch-hint"
TOUCH_MEDIA = "(hover: none) and (pointer: coarse)"
"""A device whose primary pointer is a finger: phones and tablets, not laptops that also have a touch screen."""

HINT_CSS = (
    "<style>"
    f".{HINT_CLASS} {{ position: absolute; inset: 0; z-index: 1000; display: flex; align-items: center;"
    " justify-content: center; padding: 1rem; text-align: center; font: 600 1.1rem/1.4 sans-serif;"
    " color: #ffffff; background: rgba(14, 17, 23, 0.72); pointer-events: none; visibility: hidden;"
    " opacity: 0; transition: opacity 0.2s, visibility 0.2s; }"
    f".{HINT_CLASS}.cm-shown {{ visibility: visible; opacity: 1; }}"
    "</style>"
)
"""The hint covers the map, white on near-black (contrast above 12:1), and never catches a touch."""

HINT_SECONDS = 1.5


class TouchGestures(MacroElement):
    """Two-finger map gestures on touch screens; one finger scrolls the page (see the module docstring)."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        {{ this.css }}
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            if (!window.matchMedia || !window.matchMedia({{ this.media }}).matches) { return; }
            map.dragging.disable();
            var box = map.getContainer(), timer = null;
            var hint = L.DomUtil.create("div", {{ this.hint_class }}, box);
            hint.setAttribute("aria-hidden", "true");
            hint.textContent = {{ this.hint }};
            function hide() { hint.classList.remove("cm-shown"); }
            box.addEventListener("touchmove", function (e) {
                if (e.touches.length !== 1) { hide(); return; }
                hint.classList.add("cm-shown");
                clearTimeout(timer);
                timer = setTimeout(hide, {{ this.hint_ms }});
            }, {passive: true});
            box.addEventListener("touchstart", function (e) { if (e.touches.length > 1) { hide(); } },
                                 {passive: true});
        })();
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "TouchGestures"
        self.css = HINT_CSS
        self.media = json.dumps(TOUCH_MEDIA)
        self.hint = json.dumps(HINT)
        self.hint_class = json.dumps(HINT_CLASS)
        self.hint_ms = int(HINT_SECONDS * 1000)
