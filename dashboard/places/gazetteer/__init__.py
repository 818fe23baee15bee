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
from collections.abc import Iterable, Mapping
from pathlib import Path

from dashboard.core import paths
from dashboard.places.gazetteer.compiler import _compile
from dashboard.places.gazetteer.scanner import FEATURE_LABELS, Feature, Gazetteer, Mention, Phrase

__all__ = [
    "FEATURE_LABELS",
    "Feature",
    "Gazetteer",
    "Mention",
    "Phrase",
    "find_mentions",
    "find_spans",
    "load_gazetteer",
]


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


def find_spans(text: str, gazetteer: Gazetteer | None = None) -> list[tuple[str, int, int, Feature, str]]:
    """:func:`find_mentions` as plain tuples ``(unit, start, end, feature, name)``, in the same order (see
    :meth:`Gazetteer.find_spans`)."""
    return (gazetteer or load_gazetteer()).find_spans(text)
