"""What a mention of a unit is: a place, the government ("Kyiv said") or a dateline."""

from __future__ import annotations

import re

from dashboard.claims.suggest.model import CAPITAL_UNITS
from dashboard.claims.suggest.patterns import _REGION_WORD

# mention_role
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
    r"\s+(?:and|or|nor)\s+(?:Moscow|Washington|Brussels|London|Russia|the\s+West|its\s+allies)\b"
)
_GOV_BEFORE = re.compile(r"\b(?:between|pressure\s+on|pressed|pressing|urged|urging|told)\s+$", re.IGNORECASE)


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
        line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
        after = text[end : end + 80]
        if not text[line_start:start].strip() and _DATELINE_AFTER.match(after):
            return "dateline"
        if unit not in CAPITAL_UNITS or _REGION_WORD.match(after.lstrip()):
            return "place"
        before = text[max(0, start - 40) : start]
        if re.search(r"\b(?:in|near|around|outside|of|to|from|into|over|above|across|toward|towards|at)\s+$", before):
            return "place"
        if _GOV_AFTER.match(after) or _GOV_AROUND.search(before) or _GOV_PAIR_AFTER.match(after):
            return "government"
        if _GOV_BEFORE.search(before):
            return "government"
        return "place"
    except (TypeError, ValueError):
        return "place"
