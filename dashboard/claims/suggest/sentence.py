"""Reading one sentence: tokens, actors, attribution, and the value a cue gives a unit."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from re import _constants as _sre  # the parsed form of a pattern (read by _needs only)
from re import _parser as _sre_parser
from typing import NamedTuple

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


def _fold(text: str) -> str | None:
    """``text.casefold()`` with the dotless "ı" as "i", where that keeps every offset (one character each: no
    "ß", no "İ"), else None.

    Where it is not None, a character of ``text`` that an IGNORECASE pattern matches to an ASCII letter is that
    letter, lower-case, in the fold: IGNORECASE matches "ı" to "i" (casefold keeps it, so it is folded here), "ſ"
    to "s" and the Kelvin sign to "k" (casefold gives those); the only other such character, checked over all of
    Unicode, is "İ", which changes the length."""
    low = text.casefold()
    if len(low) != len(text):
        return None
    return low.replace("ı", "i")


def _may_match(text: str, *needs: Iterable[str]) -> bool:
    """False only where a pattern that needs, for each of ``needs``, one of its strings (lower-case; see
    :func:`_needs`) cannot match ``text``: some set has no string in :func:`_fold` ``(text)``. A prefilter, far
    cheaper than the pattern; True (run the pattern) where the fold would move offsets."""
    low = _fold(text)
    return low is None or _holds(low, needs)


def _holds(low: str, needs: Iterable[Iterable[str]]) -> bool:
    """True if the folded text ``low`` holds a string of each set of ``needs``."""
    has = low.__contains__
    return all(any(map(has, words)) for words in needs)


_MAX_EXACT = 64
"""The most strings :func:`_needs` lists for a stretch of a pattern before it gives up on listing it."""
_COMMON = frozenset({"russia", "russian", "russians", "moscow", "that", "which", "the", "and", "of", "in", "by"})
"""Words of most sentences of war news: a set holding one of them is the last chosen (it would let most through)."""


def _needs(pattern: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """Sets of strings (lower-case) such that every match of ``pattern`` holds a string of each, as :func:`_fold`
    folds it (empty where none is found): read off the parsed pattern, so they follow any change of it.

    A stretch of literal characters (or small sets of them, optional ones, zero-width assertions) gives the
    strings it can match; a branch gives one string of each alternative's best set; a repeat at least once, its
    content's. The pattern's own sequence gives every set it can, the most selective first; inside a branch,
    the most selective of an alternative's sets is kept: none with a common word if it can (:data:`_COMMON`),
    then the one with the longest shortest string (``"annexed"`` rather than ``","``)."""
    offers: list[frozenset[str] | None] = []
    exact, _ = _seq(list(_sre_parser.parse(pattern.pattern, pattern.flags)), offers)
    usable = {s for s in [exact, *offers] if s and "" not in s}
    return tuple(sorted(usable, key=_score, reverse=True))


def _score(s: frozenset[str]) -> tuple:
    return (not (s & _COMMON), min(map(len, s)), -len(s), sorted(s))


def _plain(c: str) -> bool:
    """True for a character :func:`_fold` folds to its lower case: ASCII, or a character without case."""
    return c.isascii() or c.casefold() == c == c.upper()


def _best(*sets: frozenset[str] | None) -> frozenset[str] | None:
    usable = [s for s in sets if s and "" not in s]
    return max(usable, key=_score, default=None)


def _node(op, av) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """(every string the node can match, or None; strings one of which its every match holds, or None)."""
    if op is _sre.LITERAL:
        c = chr(av)
        return (frozenset({c.lower()}), None) if _plain(c) else (None, None)
    if op is _sre.IN:
        if all(o is _sre.LITERAL and _plain(chr(a)) for o, a in av):
            return frozenset(chr(a).lower() for _, a in av), None
        return None, None
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return frozenset({""}), None
    if op is _sre.SUBPATTERN:
        return _seq(list(av[-1]))
    if op is _sre.BRANCH:
        parts = [_seq(list(b)) for b in av[1]]
        exacts = [e for e, _ in parts]
        exact = frozenset().union(*exacts) if all(e is not None for e in exacts) else None
        each = [_best(e, n) for e, n in parts]
        needs = frozenset().union(*each) if all(n is not None for n in each) else None
        return (exact if exact is not None and len(exact) <= _MAX_EXACT else None), needs
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        lo, hi, sub = av
        exact, needs = _seq(list(sub))
        if lo == hi == 1:
            return exact, needs
        at_least_once = _best(exact, needs) if lo >= 1 else None
        if lo == 0 and hi == 1 and exact is not None:
            return exact | {""}, None
        return None, at_least_once
    return None, None


def _seq(items: list, offers: list | None = None) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """:func:`_node` of a sequence: its runs of listed nodes joined, the best set of any of its parts kept (and
    every set it offers added to ``offers``, where given)."""
    offers = [] if offers is None else offers
    run: frozenset[str] | None = frozenset({""})
    whole = True
    for op, av in items:
        exact, needs = _node(op, av)
        offers.append(needs)
        if exact is None:
            offers.append(run)
            run, whole = None, False
        elif run is None:
            run = exact
        else:
            joined = frozenset(a + b for a in run for b in exact)
            if len(joined) > _MAX_EXACT:
                offers.append(run)
                run, whole = exact, False
            else:
                run = joined
    offers.append(run)
    return (run if whole else None), _best(*offers)


def _finditer(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, by :func:`_folded` ``(pattern)`` over :func:`_fold` ``(text)`` where that keeps
    every offset, else by ``pattern`` itself."""
    low = _fold(text)
    if low is None:
        return pattern.finditer(text)
    return _folded(pattern).finditer(low)


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
        if m.end() > m.start() and free(m.start(), m.end()):
            marks.append((m.start(), m.end(), "qty", _quantity_class(m)))
            taken.append((m.start(), m.end()))
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
    underscore, anything else is punctuation."""
    return [
        _new_span(
            _Span, (m.start(), m.end(), "word" if (w := m.group())[0].isalnum() or w[0] == "_" else "punct", None, w)
        )
        for m in _WORD.finditer(sentence, pos, end)
    ]


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
