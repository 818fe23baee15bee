"""The reader: each sentence's candidates for each (unit, field), and the best of them."""

from __future__ import annotations

import re

from dashboard.claims.suggest.after import _AFTER_NEEDS, _AfterMention
from dashboard.claims.suggest.matching import _finditer, _fold, _holds
from dashboard.claims.suggest.model import _BLOCK_RANK, _MAX_WALK, CITY_UNITS
from dashboard.claims.suggest.patterns import (
    _COPULA,
    _FALSE,
    _HYPOTHETICAL,
    _INNER_QUANTITY,
    _IT_OBJECT,
    _LIST_HEAD,
    _LIST_TAIL,
    _LOCATIVE,
    _MINOR_SHARE,
    _NEGATION,
    _NUMBER_WORDS,
    _PAST,
    _RELATIVE_OPEN,
    _RETRACTED,
    _SINCE,
    _TAIL_CUT,
    _TIME_LIMIT,
    _YEAR,
    _YET,
)
from dashboard.claims.suggest.sentence import (
    _actor,
    _allowed,
    _attribution,
    _Candidate,
    _claim_value,
    _clause_before,
    _Span,
    _tokens,
    _value,
)
from dashboard.claims.suggest.words import _ADV_QUANTITY, CUE
from dashboard.sources.model import Article, Excerpt

_ATTEMPTED = re.compile(r"\battempted\s+(?:(?:and\s+)?(?:illegal|unlawful|formal)\s+)*$", re.IGNORECASE)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_TIMELINE_ENTRY = re.compile(
    rf"\s*(?:[-–—•*]\s*)?(?:(?:Early|Late|Mid)[\s-]+)?(?:{_MONTH}\s+\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?(?:,?\s+(?:19|20)\d\d)?|"
    rf"{_MONTH}\s+(?:19|20)\d\d|(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?)\s*[:—–]\s",
    re.IGNORECASE,
)
"""A timeline's entry, a date heading its line ("July 3: …", "Sept. 6-12: …", "April 2014: …", "2023-2025: …"): what
it says of control was so then (a claim stays)."""
_NOT_FULLY = re.compile(r"\b(?:fully|entirely|completely|wholly)\s*$", re.IGNORECASE)
_CLAUSE_STOP = re.compile(r"[;.!?]|\b(?:but|while|whereas)\b", re.IGNORECASE)
"""What ends the clause a pronoun's antecedent must share."""
_WHEN = re.compile(r",?\s+when\b(?=[^,;.]*$)", re.IGNORECASE)
"""A "when" clause holding the cue (the last one before it)."""


class _Reader(_AfterMention):
    def __init__(self, article: Article):
        self.article = article
        self.text = article.text
        self.published = article.meta.published.year if article.meta.published else None
        self.found: list[_Candidate] = []

    def sentence(self, excerpt: Excerpt, hits: list) -> None:
        sentence = excerpt.text
        if sentence.rstrip(" \"”’')").endswith("?") or _FALSE.search(sentence):
            return
        base = excerpt.start
        cues = list(_finditer(CUE, sentence))
        low = _fold(sentence) if not cues else None
        if low is not None and not any(_holds(low, needs) for needs in _AFTER_NEEDS):
            return  # no cue before a mention, none after one: nothing to find (most sentences naming a unit)
        retracted = _RETRACTED.search(sentence)
        if retracted:  # a correction note: what the earlier version said, up to the next ";", is withdrawn
            stop = sentence.find(";", retracted.end())
            cut = base + (len(sentence) if stop < 0 else stop)
            hits = [h for h in hits if h.start >= cut]
            if not hits:
                return
        toks = _tokens(sentence, hits, base, cues)
        index = {hi: i for i, t in enumerate(toks) if t.kind == "hit" for hi in t.ref}
        self._it_object(sentence, base, toks, hits, excerpt)
        for hi, hit in enumerate(hits):
            i = index.get(hi)
            if i is None:
                continue
            self._forward(sentence, base, toks, i, hit, excerpt)
            self._backward(sentence, base, toks, i, hit, excerpt)

    def _it_object(self, sentence: str, base: int, toks: list[_Span], hits: list, excerpt: Excerpt) -> None:
        """A no-claim or a share whose object is "it", standing for the one unit named before it in the clause
        ("Russia does not control any part of the X region and has never claimed it"; "X is lost to Kyiv: Russian
        troops hold almost all of it")."""
        for j, t in enumerate(toks):
            if t.kind != "cue":
                continue
            qty = toks[j + 1] if j + 1 < len(toks) and toks[j + 1].kind == "qty" else None
            if t.ref == "state" and qty is not None and qty.ref in ("all", "most", "parts", "part"):
                # "Russian troops hold almost all of it": a share of "it"
                it = _IT_OBJECT.match(sentence, qty.end) if qty.word.casefold().endswith(" of") else None
                kind = "state"
            elif t.ref == "noclaim":
                it, qty, kind = _IT_OBJECT.match(sentence, t.end), None, "noclaim"
            else:
                continue
            before = [toks[k] for k in range(j) if toks[k].kind == "hit"]
            units = {hits[hi].unit for tok in before for hi in tok.ref}
            if it is None or len(units) != 1 or _CLAUSE_STOP.search(sentence, before[-1].end, t.start):
                continue
            self._bind(sentence, base, hits[before[-1].ref[0]], excerpt, kind, t, qty, after=it.end())

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
                    k = _named_object(toks, j, qty_tok)
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
        if kind == "state" and cue.start > 0 and sentence[cue.start - 1] in "-‐":
            return  # "the Ukrainian-held part of Donetsk": an adjective of another side's holding, not a cue
        if kind == "state" and cue.word.casefold() == "occupied" and j >= 1 and toks[j - 1].word.casefold() == "the":
            return  # "appointed to run the occupied part of the region": names a territory, states no share
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
        if kind == "annex":  # "Russia's attempted annexation of …": the term for a declared, unrecognised one
            own = _ATTEMPTED.sub("", own)
        if _HYPOTHETICAL.search(own) or (kind in ("annex", "noclaim") and negated):
            return
        if negated and _NOT_FULLY.search(clause):
            return  # "do not fully control any of the four regions": none held in full, not none held
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
            if kind == "withdraw" and re.search(r"\bRussia(?:n|['’]s)\b", cue.word):
                side = "ru"  # "a counteroffensive pushed Russian troops out of …": the actor is in the cue
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
        if _TIMELINE_ENTRY.match(sentence) and kind not in ("annex", "noclaim"):
            return  # "July 3: Lysychansk falls, and Moscow says it has taken all of Luhansk": an entry of a timeline
        if kind in ("state", "passive", "adjocc", "ruadj") and self.published:
            head = clause.rpartition(":")[0]  # "Kherson region in 2022: Russian troops held …": then, not now
            for part in (span_text, head):
                years = [int(y) for y in _YEAR.findall(part)]
                if years and max(years) < self.published and not _SINCE.search(part):
                    return
            # "… published in March 2022, when Russian troops held large parts of the region": then, not now
            when = _WHEN.search(sentence, max(0, cue.start - 60), cue.start)
            if when:
                earlier = [int(y) for y in _YEAR.findall(sentence, max(0, when.start() - 40), when.start())]
                if earlier and max(earlier) < self.published:
                    return
        if kind not in ("annex", "noclaim") and _LOCATIVE.search(sentence, 0, hit.start - base):
            return  # "the city of Lyman in Donetsk oblast was fully liberated": the city's, not the unit's
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
        if (
            value is None
            and kind == "state"
            and side == "ua"
            and qty == "unclear"
            and not negated
            and qty_tok.word.casefold().startswith("much")
        ):
            value = "parts"  # "Ukraine still holds much of the Donetsk region": Russia holds parts of it
        if value:
            self._add(hit.unit, "control", value, excerpt, spans, speaker,
                      (speaker is not None, block_rank, 0 if qty else 1), getattr(hit, "only", None))  # fmt: skip

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


def _named_object(toks: list[_Span], j: int, qty_tok: _Span | None) -> int | None:
    """The index of the cue before a proper name ending at ``toks[j]`` and coordinated ("and") with the
    quantity of the mention ("occupy Izium and large stretches of territory in the east of the Kharkiv region"), or
    None."""
    if qty_tok is None or j + 1 >= len(toks) or toks[j + 1].word != "and":  # ", most of": an apposition
        return None
    k = j
    while k >= 0 and j - k < 3 and toks[k].kind == "word" and toks[k].word[:1].isupper():
        k -= 1
    if k == j:
        return None
    if k >= 0 and toks[k].kind == "word" and toks[k].word.casefold() == "the":
        k -= 1
    if k >= 0 and toks[k].kind == "cue":
        return k
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
