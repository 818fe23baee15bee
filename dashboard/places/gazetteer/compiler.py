"""Compiling data/gazetteer.toml into the trie, checking every entry (errors name the file, the entry
and the bad value)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from dashboard.core import paths
from dashboard.core.errors import DataError
from dashboard.places.gazetteer.aliases import alias_phrases, join_words, phrase_text, split_words
from dashboard.places.gazetteer.scanner import (
    _RANK_EXTRA,
    _RANK_NAME,
    _RANK_PHRASE,
    _RANK_QUALIFIED,
    Feature,
    Gazetteer,
    Word,
    _clean,
    _Edge,
    _Entry,
    _Node,
    _word_spans,
)
from dashboard.places.units import UNIT_CODES

# -- loading ---------------------------------------------------------------------------------------------------------

_TOP_KEYS = {"schema", "words", "extra_aliases", "units", "groups"}
_WORD_KEYS = {"region_after", "region_before", "city_after", "city_before", "coordinated_plurals", "conjunctions"}
_UNIT_KEYS = {"name", "feature", "names", "city_names", "with_region_word", "with_city_word", "phrases", "extra_as"}
_GROUP_KEYS = {"units", "phrases"}


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
                    f"phrase {phrase_text(words)!r} names {'+'.join(old.units)} as {old.feature} (from "
                    f"{old.origin}) and {'+'.join(units)} as {feature}",
                    origin,
                )
        for e, word in edges:
            e.accept(word)
        node.entry = _Entry(units, feature, rank, phrase_text(words), origin)
        self.depth = max(self.depth, len(words))
        return True


def _fail(file: str, problem: str, entry: str | None = None) -> DataError:
    return DataError(file, problem, entry)


def _string_list(file: str, value: Any, entry: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(file, f"expected a list of strings, got {value!r}", entry)
    return value


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
    words = {key: alias_phrases(file, _string_list(file, words_cfg.get(key, []), f"words.{key}"), f"words.{key}")
             for key in _WORD_KEYS}  # fmt: skip
    region_after, region_before = words["region_after"], words["region_before"]
    city_after, city_before = words["city_after"], words["city_before"]
    single = {}
    for key in ("coordinated_plurals", "conjunctions"):
        for phrase in words[key]:
            if len(phrase) != 1:
                raise _fail(file, f"expected single words, got {phrase_text(phrase)!r}", f"words.{key}")
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
            key: alias_phrases(file, _string_list(file, table.get(key, []), f"{entry}.{key}"), f"{entry}.{key}")
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
        for w in alias_phrases(file, _string_list(file, table.get("phrases", []), where), where):
            builder.add(w, tuple(codes), "group", _RANK_PHRASE, entry)

    used: list[tuple[str, str]] = []
    skipped: list[tuple[str, str, str]] = []
    extra_cfg = _check_keys(file, data.get("extra_aliases", {}), {"ignore"}, "extra_aliases")
    ignore = {
        _clean(v.strip()).casefold() for v in _string_list(file, extra_cfg.get("ignore", []), "extra_aliases.ignore")
    }
    if extra_aliases is not None:
        region_words = {phrase_text(p).casefold() for p in region_after}
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
            yield join_words(w, r), "region", rank
        for r in region_before:
            yield join_words(r, w), "region", rank

    def with_city(rank: int) -> Iterator[tuple[list[Word], Feature, int]]:
        for c in city_after:
            yield join_words(w, c), "city", rank
        for c in city_before:
            yield join_words(c, w), "city", rank

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
                        w = split_words(alias)
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
        ends_in_region_word = any(phrase_text(w[i:]).casefold() in region_words for i in range(1, len(w)))
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
