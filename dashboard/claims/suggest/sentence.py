"""Reading one sentence: tokens, actors, attribution, and the value a cue gives a unit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from dashboard.claims.suggest.matching import _finditer
from dashboard.claims.suggest.model import CRIMEA_UNITS, DECLARED_2022_UNITS
from dashboard.claims.suggest.patterns import (
    _ACCORDING,
    _AUX_ONLY,
    _CITY_CONTEXT,
    _CLAUSE_BREAK,
    _COORD_TAIL,
    _OBJECT_BEFORE,
    _PUNCT_OK,
    _REGION_WORD,
    _SPEECH_LEAD,
    _SPEECH_TRAIL,
    _TIME_WORDS,
    _WORD,
    _YEAR,
)
from dashboard.claims.suggest.words import _ALLOWED, ACTOR, CUE, QUANTITY
from dashboard.sources.model import Excerpt

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


def _tokens(sentence: str, hits: list, base: int, cues: list[re.Match[str]] | None = None) -> list[_Span]:
    """The sentence as spans: hits, cues, quantities (whole phrases), words and punctuation, in order.

    ``cues`` are the matches of ``_finditer(CUE, sentence)`` where the caller has them already."""
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

    for m in _finditer(CUE, sentence) if cues is None else cues:
        if free(m.start(), m.end()):
            marks.append((m.start(), m.end(), "cue", m.lastgroup))
            taken.append((m.start(), m.end()))
    for m in _finditer(QUANTITY, sentence):
        start = m.start() + len(m.group()) - len(m.group().lstrip())  # a percentage's match may open with spaces
        if m.end() > start and free(start, m.end()):
            marks.append((start, m.end(), "qty", _quantity_class(m)))
            taken.append((start, m.end()))
    marks.sort()
    out: list[_Span] = []
    pos = 0
    for s, e, kind, ref in marks:
        if s < pos:
            continue
        out += _words(sentence, pos, s)
        out.append(_Span(s, e, kind, ref, sentence[s:e]))
        pos = e
    out += _words(sentence, pos, len(sentence))
    return out


_new_span = tuple.__new__
"""``_Span``'s own ``__new__`` without its Python frame: ``_new_span(_Span, (start, end, kind, ref, word))`` is the
same named tuple (the words of a 1 MB article make 60,000 of them)."""


def _words(sentence: str, pos: int, end: int) -> list[_Span]:
    """The words and punctuation marks of ``sentence[pos:end]``, as spans: a word starts with a letter, digit or
    underscore, anything else is punctuation.

    The strings come from ``findall`` (no match objects) and each one's offset from ``str.find`` at the end of the
    one before: ``_WORD`` matches every character but white space, so only white space lies between two tokens
    and a token (never starting with white space) first occurs where it starts. Same spans as over
    ``finditer``'s matches, 16% less time (a 1 MB article's 14,000 calls)."""
    out: list[_Span] = []
    append = out.append
    find = sentence.find
    for w in _WORD.findall(sentence, pos, end):
        pos = find(w, pos)
        c = w[0]
        append(_new_span(_Span, (pos, pos := pos + len(w), "word" if c.isalnum() or c == "_" else "punct", None, w)))
    return out


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


_DATED_EVENT = re.compile(
    r"\b(?:last|in|that)\s+(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"spring|summer|autumn|fall|winter|year)\b|\b(?:19|20)\d\d\b|\bago\b"
)
""""… pushed Russian forces out of most of the Kharkiv region in a lightning offensive last September": an event
of a time before the article, which says nothing of what Russia holds now."""


def _value(kind: str, side: str | None, qty: str | None, negated: bool, unit: str, mention: str,
           sentence: str) -> str | None:  # fmt: skip
    """The control value a cue of ``kind`` gives, or None."""
    if kind == "free" and re.search(r"people['’]s\s+republic", mention, re.IGNORECASE):
        # "The Luhansk People's Republic has been completely liberated": the name and the word Moscow uses; a
        # "liberated" people's republic is one Russia says it holds
        return None if negated else qty if qty in ("all", "most", "parts", "part") else None
    if kind in ("withdraw", "free"):
        if negated or side == "ua":
            return None
        if kind == "withdraw" and side != "ru":
            return None
        if qty == "most" and (kind == "free" or not _DATED_EVENT.search(sentence)):
            return "part"  # "largely liberated", "pushed Russian troops out of most of X": Russia holds the rest
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
