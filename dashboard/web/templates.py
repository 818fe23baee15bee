"""The page's HTML templates and style sheet: ``templates/*.html`` and ``css/page.css``, loaded in one place.

The templates are rendered by one Jinja environment with **autoescape on**: every value given to a template is
escaped unless it is a :class:`markupsafe.Markup`, and the only ``Markup`` the panels pass are pieces rendered by
these templates (or by the marker of an excerpt or of an article block, which escapes through
:func:`markupsafe.escape`). No template uses ``|safe`` (``tests/test_panels.py`` checks it).

Streamlit shows the panels as raw HTML blocks, which must be one line. So a template's source is read one line
at a time, each line stripped of its indentation and joined to the next with no newline (write a tag, and a run
of prose, on one line); and :func:`render` turns any newline left in the output (one from a source's text) into
a space.

Two filters guard the few values that are not text: ``attribute_name`` (a value written as an attribute's name)
and ``css`` (a value written into a ``style`` attribute) raise on anything but a plain name, or a length, colour
or gradient: escaping alone would not stop those from adding an attribute or making a request.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import jinja2
from jinja2.ext import Extension
from markupsafe import Markup

TEMPLATES_DIR = Path(__file__).resolve().with_name("templates")
"""Where the panels' templates live."""
CSS_FILE = Path(__file__).resolve().with_name("css") / "page.css"
"""The page's style sheet."""


_ATTRIBUTE_NAME = re.compile(r"[a-z][a-z0-9-]*")
_CSS_VALUE = re.compile(r"[#a-zA-Z0-9 .,()/%-]*")
_CSS_FUNCTIONS = {"linear-gradient", "repeating-linear-gradient", "radial-gradient", "rgb", "rgba", "hsl", "hsla"}


def attribute_name(value: object) -> str:
    """``value`` if it is a plain attribute name (``data-claims-selected``), else a :class:`ValueError`."""
    text = str(value)
    if not _ATTRIBUTE_NAME.fullmatch(text):
        raise ValueError(f"not an attribute name: {text!r}")
    return text


def css(value: object) -> str:
    """``value`` if it is a plain CSS value (lengths, colours, the gradients of a swatch), else a ValueError.

    No quote, colon, semicolon, backslash or ``@``, and no function but a colour's or a gradient's (so no ``url()``).
    """
    text = str(value)
    functions = set(re.findall(r"([a-zA-Z-]+)\s*\(", text))
    if not _CSS_VALUE.fullmatch(text) or not functions <= _CSS_FUNCTIONS:
        raise ValueError(f"not a plain CSS value: {text!r}")
    return text


class OneLine(Extension):
    """Template sources joined into one line: each line stripped of its indentation and its line break."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return "".join(line.strip() for line in source.splitlines())


@functools.cache
def environment() -> jinja2.Environment:
    """The one environment of the panels' templates (autoescape on, undefined names an error)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=[OneLine],
    )
    env.filters.update(attribute_name=attribute_name, css=css)
    return env


def render(template: str, /, **context: Any) -> Markup:
    """The template ``templates/<template>`` rendered with ``context`` (escaped), as one line of trusted markup."""
    return Markup(environment().get_template(template).render(**context).replace("\n", " "))


def render_str(template: str, /, **context: Any) -> str:
    """A whole panel: :func:`render`, as a plain string for the page (``st.html``)."""
    return str(render(template, **context))


@functools.cache
def page_css() -> str:
    """The page's style sheet, as a ``<style>`` element for ``st.html``."""
    return f"<style>\n{CSS_FILE.read_text(encoding='utf-8').strip()}\n</style>\n"
