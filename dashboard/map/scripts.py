"""The map's browser scripts: files in ``dashboard/map/js/``, loaded and called in one place.

Each file is one JavaScript function expression, ``(function (options, map) { … })``. An element
(:class:`Script`) writes it into the map's script followed by its call: the options are data, written with Jinja's
``tojson`` (``<``, ``>``, ``&`` and ``'`` escaped, so no value can close the ``<script>``), and ``map`` is the
Leaflet map the element was added to. Scripts therefore never hold Python-made strings, and escaping happens here
only.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from branca.element import MacroElement
from jinja2 import Template

JS_DIR = Path(__file__).resolve().with_name("js")
"""Where the scripts live."""


@functools.cache
def source(name: str) -> str:
    """The script ``js/<name>.js`` (a function expression), without its trailing newline."""
    return (JS_DIR / f"{name}.js").read_text(encoding="utf-8").rstrip("\n")


SCRIPT_MACRO = (
    "{% macro script(this, kwargs) %}\n"
    ";{{ this.code }}({{ this.options|tojson }}, {{ this._parent.get_name() }});\n"
    "{% endmacro %}"
)
"""The one template of every script element: the file's function called with the options and the map."""

CSS_DIR = Path(__file__).resolve().with_name("css")
"""Where the map's style sheets live."""


@functools.cache
def style_sheet(name: str) -> str:
    """The style sheet ``css/<name>.css``."""
    return (CSS_DIR / f"{name}.css").read_text(encoding="utf-8").strip()


class Script(MacroElement):
    """A thin map element: the file ``js/<name>.js`` called with ``options`` (as JSON) and the map.

    Parameters
    ----------
    name : str
        The script's file name, without ``.js``.
    **options
        JSON-serialisable values the script reads as ``options.<key>``.
    """

    _template = Template(SCRIPT_MACRO)

    def __init__(self, name: str, **options: Any):
        super().__init__()
        self._name = type(self).__name__
        self.code = source(name)
        self.options = options
