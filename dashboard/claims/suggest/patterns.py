"""The patterns that read a sentence's context: negation, time, attribution, lists, relatives, passives."""

from __future__ import annotations

import re

from dashboard.claims.roles import REGION_WORD
from dashboard.claims.suggest.words import _PRONOUN, _RU, _UA

_RUN_WORDS = frozenset({"and", "or", "region", "regions", "oblast", "oblasts", "province", "provinces"})
_PUNCT_OK = frozenset(",—–-:()'\"“”‘’")
_WORD = re.compile(r"[\w'’%-]+|[^\w\s]")
_INNER_QUANTITY = re.compile(r"\b(?:full|complete|total|partial)\b", re.IGNORECASE)
_PAST = re.compile(r"\b(?:briefly|previously|formerly|once|until|before|had\s+been|used\s+to)\b", re.IGNORECASE)
_COORD_TAIL = re.compile(r"^[^,;:—–]*\s(?:and|but)(?:\s+(?:now|still|also|already|currently|only))*\s*$")
""""They withdrew from the city in November and now hold …": the pronoun is the subject of both verbs."""
_AUX_ONLY = re.compile(r"(?:\s+(?:has|have|had|also|still|now|already|then|formally|illegally|\w+ly))*\s*")
_APPOSITION = re.compile(
    r",\s*[^,;:.]{1,100},(?=\s*(?:which\s+)?(?:was|were|has\s+been|had\s+been|have\s+been|is|are)\s)"
)
_TAIL_CUT = re.compile(r"[,;:.]|\b(?:which|where|who|that|while|but)\b")
_SINCE = re.compile(
    r"\bsince\s+(?:\w+[\s-]+)?(?:19|20)\d\d|\bsince\s+(?:it|they|Russia|Moscow)\s+(?:\w+\s+){1,4}?in\s+(?:19|20)\d\d|"
    r"\bsince\s+the\s+(?:fall|capture|seizure|loss|start|beginning|annexation)\s+of\s+(?:[\w'’-]+\s+){1,3}?in\s+"
    r"(?:\w+\s+)?(?:19|20)\d\d"
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
_RELATIVE_OPEN = re.compile(r",\s*(?:which|who|where)\s")
_YET = re.compile(r"\byet\b", re.IGNORECASE)
_TIME_LIMIT = re.compile(
    r"\b(?:until|till|before|at\s+first|initially|originally|at\s+the\s+(?:time|outset|start))\b", re.IGNORECASE
)
"""A no-claim limited in time ("did not claim Kherson either until …", "Initially, Moscow did not claim …")."""
_REGION_WORD = REGION_WORD
_CITY_CONTEXT = re.compile(r"\b(?:city|town|village|villages|bank|capital|outskirts|suburbs?)\b", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:not|never|no|nor|without|cannot|neither)\b|n['’]t\b", re.IGNORECASE)
_HYPOTHETICAL = re.compile(
    r"\b(?:if|would|could|may|might|should|shall|will|can|plans?|planned|planning|threat|threats|threatens?|"
    r"threatened|intends?|intended|aims?|aimed|seeks?|sought|wants?|wanted|hopes?|hoped|possible|possibly|"
    r"potential|potentially|prospect|proposed|proposal|whether|unless|try|tries|tried|trying|attempts?|attempted|"
    r"bid|demands?|demanded|failed|fail|unable|ready|willing|expected|expects?|predicted|likely|poised|"
    r"falsely|wrongly|incorrectly|mistakenly|erroneously|push(?:ing)?\s+(?:to|for)|urged|urges?|calls?\s+for|called\s+for|fears?|feared|risk|rumou?red|allegedly|reportedly\s+plans)\b"
    r"|\bno\s+longer\b",
    re.IGNORECASE,
)
_LOCATIVE = re.compile(r"\b(?:city|town|village|port|settlement|district)\s+of\s+[A-Z][\w'’-]+\s+in\s+(?:the\s+)?$")
""""The city of Lyman in (the) Donetsk oblast was liberated": what follows the mention is the city's, not the unit's."""
_FALSE = re.compile(r"\b(?:falsely|wrongly|incorrectly|mistakenly|erroneously)\b", re.IGNORECASE)
"""A sentence saying something is shown or said falsely ("Viral map falsely shows all of X under Russian control")
states nothing of X itself."""
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
    r"currently|since|declared|proclaimed)\s+)*)(?P<cue>annexed|absorbed|incorporated|controls|control|controlled|holds|hold|held|"
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
    r"south-?western|central|neighbouring|neighboring|nearby|adjacent)\s+)?",
    re.IGNORECASE,
)
_FRONTED_IN = re.compile(
    rf"\s*,\s*(?:{_RU})\s+(?:(?:continues?\s+to|still|now|also|already)\s+)*(?P<cue>occup(?:y|ies)|holds?|controls?|"
    r"keeps?|maintains?|retains?|(?:has|have)(?=\s+(?:a|one)\s+(?:small\s+|tiny\s+|narrow\s+)?(?:foothold|bridgehead)))\s+"
    r"(?P<qty>(?P<most>all\s+but\s+(?:a\s+few|a\s+handful\s+of|a\s+sliver\s+of|a\s+(?:small|thin|narrow)\s+"
    r"(?:strip|sliver|pocket|corner)\s+of))|(?:a|one)\s+(?:small\s+|narrow\s+|thin\s+)?(?:strip|string|cluster|"
    r"handful|pocket|patch)\s+of\s+(?:(?:border|frontline|front-line)\s+)?(?:villages|settlements|land|territory)|"
    r"(?:a|one)\s+(?:small\s+|tiny\s+|narrow\s+|precarious\s+)?(?:foothold|bridgehead|toehold))\b"
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
    r"parts?\s+of\s+(?:(?:the\s+)?(?:Russia|Russian\s+Federation)|its\s+(?:own\s+)?territory))\b(?!['’])"
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
    r"(?:['’]s\s+(?:illegal\s+|formal\s+)?(?P<poss>annexation))|[\s,\"”’]*(?:(?:which|that)\s+)?"
    r"(?:(?:is|are|was|were|has|have|had|been|being|remains?|remained|stays?|still|now|today|currently|already|"
    r"also)\s+)*(?P<adv>(?:(?:largely|mostly|partly|partially|fully|entirely|completely|wholly|illegally|almost|nearly|"
    r"formally|effectively|officially)\s+)*)(?P<cue>(?P<annex>annexed|absorbed|incorporated)|"
    r"(?P<ctl>under\s+Russian\s+(?:military\s+)?(?:control|occupation)|in\s+Russian\s+hands|"
    r"(?:occupied|controlled|held)\s+by\s+(?:Russia|Russian\s+(?:forces|troops|army)|Moscow|the\s+Russians))|"
    r"(?P<free>free\s+of\s+Russian\s+(?:troops|forces|soldiers|occupiers)|(?:liberated|freed|cleared)\s+"
    r"(?:of|from)\s+(?:the\s+)?(?:Russian\s+(?:troops|forces|occupiers|occupation|army)|invaders?|occupiers?|"
    r"occupation))|(?P<bare_free>(?:(?<=fully\s)|(?<=entirely\s)|(?<=completely\s)|(?<=largely\s)|(?<=mostly\s))(?:liberated|de-?occupied|free)\b)|"
    r"(?P<bare_occ>(?<=\s)occupied(?=\s*(?:[,.;:]|$)|\s+(?:including|except|apart|save|but)\b)))",
    re.IGNORECASE,
)
_PASSIVE_NOCLAIM = re.compile(
    r"[\s,]*(?:(?:which|that)\s+)?(?P<cue>(?:has|have|had|was|were|is|are)\s+(?:not|never)\s+(?:been\s+)?"
    rf"(?:formally\s+|officially\s+)?(?:claimed|annexed))(?:\s+by\s+(?P<actor>(?:{_RU})|[\w'’-]+(?:\s+[\w'’-]+)?))?\b"
)
""""The Mykolaiv region has never been claimed by Moscow (as Russian territory)": a claim denied, in the passive
(an agent, when named, is Russian)."""
_REL_SHARE = re.compile(
    r"\s*,\s*(?P<qty>(?:[\w-]+\s+){0,3}?[\w-]+)\s+of\s+which\s+(?:(?:is|are|was|were|remains?|remained|has|have|"
    r"been|now|still|already|today|currently)\s+)*(?:(?P<cue>(?:occupied|controlled|held)(?:\s+by\s+(?:"
    rf"{_RU}))?|under\s+Russian\s+(?:military\s+)?(?:control|occupation)|in\s+Russian\s+hands)|(?P<actor>{_RU})\s+"
    r"(?:(?:now|still|already|has|have|also|currently)\s+)*(?P<cue2>controls?|holds?|occup(?:y|ies)|controlled|held|"
    r"occupied))\b"
)
""""The Kharkiv region, large parts of which remain occupied by Russian troops" / "…, most of which Russia now
controls": a share of the unit in a relative clause."""
_UA_HANDS = re.compile(
    r"[\s,]*(?:(?:which|that)\s+)?(?:(?:is|are|was|were|has|have|had|been|remains?|remained|stays?|now|also|again|"
    r"once|still|since|then|firmly)\s+)*(?P<adv>(?:(?:entirely|fully|completely|wholly|largely|mostly)\s+)*)"
    r"(?P<cue>(?:back\s+)?(?:under\s+(?:full\s+)?(?:Ukrainian|Ukraine['’]s|Kyiv['’]s)\s+control|in\s+Ukrainian\s+hands))"
)
""""The Chernihiv region is back under Ukrainian control" / "has been entirely under Ukrainian control since …":
Russian forces hold none of it (largely, mostly: part of it); a plain "remains in Ukrainian hands" says nothing."""
_PASSIVE_RETAKEN = re.compile(
    r"[\s,]*(?:(?:is|are|was|were|has|have|had|been|now|also|since)\s+)+(?P<adv>(?:(?:entirely|fully|completely|"
    rf"wholly)\s+)*)(?P<cue>recaptured|retaken|regained|liberated|freed|cleared|de-?occupied)(?:\s+by\s+(?:{_UA}))?\b"
)
""""The whole Kyiv region had been recaptured": retaken in full (a whole-unit quantity or adverb is needed)."""
_RETRACTED = re.compile(
    r"\b(?:an?\s+|the\s+)?(?:earlier|previous|original)\s+version\s+of\s+this\s+(?:article|story|report|piece)|"
    r"\bthe\s+(?:earlier|previous|original)\s+version\b",
    re.IGNORECASE,
)
"""A correction note: what "an earlier version of this article said" is retracted, up to the next ";"."""
_IT_OBJECT = re.compile(r"\s+(?P<it>it)\b(?!\s+(?:is|was|has|had|would|will)\b)")
"""A no-claim whose object is "it" ("does not control any part of the X region and has never claimed it")."""
_REL_WHERE = re.compile(
    rf"\s*,\s*where\s+(?P<actor>{_RU}|{_UA})\s+(?:(?:now|still|already|currently|also|has|have)\s+)*"
    r"(?P<cue>controls?|holds?|occup(?:y|ies)|held|controlled|occupied)\s+(?P<qty>(?:[\w-]+\s+){0,3}?[\w-]+)\s+(?:of\s+)?"
    r"(?:each|them|it|both|the\s+(?:region|oblast|province|regions|oblasts|provinces)|its\s+(?:territory|area))\b"
)
""""the Zaporizhzhia and Kherson regions, where Russia holds roughly three quarters of each": a share of the units
the relative clause follows."""
_CLAIMED_AS = re.compile(
    r"\s+(?P<cue>as\s+(?:(?:its|their)\s+own|Russian|Russia['’]s|part\s+of\s+(?:the\s+)?(?:Russia|Russian\s+"
    r"Federation))(?:\s+(?:territory|land|soil|region|regions))?)\b"
)
_CLAIM_VERB = re.compile(r"\b(?:claims?|claimed|considers?|considered|regards?|regarded)\s+(?:the\s+)?$")
""""Moscow claims the Zaporizhzhia region as its own territory": a claim (its year from the sentence)."""
_TOPIC = re.compile(
    rf"\s*(?:region|oblast|province)?\s*(?:[,:—–]\s*)?(?:the\s+)?(?P<actor>{_RU}|{_UA})(?:\s+and\s+their\s+proxies)?\s+"
    r"(?:(?:now|still|also|already|currently|continue\s+to|continues\s+to|only|effectively)\s+)*"
    r"(?P<cue>occup(?:y|ies)|holds?|controls?|keeps?|retains?|maintains?|cling(?:s)?\s+to)\s+"
    r"(?P<qty>(?:(?:only|just|roughly|about|around|some|nearly|almost|a\s+little\s+over|over|more\s+than|less\s+than|"
    r"under|just\s+under)\s+)*"
    r"(?:(?:all|most|much|parts|part|half|the\s+bulk|a\s+(?:small|large)\s+share|(?:a|one|two|three|four)[\s-]"
    r"(?:third|thirds|quarter|quarters|fifth|fifths)|\d{1,3}\s?(?:%|percent|per\s+cent))\s+of\s+(?:it|the\s+(?:territory|"
    r"region|oblast|province|area|land)|its\s+(?:territory|area|land))|(?:a|one)\s+(?:small\s+|narrow\s+|thin\s+|tiny\s+)?"
    r"(?:strip|band|slice|sliver|wedge|pocket|corner|foothold|bridgehead|toehold)|a\s+fraction\s+of|"
    r"(?:scattered|small|isolated)\s+pockets|(?:a\s+few|several|a\s+handful\s+of)\s+(?:villages|settlements|pockets)|"
    r"(?:a\s+little\s+over|just\s+over|more\s+than|over|less\s+than|about|roughly)\s+half))(?=[\s,;.:)—–-]|$)"
)
""""In Donetsk region, Russian forces now hold about four-fifths of the territory" / "- Luhansk: Russian forces
occupy almost all of it" / "In Kharkiv region, Russian troops cling to a narrow band east of the Oskil": a unit
fronted (after "In", or heading a line before a colon) as the topic of a share held."""
_TOPIC_LEAD = re.compile(r"\s*(?:[-–—•*]\s*)?(?:In\s+(?:the\s+)?(?:\w+ern\s+|neighbouring\s+|neighboring\s+)?)?",
                         re.IGNORECASE)  # fmt: skip
_NO_FORCES_IN = re.compile(
    r"\bno\s+Russian\s+(?:ground\s+|regular\s+)?(?:forces|troops|soldiers|units)\s+(?:(?:are|is|remain)\s+)?"
    r"(?:(?:now|still|currently)\s+)?(?:present\s+|stationed\s+|deployed\s+|left\s+)?(?:anywhere\s+)?in\s+(?:the\s+)?$",
    re.IGNORECASE,
)
""""No Russian ground forces are present anywhere in X": none held."""
_BECAME_RUSSIAN = re.compile(
    r"(?:\s*(?:,|and)\s*(?:the\s+)?[A-Z][\w'’-]+)*(?:\s*(?:regions|oblasts|provinces))?"
    r"(?:\s*,\s*[^,;.]{1,40},)?\s+[\"“]?(?P<cue>(?:became|becomes|become|remains?|remained|is\s+now|are\s+now|"
    r"were\s+made|was\s+made)\s+"
    r"[\"“]?(?:an?\s+)?(?:integral\s+)?(?:parts?|subjects?|regions?|territory)\s+of\s+(?:the\s+)?(?:Russia|Russian\s+"
    r"Federation))\b"
)
""""Donetsk, Luhansk, Zaporizhzhia and Kherson, he told reporters, became 'subjects of the Russian Federation'" /
"Kherson 'remains a subject of the Russian Federation'": a claim (its year by the rules of a claim)."""
_INTO_RUSSIA = re.compile(
    r"(?:\s*(?:,|and)\s*(?:the\s+)?[A-Z][\w'’-]+)*(?:\s*(?:regions|oblasts|provinces))?\s+(?P<cue>into\s+(?:the\s+)?"
    r"(?:Russia|Russian\s+Federation))\b"
)
_INTO_VERB = re.compile(
    r"\b(?:admit(?:s|ted|ting)?|absorb(?:s|ed|ing)?|incorporat(?:e|es|ed|ing)|accept(?:s|ed|ing)?)[\"”]?\s+"
    r"(?:(?:the\s+)?[A-Z][\w'’-]+\s*(?:,|and)\s*)*(?:Ukraine['’]s\s+)?(?:the\s+)?$"
)
""""Putin signs decrees 'admitting' Donetsk, Luhansk, Zaporizhzhia and Kherson regions into Russia": a claim."""
