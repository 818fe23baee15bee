"""Bringing a source in: turn an upload or pasted text into the text we store, or refuse it with a clear message.

What is stored is *text*, and every excerpt's offsets count characters of that stored text (Python ``str``
indexing), never bytes of the upload:

- ``.txt``: the file decoded (UTF-8, or the encoding detected with charset-normalizer, said in ``notes``), with
  a leading byte-order mark removed and line breaks normalised to ``\n``. No other character is altered.
- ``.md``: the same; the Markdown is stored as written (offsets count into the Markdown source, marks included).
- ``.html``/``.htm``: the article text that trafilatura extracts (precision first, no comments, no tables, no
  links, no images, one paragraph per line), with the page title as its first line when the extracted text does
  not already start with it. Scripts, styles and markup never reach the stored text; characters such as ``<``
  that the page *shows* as text are kept as plain text (any view must escape them).

A refusal raises :class:`~dashboard.core.errors.DataError` naming the upload; nothing is stored before a source has
been accepted, so a refused input changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import PurePath
from typing import Literal

from dashboard.core.errors import DataError
from dashboard.core.text import shorten
from dashboard.sources.decoding import (
    _check_binary_bytes,
    _check_controls,
    _check_magic,
    _check_size,
    _utf16_without_bom,
    check_lines,
    decode,
    display_name,
)
from dashboard.sources.model import SourceMeta
from dashboard.sources.reader import MAX_PUBLISHER, safe_url

Kind = Literal["txt", "md", "html"]


EXTENSIONS: dict[str, Kind] = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html"}
"""The file types accepted, by extension (case-insensitive)."""


MIN_ARTICLE_WORDS = 4
"""HTML whose extracted text has fewer words than this (a lone menu, "Home | News") has no article body."""


MAX_TITLE_CHARS = 200
"""Suggested titles are cut (at a word) to this length."""


_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class IngestedText:
    """An accepted source: the text to store, how it was read, and suggested metadata the user can correct.

    Attributes
    ----------
    text : str
        The stored source text. Excerpt offsets are character offsets into exactly this string (for HTML, into
        the extracted article text, not into the markup).
    kind : {"txt", "md", "html"}
        What the upload was.
    encoding : str
        How the bytes were decoded (``"utf-8"``, ``"windows-1251"`` …; pasted text is ``"utf-8"``).
    notes : tuple of str
        What was done to the input that the user should know (``"decoded as windows-1251"``, ``"removed a
        byte-order mark"``, ``"converted Windows line breaks (CRLF) to \\n"``, ``"extracted the article text
        from the HTML"`` …).
    name : str
        The upload's file name, cleaned for display (no folders, no control characters, at most 120 characters).
    title, publisher, published, url
        Suggestions: from the HTML metadata (``og:title``/``<title>``, site name, date, ``og:url``/canonical)
        when present, else the title is the first line of the text. ``url`` is only ever ``http(s)://``.
    """

    text: str
    kind: Kind
    encoding: str
    notes: tuple[str, ...] = ()
    name: str = "pasted text"
    title: str = ""
    publisher: str = ""
    published: dt.date | None = None
    url: str | None = None
    sha256: str = field(default="", repr=False)

    def suggested_meta(self) -> SourceMeta:
        """The suggestions as a :class:`~dashboard.sources.model.SourceMeta` (profile ``generic``)."""
        return SourceMeta(
            title=self.title, publisher=self.publisher, published=self.published, url=self.url, profile="generic"
        )


def kind_for(name: str) -> Kind:
    """The kind of an upload from its file name.

    Raises
    ------
    DataError
        If the extension is not one of ``.txt``, ``.md``, ``.html``, ``.htm``.
    """
    shown = display_name(name)
    suffix = PurePath(shown).suffix.lower()
    if suffix not in EXTENSIONS:
        what = f"unsupported file type {suffix!r}" if suffix else "no file extension"
        raise DataError(shown, f"{what}: upload a .txt, .md, .html or .htm file")
    return EXTENSIONS[suffix]


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; no other character changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _clean_line(line: str) -> str:
    return " ".join(line.split())


def suggest_title(text: str, kind: Kind = "txt") -> str:
    """The first non-blank line (Markdown heading marks dropped), whitespace collapsed, cut to 200 characters."""
    for line in text.split("\n"):
        cleaned = _clean_line(line)
        if kind == "md":
            cleaned = cleaned.lstrip("#").strip()
        cleaned = "".join(c for c in cleaned if unicodedata.category(c) not in ("Cc", "Cf"))
        if cleaned:
            return shorten(cleaned, MAX_TITLE_CHARS)
    return ""


def _parse_date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _finish(
    text: str, shown: str, kind: Kind, encoding: str, notes: list[str], normalise: bool = True, **meta
) -> IngestedText:
    if normalise and "\r" in text:
        notes.append("converted Windows/old Mac line breaks to \\n")
        text = normalise_newlines(text)
    if not text:
        raise DataError(shown, "is empty: there is no text to read")
    if not text.strip():
        raise DataError(shown, "contains only whitespace: there is no text to read")
    _check_controls(shown, text)
    check_lines(shown, text)
    title = meta.pop("title", "") or suggest_title(text, kind)
    return IngestedText(
        text=text,
        kind=kind,
        encoding=encoding,
        notes=tuple(notes),
        name=shown,
        title=shorten(title, MAX_TITLE_CHARS),
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        **meta,
    )


def extract_html(name: str, html: str) -> tuple[str, dict, list[str]]:
    """The article text of an HTML page and its metadata, with trafilatura.

    Returns
    -------
    (text, meta, notes)
        ``text`` has one paragraph per line; ``meta`` has ``title``, ``publisher``, ``published``, ``url``.

    Raises
    ------
    DataError
        ``no article text found in this HTML`` when trafilatura extracts nothing (or only a few words).
    """
    # lazy: trafilatura costs 0.19-0.22 s to import (python -X importtime, after this module); only HTML needs it,
    # so the page and the command line start without it
    import trafilatura

    shown = display_name(name)
    options = dict(
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        include_links=False,
        include_images=False,
        include_formatting=False,
        deduplicate=False,
    )
    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
            **options,
        )
    except Exception as exc:  # trafilatura/lxml reject some malformed documents outright
        raise DataError(shown, f"could not be read as HTML ({type(exc).__name__})") from None
    body = normalise_newlines(getattr(doc, "text", None) or "") if doc is not None else ""
    lines = [line.strip() for line in body.split("\n")]
    body = "\n".join(line for line in lines if line)
    if len(_WORD.findall(body)) < MIN_ARTICLE_WORDS:
        raise DataError(shown, "no article text found in this HTML (only menus, scripts or markup)")
    title = _clean_line(getattr(doc, "title", None) or "")
    notes = ["extracted the article text from the HTML with trafilatura; offsets count into that text"]
    first = body.split("\n", 1)[0]
    if title and _clean_line(first).casefold() != title.casefold():
        body = f"{title}\n\n{body}"
        notes.append("added the page title as the first line")
    meta = {
        "title": title,
        "publisher": shorten(getattr(doc, "sitename", None) or getattr(doc, "hostname", None) or "", MAX_PUBLISHER),
        "published": _parse_date(getattr(doc, "date", None)),
        "url": safe_url(getattr(doc, "url", None)),
    }
    return body, meta, notes


def ingest_bytes(name: str, data: bytes, *, exact: bool = False) -> IngestedText:
    """Read an upload into the text to store.

    Parameters
    ----------
    name : str
        The upload's file name; its extension says what it is (``.txt``, ``.md``, ``.html``, ``.htm``).
    data : bytes
        Its content, at most :data:`MAX_BYTES`.
    exact : bool
        For a file that excerpts will cite by its path (the command line's ``--source``): keep a UTF-8 ``.txt``
        or ``.md`` file character for character (no BOM removal, no newline conversion), so that offsets count
        into the file decoded as UTF-8, as excerpts of a file require. HTML and non-UTF-8 files are read as
        usual (offsets then count into the extracted or decoded text; ``notes`` says so).

    Returns
    -------
    IngestedText
        The stored text (offsets of excerpts count into it: for HTML, into the extracted article text), how it
        was decoded, notes, and suggested metadata.

    Raises
    ------
    DataError
        Naming the upload, when it is of an unsupported type, over the limit, empty or whitespace only, binary
        (NUL bytes, control characters, a PDF/image/archive signature), in an encoding that cannot be detected
        with confidence, or HTML with no article text.
    """
    shown = display_name(name)
    kind = kind_for(name)
    _check_size(shown, len(data))
    if not data:
        raise DataError(shown, "is empty: there is no text to read")
    _check_magic(shown, data)
    if exact and kind != "html" and _utf16_without_bom(data) is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            _check_binary_bytes(shown, data)
            return _finish(text, shown, kind, "utf-8", [], normalise=False)
    text, encoding, notes = decode(name, data, html=kind == "html")
    meta: dict = {}
    if kind == "html":
        if not text.strip():
            raise DataError(shown, "contains only whitespace: there is no text to read")
        _check_controls(shown, text)
        text, meta, more = extract_html(name, text)
        notes += more
    return _finish(text, shown, kind, encoding, notes, **meta)


def ingest_paste(text: str, name: str = "pasted text", kind: Kind = "txt") -> IngestedText:
    """Read pasted text into the text to store (line breaks normalised, a leading BOM dropped).

    Pasted text is stored as typed, even if it looks like HTML (it is never rendered as markup).

    Raises
    ------
    DataError
        Naming ``name``, when the text is empty or whitespace only, over :data:`MAX_BYTES` in UTF-8, or contains
        NUL/control characters like a binary file.
    """
    shown = display_name(name)
    if kind not in ("txt", "md"):
        raise DataError(shown, f"pasted text is stored as 'txt' or 'md', not {kind!r}")
    if not isinstance(text, str):
        raise DataError(shown, f"expected text, got {type(text).__name__}")
    _check_size(shown, len(text.encode("utf-8", errors="surrogatepass")))
    notes: list[str] = []
    if text.startswith("\ufeff"):
        text = text[1:]
        notes.append("removed a byte-order mark (BOM)")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise DataError(shown, "contains unpaired surrogate characters: not valid text") from None
    return _finish(text, shown, kind, "utf-8", notes)


def with_meta(ingested: IngestedText, **changes) -> IngestedText:
    """A copy of ``ingested`` with some suggested metadata replaced (``title``, ``publisher`` …)."""
    return replace(ingested, **changes)
