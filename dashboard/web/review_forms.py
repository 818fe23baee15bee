"""The review form's logic: an editor accepts a suggestion, chooses another value or "not stated", picks the
supporting sentence(s) and adds a note; each field's choice is stored as a new review (never over an old one).

Pure functions over :class:`dashboard.claims.reviews.ReviewStore`, tested without Streamlit; the message always says
what happened in plain words, and a refusal stores nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dashboard.claims.reviews import MAX_NOTE, ReviewConflict, ReviewStore
from dashboard.claims.source_views import CombinedUnit, SourceView, UnitView
from dashboard.claims.statements import Statement
from dashboard.claims.vocab import FIELD_LABELS, FIELDS, NOT_STATED, ORIGIN_LABELS
from dashboard.core.errors import DataError
from dashboard.core.text import shorten
from dashboard.sources.model import Excerpt

__all__ = ["MAX_NOTE", "ReviewOutcome", "review_order", "save_review", "sentence_choices", "short_title", "span_key"]

MAX_SENTENCE_CHOICES = 200
"""How many of a unit's sentences the form offers (a long source names a unit thousands of times; the
statement's own sentences are always offered)."""


@dataclass(frozen=True)
class ReviewOutcome:
    """What saving a review did: a message in plain words, and whether it went well."""

    message: str
    ok: bool
    notes: tuple[str, ...] = ()


def short_title(title: str, path: str, limit: int = 48) -> str:
    """A source's title on one line, cut at a word to at most ``limit`` characters (its path when untitled)."""
    return shorten(title, limit) or path


def review_order(views: Sequence[SourceView]) -> list[SourceView]:
    """The sources an editor can review, the latest dated first (the one the map shows), undated ones last."""
    dated = sorted((v for v in views if v.meta.published), key=lambda v: v.meta.published, reverse=True)
    return [*dated, *(v for v in views if not v.meta.published)]


def reviewable_sources(unit: CombinedUnit) -> tuple[dict[str, tuple[SourceView, UnitView]], dict[str, str], list[str]]:
    """The stored sources naming a unit that an editor may review: ``(by id, short titles, ids latest first)``."""
    reviewable = {sv.source_id: (sv, uv) for sv, uv in unit.by_source if sv.reviewable}
    titles = {i: short_title(sv.meta.title, sv.path) for i, (sv, _) in reviewable.items()}
    ordered = [v.source_id for v in review_order([sv for sv, _ in reviewable.values()])]
    return reviewable, titles, ordered


def field_label(field: str, statement: Statement) -> str:
    """The label of a field's choice: where the shown value comes from, or that the text states nothing."""
    if statement.stated:
        return f"{field.capitalize()} ({ORIGIN_LABELS[statement.origin]})"
    return f"{field.capitalize()} (nothing found in the text)"


def span_key(excerpt: Excerpt) -> str:
    """A sentence's key in the form: ``"start:end"``."""
    return f"{excerpt.start}:{excerpt.end}"


def sentence_choices(sentences: Sequence[Excerpt], statement: Statement) -> dict[str, str]:
    """``{span key: label}``: the statement's own sentences first, then the unit's (at most the limit)."""
    out: dict[str, str] = {}
    for excerpt in (*statement.excerpts, *sentences):
        if len(out) >= MAX_SENTENCE_CHOICES and span_key(excerpt) not in out:
            break
        text = " ".join(excerpt.text.split())
        out.setdefault(span_key(excerpt), f"{text[:140]}…" if len(text) > 140 else text)
    return out


def _spans(keys: Sequence[str]) -> tuple[tuple[int, int], ...]:
    spans = []
    for key in keys:
        start, _, end = str(key).partition(":")
        spans.append((int(start), int(end)))
    return tuple(sorted(set(spans)))


def save_review(
    reviews: ReviewStore,
    source_id: str,
    unit: str,
    current: Mapping[str, Statement],
    chosen: Mapping[str, tuple[str, Sequence[str]]],
    *,
    note: str = "",
    reviewer: str = "",
) -> ReviewOutcome:
    """Store the editor's choice for each field (claim, control) of ``unit``.

    Parameters
    ----------
    current : mapping
        The statement of each field the editor saw (its ``review_id`` is what the store must still hold).
    chosen : mapping
        ``{field: (value, [span keys])}``; a field left as it was reviewed is not stored again.

    Returns
    -------
    ReviewOutcome
        What was stored, or why nothing was (a conflict with another editor's review, a value without a
        sentence, a deleted source).
    """
    todo = []
    for field in FIELDS:
        if field not in chosen:
            continue
        value, keys = chosen[field]
        spans = () if value == NOT_STATED else _spans(keys)
        was = current[field]
        kept = tuple((x.start, x.end) for x in was.excerpts)
        same = was.origin == "reviewed" and was.value == value and kept == spans
        if same and not note.strip():
            continue
        if value != NOT_STATED and not spans:
            label = FIELD_LABELS[field].get(value, value)
            return ReviewOutcome(
                f"{field.capitalize()} “{label}” needs a supporting sentence: pick one. Nothing was stored.", False
            )
        todo.append((field, value, spans, was.review_id))
    if not todo:
        return ReviewOutcome("Nothing changed: the reviewed status is kept as it was.", True)
    try:
        reviews.add_all(source_id, unit, todo, note=note or None, reviewer=reviewer or None)
    except ReviewConflict as exc:
        return ReviewOutcome(exc.problem, False)
    except DataError as exc:
        return ReviewOutcome(f"{exc.problem} Nothing was stored.", False)
    stored = "; ".join(f"{field}: {FIELD_LABELS[field].get(value, value)}" for field, value, _, _ in todo)
    return ReviewOutcome(f"Review saved ({stored}). Earlier choices are kept in the history.", True)


DRAFTS = "rv_drafts"
"""The session-state key of the review widgets' drafts: widget key → value chosen and not yet saved. Streamlit
forgets a widget's value when it is not drawn (another source chosen in the list, another region); the draft is
what draws it again as the editor left it."""


def drafted(drafts: dict, widget_key: str, values: list, stored: str) -> str:
    """The value a review field's list shows: its draft where that is one of ``values``, else ``stored``."""
    draft = drafts.get(widget_key)
    return draft if draft in values else stored


def drop_drafts(drafts: dict, form_key: str) -> None:
    """Forget the drafts of one review form (``<source>_<unit>``), once its review is saved."""
    for widget_key in [k for k in drafts if k.endswith(f"_{form_key}")]:
        del drafts[widget_key]
