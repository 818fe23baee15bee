"""The views of sources: which boundary units an article names, where, and what the source itself says of them.

The view model (:class:`SourceView` of one source, a :class:`UnitView` per unit it names; :class:`CombinedView` of
several, a :class:`CombinedUnit` per unit) and its building (:func:`source_view`, :func:`combine`). The name stays
``source_views``: every class and builder here is a view of sources. What is drawn or exported of a view (its
GeoDataFrames) is :mod:`dashboard.claims.view_frames`; reading an article file as the command line does is
:mod:`dashboard.claims.article_files`.

``source_view(article, curated, reviews)`` runs the gazetteer over the article (:mod:`dashboard.places.mentions`) and
keeps, per named unit, every mention with the sentence that holds it, and the unit's status **from this source
only** (:mod:`dashboard.claims.statements`):

- the curated source (the seed) has the curated statuses of ``data/claims.toml`` and only the units it covers;
- any other source has the statuses an editor reviewed (``reviews``, from the store) over the suggestions found
  in its own sentences (:mod:`dashboard.claims.suggest`); a field with neither is ``not-stated``. Nothing a source shows
  about a unit comes from another source.
- A capital named for its government ("Kyiv said") or in a dateline ("KYIV, Nov. 11 —") is not a mention of
  the unit on the map (:func:`dashboard.claims.roles.mention_role`).

``combine(views)`` shows several sources together, excerpts grouped by source, each unit's status chosen by
:func:`dashboard.claims.statements.choose`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dashboard.claims import statements
from dashboard.claims.curated_claims import ClaimsData, RegionClaim
from dashboard.claims.roles import mention_role
from dashboard.claims.statements import Review, Statement, UnitStatus
from dashboard.places.mentions import MentionHit, find_hits
from dashboard.sources.model import Article, Excerpt, SourceMeta
from dashboard.sources.stored import SEED_ID


class _Status:
    """``claim``, ``control`` and their excerpts, read from ``self.status``."""

    status: UnitStatus

    @property
    def claim(self) -> str:
        return self.status.claim.value

    @property
    def control(self) -> str:
        return self.status.control.value

    @property
    def claim_excerpts(self) -> tuple[Excerpt, ...]:
        return self.status.claim.excerpts

    @property
    def control_excerpts(self) -> tuple[Excerpt, ...]:
        return self.status.control.excerpts

    @property
    def origin(self) -> str:
        return self.status.origin

    @property
    def suggested(self) -> bool:
        return self.status.suggested

    @property
    def curated(self) -> bool:
        """True if the status is the curated claims data's."""
        return self.status.origin == "curated"

    @property
    def status_line(self) -> str:
        """``Annexation declared … · Russian forces control most of it``, marked when it is a suggestion."""
        return self.status.status_line()


@dataclass(frozen=True)
class UnitView(_Status):
    """A unit a source names: its mentions and sentences, and this source's status of it."""

    iso: str
    name: str
    mentions: tuple[MentionHit, ...]
    status: UnitStatus
    region: RegionClaim | None = None
    """The curated region (the curated source only): its id, name and context statements."""
    meta: SourceMeta | None = None

    @property
    def excerpts(self) -> tuple[Excerpt, ...]:
        """The distinct sentences that name the unit, in text order."""
        seen: dict[tuple[int, int], Excerpt] = {}
        for m in self.mentions:
            seen.setdefault((m.excerpt.start, m.excerpt.end), m.excerpt)
        return tuple(sorted(seen.values(), key=lambda e: (e.start, e.end)))

    @property
    def features(self) -> tuple[str, ...]:
        """The kinds of mention, in order of first appearance (``("city", "region")`` …)."""
        return tuple(dict.fromkeys(m.feature for m in self.mentions))

    @property
    def headline_only(self) -> bool:
        """True if the unit is named only in the headline."""
        return all(m.in_headline for m in self.mentions)

    @property
    def context_excerpts(self) -> tuple[Excerpt, ...]:
        return self.region.context if self.region else ()

    @property
    def status_source_line(self) -> str | None:
        """Which source the status comes from: ``The Moscow Times, “…”, 27 February 2025``."""
        return self.meta.source_line() if self.meta else None


@dataclass(frozen=True)
class SourceView:
    """What one source names: a :class:`UnitView` per unit, in order of first mention."""

    article: Article
    units: tuple[UnitView, ...]
    curated: bool = False
    """True for the curated source (its statuses are the claims data's)."""
    source_id: str | None = None
    """The store's id of the source, where it is stored (reviews are kept under it)."""
    set_aside: tuple[tuple[MentionHit, str], ...] = ()
    """Names that are not places on the map, with what they are (``"government"``: "Kyiv said";
    ``"dateline"``): shown as such in the text, never counted."""

    @property
    def path(self) -> str:
        """What this source's excerpts cite (``store:<id>``, ``seeds/….txt``, or a file path as given)."""
        return self.article.path

    @property
    def reviewable(self) -> bool:
        """Whether an editor can review its statuses: a stored source, not the curated seed (whose statuses are
        the claims data's and change only there)."""
        return not self.curated and self.source_id is not None and self.source_id != SEED_ID

    @property
    def meta(self) -> SourceMeta:
        return self.article.meta

    @property
    def named_units(self) -> tuple[str, ...]:
        return tuple(u.iso for u in self.units)

    def unit(self, iso: str) -> UnitView | None:
        return next((u for u in self.units if u.iso == iso), None)

    @property
    def mentions(self) -> tuple[MentionHit, ...]:
        """Every kept mention, in text order (a group mention appears once per unit)."""
        return tuple(sorted((m for u in self.units for m in u.mentions), key=lambda m: (m.start, m.end, m.unit)))

    def excerpts(self) -> tuple[Excerpt, ...]:
        """Every sentence that names some unit, once, in text order."""
        seen: dict[tuple[int, int], Excerpt] = {}
        for u in self.units:
            for e in u.excerpts:
                seen.setdefault((e.start, e.end), e)
        return tuple(sorted(seen.values(), key=lambda e: (e.start, e.end)))


def place_hits(article: Article) -> list[MentionHit]:
    """The mentions that name a place: a capital named for its government or in a dateline is left out."""
    return [h for h, role in _roles(article) if role == "place"]


def _roles(article: Article) -> list[tuple[MentionHit, str]]:
    """Every gazetteer hit with what it names: ``"place"``, ``"government"`` or ``"dateline"``."""
    return [(h, mention_role(article.text, h.start, h.end, h.unit)) for h in find_hits(article)]


def source_view(
    article: Article,
    curated: ClaimsData,
    reviews: Iterable[Review] = (),
    source_id: str | None = None,
) -> SourceView:
    """The units ``article`` names, with their mentions and sentences, and this source's status of each.

    Parameters
    ----------
    article : Article
        Any source (a stored one: ``StoredSource.article()``; a file: ``build_article``).
    curated : ClaimsData
        The curated claims data: the statuses of the curated source (and of no other).
    reviews : iterable of Review
        The editor's reviews of this source (from the store), applied over the suggestions.
    source_id : str, optional
        The store's id of the source.
    """
    is_curated = article.path == curated.article.path
    roles = _roles(article)
    hits = [h for h, role in roles if role == "place"]
    by_unit: dict[str, list[MentionHit]] = {}
    for hit in hits:
        by_unit.setdefault(hit.unit, []).append(hit)
    if is_curated:
        keep = set(curated.units)
        by_unit = {iso: h for iso, h in by_unit.items() if iso in keep}
        status = statements.curated_statuses(curated)
    else:
        status = statements.suggested_statuses(article, by_unit, hits)
        status = statements.with_reviews(article, status, reviews)
    units = tuple(
        UnitView(
            iso=iso,
            name=unit_hits[0].name,
            mentions=tuple(unit_hits),
            status=status[iso],
            region=curated.region_for_unit(iso) if is_curated else None,
            meta=article.meta,
        )
        for iso, unit_hits in by_unit.items()
    )
    aside = tuple((h, role) for h, role in roles if role != "place")
    return SourceView(article=article, units=units, curated=is_curated, source_id=source_id, set_aside=aside)


# -- several sources ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CombinedUnit(_Status):
    """A unit named by one or more of several sources; its excerpts and statuses stay grouped by source."""

    iso: str
    name: str
    by_source: tuple[tuple[SourceView, UnitView], ...]
    status: UnitStatus
    """The status the map shows (:func:`dashboard.claims.statements.choose`)."""

    @property
    def sources(self) -> tuple[str, ...]:
        """The paths of the sources that name the unit, in the order the views were given."""
        return tuple(view.path for view, _ in self.by_source)

    def excerpts_by_source(self) -> dict[str, tuple[Excerpt, ...]]:
        """``{source path: the sentences of that source naming the unit}``."""
        return {view.path: unit.excerpts for view, unit in self.by_source}

    @property
    def region(self) -> RegionClaim | None:
        """The curated region, where the curated source is among those naming the unit."""
        return next((uv.region for _, uv in self.by_source if uv.region is not None), None)

    def by_date(self) -> tuple[tuple[SourceView, UnitView], ...]:
        """The sources' views of the unit, dated ones by date (oldest first), undated ones after them."""
        dated = sorted((p for p in self.by_source if p[0].meta.published), key=lambda p: p[0].meta.published)
        return (*dated, *(p for p in self.by_source if not p[0].meta.published))

    def source_of(self, statement: Statement) -> SourceView | None:
        """The view whose source made ``statement``."""
        return next((view for view, _ in self.by_source if view.path == statement.source), None)


@dataclass(frozen=True)
class CombinedView:
    """Several sources on one map: the union of their named units, excerpts grouped by source."""

    sources: tuple[SourceView, ...]
    units: tuple[CombinedUnit, ...]

    @property
    def named_units(self) -> tuple[str, ...]:
        return tuple(u.iso for u in self.units)

    def unit(self, iso: str) -> CombinedUnit | None:
        return next((u for u in self.units if u.iso == iso), None)


def combine(views: Iterable[SourceView]) -> CombinedView:
    """Put several source views together (a source given twice counts once).

    Units come in order of first appearance over the views; each keeps, per source, that source's mentions,
    sentences and status; the status shown is chosen by :func:`dashboard.claims.statements.choose`.
    """
    unique: dict[str, SourceView] = {}
    for view in views:
        unique.setdefault(view.path, view)
    grouped: dict[str, list[tuple[SourceView, UnitView]]] = {}
    for view in unique.values():
        for unit in view.units:
            grouped.setdefault(unit.iso, []).append((view, unit))
    units = tuple(
        CombinedUnit(
            iso=iso,
            name=pairs[0][1].name,
            by_source=tuple(pairs),
            status=statements.choose([(uv.status, view.meta.published) for view, uv in pairs]),
        )
        for iso, pairs in grouped.items()
    )
    return CombinedView(sources=tuple(unique.values()), units=units)
