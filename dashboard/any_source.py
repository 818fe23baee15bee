"""The map for any source: which boundary units an article names, where, and what the curated data says of them.

``source_view(article, curated)`` runs the gazetteer over the article and keeps, per named unit, every mention
with the sentence that holds it (an :class:`~dashboard.claims.Excerpt` citing ``article.path``, verbatim at its
offsets). Decisions:

- Mentions in **caption and body** blocks count, and so do mentions in the **headline**: a headline that names a
  region names it. Headline mentions are flagged (``MentionHit.block == "headline"``, excerpt ``label`` =
  ``"headline"``; caption excerpts are labelled ``"caption"``) so a view can show them apart. Mentions inside
  publisher **boilerplate** (per ``data/publishers.toml``) are dropped: never cited.
- The excerpt of a mention is the sentence holding it (pysbd's split, exact offsets); in a headline, which has
  no sentences of its own, the headline is split the same way. A mention that straddles a sentence end gets the
  span from its sentence's start to its own end (still verbatim).
- A mention keeps its span and its ``feature`` (``"region"``, ``"city"``, ``"group"``): "the city of Kherson"
  is a mention of UA-65 as a city, and the view says so.
- Claim and control statuses are never inferred from the new source: they are those of the **curated** claims
  data (``data/claims.toml``, sourced from ``curated.article``), with that source's excerpts. A unit the curated
  data does not cover has ``claim``/``control`` None and the note :data:`NOT_CURATED`.

``frame_for_file(path, curated)`` is the command line's ``--source``; ``combine(views)`` shows several sources
together, excerpts grouped by source; ``map_frame(view)`` gives every unit of Ukraine with its state in a view.
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from dashboard import frames, ingest
from dashboard.claims import ClaimsData, Excerpt, RegionClaim
from dashboard.errors import DataError
from dashboard.sources import Article, Block, Sentence, SourceMeta, build_article, read_meta, split_sentences

NOT_CURATED = "not in the curated claims data"
"""The note of a named unit whose claim and control the curated data does not give (never a guess)."""

NOT_NAMED = "Not named in this source"

FRAME_COLUMNS = (
    "region",
    "region_name",
    "name",
    "iso_3166_2",
    "claim",
    "control",
    "claim_excerpts",
    "control_excerpts",
    "excerpts",
    "context_excerpts",
    "claim_note",
    "geometry",
)
"""The columns of :func:`frame_for_file`, the same as :func:`dashboard.claims.claims_frame`."""


@dataclass(frozen=True)
class MentionHit:
    """One gazetteer hit in a source, with the sentence that holds it.

    Attributes
    ----------
    unit : str
        ISO 3166-2 code of the boundary unit.
    name : str
        The unit's name as the gazetteer gives it.
    feature : {"region", "city", "group"}
        What the text names: the region, its city ("the city of Kherson"), or a group of units ("Donbas").
    start, end, text
        The mention itself: ``article.text[start:end] == text``.
    block : {"headline", "caption", "body"}
        Where it is.
    excerpt : Excerpt
        The sentence holding the mention (``source`` is the article's path).
    """

    unit: str
    name: str
    feature: str
    start: int
    end: int
    text: str
    block: str
    excerpt: Excerpt

    @property
    def in_headline(self) -> bool:
        return self.block == "headline"

    def to_dict(self) -> dict[str, Any]:
        """``{unit, name, feature, start, end, text, block, excerpt}`` (plain data, e.g. for JSON)."""
        return {
            "unit": self.unit,
            "name": self.name,
            "feature": self.feature,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "block": self.block,
            "excerpt": self.excerpt.to_dict(),
        }


class _CuratedStatus:
    """``claim`` and ``control`` of a unit from its curated region (``self.region``), None where uncurated."""

    region: RegionClaim | None

    @property
    def claim(self) -> str | None:
        return self.region.claim if self.region else None

    @property
    def control(self) -> str | None:
        return self.region.control if self.region else None


@dataclass(frozen=True)
class UnitView(_CuratedStatus):
    """A unit a source names: its mentions and sentences, and the curated status (or None) with its source."""

    iso: str
    name: str
    mentions: tuple[MentionHit, ...]
    region: RegionClaim | None
    status_source: str | None
    status_meta: SourceMeta | None

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
    def curated(self) -> bool:
        return self.region is not None

    @property
    def claim_excerpts(self) -> tuple[Excerpt, ...]:
        return self.region.claim_excerpts if self.region else ()

    @property
    def control_excerpts(self) -> tuple[Excerpt, ...]:
        return self.region.control_excerpts if self.region else ()

    @property
    def context_excerpts(self) -> tuple[Excerpt, ...]:
        return self.region.context if self.region else ()

    @property
    def status_line(self) -> str:
        """The curated status (``Annexation declared … · Russian forces control most of it``) or the note."""
        return self.region.status_line() if self.region else f"Named in this source; {NOT_CURATED}"

    @property
    def status_source_line(self) -> str | None:
        """Which source supports the status: ``The Moscow Times, “…”, 27 February 2025``; None if uncurated."""
        return self.status_meta.source_line() if self.region and self.status_meta else None


@dataclass(frozen=True)
class SourceView:
    """What one source names: a :class:`UnitView` per unit, in order of first mention."""

    article: Article
    units: tuple[UnitView, ...]
    curated_source: str

    @property
    def path(self) -> str:
        """What this source's excerpts cite (``store:<id>``, ``seeds/….txt``, or a file path as given)."""
        return self.article.path

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


class _Blocks:
    """Find the block holding an offset by bisection (articles can have thousands of lines)."""

    def __init__(self, article: Article):
        self.blocks = article.blocks
        self.starts = [b.start for b in article.blocks]

    def at(self, offset: int) -> Block | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0 and self.blocks[i].start <= offset < self.blocks[i].end:
            return self.blocks[i]
        return None

    def overlaps_boilerplate(self, start: int, end: int) -> bool:
        i = max(bisect.bisect_right(self.starts, start) - 1, 0)
        for block in self.blocks[i:]:
            if block.start >= end:
                break
            if block.kind == "boilerplate" and block.start < end and start < block.end:
                return True
        return False


def _sentence_excerpt(
    article: Article, block: Block, start: int, end: int, split: dict[int, tuple[tuple[Sentence, ...], list[int]]]
) -> Excerpt:
    """The sentence of ``block`` holding ``start`` (stretched to ``end`` if the mention runs past it).

    ``split`` caches each block's sentences and their starts (the headline, which the reader does not split into
    sentences, is split here the same way).
    """
    if block.start not in split:
        sentences = block.sentences or split_sentences(article.text, block.start, block.end)
        split[block.start] = (sentences, [s.start for s in sentences])
    sentences, starts = split[block.start]
    lo, hi = block.start, block.end
    i = bisect.bisect_right(starts, start) - 1
    if i >= 0 and sentences[i].start <= start < sentences[i].end:
        lo, hi = sentences[i].start, sentences[i].end
    lo, hi = min(lo, start), max(hi, end)
    label = block.kind if block.kind in ("caption", "headline") else None
    return Excerpt(article.path, lo, hi, article.text[lo:hi], label)


def find_hits(article: Article) -> list[MentionHit]:
    """Every gazetteer mention in the article's headline, caption and body (never in boilerplate)."""
    from dashboard import gazetteer

    blocks = _Blocks(article)
    split: dict[int, tuple[tuple[Sentence, ...], list[int]]] = {}
    hits = []
    for m in gazetteer.find_mentions(article.text):
        start, end = int(m.start), int(m.end)
        if not 0 <= start < end <= len(article.text):
            continue
        block = blocks.at(start)
        if block is None or block.kind == "boilerplate" or blocks.overlaps_boilerplate(start, end):
            continue
        hits.append(
            MentionHit(
                unit=m.unit,
                name=m.name,
                feature=m.feature,
                start=start,
                end=end,
                text=article.text[start:end],
                block=block.kind,
                excerpt=_sentence_excerpt(article, block, start, end, split),
            )
        )
    hits.sort(key=lambda h: (h.start, h.end, h.unit))
    return hits


def source_view(article: Article, curated: ClaimsData) -> SourceView:
    """The units ``article`` names, with their mentions and sentences, and the curated status of each.

    Parameters
    ----------
    article : Article
        Any source (a stored one: ``StoredSource.article()``; a file: ``build_article``).
    curated : ClaimsData
        The curated claims data (``claims.load_claims()``): the only place statuses come from.
    """
    by_unit: dict[str, list[MentionHit]] = {}
    for hit in find_hits(article):
        by_unit.setdefault(hit.unit, []).append(hit)
    units = []
    for iso, hits in by_unit.items():
        region = curated.region_for_unit(iso)
        units.append(
            UnitView(
                iso=iso,
                name=hits[0].name,
                mentions=tuple(hits),
                region=region,
                status_source=curated.article.path if region else None,
                status_meta=curated.article.meta if region else None,
            )
        )
    return SourceView(article=article, units=tuple(units), curated_source=curated.article.path)


# -- several sources ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CombinedUnit(_CuratedStatus):
    """A unit named by one or more of several sources; its excerpts stay grouped by source."""

    iso: str
    name: str
    by_source: tuple[tuple[SourceView, UnitView], ...]
    region: RegionClaim | None

    @property
    def sources(self) -> tuple[str, ...]:
        """The paths of the sources that name the unit, in the order the views were given."""
        return tuple(view.path for view, _ in self.by_source)

    def excerpts_by_source(self) -> dict[str, tuple[Excerpt, ...]]:
        """``{source path: the sentences of that source naming the unit}``."""
        return {view.path: unit.excerpts for view, unit in self.by_source}

    @property
    def status_line(self) -> str:
        return self.by_source[0][1].status_line


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

    Units come in order of first appearance over the views; each keeps, per source, that source's mentions and
    sentences. Statuses are the curated ones, as in each view.
    """
    unique: dict[str, SourceView] = {}
    for view in views:
        unique.setdefault(view.path, view)
    grouped: dict[str, list[tuple[SourceView, UnitView]]] = {}
    for view in unique.values():
        for unit in view.units:
            grouped.setdefault(unit.iso, []).append((view, unit))
    units = tuple(
        CombinedUnit(iso=iso, name=pairs[0][1].name, by_source=tuple(pairs), region=pairs[0][1].region)
        for iso, pairs in grouped.items()
    )
    return CombinedView(sources=tuple(unique.values()), units=units)


# -- frames --------------------------------------------------------------------------------------------------------


def map_frame(
    view: SourceView | CombinedView, detail: str = "simplified", boundaries_path: str | Path | None = None
) -> gpd.GeoDataFrame:
    """Every unit of Ukraine with its state in ``view``, for drawing the map.

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326, sorted by ISO code; columns ``iso_3166_2``, ``name``, ``named`` (bool), ``mentions`` (count),
        ``sources`` (count of sources naming it), ``headline_only`` (bool), ``curated`` (bool), ``claim``,
        ``control`` (curated values; None where not named or not curated), ``status`` (one line), ``geometry``.
        Units not named stay neutral: ``named`` False, ``claim``/``control`` None, status "Not named in this
        source".
    """
    from dashboard import boundaries

    units = boundaries.load_units(detail, boundaries_path)
    frame = units[["iso_3166_2", "name", "geometry"]].copy()
    rows: dict[str, dict[str, Any]] = {}
    if isinstance(view, CombinedView):
        for u in view.units:
            mentions = [m for _, uv in u.by_source for m in uv.mentions]
            rows[u.iso] = {
                "mentions": len(mentions),
                "sources": len(u.by_source),
                "headline_only": all(m.in_headline for m in mentions),
                "region": u.region,
                "status": u.status_line,
            }
    else:
        for u in view.units:
            rows[u.iso] = {
                "mentions": len(u.mentions),
                "sources": 1,
                "headline_only": u.headline_only,
                "region": u.region,
                "status": u.status_line,
            }
    isos = list(frame["iso_3166_2"])
    frame["named"] = [iso in rows for iso in isos]
    frame["mentions"] = [rows[iso]["mentions"] if iso in rows else 0 for iso in isos]
    frame["sources"] = [rows[iso]["sources"] if iso in rows else 0 for iso in isos]
    frame["headline_only"] = [bool(rows[iso]["headline_only"]) if iso in rows else False for iso in isos]
    frame["curated"] = [iso in rows and rows[iso]["region"] is not None for iso in isos]
    for column in ("claim", "control"):
        values = [getattr(rows[iso]["region"], column) if _curated_at(rows, iso) else None for iso in isos]
        frame[column] = pd.Series(values, dtype=object, index=frame.index)
    frame["status"] = [rows[iso]["status"] if iso in rows else NOT_NAMED for iso in isos]
    return frame.sort_values("iso_3166_2").reset_index(drop=True)


def _curated_at(rows: dict[str, dict[str, Any]], iso: str) -> bool:
    return iso in rows and rows[iso]["region"] is not None


def _region_id(unit_name: str, taken: set[str]) -> str:
    from dashboard.store import slugify

    base = slugify(unit_name)
    rid, n = base, 2
    while rid in taken:
        rid, n = f"{base}-{n}", n + 1
    return rid


def view_frame(view: SourceView, detail: str = "full", boundaries_path: str | Path | None = None) -> gpd.GeoDataFrame:
    """One row per unit the source names, in the shape of :func:`dashboard.claims.claims_frame`.

    ``excerpts`` are this source's sentences naming the unit; ``claim``, ``control``, ``claim_excerpts``,
    ``control_excerpts`` and ``claim_note`` come from the curated data (None, [], [] and :data:`NOT_CURATED` for
    a unit it does not cover); ``context_excerpts`` is empty (the curated context belongs to the curated source).
    ``region`` is the curated region id, or a slug of the unit's name.
    """
    from dashboard import boundaries

    units = boundaries.load_units(detail, boundaries_path).set_index("iso_3166_2")
    taken = {u.region.region for u in view.units if u.region}
    rows = []
    for u in view.units:
        if u.iso not in units.index:  # the gazetteer and the boundary file disagree: nothing to draw
            continue
        unit = units.loc[u.iso]
        if u.region:
            region_id, region_name, note = u.region.region, u.region.name, u.region.claim_note
        else:
            region_id = _region_id(str(unit["name"]), taken)
            taken.add(region_id)
            region_name, note = u.name, NOT_CURATED
        rows.append(
            {
                "region": region_id,
                "region_name": region_name,
                "name": unit["name"],
                "iso_3166_2": u.iso,
                "claim": u.claim,
                "control": u.control,
                "claim_excerpts": list(u.claim_excerpts),
                "control_excerpts": list(u.control_excerpts),
                "excerpts": list(u.excerpts),
                "context_excerpts": [],
                "claim_note": note,
                "geometry": unit.geometry,
            }
        )
    return frames.object_frame(rows, FRAME_COLUMNS)


def read_file(path: str | Path) -> tuple[Article, ingest.IngestedText]:
    """Read an article file (``.txt``, ``.md``, ``.html``) as the command line does.

    Excerpts cite the path as given. A UTF-8 ``.txt``/``.md`` file is kept character for character, so offsets
    count into the file decoded as UTF-8; for ``.html`` (and a file in another encoding) they count into the
    text ingest extracted (``IngestedText.text``, also ``Article.text``). Metadata comes from a ``.toml`` beside
    the file (same stem; see ``seeds/*.toml``) if there is one, else from the suggestions of ingest.

    Raises
    ------
    DataError
        Naming the path as given, for a missing file or anything ingest refuses.
    """
    shown = os.fspath(path)
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise DataError(shown, "source file not found") from None
    except IsADirectoryError:
        raise DataError(shown, "is a directory, not an article file") from None
    except OSError as exc:
        raise DataError(shown, f"cannot be read ({exc.strerror})") from None
    try:
        ingested = ingest.ingest_bytes(p.name, data, exact=True)
    except DataError as exc:
        raise DataError(shown, exc.problem, exc.entry) from None
    meta_path = p.with_suffix(".toml")
    if meta_path.is_file():
        meta = read_meta(meta_path)
    else:
        suggested = ingested.suggested_meta()
        meta = SourceMeta(
            title=suggested.title or p.stem,
            publisher=suggested.publisher,
            published=suggested.published,
            url=suggested.url,
        )
    return build_article(shown, ingested.text, meta), ingested


def frame_for_file(
    path: str | Path, curated: ClaimsData, boundaries_path: str | Path | None = None
) -> tuple[gpd.GeoDataFrame, SourceMeta, str]:
    """The units an article file names, for the command line's ``export --source FILE``.

    Returns
    -------
    (frame, meta, source)
        ``frame`` as :func:`view_frame` (full-detail geometry), the article's metadata, and ``source``: the path
        as given, which every excerpt of the article cites.

    Raises
    ------
    DataError
        See :func:`read_file`.
    """
    article, _ = read_file(path)
    view = source_view(article, curated)
    return view_frame(view, "full", boundaries_path), article.meta, article.path


def views_for(articles: Sequence[Article], curated: ClaimsData) -> list[SourceView]:
    """:func:`source_view` of each article."""
    return [source_view(a, curated) for a in articles]
