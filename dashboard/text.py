"""Showing untrusted text through Streamlit's Markdown elements (``st.error``, ``st.success`` …) as plain text."""

from __future__ import annotations

import re
import string

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")


def md_escape(text: str) -> str:
    """``text`` with every ASCII punctuation character backslash-escaped (CommonMark allows it for all of them).

    Links, images, emphasis, code, raw HTML, entities, ``:red[...]`` directives and ``$`` maths in a source's
    text therefore show as the characters they are, never as markup or a request.
    """
    return _PUNCTUATION.sub(r"\\\1", str(text)).replace("\n", "  \n")
