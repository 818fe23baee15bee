"""The Streamlit script's logic through ``streamlit.testing`` (AppTest): what a reader sees and chooses."""

from __future__ import annotations

import pytest
from apptest import APP, html_of, plain, run, text_of
from streamlit.testing.v1 import AppTest

from dashboard.claims import curated_claims
from dashboard.core import paths
from dashboard.testing import claims_variant

CONTROL_SENTENCE = (
    "Russian forces control most of the Donetsk and Luhansk regions but only parts of Zaporizhzhia and Kherson."
)


def test_page_renders_header_article_legend_and_footer():
    at = run()
    page = html_of(at)
    assert "Kremlin Rules Out Returning Annexed Ukrainian Regions in Future Peace Talks" in page
    assert "The Moscow Times" in page and "27 February 2025" in page
    assert 'href="https://themoscowtimes.com/2025/02/27/' in page
    assert "Boundaries: Natural Earth (public domain)" in page  # footer from data/boundaries/sources.toml
    assert "Annexation declared by Russia in 2022" in page  # legend
    assert 'class="cm-article"' in page
    assert not at.error
    # No region chosen yet: a helpful empty state, not an empty panel.
    assert any("Click a coloured region" in info.value for info in at.info)


def test_region_list_offers_every_unit_named_first():
    at = run()
    box = at.selectbox(key="region")
    assert box.value is None
    assert len(box.options) == 27
    assert box.options[:7] == [
        "Donetsk · named in the article",
        "Luhansk · named in the article",
        "Zaporizhzhia · named in the article",
        "Kherson · named in the article",
        box.options[4],
        box.options[5],
        "Kharkiv · named in the article",
    ]
    assert {box.options[4], box.options[5]} == {"Crimea · named in the article", "Sevastopol · named in the article"}


def test_choosing_a_region_shows_its_sourced_excerpts_and_puts_it_in_the_link():
    at = run()
    at.selectbox(key="region").set_value("UA-14").run()
    assert not at.exception
    page = html_of(at)
    assert "<h3>Donetsk" in page
    assert CONTROL_SENTENCE in text_of(at)
    assert "Annexation declared by Russia in 2022" in page
    # the same sentences highlighted in the article text (marked as naming it; the page's style lights them)
    assert 'span.cm-s[data-u~="UA-14"]{background:' in page and 'data-u="UA-14' in page
    assert at.query_params["region"] == ["UA-14"] or at.query_params["region"] == "UA-14"


def test_every_claim_excerpt_shown_is_verbatim_in_the_seed():
    curated = curated_claims.load_claims()
    text = curated.article.text
    for region in curated.regions:
        at = run({"region": region.units[0]})
        page = html_of(at)
        for excerpt in (*region.claim_excerpts, *region.control_excerpts):
            assert text[excerpt.start : excerpt.end] == excerpt.text
            assert f'data-start="{excerpt.start}" data-end="{excerpt.end}"' in page


@pytest.mark.parametrize(("code", "name"), [("UA-09", "Luhansk"), ("ua-63", "Kharkiv"), ("UA-40", "Sevastopol")])
def test_deep_link_opens_on_the_region(code, name):
    at = run({"region": code})
    assert at.selectbox(key="region").value == code.upper()
    assert f"<h3>{name}" in html_of(at)


def test_unknown_region_in_link_is_a_clear_message_not_an_error():
    at = run({"region": "UA-99<script>"})
    assert at.selectbox(key="region").value is None
    messages = [w.value for w in at.warning]
    assert len(messages) == 1
    assert "not one of Ukraine" in plain(messages[0]) and "'UA-99<script>'" in plain(messages[0])
    assert not at.error


def test_unit_not_named_gets_an_explanation():
    at = run({"region": "UA-46"})
    assert "Not named in the chosen source" in html_of(at)


def test_broken_claims_file_shows_the_data_error(tmp_path, monkeypatch):
    broken = claims_variant(tmp_path, {'claim = "annexation-declared-2022"': 'claim = "annexed-yesterday"'})
    monkeypatch.setattr(paths, "CLAIMS", broken)
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception  # a message, not a traceback
    assert len(at.error) == 1
    shown = plain(at.error[0].value)
    assert "'annexed-yesterday'" in shown and "claims.toml" in shown and "region 'donetsk'" in shown


def test_download_buttons_for_every_format():
    at = run({"region": "UA-14"})
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["PNG image", "SVG image", "PDF", "GeoJSON data", "CSV data", "Interactive map (HTML)"]
    # They sit in one popover, which says what the files will show.
    popovers = [p for p in at.get("popover") if "Download" in p.proto.popover.label]
    assert len(popovers) == 1
    assert popovers[0].proto.popover.label == "Download the map or its data · Donetsk emphasised"
    assert [b.proto.label for b in popovers[0].get("download_button")] == labels
    assert "1200×675 px at 150 dpi" in " ".join(c.value for c in popovers[0].caption)
    # Beside the embed's download, the iframe snippet that shows it in a story (named as the download is).
    (snippet,) = popovers[0].code
    assert snippet.language in (None, "plaintext")  # plain: highlighted tokens failed contrast (axe-core)
    assert snippet.value.startswith('<iframe src="claims-map-kremlin-rules-out-returning-annexed-ukrainian-UA-14.html"')


def test_a_download_that_cannot_be_made_says_why_instead_of_doing_nothing(tmp_path, monkeypatch):
    truncated = tmp_path / "context_countries.geojson"
    data = paths.CONTEXT_COUNTRIES.read_bytes()
    truncated.write_bytes(data[: len(data) // 2])  # a copy cut short; the real file is not touched
    monkeypatch.setattr(paths, "CONTEXT_COUNTRIES", truncated)
    at = run({"region": "UA-14"})
    popover = next(p for p in at.get("popover") if "Download" in p.proto.popover.label)
    # The images need the neighbouring countries: each says why it cannot be made, in one line, in the popover.
    assert len(popover.error) == 1, "the images say nothing: a click would do nothing, the log alone says why"
    shown = plain(popover.error[0].value)
    assert shown.startswith(
        f"PNG image, SVG image, PDF and Interactive map (HTML) cannot be made: {truncated.as_posix()}: not valid JSON"
    )
    assert "(truncated or corrupt?)" in shown and "make data" in shown
    assert "\n" not in shown and "Traceback" not in shown
    # The data downloads do not need that file: they are still offered; the page itself is whole.
    assert [b.proto.label for b in popover.get("download_button")] == ["GeoJSON data", "CSV data"]
    assert "<h3>Donetsk" in html_of(at) and len(at.error) == 1


def test_a_boundary_file_every_download_needs_names_all_five(tmp_path, monkeypatch):
    from dashboard.places import boundaries
    from dashboard.web import page_exports

    missing = tmp_path / "ukraine_adm1.geojson"  # not there
    monkeypatch.setitem(boundaries._DEFAULT_PATHS, "full", missing)
    offered = page_exports.offered_formats(1)  # one source date: no animated GIF
    assert offered == ["png", "svg", "pdf", "geojson", "csv", "html"] and "gif" in page_exports.offered_formats(2)
    problems = page_exports.export_problems(offered)
    assert list(problems) == offered[:-1]  # the embed draws the simplified boundaries: it can still be made
    (line,) = page_exports.problem_lines(problems)
    assert line.startswith("PNG image, SVG image, PDF, GeoJSON data and CSV data cannot be made: ")
    assert "ukraine_adm1.geojson: boundary file not found" in line
    monkeypatch.undo()
    assert page_exports.export_problems() == {}
