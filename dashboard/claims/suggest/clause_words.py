"""The clause reader's words: how a sentence is cut, the holdings, sides, shares and claim forms it reads.

The patterns of :mod:`.clauses` (the looser second reading), apart from the reading itself; case-blind ones run
folded, as the rules' do (:mod:`.matching`).
"""

from __future__ import annotations

import datetime as dt
import re

from dashboard.claims.suggest.words import _RU, _UA

_SPLIT = re.compile(
    r"\s*(?:;|:(?!\d)|\s[-–—]\s|—|\(|\)|(?<!\ball)(?<!\bnothing)(?<!\banything),?\s+(?:but|while|whereas|although|though)\s)\s*",
    re.IGNORECASE,
)
_LEAD = re.compile(r"\s*[-–—•*]\s*")
_HOLD = re.compile(
    r"\b(?P<verb>holds?|held|holding|controls?|controlled|controlling|occup(?:y|ies|ying)|cling(?:s|ing)?\s+to|"
    r"clung\s+to|retains?|retained|in\s+control\s+of)\b|"
    r"\b(?P<ru>under\s+(?:Russian|Russia['’]s|Moscow['’]s)\s+(?:military\s+)?(?:control|occupation|rule)|"
    r"under\s+occupation|in\s+(?:Russian|Moscow['’]s|Russia['’]s)\s+hands|(?:Russian|Moscow)-(?:held|occupied|controlled)|"
    r"(?:is|are|remains?|remained|was|were|been|being)\s+(?:still\s+|now\s+)?occupied|"
    r"(?:occupied|held|controlled)\s+by\s+(?:Russia|Russian|Moscow|the\s+Russians|separatists|pro-Russian))\b|"
    r"\b(?P<ua>under\s+(?:Ukrainian|Ukraine['’]s|Kyiv['’]s)\s+control|in\s+(?:Ukrainian|Kyiv['’]s)\s+hands|"
    r"(?:held|controlled)\s+by\s+(?:Ukraine|Ukrainian|Kyiv))\b",
    re.IGNORECASE,
)
_SIDE = re.compile(rf"\b(?:(?P<ru>{_RU}|rebels|the\s+rebels|proxies)|(?P<ua>{_UA}))\b")
_PIECE = re.compile(
    r"\b(?:a|one)\s+(?:(?:small|narrow|thin|tiny|precarious)\s+)?(?:strip|band|sliver|wedge|pocket|corner|foothold|"
    r"bridgehead|toehold|slice)\b",
    re.IGNORECASE,
)
_OF_UNIT = re.compile(
    r"\s*(?:of\s+)?(?:(?:the|its|this|that)\s+)?(?:(?:[\w-]+ern|whole|entire|occupied)\s+)?"
    r"(?:(?P<word>region|oblast|province|territory|it)\b|(?=\S))",
    re.IGNORECASE,
)
_NEG = re.compile(r"\b(?:not|never|no|nor|neither|without)\b|n['’]t\b", re.IGNORECASE)
_NO_TROOPS = re.compile(
    r"\bno\s+(?:more\s+)?Russian\s+(?:ground\s+|regular\s+)?(?:troops|forces|soldiers|units)\s+(?:(?:now\s+|still\s+)?"
    r"(?:remain|remains|are\s+left|left|are\s+present|are\s+stationed))\b",
    re.IGNORECASE,
)
_CLEARED = re.compile(
    r"\b(?:cleared|free|freed|liberated)\s+of\s+(?:the\s+)?(?:Russian\s+(?:troops|forces|soldiers|occupiers)|occupiers)\b",
    re.IGNORECASE,
)
_EXCEPT = re.compile(r"\b(?:except|exception|apart\s+from|save\s+for|but\s+for|other\s+than)\b", re.IGNORECASE)
_CLAIM = re.compile(
    r"\b(?:annex(?:ed|es|ing|ation)?|incorporat(?:ed|es|ing|ion)|absorb(?:ed|s|ing)?|accession|"
    r"(?:laid|lay|lays|made|make|makes|no|any|territorial|formal)\s+claims?\s+(?:to|on)|part\s+of\s+(?:the\s+)?(?:Russia|Russian\s+Federation)|subjects?\s+of\s+the\s+Russian\s+Federation|"
    r"Russian\s+territory)\b",
    re.IGNORECASE,
)
_DECLARE = re.compile(
    r"\b(?:(?:declared|declaring|declares|declare|proclaimed|proclaiming|proclaims|proclaim|pronounced|made|making|"
    r"recognised|recognized|considers?|considered|regards?|regarded)\b[^;:]{0,160}?\b(?:(?:an?\s+)?(?:integral\s+)?"
    r"parts?\s+of\s+(?:(?:the\s+)?(?:Russia|Russian\s+Federation)|its\s+(?:own\s+)?territory)|Russian\s+(?:territory|"
    r"land|soil)|(?:new\s+)?subjects?\s+of\s+the\s+Russian\s+Federation|annexed)|accession\s+(?:documents|treaties|"
    r"treaty|agreements?|decrees?)|(?:is|are|remains?|became|become|becomes)\s+[\"“']?(?:an?\s+)?(?:integral\s+)?"
    r"(?:parts?|subjects?)\s+of\s+(?:the\s+)?(?:Russia|Russian\s+Federation))\b",
    re.IGNORECASE,
)
""""Moscow proclaimed the whole of that region part of Russia", "declared the Ukrainian regions of … to be Russian
territory", "signing accession documents": the forms of a declared claim the looser reading accepts (a bare
"annexed" is left to the rules, which bind it)."""
_ONLY_LINKS = re.compile(r"[\s,.;&]*(?:(?:and|or|the|regions?|oblasts?|provinces?)[\s,.;&]*)*", re.IGNORECASE)
_TOPIC_LEAD = re.compile(r"\s*(?:In\s+(?:the\s+)?(?:\w+ern\s+)?)?", re.IGNORECASE)
_RELATIVE_LINK = re.compile(r"[^,;]{0,30}?,\s*(?:of\s+which|in\s+which|where|most\s+of\s+which|which)\b", re.IGNORECASE)
_PERCENT_RUN = re.compile(
    r"\b\d{1,3}(?:\.\d+)?(?:\s*(?:%|percent|per\s+cent))?(?:\s*(?:,|and|,\s*and)\s*\d{1,3}(?:\.\d+)?"
    r"(?:\s*(?:%|percent|per\s+cent))?)+(?:\s*(?:%|percent|per\s+cent))"
)
"""A run of percentages ("75 and 70 percent", "69, 74 and 72%"; folded text)."""
_AGENT = re.compile(r"^\s*by\s+(?P<agent>(?:the\s+)?[\w'’-]+)")
_RU_NAMED = re.compile(r"\b(?:Russia|Russian|Moscow|Kremlin|Putin)\b")
_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "half": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
_FRACTION = re.compile(
    r"\b(?:(?:some|about|roughly|around|nearly|almost|close\s+to|just\s+over|over|under|just\s+under)\s+)?"
    r"(?P<n>two|three|four|five|six|seven|eight|nine)[\s-](?P<d>thirds|quarters|fifths|sixths|sevenths|eighths|"
    r"ninths|tenths)(?:\s+of)?\b"
)
"""A fraction in words ("some seven tenths of", "three fifths"; folded text): its value says the share."""
_ALL_BUT = re.compile(
    r"\ball\s+but\s+(?:(?:a|one)\s+(?:(?:small|narrow|thin|tiny)\s+)?(?:sliver|fraction|corner|strip|pocket|slice|"
    r"wedge|handful)(?:\s+of)?|(?:a\s+few|a\s+handful\s+of|a\s+couple\s+of|a\s+dozen|several)\s+[\w-]+)",
    re.IGNORECASE,
)
""""All but a sliver of X", "all but a few villages": most of it."""
_COMPARED = re.compile(r"\s*(?:of\s+)?[^,;]{0,40}?\bthan\b")
"""A share compared ("a smaller share of Donetsk than of Zaporizhzhia"): no share of either."""
_ADVERB = re.compile(r"\b(wholly|entirely|fully|completely|largely|mostly|partly|partially)\s+$")
_ADVERB_SHARE = {"wholly": "all", "entirely": "all", "fully": "all", "completely": "all", "largely": "most",
                 "mostly": "most", "partly": "part", "partially": "part"}  # fmt: skip
_LIST_LINK = re.compile(
    r"(?:\s*(?:,|and|,\s*and|&)\s*|\s+)(?:the\s+)?(?:(?:regions?|oblasts?|provinces?)\s*(?:,|and)\s*(?:the\s+)?)?",
    re.IGNORECASE,
)
_NEVER_ENTERED = re.compile(
    r"\b(?:Russian|Russia['’]s)\s+(?:ground\s+)?(?:troops|forces|soldiers|army|units)\s+(?:have\s+|had\s+)?"
    r"never\s+(?:entered|reached|set\s+foot\s+in|crossed\s+into|occupied|held)\b",
    re.IGNORECASE,
)
_NOT_OCCUPIED = re.compile(
    r"\b(?:is|are)\s+(?:today\s+|now\s+|currently\s+)?(?:not|no\s+longer)\s+(?:occupied|under\s+(?:Russian\s+)?"
    r"occupation)(?:\s+at\s+all)?\b",
    re.IGNORECASE,
)
_PARTICIPLE = frozenset({"held", "controlled", "occupied"})
_AUX_BEFORE = re.compile(
    rf"(?:\b(?:has|have|had|is|are|was|were|been|still|now|long|which|that|who|{_RU}|{_UA}|it|they)\s+)"
    r"(?:\w+ly\s+)?$",
)
""""A referendum held under the watch of Russian soldiers": a participle whose subject is not the holder; "held",
"controlled", "occupied" are holdings only after an auxiliary, a relative or an actor."""
_LARGER = re.compile(r"\b(?:larger|greater|bigger|largest|biggest|major)\s*,?\s*$", re.IGNORECASE)
_OBJECT_GAP = re.compile(r"^\s*(?:(?:the|whole|entire|all|of)\s+)*$", re.IGNORECASE)
_PRONOUN = re.compile(
    r"\b(?:it|its\s+(?:territory|land|area)|the\s+(?:region|oblast|province|territory)|that\s+region)\b", re.IGNORECASE
)
_DECLARED_BY = dt.date(2022, 9, 30)
_HOLD_WORDS = (
    "hold",
    "held",
    "control",
    "occup",
    "cling",
    "clung",
    "retain",
    "hands",
    "russian troops",
    "russian forces",
    "russian soldiers",
    "russian units",
    "russian ground",
    "russian regular",
    "cleared",
    "free",
)
_CLAIM_WORDS = (
    "annex",
    "incorporat",
    "absorb",
    "accession",
    "claim",
    "part of",
    "russian territory",
    "russian land",
    "russian soil",
    "subject",
)
"""Words without which a clause states no holding (claim): a clause with none of them is not searched (most
clauses naming a unit; the patterns' case-blind searches took most of the reader's time)."""


def _same(pattern: re.Pattern[str]) -> re.Pattern[str]:
    return pattern
