"""The embed (``--format html``): one self-contained file, within its budget, that escapes every source's text."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import re

import pytest
from embed_cases import (
    DONETSK_CONTROL,
    HOSTILE_PUBLISHER,
    HOSTILE_TEXT,
    HOSTILE_TITLE,
    IMG_IN_TEXT,
    JAVASCRIPT_URL,
    SCRIPT_IN_TEXT,
    data_of,
    hostile_embed,
    seed_embed,
)

from dashboard import cli, style
from dashboard.core import assets
from dashboard.core.errors import DataError
from dashboard.core.text import script_json
from dashboard.export import embed, exports
from dashboard.places import boundaries, topology
from dashboard.web import page_exports


@pytest.fixture(scope="module")
def seed_html(tmp_path_factory) -> str:
    return seed_embed(tmp_path_factory.mktemp("embed") / "map.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_html(tmp_path_factory) -> str:
    return hostile_embed(tmp_path_factory.mktemp("hostile") / "hostile.html").read_text(encoding="utf-8")


def curated_meta():
    return exports.source_view().meta


# -- size -------------------------------------------------------------------------------------------------------


def test_the_seed_embed_is_within_its_budget(seed_html):
    size = len(seed_html.encode("utf-8"))
    assert size <= embed.BUDGET_BYTES, f"the seed's embed is {size:,} bytes (budget {embed.BUDGET_BYTES:,})"
    # Most of it is Leaflet: what the embed adds around it stays small.
    leaflet = len(assets.leaflet_script().encode()) + len(assets.leaflet_css().encode())
    assert size - leaflet < 80_000


# -- what is inside ----------------------------------------------------------------------------------------------


def test_the_command_line_writes_one_html_document(seed_html):
    assert seed_html.startswith('<!doctype html>\n<html lang="en">')
    assert seed_html.rstrip().endswith("</html>")
    assert "<title>Ukraine: regions named by The Moscow Times, 27 Feb 2025</title>" in seed_html


def test_nothing_is_loaded_from_anywhere(seed_html):
    """No element that fetches (link, img, iframe, src=, import); the policy allows no request and one script."""
    for needle in ("<link", "<img", "<iframe", "<object", "<embed", " src=", "@import", "fetch(", "XMLHttpRequest("):
        assert needle not in seed_html.replace("leaflet-", ""), needle
    policy = html.unescape(re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', seed_html)[1])
    assert policy.startswith("default-src 'none'; ")
    assert "connect-src 'none'" in policy and "img-src 'none'" in policy and "unsafe" not in policy
    scripts = re.findall(r"<script>(.*?)</script>", seed_html, re.S)
    assert len(scripts) == 1  # the one executable script, allowed by its hash
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy
    (css,) = re.findall(r"<style>(.*?)</style>", seed_html, re.S)
    assert f"style-src 'sha256-{base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()}'" in policy


def test_leaflet_is_the_declared_file_inlined(seed_html):
    assert assets.leaflet_script().replace("\r\n", "\n") in seed_html
    assert "/* @preserve\n * Leaflet 1.9.3" in seed_html  # licence banner kept
    assert "sourceMappingURL" not in seed_html


def test_a_leaflet_that_is_not_the_declared_one_is_refused(tmp_path, monkeypatch):
    fake = tmp_path / "leaflet" / "leaflet.js"
    fake.parent.mkdir()
    fake.write_text("window.L = {};\n", encoding="utf-8")
    monkeypatch.setattr(assets.paths, "STATIC_DIR", tmp_path)
    with pytest.raises(DataError, match="not the Leaflet file declared"):
        embed.page_script()


def test_the_boundaries_are_the_units_and_neighbours_point_for_point(seed_html):
    data = data_of(seed_html)
    assert data["units_payload"] == topology.units_payload()
    assert data["context_payload"] == topology.context_payload()
    decoded = topology.decode_payload(data["units_payload"])
    assert sorted(f["properties"]["iso_3166_2"] for f in decoded["features"]) == sorted(
        boundaries.load_units("simplified")["iso_3166_2"]
    )
    neighbours = [f["properties"]["iso_3166_2"] for f in topology.decode_payload(data["context_payload"])["features"]]
    assert "RUS" in neighbours and "POL" in neighbours and "MDA" in neighbours


def test_every_unit_has_its_status_and_style_from_the_one_rule(seed_html):
    units = data_of(seed_html)["units"]
    assert len(units) == 27
    donetsk = units["UA-14"]
    assert donetsk["named"] and donetsk["style"] == style.path_style("annexation-declared-2022", "most", True)
    assert donetsk["style"]["fillColor"] == "url(#cm-annexation-declared-2022-most)"
    assert f'<pattern id="{style.pattern_id("annexation-declared-2022", "most")}"' in seed_html
    assert not units["UA-30"]["named"] and "fields" not in units["UA-30"]  # Kyiv city: not named
    assert sum(u["named"] for u in units.values()) == 7


def test_donetsk_shows_its_verbatim_excerpt_and_source(seed_html):
    data = data_of(seed_html)
    claim, control = data["units"]["UA-14"]["fields"]
    assert control["label"] == "Russian forces control most of it"
    assert control["excerpts"][0].startswith(DONETSK_CONTROL)
    assert control["origin_label"] == "curated claims data"
    seed_text = exports.source_view().article.text
    assert all(x in seed_text for x in claim["excerpts"] + control["excerpts"])  # verbatim
    source = data["sources"][control["source"]]
    assert source["line"] == curated_meta().source_line()
    assert source["line"].startswith("The Moscow Times, “Kremlin Rules Out Returning Annexed Ukrainian Regions")
    assert source["url"] == curated_meta().url and source["url"].startswith("https://themoscowtimes.com/")
    assert f'href="{source["url"]}"' in seed_html  # the footer's link to the original


def test_legend_source_line_and_attribution_are_on_it(seed_html):
    for _, label, _ in style.CLAIM_LEGEND:
        assert label in seed_html
    for _, label, _ in style.CONTROL_LEGEND:
        assert label in seed_html
    assert boundaries.attribution() in seed_html
    assert "Source: The Moscow Times, “Kremlin Rules Out" in seed_html
    assert "suggested from the text, not reviewed" not in seed_html.split('id="cm-data"')[0]  # nothing suggested


def test_region_opens_on_its_panel_and_an_unknown_one_is_refused(tmp_path, capsys):
    out = tmp_path / "donetsk.html"
    assert cli.main(["export", "--format", "html", "--region", "UA-14", "--out", str(out)]) == 0
    assert data_of(out.read_text(encoding="utf-8"))["selected"] == "UA-14"
    with pytest.raises(DataError, match="UA-99"):
        exports.export_bytes("html", region="UA-99")


def test_as_of_and_several_sources_are_said(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("Report\n\nRussian forces control parts of Kherson, the ministry said.\n", encoding="utf-8")
    (tmp_path / "a.toml").write_text('title = "A"\npublisher = "Paper A"\npublished = 2022-11-11\n', encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("Report\n\nRussian forces hold none of Kherson after the withdrawal.\n", encoding="utf-8")
    (tmp_path / "b.toml").write_text('title = "B"\npublisher = "Paper B"\npublished = 2022-11-14\n', encoding="utf-8")
    page = exports.export_bytes("html", source=[a, b], as_of=dt.date(2022, 11, 12)).decode()
    assert "<title>Ukraine as of 12 November 2022</title>" in page
    assert '<p class="cm-asof">As of 12 November 2022, according to Paper A, “A”, 11 November 2022</p>' in page
    kherson = data_of(page)["units"]["UA-65"]
    assert kherson["fields"][1]["label"] == "Russian forces control parts of it"
    assert kherson["fields"][1]["origin_label"] == "suggested from the text, not reviewed"
    assert "(suggested from the text, not reviewed)" in kherson["status"]
    assert "Dashed outline: suggested from the text, not reviewed" in page  # the legend says it too
    both = exports.export_bytes("html", source=[a, b]).decode()
    assert "<title>Ukraine: regions named by 2 sources</title>" in both
    assert "Source: Paper A, “A”, 11 November 2022" in both and "Source: Paper B, “B”, 14 November 2022" in both


def test_the_page_download_is_the_same_embed(curated):
    from dashboard.claims import selection

    view = selection.page_view([curated.article], curated)
    from_page = page_exports.page_export("html", view, curated, region=None, title=None)
    assert from_page == exports.export_bytes("html")
    assert (page_exports.FORMATS["html"].label, page_exports.FORMATS["html"].mime) == (
        "Interactive map (HTML)",
        "text/html",
    )
    assert (
        page_exports.file_name(curated.article.meta, "html")
        == "claims-map-kremlin-rules-out-returning-annexed-ukrainian.html"
    )


def test_the_iframe_snippet_names_the_file_and_escapes_it():
    snippet = page_exports.iframe_snippet("claims-map-x.html", title='A "map" <of> & more')
    assert snippet.startswith('<iframe src="claims-map-x.html" title="A &quot;map&quot; &lt;of&gt; &amp; more"')
    assert 'width="100%"' in snippet and snippet.endswith("</iframe>")


# -- escaping ----------------------------------------------------------------------------------------------------


def test_script_json_escapes_what_could_end_a_script_and_stays_the_same_json():
    import json

    value = {"t": "</script><!-- & > \u2028 \u2029 é"}
    text = script_json(value)
    assert not re.search("[<>&\u2028\u2029]", text)
    assert "é" in text and json.loads(text) == value


def test_a_hostile_article_is_data_never_markup(hostile_html):
    # The only script elements are the embed's two; the text's </script>, <script>, <img>, <b>, <!-- are not markup.
    assert hostile_html.count("<script") == 2 and hostile_html.count("</script>") == 2
    for markup in ("<script>window.pwned", "<img", "<b>bold", "<i>Press", "<!-- a comment"):
        assert markup not in hostile_html, markup
    data = data_of(hostile_html)
    donetsk = data["units"]["UA-14"]["fields"][1]
    assert donetsk["excerpts"] == [next(line for line in HOSTILE_TEXT.split("\n") if SCRIPT_IN_TEXT in line)]
    luhansk = data["units"]["UA-09"]["fields"][0]
    assert IMG_IN_TEXT in luhansk["excerpts"][0] and "\u2028" in luhansk["excerpts"][0]
    assert data["sources"][0]["line"].startswith(HOSTILE_PUBLISHER)


def test_a_javascript_url_is_never_a_link(hostile_html):
    assert JAVASCRIPT_URL not in hostile_html
    assert data_of(hostile_html)["sources"][0]["url"] is None
    assert "Read the original" not in hostile_html.split('id="cm-data"')[0]


def test_a_hostile_title_is_escaped_in_title_and_heading(hostile_html):
    escaped = "&lt;/title&gt;&lt;script&gt;window.pwned = 3&lt;/script&gt; “Quoted” &amp; &lt;b&gt;bold&lt;/b&gt;"
    assert f"<title>{escaped}</title>" in hostile_html
    assert f'<h1 class="cm-title">{escaped}</h1>' in hostile_html
    assert HOSTILE_TITLE not in hostile_html


def test_an_html_source_with_a_javascript_url_in_its_meta_gives_no_link(tmp_path):
    page = tmp_path / "a.html"
    page.write_text(
        "<!doctype html><html><head><title>Hostile &lt;script&gt;alert(1)&lt;/script&gt;</title>"
        '<meta property="og:url" content="javascript:alert(document.domain)"></head><body><article><h1>Hostile</h1>'
        "<p>Russian forces control most of the Donetsk region &lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;"
        " and more text about it, so that the page is read as an article with its paragraphs.</p>"
        "<p>Moscow declared the annexation of Luhansk in 2022, officials said in a long statement on Friday.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "map.html"
    assert cli.main(["export", "--format", "html", "--source", str(page), "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "javascript:" not in text and "<script>alert" not in text
    data = data_of(text)
    assert data["sources"][0]["url"] is None
    assert "</script><script>alert(2)</script>" in data["units"]["UA-14"]["fields"][1]["excerpts"][0]
