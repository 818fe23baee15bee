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

from jinja2 import Template

from dashboard.map.scripts import SCRIPT_MACRO, Script, style_sheet

HINT = "Use two fingers to move the map"
HINT_CLASS = "cm-touch-hint"
TOUCH_MEDIA = "(hover: none) and (pointer: coarse)"
"""A device whose primary pointer is a finger: phones and tablets, not laptops that also have a touch screen."""

HINT_CSS = style_sheet("touch_hint")
"""The hint's style sheet (``map/css/touch_hint.css``, which names :data:`HINT_CLASS`)."""

HINT_SECONDS = 1.5


class TouchGestures(Script):
    """Two-finger map gestures on touch screens; one finger scrolls the page (see the module docstring)."""

    _template = Template("{% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}" + SCRIPT_MACRO)

    def __init__(self):
        super().__init__(
            "touch_gestures", media=TOUCH_MEDIA, hint=HINT, hintClass=HINT_CLASS, hintMs=int(HINT_SECONDS * 1000)
        )
        self.css = HINT_CSS
