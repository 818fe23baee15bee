"""The clause reader's claims: a declared claim in other words, a claim denied, a claim whose units a colon lists.

Part of :mod:`.clauses` (see its docstring, "Claim").
"""

from __future__ import annotations

import datetime as dt

from dashboard.claims.suggest.clause_words import (
    _AGENT,
    _CLAIM,
    _DECLARE,
    _DECLARED_BY,
    _NEG,
    _ONLY_LINKS,
    _RU_NAMED,
    _same,
)
from dashboard.claims.suggest.matching import _fold, _folded
from dashboard.claims.suggest.model import CRIMEA_UNITS, DECLARED_2022_UNITS
from dashboard.claims.suggest.patterns import _HYPOTHETICAL, _TIME_LIMIT, _YET
from dashboard.claims.suggest.sentence import _attribution, _Candidate, _claim_value
from dashboard.sources.model import Excerpt


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
