"""Reading a source: blocks, sentences and offsets, told apart by publisher rules."""

from __future__ import annotations

import datetime as dt
import hashlib
import tomllib

import pytest

from dashboard import paths
from dashboard.errors import DataError
from dashboard.sources import (
    SourceMeta,
    build_article,
    load_article,
    load_profiles,
    load_seed,
    read_meta,
    split_sentences,
)


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


def test_sentences_split_by_pysbd_keep_abbreviations():
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
    with pytest.raises(DataError, match="'published' must be a date.*'yesterday'"):
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
