"""Matching fast: the suggester's patterns run on case-folded text, and a sentence is searched only if it holds
what a pattern needs.

:func:`_finditer` runs an ``IGNORECASE`` pattern as a lower-case one over the folded text (same matches, same
offsets, 2 to 3 times faster); :func:`_needs` reads off a parsed pattern the strings every match must hold, and
:func:`_may_match` is the cheap test a sentence passes before the pattern runs. Apart from :mod:`.sentence`
(what a sentence says) because it is about the patterns, not the language.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from re import _constants as _sre  # the parsed form of a pattern (read by _needs only)
from re import _parser as _sre_parser


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
