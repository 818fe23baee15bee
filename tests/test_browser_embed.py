"""The embed in Debian's Chromium, opened from disk (and from a static host) with every other request refused:
it paints, answers clicks, taps and the keyboard, fits a phone, meets WCAG 2.1 A/AA, and runs nothing of a source."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import CHROMIUM, touch_swipe
from embed_cases import DONETSK_CONTROL, IMG_IN_TEXT, SCRIPT_IN_TEXT, hostile_embed, seed_embed
from playwright.sync_api import sync_playwright

from dashboard.core import paths
from dashboard.places import boundaries
from dashboard.web import page_exports

pytestmark = pytest.mark.browser

ARTIFACTS = paths.ROOT / "test-artifacts"
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PAINTED_JS = """() => document.querySelectorAll('#cm-map path.leaflet-interactive').length === 27
    && document.querySelectorAll('#cm-map path').length >= 37 && !window.claimsEmbed.map._animatingZoom"""
SEED_LINE = (
    "The Moscow Times, “Kremlin Rules Out Returning Annexed Ukrainian Regions in Future Peace Talks”, 27 February 2025"
)


@dataclass
class Opened:
    page: object
    url: str
    requests: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def panel_text(self) -> str:
        return self.page.locator("#cm-panel").inner_text()


@pytest.fixture(scope="module")
def chromium():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("embeds")
    return {"seed": seed_embed(folder / "map.html"), "hostile": hostile_embed(folder / "hostile.html")}


@pytest.fixture(scope="module")
def points():
    return boundaries.representative_points(boundaries.load_units("simplified"))


@pytest.fixture
def open_embed(request, chromium):
    """Open a URL in a fresh context: every request is recorded, and any but the file itself refused."""
    opened: list[Opened] = []

    def _open(url: str, viewport=(1000, 900), **context_options) -> Opened:
        context = chromium.new_context(viewport={"width": viewport[0], "height": viewport[1]}, **context_options)
        page = context.new_page()
        seen = Opened(page, url)
        page.on("request", lambda r: seen.requests.append(r.url))
        page.on("console", lambda m: seen.errors.append(m.text) if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda exc: seen.errors.append(str(exc)))
        page.on("dialog", lambda d: (seen.dialogs.append(d.message), d.dismiss()))

        def route(r):
            if r.request.url == url:
                r.continue_()
            else:
                seen.refused.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        opened.append(seen)
        page.goto(url)
        page.wait_for_function(PAINTED_JS, timeout=30_000)
        return seen

    yield _open
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    for i, seen in enumerate(opened):
        if failed:
            ARTIFACTS.mkdir(exist_ok=True)
            name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
            seen.page.screenshot(path=str(ARTIFACTS / f"{name}-{i}.png"), full_page=True)
        seen.page.context.close()


def at(opened: Opened, lat: float, lon: float) -> tuple[float, float]:
    """Page coordinates of (lat, lon) on the embed's map."""
    return tuple(
        opened.page.evaluate(
            """([la, lo]) => { const m = window.claimsEmbed.map, p = m.latLngToContainerPoint([la, lo]);
                 const r = m.getContainer().getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }""",
            [lat, lon],
        )
    )


def click_unit(opened: Opened, points, iso: str) -> str:
    opened.page.locator("#cm-map").scroll_into_view_if_needed()
    opened.page.mouse.click(*at(opened, *points[iso]))
    opened.page.locator("#cm-panel h2").filter(has_text=f"({iso})").wait_for(timeout=10_000)
    return opened.panel_text()


def still(page) -> None:
    """Wait until the page has stopped scrolling (polled, not slept)."""
    page.wait_for_function(
        "() => { const y = window.scrollY, same = window.__lastY === y; window.__lastY = y; return same; }",
        polling=250,
    )


def wcag_violations(page) -> list[str]:
    found = Axe().run(page, options={**WCAG_AA, "resultTypes": ["violations"]}).response["violations"]
    return [f"{v['id']} ({v['impact']}): {n['html'][:120]}" for v in found for n in v["nodes"]]


def test_from_disk_it_paints_and_makes_no_request(open_embed, files):
    opened = open_embed(files["seed"].as_uri())
    assert opened.requests == [opened.url] and opened.refused == []  # the file itself, nothing else
    assert opened.errors == [] and opened.dialogs == []  # no policy violation, no exception
    # Hatched units use an SVG pattern that exists; unnamed ones are neutral; the neighbours are drawn too.
    fill = opened.page.get_attribute("#cm-map path[data-iso='UA-14']", "fill")
    assert fill == "url(#cm-annexation-declared-2022-most)"
    assert opened.page.evaluate(f"() => !!document.getElementById({fill[5:-1]!r})")
    assert opened.page.get_attribute("#cm-map path[data-iso='UA-30']", "fill") == "#E8E8E8"
    assert opened.page.locator(".cm-legend").inner_text().count("Russian forces") >= 4
    assert SEED_LINE in opened.page.locator(".cm-foot").inner_text()


@pytest.fixture(scope="module")
def static_host(files):
    """The embeds' folder on a static web server (Python's), with a story that embeds the seed's map by the
    snippet the page offers."""
    story = "<!doctype html><html lang='en'><title>Story</title><h1>A story</h1>{}</html>"
    (files["seed"].parent / "story.html").write_text(story.format(page_exports.iframe_snippet("map.html")))
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(files["seed"].parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_from_a_static_host_it_makes_no_other_request(open_embed, static_host):
    opened = open_embed(f"{static_host}/map.html")
    assert opened.requests == [opened.url] and opened.refused == [] and opened.errors == []


def test_in_a_story_by_the_iframe_snippet_it_follows_a_phone_width(chromium, static_host):
    context = chromium.new_context(viewport={"width": 390, "height": 800})
    try:
        page = context.new_page()
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(f"{static_host}/story.html")
        frame = page.frame_locator("iframe").first
        frame.locator("#cm-map path.leaflet-interactive").nth(26).wait_for(state="attached")
        assert requests == [f"{static_host}/story.html", f"{static_host}/map.html"]  # and nothing else
        inner = page.frames[1]
        inner.wait_for_function(PAINTED_JS)
        assert inner.evaluate("() => document.documentElement.scrollWidth") <= 390
        assert 330 <= inner.locator("#cm-map").bounding_box()["width"] <= 390
        inner.locator("#cm-map path[data-iso='UA-14']").focus()
        page.keyboard.press("Enter")
        inner.locator("#cm-panel h2", has_text="Donetsk").wait_for()
        assert DONETSK_CONTROL in inner.locator("#cm-panel").inner_text()
    finally:
        context.close()


def test_click_three_units_and_read_their_status_excerpt_and_source(open_embed, files, points):
    opened = open_embed(files["seed"].as_uri())
    opened.page.mouse.move(*at(opened, *points["UA-14"]))  # hover: the tooltip names the unit and its status
    tooltip = opened.page.locator(".leaflet-tooltip.cm-tooltip")
    tooltip.wait_for()
    assert tooltip.inner_text().splitlines() == [
        "Donetsk",
        "Annexation declared by Russia in 2022 · Russian forces control most of it",
    ]
    donetsk = click_unit(opened, points, "UA-14")
    assert f"{DONETSK_CONTROL} but only parts of Zaporizhzhia and Kherson." in donetsk
    assert f"From {SEED_LINE} (curated claims data)" in donetsk
    link = opened.page.locator("#cm-panel a", has_text="Read the original").first
    assert link.get_attribute("href").startswith("https://themoscowtimes.com/2025/02/27/")
    assert link.get_attribute("rel") == "noopener noreferrer"
    crimea = click_unit(opened, points, "UA-43")
    assert "Annexed by Russia in 2014" in crimea and "It also annexed the Crimean Peninsula in 2014." in crimea
    kharkiv = click_unit(opened, points, "UA-63")
    assert "Russia occupies part of it" in kharkiv and "Claim not stated in the source" in kharkiv
    assert DONETSK_CONTROL not in kharkiv  # the panel shows one unit at a time
    # The chosen unit is outlined on top, without catching clicks.
    assert opened.page.locator("#cm-map path[stroke-width='4']:not(.leaflet-interactive)").count() == 1
    assert opened.requests == [opened.url] and opened.errors == []


def test_keyboard_tabs_through_the_named_units_in_order_and_enter_reads_one(open_embed, files):
    opened = open_embed(files["seed"].as_uri())
    page = opened.page
    order = page.evaluate("() => JSON.parse(document.getElementById('cm-data').textContent).order")
    assert order[:2] == ["UA-14", "UA-09"] and len(order) == 7
    reached = []
    for _ in range(30):
        page.keyboard.press("Tab")
        iso = page.evaluate("() => document.activeElement.getAttribute('data-iso')")
        if iso:
            reached.append(iso)
            if len(reached) == 1:  # the focused unit is named and its tooltip opens
                label = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
                assert label.startswith("Donetsk: Annexation declared by Russia in 2022")
                page.locator(".leaflet-tooltip.cm-tooltip", has_text="Donetsk").wait_for()
                page.keyboard.press("Enter")
                page.locator("#cm-panel h2", has_text="Donetsk").wait_for()
                assert DONETSK_CONTROL in opened.panel_text()
        elif reached:
            break
    assert reached == order  # every named unit, in the order the source names them; no unnamed one
    page.keyboard.press("Shift+Tab")
    page.keyboard.press(" ")  # Space chooses too
    page.locator("#cm-panel h2", has_text=f"({order[-1]})").wait_for()


def test_on_a_390px_phone_it_fits_one_finger_scrolls_and_a_tap_chooses(open_embed, files, points):
    opened = open_embed(files["seed"].as_uri(), viewport=(390, 640), is_mobile=True, has_touch=True)
    page = opened.page
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    width = page.locator("#cm-map").bounding_box()["width"]
    assert 340 <= width <= 390
    assert page.evaluate("() => !claimsEmbed.map.dragging.enabled() && claimsEmbed.map.touchZoom.enabled()")
    page.evaluate(
        """() => { window.__hinted = false; const hint = document.querySelector('.cm-touch-hint');
                   new MutationObserver(() => { if (hint.classList.contains('cm-shown')) window.__hinted = true; })
                       .observe(hint, {attributes: true}); }"""
    )
    centre = "() => [claimsEmbed.map.getCenter().lat, claimsEmbed.map.getCenter().lng]"
    before, start = page.evaluate("() => window.scrollY"), page.evaluate(centre)
    box = page.locator("#cm-map").bounding_box()
    cdp = page.context.new_cdp_session(page)
    touch_swipe(cdp, box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.8, -150)  # one finger, on the map
    page.wait_for_function("(y) => window.scrollY > y + 50", arg=before)  # the page scrolled past the map
    assert page.evaluate(centre) == start  # the map did not move
    assert page.evaluate("() => window.__hinted")
    assert page.locator(".cm-touch-hint").text_content() == "Use two fingers to move the map"
    still(page)  # the swipe's fling has ended
    page.locator("#cm-map").scroll_into_view_if_needed()
    still(page)
    top, box = page.evaluate("() => window.scrollY"), page.locator("#cm-map").bounding_box()
    touch_swipe(cdp, box["x"] + box["width"] / 3, box["y"] + box["height"] / 2, -100, fingers=2)  # two fingers
    page.wait_for_function("([lat]) => claimsEmbed.map.getCenter().lat < lat - 0.3", arg=start)  # the map moved
    still(page)
    assert page.evaluate("() => window.scrollY") == top  # the page did not
    page.touchscreen.tap(*at(opened, *points["UA-14"]))
    page.locator("#cm-panel h2", has_text="Donetsk").wait_for()
    assert DONETSK_CONTROL in opened.panel_text()
    assert opened.requests == [opened.url] and opened.errors == []


@pytest.mark.parametrize("viewport", [(1000, 1400), (390, 1600)], ids=["wide", "phone"])
def test_it_meets_wcag_aa(open_embed, files, points, viewport):
    opened = open_embed(files["seed"].as_uri(), viewport=viewport)
    assert wcag_violations(opened.page) == []
    click_unit(opened, points, "UA-14")  # with a unit's panel open (excerpts, origin badges, links)
    assert wcag_violations(opened.page) == []


def test_a_hostile_article_runs_nothing_and_shows_its_text_literally(open_embed, files, points):
    opened = open_embed(files["hostile"].as_uri())
    page = opened.page
    donetsk = click_unit(opened, points, "UA-14")
    assert SCRIPT_IN_TEXT in donetsk  # the text, as text
    assert "suggested from the text, not reviewed" in donetsk.lower()  # an unreviewed status says so
    luhansk = click_unit(opened, points, "UA-09")
    assert IMG_IN_TEXT in luhansk
    assert "From Evil <i>Press</i>" in luhansk  # the publisher, as text
    assert "“Quoted” & <b>bold</b>" in page.locator("h1").inner_text()  # the title is text too
    assert page.evaluate("() => window.pwned") is None
    assert opened.dialogs == [] and opened.errors == []
    assert page.locator("img, iframe, object, embed, #cm-panel script, #cm-panel b, #cm-panel i").count() == 0
    hrefs = page.evaluate("() => Array.from(document.querySelectorAll('a[href]'), a => a.getAttribute('href'))")
    assert set(hrefs) == {"#"}  # Leaflet's zoom buttons only: the javascript: URL is no link
    assert "Read the original" not in page.locator("body").inner_text()
    assert opened.requests == [opened.url]


LABELS_JS = """(expected) => {
  const labels = [...document.querySelectorAll('.cm-label')];
  return labels.length === expected.length && expected.every(([iso, name]) => {
    const label = labels.find(l => l.textContent === name), unit = document.querySelector(`path[data-iso="${iso}"]`);
    if (!label || !unit) return false;
    const r = label.getBoundingClientRect(), u = unit.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    return x >= u.left && x <= u.right && y >= u.top && y <= u.bottom;
  });
}"""


def test_the_named_units_have_short_labels_inside_them_and_a_click_on_one_chooses_it(open_embed, files):
    opened = open_embed(files["seed"].as_uri())
    named = [("UA-09", "Luhansk"), ("UA-14", "Donetsk"), ("UA-23", "Zaporizhzhia"), ("UA-40", "Sevastopol"),
             ("UA-43", "Crimea"), ("UA-63", "Kharkiv"), ("UA-65", "Kherson")]  # fmt: skip
    opened.page.wait_for_function(LABELS_JS, arg=named, timeout=10_000)
    box = opened.page.locator(".cm-label", has_text="Donetsk").bounding_box()
    opened.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    opened.page.locator("#cm-panel h2").filter(has_text="(UA-14)").wait_for(timeout=10_000)
