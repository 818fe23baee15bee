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
    r"\s*(?:;|:(?!\d)|\s[-–—]\s|—|\(|\)|,?\s+(?:but|while|whereas|although|though)\s)\s*", re.IGNORECASE
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
    r"(?:laid|lay|lays|made|make|makes|no|any|territorial|formal)\s+claims?\s+(?:to|on)|part\s+of\s+(?:the\s+)?(?:Russia|Russian\s+Federation)|Russian\s+territory)\b",
    re.IGNORECASE,
)
_DECLARE = re.compile(
    r"\b(?:(?:declared|declaring|declares|proclaimed|proclaiming|proclaims|pronounced|made|making|recognised|"
    r"recognized|considers?|considered|regards?|regarded)\b[^;:]{0,160}?\b(?:(?:an?\s+)?(?:integral\s+)?parts?\s+of\s+"
    r"(?:the\s+)?(?:Russia|Russian\s+Federation)|Russian\s+(?:territory|land|soil)|(?:new\s+)?subjects?\s+of\s+the\s+"
    r"Russian\s+Federation)|accession\s+(?:documents|treaties|treaty|agreements?|decrees?))\b",
    re.IGNORECASE,
)
""""Moscow proclaimed the whole of that region part of Russia", "declared the Ukrainian regions of … to be Russian
territory", "signing accession documents": the forms of a declared claim the looser reading accepts (a bare
"annexed" is left to the rules, which bind it)."""
_AGENT = re.compile(r"^\s*by\s+(?P<agent>(?:the\s+)?[\w'’-]+)")
_RU_NAMED = re.compile(r"\b(?:Russia|Russian|Moscow|Kremlin|Putin)\b")
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
        if _RETRACTED.search(sentence):
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
    for lo, hi, brk in _clauses(sentence):
        own = [h for h in hits if base + lo <= h.start and h.end <= base + hi]
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


def _control(ex: Excerpt, clause: str, lo: int, units: list, inherited: bool, published: dt.date | None,
             timeline: bool, block_rank: int, head: str = "") -> list[_Candidate]:  # fmt: skip
    low = _fold(clause)
    t, f = (clause, _same) if low is None else (low, _folded)  # case-blind patterns run folded (as the rules do)
    if timeline:
        return []
    none = f(_NO_TROOPS).search(t) if "no " in t or "No " in t else None
    cleared = f(_CLEARED).search(t) if none is None and ("clear" in t or "free" in t) else None
    hold = f(_HOLD).search(t) if none is None and cleared is None else None
    if none is None and cleared is None and hold is None:
        return []
    if f(_HYPOTHETICAL).search(t) or f(_PAST).search(t):
        return []
    if published is not None:
        for part in (clause, head):  # "Kherson in 2022: Russian troops held …": the head's year is the clause's
            years = [int(y) for y in _YEAR.findall(part)]
            if years and max(years) < published.year and not _SINCE.search(part):
                return []
    sentence, base = ex.text, ex.start
    distinct = {h.unit for h in units}
    speaker = _attribution(sentence, lo, lo + len(clause))
    rank = (speaker is not None, block_rank, 3, ex.start)

    only = {h.unit: getattr(h, "only", None) for h in units}

    def made(unit: str, value: str, spans: list[tuple[int, int]]) -> _Candidate:
        spans = sorted({(base + lo + a, base + lo + b) for a, b in spans})
        return _Candidate(unit, "control", value, ex, tuple(spans), speaker, rank, only[unit])

    if none:
        if f(_EXCEPT).search(t) or f(QUANTITY).search(t, none.end()) and not re.search(r"\bany\b", t):
            return []
        return [made(u, "none", [none.span()]) for u in sorted(distinct)]
    if cleared:
        exception = f(_EXCEPT).search(t, cleared.end())
        if exception and len(distinct) == 1:
            return [made(next(iter(distinct)), "part", [cleared.span(), exception.span()])]
        return []
    if hold.group("verb"):
        if hold.group("verb").casefold() in _PARTICIPLE and not _AUX_BEFORE.search(clause, 0, hold.start()):
            return []
        side = None
        for m in _SIDE.finditer(clause, 0, hold.start()):
            side = "ru" if m.group("ru") else "ua"
        if side is None or f(_NEG).search(t, max(0, hold.start() - 30), hold.start()):
            return []
    else:
        side = "ru" if hold.group("ru") else "ua"
        if f(_NEG).search(t, max(0, hold.start() - 20), hold.start()):
            return []
    if f(_NEG).search(t) and not re.search(r"\bnot\s+(?:the\s+)?(?:regional\s+)?(?:capital|city)\b", t):
        return []
    # the shares bound to a unit: directly before its mention, or before "it" / "the region" (one unit only)
    bound: dict[str, list[tuple[str, tuple[int, int]]]] = {}
    for q in f(QUANTITY).finditer(t):
        cls = _share(q)
        if cls is None or _LARGER.search(clause, 0, q.start()) or not _near(clause, hold, q.start(), q.end()):
            continue
        after = _OF_UNIT.match(clause, q.end())
        target = None
        if after is None:
            continue
        if after.group("word"):
            sole = next(iter(distinct)) if len(distinct) == 1 else None
            before = inherited or any(
                h.start - base - lo < q.start() or q.end() <= h.start - base - lo < after.end()  # or the stand-in
                for h in units
                if h.unit == sole
            )
            region_word = after.group("word").casefold() in ("region", "oblast", "province")
            if sole and before and not (region_word and sole in CITY_UNITS):
                target = sole
        else:
            pos = base + lo + after.end()
            target = next((h.unit for h in units if h.start == pos and not inherited), None)
        if target is not None:
            bound.setdefault(target, []).append((cls, q.span()))
    if not bound and len(distinct) == 1:
        piece = f(_PIECE).search(t)
        if piece and not f(QUANTITY).search(t) and _near(clause, hold, piece.start(), piece.end()):
            bound[next(iter(distinct))] = [("part", piece.span())]
    out = []
    for unit in sorted(distinct):
        shares = bound.get(unit, [])
        classes = {c for c, _ in shares}
        if len(classes) > 1 or len(bound) > 1:
            continue
        if not classes:
            if side == "ru" and unit in CRIMEA_UNITS and len(distinct) == 1 and not f(QUANTITY).search(t):
                at = [h for h in units if h.unit == unit][0]
                start, end = at.start - base - lo, at.end - base - lo
                if (
                    _OBJECT_GAP.match(clause[hold.end() : max(start, hold.end())])
                    and start >= hold.end()
                    or (end <= hold.start() and len(clause[end : hold.start()].split()) <= 4 and not inherited)
                ):
                    out.append(made(unit, "all", [hold.span()]))
            continue
        value = _side_value(side, classes.pop(), clause[shares[0][1][0] : shares[0][1][1]])
        if value:
            out.append(made(unit, value, [hold.span(), shares[0][1]]))
    return out


def _same(pattern: re.Pattern[str]) -> re.Pattern[str]:
    return pattern


def _near(clause: str, hold: re.Match[str], start: int, end: int) -> bool:
    """Whether a share at ``start:end`` is the holding's own: its object (at most three words after the verb, no
    comma: not "occupy the Kinburn Spit, most of …") or its subject (at most eight words before it)."""
    if start >= hold.end():
        gap = clause[hold.end() : start]
        return "," not in gap and len(gap.split()) <= 3
    if end <= hold.start():
        gap = clause[end : hold.start()]
        return "," not in gap and len(gap.split()) <= 8
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
           block_rank: int) -> list[_Candidate]:  # fmt: skip
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
        window = clause[max(0, a - 30) : b] if at >= 0 else clause[: cue.start()]
        negated = f(_NEG).search(window.casefold() if low is not None else window)
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
