"""The "add a source" form's logic: an upload or a paste, checked, stored, and a message for the user.

Nothing is stored unless every check passes (:mod:`dashboard.sources.ingest` for the bytes,
:mod:`dashboard.sources.store` for the metadata); the message always says what happened in plain words.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from dashboard.core.errors import DataError
from dashboard.sources import decoding, ingest
from dashboard.sources.store import Store
from dashboard.sources.stored import StoredSource

UPLOAD_LIMIT_MB = math.ceil(decoding.MAX_BYTES / 1_000_000)
"""What the upload widget accepts, in Streamlit's whole megabytes: it shows the limit beside the button and
refuses a bigger file before sending it (on a slow link, before minutes of upload); the exact limit, counted in
bytes, is :data:`dashboard.sources.decoding.MAX_BYTES`, with its own message."""

LIMIT_NOTE = f"Nothing is stored unless every check passes. A file or a paste may hold {decoding.limit_text()} at most."
"""The form's caption."""


@dataclass(frozen=True)
class Outcome:
    """What adding a source did: the stored source (None if refused), a message, and whether it went well."""

    source: StoredSource | None
    message: str
    ok: bool
    notes: tuple[str, ...] = ()


def add_source(
    store: Store,
    *,
    upload_name: str | None = None,
    upload_bytes: bytes | None = None,
    pasted: str = "",
    title: str = "",
    publisher: str = "",
    published: str = "",
    url: str = "",
) -> Outcome:
    """Read an upload or pasted text, and store it with the metadata given.

    Given both, nothing is stored and the message asks for one: which one the reader meant cannot be known (a
    refused file must not quietly give way to the paste, nor the paste to a file left in the uploader).
    Empty metadata fields take the suggestions read from the text (HTML metadata, or the first line as title).
    """
    if upload_bytes is not None and pasted and pasted.strip():
        return Outcome(
            None,
            f"Not added, nothing was stored: both a file ({upload_name or 'upload'}) and pasted text were given. "
            "Remove the file or clear the pasted text, then add again.",
            False,
        )
    try:
        if upload_bytes is not None:
            ingested = ingest.ingest_bytes(upload_name or "upload", upload_bytes)
        elif pasted and pasted.strip():
            ingested = ingest.ingest_paste(pasted)
        else:
            return Outcome(
                None,
                "Nothing to add: paste an article's text or upload a .txt, .md or .html file "
                f"(of {decoding.limit_text()} at most).",
                False,
            )
        before = store.find_text(ingested.text)
        source = store.add_ingested(
            ingested,
            title=title.strip() or None,
            publisher=publisher.strip() or None,
            published=published.strip() or None,
            url=url.strip() or None,
        )
    except DataError as exc:
        return Outcome(None, f"Not added, nothing was stored. {exc}", False)
    if before is not None:
        return Outcome(source, f"Already stored as “{source.title}”: shown on the map.", True, ingested.notes)
    return Outcome(source, f"Added “{source.title}” and put it on the map.", True, ingested.notes)


UPLOAD_VANISHED = "The file was removed before it was added; nothing was stored."
"""Said when the uploader's file is gone by the time "Add source" runs (removed while the server was busy)."""


def add_from_form(store: Store, upload: object, **fields: str) -> Outcome:
    """:func:`add_source` with the upload widget's value as Streamlit hands it over (``fields``: the others).

    A file removed from the uploader right after "Add source" was pressed reaches the handler as Streamlit's
    ``DeletedFile`` (only an id: no name, no bytes): nothing is stored and the message says so; the form keeps
    what was typed.
    """
    if upload is None:
        return add_source(store, **fields)
    name, read = getattr(upload, "name", None), getattr(upload, "getvalue", None)
    if not isinstance(name, str) or not callable(read):
        return Outcome(None, UPLOAD_VANISHED, False)
    try:
        data = read()
    except (OSError, ValueError):  # a file closed or gone under us
        return Outcome(None, UPLOAD_VANISHED, False)
    return add_source(store, upload_name=name, upload_bytes=data, **fields)


def delete_source(store: Store, source_id: str) -> Outcome:
    """Delete a stored source (never the seed)."""
    try:
        gone = store.get(source_id)
        existed = store.delete(source_id)
    except DataError as exc:
        return Outcome(None, str(exc), False)
    if not existed:
        return Outcome(None, "That source was already deleted (perhaps in another window).", True)
    return Outcome(None, f"Deleted “{gone.title if gone else source_id}”.", True)


def update_source(
    store: Store, source_id: str, *, title: str, publisher: str = "", published: str = "", url: str = ""
) -> Outcome:
    """Correct a stored source's title, publisher, date (``YYYY-MM-DD`` or blank) and URL (blank clears)."""
    try:
        source = store.update_meta(
            source_id,
            title=title,
            publisher=publisher,
            published=published.strip() or None,
            url=url.strip() or None,
        )
    except DataError as exc:
        return Outcome(None, f"Not changed. {exc}", False)
    return Outcome(source, f"Saved the details of “{source.title}”.", True)
