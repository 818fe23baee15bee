"""A claim over a counted list that the next sentences name: "Putin signed documents that purport to incorporate four
regions of Ukraine into the Russian Federation. … Which regions are involved? Donetsk and Luhansk …, and
Zaporizhzhia and Kherson."

The first sentence must say that Russia (Putin, Moscow, the Kremlin) annexed, incorporated or declared its own "N
regions" (two to six), or declared that N regions were now part of Russia, and name no unit up to the count ("a
move Kyiv rejected" may follow), with no negation or hedge before the cue; the next sentence that names units (up
to three sentences on, never past another naming one) must name exactly N distinct units, none of them a city unit.
Each of them gets the claim, cited by one excerpt: the text from the counting sentence to the end of the listing
one, verbatim. Anything less clear is left unsuggested.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from dashboard.claims.suggest.matching import _fold, _holds, _needs
from dashboard.claims.suggest.model import _BLOCK_RANK, CITY_UNITS
from dashboard.claims.suggest.patterns import _HYPOTHETICAL, _NEGATION
from dashboard.claims.suggest.sentence import _Candidate, _claim_value
from dashboard.claims.suggest.words import _RU
from dashboard.sources.model import Article, Excerpt

_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6}
_COUNTED_CLAIM = re.compile(
    rf"\b(?P<actor>{_RU})\b[^.;:!?]{{0,90}}?\b(?P<cue>annex(?:ed|es|ing)?|incorporat(?:e|ed|es|ing)|"
    r"absorb(?:ed|s|ing)?|declared\s+(?:as\s+)?(?:its\s+own|Russian)|proclaimed\s+(?:as\s+)?(?:its\s+own|Russian))\b"
    r"(?P<gap>[^.;:!?]{0,30}?)\b(?P<count>(?P<n>two|three|four|five|six|[2-6])\s+(?:(?:Ukrainian|partly\s+occupied|"
    r"occupied)\s+)?(?:regions|provinces|oblasts))\b",
    re.IGNORECASE,
)
_COUNTED_PART_OF = re.compile(
    rf"\b(?P<actor>{_RU})\b[^.;:!?]{{0,60}}?\b(?:declared|proclaimed|announced)\s+(?:that\s+)?"
    r"(?P<count>(?P<n>two|three|four|five|six|[2-6])\s+(?:[\w-]+\s+){0,3}?(?:regions|provinces|oblasts))\b[^.;:!?]{0,40}?"
    r"\b(?P<cue>(?:were|are|had\s+become|became|have\s+become)\s+(?:now\s+)?(?:part\s+of\s+Russia|Russian"
    r"(?:\s+territory)?))\b",
    re.IGNORECASE,
)
_NEEDS = tuple(_needs(p) for p in (_COUNTED_CLAIM, _COUNTED_PART_OF))
"""What each pattern above needs (:func:`~dashboard.claims.suggest.matching._needs`): a sentence holding neither
set's words is not searched (most sentences; the search took a tenth of a 1 MB article's time)."""


def list_claims(
    article: Article, places: Mapping[int, Iterable[tuple[int, str]]], published: int | None
) -> list[_Candidate]:
    """Claim candidates for the units a counted list names in the sentence after its claim (see the module).

    ``places`` maps a sentence's start to the (offset, unit) of the place mentions in it.
    """
    sentences = list(article.sentences())
    found: list[_Candidate] = []
    for k, (block, sent) in enumerate(sentences):
        text = article.text[sent.start : sent.end]
        low = _fold(text)
        if low is not None and not any(_holds(low, needs) for needs in _NEEDS):
            continue
        m = _COUNTED_CLAIM.search(text) or _COUNTED_PART_OF.search(text)
        if m is None or text.rstrip(" \"”’')").endswith("?"):
            continue
        if any(pos < sent.start + m.end() for pos, _ in places.get(sent.start, ())):
            continue  # a unit named up to the count: the sentence's own list, read by the sentence rules
        before = text[: m.start("cue")]
        if _NEGATION.search(" ".join(before.split()[-4:])) or _HYPOTHETICAL.search(before):
            continue
        count = _COUNTS[m.group("n").casefold()]
        for _, listing in sentences[k + 1 : k + 4]:
            named = list(places.get(listing.start, ()))
            if not named:
                continue
            units = list(dict.fromkeys(u for _, u in named))
            if len(units) != count or set(units) & CITY_UNITS:
                break
            span = article.text[sent.start : listing.end]
            excerpt = Excerpt(article.path, sent.start, listing.end, span)
            cue = sorted(
                [
                    (sent.start + m.start("cue"), sent.start + m.end("cue")),
                    (sent.start + m.start("count"), sent.start + m.end("count")),
                ]
            )
            for unit in units:
                value = _claim_value(unit, text, text[m.start("cue") :], published)
                if value is not None:
                    rank = (False, _BLOCK_RANK.get(block.kind, 2), 1, sent.start)
                    found.append(_Candidate(unit, "claim", value, excerpt, tuple(cue), None, rank))
            break
    return found
