"""The dashboard as a person uses it: Debian's Chromium (Playwright) against the running app on 127.0.0.1.

Every request to a host other than the app's is refused and recorded, so these tests also prove the page works
with no network. Nothing here sleeps for a fixed time: each step waits for what the user would see.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from urllib.parse import parse_qs, urlsplit

import pytest
import shapely.geometry
from axe_playwright_python.sync_playwright import Axe
from browser import CHROMIUM, MAP_IFRAME, Watch, is_rerun, map_frame, point_on_page, touch_swipe
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect, sync_playwright
from serving import running_app

from dashboard import style
from dashboard.core import paths
from dashboard.map import mapview, offline
from dashboard.places import boundaries

pytestmark = pytest.mark.browser

CONTROL_SENTENCE = (
    "Russian forces control most of the Donetsk and Luhansk regions but only parts of Zaporizhzhia and Kherson."
)
ARTIFACTS = paths.ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("browser-store")) as url:
        yield url


@pytest.fixture(scope="module")
def chromium():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield browser
        browser.close()


@pytest.fixture
def open_page(request, chromium, app_url):
    """Open the app (optionally at a query string and viewport); screenshot to test-artifacts/ on failure."""
    pages = []

    def _open(query: str = "", viewport=(1400, 1000), **context_options):
        context = chromium.new_context(viewport={"width": viewport[0], "height": viewport[1]}, **context_options)
        page = context.new_page()
        watch = Watch(allowed_host=urlsplit(app_url).netloc)
        watch.attach(page)
        pages.append(page)
        page.goto(app_url + "/" + query)
        return page, watch

    yield _open
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    for i, page in enumerate(pages):
        if failed:
            ARTIFACTS.mkdir(exist_ok=True)
            with_name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
            page.screenshot(path=str(ARTIFACTS / f"{with_name}-{i}.png"), full_page=True)
        page.context.close()


@pytest.fixture(scope="module")
def points():
    return boundaries.representative_points(boundaries.load_units("simplified"))


def panel(page):
    return page.locator("section.cm-panel")


def test_map_paints_all_units_offline_without_console_errors(open_page):
    page, watch = open_page()
    frame = map_frame(page)
    assert frame.evaluate("document.querySelectorAll('path.leaflet-interactive').length") >= 27
    # Control drawn as patterns, not colour alone: hatched units reference an SVG pattern that exists.
    assert frame.evaluate("document.querySelectorAll('svg pattern').length") >= 3
    assert (
        frame.evaluate("document.querySelectorAll('path[fill^=\"url(#cm-\"]').length") == 5
    )  # Donetsk, Luhansk, Zaporizhzhia, Kherson, Kharkiv
    page.get_by_text("Sources and licences").wait_for()
    assert watch.blocked == []
    assert watch.hosts == {urlsplit(page.url).netloc}
    assert watch.console_errors == []


def test_units_script_gives_the_browser_the_simplified_boundaries(open_page):
    """The few lines of JavaScript after Leaflet in map.js expand its compact data into exactly the simplified file."""
    page, _ = open_page()
    collection = map_frame(page).evaluate(f"() => window.{offline.UNITS_GLOBAL}")
    units = boundaries.load_units("simplified").set_index("iso_3166_2")
    assert sorted(f["properties"]["iso_3166_2"] for f in collection["features"]) == sorted(units.index)
    for f in collection["features"]:
        expected = units.loc[f["properties"]["iso_3166_2"]].geometry
        assert shapely.geometry.shape(f["geometry"]).equals_exact(expected, 1e-9)


def test_a_laptop_screen_shows_map_legend_and_article_without_scrolling(open_page):
    """At 1400×900 the title, the whole map, the claim colours' legend and the article all start in view."""
    page, _ = open_page(viewport=(1400, 900))
    frame = map_frame(page)
    page.get_by_text("Sources and licences").wait_for()
    assert frame.frame_element().bounding_box()["y"] + frame.frame_element().bounding_box()["height"] <= 900
    for row in page.locator("table.cm-legend tr").all()[:4]:  # the heading and the three claims a source states
        box = row.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 900, row.inner_text()
    assert page.locator("div.cm-article").bounding_box()["y"] < 900


TOOLTIP_BOX_JS = """() => {
  const t = document.querySelector('.leaflet-tooltip.cm-tooltip'), m = map.getContainer().getBoundingClientRect();
  if (!t || t.style.opacity === '0') return null;
  const r = t.getBoundingClientRect();
  return {text: t.innerText, inside: r.left >= m.left && r.right <= m.right && r.top >= m.top && r.bottom <= m.bottom};
}"""


@pytest.mark.parametrize("iso", ["UA-14", "UA-09", "UA-23", "UA-65", "UA-43", "UA-63", "UA-26"])
def test_each_units_tooltip_is_whole_inside_the_map(open_page, points, iso):
    """Hovering a unit shows its name and status in a box wholly on the map (long statuses wrap: the eastern
    units' tooltips, drawn left of the pointer, used to begin off the map, name and all)."""
    page, _ = open_page()
    frame = map_frame(page)
    name = boundaries.load_units("simplified").set_index("iso_3166_2").loc[iso, "name"]
    x, y = point_on_page(frame, *points[iso])
    page.mouse.move(x - 3, y - 3)
    page.mouse.move(x, y)
    box = frame.wait_for_function(TOOLTIP_BOX_JS).json_value()
    assert box["text"].splitlines()[0] == name
    assert box["inside"], box


def test_clicking_donetsk_shows_its_control_excerpt(open_page, points):
    page, watch = open_page()
    frame = map_frame(page)
    page.get_by_text("Sources and licences").wait_for()  # the page load's own run is over
    before = watch.reruns
    top = page.locator(MAP_IFRAME).bounding_box()["y"]
    x, y = point_on_page(frame, *points["UA-14"])
    page.mouse.click(x, y)
    expect_panel = panel(page).filter(has_text=CONTROL_SENTENCE)
    expect_panel.wait_for(timeout=30_000)
    assert panel(page).locator("h3").inner_text().startswith("Donetsk")
    page.wait_for_url(re.compile(r"region=UA-14"))
    # The same sentence is highlighted in the article text beside the map, and the unit is outlined on it.
    lit = page.locator("div.cm-article span.cm-s[data-u~='UA-14']", has_text="Russian forces control most")
    assert lit.count() == 1
    assert lit.evaluate("el => getComputedStyle(el).backgroundColor") == HIGHLIGHT_RGB  # visibly highlighted
    other = page.locator("div.cm-article span.cm-s[data-u~='UA-63']:not([data-u~='UA-14'])").first
    assert other.evaluate("el => getComputedStyle(el).backgroundColor") == "rgba(0, 0, 0, 0)"  # Kharkiv's: not lit
    wait_for_one_outline(frame)
    # The click was reported at once (dashboard/map/map_clicks.py); the component's own report, 250 ms later, must
    # not send it again. Absence is shown by waiting: 1.5 s is six times that debounce.
    with pytest.raises(PlaywrightError):
        watch.socket.wait_for_event("framesent", predicate=is_rerun, timeout=1500)
    assert watch.reruns == before + 1
    assert page.locator(MAP_IFRAME).bounding_box()["y"] == top  # beside the map, the panel needs no scrolling
    assert watch.blocked == [] and watch.console_errors == []


def test_a_click_does_not_send_the_map_again(open_page, points):
    """The map's arguments do not change with the selection, so the click's rerun sends Streamlit's reference to
    the map the page already has, not the map: the panel and the article change, the map and its outline follow."""
    page, watch = open_page()
    frame = map_frame(page)
    page.get_by_text("Sources and licences").wait_for()
    the_map = b"window[options.unitsGlobal]"  # in the map's script (map/js/units_layer.js), nowhere else
    assert any(the_map in m for m in watch.received)  # the page load carried it
    seen = len(watch.received)
    page.mouse.click(*point_on_page(frame, *points["UA-65"]))
    panel(page).locator("h3", has_text="Kherson").wait_for(timeout=30_000)
    wait_for_one_outline(frame)
    after = watch.received[seen:]
    assert after and not any(the_map in m for m in after)


def test_a_click_does_not_send_the_article_again(open_page, points):
    """The article's markup is the same whichever region is chosen (its sentences carry the units they name), so
    after the first click a click sends the panel and the highlight's one-line style, and Streamlit's reference to
    the article the page already has: the highlight moves, the article is not sent again."""
    page, watch = open_page()
    frame = map_frame(page)
    page.get_by_text("Sources and licences").wait_for()
    page.mouse.click(*point_on_page(frame, *points["UA-65"]))
    panel(page).locator("h3", has_text="Kherson").wait_for(timeout=30_000)
    article = page.locator("div.cm-article")
    marker = b'class="cm-mention"'  # in the article's markup only (the panel links no mention)
    assert any(marker in m for m in watch.received)
    seen = len(watch.received)
    page.mouse.click(*point_on_page(frame, *points["UA-14"]))
    panel(page).locator("h3", has_text="Donetsk").wait_for(timeout=30_000)
    lit = article.locator("span.cm-s[data-u~='UA-14']", has_text="Russian forces control most")
    expect(lit).to_have_css("background-color", HIGHLIGHT_RGB)  # the highlight moved to Donetsk's sentences
    after = watch.received[seen:]
    assert after and not any(marker in m for m in after)


def outlined(frame) -> list[str]:
    """The ``d`` of each non-interactive path drawn in the selection colour (the selection outline)."""
    return frame.evaluate(
        "colour => [...document.querySelectorAll('path:not(.leaflet-interactive)')]"
        ".filter(p => p.getAttribute('stroke') === colour).map(p => p.getAttribute('d'))",
        style.SELECTED_OUTLINE,
    )


def wait_for_one_outline(frame, other_than: str | None = None) -> str:
    """Wait until exactly one selection outline is drawn (a different one from ``other_than``); its ``d``."""
    frame.wait_for_function(
        "([colour, old]) => { const d = [...document.querySelectorAll('path:not(.leaflet-interactive)')]"
        ".filter(p => p.getAttribute('stroke') === colour).map(p => p.getAttribute('d'));"
        " return d.length === 1 && d[0] !== old; }",
        arg=[style.SELECTED_OUTLINE, other_than],
    )
    return outlined(frame)[0]


def test_the_outline_follows_the_selection(open_page, points):
    page, _ = open_page()
    frame = map_frame(page)
    assert outlined(frame) == []
    page.mouse.click(*point_on_page(frame, *points["UA-14"]))
    panel(page).locator("h3", has_text="Donetsk").wait_for(timeout=30_000)
    first = wait_for_one_outline(frame)
    page.mouse.click(*point_on_page(frame, *points["UA-63"]))
    panel(page).locator("h3", has_text="Kharkiv").wait_for(timeout=30_000)
    wait_for_one_outline(frame, other_than=first)
    assert len(outlined(frame)) == 1
    # The clicked path has focus, but no box is drawn around it (the outline is the selection mark).
    assert (
        frame.evaluate(
            "() => document.activeElement instanceof SVGElement ? getComputedStyle(document.activeElement).outlineStyle"
            " : 'none'"
        )
        == "none"
    )
    # Clearing the choice clears the outline (the panel naming a unit is gone).
    page.get_by_role("button", name="Clear value").click()
    page.get_by_text("Click a coloured region on the map").wait_for(timeout=30_000)
    frame.wait_for_function(
        "colour => ![...document.querySelectorAll('path:not(.leaflet-interactive)')]"
        ".some(p => p.getAttribute('stroke') === colour)",
        arg=style.SELECTED_OUTLINE,
    )
    page.wait_for_url(lambda url: "region" not in parse_qs(urlsplit(url).query))  # the link follows the rerun


def test_the_lists_show_what_a_map_click_chose_and_keep_the_sources(open_page, points):
    """A click on the map changes the region list's value and leaves the sources list as it was: a choice made in
    either list afterwards starts from what the map shows (it once started from an empty list)."""
    page, _ = open_page()
    frame = map_frame(page)
    page.mouse.click(*point_on_page(frame, *points["UA-14"]))
    panel(page).locator("h3", has_text="Donetsk").wait_for(timeout=30_000)
    box = page.get_by_role("combobox", name=re.compile("Region"))
    expect_value = "Donetsk · named in the article"
    page.wait_for_function("([el, v]) => el.value === v", arg=[box.element_handle(), expect_value])
    shown = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]')
    assert re.search(r"Shown on the map: 1 of \d+", shown.inner_text())
    assert shown.get_by_text(re.compile("^Kremlin Rules Out")).count() == 1  # the seed's chip is still there


def test_basemap_is_off_until_ticked_in_the_map_and_never_reruns(open_page):
    page, watch = open_page()
    frame = map_frame(page)
    page.get_by_text("Sources and licences").wait_for()
    assert watch.blocked == []  # no tile asked for at start
    before = watch.reruns
    frame.locator(".leaflet-control-layers").hover()  # the control opens on hover (or focus, or tap)
    with page.expect_request(lambda r: r.url.startswith("https://tile.openstreetmap.org/")):
        frame.get_by_label(mapview.BASEMAP_NAME).check()
    assert any(u.startswith("https://tile.openstreetmap.org/") for u in watch.blocked)  # offline here: refused
    with pytest.raises(PlaywrightError):
        watch.socket.wait_for_event("framesent", predicate=is_rerun, timeout=1500)
    assert watch.reruns == before
    assert frame.evaluate("document.querySelectorAll('path.leaflet-interactive').length") >= 27


def test_click_still_works_when_the_immediate_report_cannot_run(open_page, points):
    """If streamlit-folium stops exposing its component library, its own (debounced) report still selects."""
    page, watch = open_page()
    frame = map_frame(page)
    page.get_by_text("Sources and licences").wait_for()
    before = watch.reruns
    frame.evaluate("() => { window.Streamlit = undefined; }")
    page.mouse.click(*point_on_page(frame, *points["UA-63"]))
    panel(page).filter(has_text="Kharkiv").wait_for(timeout=30_000)
    assert panel(page).locator("h3").inner_text().startswith("Kharkiv")
    assert watch.reruns == before + 1
    assert watch.console_errors == []


@pytest.mark.parametrize(
    ("iso", "heading", "text"),
    [
        ("UA-09", "Luhansk", CONTROL_SENTENCE),
        ("UA-23", "Zaporizhzhia", CONTROL_SENTENCE),
        ("UA-65", "Kherson", CONTROL_SENTENCE),
        ("UA-43", "Crimea", "Crimean Peninsula"),
        ("UA-63", "Kharkiv", "Kharkiv"),
    ],
)
def test_clicking_each_named_region_shows_its_excerpts(open_page, points, iso, heading, text):
    page, _ = open_page()
    frame = map_frame(page)
    page.mouse.click(*point_on_page(frame, *points[iso]))
    panel(page).filter(has_text=text).wait_for(timeout=30_000)
    assert panel(page).locator("h3").inner_text().startswith(heading)


def test_panning_and_zooming_do_not_rerun_the_script(open_page, points):
    page, watch = open_page()
    frame = map_frame(page)
    page.get_by_text("Sources and licences").wait_for()
    before = watch.reruns
    start = frame.evaluate("() => [map.getCenter().lng, map.getZoom()]")
    x, y = point_on_page(frame, 49.5, 28.0)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 120, y + 60, steps=8)
    page.mouse.up()
    page.mouse.wheel(0, -300)
    frame.wait_for_function(  # the map did move and zoom
        "([lng, zoom]) => map.getZoom() > zoom && Math.abs(map.getCenter().lng - lng) > 0.5 && !map._animatingZoom",
        arg=start,
    )
    # Absence of an event can only be shown by waiting for it: 1.5 s is six times the component's 250 ms debounce.
    with pytest.raises(PlaywrightError):
        watch.socket.wait_for_event("framesent", predicate=is_rerun, timeout=1500)
    assert watch.reruns == before
    # Positive control: a click (on whichever unit is now at the centre) does request a rerun: the counter works.
    centre = frame.evaluate("() => [map.getCenter().lat, map.getCenter().lng]")
    page.mouse.click(*point_on_page(frame, *centre))
    panel(page).locator("h3").wait_for(timeout=30_000)
    assert watch.reruns == before + 1


def test_keyboard_choice_and_deep_link(open_page):
    page, _ = open_page("?region=UA-23")
    panel(page).locator("h3", has_text="Zaporizhzhia").wait_for(timeout=60_000)
    frame = map_frame(page)
    first = wait_for_one_outline(frame)  # the linked region is outlined on the map
    box = page.get_by_role("combobox", name=re.compile("Region"))
    assert box.input_value() == "Zaporizhzhia · named in the article"  # the list shows the linked choice
    # From the top of the page, Tab reaches the list within a few stops (before the map's 27 units), then type.
    page.locator("body").focus()
    for _ in range(12):
        page.keyboard.press("Tab")
        if box.evaluate("(el) => el === document.activeElement"):
            break
    else:
        raise AssertionError("Tab never reached the region list")
    page.keyboard.type("Luhansk")
    page.keyboard.press("Enter")
    panel(page).locator("h3", has_text="Luhansk").wait_for(timeout=30_000)
    assert box.input_value() == "Luhansk · named in the article"
    page.wait_for_url(re.compile(r"region=UA-09"))
    wait_for_one_outline(frame, other_than=first)


FOCUSED_UNIT_JS = "() => document.activeElement && document.activeElement.getAttribute('aria-label')"


def test_map_units_are_named_tab_stops_and_enter_chooses_one(open_page):
    """From the keyboard on the map itself: Tab reaches each unit, named (and its tooltip opens), Enter chooses it
    as a click does: one rerun, the panel, the link and the outline follow."""
    page, watch = open_page()
    frame = map_frame(page)
    page.get_by_text("Sources and licences").wait_for()
    frame.locator(".leaflet-container").focus()
    named = []
    for _ in range(40):
        page.keyboard.press("Tab")
        label = frame.evaluate(FOCUSED_UNIT_JS)
        if label:
            named.append(label)
        if label and label.startswith("Donetsk:"):
            break
    assert named and all(": " in label for label in named)  # every unit on the way has a name and a status
    assert named[-1] == "Donetsk: Annexation declared by Russia in 2022 · Russian forces control most of it"
    # Only the units the article names are tab stops (the region list reaches the rest): Luhansk, then Donetsk.
    assert named == ["Luhansk: Annexation declared by Russia in 2022 · Russian forces control most of it", named[-1]]
    assert frame.locator(".leaflet-tooltip.cm-tooltip", has_text="Donetsk").count() == 1
    # The focused unit is drawn with the selection-coloured outline (not the browser's box around its bounds).
    stroke = frame.evaluate(
        "() => [document.activeElement.getAttribute('stroke'), getComputedStyle(document.activeElement).outlineStyle]"
    )
    assert stroke == [style.SELECTED_OUTLINE, "none"]
    tab_stops = frame.evaluate(
        "() => [...document.querySelectorAll('path.leaflet-interactive[tabindex=\"0\"]')].length"
    )
    assert tab_stops == 7  # Donetsk, Luhansk, Zaporizhzhia, Kherson, Crimea, Sevastopol, Kharkiv
    before = watch.reruns
    page.keyboard.press("Enter")
    panel(page).filter(has_text=CONTROL_SENTENCE).wait_for(timeout=30_000)
    assert panel(page).locator("h3").inner_text().startswith("Donetsk")
    page.wait_for_url(re.compile(r"region=UA-14"))
    wait_for_one_outline(frame)
    with pytest.raises(PlaywrightError):  # and no second report 250 ms later (see the click test)
        watch.socket.wait_for_event("framesent", predicate=is_rerun, timeout=1500)
    assert watch.reruns == before + 1


def test_unknown_code_in_link_is_explained(open_page):
    page, watch = open_page("?region=UA-99")
    page.get_by_text("is not one of Ukraine's 27 first-level units").wait_for(timeout=60_000)
    map_frame(page)
    assert watch.console_errors == []


HIGHLIGHT_RGB = "rgb(255, 243, 176)"  # chrome.HIGHLIGHT_COLOUR, #fff3b0, as the browser computes it


SCROLL_BOX_JS = """(el) => { while (el && !(el.scrollHeight > el.clientHeight + 1 &&
                                          getComputedStyle(el).overflowY.match(/auto|scroll/))) el = el.parentElement;
                             return el; }"""


FIRST_MARK_IN_ITS_BOX_JS = (
    "() => { const scrollBox = " + SCROLL_BOX_JS + ";"
    " const mark = document.querySelector(\"div.cm-article span.cm-s[data-u~='UA-63']\"); if (!mark) return null;"
    " const box = scrollBox(mark), b = box.getBoundingClientRect(), m = mark.getBoundingClientRect();"
    " return {inside: m.top >= b.top && m.bottom <= b.bottom, scrollTop: box.scrollTop}; }"
)


def test_a_map_click_scrolls_the_articles_box_to_the_highlighted_sentence(open_page, points):
    page, _ = open_page()
    frame = map_frame(page)
    top = page.locator(MAP_IFRAME).bounding_box()["y"]
    page.mouse.click(*point_on_page(frame, *points["UA-63"]))  # Kharkiv: first named deep in the article
    panel(page).locator("h3", has_text="Kharkiv").wait_for(timeout=30_000)
    page.wait_for_function(f"() => ({FIRST_MARK_IN_ITS_BOX_JS})()?.inside === true")
    assert page.evaluate(FIRST_MARK_IN_ITS_BOX_JS)["scrollTop"] > 0  # the box moved to it; it was not in view
    assert page.locator(MAP_IFRAME).bounding_box()["y"] == top  # the page itself did not move
    # Beside the map, the panel scrolls within itself (Kharkiv's is taller than the screen), so the article
    # stays on the first screen and the reader sees the highlighted sentence without scrolling the page.
    first = page.locator("div.cm-article span.cm-s[data-u~='UA-63']").first
    assert first.evaluate("el => getComputedStyle(el).backgroundColor") == HIGHLIGHT_RGB
    mark = first.bounding_box()
    assert mark["y"] + mark["height"] <= 1000


def test_mention_in_article_selects_its_region_in_place(open_page):
    page, watch = open_page()
    frame = map_frame(page)
    link = page.locator("div.cm-article a.cm-mention", has_text="Kharkiv").first
    link.wait_for(timeout=60_000)
    page.evaluate("() => { window.__samePage = true; }")
    box = link.evaluate_handle(SCROLL_BOX_JS)  # the article's scroll box: the reader's place in the text
    link.scroll_into_view_if_needed()
    place = box.evaluate("(el) => el.scrollTop")
    assert place > 0
    before = watch.reruns
    link.click()
    panel(page).locator("h3", has_text="Kharkiv").wait_for(timeout=60_000)
    assert page.evaluate("() => window.__samePage === true")  # no page load: one rerun, as a map click
    assert watch.reruns == before + 1
    assert box.evaluate("(el) => el.scrollTop") == place
    page.wait_for_function("() => new URLSearchParams(location.search).get('region') === 'UA-63'")
    wait_for_one_outline(frame)  # the map outlines it too
    # No tooltip is left open over it (no pointer is there; Leaflet fades a closed one out over 200 ms).
    frame.wait_for_function("() => !document.querySelector('.leaflet-tooltip.cm-tooltip')", timeout=5_000)
    assert watch.console_errors == []


def test_mention_link_still_works_without_the_map(open_page):
    page, _ = open_page()
    frame = map_frame(page)
    frame.evaluate("() => { window.claimsMapChoose = undefined; }")
    page.evaluate("() => { window.__samePage = true; }")
    page.locator("div.cm-article a.cm-mention", has_text="Kharkiv").first.click()
    panel(page).locator("h3", has_text="Kharkiv").wait_for(timeout=60_000)
    assert parse_qs(urlsplit(page.url).query)["region"] == ["UA-63"]
    assert page.evaluate("() => window.__samePage") is None  # the link was followed: a new page


def test_on_a_phone_a_mention_brings_its_panel_into_view(open_page):
    page, _ = open_page(viewport=(390, 844))
    map_frame(page)
    link = page.locator("div.cm-article a.cm-mention", has_text="Kharkiv").first
    link.scroll_into_view_if_needed()
    link.click()
    heading = panel(page).locator("h3", has_text="Kharkiv")
    heading.wait_for(timeout=60_000)
    page.wait_for_function(
        "() => { const r = document.querySelector('section.cm-panel h3').getBoundingClientRect();"
        " return r.top >= 56 && r.bottom < innerHeight / 2; }"
    )


def test_a_tablet_beside_the_open_sidebar_stacks_map_and_text_at_full_width(open_page):
    """820 px wide with the sidebar open leaves ~500 px: side by side, the map was 260 px and the article 150 px
    (two words a line). Below 760 px of page the two columns stack (a container query on the page's width)."""
    page, _ = open_page(viewport=(820, 1180))
    frame = map_frame(page)
    assert page.locator("section[data-testid='stSidebar']").bounding_box()["width"] > 200  # the sidebar is open
    map_box = frame.frame_element().bounding_box()
    assert map_box["width"] > 450
    article = page.locator("div.cm-article").bounding_box()
    assert article["y"] > map_box["y"] + map_box["height"] and article["width"] > 400


def test_phone_width_stacks_and_stays_usable(open_page, points):
    page, watch = open_page(viewport=(390, 844))
    frame = map_frame(page)
    frame.frame_element().scroll_into_view_if_needed()
    map_box = frame.frame_element().bounding_box()
    assert map_box["width"] <= 390
    article = page.locator("div.cm-article")
    article.wait_for()
    assert article.bounding_box()["y"] > map_box["y"] + map_box["height"] - 1  # stacked below the map
    page.mouse.click(*point_on_page(frame, *points["UA-14"]))
    panel(page).filter(has_text=CONTROL_SENTENCE).wait_for(timeout=30_000)
    # Stacked below the map, the panel that answers the click is brought into view, its heading clear of
    # Streamlit's top bar.
    page.wait_for_function(
        "() => { const r = document.querySelector('section.cm-panel h3').getBoundingClientRect();"
        " return r.top >= 56 && r.bottom < innerHeight / 2; }"
    )
    assert watch.console_errors == []


def map_top_once_still(page) -> float:
    """The map iframe's top in the viewport, once the page has stopped scrolling (polled, not slept)."""
    page.wait_for_function(
        """(selector) => { const top = document.querySelector(selector).getBoundingClientRect().top;
                           const still = window.__mapTop === top; window.__mapTop = top; return still; }""",
        arg=MAP_IFRAME,
        polling=250,
    )
    return page.locator(MAP_IFRAME).bounding_box()["y"]


def test_on_a_phone_one_finger_scrolls_past_the_map_and_two_fingers_move_it(open_page, points):
    page, watch = open_page(viewport=(390, 844), is_mobile=True, has_touch=True, device_scale_factor=2)
    frame = map_frame(page)
    assert frame.evaluate("() => !map.dragging.enabled() && map.touchZoom.enabled()")
    frame.evaluate(  # record whether the hint is ever shown (it hides itself after 1.5 s)
        """() => { window.__hinted = false; const hint = document.querySelector('.cm-touch-hint');
                   new MutationObserver(() => { if (hint.classList.contains('cm-shown')) window.__hinted = true; })
                       .observe(hint, {attributes: true}); }"""
    )
    cdp = page.context.new_cdp_session(page)
    centre = "() => [map.getCenter().lat, map.getCenter().lng, map.getZoom()]"
    start, top = frame.evaluate(centre), map_top_once_still(page)
    box = page.locator(MAP_IFRAME).bounding_box()
    touch_swipe(cdp, box["x"] + box["width"] / 2, min(box["y"] + 260, 800), -220)  # one finger, on the map
    assert map_top_once_still(page) < top - 100  # the page scrolled
    assert frame.evaluate(centre) == start  # the map did not move
    assert frame.evaluate("() => window.__hinted")
    assert frame.locator(".cm-touch-hint").text_content() == "Use two fingers to move the map"

    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    top = map_top_once_still(page)
    box = page.locator(MAP_IFRAME).bounding_box()
    touch_swipe(cdp, box["x"] + box["width"] / 3, box["y"] + box["height"] / 2, -120, fingers=2)
    frame.wait_for_function("([lat]) => map.getCenter().lat < lat - 0.5", arg=start)  # the map moved
    assert map_top_once_still(page) == top  # the page did not

    x, y = point_on_page(frame, *points["UA-14"])
    page.touchscreen.tap(x, y)  # a tap still chooses a unit
    panel(page).filter(has_text=CONTROL_SENTENCE).wait_for(timeout=30_000)
    assert watch.console_errors == []


HOSTILE = """<h1>Shelling near Kharkiv <script>window.__xss = 1; alert('headline')</script></h1>
Officials said the Donetsk region <img src=x onerror="window.__xss = 2; alert('img')"> was hit again.
<a href="javascript:alert('link')">Zaporizhzhia</a> [click](javascript:alert('md')) ![p](http://evil.example/p.png)
<iframe src="http://evil.example/"></iframe><style>body{display:none}</style> :red[Kherson] $x$
"""


def test_uploaded_article_with_script_payloads_executes_nothing(open_page, tmp_path):
    page, watch = open_page()
    map_frame(page)
    upload = tmp_path / "hostile.txt"
    upload.write_text(HOSTILE, encoding="utf-8")
    sidebar = page.locator("section[data-testid='stSidebar']")
    sidebar.get_by_role("button", name="Add or manage sources…").click()
    dialog = page.get_by_role("dialog")
    dialog.locator("input[type='file']").set_input_files(str(upload))
    dialog.get_by_text("hostile.txt").wait_for()  # uploaded
    dialog.get_by_label("Title (blank: the first line)").fill("<b>Hostile</b> <script>alert('title')</script>")
    dialog.get_by_role("button", name="Add source").click()
    sidebar.get_by_text("put it on the map").wait_for(timeout=60_000)
    # The new source's regions appear on the map and in its article tab, its text shown as text.
    page.get_by_role("tab", name=re.compile("Hostile")).click()
    hostile = page.locator("div.cm-article", has_text="Officials said")
    hostile.locator("a.cm-mention", has_text="Donetsk").wait_for(timeout=30_000)
    assert page.get_by_text("<script>window.__xss = 1;", exact=False).count() >= 1
    assert page.evaluate("() => window.__xss === undefined")
    assert page.locator("div.cm-article img, div.cm-article iframe, div.cm-article script").count() == 0
    assert page.locator("div.cm-article a[href^='javascript']").count() == 0
    frame = map_frame(page)
    assert frame.evaluate("() => window.__xss === undefined")
    assert watch.dialogs == []
    assert watch.blocked == [], watch.blocked
    assert page.evaluate("() => getComputedStyle(document.body).display") != "none"  # the <style> did not apply


@pytest.mark.parametrize(
    ("label", "magic"),
    [
        ("PNG image", b"\x89PNG"),
        ("SVG image", b"<?xml"),
        ("PDF", b"%PDF-"),
        ("GeoJSON data", b'{"type":"FeatureCollection"'),
        ("CSV data", b"unit,name,region,claim,control,origin,roles,source,start,end,text,cue,attributed_to"),
    ],
)
def test_download_buttons_give_the_current_view(open_page, tmp_path, label, magic):
    page, watch = open_page("?region=UA-14")
    panel(page).locator("h3", has_text="Donetsk").wait_for(timeout=60_000)
    page.get_by_role("button", name=re.compile("Download the map or its data")).click()
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=label).click()
    download = info.value
    fmt = label.split()[0].lower()
    # Only the images emphasise the region, so only their names carry its code.
    expected = f"-UA-14.{fmt}" if fmt in ("png", "svg", "pdf") else f"-ukrainian.{fmt}"
    assert download.suggested_filename.endswith(expected)
    assert re.fullmatch(r"[a-z0-9-]+(-UA-14)?\.[a-z]+", download.suggested_filename)
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    data = path.read_bytes()
    assert data.startswith(magic)
    if magic == b"\x89PNG":
        from PIL import Image

        with Image.open(path) as image:
            assert image.size == (1200, 675)
    elif magic == b"<?xml":
        assert b"Emphasised: Donetsk" in data and b"The Moscow Times" in data
    elif label == "GeoJSON data":
        assert data.count(b'"type":"Feature"') == 7  # every unit the source names, as the command line writes
    assert watch.blocked == [] and watch.console_errors == []


WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
# The map's iframe carries folium's <meta name="viewport" ... user-scalable=no>; browsers apply a viewport only to
# the top-level page (whose own allows zooming), so in the iframe that rule does not apply.
WCAG_AA_IN_MAP = {**WCAG_AA, "rules": {"meta-viewport": {"enabled": False}}}


def wcag_violations(where, options) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations in a page or frame, one readable line per failing element."""
    found = Axe().run(where, options={**options, "resultTypes": ["violations"]}).response["violations"]
    return [f"{v['id']} ({v['impact']}): {n['html'][:120]}" for v in found for n in v["nodes"]]


@pytest.mark.parametrize("query", ["", "?region=UA-14"])
def test_page_map_popover_and_dialog_meet_wcag_aa(open_page, query):
    """axe-core finds no WCAG 2.1 A/AA violation: on the page (with and without a region chosen), in the map, in
    the downloads popover and in the sources dialog (labels, names, contrast of every grey caption and hint)."""
    page, _ = open_page(query, viewport=(1400, 2400))  # tall: the whole page is in view, so all of it is checked
    frame = map_frame(page)
    page.get_by_text("Sources and licences").wait_for()
    assert wcag_violations(page, WCAG_AA) == []
    assert wcag_violations(frame, WCAG_AA_IN_MAP) == []
    page.get_by_text("Download the map or its data").click()
    page.get_by_role("button", name="PNG image").wait_for()
    assert wcag_violations(page, WCAG_AA) == []
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Add or manage sources…").click()
    page.get_by_role("dialog").get_by_text("Add a source").wait_for()
    assert wcag_violations(page, WCAG_AA) == []


def test_a_file_over_the_limit_is_refused_before_it_is_sent(open_page, tmp_path):
    """The uploader itself refuses a 2.5 MB file at once (on a slow link, before minutes of upload), saying why."""
    page, _ = open_page()
    map_frame(page)
    big = tmp_path / "big.txt"
    big.write_text(("word " * 19 + "word\n") * 25_000, encoding="utf-8")
    assert big.stat().st_size == 2_500_000
    page.get_by_role("button", name="Add or manage sources…").click()
    dialog = page.get_by_role("dialog")
    dialog.locator("input[type='file']").set_input_files(str(big))
    dialog.get_by_text("File must be 2.0MB or smaller").wait_for()
    assert dialog.get_by_text("A file or a paste may hold 2 MB (2,000,000 bytes) at most").count() == 1


def test_sources_dialog_answers_beside_its_buttons_and_asks_before_deleting(open_page):
    page, _ = open_page(viewport=(1280, 720))
    map_frame(page)
    sidebar = page.locator("section[data-testid='stSidebar']")
    sidebar.get_by_role("button", name="Add or manage sources…").click()
    dialog = page.get_by_role("dialog")
    paste = dialog.get_by_label("…or paste the article's text")
    paste.fill("   ")
    dialog.get_by_role("button", name="Add source").click()
    message = dialog.get_by_text("Nothing to add")
    message.wait_for(timeout=30_000)
    box = message.bounding_box()  # where the reader is looking, not scrolled away at the dialog's top
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 720
    tag = uuid.uuid4().hex[:6]
    titles = [f"Shelling near Sumy {tag}", f"Drones over Poltava {tag}"]
    for title in titles:
        if not dialog.is_visible():
            sidebar.get_by_role("button", name="Add or manage sources…").click()
        dialog.get_by_label("…or paste the article's text").fill(
            f"{title}\n\nShelling hit the region, officials said.\n"
        )
        dialog.get_by_role("button", name="Add source").click()
        sidebar.get_by_text(f"Added “{title}”").wait_for(timeout=60_000)

    def choose(title):
        dialog.get_by_role("combobox", name="Source to delete").click()
        page.keyboard.type(title)
        page.keyboard.press("Enter")
        expect(dialog.get_by_role("combobox", name="Source to delete")).to_have_value(title)

    sidebar.get_by_role("button", name="Add or manage sources…").click()
    delete = dialog.get_by_role("button", name="Delete it")
    choose(titles[0])
    expect(delete).to_be_disabled()  # a deletion cannot be undone: the reader confirms first
    dialog.get_by_text("Yes, delete it").click()
    expect(delete).to_be_enabled()
    choose(titles[1])
    expect(delete).to_be_disabled()  # the tick confirmed the other source only
    dialog.get_by_text("Yes, delete it").click()
    delete.click()
    sidebar.get_by_text(f"Deleted “{titles[1]}”").wait_for(timeout=60_000)
    shown = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]')
    assert shown.get_by_text(titles[1]).count() == 0 and shown.get_by_text(titles[0]).count() == 1


def test_an_editor_reviews_a_suggestion_and_every_reader_sees_it_reviewed(open_page, tmp_path):
    page, watch = open_page(viewport=(1400, 1000))
    map_frame(page)
    tag = uuid.uuid4().hex[:6]
    title = f"Kherson front {tag}"
    sentence = "Russian troops are holding roughly a third of the Kherson region, officials said."
    sidebar = page.locator("section[data-testid='stSidebar']")
    sidebar.get_by_role("button", name="Add or manage sources…").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("…or paste the article's text").fill(f"{title}\n\n{sentence} Shelling went on.\n")
    dialog.get_by_label("Published (YYYY-MM-DD)").first.fill("2026-11-30")  # later than the seed: its review shown
    dialog.get_by_role("button", name="Add source").click()
    sidebar.get_by_text(f"Added “{title}”").wait_for(timeout=60_000)
    region = page.get_by_role("combobox", name=re.compile("Region"))
    region.click()
    page.keyboard.type("Kherson")
    page.keyboard.press("Enter")
    panel(page).locator("h3", has_text="Kherson").wait_for(timeout=30_000)
    page.get_by_text(f"Review Kherson in “{title}”").click()
    control = page.get_by_role("combobox", name=re.compile(r"^Control"))
    if control.input_value() != "Russia occupies part of it":  # the suggestion may already be it: accept it then
        control.click()
        page.keyboard.type("Russia occupies part")
        page.get_by_role("option", name="Russia occupies part of it").wait_for()
        page.keyboard.press("Enter")
    expect(control).to_have_value("Russia occupies part of it")
    spans = page.locator("[data-testid='stMultiSelect']", has_text="Sentence(s) that state the control")
    if spans.get_by_text(sentence[:40]).count() == 0:  # not the suggestion's sentence already: pick it
        spans.get_by_role("combobox").click()
        page.keyboard.type("roughly a third")
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")
        spans.get_by_text(sentence[:40]).wait_for()
    page.get_by_label("Your name (optional)").fill("Desk editor")
    page.get_by_role("button", name="Save review").click()
    page.get_by_text("Review saved").wait_for(timeout=60_000)
    link = page.url
    assert "region=UA-65" in link and "sources=" in link

    def check(reader) -> None:
        text = panel(reader).inner_text()
        assert "Russia occupies part of it" in text and "Reviewed by Desk editor" in text, text
        frame = map_frame(reader)
        label = frame.locator("path.leaflet-interactive[aria-label^='Kherson:']").first.get_attribute("aria-label")
        assert "Russia occupies part of it" in label and "suggested" not in label, label

    page.reload()
    panel(page).locator("h3", has_text="Kherson").wait_for(timeout=60_000)
    check(page)
    page.get_by_role("button", name=re.compile("Download the map or its data")).click()
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="GeoJSON data").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    kherson = next(f for f in data["features"] if f["id"] == "UA-65")
    controls = {(s["source"], s["value"], s["origin"]) for s in kherson["properties"]["statements"]}
    assert any(value == "part" and origin == "reviewed" for _, value, origin in controls), controls
    other, _ = open_page(link.split("/", 3)[-1] if link.count("/") >= 3 else "", viewport=(1400, 1000))
    panel(other).locator("h3", has_text="Kherson").wait_for(timeout=60_000)
    check(other)  # a second browser session sees the review too
    assert watch.blocked == [], watch.blocked


def test_the_map_as_of_a_date_follows_the_slider_from_the_keyboard(open_page):
    page, watch = open_page(viewport=(1400, 1000))
    map_frame(page)
    tag = uuid.uuid4().hex[:6]
    articles = [
        ("2022-09-30", "Russian forces control most of the Kherson region, officials said."),
        ("2022-11-12", "Russian forces have withdrawn from the entire Kherson region, Ukraine said."),
        ("2023-06-01", "Russian forces control parts of the Kherson region, officials said."),
    ]
    sidebar = page.locator("section[data-testid='stSidebar']")
    dialog = page.get_by_role("dialog")
    for date, sentence in articles:
        title = f"Kherson {date} {tag}"
        sidebar.get_by_role("button", name="Add or manage sources…").click()
        dialog.get_by_label("…or paste the article's text").fill(f"{title}\n\n{sentence}\n")
        dialog.get_by_label("Published (YYYY-MM-DD)").first.fill(date)
        dialog.get_by_role("button", name="Add source").click()
        sidebar.get_by_text(f"Added “{title}”").wait_for(timeout=60_000)
    ids = [s for s in parse_qs(urlsplit(page.url).query)["sources"] if s != "seed"]
    assert len(ids) == 3
    page.goto(page.url.split("?")[0] + "?region=UA-65&" + "&".join(f"sources={i}" for i in ids))
    panel(page).locator("h3", has_text="Kherson").wait_for(timeout=60_000)

    def kherson_status() -> str:
        frame = map_frame(page)
        return frame.locator("path.leaflet-interactive[aria-label^='Kherson:']").first.get_attribute("aria-label")

    assert "Russian forces control parts of it" in kherson_status()  # all sources: the latest statement
    slider = page.get_by_role("slider", name=re.compile("As of"))
    slider.focus()
    expected = [
        ("2023-06-01", "Russian forces control parts of it"),
        ("2022-11-12", "Russian forces hold none of it"),
        ("2022-09-30", "Russian forces control most of it"),
    ]
    for date, label in expected:
        page.keyboard.press("ArrowLeft")
        page.wait_for_url(re.compile(f"asof={date}"), timeout=60_000)
        day = dt.date.fromisoformat(date)
        page.get_by_text(f"As of {day.day} {day:%B %Y}, according to").wait_for(timeout=60_000)
        expect(map_frame(page).locator("path.leaflet-interactive[aria-label^='Kherson:']").first).to_have_attribute(
            "aria-label", re.compile(re.escape(label)), timeout=60_000
        )
    assert "Russian forces control most of it" in panel(page).inner_text()
    assert "2 source(s) dated after it are not counted." in page.locator(".cm-asof").inner_text()
    assert watch.blocked == [] and watch.console_errors == []


LABELS_AT_POINTS_JS = """(expected) => {
  const labels = [...document.querySelectorAll('.cm-label span')], box = map.getContainer().getBoundingClientRect();
  if (labels.length !== expected.length) return false;
  return expected.every(([name, lat, lng]) => {
    const label = labels.find(l => l.textContent === name);
    if (!label) return false;
    const r = label.getBoundingClientRect(), p = map.latLngToContainerPoint([lat, lng]);
    return Math.abs(r.left + r.width / 2 - box.left - p.x) <= 3 && Math.abs(r.top + r.height / 2 - box.top - p.y) <= 3;
  });
}"""


def test_the_named_units_labels_sit_on_their_units_and_a_click_on_one_chooses_it(open_page, points):
    """Short labels for the units the source names, each at its point inside the unit once the map is sized (they
    were drawn where the unsized map put them); a label catches no click: clicking it chooses its unit."""
    page, _ = open_page()
    frame = map_frame(page)
    units = boundaries.load_units("simplified").set_index("iso_3166_2")
    named = ("UA-14", "UA-09", "UA-23", "UA-65", "UA-43", "UA-40", "UA-63")
    expected = [[units.loc[iso, "name"], *points[iso]] for iso in named]
    frame.wait_for_function(LABELS_AT_POINTS_JS, arg=expected, timeout=30_000)
    donetsk = frame.locator(".cm-label span", has_text=re.compile(r"^Donetsk$")).bounding_box()
    page.mouse.click(donetsk["x"] + donetsk["width"] / 2, donetsk["y"] + donetsk["height"] / 2)
    panel(page).locator("h3", has_text="Donetsk").wait_for(timeout=30_000)
