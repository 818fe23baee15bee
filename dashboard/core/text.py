"""Untrusted text made safe where it goes: Streamlit's Markdown elements (``st.error``, ``st.success`` …) as plain
text (:func:`md_escape`), XML and image metadata (:func:`xml_safe`), messages that name a file (:func:`shown_path`),
data inside an HTML ``<script>`` element (:func:`script_json`).
"""

from __future__ import annotations

import json
import os
import re
import string
import unicodedata

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


# Ukrainian (national standard) and Russian Cyrillic to ASCII, for ids and file names.
_TRANSLIT = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "ж": "zh",
    "з": "z",
    "и": "y",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "ю": "yu",
    "я": "ya",
    "є": "ye",
    "і": "i",
    "ї": "yi",
    "щ": "shch",
    "ь": "",
    "ъ": "",
    "ё": "yo",
    "э": "e",
    "ы": "y",
}


def shorten(text: str, limit: int) -> str:
    """``text`` on one line (white space collapsed), cut to at most ``limit`` characters at the last word that fits,
    trailing punctuation dropped and ``…`` added (a single long word is cut where it must)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] or text[: limit - 1]
    return cut.rstrip(" ,;:·-—") + "…"


def slugify(title: str, limit: int = 48, empty: str = "source") -> str:
    """``Kremlin Rules Out …`` → ``kremlin-rules-out-…``: lower-case ASCII words joined by hyphens (source ids,
    download names).

    Ukrainian and Russian Cyrillic is transliterated; other letters lose their accents; anything else is
    dropped. Cut at a word to at most ``limit`` characters (a very long word is cut where it must be). ``empty``
    when nothing is left.
    """
    out = []
    for ch in title.casefold():
        if ch in _TRANSLIT:
            out.append(_TRANSLIT[ch])
        else:
            out.append(unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode("ascii"))
    slug = re.sub(r"[^a-z0-9]+", "-", "".join(out)).strip("-")
    if len(slug) > limit:
        cut = slug[: limit + 1].rsplit("-", 1)[0]
        slug = cut if len(cut) >= limit // 2 else slug[:limit]
    return slug.strip("-") or empty


_IN_SCRIPT = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_IN_SCRIPT_RE = re.compile("[<>&\u2028\u2029]")


def script_json(value: object) -> str:
    """``value`` as JSON that is safe inside an HTML ``<script>`` element, and still the same JSON.

    ``<``, ``>`` and ``&`` are written as ``\\u003c`` … (no text can close the script element, open a comment or
    look like an entity), and U+2028/U+2029 as escapes (JavaScript before ES2019 ends a line there). Only
    characters inside strings are affected: JSON has no ``<``, ``>``, ``&`` or those separators elsewhere.
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return _IN_SCRIPT_RE.sub(lambda m: _IN_SCRIPT[m.group()], text)
