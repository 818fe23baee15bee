"""Statements: what one source says about one unit's claim or control, and where that status comes from.

A status is a :class:`Statement` ``{source, unit, field, value, excerpts, origin, cue, attributed_to}``:

- ``origin`` ``"curated"``: the seed's ``data/claims.toml``; ``"reviewed"``: an editor chose the value (kept in
  the store with time, optional name and note, and the history of earlier choices); ``"suggested"``: found in the
  text by :mod:`dashboard.claims.suggest`, ``cue`` naming the words that triggered it.
- A value other than ``not-stated`` cites at least one excerpt, and every excerpt cites **the same source** as the
  statement: nothing a source shows about a unit comes from another source. Construction checks both and refuses
  any value outside the vocabulary, quoting it.

:func:`statuses_for` gives every unit an article names its :class:`UnitStatus` (claim and control): curated for
the curated source, else the reviews kept for it over the suggestions from its own sentences.
:func:`choose` picks, among several sources' statements of a unit, the one the map shows: the latest dated
reviewed (or curated) statement, else the latest dated suggestion, undated ones last; it also says whether the
sources disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from dashboard.claims.curated_claims import ClaimsData
from dashboard.claims.vocab import (
    FIELD_LABELS,
    FIELD_VALUES,
    FIELDS,
    NOT_STATED,
    ORIGIN_LABELS,
    ORIGINS,
    check_choice,
)
from dashboard.sources.model import Article, Excerpt


@dataclass(frozen=True)
class Review:
    """One editor's choice for one field of one unit of a stored source (a row of the store's history)."""

    id: int
    source_id: str
    unit: str
    field: str
    value: str
    spans: tuple[tuple[int, int], ...]
    note: str | None
    reviewer: str | None
    created_at: str


@dataclass(frozen=True)
class Statement:
    """One source's statement of one field of one unit.

    Raises
    ------
    ValueError
        For a value outside the vocabulary (quoting it), a stated value with no excerpt, ``not-stated`` with
        excerpts, or an excerpt of another source.
    """

    source: str
    unit: str
    field: str
    value: str
    excerpts: tuple[Excerpt, ...] = ()
    origin: str = "suggested"
    cue: str | None = None
    cue_spans: tuple[tuple[int, int], ...] = ()
    attributed_to: str | None = None
    note: str | None = None
    reviewer: str | None = None
    reviewed_at: str | None = None
    review_id: int | None = None
    """The store's id of the review this statement is (None unless ``reviewed``): what an editor saw."""
    history: tuple[Review, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        check_choice(self.field, FIELDS, "field")
        check_choice(self.value, FIELD_VALUES[self.field], self.field)
        check_choice(self.origin, ORIGINS, "origin")
        if self.value == NOT_STATED and self.excerpts:
            raise ValueError(f"{self.field} {NOT_STATED!r} of {self.unit} must cite no excerpt")
        if self.value != NOT_STATED and not self.excerpts:
            raise ValueError(
                f"{self.field} {self.value!r} of {self.unit} cites no excerpt: cite one or use 'not-stated'"
            )
        for excerpt in self.excerpts:
            if excerpt.source != self.source:
                raise ValueError(
                    f"{self.field} of {self.unit} in {self.source!r} cites {excerpt.source!r}: "
                    "a statement cites its own source only"
                )

    @property
    def stated(self) -> bool:
        return self.value != NOT_STATED

    @property
    def suggested(self) -> bool:
        """True for a suggestion from the text that no one has reviewed."""
        return self.origin == "suggested" and self.stated

    @property
    def label(self) -> str:
        """``Russian forces control most of it``."""
        return FIELD_LABELS[self.field][self.value]

    @property
    def origin_label(self) -> str:
        return ORIGIN_LABELS[self.origin]

    def to_dict(self) -> dict[str, Any]:
        """The statement as exported: ``{source, unit, field, value, origin, cue, attributed_to, excerpts, …}``."""
        out: dict[str, Any] = {
            "source": self.source,
            "unit": self.unit,
            "field": self.field,
            "value": self.value,
            "origin": self.origin,
            "cue": self.cue,
            "attributed_to": self.attributed_to,
            "excerpts": [e.to_dict() for e in self.excerpts],
        }
        if self.origin == "reviewed":
            out.update(note=self.note, reviewer=self.reviewer, reviewed_at=self.reviewed_at)
        elif self.note:
            out["note"] = self.note
        return out


def not_stated(source: str, unit: str, field_name: str, origin: str = "suggested") -> Statement:
    """The statement of a field the source does not state (nothing found, or nothing curated)."""
    return Statement(source=source, unit=unit, field=field_name, value=NOT_STATED, origin=origin)


@dataclass(frozen=True)
class UnitStatus:
    """A unit's claim and control in one source (or as chosen across several: :func:`choose`)."""

    claim: Statement
    control: Statement
    disagree: tuple[str, ...] = ()
    """The fields on which the shown sources state different values (empty for one source)."""

    def of(self, field_name: str) -> Statement:
        return self.claim if field_name == "claim" else self.control

    @property
    def statements(self) -> tuple[Statement, Statement]:
        return (self.claim, self.control)

    @property
    def origin(self) -> str:
        """The weakest origin of a stated field: a status with any unreviewed suggestion is ``suggested``."""
        stated = [s for s in self.statements if s.stated] or list(self.statements)
        for origin in ("suggested", "reviewed", "curated"):
            if any(s.origin == origin for s in stated):
                return origin
        return stated[0].origin

    @property
    def suggested(self) -> bool:
        """True if a value shown is a suggestion no one has reviewed."""
        return any(s.suggested for s in self.statements)

    @property
    def stated(self) -> bool:
        return any(s.stated for s in self.statements)

    def status_line(self) -> str:
        """``Annexation declared by Russia in 2022 · Russian forces control most of it``, marked when suggested."""
        line = f"{self.claim.label} · {self.control.label}"
        if self.suggested:
            line = f"{line} ({ORIGIN_LABELS['suggested']})"
        if self.disagree:
            line = f"{line}; the sources disagree"
        return line


def curated_statuses(data: ClaimsData) -> dict[str, UnitStatus]:
    """The curated source's statuses, one per unit of ``data/claims.toml`` (origin ``curated``)."""
    out: dict[str, UnitStatus] = {}
    source = data.article.path
    for region in data.regions:
        for unit in region.units:
            claim = Statement(
                source, unit, "claim", region.claim, region.claim_excerpts if region.claim != NOT_STATED else (),
                origin="curated", note=region.claim_note,
            )  # fmt: skip
            control = Statement(
                source, unit, "control", region.control, region.control_excerpts, origin="curated",
                note=region.control_note,
            )  # fmt: skip
            out[unit] = UnitStatus(claim, control)
    return out


def suggested_statuses(article: Article, units: Iterable[str], hits=None) -> dict[str, UnitStatus]:
    """Every unit in ``units`` with the suggestions found in ``article``'s own sentences (else not stated)."""
    # Imported here, on the first source without curated statuses: the suggester's regular expressions take
    # 0.10–0.15 s to compile (python -X importtime), which an export of the curated seed never needs.
    from dashboard.claims import suggest

    found = {(s.unit, s.field): s for s in suggest.suggest(article, hits)}
    out: dict[str, UnitStatus] = {}
    for unit in units:
        fields = []
        for name in FIELDS:
            s = found.get((unit, name))
            if s is None:
                fields.append(not_stated(article.path, unit, name))
            else:
                fields.append(
                    Statement(
                        article.path,
                        unit,
                        name,
                        s.value,
                        (s.excerpt,),
                        origin="suggested",
                        cue=s.cue,
                        cue_spans=tuple(s.cue_spans),
                        attributed_to=s.attributed_to,
                    )  # fmt: skip
                )
        out[unit] = UnitStatus(*fields)
    return out


def reviewed_statement(article: Article, review: Review, history: Sequence[Review]) -> Statement:
    """A review as a statement of ``article``: its spans checked against the text (verbatim, or refused).

    Raises
    ------
    ValueError
        If a span falls outside the text (the store keeps the text a review was made on, so this means damage).
    """
    excerpts = []
    for start, end in review.spans:
        if not 0 <= start < end <= len(article.text):
            raise ValueError(f"review {review.id}: span {start}:{end} falls outside {article.path!r}")
        excerpts.append(Excerpt(article.path, start, end, article.text[start:end]))
    return Statement(
        article.path, review.unit, review.field, review.value, tuple(excerpts), origin="reviewed",
        note=review.note, reviewer=review.reviewer, reviewed_at=review.created_at, review_id=review.id,
        history=tuple(history),
    )  # fmt: skip


def with_reviews(
    article: Article, statuses: Mapping[str, UnitStatus], reviews: Iterable[Review]
) -> dict[str, UnitStatus]:
    """``statuses`` with each field an editor reviewed replaced by its latest review (history kept, oldest first)."""
    by_key: dict[tuple[str, str], list[Review]] = {}
    for review in sorted(reviews, key=lambda r: r.id):
        by_key.setdefault((review.unit, review.field), []).append(review)
    out = dict(statuses)
    for (unit, name), history in by_key.items():
        if unit not in out:
            continue
        statement = reviewed_statement(article, history[-1], history[:-1])
        current = out[unit]
        out[unit] = UnitStatus(statement, current.control) if name == "claim" else UnitStatus(current.claim, statement)
    return out


def _rank(statement: Statement, published: dt.date | None) -> tuple:
    """Sort key of :func:`choose`: reviewed or curated first, then the latest date, undated last."""
    editorial = statement.origin in ("curated", "reviewed")
    return (statement.stated, editorial, published is not None, published or dt.date.min)


def choose(per_source: Sequence[tuple[UnitStatus, dt.date | None]]) -> UnitStatus:
    """The status the map shows for a unit named by several sources (each with its published date).

    Per field: a stated value before not stated; a reviewed or curated statement before a suggestion; then the
    latest dated source (undated ones last; ties keep the given order). ``disagree`` names the fields on which the
    sources state different values.
    """
    if len(per_source) == 1:
        return per_source[0][0]
    chosen, disagree = [], []
    for name in FIELDS:
        candidates = [(status.of(name), published) for status, published in per_source]
        best = max(enumerate(candidates), key=lambda item: (_rank(*item[1]), -item[0]))[1][0]
        chosen.append(best)
        if len({s.value for s, _ in candidates if s.stated}) > 1:
            disagree.append(name)
    return UnitStatus(chosen[0], chosen[1], tuple(disagree))
