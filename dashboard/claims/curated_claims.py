"""The data module: the regions a source names, their annotated status, and the excerpts that support it.

``load_claims()`` reads ``data/claims.toml``, checks every value against the closed vocabulary, every ISO code
against the boundary file, and every excerpt against its source (verbatim at its offsets, never in publisher
boilerplate). Anything wrong raises :class:`~dashboard.core.errors.DataError` naming the file, the entry and the bad
value. ``claims_frame()`` joins the claims to the boundaries as GeoDataFrames (EPSG:4326).
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd

from dashboard.claims.vocab import CLAIM_LABELS, CLAIMS, CONTROL_LABELS, CONTROLS, check_choice
from dashboard.core import frames, paths
from dashboard.core.errors import DataError
from dashboard.places import boundaries
from dashboard.sources.model import Article, Excerpt
from dashboard.sources.reader import load_article


@dataclass(frozen=True)
class RegionClaim:
    """One region the source names, with its status and the excerpts behind each value."""

    region: str
    name: str
    units: tuple[str, ...]
    claim: str
    claim_excerpts: tuple[Excerpt, ...]
    control: str
    control_excerpts: tuple[Excerpt, ...]
    mentions: tuple[Excerpt, ...]
    context: tuple[Excerpt, ...]
    claim_note: str | None = None
    control_note: str | None = None

    @property
    def claim_label(self) -> str:
        return CLAIM_LABELS[self.claim]

    @property
    def control_label(self) -> str:
        return CONTROL_LABELS[self.control]

    def status_line(self) -> str:
        """``Annexation declared by Russia in 2022 · Russian forces control most of it``."""
        return f"{self.claim_label} · {self.control_label}"


@dataclass(frozen=True)
class ClaimsData:
    """The validated claims of one source."""

    article: Article
    regions: tuple[RegionClaim, ...]
    excerpts: Mapping[str, Excerpt]
    path: str

    def region_for_unit(self, iso: str) -> RegionClaim | None:
        """The region that holds boundary unit ``iso``, or None if the source does not name it."""
        for region in self.regions:
            if iso in region.units:
                return region
        return None

    def region_by_id(self, region_id: str) -> RegionClaim | None:
        """The region with stable id ``region_id`` (e.g. ``"donetsk"``), or None."""
        return next((r for r in self.regions if r.region == region_id), None)

    @property
    def units(self) -> tuple[str, ...]:
        """Every boundary unit the source names, in the file's order."""
        return tuple(u for r in self.regions for u in r.units)


_TOP_KEYS = {"schema", "source", "excerpts", "regions"}
_EXCERPT_KEYS = {"start", "end", "text", "label"}
_REGION_KEYS = {
    "name",
    "units",
    "claim",
    "claim_excerpts",
    "claim_note",
    "control",
    "control_excerpts",
    "control_note",
    "mentions",
    "context",
}


def _read_toml(path: Path, shown: str) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(shown, "claims file not found") from None
    except UnicodeDecodeError as exc:
        raise DataError(shown, f"not UTF-8 text (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise DataError(shown, f"not valid TOML ({exc})") from None


def _unknown_keys(table: Mapping[str, Any], allowed: set[str], shown: str, entry: str | None) -> None:
    extra = sorted(set(table) - allowed)
    if extra:
        raise DataError(shown, f"unknown key {extra[0]!r} (allowed: {', '.join(sorted(allowed))})", entry)


def _check_excerpt(key: str, raw: Any, article: Article, shown: str) -> Excerpt:
    entry = f"excerpt {key!r}"
    if not isinstance(raw, Mapping):
        raise DataError(shown, f"must be a table with start, end and text (got {raw!r})", entry)
    _unknown_keys(raw, _EXCERPT_KEYS, shown, entry)
    start, end, text = raw.get("start"), raw.get("end"), raw.get("text")
    for name, value in (("start", start), ("end", end)):
        if not isinstance(value, int) or isinstance(value, bool):
            raise DataError(shown, f"{name} must be a whole number (got {value!r})", entry)
    if not isinstance(text, str) or not text:
        raise DataError(shown, f"text must be a non-empty string (got {text!r})", entry)
    if start > end:
        raise DataError(shown, f"start {start} is after end {end}", entry)
    if not 0 <= start < end <= len(article.text):
        raise DataError(
            shown,
            f"offsets {start}:{end} fall outside the source ({article.path} has {len(article.text)} characters)",
            entry,
        )
    actual = article.text[start:end]
    if actual != text:
        raise DataError(
            shown,
            f"text {text!r} does not match the source at {start}:{end}, which reads {actual!r}",
            entry,
        )
    if article.in_boilerplate(start, end):
        raise DataError(shown, f"cites publisher boilerplate at {start}:{end} ({text!r}), not article text", entry)
    label = raw.get("label")
    if label is not None and label not in ("caption", "headline"):
        raise DataError(shown, f"label: unknown value {label!r} (expected 'caption' or 'headline')", entry)
    block = article.block_at(start)
    if block is not None and block.kind == "caption" and label != "caption":
        raise DataError(shown, f'cites the photo caption at {start}:{end}: mark it label = "caption"', entry)
    return Excerpt(article.path, start, end, text, label, key)


def _refs(raw: Mapping[str, Any], field: str, excerpts: Mapping[str, Excerpt], shown: str, entry: str) -> tuple:
    value = raw.get(field, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataError(shown, f"{field} must be a list of excerpt ids (got {value!r})", entry)
    for ref in value:
        if ref not in excerpts:
            raise DataError(shown, f"{field}: unknown excerpt id {ref!r}", entry)
    return tuple(excerpts[ref] for ref in value)


def _check_region(
    region_id: str, raw: Any, excerpts: Mapping[str, Excerpt], known_units: set[str], shown: str
) -> RegionClaim:
    entry = f"region {region_id!r}"
    if not isinstance(raw, Mapping):
        raise DataError(shown, f"must be a table (got {raw!r})", entry)
    _unknown_keys(raw, _REGION_KEYS, shown, entry)
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise DataError(shown, f"name must be a non-empty string (got {name!r})", entry)
    units = raw.get("units")
    if not isinstance(units, list) or not units or not all(isinstance(u, str) for u in units):
        raise DataError(shown, f"units must be a non-empty list of ISO 3166-2 codes (got {units!r})", entry)
    for unit in units:
        if unit not in known_units:
            raise DataError(shown, f"units: unknown ISO 3166-2 code {unit!r} (not in the boundary file)", entry)
    try:
        claim = check_choice(raw.get("claim"), CLAIMS, "claim")
        control = check_choice(raw.get("control"), CONTROLS, "control")
    except ValueError as exc:
        raise DataError(shown, str(exc), entry) from None
    claim_excerpts = _refs(raw, "claim_excerpts", excerpts, shown, entry)
    control_excerpts = _refs(raw, "control_excerpts", excerpts, shown, entry)
    if claim == "not-stated" and claim_excerpts:
        raise DataError(shown, "claim 'not-stated' must cite no excerpt", entry)
    if claim != "not-stated" and not claim_excerpts:
        raise DataError(
            shown, f"claim {claim!r} cites no excerpt: every value names the excerpt that supports it", entry
        )
    if control == "not-stated" and control_excerpts:
        raise DataError(shown, "control 'not-stated' must cite no excerpt", entry)
    if control != "not-stated" and not control_excerpts:
        raise DataError(shown, f"control {control!r} cites no excerpt: cite one or use 'not-stated'", entry)
    notes = {}
    for field in ("claim_note", "control_note"):
        note = raw.get(field)
        if note is not None and (not isinstance(note, str) or not note.strip()):
            raise DataError(shown, f"{field} must be a non-empty string (got {note!r})", entry)
        notes[field] = note
    return RegionClaim(
        region=region_id,
        name=name.strip(),
        units=tuple(units),
        claim=claim,
        claim_excerpts=claim_excerpts,
        control=control,
        control_excerpts=control_excerpts,
        mentions=_refs(raw, "mentions", excerpts, shown, entry),
        context=_refs(raw, "context", excerpts, shown, entry),
        **notes,
    )


def parse_claims(raw: Mapping[str, Any], shown: str, known_units: set[str]) -> ClaimsData:
    """Validate an already-parsed claims document.

    Parameters
    ----------
    raw : mapping
        The parsed TOML.
    shown : str
        The file name to put in error messages.
    known_units : set of str
        ISO 3166-2 codes present in the boundary file.

    Raises
    ------
    DataError
        On the first problem, naming the entry and quoting the bad value.
    """
    _unknown_keys(raw, _TOP_KEYS, shown, None)
    if raw.get("schema") != 1:
        raise DataError(shown, f"schema: unsupported version {raw.get('schema')!r} (expected 1)")
    source = raw.get("source")
    if not isinstance(source, str) or not source:
        raise DataError(shown, f"source must name the article file (got {source!r})")
    try:
        article = load_article(source)
    except DataError as exc:
        raise DataError(shown, f"source {source!r}: {exc}") from None
    raw_excerpts = raw.get("excerpts", {})
    if not isinstance(raw_excerpts, Mapping):
        raise DataError(shown, f"excerpts must be a table of tables (got {raw_excerpts!r})")
    excerpts = {key: _check_excerpt(key, value, article, shown) for key, value in raw_excerpts.items()}
    raw_regions = raw.get("regions")
    if not isinstance(raw_regions, Mapping) or not raw_regions:
        raise DataError(shown, f"regions must be a non-empty table (got {raw_regions!r})")
    regions = tuple(_check_region(rid, value, excerpts, known_units, shown) for rid, value in raw_regions.items())
    seen: dict[str, str] = {}
    for region in regions:
        for unit in region.units:
            if unit in seen:
                raise DataError(
                    shown, f"units: {unit!r} is already in region {seen[unit]!r}", f"region {region.region!r}"
                )
            seen[unit] = region.region
    return ClaimsData(article=article, regions=regions, excerpts=excerpts, path=shown)


@functools.lru_cache(maxsize=8)
def _load_cached(path: Path, mtime_ns: int, size: int, boundaries_path: Path | None) -> ClaimsData:
    shown = paths.relative_to_root(path)
    raw = _read_toml(path, shown)
    units = boundaries.load_units("full", boundaries_path)
    return parse_claims(raw, shown, set(units["iso_3166_2"]))


def load_claims(path: str | Path | None = None, boundaries_path: str | Path | None = None) -> ClaimsData:
    """Load and validate the claims data.

    Parameters
    ----------
    path : str or Path, optional
        The claims file; defaults to ``data/claims.toml``.
    boundaries_path : str or Path, optional
        The full-detail boundary file whose ISO codes the claims must use; defaults to the committed one.

    Returns
    -------
    ClaimsData
        Cached until the claims file changes (the source article is cached on its own mtime).

    Raises
    ------
    DataError
        If anything is wrong, naming the file, the entry and the bad value.
    """
    p = Path(path) if path is not None else paths.CLAIMS
    try:
        st = p.stat()
    except FileNotFoundError:
        raise DataError(paths.relative_to_root(p), "claims file not found") from None
    bp = Path(boundaries_path).resolve() if boundaries_path is not None else None
    return _load_cached(p.resolve(), st.st_mtime_ns, st.st_size, bp)


CLAIMS_FRAME_COLUMNS = (
    "region", "region_name", "name", "iso_3166_2", "claim", "control",
    "claim_excerpts", "control_excerpts", "excerpts", "context_excerpts", "claim_note", "geometry",
)  # fmt: skip


def claims_frame(data: ClaimsData, detail: boundaries.Detail = "full", boundaries_path=None) -> gpd.GeoDataFrame:
    """One row per boundary unit the source names, with its region's status and excerpts.

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326; columns ``region``, ``region_name``, ``name``, ``iso_3166_2``, ``claim``, ``control``,
        ``claim_excerpts``, ``control_excerpts``, ``excerpts`` (the sentences that name the region),
        ``context_excerpts`` (lists of :class:`Excerpt`), ``claim_note``, ``geometry``; in the claims file's order.
    """
    units = boundaries.load_units(detail, boundaries_path).set_index("iso_3166_2")
    rows = []
    for region in data.regions:
        for iso in region.units:
            unit = units.loc[iso]
            rows.append(
                {
                    "region": region.region,
                    "region_name": region.name,
                    "name": unit["name"],
                    "iso_3166_2": iso,
                    "claim": region.claim,
                    "control": region.control,
                    "claim_excerpts": list(region.claim_excerpts),
                    "control_excerpts": list(region.control_excerpts),
                    "excerpts": list(region.mentions),
                    "context_excerpts": list(region.context),
                    "claim_note": region.claim_note,
                    "geometry": unit.geometry,
                }
            )
    return frames.object_frame(rows, CLAIMS_FRAME_COLUMNS)
