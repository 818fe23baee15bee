"""An editor's reviews of a stored source's statuses, kept in the store's database with their whole history.

A review sets one field (claim or control) of one unit of one stored source: a value of the vocabulary, the
supporting sentence(s) as character spans of the stored text (none for ``not-stated``), an optional note and
reviewer's name, and the time. A review never replaces an earlier one: each is a new row, the latest is the
statement shown and the earlier ones are its history.

Two sessions reviewing the same field cannot lose each other's work: :meth:`ReviewStore.add` takes the id of the
latest review the editor saw (``expected``; None for "no review yet") and refuses, with
:class:`ReviewConflict` naming the other review, when someone else reviewed the field in the meantime. The check
and the insert run in one ``BEGIN IMMEDIATE`` transaction, so a review that was acknowledged is on disk (SQLite
WAL), and a source deleted meanwhile is refused with a message rather than left with orphaned reviews. The seed
is curated and read-only: it takes no review.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

from dashboard.claims.statements import Review
from dashboard.claims.vocab import FIELD_VALUES, FIELDS, NOT_STATED, check_choice
from dashboard.core.errors import DataError
from dashboard.sources.store import Store
from dashboard.sources.stored import SEED_ID, citation_path

MAX_NOTE = 2_000
MAX_REVIEWER = 100

_SCHEMA = """
CREATE TABLE IF NOT EXISTS reviews (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    source_id   TEXT NOT NULL,
    unit        TEXT NOT NULL,
    field       TEXT NOT NULL CHECK (field IN ('claim', 'control')),
    value       TEXT NOT NULL,
    spans       TEXT NOT NULL DEFAULT '[]',
    note        TEXT,
    reviewer    TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reviews_source ON reviews (source_id, unit, field, id)
"""


class ReviewConflict(DataError):
    """Someone else reviewed the same field after the editor opened it: nothing was stored."""


def _clean_text(value: str | None, what: str, limit: int) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise DataError(what, f"must be text (got {value!r})")
    text = " ".join(value.split())
    if len(text) > limit:
        raise DataError(what, f"is {len(text)} characters long; at most {limit}")
    return text or None


class ReviewStore:
    """The reviews of the sources in ``store`` (same database file)."""

    def __init__(self, store: Store):
        self.store = store
        with store._write() as conn:
            for statement in filter(None, (s.strip() for s in _SCHEMA.split(";"))):
                conn.execute(statement)

    @staticmethod
    def _review(row: sqlite3.Row) -> Review:
        spans = tuple((int(a), int(b)) for a, b in json.loads(row["spans"] or "[]"))
        return Review(
            id=row["id"],
            source_id=row["source_id"],
            unit=row["unit"],
            field=row["field"],
            value=row["value"],
            spans=spans,
            note=row["note"],
            reviewer=row["reviewer"],
            created_at=row["created_at"],
        )

    def reviews(self, source_id: str) -> list[Review]:
        """Every review of a source, oldest first."""
        with self.store._connect() as conn:
            rows = conn.execute("SELECT * FROM reviews WHERE source_id = ? ORDER BY id", (source_id,)).fetchall()
        return [self._review(r) for r in rows]

    def version(self) -> tuple[int, int]:
        """(number of reviews, latest id): changes whenever a review is stored."""
        with self.store._connect() as conn:
            row = conn.execute("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM reviews").fetchone()
        return int(row[0]), int(row[1])

    def latest_id(self, source_id: str, unit: str, field: str) -> int | None:
        """The id of the review now shown for a field (None if it has none)."""
        with self.store._connect() as conn:
            row = conn.execute(
                "SELECT MAX(id) FROM reviews WHERE source_id = ? AND unit = ? AND field = ?", (source_id, unit, field)
            ).fetchone()
        return row[0]

    def add(
        self,
        source_id: str,
        unit: str,
        field: str,
        value: str,
        spans: list[tuple[int, int]] | tuple[tuple[int, int], ...] = (),
        *,
        note: str | None = None,
        reviewer: str | None = None,
        expected: int | None = None,
    ) -> Review:
        """Store one review (see :meth:`add_all`)."""
        return self.add_all(source_id, unit, [(field, value, spans, expected)], note=note, reviewer=reviewer)[0]

    def add_all(
        self,
        source_id: str,
        unit: str,
        items: list[tuple[str, str, tuple[tuple[int, int], ...], int | None]],
        *,
        note: str | None = None,
        reviewer: str | None = None,
    ) -> list[Review]:
        """Store reviews of one unit's fields, all or none (new rows; earlier ones stay as the history).

        Parameters
        ----------
        items : list of (field, value, spans, expected)
            ``expected`` is the id of the latest review of that field the editor saw (None: none). If another
            review was stored since, nothing is stored and :class:`ReviewConflict` says whose.

        Raises
        ------
        DataError
            For the seed, a deleted source, a value outside the vocabulary (quoted), a stated value without a
            sentence, ``not-stated`` with sentences, or a span outside the text.
        ReviewConflict
            If someone else reviewed a field meanwhile.
        """
        where = citation_path(source_id)
        if source_id == SEED_ID:
            raise DataError(where, "the seed's statuses are curated (data/claims.toml) and cannot be reviewed here")
        checked = []
        for field, value, spans, expected in items:
            try:
                check_choice(field, FIELDS, "field")
                check_choice(value, FIELD_VALUES[field], field)
            except ValueError as exc:
                raise DataError(where, str(exc)) from None
            spans = tuple(sorted({(int(a), int(b)) for a, b in spans}))
            if value == NOT_STATED and spans:
                raise DataError(where, f"{field} 'not-stated' cites no sentence (got {len(spans)})")
            if value != NOT_STATED and not spans:
                raise DataError(where, f"{field} {value!r} needs at least one supporting sentence")
            checked.append((field, value, spans, expected))
        note = _clean_text(note, "note", MAX_NOTE)
        reviewer = _clean_text(reviewer, "reviewer", MAX_REVIEWER)
        created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        new_ids = []
        with self.store._write() as conn:
            row = conn.execute("SELECT length(text) FROM sources WHERE id = ?", (source_id,)).fetchone()
            if row is None:
                raise DataError(where, "no such source in the store (deleted in another session?)")
            for field, value, spans, expected in checked:
                for a, b in spans:
                    if not 0 <= a < b <= row[0]:
                        raise DataError(where, f"sentence {a}:{b} falls outside the source ({row[0]} characters)")
                latest = conn.execute(
                    "SELECT * FROM reviews WHERE source_id = ? AND unit = ? AND field = ? ORDER BY id DESC LIMIT 1",
                    (source_id, unit, field),
                ).fetchone()
                if (latest["id"] if latest is not None else None) != expected:
                    if latest is None:
                        raise ReviewConflict(
                            where, f"{unit} {field}: the review you changed is gone; nothing was stored"
                        )
                    other = self._review(latest)
                    who = f" by {other.reviewer}" if other.reviewer else ""
                    raise ReviewConflict(
                        where,
                        f"{unit} {field} was reviewed{who} at {other.created_at} as {other.value!r} while you were "
                        "editing; nothing was stored. Check it and save again.",
                    )
                cursor = conn.execute(
                    "INSERT INTO reviews (source_id, unit, field, value, spans, note, reviewer, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (source_id, unit, field, value, json.dumps(spans), note, reviewer, created),
                )
                new_ids.append(cursor.lastrowid)
            rows = [conn.execute("SELECT * FROM reviews WHERE id = ?", (i,)).fetchone() for i in new_ids]
        return [self._review(r) for r in rows]
