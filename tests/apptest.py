"""Helpers for driving the Streamlit script with ``streamlit.testing`` (AppTest) and reading what it shows."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from streamlit.testing.v1 import AppTest

from dashboard.core import paths

APP = str(paths.PACKAGE_DIR / "app.py")


def run(query: dict[str, str | list[str]] | None = None) -> AppTest:
    """Run the app once (with ``?key=value`` query parameters) and check it raised nothing."""
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def html_of(at: AppTest) -> str:
    """The markup of every ``st.html`` element, in order."""
    return "\n".join(element.proto.body for element in at.get("html"))


def plain(markdown: str) -> str:
    """A message as the reader sees it: the backslash escapes (see ``dashboard.core.text.md_escape``) removed."""
    return re.sub(r"\\(.)", r"\1", markdown)


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def text_of(at: AppTest) -> str:
    """What a reader sees of the HTML panels (tags dropped, entities decoded)."""
    parser = _Text()
    parser.feed(html_of(at))
    return "".join(parser.parts)
