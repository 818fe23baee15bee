"""The clause reader: a second, looser reading of each sentence, for the (unit, field) pairs the rules left unstated.

The rules of :mod:`.reading` and :mod:`.after` bind a cue to a mention through the words between them. Wordings
they have not met ("Russian troops hold almost all of it" after "Luhansk region is lost to Kyiv:", "one of four
regions that Moscow proclaimed part of Russia", "no Russian troops remain in any of the three") are read here from
the parts of a sentence instead:

Clauses
    A sentence is cut at ";", ":", a dash between spaces, brackets and "but / while / whereas / although". A
    clause with no unit of its own after a colon or a dash (a line "- Luhansk: almost the whole region is …",
    "Kyiv, Chernihiv and Sumy regions: no Russian troops remain …") reads the units of the clause before it; "it",
    "its territory", "the region" in a clause stand for the one unit of the clause (or of the clause before).

Control
    A clause gives a unit's control only with all three of: a holding (hold, control, occupy, cling to, "under
    Russian occupation", "in Russian hands", "Russian-held"), a side (the nearest actor before a verb; the passive
    and adjectival forms are Russian, "under Ukrainian control" Ukrainian), and one share bound to the unit (the
    share directly before the mention or before "it", "its territory", "the region"; or a piece, "a narrow strip",
    "a foothold", in a clause naming one unit). A Ukrainian share is turned into Russia's (all → none, most →
    part, a third or less → most, half → parts). Without a share only Crimea and Sevastopol held are ``all``.
    "No Russian troops remain (are left) in …" is ``none``, and "cleared of Russian troops with one exception"
    is ``part``.

Claim
    A clause naming Russia (Moscow, the Kremlin, Putin) or written in the passive, with a claim word (annexed,
    incorporated, absorbed, accession, "declared / proclaimed … part of Russia", "Russian territory"), gives the
    units of 2014 and of 2022 their claim by the year rules of :func:`.sentence._claim_value`; a clause naming
    both Crimea and one of the four is left to the rules. Negated ("neither X nor Y has been absorbed", "has never
    laid claim to", "is not Russian territory") it gives ``none``, only to a unit Russia had not claimed by the
    article's date (never Crimea or Sevastopol, the four only before 30 September 2022).

Guards
    Nothing in a question, a correction note, a timeline's dated entry, or a clause with a hypothetical, a
    negation (other than the forms above) or a time before the article's; nothing of a city named as a city. Each
    suggestion found here ranks after every suggestion of the rules.
"""

from __future__ import annotations

import datetime as dt
import re

from dashboard.claims.suggest.matching import _fold, _folded
from dashboard.claims.suggest.model import _BLOCK_RANK, CITY_UNITS, CRIMEA_UNITS, DECLARED_2022_UNITS
from dashboard.claims.suggest.patterns import (
    _FALSE,
    _HYPOTHETICAL,
    _MINOR_SHARE,
    _PAST,
    _RETRACTED,
    _SINCE,
    _TIME_LIMIT,
    _YEAR,
    _YET,
)
from dashboard.claims.suggest.reading import _TIMELINE_ENTRY
from dashboard.claims.suggest.sentence import _attribution, _Candidate, _claim_value, _quantity_class
from dashboard.claims.suggest.words import _RU, _UA, QUANTITY
from dashboard.sources.model import Article, Excerpt

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


def clause_candidates(article: Article, by_sentence: dict) -> list[_Candidate]:
    """Candidates of the clause reader for every sentence of ``by_sentence`` (excerpt → its hits)."""
    published = article.meta.published
    found: list[_Candidate] = []
    for ex, hits in by_sentence.values():
        sentence = ex.text
        low = sentence.casefold()
        if not any(w in low for w in _HOLD_WORDS + _CLAIM_WORDS) or sentence.rstrip(" \"”’')").endswith("?"):
            continue
        if _RETRACTED.search(sentence) or _FALSE.search(sentence):
            continue
        found += _read_sentence(ex, hits, published)
    return found


def _clauses(sentence: str) -> list[tuple[int, int, str]]:
    """The clauses of ``sentence`` as (start, end, the break before it)."""
    out = []
    pos, brk = 0, ""
    for m in _SPLIT.finditer(sentence):
        if m.start() > pos:
            out.append((pos, m.start(), brk))
        pos, brk = m.end(), m.group().strip()[:1]
    if pos < len(sentence):
        out.append((pos, len(sentence), brk))
    return out


def _read_sentence(ex: Excerpt, hits: list, published: dt.date | None) -> list[_Candidate]:
    sentence, base = ex.text, ex.start
    timeline = bool(_TIMELINE_ENTRY.match(sentence))
    found: list[_Candidate] = []
    previous: list = []
    head = ""
    parts = _clauses(sentence)
    for i, (lo, hi, brk) in enumerate(parts):
        own = [h for h in hits if base + lo <= h.start and h.end <= base + hi]
        listed = _list_after(sentence, parts, i, hits, base)
        cue = _CLAIM.search(sentence, lo, hi) if listed else None
        if cue:  # "Moscow declared four mainland regions annexed: Donetsk, Luhansk, …": the list is the clause's
            start = max(lo, sentence.rfind(",", lo, cue.start()) + 1)
            start += len(sentence[start:hi]) - len(sentence[start:hi].lstrip())
            block_rank = min(_BLOCK_RANK.get(getattr(h, "block", "body"), 2) for h in listed)
            found += _claim(ex, sentence[start:hi], start, listed, published, block_rank, listed_after=True)
        if lo == 0 and _LEAD.match(sentence):
            lo = _LEAD.match(sentence).end()
        units = [h for h in own if h.feature != "city" or h.unit in CITY_UNITS]
        inherited = False
        if not own and brk in (":", "-", "–", "—") and previous:
            units, inherited = previous, True
        if units:
            block_rank = min(_BLOCK_RANK.get(getattr(h, "block", "body"), 2) for h in units)
            clause = sentence[lo:hi]
            low = clause.casefold()
            if any(w in low for w in _HOLD_WORDS):
                head_text = head if inherited else ""
                found += _control(ex, clause, lo, units, inherited, published, timeline, block_rank, head_text)
            if any(w in low for w in _CLAIM_WORDS):
                found += _claim(ex, clause, lo, units, published, block_rank)
        if own or not inherited:
            previous, head = units, sentence[lo:hi]
    return found


def _list_after(sentence: str, parts: list, i: int, hits: list, base: int) -> list:
    """The mentions of the clause after clause ``i`` when a colon opens it and it is only a list of units."""
    if i + 1 >= len(parts) or parts[i + 1][2] != ":":
        return []
    lo, hi, _ = parts[i + 1]
    listed = [h for h in hits if base + lo <= h.start and h.end <= base + hi and getattr(h, "name", None)]
    rest = sentence[lo:hi]
    for h in sorted(listed, key=lambda h: -h.start):
        rest = rest[: h.start - base - lo] + rest[h.end - base - lo :]
    if not listed or not _ONLY_LINKS.fullmatch(rest):
        return []
    return listed


def _control(ex: Excerpt, clause: str, lo: int, units: list, inherited: bool, published: dt.date | None,
             timeline: bool, block_rank: int, head: str = "") -> list[_Candidate]:  # fmt: skip
    low = _fold(clause)
    t, f = (clause, _same) if low is None else (low, _folded)  # case-blind patterns run folded (as the rules do)
    if timeline or f(_HYPOTHETICAL).search(t.replace("no longer", "no-longer")) or f(_PAST).search(t):
        return []
    if published is not None and _earlier(head, published):
        return []  # "Kherson in 2022: Russian troops held …": the head's year is the clause's
    sentence, base = ex.text, ex.start
    distinct = {h.unit for h in units}
    speaker = _attribution(sentence, lo, lo + len(clause))
    rank = (speaker is not None, block_rank, 3, ex.start)
    only = {h.unit: getattr(h, "only", None) for h in units}
    at = {u: [(h.start - base - lo, h.end - base - lo) for h in units if h.unit == u] for u in distinct}

    def made(unit: str, value: str, spans: list[tuple[int, int]]) -> _Candidate:
        spans = sorted({(base + lo + a, base + lo + b) for a, b in spans})
        return _Candidate(unit, "control", value, ex, tuple(spans), speaker, rank, only[unit])

    none = None
    for form in (_NO_TROOPS, _NEVER_ENTERED, _NOT_OCCUPIED):
        if ("no " in t or "never" in t or "not " in t) and (none := f(form).search(t)):
            break
    if none:
        if f(_EXCEPT).search(t) or f(QUANTITY).search(t, none.end()) and not re.search(r"\bany\b", t):
            return []
        if published is not None and _earlier(clause, published, none.span()):
            return []
        return [made(u, "none", [none.span()]) for u in sorted(distinct)]
    cleared = f(_CLEARED).search(t) if "clear" in t or "free" in t else None
    if cleared:
        exception = f(_EXCEPT).search(t, cleared.end())
        if exception and len(distinct) == 1:
            return [made(next(iter(distinct)), "part", [cleared.span(), exception.span()])]
        return []
    shares = _shares(t, f)
    values: dict[str, set[str]] = {}
    spans_of: dict[str, list[tuple[int, int]]] = {}
    for hold in f(_HOLD).finditer(t):
        side = _side_of(clause, t, f, hold)
        if side is None:
            continue
        found: list[tuple[str, str, tuple[int, int]]] = []  # (unit, class, share span)
        for cls, span in shares:
            if not _near(clause, hold, *span) or f(_NEG).search(t, max(0, span[0] - 12), span[0]):
                continue
            bound = _bound_units(clause, span, at, inherited)
            if cls == "piece":  # "a thin wedge along the river": a piece of the one unit of the clause
                cls, bound = "part", bound or ([next(iter(at))] if len(at) == 1 else [])
            for unit in bound:
                found.append((unit, cls, span))
        if not found and "respectively" in t:
            found = _respectively(clause, t, hold, at, inherited)
        adv = _ADVERB.search(t, max(0, hold.start() - 14), hold.start())
        if adv and not found:  # "Crimea and Sevastopol remain wholly in Moscow's hands": the subjects' share
            for unit in _subjects(clause, hold, at, inherited):
                found.append((unit, _ADVERB_SHARE[adv.group(1)], adv.span(1)))
        for unit, cls, span in found:
            cut = max(span[1], hold.end())
            if published is not None and _earlier(clause, published, (0, cut)):
                continue
            value = _side_value(side, cls, t[span[0] : span[1]])
            if value:
                values.setdefault(unit, set()).add(value)
                spans_of[unit] = [hold.span(), span]
        if not found and side == "ru" and len(distinct) == 1 and not shares:
            unit = next(iter(distinct))
            if unit in CRIMEA_UNITS and _holder_of(clause, hold, at[unit], inherited):
                values.setdefault(unit, set()).add("all")
                spans_of[unit] = [hold.span()]
    return [made(u, next(iter(v)), spans_of[u]) for u, v in sorted(values.items()) if len(v) == 1]


def _respectively(clause: str, t: str, hold: re.Match[str], at: dict, inherited: bool) -> list:
    """ "In Zaporizhzhia and Kherson, Russia holds about 75 and 70 percent respectively": the units listed before
    the holding, in order, each with the percentage in that place of the list after it."""
    end = t.find("respectively", hold.end())
    run = _PERCENT_RUN.search(t, hold.end(), end) if end > 0 else None
    if inherited or run is None or t[run.end() : end].strip(" ,") not in ("", "of each", "of each region", "each"):
        return []
    numbers = [float(n) for n in re.findall(r"\d{1,3}(?:\.\d+)?", run.group())]
    spans = sorted((s, u) for u, ss in at.items() for s, _ in ss if s < hold.start())
    order = [u for _, u in spans]
    if len(order) != len(numbers) or len(set(order)) != len(order) or len(order) < 2:
        return []
    out = []
    for unit, n in zip(order, numbers, strict=True):
        cls = "all" if n >= 100 else "most" if n > 50 else "part" if n < 50 else "parts"
        out.append((unit, cls, run.span()))
    return out


def _earlier(text: str, published: dt.date, window: tuple[int, int] | None = None) -> bool:
    """Whether ``text`` (up to the first comma after ``window``) is dated before the article's year."""
    if window is not None:
        comma = text.find(",", window[1])
        text = text[: len(text) if comma < 0 else comma]
    years = [int(y) for y in _YEAR.findall(text)]
    return bool(years) and max(years) < published.year and not _SINCE.search(text)


def _side_of(clause: str, t: str, f, hold: re.Match[str]) -> str | None:
    """The side holding at ``hold``: the nearest actor before a verb, else the side a passive names."""
    if hold.group("verb"):
        if hold.group("verb").casefold() in _PARTICIPLE and not _AUX_BEFORE.search(clause, 0, hold.start()):
            return None
        side, where = None, 0
        for m in _SIDE.finditer(clause, 0, hold.start()):
            side, where = ("ru" if m.group("ru") else "ua"), m.end()
        if side is None or f(_NEG).search(t, where, hold.start()):
            return None
        return side
    if f(_NEG).search(t, max(0, hold.start() - 20), hold.start()):
        return None
    return "ru" if hold.group("ru") else "ua"


def _shares(t: str, f) -> list[tuple[str, tuple[int, int]]]:
    """The shares of ``t`` (folded): the extra forms first, then the rules' quantities not inside one."""
    out: list[tuple[str, tuple[int, int]]] = []
    for m in _FRACTION.finditer(t):
        n, d = _NUMBERS[m.group("n")], _NUMBERS[m.group("d").rstrip("s")]
        share = n / d
        out.append(("most" if share > 0.5 else "parts" if share == 0.5 else "part", m.span()))
    for m in f(_ALL_BUT).finditer(t):
        out.append(("most", m.span()))
    taken = [s for _, s in out]
    for q in f(QUANTITY).finditer(t):
        cls = _share(q)
        if cls is None or any(a < q.end() and q.start() < b for a, b in taken):
            continue
        if _LARGER.search(t, 0, q.start()) or _COMPARED.match(t, q.end()):
            continue
        start = q.start() + len(q.group()) - len(q.group().lstrip())  # a percentage's match may start with spaces
        out.append((cls, (start, q.end())))
        taken.append(q.span())
    for m in f(_PIECE).finditer(t):
        if not any(a < m.end() and m.start() < b for a, b in taken):
            out.append(("piece", m.span()))
    return sorted(out, key=lambda c: c[1])


def _bound_units(clause: str, span: tuple[int, int], at: dict, inherited: bool) -> list[str]:
    """The units a share at ``span`` is of: the mention (and the mentions listed with it) right after it; the
    one unit of the clause, named before it, for "it" / "its territory" / "the region" or a share ending the
    clause ("Luhansk, of which it holds all but a few villages")."""
    after = _OF_UNIT.match(clause, span[1])
    if after is None:
        return []
    sole = next(iter(at)) if len(at) == 1 else None
    named_before = sole is not None and (inherited or any(s < span[0] for s, _ in at[sole]))
    if after.group("word"):
        stand_in = sole is not None and any(span[1] <= s < after.end() for s, _ in at[sole])
        region_word = after.group("word").casefold() in ("region", "oblast", "province")
        if sole and (named_before or stand_in) and not (region_word and sole in CITY_UNITS):
            return [sole]
        return []
    if inherited:
        return []
    if not clause[span[1] :].strip(" .,;:!\"”’'"):
        # a share ending the clause is the unit's only where the unit is its topic: "Luhansk, of which it holds
        # all but a few villages", "In Luhansk, Russian forces occupy all but a few villages" (not "After talks
        # in Luhansk, …")
        if not named_before:
            return []
        first, last = min(s for s, _ in at[sole]), max(e for _, e in at[sole])
        topic = _TOPIC_LEAD.fullmatch(clause, 0, first) or _RELATIVE_LINK.match(clause, last)
        return [sole] if topic else []
    starts = {s: u for u, ss in at.items() for s, _ in ss}
    unit = starts.get(after.end())
    if unit is None:
        return []
    listed = [unit]
    end = max(e for s, e in at[unit] if s == after.end())
    while True:  # "parts of the Kherson and Zaporizhzhia regions": each unit of the list
        link = _LIST_LINK.match(clause, end)
        nxt = starts.get(link.end()) if link else None
        if nxt is None:
            break
        listed.append(nxt)
        end = max(e for s, e in at[nxt] if s == link.end())
    return listed


def _subjects(clause: str, hold: re.Match[str], at: dict, inherited: bool) -> list[str]:
    """The units named as the subject of ``hold``: all of them before it, coordinated, the last at most four
    words before it."""
    if inherited:
        return []
    spans = sorted((s, e, u) for u, ss in at.items() for s, e in ss)
    if not spans or spans[-1][1] > hold.start() or len(clause[spans[-1][1] : hold.start()].split()) > 4:
        return []
    for (_, e1, _), (s2, _, _) in zip(spans, spans[1:], strict=False):
        if not _LIST_LINK.fullmatch(clause, e1, s2):
            return []
    return sorted({u for _, _, u in spans})


def _holder_of(clause: str, hold: re.Match[str], spans: list[tuple[int, int]], inherited: bool) -> bool:
    """Whether the one mention is what ``hold`` holds: its object (only "the whole of" between) or its subject
    (at most four words before it)."""
    if inherited:
        return False
    start, end = spans[0]
    if start >= hold.end():
        return bool(_OBJECT_GAP.match(clause[hold.end() : start]))
    return end <= hold.start() and len(clause[end : hold.start()].split()) <= 4


def _same(pattern: re.Pattern[str]) -> re.Pattern[str]:
    return pattern


def _near(clause: str, hold: re.Match[str], start: int, end: int) -> bool:
    """Whether a share at ``start:end`` is the holding's own: its object (at most three words after the verb, no
    comma: not "occupy the Kinburn Spit, most of …") or its subject (at most eight words before it)."""
    if start >= hold.end():
        gap = clause[hold.end() : start]
        return "," not in gap and len(gap.split()) <= 3
    if end <= hold.start():
        gap = clause[end : hold.start()]  # one aside between commas may stand there ("…, on the left bank, is …")
        return (gap.count(",") == 0 or gap.count(",") == 2) and len(gap.split()) <= (10 if "," in gap else 8)
    return False


def _share(q: re.Match[str]) -> str | None:
    cls = _quantity_class(q)
    return cls if cls in ("all", "most", "parts", "part") else None


def _side_value(side: str, cls: str, words: str) -> str | None:
    if side == "ru":
        return cls
    low = words.casefold()
    if cls == "all":
        return "none"
    if cls == "most":
        return "part"
    if cls == "part" and (_MINOR_SHARE.search(low) or re.search(r"\b(?:sixth|tenth)\b", low)):
        return "most"
    if cls == "parts" and "half" in low:
        return "parts"
    return None


def _claim(ex: Excerpt, clause: str, lo: int, units: list, published: dt.date | None,
           block_rank: int, listed_after: bool = False) -> list[_Candidate]:  # fmt: skip
    low = _fold(clause)
    t, f = (clause, _same) if low is None else (low, _folded)
    claim = list(f(_CLAIM).finditer(t))
    if not claim or f(_HYPOTHETICAL).search(t):
        return []
    sentence, base = ex.text, ex.start
    distinct = {h.unit for h in units}
    if distinct & CRIMEA_UNITS and distinct & DECLARED_2022_UNITS:
        return []
    speaker = _attribution(sentence, lo, lo + len(clause))
    rank = (speaker is not None, block_rank, 3, ex.start)
    year = published.year if published else None
    out = []
    for unit in sorted(distinct):
        if all(getattr(h, "name", None) is None for h in units if h.unit == unit):
            continue  # a stand-in ("the peninsula") is read for control only
        at = min(h.start for h in units if h.unit == unit) - base - lo
        cue = min(claim, key=lambda m: abs(m.start() - at))
        a, b = sorted((max(at, 0), cue.start()))
        w0, w1 = (0, len(t)) if listed_after else (max(0, a - 30), b) if at >= 0 else (0, cue.start())
        negated = f(_NEG).search(t, w0, w1)
        if negated:
            if unit in CRIMEA_UNITS or (
                unit in DECLARED_2022_UNITS and (published is None or published >= _DECLARED_BY)
            ):
                continue
            if _YET.search(sentence) or f(_TIME_LIMIT).search(t):
                continue  # "has not annexed Kharkiv — yet", "did not claim it until …"
            agent = _AGENT.match(clause, cue.end())
            if not _RU_NAMED.search(clause) or (agent and not _RU_NAMED.search(agent.group("agent"))):
                continue  # whose claim is denied must be Russia's ("not annexed by Ukraine's allies": nothing)
            value = "none"
            spans = [negated.span(), cue.span()]
        else:
            declared = f(_DECLARE).search(t)
            if declared is None or not _RU_NAMED.search(clause):
                continue
            value = _claim_value(unit, clause, clause, year)
            spans = [declared.span()]
        if value:
            spans = sorted({(base + lo + s, base + lo + e) for s, e in spans if 0 <= s < e <= len(clause)})
            out.append(_Candidate(unit, "claim", value, ex, tuple(spans), speaker, rank))
    return out
