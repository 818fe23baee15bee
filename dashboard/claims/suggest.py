"""Suggest a unit's claim and control statuses from an article's own sentences, by rule (precision first).

A suggestion is made only where a cue clearly binds to a unit named in the same sentence; anything unclear
gives no suggestion (a field without one is *not stated*). Nothing here guesses from outside knowledge.

Sentences
    Only the sentences holding a mention (headline, caption and body; never boilerplate: the hits carry no
    boilerplate mention) are read, each on its own; a sentence ending in a question mark is skipped. A capital
    named for its government or in a dateline (:func:`mention_role`) is not a mention of the place. A mention
    of a city that is not itself a unit ("the city of Kherson") says nothing about the region around it.

Binding
    A cue binds to a unit when the words between them are only articles, region words, compass adjectives,
    numbers, quantity phrases and other mentions joined by commas, "and", "or", dashes or colons
    ("annexation of four Ukrainian regions — Donetsk, Luhansk, Zaporizhzhia and Kherson"; "control most of the
    Donetsk and Luhansk regions but only parts of Zaporizhzhia"; "all four regions — …").
    A cue may also follow the mention (and the mentions coordinated with it): passive or relative ("Crimea,
    which Russia annexed in 2014", "the Sumy region is free of Russian troops", "Donetsk, which Ukraine still
    largely holds").

Quantity
    The quantity closest before the mention binds to it: all / whole / entire / fully → ``all``; most / the bulk
    of / nearly all / largely / two thirds / more than 50% → ``most``; parts / swathes / areas of → ``parts``;
    part / a third / a sliver / partially / under 50% / a foothold (bridgehead) in / a strip (pocket) of villages
    in → ``part``. "Half" and "much of" are unclear: nothing. A quantity in brackets right after a mention is its
    own ("Donetsk (about 70%), Luhansk (nearly all)"), and one in another mention's brackets is not.

Actor
    Control cues need an actor: a Russian one (Russia, Russian forces, Moscow, the Kremlin, pro-Russian
    separatists, "its forces" after one of these) gives that quantity; a Ukrainian one holding "most" of a unit
    gives Russian ``part``, holding "all" of it gives ``none``, holding well under half (a third, a quarter,
    under 45%) gives Russian ``most``; an unknown actor gives nothing. "Russian and separatist forces" and
    "separatist fighters" are Russian; "they <verb> … and now hold …" keeps the pronoun's subject.
    "In (northern) X Oblast, Russian forces occupy all but a few villages" → ``most``; "… hold a strip of
    border settlements" → ``part``. "Pushed (advanced) into a small part of X" is a taking (explicit share only).
    "Occupied" used as an adjective ("partially occupied Donetsk region") counts as Russian but needs an
    explicit quantity; "they occupy" with a pronoun that resolves to no actor gives nothing.
    Without a quantity, only a present-tense holding of Crimea or Sevastopol ("Russia has controlled Crimea
    since 2014", "Russian-occupied Crimea") gives ``all``. An actor right after a preposition ("seized Crimea
    from Ukraine and has held …") is not the holder. "Russia has kept X under (tight) control" is a holding.

Withdrawal
    Russian forces withdrawn from / driven out of a unit, a unit free of Russian troops or liberated from them,
    a unit "fully (completely, entirely) liberated", or Ukraine retaking all of it → ``none`` ("largely
    liberated", Ukraine retaking most of it, most of it free of Russian troops → ``part``); only when no
    partial quantity is given, and (without "entire", "all of", "whole") only for a mention with a region word in
    a sentence not about a city, town or river bank.
    Negated control of "any part of" a unit → ``none``. A list ending in a region word ("the Kyiv, Chernihiv and
    Sumy regions") names each of its units as a region.

Claim
    Annexed, annexation (of), incorporated, absorbed: Crimea and Sevastopol → ``annexed-2014``; Donetsk,
    Luhansk, Zaporizhzhia, Kherson → ``annexation-declared-2022``; any other unit → nothing. A year written next
    to the mention (else the publication year) that contradicts this (Crimea other than 2014, the four before
    2022) gives nothing; "X, one of the four regions Moscow claims to have annexed" / "…, the four provinces Moscow
    says it annexed" / "purported to annex" / "…, which Moscow used to claim them as Russian territory" /
    "a treaty making Crimea and Sevastopol part of Russia" / "declared X, along with three others, to be part of
    Russia" / present "annexes" / "annexed … along with the rest of Crimea" count too. "Moscow does not
    claim X" / "Russia has made no (formal) claim to X" / "has not (never) claimed X" / "X, which Moscow has not
    claimed" → ``none`` (each unit of a list), but not before "yet" ("has not claimed Kharkiv — yet") nor when
    limited in time ("did not claim Kherson until …", "at first", "initially", "before").

Negation and hypotheticals
    A cue after not / never / no (other than the claim-``none`` and "any part" forms) gives nothing, and so does
    one in a clause with if / would / could / may / might / will / plans / threatened / possible / failed / …
    (a non-restrictive relative clause, ", which …", is read on its own).

Attribution
    "X said (that) …", "…, X said", "according to X", "X claims …": the suggestion keeps the speaker phrase as
    written in ``attributed_to``.

Choice
    Of several candidates for one (unit, field), the first of: direct over attributed, then body over caption
    over headline, then an explicit quantity over an implied one, then the earliest in the text.

Stand-ins
    "The region" stands for a unit only where that is unambiguous: the one unit named before it in its
    sentence, else (none named before it) the one unit named in the sentence before ("the entire/whole region"
    likewise); never a city unit, and
    not with a mention after it in its clause ("the region around Kyiv"). "The peninsula" stands for Crimea in
    an article naming Crimea or Sevastopol, and for Sevastopol too (an article naming it) for ``control all``
    only ("Russia has held the whole of the peninsula since 2014"). A named place in apposition to a part of a
    unit carries the cue before it ("occupy the Kinburn Spit, a small part of the Mykolaiv region" → ``part``).

Limits
    Pronouns are not followed across sentences except "its/their forces" and "it" back to the nearest actor in
    the 300 characters before; "the region" only as above; a claim written only in a sentence not naming the
    unit is missed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from dashboard.claims.roles import mention_role
from dashboard.places.mentions import find_hits
from dashboard.sources.model import Article, Excerpt

CRIMEA_UNITS = frozenset({"UA-43", "UA-40"})
DECLARED_2022_UNITS = frozenset({"UA-14", "UA-09", "UA-23", "UA-65"})
CITY_UNITS = frozenset({"UA-30", "UA-40"})
"""Units that are cities: a city mention of these names the unit itself."""

_BLOCK_RANK = {"body": 0, "caption": 1, "headline": 2}
_MAX_WALK = 60


@dataclass(frozen=True)
class Suggestion:
    """One suggested status of one unit, with the sentence and the words it rests on.

    Attributes
    ----------
    unit : str
        ISO 3166-2 code.
    field : {"claim", "control"}
    value : str
        A value of the field's vocabulary, never ``"not-stated"``.
    excerpt : Excerpt
        The supporting sentence (``source`` is the article's path; verbatim).
    cue : str
        The cue words as written, joined by " … " where they are apart.
    cue_spans : tuple of (int, int)
        Offsets into the article's text of each cue word or phrase.
    attributed_to : str or None
        Who the source reports as saying it, as written; None for the source's own statement.
    """

    unit: str
    field: str
    value: str
    excerpt: Excerpt
    cue: str
    cue_spans: tuple[tuple[int, int], ...]
    attributed_to: str | None = None


# -- word lists ------------------------------------------------------------------------------------------------

_Q_ALL = (
    r"all\s+of|the\s+whole\s+of|the\s+whole|whole|the\s+entire|entire|(?:the\s+)?entirety\s+of|fully|completely|"
    r"entirely|wholly|in\s+full|full|complete|total|100\s?(?:%|percent|per\s+cent)(?:\s+of)?"
)
_Q_MOST = (
    r"(?:nearly|almost|virtually|practically)\s+(?:all|the\s+whole|the\s+entire|entirely|fully|completely)"
    r"(?:\s+of)?|most\s+of|the\s+bulk\s+of|(?:the|a)\s+(?:vast\s+|large\s+)?majority\s+of|majority\s+of|largely|"
    r"(?:a\s+little\s+|just\s+|slightly\s+|well\s+)?(?:more\s+than|over)\s+half(?:\s+of)?|"
    r"mostly|(?:roughly\s+|about\s+|around\s+|some\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+)?"
    r"(?:two[\s-]thirds|three[\s-]quarters|three[\s-]fourths|four[\s-]fifths)(?:\s+of)?|more\s+than\s+half(?:\s+of)?"
)
_Q_PARTS = (
    r"(?:some\s+|large\s+|small\s+|several\s+|many\s+|other\s+|remaining\s+|occupied\s+)?"
    r"(?:parts|swathes|swaths|areas|pockets|chunks|portions|sections|stretches)\s+of"
)
_Q_PART = (
    r"(?:a\s+|one\s+)?(?:small\s+|tiny\s+|narrow\s+|thin\s+|precarious\s+)?(?:foothold|bridgehead|toehold)\s+in|"
    r"(?:a\s+)?(?:small\s+|narrow\s+|thin\s+)?(?:strip|string|cluster|handful|pocket|patch)\s+of\s+(?:villages|land|territory)\s+in|"
    r"(?:a\s+|the\s+|one\s+)?(?:small\s+|tiny\s+|large\s+|narrow\s+|thin\s+)?(?:(?:southern|northern|eastern|western|south-?eastern|"
    r"north-?eastern|south-?western|north-?western)\s+)?(?:part|portion|section|corner|strip|sliver|fraction|"
    r"slice|foothold|edge)\s+of|(?:roughly\s+|about\s+|around\s+|some\s+|nearly\s+|almost\s+|just\s+under\s+|"
    r"less\s+than\s+|under\s+|only\s+)?(?:a|one)[\s-](?:third|quarter|fifth|sixth|tenth)(?:\s+of)?|"
    r"less\s+than\s+half(?:\s+of)?|partially|partly"
)
_Q_ANY = r"any\s+part\s+of|any\s+of|any\s+territory\s+in|any\s+territory\s+of|any"
_Q_UNCLEAR = r"(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+)?half\s+of|much\s+of|half"
_Q_PCT = (
    r"(?:about|around|roughly|nearly|almost|some|over|more\s+than|less\s+than|under|just\s+under)?\s*"
    r"(?P<pct>\d{1,3}(?:\.\d+)?)\s?(?:%|percent|per\s+cent)(?:\s+of)?"
)

QUANTITY = re.compile(
    rf"\b(?:(?P<most>{_Q_MOST})|(?P<all>{_Q_ALL})|(?P<parts>{_Q_PARTS})|(?P<part>{_Q_PART})|(?P<any>{_Q_ANY})|"
    rf"(?P<unclear>{_Q_UNCLEAR})|{_Q_PCT})(?:\b|(?<=%)(?!\w))",
    re.IGNORECASE,
)

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
        r"(?:hasn|haven|hadn)['’]t\s+(?:formally\s+|officially\s+)?claimed",
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
        r"(?:has|have|had|maintains?|maintained|retains?|retained|keeps?|kept)(?=\s+(?:a|an|one)\s+"
        r"(?:small\s+|tiny\s+|narrow\s+|precarious\s+)?(?:foothold|bridgehead|toehold)\s+in\b)|controls?|controlled|controlling|holds?|holding|held|occup(?:y|ies|ied|ying)|in\s+control\s+of",
    ),
)
CUE = re.compile("|".join(rf"(?P<{k}>\b(?:{p})\b)" for k, p in _CUES), re.IGNORECASE)


@functools.cache
def _folded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` (compiled with IGNORECASE, its letters ASCII, no upper-case escapes such as ``\\S``) for
    text already case-folded: the same matches at the same offsets, 2 to 3 times faster (Python's ``re`` tries
    every case of every letter of a long alternation at each position; measured on the 1 MB article of
    ``benchmarks/ingest_bench.py``: QUANTITY 2.7 s → 0.9 s, CUE 0.85 s → 0.5 s). Compiled on first use."""
    assert pattern.flags & re.IGNORECASE and all(c.isascii() or not c.isalpha() for c in pattern.pattern)
    assert not re.search(r"\\[A-Z]", pattern.pattern)
    source = pattern.pattern.lower().replace("(?p<", "(?P<").replace("(?p=", "(?P=")
    return re.compile(source)


def _finditer(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, by :func:`_folded` ``(pattern)`` over ``text.casefold()`` where that keeps every
    offset (one character each: no "ß", no "İ"), else by ``pattern`` itself. The dotless "ı", which IGNORECASE
    matches to "i" and casefold keeps, is folded to "i" too (the only other such character, checked over all of
    Unicode, is "İ", which changes the length)."""
    low = text.casefold()
    if len(low) != len(text):
        return pattern.finditer(text)
    return _folded(pattern).finditer(low.replace("ı", "i"))


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
_RUN_WORDS = frozenset({"and", "or", "region", "regions", "oblast", "oblasts", "province", "provinces"})
_PUNCT_OK = frozenset(",—–-:()'\"“”‘’")
_WORD = re.compile(r"[\w'’%-]+|[^\w\s]")
_INNER_QUANTITY = re.compile(r"\b(?:full|complete|total|partial)\b", re.IGNORECASE)
_PAST = re.compile(r"\b(?:briefly|previously|formerly|once|until|before|had\s+been|used\s+to)\b", re.IGNORECASE)
_COORD_TAIL = re.compile(r"^[^,;:—–]*\s(?:and|but)(?:\s+(?:now|still|also|already|currently|only))*\s*$")
""""They withdrew from the city in November and now hold …": the pronoun is the subject of both verbs."""
_AUX_ONLY = re.compile(r"(?:\s+(?:has|have|had|also|still|now|already|then|formally|illegally|\w+ly))*\s*")
_APPOSITION = re.compile(
    r",\s*[^,;:.]{1,60},(?=\s*(?:which\s+)?(?:was|were|has\s+been|had\s+been|have\s+been|is|are)\s)"
)
_TAIL_CUT = re.compile(r"[,;:.]|\b(?:which|where|who|that|while|but)\b")
_SINCE = re.compile(
    r"\bsince\s+(?:\w+\s+)?(?:19|20)\d\d|\bsince\s+(?:it|they|Russia|Moscow)\s+(?:\w+\s+){1,4}?in\s+(?:19|20)\d\d"
)
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_LIST_TAIL = re.compile(
    r"(?:\s*(?:,|and|or|&)\s*(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)+\s+(?:regions|oblasts|provinces)\b"
)
_OBJECT_BEFORE = re.compile(
    r"\b(?:from|to|of|in|against|with|for|on|into|across|over|toward|towards|at|near|inside|within|than|"
    r"between|about)\s+$",
    re.IGNORECASE,
)
_RELATIVE_OPEN = re.compile(r",\s*(?:which|who)\s")
_YET = re.compile(r"\byet\b", re.IGNORECASE)
_TIME_LIMIT = re.compile(
    r"\b(?:until|till|before|at\s+first|initially|originally|at\s+the\s+(?:time|outset|start))\b", re.IGNORECASE
)
"""A no-claim limited in time ("did not claim Kherson either until …", "Initially, Moscow did not claim …")."""
_REGION_WORD = re.compile(r"\b(?:region|regions|oblast|oblasts|province|provinces)\b", re.IGNORECASE)
_CITY_CONTEXT = re.compile(r"\b(?:city|town|village|villages|bank|capital|outskirts|suburbs?)\b", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:not|never|no|nor|without|cannot|neither)\b|n['’]t\b", re.IGNORECASE)
_HYPOTHETICAL = re.compile(
    r"\b(?:if|would|could|may|might|should|shall|will|can|plans?|planned|planning|threat|threats|threatens?|"
    r"threatened|intends?|intended|aims?|aimed|seeks?|sought|wants?|wanted|hopes?|hoped|possible|possibly|"
    r"potential|potentially|prospect|proposed|proposal|whether|unless|try|tries|tried|trying|attempts?|attempted|"
    r"bid|demands?|demanded|failed|fail|unable|ready|willing|expected|expects?|predicted|likely|poised|push|"
    r"pushing|urged|urges?|calls?\s+for|called\s+for|fears?|feared|risk|rumou?red|allegedly|reportedly\s+plans)\b"
    r"|\bno\s+longer\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[;.!?]|\s(?:but|while|whereas|although|though|however|yet)\s", re.IGNORECASE)
_SPEECH = (
    r"said|says|say|claimed|claims|claim|announced|announces|reported|reports|told|tells|insisted|insists|"
    r"stated|states|wrote|writes|asserted|asserts|added|confirmed|confirms|boasted|boasts"
)
_SPEECH_LEAD = re.compile(
    rf"(?P<sp>[A-Z][^,;:\"“”]{{0,90}}?)\s+(?:(?:on|last|this)\s+\w+\s+)?(?:has\s+|have\s+|had\s+)?(?:{_SPEECH})\b"
)
_SPEECH_TRAIL = re.compile(
    rf",[\"”’']?\s*(?!(?:and|but|or|while|as)\b)(?:(?P<sp>[^,;\"“”]{{2,90}}?)\s+(?:{_SPEECH})\b|(?:{_SPEECH})\s+"
    rf"(?P<sp2>[^,;.\"“”]{{2,90}}))(?=\s*(?:(?:on|late|early|last|this)\s+\w+\s*|in\s+a\s+\w+\s*)?(?:[.;!?\"”’)]*\s*$|,))"
)
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<sp>[^,;.\"“”]{2,90})", re.IGNORECASE)
_TIME_WORDS = re.compile(
    r"^(?:(?:on|last|this|earlier|late|early)\s+\w+|in\s+a\s+statement|also|later|earlier|again|repeatedly)$",
    re.IGNORECASE,
)

_REL_ACTOR = re.compile(
    rf"[\s,]*(?:which|that)\s+(?P<actor>{_RU}|{_UA}|{_PRONOUN})\s+(?P<adv>(?:(?:still|largely|mostly|partly|"
    r"partially|fully|entirely|completely|wholly|illegally|formally|now|already|has|have|had|also|effectively|"
    r"currently|since)\s+)*)(?P<cue>annexed|absorbed|incorporated|controls|control|controlled|holds|hold|held|"
    r"occupies|occupy|occupied|seized|captured|took)\b",
    re.IGNORECASE,
)
_MINOR_SHARE = re.compile(
    r"\b(?:third|quarter|fifth|less\s+than\s+half)\b|\b(?:[1-3]?\d|4[0-4])(?:\.\d+)?\s?(?:%|percent|per\s+cent)",
    re.IGNORECASE,
)
"""A Ukrainian share well under half of a unit (a third, a quarter, under 45%): Russia holds most of it."""
_NUMBER_WORDS = frozenset({"two", "three", "four", "five", "six"})
"""'All four regions': "all" before a count of the list that follows is not a quantity of one unit."""
_COPULA = frozenset({"are", "were", "include", "included", "includes", "namely"})
_LIST_HEAD = re.compile(
    rf"\b(?:regions|provinces|oblasts|territories)\s+(?:(?:that|which)\s+)?(?:{_RU})\s+(?:[\w'’]+\s+){{0,4}}$"
)
""""The four regions (that) Moscow claims to have annexed … are <list>": a copula may stand between an annexation
cue and the list it heads."""
_ONE_OF_ANNEXED = re.compile(
    r"(?:\s*,\s*|\s+(?:is|was|remains|are|were|remain)\s+)(?:one\s+of\s+(?:the\s+)?|the\s+)(?:two|three|four|five)\s+"
    r"(?:Ukrainian\s+)?"
    rf"(?:regions|provinces|oblasts|territories)\s+(?:(?:that|which)\s+)?(?:(?:{_RU})\s+)?"
    r"(?:(?:claims?\s+to\s+have|says?\s+it|said\s+it|has|had|formally|illegally|officially|declared|proclaimed|"
    r"purports\s+to\s+have|purported\s+to\s+have)\s+)*"
    rf"(?P<cue>annexed|(?:purports|purported)\s+to\s+annex)(?:\s+by\s+(?:{_RU}))?\b",
    re.IGNORECASE,
)
""""Kherson, one of the four regions Moscow claims to have annexed": the claim of the list it names."""
_FRONTED_LEAD = re.compile(
    r"\s*In\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|north-?eastern|south-?eastern|north-?western|"
    r"south-?western|central)\s+)?",
    re.IGNORECASE,
)
_FRONTED_IN = re.compile(
    rf"\s*,\s*(?:{_RU})\s+(?:(?:continues?\s+to|still|now|also|already)\s+)*(?P<cue>occup(?:y|ies)|holds?|controls?)\s+"
    r"(?P<qty>(?P<most>all\s+but\s+(?:a\s+few|a\s+handful\s+of|a\s+sliver\s+of|a\s+(?:small|thin|narrow)\s+"
    r"(?:strip|sliver|pocket|corner)\s+of))|(?:a|one)\s+(?:small\s+|narrow\s+|thin\s+)?(?:strip|string|cluster|"
    r"handful|pocket|patch)\s+of\s+(?:(?:border|frontline|front-line)\s+)?(?:villages|settlements|land|territory))\b"
)
""""In (northern) Luhansk Oblast, Russian forces occupy all but a few villages …" / "… hold a strip of border
settlements": a unit fronted as the place of a Russian holding given as a share of it."""
_KEPT_UNDER = re.compile(r"\s+(?P<cue>under\s+(?:(?:tight|firm|full|complete|its|their)\s+)*control)\b")
_KEEP_VERB = re.compile(r"^\s*(?:\w+\s+){0,3}?(?:kept|keeps|keep|keeping|brought|placed|put)\s", re.IGNORECASE)
""""Russia has kept the whole peninsula under tight control": a Russian holder, its verb, the mention."""
_BARE_REL_ANNEX = re.compile(
    rf"\s+(?P<actor>{_RU})\s+(?P<adv>(?:(?:illegally|formally|has|had|then|first)\s+)*)(?P<cue>annexed)\b"
)
"""A relative clause without "which": "the peninsula Moscow annexed in 2014"."""
_REL_USED_TO_CLAIM = re.compile(
    rf"[\s,]*(?:which|that)\s+(?:{_RU})\s+(?:(?:then|later|subsequently|quickly)\s+)?used\s+to\s+"
    r"(?P<cue>(?:claim|declare|proclaim)\s+(?:them|it)\s+(?:as\s+)?(?:(?:part\s+of\s+)?Russia|Russian\s+(?:territory|land|soil))"
    r"|(?:justify|declare|proclaim|announce)\s+(?:the\s+|their\s+|its\s+)?annexation|annex\s+(?:them|it))\b",
    re.IGNORECASE,
)
"""The sham votes "in Donetsk, …, which Moscow used to claim them as Russian territory"."""
_PART_OF_RUSSIA = re.compile(
    r"(?:\s*(?:,|and)\s*(?:the\s+)?(?:(?:city|port)\s+of\s+)?[A-Z][\w'’-]+)*"
    r"(?:\s*,\s*(?:along|together)\s+with\s+(?:two|three|four)\s+others\s*,)?(?:\s+to\s+be)?"
    r"\s+(?P<cue>(?:an?\s+)?(?:integral\s+)?"
    r"parts?\s+of\s+(?:the\s+)?(?:Russia|Russian\s+Federation))\b(?!['’])"
)
_MAKE_VERB = re.compile(
    r"\b(?:making|made|make|makes|declaring|declared|declare|declares|proclaiming|proclaimed)\s+"
    r"(?:(?:the\s+)?(?:(?:city|port)\s+of\s+)?[A-Z][\w'’-]+\s*(?:,|and)\s*)*(?:the\s+)?(?:(?:city|port)\s+of\s+)?$"
)
"""'a treaty making Crimea and Sevastopol part of Russia': the verb, the mentions, "part of Russia"."""
_REL_NOCLAIM = re.compile(
    rf"[\s,]*(?:which|that|to\s+which|on\s+which)\s+(?:{_RU})\s+(?:(?:still|so\s+far|also)\s+)*"
    r"(?P<cue>(?:(?:has|have|had|does|do|did)\s+(?:not|never)|never)\s+(?:formally\s+|officially\s+)?claim(?:ed)?|"
    r"(?:hasn|haven|hadn|doesn|didn)['’]t\s+(?:formally\s+|officially\s+)?claim(?:ed)?|"
    r"(?:has|have|had)\s+(?:made|laid)\s+no\s+(?:(?:formal|official|territorial)\s+)*claims?)\b",
    re.IGNORECASE,
)
_PASSIVE = re.compile(
    r"(?:['’]s\s+(?:illegal\s+|formal\s+)?(?P<poss>annexation))|[\s,]*(?:(?:which|that)\s+)?"
    r"(?:(?:is|are|was|were|has|have|had|been|being|remains?|remained|stays?|still|now|today|currently|already|"
    r"also)\s+)*(?P<adv>(?:(?:largely|mostly|partly|partially|fully|entirely|completely|wholly|illegally|"
    r"formally|effectively|officially)\s+)*)(?P<cue>(?P<annex>annexed|absorbed|incorporated)|"
    r"(?P<ctl>under\s+Russian\s+(?:military\s+)?(?:control|occupation)|in\s+Russian\s+hands|"
    r"(?:occupied|controlled|held)\s+by\s+(?:Russia|Russian\s+(?:forces|troops|army)|Moscow|the\s+Russians))|"
    r"(?P<free>free\s+of\s+Russian\s+(?:troops|forces|soldiers|occupiers)|(?:liberated|freed|cleared)\s+"
    r"(?:of|from)\s+(?:the\s+)?(?:Russian\s+(?:troops|forces|occupiers|occupation|army)|invaders?|occupiers?|"
    r"occupation))|(?P<bare_free>(?:(?<=fully\s)|(?<=entirely\s)|(?<=completely\s)|(?<=largely\s)|(?<=mostly\s))(?:liberated|de-?occupied)\b))",
    re.IGNORECASE,
)


# -- reading a sentence -------------------------------------------------------------------------------------------


class _Span(NamedTuple):
    """A token of a sentence (a named tuple, not a frozen dataclass: a 1 MB article makes 100,000 of them, and a
    frozen dataclass's ``__init__`` took a third of their cost)."""

    start: int
    end: int
    kind: str  # "hit", "cue", "qty", "word", "punct"
    ref: object = None
    word: str = ""


@dataclass(frozen=True)
class _Candidate:
    unit: str
    field: str
    value: str
    excerpt: Excerpt
    cue_spans: tuple[tuple[int, int], ...]
    attributed_to: str | None
    rank: tuple[int, int, int, int]
    only: tuple[str, str] | None = None


def _quantity_class(m: re.Match[str]) -> str:
    for name in ("most", "all", "parts", "part", "any", "unclear"):
        if m.group(name):
            return name
    try:
        pct = float(m.group("pct"))
    except (TypeError, ValueError):
        return "unclear"
    if pct >= 100:
        return "all"
    if pct > 50:
        return "most"
    if pct < 50:
        return "part"
    return "unclear"


def _tokens(sentence: str, hits: list, base: int) -> list[_Span]:
    """The sentence as spans: hits, cues, quantities (whole phrases), words and punctuation, in order."""
    marks: list[tuple[int, int, str, object]] = []
    same: dict[tuple[int, int], list[int]] = {}
    for i, h in enumerate(hits):
        same.setdefault((h.start - base, h.end - base), []).append(i)
    for (s, e), group in same.items():
        if 0 <= s < e <= len(sentence):
            marks.append((s, e, "hit", tuple(group)))
    taken = [(s, e) for s, e, _, _ in marks]

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for m in _finditer(CUE, sentence):
        if free(m.start(), m.end()):
            marks.append((m.start(), m.end(), "cue", m.lastgroup))
            taken.append((m.start(), m.end()))
    for m in _finditer(QUANTITY, sentence):
        if m.end() > m.start() and free(m.start(), m.end()):
            marks.append((m.start(), m.end(), "qty", _quantity_class(m)))
            taken.append((m.start(), m.end()))
    marks.sort()
    out: list[_Span] = []
    pos = 0
    for s, e, kind, ref in marks:
        if s < pos:
            continue
        for w in _WORD.finditer(sentence, pos, s):
            out.append(_word(w))
        out.append(_Span(s, e, kind, ref, sentence[s:e]))
        pos = e
    for w in _WORD.finditer(sentence, pos):
        out.append(_word(w))
    return out


def _word(m: re.Match[str]) -> _Span:
    w = m.group()
    kind = "word" if (w[0].isalnum() or w[0] == "_") else "punct"
    return _Span(m.start(), m.end(), kind, None, w)


def _allowed(tok: _Span) -> bool:
    if tok.kind in ("hit", "qty"):
        return True
    if tok.kind == "punct":
        return tok.word in _PUNCT_OK
    w = tok.word.casefold().replace("’", "'")
    return w in _ALLOWED or w.isdigit()


def _clause_before(sentence: str, pos: int) -> str:
    """The text of the clause ending at ``pos`` (back to the last clause break, at most 160 characters)."""
    lo = max(0, pos - 160)
    window = sentence[lo:pos]
    cut = max((m.end() for m in _CLAUSE_BREAK.finditer(window)), default=0)
    return window[cut:]


def _actor(article_text: str, sentence: str, base: int, pos: int) -> tuple[str | None, tuple[int, int] | None]:
    """The side ("ru", "ua") of the nearest actor before ``pos`` in its clause, and the actor's span."""
    clause = _clause_before(sentence, pos)
    offset = pos - len(clause)
    found = list(ACTOR.finditer(clause))
    for m in reversed(found):
        if _OBJECT_BEFORE.search(clause, 0, m.start()):
            continue  # "seized Crimea from Ukraine and has held …": an object, not who holds it
        # "it", "they": only directly before the cue (or its auxiliaries)
        if (
            m.group("pro")
            and m.group("pro").casefold() in ("it", "they")
            and not _AUX_ONLY.fullmatch(clause[m.end() :])
            and not _COORD_TAIL.search(clause[m.end() :])
        ):
            continue
        side = "ru" if m.group("ru") else "ua" if m.group("ua") else None
        span = (base + offset + m.start(), base + offset + m.end())
        if side:
            return side, span
        return _resolve(article_text, base + offset + m.start()), span
    return None, None


def _resolve(text: str, pos: int) -> str | None:
    """The side of the actor a pronoun at ``pos`` stands for: the first explicit actor of the nearest stretch
    (sentence or clause) before it that names one, looking back at most 600 characters."""
    window = text[max(0, pos - 600) : pos]
    chunks = re.split(r"(?<=[.;!?])\s+|[\r\n]+|\bthat\s+", window)
    for chunk in reversed(chunks):
        for m in ACTOR.finditer(chunk):
            if m.group("ru"):
                return "ru"
            if m.group("ua"):
                return "ua"
            break  # the chunk's first actor is itself a pronoun: look further back
    return None


def _attribution(sentence: str, cue_pos: int, after: int) -> str | None:
    """The speaker a sentence reports the statement at ``cue_pos`` from, as written, or None."""
    lead_zone = sentence[:cue_pos]
    best = None
    for m in _SPEECH_LEAD.finditer(lead_zone):
        best = m
    if best is not None:
        sp = _trim_speaker(best.group("sp"))
        if sp:
            return sp
    m = _ACCORDING.search(sentence)
    if m:
        sp = _trim_speaker(m.group("sp"))
        if sp:
            return sp
    m = _SPEECH_TRAIL.search(sentence, after)
    if m:
        sp = _trim_speaker(m.group("sp") or m.group("sp2"))
        if sp:
            return sp
    return None


def _trim_speaker(sp: str | None) -> str | None:
    if not sp:
        return None
    sp = sp.strip(" \t\"“”'’")
    words = sp.split()
    while words and _TIME_WORDS.match(" ".join(words[-2:])) and len(words) > 2:
        words = words[:-2]
    while words and words[-1].casefold() in ("also", "later", "earlier", "again", "repeatedly", "has", "have"):
        words = words[:-1]
    sp = " ".join(words)
    if not sp or len(words) > 10 or words[0].casefold() in ("and", "but", "or", "which", "who", "that", "as"):
        return None
    return sp


def _value(kind: str, side: str | None, qty: str | None, negated: bool, unit: str, mention: str,
           sentence: str) -> str | None:  # fmt: skip
    """The control value a cue of ``kind`` gives, or None."""
    if kind in ("withdraw", "free"):
        if negated or side == "ua":
            return None
        if kind == "withdraw" and side != "ru":
            return None
        if kind == "free" and qty == "most":
            return "part"  # "the Kharkiv region was largely liberated": Russia holds the rest
        if qty == "all":
            return "none"
        if qty is None and _REGION_WORD.search(mention) and not _CITY_CONTEXT.search(sentence):
            return "none"
        return None
    if kind == "retake":
        if negated:
            return None
        if side == "ru":
            return qty if qty in ("all", "most", "parts", "part") else None
        return {"all": "none", "most": "part"}.get(qty or "") if side == "ua" else "none" if qty == "all" else None
    if negated:
        return "none" if (qty == "any" and side == "ru" and kind in ("state", "take")) else None
    if kind in ("adjocc", "ruadj", "passive"):
        if qty in ("all", "most", "parts", "part"):
            return qty
        if kind in ("passive", "ruadj") and qty is None and unit in CRIMEA_UNITS:
            return "all"
        return None
    if side == "ru":
        if qty in ("all", "most", "parts", "part"):
            return qty
        if qty is None and kind == "state" and unit in CRIMEA_UNITS:
            return "all"
        return None
    if side == "ua" and kind == "state":
        return {"most": "part", "all": "none"}.get(qty or "")
    return None


def _claim_value(unit: str, sentence: str, near: str, published: int | None) -> str | None:
    years = [int(y) for y in _YEAR.findall(near)]
    year = years[0] if years else published
    if unit in CRIMEA_UNITS:
        return "annexed-2014" if year is None or year == 2014 or (not years and year >= 2014) else None
    if unit in DECLARED_2022_UNITS:
        return "annexation-declared-2022" if year is None or year >= 2022 else None
    return None


class _Reader:
    def __init__(self, article: Article):
        self.article = article
        self.text = article.text
        self.published = article.meta.published.year if article.meta.published else None
        self.found: list[_Candidate] = []

    def sentence(self, excerpt: Excerpt, hits: list) -> None:
        sentence = excerpt.text
        if sentence.rstrip(" \"”’')").endswith("?"):
            return
        base = excerpt.start
        toks = _tokens(sentence, hits, base)
        index = {hi: i for i, t in enumerate(toks) if t.kind == "hit" for hi in t.ref}
        for hi, hit in enumerate(hits):
            i = index.get(hi)
            if i is None:
                continue
            self._forward(sentence, base, toks, i, hit, excerpt)
            self._backward(sentence, base, toks, i, hit, excerpt)

    # a cue before the mention ------------------------------------------------------------------------------
    def _forward(self, sentence: str, base: int, toks: list[_Span], i: int, hit, excerpt: Excerpt) -> None:
        qty_tok = None
        # a quantity in brackets right after the mention is its own: "Donetsk (about 70%), Luhansk (nearly all)"
        own_qty = (
            toks[i + 2]
            if i + 3 < len(toks) and toks[i + 1].word == "(" and toks[i + 2].kind == "qty" and toks[i + 3].word == ")"
            else None
        )
        in_brackets = False
        copula = False
        rest = False
        j = i - 1
        steps = 0
        while j >= 0 and steps < _MAX_WALK:
            t = toks[j]
            if t.kind == "cue":
                break
            if t.kind == "punct" and t.word in "()":
                in_brackets = t.word == ")"  # walking leftwards: ")" opens a bracket, "(" closes it
                j -= 1
                steps += 1
                continue
            if t.kind == "word" and t.word.casefold() in _COPULA and not copula:
                copula = True  # "the four regions Moscow claims to have annexed … are Donetsk, …"
                j -= 1
                steps += 1
                continue
            if (
                t.kind == "word"
                and t.word.casefold() in ("around", "about")
                and (j + 1 >= len(toks) or not (toks[j + 1].kind == "qty" or toks[j + 1].word.isdigit()))
            ):
                return  # "the region around Kyiv": a place near the unit, not the unit
            if t.kind == "word" and t.word.casefold() == "rest" and toks[j + 1].word.casefold() == "of":
                rest = True  # "annexed along with the rest of Crimea": the claim covers it, not a share
                j -= 1
                steps += 1
                continue
            if not _allowed(t) and not (
                t.word.casefold() == "all" and j + 1 < len(toks) and toks[j + 1].word.casefold() in _NUMBER_WORDS
            ):
                # a named place set in apposition to a part of the unit: "occupy the Kinburn Spit, a small part
                # of the Mykolaiv region"
                k = _named_apposition(toks, j, qty_tok)
                if k is None:
                    return
                j = k
                break
            if t.kind == "qty" and qty_tok is None and not in_brackets:
                qty_tok = t
            j -= 1
            steps += 1
        else:
            return
        if own_qty is not None:
            qty_tok = own_qty
        cue = toks[j]
        kind = str(cue.ref)
        if copula and not (kind == "annex" and _LIST_HEAD.search(sentence, 0, cue.start)):
            return
        if rest and kind != "annex":
            return
        if kind == "state" and cue.word.casefold().startswith("occup"):
            side, span = _actor(self.text, sentence, base, cue.start)
            if side is None:
                if span is not None or cue.word.casefold() != "occupied":
                    return  # "they occupy …" with no clear antecedent: whose troops is unclear
                kind = "adjocc"
        if kind == "take" and re.match(r"(?i)(?:seize|capture|take)\b", cue.word):
            return  # "seize control of": an aim, not a fact
        # an adverb just before the cue ("partially occupied", "fully controls")
        adv = (
            toks[j - 1]
            if j >= 1 and toks[j - 1].kind == "qty" and toks[j - 1].word.casefold() in _ADV_QUANTITY
            else None
        )
        self._bind(sentence, base, hit, excerpt, kind, cue, qty_tok or adv, after=hit.end - base)

    def _bind(self, sentence: str, base: int, hit, excerpt: Excerpt, kind: str, cue: _Span, qty_tok: _Span | None,
              after: int, side: str | None = None, actor_known: bool = False,
              clause_from: int | None = None) -> None:  # fmt: skip
        clause = _clause_before(sentence, cue.start) if clause_from is None else sentence[clause_from : cue.start]
        near = sentence[cue.start : min(len(sentence), after + 40)]
        negated = bool(_NEGATION.search(" ".join(clause.split()[-4:]))) if kind != "noclaim" else False
        # a non-restrictive relative clause states its own fact ("could be a setback for Russia, which declared …")
        own = _RELATIVE_OPEN.split(clause)[-1]
        if _HYPOTHETICAL.search(own) or (kind in ("annex", "noclaim") and negated):
            return
        speaker = _attribution(sentence, cue.start, after)
        spans = [(base + cue.start, base + cue.end)]
        if qty_tok is not None:
            spans.append((base + qty_tok.start, base + qty_tok.end))
        spans.sort()
        block_rank = _BLOCK_RANK.get(hit.block, 2)
        if kind in ("annex", "noclaim"):
            if hit.feature == "city" and hit.unit not in CITY_UNITS:
                return
            if kind == "noclaim":
                side, _ = _actor(self.text, sentence, base, cue.start) if side is None else (side, None)
                tail = re.split(r"[,;:.—–]", sentence[cue.end :], maxsplit=1)[0]
                limited = _TIME_LIMIT.search(sentence, 0, cue.start) or _TIME_LIMIT.search(tail)
                if side != "ru" or _YET.search(sentence, cue.end) or limited:
                    return  # "has not claimed Kharkiv — yet", "did not claim Kherson until …": not a no-claim
                value = "none"
            else:
                value = _claim_value(hit.unit, sentence, near, self.published)
            if value:
                self._add(hit.unit, "claim", value, excerpt, spans, speaker, (speaker is not None, block_rank, 0),
                          getattr(hit, "only", None))  # fmt: skip
            return
        if hit.feature == "city" and hit.unit not in CITY_UNITS:
            return
        if not actor_known:
            side, _ = _actor(self.text, sentence, base, cue.start)
            if kind in ("ruadj", "adjocc", "passive"):
                side = "ru"
        qty = qty_tok.ref if qty_tok is not None and qty_tok.kind == "qty" else None
        inner = _INNER_QUANTITY.search(cue.word)
        if qty is None and inner:
            qty = "part" if inner.group().casefold() == "partial" else "all"
        tail = _TAIL_CUT.split(sentence[after : after + 50], maxsplit=1)[0]
        span_text = sentence[cue.start : after] + tail
        if kind in ("state", "passive", "adjocc", "ruadj") and (
            _PAST.search(span_text) or _PAST.search(" ".join(clause.split()[-3:]))
        ):
            return
        if kind in ("state", "passive", "adjocc", "ruadj") and self.published:
            years = [int(y) for y in _YEAR.findall(span_text)]
            if years and max(years) < self.published and not _SINCE.search(span_text):
                return
        mention = hit.text
        if kind in ("withdraw", "free") and _LIST_TAIL.match(sentence, hit.end - base):
            mention += " regions"  # "the Kyiv, Chernihiv and Sumy regions": each is named as a region
        value = _value(kind, side, qty, negated, hit.unit, mention, sentence)
        if (
            value is None
            and kind == "state"
            and side == "ua"
            and qty == "part"
            and not negated
            and _MINOR_SHARE.search(qty_tok.word)
        ):
            value = "most"  # "Ukraine still controls about a third of Donetsk Oblast": Russia holds the rest
        if value:
            self._add(hit.unit, "control", value, excerpt, spans, speaker,
                      (speaker is not None, block_rank, 0 if qty else 1), getattr(hit, "only", None))  # fmt: skip

    # a cue after the mention --------------------------------------------------------------------------------
    def _backward(self, sentence: str, base: int, toks: list[_Span], i: int, hit, excerpt: Excerpt) -> None:
        k = i
        while k + 1 < len(toks) and k - i < _MAX_WALK:
            t = toks[k + 1]
            joins = t.kind == "word" and t.word.casefold() in _RUN_WORDS
            next_hit = t.kind == "punct" and t.word == "," and k + 2 < len(toks) and toks[k + 2].kind == "hit"
            if t.kind == "hit" or joins or next_hit:
                k += 1
            else:
                break
        pos = toks[k].end
        # the quantity right before the mention ("most of the Donetsk region is under Russian control")
        qty_tok = None
        j = i - 1
        while j >= 0 and i - j < 12:
            t = toks[j]
            if t.kind == "qty":
                qty_tok = t
                break
            if t.kind == "cue" or not _allowed(t):
                break
            j -= 1
        m = _FRONTED_IN.match(sentence, pos)
        if m and _FRONTED_LEAD.fullmatch(sentence, 0, hit.start - base):
            cue = _Span(m.start("cue"), m.end("cue"), "cue", "state", m.group("cue"))
            value = "most" if m.group("most") else "part"
            qty = _Span(m.start("qty"), m.end("qty"), "qty", value, m.group("qty"))
            self._bind(sentence, base, hit, excerpt, "state", cue, qty, after=m.end(), side="ru", actor_known=True,
                       clause_from=pos)  # fmt: skip
            return
        m = _ONE_OF_ANNEXED.match(sentence, pos)
        if m:
            cue = _Span(m.start("cue"), m.end("cue"), "cue", None, m.group("cue"))
            self._bind(sentence, base, hit, excerpt, "annex", cue, None, after=m.end(), clause_from=pos)
            return
        m = _PART_OF_RUSSIA.match(sentence, pos)
        if m:
            v = _MAKE_VERB.search(sentence, 0, hit.start - base)
            lead = sentence[: v.start()] if v else ""
            if v and not _NEGATION.search(" ".join(lead.split()[-4:])):
                cue = _Span(m.start("cue"), m.end("cue"), "cue", None, m.group("cue"))
                self._bind(sentence, base, hit, excerpt, "annex", cue, None, after=m.end(),
                           clause_from=v.start() - len(_clause_before(sentence, v.start())))  # fmt: skip
            return
        m = _REL_USED_TO_CLAIM.match(sentence, pos)
        if m:
            cue = _Span(m.start("cue"), m.end("cue"), "cue", None, m.group("cue"))
            self._bind(sentence, base, hit, excerpt, "annex", cue, None, after=m.end(), clause_from=pos)
            return
        m = _REL_NOCLAIM.match(sentence, pos)
        if m:
            cue = _Span(m.start("cue"), m.end("cue"), "cue", None, m.group("cue"))
            self._bind(sentence, base, hit, excerpt, "noclaim", cue, None, after=m.end(), side="ru",
                       clause_from=pos)  # fmt: skip
            return
        m = _REL_ACTOR.match(sentence, pos) or _BARE_REL_ANNEX.match(sentence, pos)
        if m:
            actor = m.group("actor")
            am = ACTOR.fullmatch(actor)
            side = None
            if am:
                side = "ru" if am.group("ru") else "ua" if am.group("ua") else _resolve(self.text, base + m.start())
            cue = _Span(m.start("cue"), m.end("cue"), "cue", None, m.group("cue"))
            word = m.group("cue").casefold()
            kind = "annex" if word in ("annexed", "absorbed", "incorporated") else (
                "take" if word in ("seized", "captured", "took") else "state")  # fmt: skip
            if kind != "annex" and (am is None or am.group("pro")):
                return  # "… that it still holds": whose "it" is, a relative clause does not say clearly enough
            adv = _adv(m.group("adv"), m.start("adv"))
            self._bind(sentence, base, hit, excerpt, kind, cue, adv or qty_tok, after=m.end(), side=side,
                       actor_known=True, clause_from=pos)  # fmt: skip
            return
        m = _KEPT_UNDER.match(sentence, pos)
        if m:
            side, span = _actor(self.text, sentence, base, hit.start - base)
            verb = sentence[span[1] - base : hit.start - base] if span else ""
            if side and _KEEP_VERB.search(verb):
                cue = _Span(m.start("cue"), m.end("cue"), "cue", None, m.group("cue"))
                self._bind(sentence, base, hit, excerpt, "state", cue, qty_tok, after=m.end(), side=side,
                           actor_known=True, clause_from=span[1] - base)  # fmt: skip
            return
        m = _PASSIVE.match(sentence, pos)
        if not m or m.end() == pos:
            # an apposition before a passive verb: "Sevastopol, home of the fleet, was annexed …"
            app = _APPOSITION.match(sentence, pos)
            m = _PASSIVE.match(sentence, app.end()) if app else None
            if not m:
                return
        pos = m.start()
        if m.group("poss"):
            cue = _Span(m.start("poss"), m.end("poss"), "cue", None, m.group("poss"))
            self._bind(sentence, base, hit, excerpt, "annex", cue, None, after=m.end(), clause_from=pos)
            return
        cue = _Span(m.start("cue"), m.end("cue"), "cue", None, m.group("cue"))
        adv = _adv(m.group("adv"), m.start("adv"))
        if m.group("annex"):
            self._bind(sentence, base, hit, excerpt, "annex", cue, None, after=m.end(), clause_from=pos)
        elif m.group("ctl"):
            self._bind(sentence, base, hit, excerpt, "passive", cue, adv or qty_tok, after=m.end(), side="ru",
                       actor_known=True, clause_from=pos)  # fmt: skip
        elif m.group("free") or m.group("bare_free"):
            self._bind(sentence, base, hit, excerpt, "free", cue, adv or qty_tok, after=m.end(), side="ru",
                       actor_known=True, clause_from=pos)  # fmt: skip

    def _add(self, unit: str, field: str, value: str, excerpt: Excerpt, spans: list[tuple[int, int]],
             speaker: str | None, rank: tuple, only: tuple[str, str] | None = None) -> None:  # fmt: skip
        self.found.append(
            _Candidate(
                unit, field, value, excerpt, _merge(self.text, spans), speaker, (*rank, excerpt.start), only
            )  # fmt: skip
        )


def _named_apposition(toks: list[_Span], j: int, qty_tok: _Span | None) -> int | None:
    """The index of the cue before a proper name ending at ``toks[j]`` and followed by ", <part / parts> of", or
    None."""
    if qty_tok is None or qty_tok.ref not in ("part", "parts") or j + 2 >= len(toks):
        return None
    if toks[j + 1].word != "," or toks[j + 2] is not qty_tok:
        return None
    k = j
    while k >= 0 and j - k < 5 and toks[k].kind == "word" and toks[k].word[:1].isupper():
        k -= 1
    if k == j:
        return None
    if k >= 0 and toks[k].kind == "word" and toks[k].word.casefold() == "the":
        k -= 1
    if k >= 0 and toks[k].kind == "cue":
        return k
    return None


def _adv(text: str | None, start: int) -> _Span | None:
    """The first quantity adverb of ``text`` (at ``start`` in the sentence), as a span."""
    if not text:
        return None
    for m in re.finditer(r"\w+", text):
        q = _ADV_QUANTITY.get(m.group().casefold())
        if q:
            return _Span(start + m.start(), start + m.end(), "qty", q, m.group())
    return None


def _merge(text: str, spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Spans in order, those apart only by white space joined into one."""
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and (s <= out[-1][1] or not text[out[-1][1] : s].strip()):
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return tuple((s, e) for s, e in out)


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
    r"\bthe\s+(?:(?:entire|whole)\s+)?(?P<w>region|oblast|province)\b(?!['’]s|\s+of\b|-)", re.IGNORECASE
)
_ANAPHOR_PENINSULA = re.compile(r"\bthe\s+(?:whole\s+|entire\s+)?(?:Crimean\s+)?(?P<w>peninsula)\b(?!['’]s)")


def _region_referent(text: str, at: int, own: list[tuple[int, str]], prev: list[tuple[int, str]]) -> str | None:
    """The unit "the region" at ``at`` (sentence offsets) stands for, or None where that is not unambiguous.

    The mentions before it in its sentence if any (one unit, no city unit), else those of the sentence before
    (likewise); a mention after it in the same clause ("the region around Kyiv") makes it unclear."""
    before = {u for pos, u in own if pos < at}
    if any(pos > at and not re.search(r"[,;:—–()]", text[at:pos]) for pos, _ in own):
        return None
    pool = before if before else {u for _, u in prev} if not before else set()
    if len(pool) != 1 or pool & CITY_UNITS:
        return None
    return next(iter(pool))


def _add_anaphors(article: Article, places: list, by_sentence: dict) -> None:
    """Stand-in mentions for "the region" / "the peninsula" where what they stand for is unambiguous.

    ``places`` are the hits that name a place (:func:`mention_role`: "Kyiv's forces" names none)."""
    named: dict[int, list[tuple[int, str]]] = {}
    for h in places:
        named.setdefault(h.excerpt.start, []).append((h.start - h.excerpt.start, h.unit))
    article_units = {u for hs in named.values() for _, u in hs}
    prev: list[tuple[int, str]] = []
    for block, sent in article.sentences():
        own = named.get(sent.start, [])
        text = article.text[sent.start : sent.end]
        found: list[_Anaphor] = []
        excerpt = Excerpt(article.path, sent.start, sent.end, text, "caption" if block.kind == "caption" else None)
        for m in _ANAPHOR_REGION.finditer(text):
            unit = _region_referent(text, m.start(), own, prev)
            if unit is not None:
                s, e = sent.start + m.start("w"), sent.start + m.end("w")
                found.append(_Anaphor(unit, s, e, article.text[s:e], excerpt, block.kind))
        if article_units & CRIMEA_UNITS:
            for m in _ANAPHOR_PENINSULA.finditer(text):
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
        prev = own


def suggest(article: Article, hits: Iterable | None = None) -> tuple[Suggestion, ...]:
    """The statuses ``article`` states of the units it names, by rule.

    Parameters
    ----------
    article : Article
        The source.
    hits : iterable of MentionHit, optional
        Its mentions (default :func:`dashboard.places.mentions.find_hits`); a capital named for its government or in a
        dateline is left out here in any case.

    Returns
    -------
    tuple of Suggestion
        At most one per (unit, field), the best-supported one (see the module's "Choice"), in text order.
    """
    all_hits = find_hits(article) if hits is None else list(hits)
    places = [h for h in all_hits if mention_role(article.text, h.start, h.end, h.unit) == "place"]  # once each
    by_sentence: dict[tuple[int, int], tuple[Excerpt, list]] = {}
    for h in places:
        if getattr(h, "block", "body") not in _BLOCK_RANK:
            continue
        ex = h.excerpt
        if ex.text != article.text[ex.start : ex.end]:
            continue
        by_sentence.setdefault((ex.start, ex.end), (ex, []))[1].append(h)
    _add_anaphors(article, places, by_sentence)
    reader = _Reader(article)
    for ex, sentence_hits in by_sentence.values():
        sentence_hits.sort(key=lambda h: (h.start, h.end, h.unit))
        reader.sentence(ex, sentence_hits)
    best: dict[tuple[str, str], _Candidate] = {}
    for c in reader.found:
        if c.only is not None and c.only != (c.field, c.value):
            continue
        key = (c.unit, c.field)
        if key not in best or c.rank < best[key].rank:
            best[key] = c
    chosen = sorted(best.values(), key=lambda c: (c.excerpt.start, c.unit, c.field))
    return tuple(
        Suggestion(
            unit=c.unit,
            field=c.field,
            value=c.value,
            excerpt=c.excerpt,
            cue=" … ".join(article.text[s:e] for s, e in c.cue_spans),
            cue_spans=c.cue_spans,
            attributed_to=c.attributed_to,
        )
        for c in chosen
    )
