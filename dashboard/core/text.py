"""Untrusted text made safe where it goes: Streamlit's Markdown elements (``st.error``, ``st.success`` …) as plain
text (:func:`md_escape`), XML and image metadata (:func:`xml_safe`), messages that name a file (:func:`shown_path`).
"""

from __future__ import annotations

import os
import re
import string

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")


def md_escape(text: str) -> str:
    """``text`` with every ASCII punctuation character backslash-escaped (CommonMark allows it for all of them).

    Links, images, emphasis, code, raw HTML, entities, ``:red[...]`` directives and ``$`` maths in a source's
    text therefore show as the characters they are, never as markup or a request.
    """
    return _PUNCTUATION.sub(r"\\\1", str(text)).replace("\n", "  \n")


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""What XML 1.0 does not allow in a document: C0 controls but tab, line feed and carriage return; lone
surrogates; U+FFFE and U+FFFF."""


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (see :data:`_NOT_XML`), also the ones PNG and PDF
    metadata and matplotlib's font code choke on; every other character is kept."""
    return _NOT_XML.sub("", str(text))


def shown_path(path: str | os.PathLike) -> str:
    """A file name fit for a message (or a citation): bytes of the name that are not UTF-8 (``\\xff``, kept by
    Python as surrogate escapes) are written ``\\xff``, so the text can always be printed and encoded."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")
