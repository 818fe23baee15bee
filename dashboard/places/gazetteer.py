"""Place names to Ukraine's first-level boundary units (ISO 3166-2:UA codes), with exact character offsets.

The names are data, in ``data/gazetteer.toml`` (its header documents the notation and where each alias comes
from). :func:`load_gazetteer` compiles them into a word trie; :func:`find_mentions` scans a text once and returns
one :class:`Mention` per unit a phrase names, at Python ``str`` offsets, with ``text == source[start:end]``.

Matching rules
--------------
Words
    The text is split into words: maximal runs of Unicode letters, digits, underscores and combining marks (not
    the modifier apostrophe ``ʼ``, which separates words like ``'``). A phrase matches whole words only, in any
    script: "Rivne" never matches inside "Rivnenergo", "Sumy" inside "Sumyshyn", "Kherson" inside "Khersonese",
    "Kyiv" inside "Kyivstar", "Донецьк" inside "Донецький". Words are compared after NFC normalisation with
    combining marks removed (so a stress mark in "Хе́рсон" does not hide the name).
Between words
    White space with at most one line break (so a name never joins a word across a blank line), a hyphen
    (``-``, U+2010, U+2011) or an apostrophe (``'``, ``’``, ``ʼ``, ``‘``); each only where the phrase has that kind.
Case
    A word written in lower case in the data matches in any case ("region", "Region", "REGION"); a capitalised
    one matches as written or in capitals ("Kyiv", "KYIV" for headlines), never "kyiv" or "KyIv".
Longest phrase, leftmost first
    At each word the scan takes the longest phrase starting there, then resumes after it; mentions never overlap.
    "Donetsk People's Republic" is one mention; "Kyiv Oblast" and "Kyiv region" are UA-32 while bare "Kyiv" is
    the city (UA-30); "Luhansk region" spans "Luhansk region"; "Ukraine's northeastern Kharkiv region" gives
    "Kharkiv region". A leading "the" belongs to a mention only where the phrase has it: "the city of Kherson",
    "the Crimean Peninsula", but "the Donetsk region" gives "Donetsk region".
Possessives
    The span ends before the possessive: "Luhansk's" gives "Luhansk" (the apostrophe ends the word and "s" is no
    part of any name). Always so, for every name.
Features
    ``"city"`` when the text says so: "the city of Kherson", "Kherson city", "місто Херсон", or a name that is
    only a city's ("Simferopol", "Kropyvnytskyi"), and bare names of the two city units (Kyiv, Sevastopol).
    ``"region"`` for "Kherson region/Oblast/province", for fixed phrases ("Донецька область", "DPR") and for a
    bare name of any other unit ("Kherson" names UA-65 as a region: a bare name is the unit until the text says
    city). ``"group"`` for group phrases ("Donbas": UA-14 and UA-09; "the Crimean Peninsula": UA-43 and UA-40),
    which give one mention per unit with the same span.
Lists under one region word
    "the Kyiv and Chernihiv regions", "Donetsk, Luhansk, Zaporizhzhia and Kherson oblasts": a plural region word
    (``[words].coordinated_plurals``) after a list joined by commas and ``[words].conjunctions`` applies to every
    name of the list, so "Kyiv" there is Kyiv Oblast (UA-32) and "Dnipro" (a name only with a region word) is
    UA-12. The earlier names keep their own spans ("Kyiv"); the last one spans its region word ("Chernihiv
    regions").

Decided cases (tests/test_gazetteer.py checks them):

- Derived words are not mentions unless the data lists them: "Odessan", "Kharkivite", "Kievan Rus",
  "Dniprovskyi", "Donetskyi" are not; "Crimean" is (UA-43).
- Bare "Dnipro" is not a mention (mostly the river); "Dnipro region" and "the city of Dnipro" are UA-12.
- Metonymy is not resolved: "a position Kyiv reiterated" is a mention of the city of Kyiv, as is "Dynamo Kyiv".
- Only the units' own cities are in the gazetteer (Kherson, Simferopol, Lutsk ...): other towns (Marinka,
  Mariupol) are not, so "the city of Marinka" is no mention.
- A capitalised sentence start of a common word is not told apart from a name ("Рівне" is also "even").

Boundary-file aliases (``extra_aliases`` of :func:`load_gazetteer`) are merged with the lowest precedence and
these rules, each skipped alias recorded in :attr:`Gazetteer.extra_aliases_skipped` with its reason: a value may
hold several aliases joined by ``|`` (Natural Earth's ``name_alt``); leading and trailing punctuation is cut
("Donetskaya Oblast'" -> "Donetskaya Oblast"); skipped are empty aliases, aliases listed in
``[extra_aliases].ignore``, aliases that do not start with a capital letter or have fewer than three letters,
aliases with other separators than space, hyphen or apostrophe ("Krym, Avtonomna Respublika"), aliases given for
two or more units, and aliases the gazetteer already knows as a bare name (for any unit: "Kiev" for UA-32 stays
the city's). An alias that ends in a region word ("Kiev Oblast") is a fixed phrase; any other is used as
the unit's ``extra_as`` says (``names``, or ``with_region_word`` for Kyiv Oblast).

Cost: one regular-expression pass to find words, one dictionary look-up per word, and walks bounded by the
longest phrase (in words): linear in the text, with no backtracking regular expressions.
"""

from __future__ import annotations

import functools
import itertools
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from dashboard.core import paths
from dashboard.core.errors import DataError
from dashboard.places.units import UNIT_CODES

__all__ = [
    "Feature",
    "Gazetteer",
    "Mention",
    "Phrase",
    "find_mentions",
    "load_gazetteer",
]

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
        if not text:
            return []
        spans = _word_spans(text)
        matches = self._scan(text, spans)
        if self._plurals and matches:
            matches = self._coordinate(text, spans, matches)
        out = []
        for first, last, entry in matches:
            start, end = spans[first][0], spans[last][1]
            phrase = text[start:end]
            for unit in entry.units:
                out.append(Mention(unit, start, end, phrase, entry.feature, self.names[unit]))
        out.sort(key=lambda m: (m.start, m.unit))
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

    def _scan(self, text: str, spans: list[tuple[int, int]]) -> list[list[Any]]:
        root = self._root
        matches: list[list[Any]] = []
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
            matches.append([i, best, best_entry])
            i = best + 1
        return matches

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

    def _coordinate(self, text: str, spans: list[tuple[int, int]], matches: list[list[Any]]) -> list[list[Any]]:
        """Apply a plural region word to the names listed before it (see "Lists under one region word")."""
        owner: dict[int, list[Any]] = {}
        for m in matches:
            for t in range(m[0], m[1] + 1):
                owner[t] = m
        added: list[list[Any]] = []
        for first, last, _entry in list(matches):
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
                    k, held[2] = found
                    continue
                free = 1  # words ending at `end` that no mention holds, up to the longest name
                while free < self._depth - 1 and end - free >= 0 and (end - free) not in owner:
                    free += 1
                found = self._region_reading(text, spans, end, plural, range(free, 0, -1))
                if found is None:
                    break
                k, entry = found
                m = [k, end, entry]
                added.append(m)
                for t in range(k, end + 1):
                    owner[t] = m
        if added:
            matches = sorted(matches + added, key=lambda m: m[0])
        return matches


# -- loading ---------------------------------------------------------------------------------------------------------

_TOP_KEYS = {"schema", "words", "extra_aliases", "units", "groups"}
_WORD_KEYS = {"region_after", "region_before", "city_after", "city_before", "coordinated_plurals", "conjunctions"}
_UNIT_KEYS = {"name", "feature", "names", "city_names", "with_region_word", "with_city_word", "phrases", "extra_as"}
_GROUP_KEYS = {"units", "phrases"}


def _expand(alias: str) -> list[str]:
    """Expand ``{a,b}`` alternatives; raises ValueError on unbalanced braces."""
    parts = re.split(r"(\{[^{}]*\})", alias)
    options: list[list[str]] = []
    for part in parts:
        if part.startswith("{") and part.endswith("}") and len(part) >= 2:
            options.append(part[1:-1].split(","))
        elif "{" in part or "}" in part:
            raise ValueError("unbalanced '{' or '}'")
        else:
            options.append([part])
    return ["".join(combo) for combo in itertools.product(*options)]


def _split_words(alias: str) -> list[Word]:
    """The words of an alias with the separator kind before each; raises ValueError when it cannot match."""
    spans = _word_spans(alias)
    if not spans:
        raise ValueError("no letters")
    if spans[0][0] != 0 or spans[-1][1] != len(alias):
        raise ValueError("starts or ends with a character that is not part of a word")
    words: list[Word] = []
    prev_end = 0
    for s, e in spans:
        word = alias[s:e]
        if "_" in word:
            raise ValueError("'_' inside a word")
        if words:
            sep = alias[prev_end:s]
            kind = _sep_kind(sep)
            if kind is None:
                raise ValueError(f"unsupported separator {sep!r} between words")
            words.append((kind, word))
        else:
            words.append(("", word))
        prev_end = e
    return words


def _join(*parts: list[Word]) -> list[Word]:
    out: list[Word] = []
    for part in parts:
        for k, (kind, word) in enumerate(part):
            out.append((SPACE if k == 0 and out else kind, word))
    return out


def _phrase_text(words: list[Word]) -> str:
    return "".join(kind + word for kind, word in words)


class _Builder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.root: dict[str, _Edge] = {}
        self.depth = 1

    def node_of(self, words: list[Word]) -> _Node | None:
        edge = self.root.get(_clean(words[0][1]).casefold())
        if edge is None:
            return None
        node = edge.node
        for kind, word in words[1:]:
            nxt = node.children.get((kind, _clean(word).casefold()))
            if nxt is None:
                return None
            node = nxt.node
        return node

    def known(self, words: list[Word]) -> bool:
        node = self.node_of(words)
        return node is not None and node.entry is not None

    def add(self, words: list[Word], units: tuple[str, ...], feature: Feature, rank: int, origin: str) -> bool:
        """Add a phrase; returns whether it is now the phrase's entry. Same-rank clashes raise DataError.

        One walk down the trie, creating the missing edges (a phrase whose path is new has no entry to lose to);
        the words' surfaces are recorded only once the phrase is taken.
        """
        first = words[0][1]
        key = _clean(first).casefold()
        edge = self.root.get(key)
        if edge is None:
            edge = self.root[key] = _Edge()
        edges = [(edge, first)]
        node = edge.node
        for kind, word in words[1:]:
            child_key = (kind, _clean(word).casefold())
            child = node.children.get(child_key)
            if child is None:
                child = node.children[child_key] = _Edge()
            edges.append((child, word))
            node = child.node
        old = node.entry
        if old is not None:
            if old.rank > rank:
                return False
            if old.rank == rank:
                if (old.units, old.feature) == (units, feature) or rank == _RANK_EXTRA:
                    return False
                raise DataError(
                    self.file,
                    f"phrase {_phrase_text(words)!r} names {'+'.join(old.units)} as {old.feature} (from "
                    f"{old.origin}) and {'+'.join(units)} as {feature}",
                    origin,
                )
        for e, word in edges:
            e.accept(word)
        node.entry = _Entry(units, feature, rank, _phrase_text(words), origin)
        self.depth = max(self.depth, len(words))
        return True


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


def _fail(file: str, problem: str, entry: str | None = None) -> DataError:
    return DataError(file, problem, entry)


def _string_list(file: str, value: Any, entry: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(file, f"expected a list of strings, got {value!r}", entry)
    return value


def _alias_phrases(file: str, values: list[str], entry: str) -> list[list[Word]]:
    """Expand and split each alias of a list, rejecting empty or unusable ones with the value quoted."""
    out: list[list[Word]] = []
    for raw in values:
        if not raw.strip():
            raise _fail(file, f"empty alias {raw!r}", entry)
        try:
            expanded = _expand(raw.strip())
            for alias in expanded:
                if not alias.strip():
                    raise ValueError(f"an alternative expands to the empty alias {alias!r}")
                out.append(_split_words(alias.strip()))
        except ValueError as exc:
            raise _fail(file, f"bad alias {raw!r}: {exc}", entry) from None
    return out


def _read_toml(path: Path, label: str) -> dict[str, Any]:
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(label, f"cannot read the gazetteer: {exc}") from None
    try:
        return tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        problem = f"not valid TOML: {exc}"
        found = re.search(r"at line (\d+)", str(exc))
        if found:
            lines = raw.splitlines()
            number = int(found.group(1))
            if 1 <= number <= len(lines):
                problem += f"; line {number}: {lines[number - 1]!r}"
        raise _fail(label, problem) from None


def _check_keys(file: str, table: Any, allowed: set[str], entry: str | None) -> dict[str, Any]:
    if not isinstance(table, dict):
        raise _fail(file, f"expected a table, got {table!r}", entry)
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise _fail(file, f"unknown key {unknown[0]!r} (expected one of {', '.join(sorted(allowed))})", entry)
    return table


def _check_code(file: str, code: Any, entry: str) -> str:
    if code not in UNIT_CODES:
        raise _fail(file, f"unknown ISO 3166-2 code {code!r} (expected one of {', '.join(UNIT_CODES)})", entry)
    return code


def _compile(path: Path, extra_aliases: Mapping[str, Iterable[str]] | None) -> Gazetteer:
    file = paths.relative_to_root(path)
    data = _check_keys(file, _read_toml(path, file), _TOP_KEYS, None)
    if data.get("schema", 1) != 1:
        raise _fail(file, f"unsupported schema {data['schema']!r} (expected 1)", "schema")
    words_cfg = _check_keys(file, data.get("words", {}), _WORD_KEYS, "words")
    words = {key: _alias_phrases(file, _string_list(file, words_cfg.get(key, []), f"words.{key}"), f"words.{key}")
             for key in _WORD_KEYS}  # fmt: skip
    region_after, region_before = words["region_after"], words["region_before"]
    city_after, city_before = words["city_after"], words["city_before"]
    single = {}
    for key in ("coordinated_plurals", "conjunctions"):
        for phrase in words[key]:
            if len(phrase) != 1:
                raise _fail(file, f"expected single words, got {_phrase_text(phrase)!r}", f"words.{key}")
        single[key] = frozenset(_clean(p[0][1]).casefold() for p in words[key])

    units_cfg = data.get("units", {})
    if not isinstance(units_cfg, dict):
        raise _fail(file, f"expected a table of units, got {units_cfg!r}", "units")
    builder = _Builder(file)
    names: dict[str, str] = {}
    extra_as: dict[str, str] = {}
    features: dict[str, str] = {}
    for code, table in units_cfg.items():
        entry = f"units.{code}"
        _check_code(file, code, entry)
        table = _check_keys(file, table, _UNIT_KEYS, entry)
        name = table.get("name")
        if not isinstance(name, str) or not name.strip():
            raise _fail(file, f"missing or empty name {name!r}", entry)
        names[code] = name.strip()
        feature = table.get("feature", "region")
        if feature not in ("region", "city"):
            raise _fail(file, f"unknown feature {feature!r} (expected 'region' or 'city')", f"{entry}.feature")
        features[code] = feature
        mode = table.get("extra_as", "names")
        if mode not in ("names", "with_region_word"):
            raise _fail(file, f"unknown extra_as {mode!r} (expected 'names' or 'with_region_word')", entry)
        extra_as[code] = mode
        lists = {
            key: _alias_phrases(file, _string_list(file, table.get(key, []), f"{entry}.{key}"), f"{entry}.{key}")
            for key in ("names", "city_names", "with_region_word", "with_city_word", "phrases")
        }
        unit = (code,)
        for key, alias_list in lists.items():
            origin = f"{entry}.{key}"
            for w in alias_list:
                for phrase, feat, rank in _variants(
                    key, w, feature, region_after, region_before, city_after, city_before
                ):
                    builder.add(phrase, unit, feat, rank, origin)

    groups_cfg = data.get("groups", {})
    if not isinstance(groups_cfg, dict):
        raise _fail(file, f"expected a table of groups, got {groups_cfg!r}", "groups")
    for group, table in groups_cfg.items():
        entry = f"groups.{group}"
        table = _check_keys(file, table, _GROUP_KEYS, entry)
        codes = _string_list(file, table.get("units", []), f"{entry}.units")
        if len(codes) < 2 or len(set(codes)) != len(codes):
            raise _fail(file, f"a group needs two or more distinct units, got {codes!r}", f"{entry}.units")
        for code in codes:
            _check_code(file, code, f"{entry}.units")
            if code not in names:
                raise _fail(file, f"unit {code!r} is not defined under [units]", f"{entry}.units")
        where = f"{entry}.phrases"
        for w in _alias_phrases(file, _string_list(file, table.get("phrases", []), where), where):
            builder.add(w, tuple(codes), "group", _RANK_PHRASE, entry)

    used: list[tuple[str, str]] = []
    skipped: list[tuple[str, str, str]] = []
    extra_cfg = _check_keys(file, data.get("extra_aliases", {}), {"ignore"}, "extra_aliases")
    ignore = {
        _clean(v.strip()).casefold() for v in _string_list(file, extra_cfg.get("ignore", []), "extra_aliases.ignore")
    }
    if extra_aliases is not None:
        region_words = {_phrase_text(p).casefold() for p in region_after}
        _merge_extras(
            builder, names, features, extra_as, extra_aliases, ignore, region_words, (region_after, region_before),
            (city_after, city_before), used, skipped,
        )  # fmt: skip

    return Gazetteer(
        source=file,
        names=dict(names),
        extra_aliases_used=tuple(used),
        extra_aliases_skipped=tuple(skipped),
        _root=builder.root,
        _depth=builder.depth,
        _plurals=single["coordinated_plurals"],
        _conjunctions=single["conjunctions"],
    )


def _variants(
    key: str,
    w: list[Word],
    unit_feature: str,
    region_after: list[list[Word]],
    region_before: list[list[Word]],
    city_after: list[list[Word]],
    city_before: list[list[Word]],
) -> Iterator[tuple[list[Word], Feature, int]]:
    """The phrases one alias of list ``key`` gives, with feature and rank."""

    def with_region(rank: int) -> Iterator[tuple[list[Word], Feature, int]]:
        for r in region_after:
            yield _join(w, r), "region", rank
        for r in region_before:
            yield _join(r, w), "region", rank

    def with_city(rank: int) -> Iterator[tuple[list[Word], Feature, int]]:
        for c in city_after:
            yield _join(w, c), "city", rank
        for c in city_before:
            yield _join(c, w), "city", rank

    if key == "phrases":
        yield w, "region", _RANK_PHRASE
    elif key == "with_region_word":
        yield from with_region(_RANK_QUALIFIED)
    elif key == "with_city_word":
        yield from with_city(_RANK_QUALIFIED)
    else:  # names, city_names
        bare: Feature = "city" if key == "city_names" or unit_feature == "city" else "region"
        yield w, bare, _RANK_NAME
        yield from with_city(_RANK_NAME)
        if key == "city_names" or unit_feature != "city":
            yield from with_region(_RANK_NAME)


def _merge_extras(
    builder: _Builder,
    names: Mapping[str, str],
    features: Mapping[str, str],
    extra_as: Mapping[str, str],
    extra_aliases: Mapping[str, Iterable[str]],
    ignore: set[str],
    region_words: set[str],
    region: tuple[list[list[Word]], list[list[Word]]],
    city: tuple[list[list[Word]], list[list[Word]]],
    used: list[tuple[str, str]],
    skipped: list[tuple[str, str, str]],
) -> None:
    """Merge boundary-file aliases by the rules in the module notes (lowest precedence, never an error per alias)."""
    label = "extra_aliases"
    candidates: list[tuple[str, str, list[Word]]] = []
    seen: dict[str, set[str]] = {}
    for code, values in extra_aliases.items():
        if code not in UNIT_CODES or code not in names:
            raise _fail(label, f"unknown ISO 3166-2 code {code!r}", code)
        if isinstance(values, str):
            values = [values]
        for value in values:
            if not isinstance(value, str):
                skipped.append((code, repr(value), "not a string"))
                continue
            for part in value.split("|"):
                spans = _word_spans(part)
                alias = part[spans[0][0] : spans[-1][1]] if spans else ""
                reason = None
                if not alias:
                    reason = "empty"
                elif _clean(alias).casefold() in ignore:
                    reason = "listed in [extra_aliases].ignore"
                elif not alias[0].isupper():
                    reason = "does not start with a capital letter"
                elif sum(ch.isalpha() for ch in alias) < 3:
                    reason = "fewer than three letters"
                if reason is None:
                    try:
                        w = _split_words(alias)
                    except ValueError as exc:
                        reason = str(exc)
                if reason is not None:
                    skipped.append((code, part, reason))
                    continue
                key = _clean(alias).casefold()
                seen.setdefault(key, set()).add(code)
                candidates.append((code, alias, w))
    done: set[tuple[str, str]] = set()
    for code, alias, w in candidates:
        key = _clean(alias).casefold()
        if (code, key) in done:
            continue
        done.add((code, key))
        if len(seen[key]) > 1:
            skipped.append((code, alias, f"given for several units: {', '.join(sorted(seen[key]))}"))
            continue
        origin = f"extra_aliases.{code}"
        ends_in_region_word = any(_phrase_text(w[i:]).casefold() in region_words for i in range(1, len(w)))
        if ends_in_region_word:
            phrases = [(w, "region")]
        elif builder.known(w):
            skipped.append((code, alias, "already known"))
            continue
        else:
            key_list = "names" if extra_as[code] == "names" else "with_region_word"
            feature = features[code] if key_list == "names" else "region"
            phrases = [
                (p, f) for p, f, _rank in _variants(key_list, w, feature, region[0], region[1], city[0], city[1])
            ]
        added = [builder.add(p, (code,), f, _RANK_EXTRA, origin) for p, f in phrases]
        if any(added):
            used.append((code, alias))
        else:
            skipped.append((code, alias, "already known"))


@functools.lru_cache(maxsize=1)
def _default() -> Gazetteer:
    return _compile(paths.GAZETTEER, None)


def load_gazetteer(
    path: str | Path | None = None, extra_aliases: Mapping[str, Iterable[str]] | None = None
) -> Gazetteer:
    """Load and compile the gazetteer.

    Parameters
    ----------
    path : str or Path, optional
        The gazetteer file; default :data:`dashboard.core.paths.GAZETTEER`. The default, without extra aliases, is
        compiled once and cached.
    extra_aliases : Mapping[str, Iterable[str]], optional
        More aliases per ISO code, e.g. the boundary file's own (Natural Earth ``name``/``name_alt``); merged with
        the lowest precedence, ambiguous or unusable ones skipped (rules in the module notes; what was skipped is
        in :attr:`Gazetteer.extra_aliases_skipped`).

    Returns
    -------
    Gazetteer

    Raises
    ------
    DataError
        The file is unreadable or not valid TOML, names an unknown ISO code, has an empty or unusable alias, or
        two entries of the same rank give one phrase to different units; ``extra_aliases`` names an unknown code.
        The message names the file and the entry and quotes the bad value.
    """
    if extra_aliases is None and (path is None or Path(path).resolve() == paths.GAZETTEER.resolve()):
        return _default()
    return _compile(Path(path) if path is not None else paths.GAZETTEER, extra_aliases)


def find_mentions(text: str, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Every mention of a boundary unit in ``text``.

    Parameters
    ----------
    text : str
        Any text (empty, huge, any script, control characters): it never raises on a ``str``.
    gazetteer : Gazetteer, optional
        Default: :func:`load_gazetteer` ``()``.

    Returns
    -------
    list of Mention
        Sorted by (start, unit); a group phrase gives one mention per unit with the same span. Mentions never
        overlap except those of one group phrase.
    """
    return (gazetteer or load_gazetteer()).find(text)
