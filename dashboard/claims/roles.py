"""What a name in an article names: the place, the government of a capital ("Kyiv said"), or a dateline.

:func:`mention_role` decides it from the words around the mention. It is apart from :mod:`dashboard.claims.suggest`
(which uses it) because every view of a source needs it, the curated seed's too, while only a source without
curated statuses needs the suggester: a command-line export of the seed never imports that (its sixty regular
expressions took 0.15 s to compile).
"""

from __future__ import annotations

import re

__all__ = ["CAPITAL_UNITS", "REGION_WORD", "mention_role"]

CAPITAL_UNITS = frozenset({"UA-30"})
"""Units whose name also names a government (Kyiv)."""

REGION_WORD = re.compile(r"\b(?:region|regions|oblast|oblasts|province|provinces)\b", re.IGNORECASE)
"""A region word ("region", "oblast", "province", plural or not)."""

_DATELINE_AFTER = re.compile(
    r"\s*(?:,\s*(?:Ukraine\s*[,(—–-]|[A-Z][a-z]{2,8}\.?\s+\d{1,2}\b)|\((?:Reuters|AP|AFP|dpa|Bloomberg|UNIAN)\)|"
    r"\s*[—–]|\s+-\s)"
)
_GOV_AFTER = re.compile(
    r"(?:['’]s\s+(?:forces|troops|army|military|government|allies|partners|position|officials|leadership|"
    r"request|refusal|counteroffensive|demands?|response|stance|western\s+allies|backers)\b)|\s+(?:(?:has|have|had|"
    r"has\s+long|also|repeatedly|again|previously|still|now|then|quickly|immediately|on\s+\w+)\s+)*"
    r"(?:said|says|say|reiterated|reiterates|insists|insisted|wants|wanted|controls|controlled|accused|accuses|"
    r"denied|denies|claimed|claims|vowed|vows|rejected|rejects|urged|urges|warned|warns|asked|asks|called|calls|"
    r"demanded|demands|hopes|believes|announced|announces|responded|argues|argued|maintains|maintained|"
    r"refused|refuses|agreed|agrees|blamed|blames|condemned|condemns|dismissed|dismisses|welcomed|welcomes|"
    r"confirmed|confirms|declined|insist|asked|sought|seeks|plans|hopes|expects|considers|regards|"
    r"has\s+repeatedly|launched|retook|recaptured)\b"
)
_GOV_AROUND = re.compile(
    r"\b(?:Moscow|Washington|Brussels|London|Paris|Berlin|Beijing|Russia|the\s+West)\s+(?:and|or|nor)\s+$"
)
_GOV_PAIR_AFTER = re.compile(
    r"\s+(?:and|or|nor)\s+(?:Moscow|Washington|Brussels|London|Russia|the\s+West|its\s+allies|"
    r"(?:(?:Western|European|allied|foreign|other|partner)\s+)?(?:governments|capitals|allies|partners|leaders))\b"
)
_GOV_BEFORE = re.compile(r"\b(?:between|pressure\s+on|pressed|pressing|urged|urging|told)\s+$", re.IGNORECASE)


_PLACE_BEFORE = re.compile(r"\b(?:in|near|around|outside|of|to|from|into|over|above|across|toward|towards|at)\s+$")


def _opens_line(text: str, start: int) -> bool:
    """True if only white space stands between the last line break (``\\n`` or ``\\r``) before ``start`` and it.

    Walks back over that white space only (``str.rfind`` of a line break that is not there would scan the whole
    text for every mention: quadratic in a long article without ``\\r``)."""
    i = start
    while i > 0 and text[i - 1].isspace() and text[i - 1] not in "\n\r":
        i -= 1
    return i == 0 or text[i - 1] in "\n\r"


def mention_role(text: str, start: int, end: int, unit: str) -> str:
    """What a mention names: ``"place"``, ``"government"`` (a capital standing for its government) or
    ``"dateline"``.

    Parameters
    ----------
    text : str
        The article's text.
    start, end : int
        The mention's offsets.
    unit : str
        The unit the mention names (only a capital unit, Kyiv, can name a government).

    Returns
    -------
    str
        ``"dateline"`` for a mention opening a line before a date, agency or dash ("KYIV, Nov. 11, 2022 —",
        "KYIV (Reuters) -"); ``"government"`` for "Kyiv said / reiterated / insists / wants / controls …",
        "Kyiv's forces", "Moscow and Kyiv", "between Kyiv and …"; else ``"place"`` ("in Kyiv", "the Kyiv region").
    """
    try:
        if not (0 <= start < end <= len(text)):
            return "place"
        after = text[end : end + 80]
        if _opens_line(text, start) and _DATELINE_AFTER.match(after):
            return "dateline"
        if unit not in CAPITAL_UNITS or REGION_WORD.match(after.lstrip()):
            return "place"
        before = text[max(0, start - 40) : start]
        if _PLACE_BEFORE.search(before):
            return "place"
        if _GOV_AFTER.match(after) or _GOV_AROUND.search(before) or _GOV_PAIR_AFTER.match(after):
            return "government"
        if _GOV_BEFORE.search(before):
            return "government"
        return "place"
    except (TypeError, ValueError):
        return "place"
