"""What a stored source is: its record (:class:`StoredSource`), its summary, its id's hash and citation, the seed.

The SQLite persistence of these records is :mod:`dashboard.sources.store`; this module owns the records themselves,
so a caller that only reads a source's fields or the seed never needs the database.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from dataclasses import dataclass, field

from dashboard.core import paths
from dashboard.sources.model import Article, SourceMeta
from dashboard.sources.reader import build_article, read_meta, read_text_file

SEED_ID = "seed"


def text_sha256(text: str) -> str:
    """The sha256 of ``text`` encoded as UTF-8 (what identifies a stored source)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def citation_path(source_id: str) -> str:
    """What excerpts of a stored source cite as their ``source``: ``store:<id>``."""
    return f"store:{source_id}"


@dataclass(frozen=True)
class StoredSource:
    """A source in the store (or the built-in seed, ``read_only``).

    Attributes
    ----------
    id : str
        Stable id (``seed`` for the seed article).
    text : str
        The stored text; excerpt offsets count its characters.
    published : datetime.date or None
    created_at : str
        When it was stored (ISO 8601, UTC); empty for the seed.
    path : str
        What excerpts cite as ``source``: ``store:<id>``, or ``seeds/<slug>.txt`` for the seed.
    """

    id: str
    title: str
    publisher: str
    published: dt.date | None
    url: str | None
    kind: str
    encoding: str
    text: str = field(repr=False)
    sha256: str
    created_at: str
    notes: tuple[str, ...] = ()
    read_only: bool = False
    path: str = ""
    profile: str = "generic"
    credit: str | None = None
    caption_credit: str | None = None

    @property
    def meta(self) -> SourceMeta:
        """The source's metadata as :class:`~dashboard.sources.model.SourceMeta`."""
        return SourceMeta(
            title=self.title,
            publisher=self.publisher,
            published=self.published,
            url=self.url,
            credit=self.credit,
            caption_credit=self.caption_credit,
            profile=self.profile,
        )

    def article(self, path: str | None = None) -> Article:
        """The source read into blocks and sentences; its excerpts cite ``path`` (default :attr:`path`).

        Cached on (path, text, metadata): reading a 1 MB text into sentences takes seconds.
        """
        return _article(path or self.path, self.text, self.meta)


@dataclass(frozen=True)
class SourceSummary:
    """A source's id and metadata, without its text (cheap to list)."""

    id: str
    title: str
    publisher: str
    published: dt.date | None
    url: str | None
    read_only: bool = False


@functools.lru_cache(maxsize=16)
def _article(path: str, text: str, meta: SourceMeta) -> Article:
    return build_article(path, text, meta)


def seed_source() -> StoredSource:
    """The seed article as a read-only store entry (id ``seed``)."""
    text = read_text_file(paths.SEED_TEXT)
    meta = read_meta(paths.SEED_META)
    return StoredSource(
        id=SEED_ID,
        title=meta.title,
        publisher=meta.publisher,
        published=meta.published,
        url=meta.url,
        kind="txt",
        encoding="utf-8",
        text=text,
        sha256=text_sha256(text),
        created_at="",
        read_only=True,
        path=paths.relative_to_root(paths.SEED_TEXT),
        profile=meta.profile,
        credit=meta.credit,
        caption_credit=meta.caption_credit,
    )
