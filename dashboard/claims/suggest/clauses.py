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

from dashboard.claims.suggest.clause_claims import _claim, _list_after
from dashboard.claims.suggest.clause_words import (
    _ADVERB,
    _ADVERB_SHARE,
    _ALL_BUT,
    _AUX_BEFORE,
    _CLAIM,
    _CLAIM_WORDS,
    _CLEARED,
    _COMPARED,
    _EXCEPT,
    _FRACTION,
    _HOLD,
    _HOLD_WORDS,
    _LARGER,
    _LEAD,
    _LIST_LINK,
    _NEG,
    _NEVER_ENTERED,
    _NO_TROOPS,
    _NOT_OCCUPIED,
    _NUMBERS,
    _OBJECT_GAP,
    _OF_UNIT,
    _PARTICIPLE,
    _PERCENT_RUN,
    _PIECE,
    _RELATIVE_LINK,
    _SIDE,
    _SPLIT,
    _TOPIC_LEAD,
    _same,
)
from dashboard.claims.suggest.matching import _fold, _folded
from dashboard.claims.suggest.model import _BLOCK_RANK, CITY_UNITS, CRIMEA_UNITS
from dashboard.claims.suggest.patterns import _FALSE, _HYPOTHETICAL, _MINOR_SHARE, _PAST, _RETRACTED, _SINCE, _YEAR
from dashboard.claims.suggest.reading import _TIMELINE_ENTRY
from dashboard.claims.suggest.sentence import _attribution, _Candidate, _quantity_class
from dashboard.claims.suggest.words import QUANTITY
from dashboard.sources.model import Article, Excerpt


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
