"""The path from an article's bytes to its units and sentences: each article read once, and the shortcuts taken
for speed give exactly what the plain way gives (no timing here: ``benchmarks/ingest_bench.py`` times it)."""

from __future__ import annotations

import re
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.claims import roles
from dashboard.claims.article_files import frame_for_file
from dashboard.claims.suggest import matching, words
from dashboard.export import exports
from dashboard.sources import reader
from dashboard.sources.store import Store

STATEMENTS = Path(__file__).resolve().parent / "data" / "statements"
ARTICLE = (
    "Troops Hold Lines Near Kherson\n\n"
    "KHERSON, Nov. 11 — Russian forces control most of the Donetsk region, officials said. "
    "Ukraine retook the city of Kherson. Gen. Syrskyi said the front held.\n"
)


def counting_read_blocks():
    """A wrapper of :func:`reader.read_blocks` that records the length of each text it reads."""
    calls: list[int] = []
    real = reader.read_blocks

    def counted(text, meta, profile):
        calls.append(len(text))
        return real(text, meta, profile)

    return calls, mock.patch.object(reader, "read_blocks", counted)


def test_an_article_file_is_read_into_blocks_once_per_export(tmp_path, curated):
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    calls, patch = counting_read_blocks()
    with patch:
        frame_for_file(path, curated)
    assert calls.count(len(ARTICLE)) == 1
    calls.clear()
    with patch:
        exports.export_bytes("geojson", source=path)
        exports.export_bytes("csv", source=[path, path])  # the same file twice on one map: counted once
    assert calls.count(len(ARTICLE)) == 2  # once per export


def test_a_stored_source_is_read_once_until_it_changes(tmp_path):
    store = Store(tmp_path)
    stored = store.add(ARTICLE + "Unique to this test.\n", title="Troops Hold Lines")
    calls, patch = counting_read_blocks()
    with patch:
        first = store.get(stored.id).article()
        assert store.get(stored.id).article() is first  # every rerun of the page gets the article already read
        assert calls == [len(stored.text)]
        store.update_meta(stored.id, title="Troops Hold the Lines")
        changed = store.get(stored.id).article()
        assert changed.meta.title == "Troops Hold the Lines"
        assert store.get(stored.id).article() is changed
    assert calls == [len(stored.text)] * 2  # read again once, for the change


def test_folded_patterns_match_as_the_originals_on_real_articles():
    texts = [p.read_text(encoding="utf-8") for p in sorted(STATEMENTS.glob("*/*.txt"))]
    assert texts
    for pattern in (words.CUE, words.QUANTITY):
        for text in texts:
            for line in text.split("\n"):
                want = [(m.span(), m.lastgroup, m.groupdict()) for m in pattern.finditer(line)]
                got = [(m.span(), m.lastgroup) for m in matching._finditer(pattern, line)]
                assert got == [(span, last) for span, last, _ in want]


WORDS = st.sampled_from(
    ["a", "K", "\u212a", "ı", "İ", "ſ", "ß", "S", "%", "5", "’", "-", ",", "CONTROL", "Most of", "annexed", "hold",
     "pARTS of", "fully", "contro\u0131", "Control", "over", "half", "ALL", "withdrawn from", "ﬅ"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=30).map(" ".join))
def test_folded_patterns_match_as_the_originals_on_any_text(text):
    for pattern in (words.CUE, words.QUANTITY):
        want = [(m.span(), m.lastgroup) for m in pattern.finditer(text)]
        assert [(m.span(), m.lastgroup) for m in matching._finditer(pattern, text)] == want


# The cue and quantity patterns as first written: one ``\b`` in each cue kind's group, no look-ahead before the
# quantities. The patterns of ``words`` are rewritten for speed and must match exactly as these do.
PLAIN_CUE = re.compile("|".join(rf"(?P<{k}>\b(?:{p})\b)" for k, p in words._CUES), re.IGNORECASE)
PLAIN_QUANTITY = re.compile(
    rf"\b{words._NOT_COMPARED}(?:(?P<most>{words._Q_MOST})|(?P<all>{words._Q_ALL})|(?P<parts>{words._Q_PARTS})|(?P<part>{words._Q_PART})|"
    rf"(?P<any>{words._Q_ANY})|(?P<unclear>{words._Q_UNCLEAR})|{words._Q_PCT})(?:\b|(?<=%)(?!\w))",
    re.IGNORECASE,
)
PATTERN_PAIRS = ((PLAIN_CUE, words.CUE), (PLAIN_QUANTITY, words.QUANTITY))


def matches(pattern: re.Pattern[str], text: str) -> list:
    return [(m.span(), m.lastgroup, m.groupdict()) for m in pattern.finditer(text)]


def test_the_rewritten_patterns_match_as_first_written_on_real_articles():
    texts = [p.read_text(encoding="utf-8") for p in sorted(STATEMENTS.glob("*/*.txt"))]
    found = 0
    for plain, fast in PATTERN_PAIRS:
        for text in texts:
            for line in text.split("\n"):
                for variant in (line, line.upper(), line.replace(" ", "  ")):
                    want = matches(plain, variant)
                    assert matches(fast, variant) == want
                    found += len(want)
    assert found > 1000


QUANTITY_WORDS = st.sampled_from(
    ["a", "the", "of", "all", "most", "part", "parts", "whole", "entire", "half", "third", "over", "about", "more",
     "than", "5", "50", "100", "%", "percent", "per", "cent", "1.5", "٣", "  ", "\t", ",", "-", "’", "İ", "ſ",
     "controls", "held", "annexed", "has", "not", "claimed", "withdrawn", "from", "Russian-controlled", "into"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(QUANTITY_WORDS, max_size=30).map(" ".join), st.lists(QUANTITY_WORDS, max_size=12).map("".join))
def test_the_rewritten_patterns_match_as_first_written_on_any_text(spaced, glued):
    for plain, fast in PATTERN_PAIRS:
        for text in (spaced, glued):
            assert matches(fast, text) == matches(plain, text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(" \t\n\r\x0b\x0c\u2028\u0085xy")), max_size=30), st.data())
def test_opens_line_is_the_blank_check_it_replaced(text, data):
    start = data.draw(st.integers(0, len(text)))
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    assert roles._opens_line(text, start) == (not text[line_start:start].strip())


@pytest.mark.parametrize(
    "module", ["dashboard.claims.suggest", "dashboard.claims.reviews", "dashboard.export.export_data"]
)
def test_an_export_of_the_seed_imports_neither_the_suggester_nor_the_reviews(module):
    import subprocess
    import sys

    code = f"import sys; from dashboard.export import exports; exports.named_frame(); print({module!r} in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def _bench(name: str):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        f"bench_{name}", Path(__file__).parents[1] / "benchmarks" / f"{name}.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_ingestion_benchmark_runs(curated):
    bench = _bench("ingest_bench")
    data = bench.article_bytes(5_000)
    assert 4_000 < len(data) <= 5_000 and data.decode("utf-8")
    got = bench.stages(data, curated)
    assert set(got) == {"ingest", "read", "mentions", "view", "total"}


def test_the_splitter_benchmark_scores_our_rules():
    bench = _bench("splitters")
    paragraphs = bench.labels.load("dev-")
    assert bench.labels.score(bench._ours(), paragraphs).f1 > 0.9  # the floor is test_splitter.py's
    assert bench.located("A b. C d.", ["A b.", "C d.", "not there"]) == [(0, 4), (5, 9)]


# -- prefilters: a sentence is searched only if it holds what the pattern needs ----------------------------------


def prefiltered_patterns() -> list[re.Pattern[str]]:
    from dashboard.claims.suggest import after, anaphora, lists

    return [*after._AFTER_PATTERNS, lists._COUNTED_CLAIM, lists._COUNTED_PART_OF, anaphora._ANAPHOR_REGION,
            anaphora._ANAPHOR_PAIR, anaphora._ANAPHOR_PENINSULA, words.CUE, words.QUANTITY]  # fmt: skip


def test_what_a_pattern_needs_is_read_off_the_pattern():
    assert matching._needs(re.compile(r"\bannex(?:ed|es)\b", re.IGNORECASE)) == (frozenset({"annexed", "annexes"}),)
    needs = matching._needs(re.compile(r"(?:which|that)\s+Russia\s+(?:holds?|controls)"))
    assert needs[0] == frozenset({"hold", "holds", "controls"})  # the most selective first: no common word
    assert set(needs) == {needs[0], frozenset({"which", "that"}), frozenset({"russia"})}
    assert matching._needs(re.compile(r"(?:a|b)?\s*\d+")) == ()  # nothing every match must hold
    assert matching._needs(re.compile(r"x+|[yz]{2}")) == (frozenset({"x", "y", "z"}),)
    assert matching._may_match("The Donetsk REGION", frozenset({"region"}))
    assert not matching._may_match("The Donetsk oblast", frozenset({"region"}))
    assert matching._may_match("İ", frozenset({"region"}))  # the fold would move offsets: the pattern runs


def test_every_match_holds_what_its_pattern_needs_on_real_articles():
    texts = [p.read_text(encoding="utf-8") for p in sorted(STATEMENTS.glob("*/*.txt"))]
    matched = 0
    for pattern in prefiltered_patterns():
        needs = matching._needs(pattern)
        assert needs, pattern.pattern
        for text in texts:
            for line in text.split("\n"):
                for variant in (line, line.upper(), line.title()):
                    if pattern.search(variant):
                        matched += 1
                        assert matching._may_match(variant, *needs), (pattern.pattern, variant)
    assert matched > 500


NEEDS_WORDS = st.sampled_from(
    ["Russia", "Russian", "Moscow", "forces", "Kremlin", "which", "that", "has", "not", "claimed", "annexed", "four",
     "regions", "the", "region", "of", "is", "are", "one", "under", "control", "occupied", "by", "liberated", "from",
     "fully", "used", "to", "claim", "them", "as", "territory", "part", "said", "it", "had", "declared", "were", "now",
     ",", "’s", "annexation", "In", "occupy", "all", "but", "a", "few", "villages", "kept", "peninsula", "ſ", "K", "ı"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(NEEDS_WORDS, max_size=25).map(" ".join))
def test_every_match_holds_what_its_pattern_needs_on_any_text(text):
    for pattern in prefiltered_patterns():
        if pattern.search(text):
            assert matching._may_match(text, *matching._needs(pattern)), pattern.pattern


def test_the_reader_finds_the_same_without_its_prefilters():
    from dashboard.claims import suggest
    from dashboard.claims.suggest import anaphora, lists, reading

    articles = [
        reader.build_article(str(p), p.read_text(encoding="utf-8"), reader.SourceMeta(title="t", publisher="p"))
        for p in sorted(STATEMENTS.glob("*/*.txt"))
    ]
    fast = [suggest.suggest(a) for a in articles]
    assert sum(map(len, fast)) > 100
    with (
        mock.patch.object(reading, "_AFTER_NEEDS", ((),) * len(reading._AFTER_NEEDS)),
        mock.patch.object(lists, "_NEEDS", ((),)),
        mock.patch.object(anaphora, "_REGION_NEEDS", ()),
        mock.patch.object(anaphora, "_PAIR_NEEDS", ()),
    ):
        plain = [suggest.suggest(a) for a in articles]
    assert fast == plain
