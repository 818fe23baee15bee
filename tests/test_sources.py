"""Reading a source: blocks, sentences and offsets, told apart by publisher rules."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import tomllib
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.core import paths
from dashboard.core.errors import DataError
from dashboard.sources import sentences
from dashboard.sources.model import SourceMeta
from dashboard.sources.reader import build_article, load_article, load_profiles, load_seed, read_meta, split_sentences

SEED_SENTENCES = tuple(s.text for b, s in load_seed().sentences() if b.kind == "body")
"""The seed's body sentences (each ends with a full stop or a quote)."""


def test_seed_is_the_captured_article_byte_for_byte():
    # The seed is the captured page unchanged: its sha256 is recorded in its metadata file.
    data = paths.SEED_TEXT.read_bytes()
    recorded = tomllib.loads(paths.SEED_META.read_text(encoding="utf-8"))["sha256"]
    assert hashlib.sha256(data).hexdigest() == recorded
    assert data.decode("utf-8").startswith("Support The Moscow Times!\n")


def test_seed_metadata():
    meta = load_seed().meta
    assert meta.publisher == "The Moscow Times"
    assert meta.title == "Kremlin Rules Out Returning Annexed Ukrainian Regions in Future Peace Talks"
    assert meta.published == dt.date(2025, 2, 27)
    assert meta.url.endswith("-a88193")
    assert meta.caption_credit == "Dmitry Yagodkin / TASS"
    assert meta.source_line().startswith("The Moscow Times, “Kremlin Rules Out")


def test_every_block_and_sentence_is_verbatim_at_its_offsets():
    article = load_seed()
    assert article.blocks
    for block in article.blocks:
        assert article.text[block.start : block.end] == block.text
        for sentence in block.sentences:
            assert article.text[sentence.start : sentence.end] == sentence.text
            assert block.start <= sentence.start < sentence.end <= block.end


def test_seed_blocks_are_told_apart():
    article = load_seed()
    kinds = [b.kind for b in article.blocks]
    first = {kind: next(b for b in article.blocks if b.kind == kind) for kind in set(kinds)}
    assert first["boilerplate"].text == "Support The Moscow Times!"
    assert first["headline"].text == article.meta.title
    assert first["caption"].text.endswith("Dmitry Yagodkin / TASS")
    assert first["body"].text.startswith("The Kremlin on Thursday ruled out")
    # The newsletter sign-up, the donation appeal and everything after them are boilerplate.
    signup = next(i for i, b in enumerate(article.blocks) if b.text.startswith("Sign up for our free weekly"))
    assert all(k == "boilerplate" for k in kinds[signup:])
    assert all(k != "boilerplate" for k in kinds[1:signup])
    assert kinds.count("headline") == 1
    assert kinds.count("caption") == 1
    body_text = " ".join(b.text for b in article.body_blocks())
    assert "Support The Moscow Times" not in body_text
    assert "Dear readers" not in body_text
    assert "launched its full-scale invasion of Ukraine." in body_text


def test_sentences_keep_abbreviations():
    article = load_seed()
    texts = [s.text for _, s in article.sentences()]
    assert (
        "Russian forces control most of the Donetsk and Luhansk regions but only parts of Zaporizhzhia and Kherson."
        in texts
    )
    assert "Moscow also occupies part of Ukraine's northeastern Kharkiv region." in texts
    # "U.S." does not end a sentence.
    assert any(t.startswith("Meanwhile, Russian and U.S. officials met in Istanbul") for t in texts)


def test_in_boilerplate_and_lookups():
    article = load_seed()
    donate = article.text.index("Dear readers")
    assert article.in_boilerplate(donate, donate + 5)
    body = article.text.index("Russian forces control")
    assert not article.in_boilerplate(body, body + 10)
    assert article.sentence_at(body).text.startswith("Russian forces control")
    assert article.block_at(body).kind == "body"


RULES_MEETS_NEXT_ARTICLE = """Support The Moscow Times!

Some Other Headline About Regions

A view of Kharkiv. Jane Doe / AP

First sentence of the story. Second one, with Dr. Smith in it.

Sign up for our free weekly newsletter

Anything at all.
"""


def test_rules_work_on_another_article_from_the_same_publisher():
    meta = SourceMeta(title="Some Other Headline About Regions", publisher="The Moscow Times", profile="moscow-times")
    article = build_article("other.txt", RULES_MEETS_NEXT_ARTICLE, meta)
    kinds = {b.text: b.kind for b in article.blocks}
    assert kinds["Support The Moscow Times!"] == "boilerplate"
    assert kinds["Some Other Headline About Regions"] == "headline"
    assert kinds["A view of Kharkiv. Jane Doe / AP"] == "caption"
    assert kinds["First sentence of the story. Second one, with Dr. Smith in it."] == "body"
    assert kinds["Anything at all."] == "boilerplate"
    body = article.body_blocks()[-1]
    assert [s.text for s in body.sentences] == ["First sentence of the story.", "Second one, with Dr. Smith in it."]


@pytest.mark.parametrize(
    "chunk",
    ["", "   ", "One.", "Ends without stop", "  Lead and trail.  ", "A. B. C.", 'Quote: "Hi." Then more.', "\u2028x"],
)
def test_split_sentences_offsets_exact(chunk):
    text = "xx" + chunk + "yy"
    for s in split_sentences(text, 2, 2 + len(chunk)):
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip()
        assert 2 <= s.start < s.end <= 2 + len(chunk)


def test_missing_source_and_bad_metadata(tmp_path):
    with pytest.raises(DataError, match="file not found"):
        load_article(tmp_path / "nope.txt")
    (tmp_path / "a.txt").write_text("Hello.", encoding="utf-8")
    (tmp_path / "a.toml").write_text('title = "T"\n', encoding="utf-8")
    with pytest.raises(DataError, match="missing or empty 'publisher'"):
        load_article(tmp_path / "a.txt")
    (tmp_path / "b.toml").write_text('title = "T"\npublisher = "P"\npublished = "yesterday"\n', encoding="utf-8")
    with pytest.raises(DataError, match="published must be a date.*'yesterday'"):
        read_meta(tmp_path / "b.toml")
    (tmp_path / "c.toml").write_text("title = [", encoding="utf-8")
    with pytest.raises(DataError, match="c.toml: not valid TOML"):
        read_meta(tmp_path / "c.toml")


def test_non_utf8_source_is_refused_with_the_byte(tmp_path):
    (tmp_path / "w.txt").write_bytes("Донецьк".encode("cp1251"))
    (tmp_path / "w.toml").write_text('title = "T"\npublisher = "P"\n', encoding="utf-8")
    with pytest.raises(DataError, match="not UTF-8 text"):
        load_article(tmp_path / "w.txt")


def test_unknown_profile_is_named(tmp_path):
    meta = SourceMeta(title="T", publisher="P", profile="nyt")
    with pytest.raises(DataError, match="unknown publisher profile 'nyt'"):
        build_article("x.txt", "T\n\nBody.", meta)


def test_publisher_rules_file_has_generic_and_moscow_times():
    profiles = load_profiles()
    assert {"generic", "moscow-times"} <= set(profiles)


# -- long paragraphs: linear time, offsets exact ----------------------------------------------------------------


def one_paragraph(n: int, seed: int = 0) -> str:
    """About ``n`` characters of the seed's sentences in random order, on one line."""
    rng = random.Random(seed)
    out: list[str] = []
    while sum(map(len, out)) + len(out) < n:
        out.append(rng.choice(SEED_SENTENCES))
    return " ".join(out)


def assert_well_split(text: str, start: int, end: int, got) -> None:
    """Verbatim at their offsets, trimmed, in order, not overlapping, inside the block, covering its text."""
    cursor = start
    for s in got:
        assert text[s.start : s.end] == s.text
        assert s.text and s.text == s.text.strip()
        assert cursor <= s.start < s.end <= end
        assert not text[cursor : s.start].strip(), f"uncovered text {text[cursor : s.start]!r}"
        assert s.end - s.start <= sentences.MAX_SENTENCE_CHARS
        cursor = s.end
    assert not text[cursor:end].strip()
    assert bool(got) == bool(text[start:end].strip())


SEED_SENTENCE_SPANS = (
    (104, 181),
    (182, 204),
    (206, 422),
    (424, 633),
    (635, 708),
    (710, 877),
    (878, 924),
    (926, 1069),
    (1071, 1181),
    (1183, 1288),
    (1290, 1396),
    (1397, 1464),
    (1466, 1670),
    (1672, 1809),
    (1811, 2002),
)
"""The seed's caption and body sentences as pysbd gave them, before the rules of :mod:`dashboard.sources.sentences`
replaced it (benchmarks/SPLITTERS.md): the curated excerpts and every view of the seed cite these sentences."""


def test_seed_sentences_are_those_pysbd_gave():
    assert tuple((s.start, s.end) for _, s in load_seed().sentences()) == SEED_SENTENCE_SPANS


def test_one_line_gives_the_same_sentences_as_the_paragraphs():
    # The whole seed body on one line: the same sentences as paragraph by paragraph (nothing depends on lines).
    article = load_seed()
    body = [s.text for b, s in article.sentences() if b.kind == "body"]
    line = " ".join(body)
    assert [s.text for s in split_sentences(line, 0, len(line))] == body
    # A long paragraph of seed sentences (~12,000 characters), inside a longer text: every sentence found whole.
    long = "xx " + one_paragraph(12_000, seed=2) + " yy"
    got = split_sentences(long, 3, len(long) - 3)
    assert " ".join(s.text for s in got) == long[3:-3]
    assert {s.text for s in got} <= set(SEED_SENTENCES)


def test_a_300k_character_paragraph_splits():
    text = one_paragraph(300_000, seed=3)
    got = split_sentences(text, 0, len(text))
    assert_well_split(text, 0, len(text), got)
    assert len(got) > 2_000
    assert {s.text for s in got} <= set(SEED_SENTENCES)  # no sentence cut or joined


def test_text_with_no_sentence_end_is_cut_at_white_space():
    for text in ("word " * 3_000, "x" * 7_000, "a" * 1_000 + " " + "b" * 4_000):
        got = split_sentences(text, 0, len(text))
        assert len(got) > 1
        assert_well_split(text, 0, len(text), got)


WORDS = st.sampled_from(
    ["Kyiv", "U.S.", "Dr.", "said", "the", "region", "“Quote”", '"x', "(a", "b)", "e.g.", "3.5", "...", "!", "?",
     "Mr.", "St.", "no.", "1.", "i.e.", "—", "'", "’s", "A.", "etc.", "Jan.", "Донецьк.", "\u00a0", "x" * 40]
)  # fmt: skip
SEPARATORS = st.sampled_from([" ", "  ", ". ", "! ", "? ", '." ', " \t", "\u2028", "\f", "; ", ".\n", "\n\n"])
TEXTS = st.lists(st.tuples(WORDS, SEPARATORS), max_size=120).map(lambda xs: "".join(a + b for a, b in xs))


@settings(max_examples=300, deadline=None)
@given(st.one_of(TEXTS, st.text(max_size=300)), st.integers(0, 5), st.integers(0, 5))
def test_any_block_splits_verbatim_in_order_without_overlap(text, lead, trail):
    text = "y" * lead + text + "z" * trail
    start, end = lead, len(text) - trail
    assert_well_split(text, start, end, split_sentences(text, start, end))
    # The same with a tiny longest sentence, so that short examples are cut too.
    with mock.patch.object(sentences, "MAX_SENTENCE_CHARS", 40):
        assert_well_split(text, start, end, split_sentences(text, start, end))


@st.composite
def long_paragraphs(draw) -> str:
    """5,000 to 20,000 characters on one line: seed sentences, mixed with runs that are hard to split."""
    rng = random.Random(draw(st.integers(0, 2**32)))
    size = draw(st.integers(5_000, 20_000))
    odd = draw(st.lists(st.sampled_from(['"', "(", "U.S. ", "x" * 3_000, "e.g. ", " ... ", "\u00a0", "? "])))
    parts: list[str] = []
    while sum(map(len, parts)) < size:
        parts.append(rng.choice(odd) if odd and rng.random() < 0.2 else rng.choice(SEED_SENTENCES) + " ")
    return "".join(parts)[:size]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(long_paragraphs())
def test_long_paragraphs_split_verbatim_in_order_without_overlap(text):
    assert_well_split(text, 0, len(text), split_sentences(text, 0, len(text)))


# -- headline -------------------------------------------------------------------------------------------------------


def test_a_text_on_one_long_line_is_body_not_headline():
    meta = SourceMeta(title="Pasted text about Kherson", publisher="")
    text = one_paragraph(5_000, seed=4)
    (block,) = build_article("p.txt", text, meta).blocks
    assert block.kind == "body"
    assert "".join(s.text for s in block.sentences).replace(" ", "") == text.replace(" ", "")
    # A short first line is still the headline; so is a long one that is the title.
    assert [b.kind for b in build_article("p.txt", "Kherson\n\n" + text, meta).blocks] == ["headline", "body"]
    long_title = "Kherson " * 50
    meta = SourceMeta(title=long_title, publisher="")
    assert [b.kind for b in build_article("p.txt", long_title + "\n" + text, meta).blocks] == ["headline", "body"]
