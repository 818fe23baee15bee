"""Stand-ins: "the region", "either region" / "the three regions" and "the peninsula" for the unit(s) they stand
for, where that is unambiguous."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.claims.suggest.matching import _may_match, _needs
from dashboard.claims.suggest.model import CITY_UNITS, CRIMEA_UNITS
from dashboard.sources.model import Article, Excerpt


@dataclass(frozen=True)
class _Anaphor:
    """A stand-in mention: "the region" for the one unit named in its sentence or the one before it, "the
    peninsula" for Crimea (and for Sevastopol, where the article names it, for ``control all`` only)."""

    unit: str
    start: int
    end: int
    text: str
    excerpt: Excerpt
    block: str = "body"
    feature: str = "region"
    only: tuple[str, str] | None = None


_ANAPHOR_REGION = re.compile(
    r"\b(?:the|that|this)\s+(?:(?:entire|whole)\s+)?(?P<w>region|oblast|province)\b(?!['’]s|\s+of\b|-)", re.IGNORECASE
)
_ANAPHOR_PAIR = re.compile(
    r"\b(?P<w>(?P<n>either|both|the\s+two|the\s+three|all\s+three|the\s+four|all\s+four)\s+(?:regions?|oblasts?|"
    r"provinces?)|(?P<n2>either|both)\s+of\s+them)\b(?!['’]s|\s+of\b)",
    re.IGNORECASE,
)
_COUNTS = {"either": 2, "both": 2, "two": 2, "three": 3, "four": 4}
_ANAPHOR_PENINSULA = re.compile(r"\bthe\s+(?:whole\s+|entire\s+)?(?:Crimean\s+)?(?P<w>peninsula)\b(?!['’]s)")
_REGION_NEEDS = _needs(_ANAPHOR_REGION)
"""What :data:`_ANAPHOR_REGION` needs (a region word): a sentence without one is not searched."""
_PAIR_NEEDS = _needs(_ANAPHOR_PAIR)
"""What :data:`_ANAPHOR_PAIR` needs ("either", "both", "two", …): likewise."""


def _region_referent(text: str, at: int, own: list[tuple[int, str]], prev: list[tuple[int, str]]) -> str | None:
    """The unit "the region" at ``at`` (sentence offsets) stands for, or None where that is not unambiguous.

    The mentions before it in its sentence if any (one unit, no city unit), else those of the last sentence naming
    a unit, one or two sentences back (likewise); a mention after it in the same clause ("the region around
    Kyiv") makes it unclear."""
    before = {u for pos, u in own if pos < at}
    if any(pos > at and not re.search(r"[,;:—–()]", text[at:pos]) for pos, _ in own):
        return None
    pool = before if before else {u for _, u in prev} if not before else set()
    if len(pool) != 1 or pool & CITY_UNITS:
        return None
    return next(iter(pool))


def _group_referents(
    text: str, at: int, count: int, own: list[tuple[int, str]], prev: list[tuple[int, str]]
) -> tuple[str, ...]:
    """The ``count`` units "either region" / "both regions" / "the three regions" at ``at`` stand for: exactly
    that many named before it in its sentence, else in the last sentence naming a unit (no city unit); none
    when a unit is named after it in its clause ("the four regions Moscow claims — Donetsk, …": the list
    follows, read as a list)."""
    if any(pos > at and not re.search(r"[;.]", text[at:pos]) for pos, _ in own):
        return ()
    before = {u for pos, u in own if pos < at}
    if before:
        last = max(pos for pos, _ in own if pos < at)
        if re.fullmatch(r"[\w'’ -]{1,40},\s*", text[last:at]):
            return ()  # an apposition to the list ("Donetsk, …, and Kherson, the four provinces Moscow …")
    pool = before if before else {u for _, u in prev}
    if len(pool) != count or pool & CITY_UNITS:
        return ()
    return tuple(sorted(pool))


def _add_anaphors(article: Article, places: list, by_sentence: dict) -> None:
    """Stand-in mentions for "the region" / "the peninsula" where what they stand for is unambiguous.

    ``places`` are the hits that name a place (:func:`~dashboard.claims.roles.mention_role`: "Kyiv's forces" names
    none)."""
    named: dict[int, list[tuple[int, str]]] = {}
    for h in places:
        named.setdefault(h.excerpt.start, []).append((h.start - h.excerpt.start, h.unit))
    article_units = {u for hs in named.values() for _, u in hs}
    prev: list[tuple[int, str]] = []
    since = 0
    peninsula = bool(article_units & CRIMEA_UNITS)
    for block, sent in article.sentences():
        own = named.get(sent.start, [])
        text = article.text[sent.start : sent.end]
        region = _may_match(text, *_REGION_NEEDS)
        group = _may_match(text, *_PAIR_NEEDS)
        crimea = peninsula and "peninsula" in text  # the pattern is case-sensitive
        if region or group or crimea:
            found: list[_Anaphor] = []
            label = "caption" if block.kind == "caption" else None
            excerpt = Excerpt(article.path, sent.start, sent.end, text, label)
            for m in _ANAPHOR_REGION.finditer(text) if region else ():
                unit = _region_referent(text, m.start(), own, prev)
                if unit is not None:
                    s, e = sent.start + m.start("w"), sent.start + m.end("w")
                    found.append(_Anaphor(unit, s, e, article.text[s:e], excerpt, block.kind))
            for m in _ANAPHOR_PAIR.finditer(text) if group else ():
                count = _COUNTS[(m.group("n") or m.group("n2")).split()[-1].casefold()]
                for unit in _group_referents(text, m.start(), count, own, prev):
                    s, e = sent.start + m.start("w"), sent.start + m.end("w")
                    found.append(_Anaphor(unit, s, e, article.text[s:e], excerpt, block.kind))
            for m in _ANAPHOR_PENINSULA.finditer(text) if crimea else ():
                s, e = sent.start + m.start("w"), sent.start + m.end("w")
                found.append(_Anaphor("UA-43", s, e, article.text[s:e], excerpt, block.kind))
                if "UA-40" in article_units:
                    found.append(
                        _Anaphor("UA-40", s, e, article.text[s:e], excerpt, block.kind, only=("control", "all"))
                    )
            if found:
                entry = by_sentence.setdefault((sent.start, sent.end), (excerpt, []))
                if entry[0].start == sent.start and entry[0].end == sent.end:
                    entry[1].extend(found)
        # The sentence before, or the one before that when the one between names no unit ("Russia declared it
        # had annexed the Zaporizhzhia region. The declaration was not matched on the ground. Russian forces
        # occupy about three quarters of the region."): never further, never past another unit.
        if own:
            prev, since = own, 0
        else:
            since += 1
            if since > 1:
                prev = []
