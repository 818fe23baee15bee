"""The suggester's word lists: quantities, actors, status cues and the words allowed between a cue and a unit."""

from __future__ import annotations

import re

# -- word lists ------------------------------------------------------------------------------------------------

_Q_ALL = (
    r"all\s+of|the\s+whole\s+of|the\s+whole|whole|the\s+entire|entire|(?:the\s+)?entirety\s+of|fully|completely|"
    r"entirely|wholly|in\s+full|full|complete|total|(?:100|one\s+hundred)\s?(?:%|percent|per\s+cent)(?:\s+of)?"
)
_Q_MOST = (
    r"(?:nearly|almost|virtually|practically)\s+(?:all|the\s+whole|the\s+entire|entirely|fully|completely)"
    r"(?:\s+of)?|most\s+of|the\s+bulk\s+of|(?:the|a)\s+(?:vast\s+|large\s+)?majority\s+of|majority\s+of|largely|"
    r"(?:a\s+little\s+|just\s+|slightly\s+|well\s+)?(?:more\s+than|over)\s+half(?:\s+of)?|"
    r"mostly|the\s+(?:greater|larger|biggest|largest)\s+(?:part|portion|share)\s+of|"
    r"(?:roughly\s+|about\s+|around\s+|some\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+)?"
    r"(?:two[\s-]thirds|three[\s-]quarters|three[\s-]fourths|(?:three|four)[\s-]fifths)(?:\s+of)?|more\s+than\s+half(?:\s+of)?|"
    r"all\s+but\s+(?:a\s+few|a\s+handful\s+of|a\s+couple\s+of|a\s+dozen)\s+(?:(?:border|frontline|front-line)\s+)?"
    r"(?:villages|settlements|towns|hamlets|positions)\s+(?:in|of)"
)
_Q_PARTS = (
    r"(?:some\s+|large\s+|small\s+|several\s+|many\s+|other\s+|remaining\s+|occupied\s+)?"
    r"(?:parts|swathes|swaths|areas|pockets|chunks|portions|sections|stretches)\s+of|"
    r"(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+|some\s+)?half(?:\s+of)?"
)
_Q_PART = (
    r"(?:a\s+|one\s+)?(?:small\s+|tiny\s+|narrow\s+|thin\s+|precarious\s+)?(?:foothold|bridgehead|toehold)\s+in|"
    r"(?:a\s+)?(?:small\s+|narrow\s+|thin\s+)?(?:strip|string|cluster|handful|pocket|patch)\s+of\s+(?:(?:several|a\s+few|"
    r"some)\s+)?(?:(?:border|frontline|front-line)\s+)?(?:villages|settlements|land|territory)\s+in|"
    r"(?:several|a\s+few|a\s+number\s+of|a\s+dozen|dozens\s+of|two|three|four|five)\s+(?:(?:border|frontline|"
    r"front-line)\s+)?(?:villages|settlements|hamlets)\s+(?:in|of)|"
    r"(?:a\s+|the\s+|one\s+)?(?:small\s+|tiny\s+|large\s+|narrow\s+|thin\s+)?(?:(?:southern|northern|eastern|western|south-?eastern|"
    r"north-?eastern|south-?western|north-?western)\s+)?(?:part|portion|section|corner|strip|sliver|fraction|"
    r"slice|foothold|edge|share)\s+of|(?:roughly\s+|about\s+|around\s+|some\s+|nearly\s+|almost\s+|just\s+under\s+|"
    r"less\s+than\s+|under\s+|only\s+)?(?:(?:a|one)[\s-](?:third|quarter|fifth|sixth|tenth)|two[\s-]fifths)(?:\s+of)?|"
    r"less\s+than\s+half(?:\s+of)?|partially|partly"
)
_Q_ANY = r"any\s+part\s+of|any\s+of|any\s+territory\s+in|any\s+territory\s+of|any"
_Q_UNCLEAR = r"much\s+of"
_Q_PCT = (
    r"(?:about|around|roughly|nearly|almost|some|over|more\s+than|less\s+than|under|just\s+under)?\s*"
    r"(?P<pct>\d{1,3}(?:\.\d+)?)\s?(?:%|percent|per\s+cent)(?:\s+of)?"
)

_NOT_COMPARED = r"(?<!smaller\s)(?<!larger\s)(?<!bigger\s)(?<!greater\s)(?<!lesser\s)"
"""No share right after a comparative ("a smaller share of Donetsk than of …" compares, it states no share)."""

QUANTITY = re.compile(
    rf"\b{_NOT_COMPARED}(?=\w|\s*\d)(?:(?P<most>{_Q_MOST})|(?P<all>{_Q_ALL})|(?P<parts>{_Q_PARTS})|(?P<part>{_Q_PART})|(?P<any>{_Q_ANY})|"
    rf"(?P<unclear>{_Q_UNCLEAR})|{_Q_PCT})(?:\b|(?<=%)(?!\w))",
    re.IGNORECASE,
)
r"""A quantity phrase, its class the group that matched. ``(?=\w|\s*\d)`` says what every alternative starts
with (a letter or digit; the percentage may start with spaces before its number): it changes no match, and lets
a position after a word's end fail at once (at a word's end, followed by a space, every alternative was tried)."""

_ADV_QUANTITY = {
    "largely": "most", "mostly": "most", "partly": "part", "partially": "part", "fully": "all",
    "entirely": "all", "completely": "all", "wholly": "all",
}  # fmt: skip

_RU = (
    r"(?:Russian|Russia['’]s)\s+and\s+(?:pro-Russian\s+|allied\s+)?separatist\s+(?:forces|fighters|troops|units)|"
    r"(?:Russian-backed\s+|pro-Russian\s+)?[Ss]eparatist\s+(?:forces|fighters|troops|units)|"
    r"pro-Russian\s+(?:separatists|forces|fighters|militants|authorities)|Russian(?:-installed|-backed|-appointed)?"
    r"\s+(?:forces|troops|army|military|soldiers|units|authorities|officials|occupiers|invaders|defence\s+ministry|"
    r"defense\s+ministry|president|troops)|Russia['’]s\s+(?:forces|troops|army|military|defence\s+ministry|"
    r"defense\s+ministry|armed\s+forces)|Moscow['’]s\s+(?:forces|troops|army|military|soldiers|units)|the\s+Russians|Russians|Russia|Moscow|the\s+Kremlin|Kremlin|Putin|"
    r"separatists|occupiers|invaders|Wagner"
)
_UA = (
    r"Ukrainian\s+(?:forces|troops|army|military|soldiers|units|defenders|government|authorities|officials)|"
    r"Ukraine['’]s\s+(?:forces|troops|army|military|armed\s+forces|government)|Kyiv['’]s\s+(?:forces|troops|army)|"
    r"the\s+Ukrainians|Ukrainians|Ukraine|Kyiv|Kiev|Zelensky[iy]?"
)
_PRONOUN = r"(?i:its|their)\s+(?:own\s+)?(?:forces|troops|army|military|soldiers|units)|(?i:it|they)"
ACTOR = re.compile(rf"\b(?:(?P<ru>{_RU})|(?P<ua>{_UA})|(?P<pro>{_PRONOUN}))\b")

# Cue kinds: state (control, hold, occupy: present holding), take (seize, capture: an event), retake (Ukraine
# retaking), withdraw (Russian forces leaving), annex (claim), noclaim (claim none), adjocc (adjectival
# "occupied"), ruadj ("Russian-controlled").
_CUES = (
    (
        "noclaim",
        r"(?:has|have|had)\s+(?:made|laid)\s+no\s+(?:(?:formal|official|territorial)\s+)*claims?\s+(?:to|on)|"
        r"(?:does|do|did)\s+not\s+(?:lay\s+)?claim(?:\s+to)?|(?:doesn|don|didn)['’]t\s+(?:lay\s+)?claim"
        r"(?:\s+to)?|(?:makes|made|has|have)\s+no\s+(?:(?:formal|official|territorial)\s+)*claims?\s+(?:to|on)|"
        r"(?:(?:has|have|had)\s+(?:not|never)|never)\s+(?:formally\s+|officially\s+)?claimed|"
        r"(?:hasn|haven|hadn)['’]t\s+(?:formally\s+|officially\s+)?claimed|"
        r"(?:(?:has|have|had)\s+(?:not|never)|never)\s+(?:formally\s+|officially\s+|illegally\s+)?annexed|"
        r"(?:hasn|haven|hadn)['’]t\s+(?:formally\s+|officially\s+)?annexed|(?:does|do|did)\s+not\s+annex|"
        r"(?:doesn|don|didn)['’]t\s+annex",
    ),
    (
        "annex",
        r"(?:claims?\s+to\s+have\s+)?(?:formally\s+|illegally\s+)?annexed|annexations?(?:\s+of)?|"
        r"(?:purports?|purported|purporting)\s+to\s+(?:have\s+)?annex(?:ed)?|"
        r"incorporated|absorbed|absorbing|annexing|incorporating|annexes|absorbs|incorporates",
    ),
    ("ruadj", r"(?:Russian|Moscow)-(?:controlled|occupied|held)"),
    (
        "withdraw",
        r"(?:withdr[ae]wn?|pulled\s+(?:out|back)|retreated|fled)\s+(?:from|out\s+of)|"
        r"(?:has|have|had)\s+(?:now\s+)?(?:completely\s+|fully\s+|entirely\s+)?left|"
        r"(?:driven|pushed|forced|expelled|ousted|kicked|chased)\s+(?:out\s+of|from)|"
        r"(?:pushed|drove|driven|forced|expelled|chased|kicked|ousted)\s+(?:the\s+)?(?:Russian|Russia['’]s)"
        r"\s+(?:forces|troops|army|soldiers|units|occupiers)\s+(?:out\s+of|from)",
    ),
    ("retake", r"recaptured|retook|retaken|regained(?:\s+control\s+of)?|liberated|freed|de-occupied|deoccupied"),
    (
        "take",
        r"(?:seized|captured|took|taken|gained|established|claims?|claimed|has|have|had|retains?|retained|"
        r"maintains?|maintained|keeps?|kept|seize|capture|take)\s+(?:full\s+|complete\s+|total\s+|partial\s+)?"
        r"control\s+(?:of|over)|seized|captured|conquered|taken|took|"
        r"(?:pushed|advanced|pressed|broken|broke|moved)\s+(?:deeper\s+|further\s+)?into",
    ),
    (
        "state",
        r"(?:has|have|had|maintains?|maintained|retains?|retained|keeps?|kept|gained|established|secured|carved\s+out)"
        r"(?=\s+(?:a|an|one)\s+"
        r"(?:small\s+|tiny\s+|narrow\s+|precarious\s+)?(?:foothold|bridgehead|toehold)\s+in\b)|controls?|controlled|controlling|holds?|holding|held|occup(?:y|ies|ied|ying)|in\s+control\s+of",
    ),
)
CUE = re.compile(r"\b(?=\w)(?:" + "|".join(rf"(?P<{k}>(?:{p})\b)" for k, p in _CUES) + ")", re.IGNORECASE)
r"""A status cue, its kind the group that matched (``lastgroup``): the kinds in the order of :data:`_CUES`, the
first that matches wins. The ``\b`` before them is written once, not in each kind's group: the same matches (it is
zero-width), tested once at each position instead of once per kind (the search takes half the time); every kind
starts with a letter, and ``(?=\w)`` lets a position after a word's end fail at once."""

_ALLOWED = frozenset(
    {
        "the",
        "a",
        "an",
        "of",
        "and",
        "or",
        "but",
        "only",
        "also",
        "still",
        "just",
        "both",
        "as",
        "well",
        "its",
        "their",
        "ukraine's",
        "ukrainian",
        "country's",
        "region",
        "regions",
        "oblast",
        "oblasts",
        "province",
        "provinces",
        "territory",
        "territories",
        "southern",
        "eastern",
        "northern",
        "western",
        "south-eastern",
        "north-eastern",
        "south-western",
        "north-western",
        "southeastern",
        "northeastern",
        "southwestern",
        "northwestern",
        "central",
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "north-east",
        "north-west",
        "south-east",
        "south-west",
        "positions",
        "tip",
        "corner",
        "edge",
        "neighbouring",
        "neighboring",
        "adjacent",
        "four",
        "ukraine",
        "along",
        "together",
        "with",
        "plus",
        "three",
        "two",
        "five",
        "six",
        "remaining",
        "further",
        "additional",
        "people's",
        "republic",
        "self-proclaimed",
        "so-called",
        "breakaway",
        "autonomous",
        "in",
        "about",
        "around",
        "roughly",
        "approximately",
        "some",
        "nearly",
        "almost",
        "more",
        "than",
        "less",
        "over",
        "percent",
        "per",
        "cent",
        "illegally",
        "formally",
        "officially",
        "effectively",
        "now",
        "already",
        "currently",
        "since",
        "today",
        "last",
        "city",
        "port",
        "federal",
        "late",
        "early",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    }
)
