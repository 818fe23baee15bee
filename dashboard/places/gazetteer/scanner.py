"""The gazetteer's trie and scanner: words and separators, the public types (Mention, Phrase), and
Gazetteer.find."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

Feature = Literal["region", "city", "group"]
"""What a mention refers to: the unit as a region, its city, or a group of units (Donbas, the peninsula)."""
FEATURE_LABELS: dict[str, str] = {
    "region": "the region",
    "city": "the city of the same name",
    "group": "part of a group of regions (such as Donbas)",
}
"""How the region panel says what a mention named (``Named as: the city of the same name``)."""


# -- words and separators ------------------------------------------------------------------------------------------

_MARKS = "\u0300-\u036f\u0483-\u0489"
_WORD = re.compile(rf"[\w{_MARKS}]+")
_WORD_NO_MODIFIER = re.compile(rf"(?:[^\W\u02bc]|[{_MARKS}])+")  # used when the text holds a modifier apostrophe
_COMBINING = re.compile(rf"[{_MARKS}]")
_LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")

SPACE, HYPHEN, APOSTROPHE = " ", "-", "'"
_HYPHENS = frozenset("-\u2010\u2011")
_APOSTROPHES = frozenset("'\u2019\u02bc\u2018")

_RANK_EXTRA, _RANK_NAME, _RANK_QUALIFIED, _RANK_PHRASE = 0, 1, 2, 3

Word = tuple[str, str]  # (separator kind before it, "" for the first word; the word as written)


def _word_spans(text: str) -> list[tuple[int, int]]:
    regex = _WORD_NO_MODIFIER if "\u02bc" in text else _WORD
    return [m.span() for m in regex.finditer(text)]


def _clean(word: str) -> str:
    """The word as compared: NFC, without combining marks (ASCII words as they are)."""
    if word.isascii():
        return word
    return _COMBINING.sub("", unicodedata.normalize("NFC", word))


def _sep_kind(sep: str) -> str | None:
    """The kind of the characters between two words, or None when they do not join words of one phrase."""
    if sep == " ":
        return SPACE
    if len(sep) == 1:
        if sep in _HYPHENS:
            return HYPHEN
        if sep in _APOSTROPHES:
            return APOSTROPHE
    if sep and sep.isspace():
        first = _LINE_BREAK.search(sep)
        if first is None or _LINE_BREAK.search(sep, first.end()) is None:
            return SPACE
    return None


def _is_comma(sep: str) -> bool:
    return sep.strip() == "," and _LINE_BREAK.search(sep) is None


# -- public types ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    """One phrase of a text that names one boundary unit.

    Attributes
    ----------
    unit : str
        ISO 3166-2 code of the unit, e.g. ``"UA-14"``.
    start, end : int
        Character offsets into the text given (Python ``str`` indexing), ``0 <= start < end <= len(text)``.
    text : str
        ``text[start:end]``: the whole matched phrase, e.g. ``"the city of Kherson"``, ``"Donetsk region"``.
    feature : {"region", "city", "group"}
        What the phrase refers to (see the module notes).
    name : str
        The app's English name of the unit.
    """

    unit: str
    start: int
    end: int
    text: str
    feature: Feature
    name: str


@dataclass(frozen=True)
class Phrase:
    """One phrase the gazetteer matches, after expanding ``{a,b}`` and adding city and region words.

    Attributes
    ----------
    text : str
        The phrase as the data writes it (words in their data case, single separators).
    units : tuple of str
        The units it names (two for a group).
    feature : {"region", "city", "group"}
    origin : str
        Where it comes from: ``units.UA-14.names``, ``groups.donbas``, ``extra_aliases.UA-14``.
    """

    text: str
    units: tuple[str, ...]
    feature: Feature
    origin: str


@dataclass(frozen=True)
class _Entry:
    units: tuple[str, ...]
    feature: Feature
    rank: int
    phrase: str
    origin: str


class _Node:
    __slots__ = ("children", "entry")

    def __init__(self) -> None:
        self.entry: _Entry | None = None
        self.children: dict[tuple[str, str], _Edge] = {}


class _Edge:
    """A word of a phrase: its folded form is the key; ``flex`` or ``surfaces`` say which cases it accepts."""

    __slots__ = ("flex", "node", "surfaces")

    def __init__(self) -> None:
        self.flex = False
        self.surfaces: set[str] = set()
        self.node = _Node()

    def accept(self, word: str) -> None:
        clean = _clean(word)
        if clean == clean.lower() and clean != clean.upper():
            self.flex = True
        else:
            self.surfaces.update((clean, clean.upper()))

    def accepts(self, clean: str) -> bool:
        return self.flex or clean in self.surfaces


@dataclass(frozen=True, eq=False)
class Gazetteer:
    """The compiled gazetteer. Build it with :func:`load_gazetteer`; use it with :func:`find_mentions`.

    Attributes
    ----------
    source : str
        The data file it was built from (relative to the repository when inside it).
    names : Mapping[str, str]
        ISO code -> the app's English name, for the units the data defines.
    phrases : tuple of Phrase
        Every phrase it matches (the entry that wins for each), sorted.
    extra_aliases_used : tuple of (str, str)
        Boundary-file aliases merged, as (unit, alias).
    extra_aliases_skipped : tuple of (str, str, str)
        Boundary-file aliases not used, as (unit, alias, reason).
    """

    source: str
    names: Mapping[str, str]
    extra_aliases_used: tuple[tuple[str, str], ...]
    extra_aliases_skipped: tuple[tuple[str, str, str], ...]
    _root: dict[str, _Edge] = field(repr=False)
    _depth: int = field(repr=False)
    _plurals: frozenset[str] = field(repr=False)
    _conjunctions: frozenset[str] = field(repr=False)

    @functools.cached_property
    def phrases(self) -> tuple[Phrase, ...]:
        """Every phrase it matches (the entry that wins for each), sorted; listed on first use (it is only read
        by checks and documentation: listing all ~10,000 phrases took a fifth of the compile time)."""
        return _phrases(self._root)

    def find(self, text: str) -> list[Mention]:
        """The mentions in ``text``, sorted by (start, unit). See :func:`find_mentions`."""
        return [Mention(unit, start, end, text[start:end], feature, name)
                for unit, start, end, feature, name in self.find_spans(text)]  # fmt: skip

    def find_spans(self, text: str) -> list[tuple[str, int, int, Feature, str]]:
        """The mentions of :meth:`find` as plain tuples ``(unit, start, end, feature, name)``, in the same order.

        For a caller that makes its own objects of them (:func:`dashboard.places.mentions.find_hits`): a tuple of
        strings and numbers is left alone by the garbage collector, a ``Mention`` is one more object for every full
        collection to go over (a 1 MB article has 7,000 mentions)."""
        if not text:
            return []
        spans = _word_spans(text)
        matches, entries = self._scan(text, spans)
        if self._plurals and matches:
            matches = self._coordinate(text, spans, matches, entries)
        out = []
        for first, last, k in matches:
            entry = entries[k]
            start, end = spans[first][0], spans[last][1]
            for unit in entry.units:
                out.append((unit, start, end, entry.feature, self.names[unit]))
        out.sort(key=lambda m: (m[1], m[0]))
        return out

    # -- scanning ----------------------------------------------------------------------------------------------------

    def _step(self, node: _Node, text: str, spans: list[tuple[int, int]], j: int) -> _Node | None:
        """The node after word ``j`` (joined to word ``j - 1``), or None."""
        kind = _sep_kind(text[spans[j - 1][1] : spans[j][0]])
        if kind is None:
            return None
        s, e = spans[j]
        clean = _clean(text[s:e])
        edge = node.children.get((kind, clean.casefold()))
        if edge is None or not edge.accepts(clean):
            return None
        return edge.node

    def _scan(self, text: str, spans: list[tuple[int, int]]) -> tuple[list[tuple[int, int, int]], list[_Entry]]:
        """The phrases found, longest first from each word on, as (first word, last word, index into the entries
        returned beside them): tuples of numbers, which the garbage collector leaves alone (a 1 MB article has
        7,000 phrases), not lists holding their entry."""
        root = self._root
        matches: list[tuple[int, int, int]] = []
        entries: list[_Entry] = []
        n = len(spans)
        i = 0
        while i < n:
            s, e = spans[i]
            word = text[s:e]
            if word.isascii():
                clean, fold = word, word.lower()
            else:
                clean = _clean(word)
                fold = clean.casefold()
            edge = root.get(fold)
            if edge is None or not (edge.flex or clean in edge.surfaces):
                i += 1
                continue
            node = edge.node
            best, best_entry = i, node.entry
            j = i + 1
            while j < n and node.children:  # self._step, inlined: this loop is the hot path
                s, e = spans[j]
                sep = text[spans[j - 1][1] : s]
                kind = SPACE if sep == " " else _sep_kind(sep)
                if kind is None:
                    break
                word = text[s:e]
                if word.isascii():
                    clean, fold = word, word.lower()
                else:
                    clean = _clean(word)
                    fold = clean.casefold()
                edge = node.children.get((kind, fold))
                if edge is None or not (edge.flex or clean in edge.surfaces):
                    break
                node = edge.node
                if node.entry is not None:
                    best, best_entry = j, node.entry
                j += 1
            if best_entry is None:
                i += 1
                continue
            entries.append(best_entry)
            matches.append((i, best, len(entries) - 1))
            i = best + 1
        return matches, entries

    def _walk(self, text: str, spans: list[tuple[int, int]], first: int, last: int) -> _Node | None:
        s, e = spans[first]
        clean = _clean(text[s:e])
        edge = self._root.get(clean.casefold())
        if edge is None or not edge.accepts(clean):
            return None
        node: _Node | None = edge.node
        for j in range(first + 1, last + 1):
            node = self._step(node, text, spans, j)
            if node is None:
                return None
        return node

    def _list_item_end(self, text: str, spans: list[tuple[int, int]], k: int) -> int:
        """The last word of the list item before word ``k`` ("A, B and C regions"), or -1."""
        if k == 0:
            return -1
        sep = text[spans[k - 1][1] : spans[k][0]]
        if _is_comma(sep):
            return k - 1
        s, e = spans[k - 1]
        if k >= 2 and _sep_kind(sep) == SPACE and text[s:e].casefold() in self._conjunctions:
            before = text[spans[k - 2][1] : s]
            if _sep_kind(before) == SPACE or _is_comma(before):
                return k - 2
        return -1

    def _region_reading(
        self, text: str, spans: list[tuple[int, int]], last: int, plural: str, lengths: Iterable[int]
    ) -> tuple[int, _Entry] | None:
        """The longest name ending at word ``last`` (of the ``lengths`` tried, longest first) that, followed by
        ``plural``, is a region phrase: (its first word, the entry)."""
        clean = _clean(plural)
        key = (SPACE, clean.casefold())
        for length in lengths:
            first = last - length + 1
            node = self._walk(text, spans, first, last)
            if node is None:
                continue
            edge = node.children.get(key)
            if edge is not None and edge.accepts(clean):
                entry = edge.node.entry
                if entry is not None and entry.feature == "region":
                    return first, entry
        return None

    def _coordinate(
        self, text: str, spans: list[tuple[int, int]], matches: list[tuple[int, int, int]], entries: list[_Entry]
    ) -> list[tuple[int, int, int]]:
        """Apply a plural region word to the names listed before it (see "Lists under one region word"): a
        phrase's entry changes in ``entries``, a name found is added to both."""
        owner: dict[int, tuple[int, int, int]] = {}
        for m in matches:
            for t in range(m[0], m[1] + 1):
                owner[t] = m
        added: list[tuple[int, int, int]] = []
        for first, last, _k in list(matches):
            if last == first:
                continue
            s, e = spans[last]
            plural = text[s:e]
            if _clean(plural).casefold() not in self._plurals:
                continue
            k = first
            while (end := self._list_item_end(text, spans, k)) >= 0:
                held = owner.get(end)
                if held is not None:  # a mention already ends there: only its own span may be the list item
                    if held[1] != end:
                        break
                    found = self._region_reading(text, spans, end, plural, (end - held[0] + 1,))
                    if found is None:
                        break
                    k, entries[held[2]] = found
                    continue
                free = 1  # words ending at `end` that no mention holds, up to the longest name
                while free < self._depth - 1 and end - free >= 0 and (end - free) not in owner:
                    free += 1
                found = self._region_reading(text, spans, end, plural, range(free, 0, -1))
                if found is None:
                    break
                k, entry = found
                entries.append(entry)
                m = (k, end, len(entries) - 1)
                added.append(m)
                for t in range(k, end + 1):
                    owner[t] = m
        if added:
            matches = sorted(matches + added, key=lambda m: m[0])
        return matches


def _phrases(root: dict[str, _Edge]) -> tuple[Phrase, ...]:
    out: list[Phrase] = []
    stack = [edge.node for edge in root.values()]
    while stack:
        node = stack.pop()
        if node.entry is not None:
            e = node.entry
            out.append(Phrase(e.phrase, e.units, e.feature, e.origin))
        stack.extend(edge.node for edge in node.children.values())
    out.sort(key=lambda p: (p.units, p.text))
    return tuple(out)
