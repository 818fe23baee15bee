"""The page's HTML panels: every text from a source or a data file is escaped, excerpts are verbatim, one line."""

from __future__ import annotations

import datetime as dt
import re
import sys
import urllib.parse
from html.parser import HTMLParser

import markupsafe
import pytest

from dashboard import style
from dashboard.claims import selection
from dashboard.claims.source_views import combine, source_view
from dashboard.claims.vocab import CLAIM_LABELS, CONTROL_LABELS
from dashboard.core import paths
from dashboard.map import dom
from dashboard.sources.model import SourceMeta
from dashboard.sources.reader import build_article, safe_url
from dashboard.web import article_view, chrome, unit_panel

PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><a href=javascript:alert(1)>',
    "[x](http://evil.example/)",
    "![i](http://evil.example/i.png)",
)
HOSTILE = " ".join(PAYLOADS)

HOSTILE_TEXT = (
    f"Shelling in Kyiv {HOSTILE}\n"
    "\n"
    f"Shelling hit Kharkiv <script>x</script> and the Donetsk region. {HOSTILE}\n"
    "\n"
    f"Drones struck Kyiv overnight, officials said. {HOSTILE}\n"
)
HOSTILE_PATH = "store:hostile-000000000001"
CONTROL_SENTENCE = (
    "Russian forces control most of the Donetsk and Luhansk regions but only parts of Zaporizhzhia and Kherson."
)

# Every tag and attribute the builders may emit; anything else came from a source.
ALLOWED_TAGS = {
    "a",
    "blockquote",
    "cite",
    "code",
    "details",
    "div",
    "h2",
    "h3",
    "h4",
    "h5",
    "li",
    "mark",
    "p",
    "section",
    "small",
    "span",
    "strong",
    "summary",
    "table",
    "td",
    "time",
    "tr",
    "ul",
}
ALLOWED_ATTRS = {
    "aria-hidden",
    "aria-label",
    "aria-live",
    "class",
    "colspan",
    "data-claims-selected",
    "data-u",
    "data-end",
    "data-start",
    "datetime",
    "href",
    "open",
    "rel",
    "role",
    "style",
    "target",
    "title",
}


def hostile_meta(url: str | None = "javascript:alert(1)") -> SourceMeta:
    return SourceMeta(
        title=f"Title {HOSTILE}",
        publisher=f"Publisher {HOSTILE}",
        published=dt.date(2025, 3, 1),
        url=url,
        credit=f"Credit {HOSTILE}",
        caption_credit=f"Caption credit {HOSTILE}",
    )


@pytest.fixture(scope="module")
def hostile():
    return build_article(HOSTILE_PATH, HOSTILE_TEXT, hostile_meta())


@pytest.fixture(scope="module")
def seed_page(seed, curated):
    return selection.page_view([seed], curated)


@pytest.fixture(scope="module")
def both_page(seed, hostile, curated):
    return selection.page_view([seed, hostile], curated)


@pytest.fixture(scope="module")
def hostile_page(hostile, curated):
    return selection.page_view([hostile], curated)


# -- parsing the output ------------------------------------------------------------------------------------------


class Markup(HTMLParser):
    """Tags, attributes, text, the blockquotes (offsets, body, cite, paragraph) and what lies inside <mark> (and,
    given ``unit``, inside the article's sentences naming it, which the page's style highlights)."""

    def __init__(self, unit: str | None = None):
        super().__init__(convert_charrefs=True)
        self._unit = unit
        self._spans: list[bool] = []  # per open <span>: is it a sentence naming ``unit``
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.quotes: list[dict] = []
        self.runs: list[str] = []  # maximal runs of text inside <mark>
        self._quote: dict | None = None
        self._part = "body"
        self._marks = 0
        self._run: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "blockquote":
            a = dict(attrs)
            self._quote = {"start": int(a["data-start"]), "end": int(a["data-end"]), "body": "", "cite": ""}
            self._quote["paragraph"] = ""
            self._part = "body"
        elif self._quote is not None and tag == "cite":
            self._part = "cite"
        elif self._quote is not None and tag == "summary":
            self._part = "summary"
        elif tag == "mark" or (tag == "span" and self._lit(dict(attrs))):
            self._marks += 1
            if self._run is None:
                self._run = []
            if tag == "span":
                self._spans.append(True)
        elif tag == "span":
            self._spans.append(False)
        elif tag == "p":
            self._close_run()

    def _lit(self, attrs: dict) -> bool:
        units = (attrs.get("data-u") or "").split()
        return self._unit is not None and "cm-s" in (attrs.get("class") or "").split() and self._unit in units

    def handle_endtag(self, tag):
        if tag == "blockquote" and self._quote is not None:
            self.quotes.append(self._quote)
            self._quote = None
        elif self._quote is not None and tag in ("cite", "summary"):
            self._part = "paragraph"
        elif tag == "mark" or (tag == "span" and self._spans and self._spans.pop()):
            self._marks -= 1
        elif tag == "p":
            self._close_run()

    def handle_data(self, data):
        self.text.append(data)
        if self._quote is not None and self._part != "summary":
            self._quote[self._part] += data
        if self._marks > 0 and self._run is not None:
            self._run.append(data)
        elif data:
            self._close_run()

    def _close_run(self):
        if self._run:
            self.runs.append("".join(self._run))
        self._run = None

    def close(self):
        super().close()
        self._close_run()


def parse(markup: str, unit: str | None = None) -> Markup:
    parser = Markup(unit)
    parser.feed(markup)
    parser.close()
    return parser


def assert_inert(markup: str, allowed_urls: set[str] = frozenset()) -> Markup:
    """No payload became markup: only our tags and attributes, links only to the page itself or safe URLs."""
    assert "\n" not in markup, "a builder's output must be one line (a single raw HTML block)"
    lowered = markup.lower()
    assert "<script" not in lowered
    assert "<img" not in lowered
    # The payloads' dangerous words appear only inside their escaped text, never as markup.
    assert lowered.count("onerror=") == lowered.count("&lt;img src=x onerror=")
    assert lowered.count("href=javascript:") == lowered.count("&lt;a href=javascript:")
    parsed = parse(markup)
    for tag, attrs in parsed.tags:
        assert tag in ALLOWED_TAGS, f"unexpected tag <{tag}> in {markup[:200]}"
        for name, value in attrs.items():
            assert name in ALLOWED_ATTRS, f"unexpected attribute {name}= on <{tag}>"
            assert not name.startswith("on")
            assert "javascript:" not in (value or "").lower()
        if "data-u" in attrs:  # the units a sentence names: ISO codes only, never text of the source
            assert re.fullmatch(r"UA-\d\d(?: UA-\d\d)*", attrs["data-u"] or ""), attrs["data-u"]
        if "href" in attrs:
            href = attrs["href"] or ""
            assert href.startswith("?region=") or href in allowed_urls, f"unexpected link {href!r}"
        assert "src" not in attrs
    # Markdown link and image syntax stays text, never a link to the evil host.
    assert not any("evil.example" in (attrs.get("href") or "") for _, attrs in parsed.tags)
    return parsed


def assert_payloads_shown_as_text(markup: str) -> None:
    """Each payload is in the output escaped, and reads back as the same characters."""
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
    assert "&lt;img src=x onerror=alert(1)&gt;" in markup
    text = "".join(parse(markup).text)
    for payload in PAYLOADS:
        assert payload in text


def cited_text(quote: dict, articles) -> str:
    """The text of the article the blockquote's <cite> names."""
    for article in articles:
        if article.path in quote["cite"]:
            return article.text
    raise AssertionError(f"blockquote cites no known source: {quote['cite']!r}")


def assert_quotes_verbatim(parsed: Markup, articles) -> int:
    for quote in parsed.quotes:
        text = cited_text(quote, articles)
        assert 0 <= quote["start"] < quote["end"] <= len(text)
        assert text[quote["start"] : quote["end"]] == quote["body"]
        assert f"characters {quote['start']}–{quote['end']}" in quote["cite"]
        if quote["paragraph"]:
            article = next(a for a in articles if a.path in quote["cite"])
            block = article.block_at(quote["start"])
            assert block is not None and quote["paragraph"] == block.text
    return len(parsed.quotes)


# -- escaping ----------------------------------------------------------------------------------------------------


def test_header_escapes_title_and_publisher_and_drops_unsafe_url():
    out = chrome.header_html([hostile_meta()])
    assert_inert(out)
    assert_payloads_shown_as_text(out)
    assert "Read the original" not in out  # the javascript: URL is never a link
    assert '<time datetime="2025-03-01">1 March 2025</time>' in out


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "ftp://example.org/x",
        "//evil.example/",
        'https://example.org/"onmouseover="alert(1)',
        "https://example.org/<script>",
        "https://exa mple.org/",
        "",
        None,
    ],
)
def test_no_unsafe_url_is_ever_a_link(url):
    metas = [hostile_meta(url)]
    for out in (chrome.header_html(metas), chrome.footer_html({}, metas)):
        parsed = assert_inert(out)
        assert not [attrs for tag, attrs in parsed.tags if tag == "a"]


def test_a_safe_url_is_a_link_escaped_in_its_attribute():
    url = "https://example.org/story?a=1&b=2"
    assert safe_url(url) == url
    metas = [hostile_meta(url)]
    for out in (chrome.header_html(metas), chrome.footer_html({}, metas)):
        parsed = assert_inert(out, {url})
        links = [attrs for tag, attrs in parsed.tags if tag == "a"]
        assert links and all(a["href"] == url for a in links)
        assert all(a["target"] == "_blank" and a["rel"] == "noopener noreferrer" for a in links)
        assert 'href="https://example.org/story?a=1&amp;b=2"' in out


def test_header_of_several_sources_escapes_each():
    metas = [hostile_meta(), SourceMeta(title="Plain <b>two</b>", publisher="P & Q")]
    out = chrome.header_html(metas)
    assert_inert(out)
    assert_payloads_shown_as_text(out)
    assert "2 sources on one map" in out
    assert "Plain &lt;b&gt;two&lt;/b&gt;" in out and "P &amp; Q" in out


def test_header_of_several_sources_adds_no_dash_where_a_source_has_no_byline():
    out = chrome.header_html(
        [SourceMeta(title="Shelling near Odesa", publisher=""), SourceMeta(title="B", publisher="P")]
    )
    assert "<li><strong>Shelling near Odesa</strong></li>" in out
    assert "<li><strong>B</strong> — P</li>" in out


def test_header_with_no_source():
    out = chrome.header_html([])
    assert "No source chosen" in out and "\n" not in out


def test_header_of_several_sources_is_one_line_even_with_newlines_in_titles():
    metas = [SourceMeta(title="First\n\nline", publisher="A"), SourceMeta(title="Second", publisher="B\nC")]
    assert "\n" not in chrome.header_html(metas)


def test_header_of_one_source_is_one_line_even_with_newlines_in_titles():
    assert "\n" not in chrome.header_html([SourceMeta(title="First\n\nline", publisher="B\nC")])


def test_footer_escapes_provenance_and_article_credits():
    provenance = {
        "boundaries": {"attribution": f"Boundaries {HOSTILE}", "licence": f"Licence {HOSTILE}"},
        "same": {"attribution": f"Boundaries {HOSTILE}", "licence": f"Licence {HOSTILE}"},
        "empty": {},
    }
    out = chrome.footer_html(provenance, [hostile_meta()])
    parsed = assert_inert(out)
    assert_payloads_shown_as_text(out)
    text = "".join(parsed.text)
    assert text.count(f"Boundaries {HOSTILE}") == 1  # the same line twice is listed once
    assert f"Credit {HOSTILE}" in text and f"photo caption credit: Caption credit {HOSTILE}" in text
    assert "Leaflet 1.9.3 (BSD-2-Clause)" in text


def test_footer_of_the_real_provenance_and_seed(seed):
    from dashboard.places import boundaries

    out = chrome.footer_html(boundaries.load_provenance(), [seed.meta])
    parsed = assert_inert(out, {seed.meta.url})
    text = "".join(parsed.text)
    assert seed.meta.source_line() in text
    assert seed.meta.credit in text


def test_article_html_escapes_the_text_and_links_mentions(hostile_page, both_page):
    view = hostile_page.combined.sources[0]
    out = article_view.article_html(view, article_view.colours_for(hostile_page.combined), "UA-14", ["seed", "abc-1"])
    parsed = assert_inert(out)
    assert_payloads_shown_as_text(out)
    assert "&lt;script&gt;x&lt;/script&gt;" in out
    # The whole text of each block is there, character for character (nothing dropped or added).
    text = "".join(parsed.text)
    for block in view.article.blocks:
        assert block.text in text
    links = [attrs for tag, attrs in parsed.tags if tag == "a"]
    assert {urllib.parse.parse_qs(a["href"][1:])["region"][0] for a in links} == {"UA-30", "UA-63", "UA-14"}
    for a in links:
        assert a["target"] == "_self"
        assert urllib.parse.parse_qs(a["href"][1:])["sources"] == ["seed", "abc-1"]


def test_unit_panel_escapes_the_sentences_of_a_hostile_source(both_page, seed, hostile, curated):
    unit = both_page.combined.unit("UA-14")
    assert len(unit.by_source) == 2
    out = unit_panel.unit_panel_html("UA-14", "Donetsk <b>", unit, curated.article)
    parsed = assert_inert(out)
    assert "Donetsk &lt;b&gt;" in out
    assert "&lt;script&gt;x&lt;/script&gt;" in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out  # in the paragraph shown on demand
    # The second source's heading is its (escaped) source line.
    assert f"<h5>{markupsafe.escape(hostile.meta.source_line())}</h5>" in out
    assert assert_quotes_verbatim(parsed, [seed, hostile]) >= 5


def test_unit_panel_escapes_the_iso_code_and_name():
    out = unit_panel.unit_panel_html("<script>", "<img src=x onerror=alert(1)>", None, None)
    assert_inert(out)
    assert "&lt;script&gt;" in out and "&lt;img src=x onerror=alert(1)&gt;" in out


def test_excerpt_html_escapes_and_marks(hostile, curated):
    view = source_view(hostile, curated)
    donetsk = view.unit("UA-14")
    excerpt = donetsk.excerpts[0]
    out = unit_panel.excerpt_html(excerpt, hostile, [(m.start, m.end) for m in donetsk.mentions])
    parsed = assert_inert(out)
    assert parsed.runs == ["Donetsk region", "Donetsk region"]  # in the sentence and in its paragraph
    assert assert_quotes_verbatim(parsed, [hostile]) == 1
    assert "&lt;script&gt;x&lt;/script&gt;" in out


# -- the selected unit -------------------------------------------------------------------------------------------


def test_donetsk_panel_of_the_seed(seed_page, seed, curated):
    unit = seed_page.combined.unit("UA-14")
    out = unit_panel.unit_panel_html("UA-14", seed_page.names["UA-14"], unit, curated.article)
    parsed = assert_inert(out)
    text = "".join(parsed.text)
    assert CLAIM_LABELS["annexation-declared-2022"] in text
    assert CONTROL_LABELS["most"] in text
    assert CONTROL_SENTENCE in [q["body"] for q in parsed.quotes]
    control = next(q for q in parsed.quotes if q["body"] == CONTROL_SENTENCE)
    assert seed.text[control["start"] : control["end"]] == CONTROL_SENTENCE
    assert assert_quotes_verbatim(parsed, [seed]) >= 4
    # The mentions of Donetsk in its sentences are marked, nothing else is.
    assert set(parsed.runs) == {"Donetsk", "Donetsk region"}
    assert "From The Moscow Times" in text and "(curated claims data)" in text
    assert "cm-origin-suggested" not in out  # no suggestion badge: every value is curated
    assert "Sentences that name Donetsk (3)" in text
    assert "Context from the article" in text


def test_kharkiv_panel_of_the_seed(seed_page, seed, curated):
    unit = seed_page.combined.unit("UA-63")
    out = unit_panel.unit_panel_html("UA-63", seed_page.names["UA-63"], unit, curated.article)
    parsed = assert_inert(out)
    text = "".join(parsed.text)
    assert "Claim: Claim not stated in the source" in text
    assert "Control: Russia occupies part of it" in text
    assert CLAIM_LABELS["none"] == "The source says Russia makes no claim"
    assert CONTROL_LABELS["part"] == "Russia occupies part of it"
    assert curated.region_by_id("kharkiv").claim_note in text
    assert "Moscow also occupies part of Ukraine's northeastern Kharkiv region." in [q["body"] for q in parsed.quotes]
    assert assert_quotes_verbatim(parsed, [seed]) >= 3


def test_crimea_panel_says_control_is_not_stated(seed_page, seed, curated):
    unit = seed_page.combined.unit("UA-43")
    out = unit_panel.unit_panel_html("UA-43", seed_page.names["UA-43"], unit, curated.article)
    parsed = assert_inert(out)
    text = "".join(parsed.text)
    assert CLAIM_LABELS["annexed-2014"] in text
    assert CONTROL_LABELS["not-stated"] in text
    assert "Not stated in the source." in text
    assert_quotes_verbatim(parsed, [seed])


def test_a_unit_not_named_says_so(seed_page, curated):
    assert seed_page.combined.unit("UA-46") is None
    out = unit_panel.unit_panel_html("UA-46", seed_page.names["UA-46"], None, curated.article)
    assert_inert(out)
    assert "Not named in the chosen source(s)" in out
    assert f"<h3>{seed_page.names['UA-46']} <small>(UA-46)</small></h3>" in out
    assert "<blockquote" not in out


def test_the_panel_names_its_unit_for_the_maps_outline(seed_page, curated):
    out = unit_panel.unit_panel_html(
        "UA-14", seed_page.names["UA-14"], seed_page.combined.unit("UA-14"), curated.article
    )
    sections = [attrs for tag, attrs in assert_inert(out).tags if tag == "section"]
    assert sections == [{"class": "cm-panel", "aria-live": "polite", dom.SELECTED_ATTRIBUTE: "UA-14"}]
    # The code is an attribute value: whatever it holds cannot leave it.
    odd = unit_panel.unit_panel_html('"><script>x</script>', "x", None, curated.article)
    assert "<script" not in odd
    assert [a[dom.SELECTED_ATTRIBUTE] for t, a in parse(odd).tags if t == "section"] == ['"><script>x</script>']


def test_a_named_unit_of_another_source_says_what_that_source_states(hostile_page, hostile, curated):
    unit = hostile_page.combined.unit("UA-30")
    assert unit is not None and unit.region is None
    out = unit_panel.unit_panel_html("UA-30", hostile_page.names["UA-30"], unit, curated.article)
    parsed = assert_inert(out)
    text = "".join(parsed.text)
    assert "Claim: Claim not stated in the source" in text
    assert "Control: Control not stated in the source" in text
    for label in (*CLAIM_LABELS.values(), *CONTROL_LABELS.values()):
        if "not stated" not in label:
            assert label not in text  # nothing is lent from the curated seed
    assert "Sentences that name Kyiv (2)" in text
    assert "Named as: the city of the same name" in text
    assert '<details class="cm-more" open>' in out  # no status above: its sentences are the evidence, shown
    assert style.NAMED_ONLY_COLOUR in out
    assert assert_quotes_verbatim(parsed, [hostile]) == 2
    assert set(parsed.runs) == {"Kyiv"}


# -- the article text --------------------------------------------------------------------------------------------


def test_article_html_of_the_seed_hides_boilerplate(seed_page, seed):
    view = seed_page.combined.sources[0]
    out = article_view.article_html(view, article_view.colours_for(seed_page.combined), None, ["seed"])
    parsed = assert_inert(out)
    text = "".join(parsed.text)
    boilerplate = [b for b in seed.blocks if b.kind == "boilerplate"]
    assert boilerplate
    long_ones = [b for b in boilerplate if len(b.text) >= 20]
    assert long_ones
    for block in long_ones:
        assert block.text not in text
        assert markupsafe.escape(block.text) not in out
    for block in seed.blocks:
        if block.kind in ("headline", "caption", "body"):
            assert block.text in text
    assert f"{len(boilerplate)} publisher paragraph(s)" in text
    assert parsed.runs == []  # nothing selected, nothing highlighted


def test_a_mention_link_keeps_the_sources_and_the_date_shown(seed_page):
    view = seed_page.combined.sources[0]
    out = article_view.article_html(view, {}, None, ["seed", "abc-1"], dt.date(2025, 2, 27))
    hrefs = {attrs["href"] for tag, attrs in assert_inert(out).tags if tag == "a"}
    assert hrefs and all(h.endswith("&sources=seed&sources=abc-1&asof=2025-02-27") for h in hrefs)


def test_article_html_links_every_named_unit_to_itself(seed_page):
    view = seed_page.combined.sources[0]
    colours = article_view.colours_for(seed_page.combined)
    out = article_view.article_html(view, colours, None, ["seed"])
    parsed = assert_inert(out)
    links = [attrs for tag, attrs in parsed.tags if tag == "a"]
    assert links
    regions = set()
    for a in links:
        assert a["target"] == "_self"
        assert re.fullmatch(r"\?region=UA-\d\d", a["href"])  # the seed alone: the default, left out
        iso = a["href"][len("?region=") : len("?region=UA-00")]
        regions.add(iso)
        assert f"border-bottom-color:{colours[iso]}" in a["style"]
    named = set(seed_page.combined.named_units)
    assert regions <= named
    # A group mention ("the Crimean Peninsula": UA-40 and UA-43) is one link, to one of its units.
    single = {m.unit for m in view.mentions if m.feature != "group"}
    assert single <= regions
    groups = [m for m in view.mentions if m.feature == "group"]
    assert groups
    for start in {m.start for m in groups}:
        units = {m.unit for m in groups if m.start == start}
        assert len(units & regions) >= 1
    assert out.count(">the Crimean Peninsula</a>") == 1
    # ... the unit the phrase spells: Crimea, not Sevastopol.
    assert re.search(r'href="\?region=UA-43[^"]*"[^>]*>the Crimean Peninsula</a>', out)
    assert "UA-30" not in regions  # "Kyiv reiterated" is the government, not a region


def test_article_html_highlights_the_selected_units_sentences(seed_page, seed):
    view = seed_page.combined.sources[0]
    out = article_view.article_html(view, article_view.colours_for(seed_page.combined), "UA-14", ["seed"])
    assert_inert(out)
    parsed = parse(out, "UA-14")  # the sentences marked as naming Donetsk, which the page's style highlights
    sentences = [x.text for x in view.unit("UA-14").excerpts]
    assert CONTROL_SENTENCE in sentences
    assert sorted(parsed.runs) == sorted(sentences)
    assert "Moscow also occupies part of Ukraine's northeastern Kharkiv region." not in "".join(parsed.runs)
    assert "Moscow also occupies part of Ukraine's northeastern Kharkiv region." in parse(out, "UA-63").runs
    # the same markup whichever unit is chosen: a click sends the highlight's style, not the article again
    for other in (None, "UA-63", "UA-43"):
        assert article_view.article_html(view, article_view.colours_for(seed_page.combined), other, ["seed"]) == out
    css = chrome.highlight_css("UA-14")
    assert css == '<style>div.cm-article span.cm-s[data-u~="UA-14"]{background:#fff3b0}</style>'
    assert chrome.highlight_css(None) == ""


@pytest.mark.parametrize("bad", ['UA-14"]{}body{display:none}', "UA-1", "ua-14", "</style><script>"])
def test_the_highlight_style_takes_nothing_but_an_iso_code(bad):
    with pytest.raises(ValueError, match="not a unit's ISO code"):
        chrome.highlight_css(bad)


def test_colours_for(seed_page, hostile_page):
    colours = article_view.colours_for(seed_page.combined)
    assert set(colours) == set(seed_page.combined.named_units)
    assert colours["UA-14"] == style.CLAIM_COLOURS["annexation-declared-2022"]
    assert colours["UA-43"] == style.CLAIM_COLOURS["annexed-2014"]
    assert colours["UA-63"] == style.CLAIM_COLOURS["not-stated"] == style.NAMED_ONLY_COLOUR
    assert article_view.colours_for(hostile_page.combined)["UA-30"] == style.NAMED_ONLY_COLOUR


# -- legend and swatches -----------------------------------------------------------------------------------------


def test_legend_lists_every_claim_and_control_label():
    out = chrome.legend_html()
    parsed = assert_inert(out)
    text = "".join(parsed.text)
    for _key, label, _colour in style.CLAIM_LEGEND:
        assert label in text
    for _key, label, _hatch in style.CONTROL_LEGEND:
        assert label in text
    assert "Dashed outline: suggested from the text, not reviewed" in text
    assert "Dashed outline" not in "".join(parse(chrome.legend_html(show_suggested=False)).text)
    for _key, _label, colour in style.CLAIM_LEGEND:
        assert colour in out


def test_css_hatch_per_control():
    assert chrome.css_hatch(None) == ""
    assert chrome.css_hatch("not-stated") == ""
    assert chrome.css_hatch("unknown") == ""
    assert chrome.css_hatch("most").startswith("repeating-linear-gradient(45deg")
    assert "5px" in chrome.css_hatch("most") and "10px" in chrome.css_hatch("parts")
    assert chrome.css_hatch("part").startswith("radial-gradient(")
    assert chrome.css_hatch("most") != chrome.css_hatch("parts")


def test_swatch_draws_colour_and_hatch():
    plain = chrome.swatch("none", "#56B4E9", None)
    assert "linear-gradient(#56B4E9, #56B4E9)" in plain and "repeating" not in plain
    hatched = chrome.swatch("annexed-2014", "#D55E00", "most", size=(10, 6))
    assert hatched.index(chrome.css_hatch("most")) < hatched.index("linear-gradient(#D55E00")
    assert "width:10px;height:6px" in hatched
    for out in (plain, hatched):
        assert "\n" not in out
        assert_inert(out)


def test_unit_colour_has_one_rule_for_map_panels_and_images():
    assert style.unit_colour("annexed-2014", False) == style.CLAIM_COLOURS[style.NOT_NAMED]
    assert style.unit_colour("annexed-2014", True) == style.CLAIM_COLOURS["annexed-2014"]
    assert style.unit_colour(None, True) == style.NAMED_ONLY_COLOUR
    assert style.unit_colour("unknown", True) == style.NAMED_ONLY_COLOUR
    assert style.unit_colour("not-named", True) == style.NAMED_ONLY_COLOUR
    for claim in (*style.CLAIM_COLOURS, None, "unknown"):
        for named in (True, False):
            assert style.fill_for(claim, None, named) == style.unit_colour(claim, named)


def test_every_builder_is_one_line(seed_page, both_page, curated):
    view = both_page.combined.sources[1]
    outs = [
        chrome.legend_html(),
        chrome.header_html([hostile_meta()]),
        chrome.footer_html({"x": {"attribution": "a\nb", "licence": "c"}}, [hostile_meta()]),
        unit_panel.unit_panel_html("UA-14", "Donetsk", both_page.combined.unit("UA-14"), curated.article),
        unit_panel.unit_panel_html("UA-30", "Kyiv", both_page.combined.unit("UA-30"), curated.article),
        unit_panel.unit_panel_html("UA-46", "Lviv", None, curated.article),
        article_view.article_html(view, article_view.colours_for(both_page.combined), "UA-30", ["seed"]),
        article_view.article_html(seed_page.combined.sources[0], {}, "UA-14", ["seed"]),
    ]
    for out in outs:
        assert "\n" not in out


def test_combined_view_from_any_source_and_combine(seed, hostile, curated):
    """Views made with any_source directly (not through selection) render the same way."""
    combined = combine([source_view(hostile, curated), source_view(hostile, curated)])
    assert len(combined.sources) == 1  # the same source twice counts once
    unit = combined.unit("UA-63")
    out = unit_panel.unit_panel_html("UA-63", "Kharkiv", unit, curated.article)
    parsed = assert_inert(out)
    assert "Claim: Claim not stated in the source" in "".join(parsed.text)
    # Every excerpt cites the hostile source: nothing is lent from the curated seed.
    assert assert_quotes_verbatim(parsed, [hostile]) >= 1
    assert all(HOSTILE_PATH in q["cite"] for q in parsed.quotes)
    assert any(HOSTILE_PATH in q["cite"] for q in parsed.quotes)


@pytest.mark.parametrize(
    ("meta", "label"),
    [
        (
            SourceMeta(title="T", publisher="The Moscow Times", published=dt.date(2025, 2, 27)),
            "1. The Moscow Times · 27 Feb 2025",
        ),
        (
            SourceMeta(title="Drone strikes hit Sumy and Odesa overnight", publisher=""),
            "1. Drone strikes hit Sumy and…",
        ),
        (SourceMeta(title="Abcdefghijklmnopqrstuvwxyzabcdefghij", publisher=""), "1. Abcdefghijklmnopqrstuvwxyzabc…"),
        (SourceMeta(title="  ", publisher=" \n "), "1. Untitled source"),
        (SourceMeta(title="x", publisher="A\nB", published=dt.date(2026, 11, 3)), "1. A B · 3 Nov 2026"),
    ],
)
def test_tab_label_is_short_plain_and_names_the_source(meta, label):
    assert chrome.tab_label(meta, 1) == label
    assert len(chrome.tab_label(meta, 1).split(" · ")[0]) <= len("1. ") + 30


def test_the_status_comes_first_and_the_other_sentences_fold_unless_there_is_no_status(seed_page, curated):
    out = unit_panel.unit_panel_html("UA-14", "Donetsk", seed_page.combined.unit("UA-14"), curated.article)
    assert '<details class="cm-more"><summary><h4>Sentences that name Donetsk (3)</h4></summary>' in out
    assert out.index("<strong>Claim:</strong>") < out.index('<details class="cm-more">')


# -- a unit named many times: work that grows with the sentences, not their square -------------------------------


def repeated_source(n: int):
    """A source of ``n`` lines, each naming the Donetsk region once in its first sentence (of two)."""
    text = "Repeated report\n\n" + "".join(
        f"Shelling hit the Donetsk region again, day {i}. Residents sheltered.\n" for i in range(n)
    )
    article = build_article(f"store:repeated-{n:012d}", text, SourceMeta(title="Repeated report", publisher="P"))
    return article


def lines_run(fn) -> int:
    """How many lines of the dashboard's own code ``fn()`` runs: a count of the work done, never a timer."""
    root = str(paths.PACKAGE_DIR)
    count = 0

    def local(frame, event, arg):
        nonlocal count
        count += event == "line"
        return local

    def calls(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(root) else None

    before = sys.gettrace()
    sys.settrace(calls)
    try:
        fn()
    finally:
        sys.settrace(before)
    return count


@pytest.fixture(scope="module")
def repeated_pages(curated):
    return {n: selection.page_view([repeated_source(n)], curated) for n in (150, 600)}


def test_the_panel_of_a_unit_named_n_times_does_work_linear_in_n(repeated_pages, curated, monkeypatch):
    # Every sentence drawn (no page): the lookups themselves must be linear.
    monkeypatch.setattr(unit_panel, "SENTENCES_SHOWN", 10**9, raising=False)
    marked: list[int] = []
    original = unit_panel._marked
    monkeypatch.setattr(
        unit_panel,
        "_marked",
        lambda text, offset, spans, *a: marked.append(len(spans)) or original(text, offset, spans, *a),
    )
    work = {}
    for n, page in repeated_pages.items():
        unit = page.combined.unit("UA-14")
        assert len(unit.by_source[0][1].excerpts) == n
        marked.clear()
        out = []
        work[n] = lines_run(
            lambda unit=unit, out=out: out.append(unit_panel.unit_panel_html("UA-14", "Donetsk", unit, None))
        )
        assert out[0].count("<blockquote") == n and f"day {n - 1}." in out[0]  # every one drawn, with its paragraph
        assert out[0].count("<summary>Paragraph</summary>") == n
        # Each excerpt and each paragraph is given its own mention only, not the unit's n mentions.
        assert sum(marked) <= 2 * n + 10, sum(marked)
    # 4 times the sentences: about 4 times the lines run (a scan per excerpt made it 16 times).
    assert work[600] < 5 * work[150], work


def test_block_and_sentence_lookups_bisect_and_agree_with_a_scan(repeated_pages, seed):
    article = repeated_pages[150].combined.sources[0].article
    for a in (article, seed):
        for offset in range(-2, len(a.text) + 2, 3):
            block = next((b for b in a.blocks if b.start <= offset < b.end), None)
            sentence = next((s for s in (block.sentences if block else ()) if s.start <= offset < s.end), None)
            assert a.block_at(offset) is block
            assert a.sentence_at(offset) is sentence
    assert article.block_starts == [b.start for b in article.blocks]


def test_a_long_list_of_sentences_is_shown_in_part_and_says_where_the_rest_are(repeated_pages, curated):
    from dashboard.web import page_exports

    page = repeated_pages[150]
    out = unit_panel.unit_panel_html("UA-14", "Donetsk", page.combined.unit("UA-14"), None)
    assert "<h4>Sentences that name Donetsk (150)</h4>" in out
    assert out.count("<blockquote") == unit_panel.SENTENCES_SHOWN == 50
    assert "day 49." in out and "day 50." not in out
    assert markupsafe.escape(unit_panel.more_sentences_note(50, 150)) in out
    assert "Showing the first 50 of 150 sentences from this source. All 150 are in the CSV and GeoJSON" in out
    # Nothing lost: the download the note points to holds every one of them.
    csv = page_exports.page_export("csv", page, curated, region=None, title=None).decode("utf-8")
    assert all(f"day {i}." in csv for i in range(150))
    # A short list says nothing of the kind.
    short = unit_panel.unit_panel_html(
        "UA-14", "Donetsk", selection.page_view([repeated_source(3)], curated).combined.unit("UA-14"), None
    )
    assert short.count("<blockquote") == 3 and "Showing the first" not in short


class CountingList(list):
    """A list that counts the items read from it (by index, slice or iteration)."""

    read = 0

    def __getitem__(self, key):
        got = super().__getitem__(key)
        CountingList.read += len(got) if isinstance(key, slice) else 1
        return got

    def __iter__(self):
        for item in super().__iter__():
            CountingList.read += 1
            yield item


def test_the_article_view_highlights_a_unit_named_n_times_reading_each_sentence_a_few_times(
    repeated_pages, monkeypatch
):
    original = article_view._merged
    monkeypatch.setattr(article_view, "_merged", lambda spans: CountingList(original(spans)))
    for n, page in repeated_pages.items():
        CountingList.read = 0
        view = page.combined.sources[0]
        out = article_view.article_html(view, article_view.colours_for(page.combined), "UA-14", ["x"])
        lit = parse(out, "UA-14").runs  # every sentence naming it lit, not the next one
        assert len(lit) == n and not any("Residents sheltered" in r for r in lit)
        # The highlighted sentences are read a few times in all, not once per later block (n²/2).
        assert CountingList.read <= 4 * n, (n, CountingList.read)
    work = {
        n: lines_run(lambda p=p: article_view.article_html(p.combined.sources[0], {}, "UA-14", ["x"]))
        for n, p in repeated_pages.items()
    }
    assert work[600] < 5 * work[150], work


def test_a_long_article_is_drawn_a_window_at_a_time_around_the_chosen_region(curated):
    filler = "Shelling was reported again in the Donetsk region overnight, officials said.\n\n"
    text = "Long Report\n\n" + filler * 25_000 + "Russian drones struck Odesa on Sunday.\n"  # ~2 MB
    article = build_article("store:long", text, SourceMeta(title="Long Report", publisher=""))
    view = source_view(article, curated)
    top = article_view.article_html(view, {}, None, [])
    assert len(top) < 20 * article_view.ARTICLE_WINDOW_CHARS and "A long text: characters 0–" in top
    assert "Odesa" not in top
    odesa = article_view.article_html(view, {}, "UA-51", [])
    assert "Russian drones struck" in odesa and "where the chosen region is first named" in odesa
    assert len(odesa) < 20 * article_view.ARTICLE_WINDOW_CHARS
    short = article_view.article_html(
        source_view(build_article("store:s", "T\n\nOdesa.\n", SourceMeta("T", "")), curated), {}, None, []
    )
    assert "A long text" not in short


def test_a_capital_named_for_its_government_or_a_dateline_shows_as_what_it_is(seed_page, curated):
    seed_text = article_view.article_html(seed_page.combined.sources[0], {}, None, ["seed"])
    assert '<span class="cm-aside" title="Kyiv: its government, not a place on the map">Kyiv</span>' in seed_text
    assert "UA-30" not in seed_page.combined.named_units  # never counted as a mention of the city
    text = "Kherson Retaken\n\nKYIV, Nov. 11, 2022 — Ukrainian troops entered the city of Kherson, Kyiv said.\n"
    view = source_view(build_article("store:d", text, SourceMeta(title="Kherson Retaken", publisher="")), curated)
    out = article_view.article_html(view, {}, None, [])
    assert 'title="KYIV: the dateline (where the report was filed), not a place the article names">KYIV</span>' in out
    assert "UA-30" not in view.named_units and "UA-65" in view.named_units
    assert_inert(out)


# -- the templates ------------------------------------------------------------------------------------------------


def hostile_value(field: str) -> str:
    return f"{field} {HOSTILE}"


def hostile_excerpt(prefix: str) -> dict:
    return {k: hostile_value(f"{prefix}.{k}") for k in ("start", "end", "body", "label", "source", "paragraph")}


def hostile_source(prefix: str) -> dict:
    return {k: hostile_value(f"{prefix}.{k}") for k in ("title", "publisher", "date", "date_iso", "url")}


# Each template with contexts that give a hostile value to every field it shows (and reach each of its branches).
# Fields that are conditions only (booleans) or written through the ``css`` / ``attribute_name`` filters (see
# test_values_that_are_not_text_are_refused) have ordinary values here.
TEMPLATE_CONTEXTS = {
    "article.html": [
        {
            "article_class": hostile_value("article_class"),
            "window": {k: hostile_value(f"window.{k}") for k in ("first", "last", "total")} | {"highlight": True},
            "blocks": [(hostile_value("block.class"), True, hostile_value("block.markup")), ("", False, "x")],
            "hidden": hostile_value("hidden"),
        }
    ],
    "as_of.html": [{"line": hostile_value("line"), "undated": [hostile_value("undated")], "later": hostile_value("n")}],
    "changes.html": [
        {
            "changes": [
                {
                    "line": hostile_value("change.line"),
                    "quotes": [
                        {k: hostile_value(f"q.{k}") for k in ("start", "end", "text", "when", "source", "origin")}
                    ],
                }
            ],
            "since": "a",
            "until": "b",
        },
        {"changes": [], "since": hostile_value("since"), "until": hostile_value("until")},
    ],
    "excerpt.html": [{"x": hostile_excerpt("x")}],
    "footer.html": [
        {
            "provenance": [hostile_value("provenance")],
            "articles": [{k: hostile_value(f"a.{k}") for k in ("line", "credit", "caption_credit", "url")}],
        }
    ],
    "header.html": [
        {"sources": [hostile_source("one")], "folded": False, "span": ""},
        {"sources": [hostile_source("s1"), hostile_source("s2")], "folded": False, "span": ""},
        {"sources": [hostile_source(f"f{i}") for i in range(5)], "folded": True, "span": hostile_value("span")},
        {"sources": [], "folded": False, "span": ""},
    ],
    "legend.html": [
        {
            "claims": [("#ffffff", hostile_value("claim"))],
            "suggested": hostile_value("suggested"),
            "controls": [("#ffffff", hostile_value("control"))],
            "outline": "#000",
        }
    ],
    "origin_badge.html": [{"kind": hostile_value("kind"), "label": hostile_value("label")}],
    "statement.html": [
        {
            **{
                k: hostile_value(k)
                for k in (
                    "lead",
                    "title",
                    "label",
                    "badge",
                    "cue",
                    "attributed_to",
                    "note",
                    "reviewer",
                    "reviewed_at",
                    "source_line",
                    "origin_label",
                )
            },
            "excerpts": [hostile_excerpt("x")],
            "reviewed": True,
            "history": [{k: hostile_value(f"r.{k}") for k in ("created_at", "value", "reviewer", "note")}],
            "stated": stated,
            "disagree": [tuple(hostile_value(f"d.{k}") for k in ("line", "label", "origin"))],
        }
        | ({} if stated else {"source_line": "x", "origin_label": "x"})  # shown only when stated
        for stated in (True, False)
    ],
    "status.html": [
        {
            "claim": hostile_value("claim"),
            "control": hostile_value("control"),
            "sources": [
                {
                    k: hostile_value(f"s.{k}")
                    for k in ("when", "line", "claim", "claim_badge", "control", "control_badge")
                }
            ],
        }
    ],
    "swatch.html": [{"background": "#ffffff", "width": 28, "height": 16, "outline": "#000"}],
    "unit_panel.html": [
        {
            "attribute": dom.SELECTED_ATTRIBUTE,
            "iso": hostile_value("iso"),
            "name": hostile_value("name"),
            "status": hostile_value("status"),
            "open": True,
            "total": hostile_value("total"),
            "sources": [
                {
                    "heading": hostile_value("s.heading"),
                    "named_as": hostile_value("s.named_as"),
                    "excerpts": [hostile_excerpt("x")],
                    "more": hostile_value("s.more"),
                }
            ],
            "context": [hostile_excerpt("context")],
        },
        {
            "attribute": dom.SELECTED_ATTRIBUTE,
            "iso": hostile_value("iso"),
            "name": hostile_value("name"),
            "status": None,
        },
    ],
}
MACRO_ONLY = {"byline.html": '{% from "byline.html" import items %}<ul>{{ items(sources) }}</ul>'}
"""Templates of macros only, rendered through a caller (with the contexts of ``header.html``)."""


def hostile_leaves(value) -> list[str]:
    """Every hostile string in a context (the values a template must show escaped)."""
    if isinstance(value, str):
        return [value] if HOSTILE in value else []
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list | tuple):
        return [leaf for item in value for leaf in hostile_leaves(item)]
    return []


class Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def rendered_contexts():
    from dashboard.web import templates

    for name, contexts in TEMPLATE_CONTEXTS.items():
        for context in contexts:
            yield name, context, templates.render(name, **context)
    for name, caller in MACRO_ONLY.items():
        for header in TEMPLATE_CONTEXTS["header.html"]:
            context = {"sources": header["sources"]}
            yield name, context, markupsafe.Markup(templates.environment().from_string(caller).render(**context))


def test_every_template_has_hostile_contexts():
    from dashboard.web import templates

    files = {p.name for p in templates.TEMPLATES_DIR.glob("*.html")}
    assert files == set(TEMPLATE_CONTEXTS) | set(MACRO_ONLY)


def test_every_template_escapes_every_field():
    for name, context, out in rendered_contexts():
        assert "\n" not in out, name
        lowered = out.lower()
        assert "<script" not in lowered and "<img" not in lowered and "<a href=javascript" not in lowered, name
        parser = Tags()
        parser.feed(out)
        parser.close()
        for tag, attrs in parser.tags:
            assert tag in ALLOWED_TAGS, (name, tag)
            assert set(attrs) <= ALLOWED_ATTRS, (name, tag, attrs)
            assert "href" not in attrs or not attrs["href"].lower().startswith("javascript"), name
        for leaf in hostile_leaves(context):  # each field shown, escaped
            assert markupsafe.escape(leaf) in out, (name, leaf)


def test_values_that_are_not_text_are_refused():
    from dashboard.web import templates

    swatch = TEMPLATE_CONTEXTS["swatch.html"][0]
    for field in ("background", "width", "height", "outline"):
        for bad in (hostile_value(field), "url(http://evil.example/x.png)", "red;position:fixed", "#fff\\3b"):
            with pytest.raises(ValueError, match="not a plain CSS value"):
                templates.render("swatch.html", **{**swatch, field: bad})
    for control in (None, *style.CONTROL_HATCHES):  # every real swatch passes
        background = chrome.swatch_background("#D55E00", control)
        assert f"background:{background}" in templates.render("swatch.html", **{**swatch, "background": background})
    panel = TEMPLATE_CONTEXTS["unit_panel.html"][1]
    for bad in (hostile_value("attribute"), "onclick=alert(1) x", "data-x onmouseover"):
        with pytest.raises(ValueError, match="not an attribute name"):
            templates.render("unit_panel.html", **{**panel, "attribute": bad})


def test_no_template_trusts_its_values():
    from dashboard.web import templates

    env = templates.environment()
    assert env.autoescape is True
    for path in templates.TEMPLATES_DIR.glob("*.html"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"\|\s*safe\b", source), path.name
        assert not re.search(r"autoescape\s+false", source, re.I), path.name
        assert "Markup" not in source, path.name


def test_the_page_css_is_its_file_in_one_style_element():
    from dashboard.web import templates

    sheet = templates.CSS_FILE.read_text(encoding="utf-8")
    assert f"<style>\n{sheet.strip()}\n</style>\n" == chrome.CSS
    assert "<" not in sheet and ".cm-panel{scroll-margin-top:4rem}" in sheet


def many_sources(count: int, lines: int = 6):
    """``count`` sources, each of ``lines`` lines naming the Donetsk region, dated a day apart."""
    out = []
    for k in range(count):
        text = f"Report {k}\n\n" + "".join(
            f"Shelling hit the Donetsk region again, source {k} day {i}. Residents sheltered.\n" for i in range(lines)
        )
        meta = SourceMeta(title=f"Report {k}", publisher="P", published=dt.date(2025, 3, 1) + dt.timedelta(days=k))
        out.append(build_article(f"store:many-{k:04d}", text, meta))
    return out


def test_the_panel_with_many_sources_shows_one_budget_of_sentences_and_says_where_the_rest_are(curated):
    sizes = {}
    for count in (10, 20):
        page = selection.page_view(many_sources(count), curated)
        out = unit_panel.unit_panel_html("UA-14", "Donetsk", page.combined.unit("UA-14"), None)
        assert_inert(out)
        assert f"<h4>Sentences that name Donetsk ({count * 6})</h4>" in out
        sentences = [q for q in parse(out).quotes if "Shelling hit" in q["body"]]
        # 50 in the list, whatever the number of sources (a status's own excerpt may repeat one of them)
        assert 50 <= len(sentences) <= 52, len(sentences)
        assert "source 8 day 1." in out and f"source {count - 1} day 0." not in out.split("Sentences that name")[1]
        later = unit_panel.more_sentences_note(0, 6)
        assert markupsafe.escape(later) in out and "the panel shows 50 in all" in later
        sizes[count] = len(out)
    # twice the sources: the table of each source's statuses grows by a row each, the sentences not at all
    assert sizes[20] < 1.3 * sizes[10], sizes


def test_a_long_articles_pages_are_the_same_whichever_region_is_first_named_on_them(curated):
    para = "Shelling hit the Donetsk region. Drones struck the Kharkiv region. Odesa was quiet.\n\n"
    text = "Long Report\n\n" + para * 4_000 + "Russian forces hold part of the Sumy region.\n"  # ~350 KB
    view = source_view(build_article("store:pages", text, SourceMeta(title="Long Report", publisher="")), curated)
    donetsk = article_view.article_html(view, {}, "UA-14", [])
    assert article_view.article_html(view, {}, "UA-63", []) == donetsk  # first named on the same page
    sumy = article_view.article_html(view, {}, "UA-59", [])
    assert sumy != donetsk and "Russian forces hold part of the" in sumy and "Sumy" not in donetsk
    for out in (donetsk, sumy):
        assert len(out) < 20 * article_view.ARTICLE_WINDOW_CHARS
