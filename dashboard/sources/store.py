"""The local store of sources: SQLite (standard library) in a data directory, safe for concurrent writers.

- Where: ``$CLAIMS_MAP_DATA_DIR/sources.sqlite3``, by default ``var/sources.sqlite3`` under the repository root
  (``var/`` is git-ignored); the directory is created on first use.
- Concurrency: WAL journal, a busy timeout, one short-lived connection per operation and every write in its own
  ``BEGIN IMMEDIATE`` transaction, so several Streamlit sessions (threads) or processes can read and write at
  once without corrupting anything or losing a write.
- Identity: a source's id is ``<slug of its title>-<first 12 hex digits of the sha256 of its text>`` (ASCII
  letters, digits and hyphens only; safe in file names and URLs). Adding the same text again returns the source
  already stored (same id, no duplicate) whatever title it is given; editing the metadata never changes the id.
- The seed article is always listed first, as a read-only entry with id ``"seed"``; it lives in ``seeds/``,
  not in SQLite, and cannot be edited or deleted here.

Excerpts of a stored source cite ``source = "store:<id>"``; their offsets count characters of the stored text.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from dashboard.core import paths
from dashboard.core.errors import DataError
from dashboard.core.text import slugify
from dashboard.sources.decoding import MAX_BYTES, check_lines, limit_text
from dashboard.sources.ingest import IngestedText
from dashboard.sources.reader import (
    MAX_PUBLISHER,
    MAX_TITLE,
    check_meta,
    check_published,
    check_url,
    clean_field,
    read_meta,
)
from dashboard.sources.stored import SEED_ID, SourceSummary, StoredSource, citation_path, seed_source, text_sha256

ENV_DATA_DIR = "CLAIMS_MAP_DATA_DIR"
DEFAULT_DATA_DIR = paths.ROOT / "var"
DB_NAME = "sources.sqlite3"
BUSY_TIMEOUT_MS = 30_000
HASH_CHARS = 12
SCHEMA_VERSION = 1
KINDS = ("txt", "md", "html")
_UNSET = object()

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sources (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    publisher   TEXT NOT NULL DEFAULT '',
    published   TEXT,
    url         TEXT,
    kind        TEXT NOT NULL CHECK (kind IN ('txt', 'md', 'html')),
    encoding    TEXT NOT NULL,
    notes       TEXT NOT NULL DEFAULT '[]',
    text        TEXT NOT NULL,
    sha256      TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sources_created ON sources (created_at);
"""


def data_dir() -> Path:
    """The data directory: ``$CLAIMS_MAP_DATA_DIR`` if set (and not empty), else ``var/`` under the repo root."""
    value = os.environ.get(ENV_DATA_DIR, "").strip()
    return Path(value).expanduser() if value else DEFAULT_DATA_DIR


META_SHOWN = "source metadata"
"""What a refusal of a source's details names (they are checked by :func:`dashboard.sources.reader.check_meta`)."""


class Store:
    """The sources a user brought, in SQLite, plus the seed.

    Parameters
    ----------
    path : str or Path, optional
        The data directory (created if missing), or a path ending in ``.sqlite3``/``.sqlite``/``.db`` for the
        database file itself. Default: :func:`data_dir`.

    Every method opens its own connection, so one ``Store`` may be shared by threads (Streamlit sessions).
    """

    def __init__(self, path: str | Path | None = None):
        p = Path(path) if path is not None else data_dir()
        if p.suffix.lower() in (".sqlite3", ".sqlite", ".db"):
            self.db_path = p
        else:
            self.db_path = p / DB_NAME
        try:
            self.db_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DataError(str(self.db_path.parent), f"cannot create the data directory ({exc.strerror})") from None
        self._init_schema()

    # -- connections -------------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.db_path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.row_factory = sqlite3.Row
            yield conn
        finally:
            conn.close()

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """A connection inside ``BEGIN IMMEDIATE``: committed on success, rolled back on any error."""
        with self._connect() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def _init_schema(self) -> None:
        with self._connect() as conn:
            # Switching to WAL needs a moment alone with the file; the busy timeout covers concurrent starts.
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() != "wal":
                for _ in range(50):
                    try:
                        conn.execute("PRAGMA journal_mode = WAL")
                        break
                    except sqlite3.OperationalError:
                        time.sleep(0.05)
        with self._write() as conn:
            for statement in filter(None, (s.strip() for s in _SCHEMA.split(";"))):
                conn.execute(statement)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise DataError(
                    str(self.db_path), f"store written by a newer version (schema {version}, this app reads 1)"
                )
            if version < SCHEMA_VERSION:
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    # -- reading -----------------------------------------------------------------------------------------------

    @staticmethod
    def _row(row: sqlite3.Row) -> StoredSource:
        published = dt.date.fromisoformat(row["published"]) if row["published"] else None
        return StoredSource(
            id=row["id"],
            title=row["title"],
            publisher=row["publisher"],
            published=published,
            url=row["url"],
            kind=row["kind"],
            encoding=row["encoding"],
            text=row["text"],
            sha256=row["sha256"],
            created_at=row["created_at"],
            notes=tuple(json.loads(row["notes"] or "[]")),
            path=citation_path(row["id"]),
        )

    def list(self) -> list[StoredSource]:
        """Every source: the seed first, then the stored ones, newest first."""
        with self._connect() as conn:
            rows = conn.execute("SELECT * FROM sources ORDER BY created_at DESC, rowid DESC").fetchall()
        return [seed_source(), *(self._row(r) for r in rows)]

    def summaries(self) -> list[SourceSummary]:
        """Every source's id and metadata, without its text (what a page lists on every rerun), seed first."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT id, title, publisher, published, url FROM sources ORDER BY created_at DESC, rowid DESC"
            ).fetchall()
        seed = read_meta(paths.SEED_META)
        first = SourceSummary(SEED_ID, seed.title, seed.publisher, seed.published, seed.url, read_only=True)
        return [
            first,
            *(
                SourceSummary(
                    r["id"],
                    r["title"],
                    r["publisher"],
                    dt.date.fromisoformat(r["published"]) if r["published"] else None,
                    r["url"],
                )
                for r in rows
            ),
        ]

    def ids(self) -> list[str]:
        """The ids of :meth:`list`, without reading any text."""
        with self._connect() as conn:
            rows = conn.execute("SELECT id FROM sources ORDER BY created_at DESC, rowid DESC").fetchall()
        return [SEED_ID, *(r[0] for r in rows)]

    def get(self, source_id: str) -> StoredSource | None:
        """The source with ``source_id`` (``"seed"`` for the seed), or None if there is none (e.g. deleted)."""
        if source_id == SEED_ID:
            return seed_source()
        with self._connect() as conn:
            row = conn.execute("SELECT * FROM sources WHERE id = ?", (source_id,)).fetchone()
        return self._row(row) if row else None

    def find_text(self, text: str) -> StoredSource | None:
        """The stored source whose text is exactly ``text``, or None."""
        with self._connect() as conn:
            row = conn.execute("SELECT * FROM sources WHERE sha256 = ?", (text_sha256(text),)).fetchone()
        return self._row(row) if row else None

    def __len__(self) -> int:
        """How many sources :meth:`list` returns (the seed included)."""
        with self._connect() as conn:
            return 1 + conn.execute("SELECT COUNT(*) FROM sources").fetchone()[0]

    # -- writing -----------------------------------------------------------------------------------------------

    def add(
        self,
        text: str,
        *,
        title: str,
        publisher: str = "",
        published: dt.date | str | None = None,
        url: str | None = None,
        kind: str = "txt",
        encoding: str = "utf-8",
        notes: Sequence[str] = (),
    ) -> StoredSource:
        """Store a source's text and metadata; the same text again returns the source already stored.

        ``text`` should come from :mod:`dashboard.sources.ingest` (already decoded, extracted and normalised); it is
        stored exactly as given.

        Raises
        ------
        DataError
            If the text is empty or over the size limit, or the metadata is invalid (empty title, a date that is
            not ``YYYY-MM-DD``, a URL that is not http(s)). Nothing is stored then.
        """
        if not isinstance(text, str) or not text.strip():
            raise DataError("source", "the text is empty: there is nothing to store")
        size = len(text.encode("utf-8"))
        if size > MAX_BYTES:
            raise DataError("source", f"the text is {size:,} bytes, over the {limit_text()} limit")
        check_lines("source", text)
        if kind not in KINDS:
            raise DataError("source", f"kind must be one of {', '.join(KINDS)} (got {kind!r})")
        checked = check_meta({"title": title, "publisher": publisher, "published": published, "url": url}, META_SHOWN)
        title, publisher, published_date, url = checked.title, checked.publisher, checked.published, checked.url
        sha = text_sha256(text)
        created = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
        with self._write() as conn:
            row = conn.execute("SELECT * FROM sources WHERE sha256 = ?", (sha,)).fetchone()
            if row:
                return self._row(row)
            source_id = f"{slugify(title)}-{sha[:HASH_CHARS]}"
            if conn.execute("SELECT 1 FROM sources WHERE id = ?", (source_id,)).fetchone():
                source_id = f"{slugify(title)}-{sha}"  # a 48-bit prefix collision: use the whole hash
            conn.execute(
                "INSERT INTO sources (id, title, publisher, published, url, kind, encoding, notes, text, sha256,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    source_id,
                    title,
                    publisher,
                    published_date.isoformat() if published_date else None,
                    url,
                    kind,
                    encoding,
                    json.dumps(list(notes), ensure_ascii=False),
                    text,
                    sha,
                    created,
                ),
            )
            row = conn.execute("SELECT * FROM sources WHERE id = ?", (source_id,)).fetchone()
        return self._row(row)

    def add_ingested(
        self,
        ingested: IngestedText,
        *,
        title: str | None = None,
        publisher: str | None = None,
        published: dt.date | str | None = None,
        url: str | None = None,
    ) -> StoredSource:
        """Store an accepted upload or paste; metadata given here overrides the suggested metadata."""
        return self.add(
            ingested.text,
            title=title if title is not None else ingested.title or ingested.name,
            publisher=publisher if publisher is not None else ingested.publisher,
            published=published if published is not None else ingested.published,
            url=url if url is not None else ingested.url,
            kind=ingested.kind,
            encoding=ingested.encoding,
            notes=ingested.notes,
        )

    def update_meta(
        self,
        source_id: str,
        *,
        title: str | None = None,
        publisher: str | None = None,
        published: object = _UNSET,
        url: object = _UNSET,
    ) -> StoredSource:
        """Correct a source's title, publisher, date or URL (arguments left out stay as they are).

        Pass ``published=None`` or ``url=None`` to clear them. The id does not change.

        Raises
        ------
        DataError
            For the seed (read-only), an unknown id, or invalid metadata.
        """
        if source_id == SEED_ID:
            raise DataError(citation_path(source_id), "the seed article is built in: its metadata cannot be edited")
        changes: dict[str, object] = {}
        if title is not None:
            changes["title"] = clean_field(title, "title", MAX_TITLE, META_SHOWN, required=True)
        if publisher is not None:
            changes["publisher"] = clean_field(publisher, "publisher", MAX_PUBLISHER, META_SHOWN)
        if published is not _UNSET:
            date = check_published(published, META_SHOWN)
            changes["published"] = date.isoformat() if date else None
        if url is not _UNSET:
            changes["url"] = check_url(url, META_SHOWN)
        with self._write() as conn:
            if not conn.execute("SELECT 1 FROM sources WHERE id = ?", (source_id,)).fetchone():
                raise DataError(citation_path(source_id), "no such source in the store (deleted?)")
            if changes:
                assignments = ", ".join(f"{column} = ?" for column in changes)
                conn.execute(f"UPDATE sources SET {assignments} WHERE id = ?", (*changes.values(), source_id))
            row = conn.execute("SELECT * FROM sources WHERE id = ?", (source_id,)).fetchone()
        return self._row(row)

    def delete(self, source_id: str) -> bool:
        """Delete a stored source; True if it was there, False if it was not (already deleted).

        Raises
        ------
        DataError
            For the seed, which cannot be deleted.
        """
        if source_id == SEED_ID:
            raise DataError(citation_path(source_id), "the seed article is built in and cannot be deleted")
        with self._write() as conn:
            cursor = conn.execute("DELETE FROM sources WHERE id = ?", (source_id,))
            return cursor.rowcount > 0

    def integrity_check(self) -> str:
        """SQLite's ``PRAGMA integrity_check``: ``"ok"`` when the database is sound."""
        with self._connect() as conn:
            return "; ".join(str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall())
