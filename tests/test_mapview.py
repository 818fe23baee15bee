"""The interactive map: local assets only, features keyed by ISO code, patterns for control, inert tooltips."""

from __future__ import annotations

import gzip
import json
import re
import shutil

import folium
import pytest
import shapely.geometry
from jinja2.utils import htmlsafe_json_dumps

from dashboard import style
from dashboard.claims import selection
from dashboard.claims.vocab import CLAIMS, CONTROLS
from dashboard.core.errors import DataError
from dashboard.map import (
    dom,
    hatches,
    map_clicks,
    mapview,
    mention_links,
    offline,
    panel_reveal,
    scripts,
    touch_gestures,
)
from dashboard.places import boundaries, topology
from dashboard.sources.model import SourceMeta
from dashboard.sources.reader import build_article
from dashboard.sources.stored import seed_source
from dashboard.web import chrome

SEED_UNITS = {"UA-14", "UA-09", "UA-23", "UA-65", "UA-43", "UA-40", "UA-63"}
CDN_WORDS = ("cdn", "jsdelivr", "unpkg", "cloudflare", "bootstrap", "font-awesome", "fontawesome", "jquery")
HOSTILE_NAME = "<b>x</b></script><script>alert(1)</script>"


@pytest.fixture(scope="module")
def page(curated):
    return selection.page_view([seed_source().article()], curated)


@pytest.fixture(scope="module")
def frame(page):
    return page.frame


@pytest.fixture(scope="module")
def rendered(frame):
    return mapview.build_map(frame).get_root().render()


def pattern_ids() -> list[str]:
    return re.findall(r'<pattern id="([^"]+)"', "".join(style.all_patterns()))


# -- offline -----------------------------------------------------------------------------------------------------


def test_the_map_links_nothing_outside_the_app(frame):
    m = mapview.build_map(frame)
    assert offline.external_links(m) == []
    assert len(m.default_js) == 1  # one script: streamlit-folium loads scripts one after another
    assert m.default_js[0][0] == "leaflet_and_units"
    assert re.fullmatch(r"/app/static/generated/map\.js\?v=[0-9a-f]{12}", m.default_js[0][1])
    assert m.default_css == [("leaflet_css", "/app/static/leaflet/leaflet.css")]


def test_basemap_is_an_overlay_that_starts_off(frame):
    m = mapview.build_map(frame)
    tiles = [c for c in m._children.values() if isinstance(c, folium.TileLayer)]
    assert len(tiles) == 1
    assert tiles[0].overlay is True and tiles[0].show is False and tiles[0].control is True
    assert tiles[0].layer_name == mapview.BASEMAP_NAME
    assert tiles[0].tiles.startswith("https://tile.openstreetmap.org/")
    assert tiles[0].options["attribution"] == mapview.OSM_ATTRIBUTION
    assert [c for c in m._children.values() if isinstance(c, folium.LayerControl)]
    assert offline.external_links(m) == []  # tiles are images, not scripts or styles


def test_rendered_map_asks_no_cdn(rendered):
    lowered = rendered.lower()
    for word in CDN_WORDS:
        assert word not in lowered, word
    assert "/app/static/leaflet/leaflet.css" in rendered
    scripts = re.findall(r"<script[^>]*\bsrc=[\"']([^\"']+)", rendered, flags=re.IGNORECASE)
    styles = re.findall(r"<link[^>]*\bhref=[\"']([^\"']+)", rendered, flags=re.IGNORECASE)
    assert len(scripts) == 1 and scripts[0].startswith("/app/static/generated/map.js?v=")
    assert styles == ["/app/static/leaflet/leaflet.css"]
    # The basemap is defined but never added at start (the browser test shows no tile is requested).
    tile_var = re.search(r"var (tile_layer_\w+) = L\.tileLayer\(", rendered).group(1)
    assert f"{tile_var}.addTo(" not in rendered


# -- features ----------------------------------------------------------------------------------------------------


def units_in_browser() -> dict:
    """The boundary data the browser loads (in ``map.js``), expanded as its script does (checked in Chromium by
    ``test_browser.py::test_units_script_gives_the_browser_the_simplified_boundaries``)."""
    script = offline.MAP_JS.read_text(encoding="utf-8")
    assert f"window.{offline.UNITS_GLOBAL} = " in script
    return topology.decode_payload(offline.units_payload_of_script(script))


def test_units_script_is_compact_and_lossless():
    arcs, units = payload = topology.units_payload()
    assert all(isinstance(a, str) for a in arcs)
    assert all(isinstance(v, int) for _, _, polygons in units for rings in polygons for r in rings for v in r)
    script = offline.units_script()
    script = script[script.index(f"window.{offline.UNITS_GLOBAL} = ") :]  # the units (the neighbours come first)
    plain = json.dumps(topology.decode_payload(payload), separators=(",", ":"))
    assert len(script) < 0.25 * len(plain)
    assert len(gzip.compress(script.encode())) < 0.5 * len(gzip.compress(plain.encode()))
    with pytest.raises(ValueError, match="'1000'"):
        offline.units_payload_of_script(script.replace(f"}})({topology.SCALE},", "})(1000,"))


def test_unit_properties_cover_every_unit(frame):
    props = mapview.unit_properties(frame)
    assert len(props) == 27
    for iso, p in props.items():
        assert re.fullmatch(r"UA-\d\d", iso)
        assert set(p) == {"name", "status", "named", "style"}
    json.dumps(props)  # plain data


def test_browser_geometry_has_every_unit_with_its_iso_code_only(frame):
    mapview.build_map(frame)  # writes map.js if missing
    collection = units_in_browser()
    assert collection["type"] == "FeatureCollection"
    isos = [f["properties"]["iso_3166_2"] for f in collection["features"]]
    assert sorted(isos) == sorted(frame["iso_3166_2"])
    for f in collection["features"]:
        assert set(f["properties"]) == {"iso_3166_2"}  # names and statuses travel with the page
        assert f["geometry"]["type"] in ("Polygon", "MultiPolygon")


def test_browser_geometry_is_the_simplified_boundary_file(frame):
    from dashboard.places import boundaries

    url = offline.ensure_map_js(target=offline.MAP_JS)
    assert url.startswith("/app/static/generated/map.js?v=")
    collection = units_in_browser()
    units = boundaries.load_units("simplified").set_index("iso_3166_2")
    for f in collection["features"]:
        expected = units.loc[f["properties"]["iso_3166_2"]].geometry
        assert shapely.geometry.shape(f["geometry"]).equals_exact(expected, 1e-9)  # every vertex, exactly


def test_browser_geometry_is_rewritten_when_stale(tmp_path, monkeypatch):
    shutil.copytree(offline.paths.STATIC_DIR / "leaflet", tmp_path / "leaflet")
    monkeypatch.setattr(offline.paths, "STATIC_DIR", tmp_path)
    target = tmp_path / "generated" / "map.js"
    first = offline.ensure_map_js(target=target)
    target.write_text("window.claimsMapUnits = {};\n", encoding="utf-8")
    assert offline.ensure_map_js(target=target) == first
    assert target.read_text(encoding="utf-8") == offline.map_script()


def test_map_script_is_the_declared_leaflet_then_the_units():
    script = offline.map_script()
    leaflet = (offline.paths.STATIC_DIR / "leaflet" / "leaflet.js").read_text(encoding="utf-8")
    assert script.startswith("/* @preserve\n * Leaflet 1.9.3")  # licence banner kept
    assert script.startswith(leaflet.removesuffix("\n").removesuffix("//# sourceMappingURL=leaflet.js.map"))
    assert "sourceMappingURL" not in script  # no request for a map file that is not served
    assert script.endswith(offline.units_script())


def test_map_script_refuses_a_leaflet_that_is_not_the_declared_one(tmp_path, monkeypatch):
    fake = tmp_path / "leaflet" / "leaflet.js"
    fake.parent.mkdir()
    fake.write_text("window.L = {};\n", encoding="utf-8")
    monkeypatch.setattr(offline.paths, "STATIC_DIR", tmp_path)
    with pytest.raises(DataError, match="not the Leaflet file declared"):
        offline.ensure_map_js(target=tmp_path / "generated" / "map.js")


def test_coordinates_are_longitude_latitude_in_ukraine(frame):
    mapview.build_map(frame)
    for f in units_in_browser()["features"]:
        west, south, east, north = shapely.geometry.shape(f["geometry"]).bounds
        iso = f["properties"]["iso_3166_2"]
        assert west > 21.5 and east < 41, iso
        assert south > 44 and north < 53, iso


def test_fill_is_a_pattern_for_hatched_named_units_and_neutral_otherwise(frame):
    ids = set(pattern_ids())
    by_iso = {iso: p["style"] for iso, p in mapview.unit_properties(frame).items()}
    for iso, st in by_iso.items():
        fill = st["fillColor"]
        if iso in SEED_UNITS and iso not in ("UA-43", "UA-40"):
            match = re.fullmatch(r"url\(#(cm-[a-z0-9-]+)\)", fill)
            assert match, (iso, fill)
            assert match.group(1) in ids
            assert st["weight"] == 1.6 and st["fillOpacity"] == 0.9
        elif iso in ("UA-43", "UA-40"):  # Crimea: control not stated, the claim colour alone
            assert fill == style.CLAIM_COLOURS["annexed-2014"]
        else:
            assert fill == style.CLAIM_COLOURS[style.NOT_NAMED]
            assert st["weight"] == 0.8 and st["fillOpacity"] == 0.55
        assert st["color"] == style.OUTLINE
    assert by_iso["UA-14"]["fillColor"] == "url(#cm-annexation-declared-2022-most)"
    assert by_iso["UA-23"]["fillColor"] == "url(#cm-annexation-declared-2022-parts)"
    assert by_iso["UA-63"]["fillColor"] == "url(#cm-not-stated-part)"


def test_status_is_carried_as_text(frame):
    props = mapview.unit_properties(frame)
    assert props["UA-14"]["status"] == "Annexation declared by Russia in 2022 · Russian forces control most of it"
    assert props["UA-46"]["status"] == "Not named in the source"


def test_a_named_unit_whose_claim_the_source_does_not_state_gets_the_named_only_colour(curated):
    article = build_article(
        "store:kyiv-000000000001",
        "Drones over Kyiv\n\nDrones struck the Kyiv region overnight.\n",
        SourceMeta(title="Drones over Kyiv", publisher=""),
    )
    frame = selection.page_view([article], curated).frame
    by_iso = mapview.unit_properties(frame)
    named = [iso for iso, named in zip(frame["iso_3166_2"], frame["named"], strict=True) if named]
    assert named
    for iso in named:
        assert by_iso[iso]["style"]["fillColor"] == style.NAMED_ONLY_COLOUR
        assert by_iso[iso]["status"] == "Claim not stated in the source · Control not stated in the source"
        assert "dashArray" not in by_iso[iso]["style"]  # nothing suggested: not drawn as a suggestion


def test_feature_style():
    assert style.path_style(None, None, False)["fillColor"] == style.CLAIM_COLOURS[style.NOT_NAMED]
    assert style.path_style("annexed-2014", "most", False)["fillColor"] == style.CLAIM_COLOURS[style.NOT_NAMED]
    assert style.path_style("annexed-2014", "most", True)["fillColor"] == "url(#cm-annexed-2014-most)"
    assert style.path_style(None, "part", True)["fillColor"] == "url(#cm-named-part)"
    assert style.path_style("none", "not-stated", True)["fillColor"] == style.CLAIM_COLOURS["none"]


# -- tooltips ----------------------------------------------------------------------------------------------------


def test_tooltip_uses_text_content_never_inner_html(rendered):
    start = rendered.index("function label(p)")
    code = rendered[start : rendered.index(".addTo(", start)]
    assert "textContent" in code
    assert "innerHTML" not in code and "outerHTML" not in code and "insertAdjacentHTML" not in code
    assert "document.write" not in code
    assert "bindTooltip(function" in code  # built per feature, not a template string
    assert "name.textContent = p.name" in code and "status.textContent = p.status" in code


def test_inner_html_only_for_the_patterns(rendered):
    """The page's only innerHTML is the SVG patterns, whose markup comes from style constants, never data."""
    assert rendered.count("innerHTML") == 1
    assert "defs.innerHTML = options.markup;" in scripts.source("hatch_patterns")
    assert hatches.HatchPatterns().options == {"markup": "".join(style.all_patterns())}


def test_a_name_with_markup_is_carried_as_json_data(frame):
    hostile = frame.copy()
    hostile.loc[hostile["iso_3166_2"] == "UA-46", "name"] = HOSTILE_NAME
    assert mapview.unit_properties(hostile)["UA-46"]["name"] == HOSTILE_NAME
    out = mapview.build_map(hostile).get_root().render()
    assert "<b>x</b>" not in out
    assert "alert(1)</script>" not in out
    assert out.count("</script>") == out.count("<script")  # nothing closed a script early
    literal = re.search(r'"name": ?("(?:[^"\\]|\\.)*?alert(?:[^"\\]|\\.)*")', out)
    assert literal
    assert json.loads(literal.group(1)) == HOSTILE_NAME  # "<" travels as \u003c


# -- selection and clicks ----------------------------------------------------------------------------------------


def test_the_map_outlines_the_unit_the_page_names_from_the_browsers_geometry(frame, rendered):
    """The outline is drawn in the browser from the region panel's attribute, not sent with the map."""
    m = mapview.build_map(frame)
    outlines = [c for c in m._children.values() if isinstance(c, mapview.SelectionOutline)]
    assert len(outlines) == 1
    outline = outlines[0]
    assert outline.style == {"fill": False, "color": style.SELECTED_OUTLINE, "weight": 4, "interactive": False}
    script = outline._template.module.script(outline)
    assert outline.options["attribute"] == dom.SELECTED_ATTRIBUTE  # what it reads on the page
    assert outline.options["unitsGlobal"] == offline.UNITS_GLOBAL  # what it draws from
    assert "window[options.unitsGlobal]" in script and htmlsafe_json_dumps(outline.options, sort_keys=True) in script
    assert "coordinates" not in script
    assert script.replace(m.get_name(), "") in m.get_root().render().replace(m.get_name(), "")
    assert rendered.count("layer = L.geoJSON(") == 1  # one outline, in the page's map


def _without_element_ids(out: str) -> str:
    """``out`` with folium's random element ids (``map_<32 hex digits>``) made equal."""
    return re.sub(r"_[0-9a-f]{32}", "_id", out)


def test_the_map_is_built_the_same_on_every_run(frame):
    """Nothing in the map depends on the selection or the run, so streamlit-folium's arguments do not change with a
    click and Streamlit sends the map once per session (later runs send a reference to it)."""
    first, again = (_without_element_ids(mapview.build_map(frame).get_root().render()) for _ in range(2))
    assert first == again


def test_streamlit_folium_sends_the_same_map_without_the_figures_render(frame):
    """The app passes ``render=False``: st_folium then renders the map once instead of twice (~3 ms of each run).
    What it sends (the map's html, header and script) must be what a full render gives."""
    from streamlit_folium import _get_header, _get_html, _get_map_string

    def sent(render_figure: bool) -> list[str]:
        m = mapview.build_map(frame)
        if render_figure:
            m.get_root().render()
        m.render()  # what st_folium does in either case
        return [_without_element_ids(part) for part in (_get_html(m), _get_header(m), _get_map_string(m))]

    once = sent(False)
    assert once == sent(True)
    assert "L.map(" in once[2]


def test_the_map_component_built_once_is_what_st_folium_passes_to_its_component(frame, monkeypatch):
    """The app builds the map's component arguments once per page view (``component.map_component``, run by
    st_folium's own code) and shows them on every run: they must be exactly st_folium's, ``on_change`` aside."""
    import streamlit_folium

    from dashboard.map import component

    options = {"key": "map", "height": 520, "use_container_width": True, "render": False}
    options["returned_objects"] = mapview.RETURNED_OBJECTS
    passed = {}
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kwargs: passed.update(kwargs))
    streamlit_folium.st_folium(mapview.build_map(frame), **options)
    passed.pop("on_change")
    built = component.map_component(mapview.build_map(frame), **options)
    assert dict(built.args) == passed
    assert built.state_key == passed["key"] != "map"  # streamlit-folium's own key, derived from the script
    assert "L.map(" in built.args["script"]


@pytest.mark.parametrize(
    "value",
    [
        None,
        {},
        [],
        "UA-14",
        {"last_active_drawing": None},
        {"last_active_drawing": "UA-14"},
        {"last_active_drawing": {}},
        {"last_active_drawing": {"properties": None}},
        {"last_active_drawing": {"properties": ["UA-14"]}},
        {"last_active_drawing": {"properties": {"iso_3166_2": 14}}},
        {"last_active_drawing": {"properties": {"iso_3166_2": None}}},
        {"last_active_drawing": {"properties": {}}},
        {"last_object_clicked": {"lat": 48.0, "lng": 37.8}},
    ],
)
def test_clicked_unit_ignores_anything_malformed(value):
    assert mapview.clicked_unit(value) is None


def test_clicked_unit_reads_the_iso_code():
    value = {"last_active_drawing": {"type": "Feature", "properties": {"iso_3166_2": "UA-14", "name": "Donetsk"}}}
    assert mapview.clicked_unit(value) == "UA-14"
    assert mapview.clicked_unit({"last_active_drawing": {"properties": {"iso_3166_2": "UA-63"}}}) == "UA-63"


# -- hatches -----------------------------------------------------------------------------------------------------


def test_pattern_ids_are_unique():
    ids = pattern_ids()
    assert ids
    assert len(ids) == len(set(ids))
    assert len(ids) == len(style.all_patterns())


def test_every_fill_pattern_exists():
    ids = set(pattern_ids())
    used = set()
    for claim in (*CLAIMS, None, "unknown-claim"):
        for control in (*CONTROLS, None):
            fill = style.fill_for(claim, control, True)
            match = re.fullmatch(r"url\(#([^)]+)\)", fill)
            if match:
                used.add(match.group(1))
                assert match.group(1) in ids, (claim, control)
            else:
                assert re.fullmatch(r"#[0-9A-F]{6}", fill), (claim, control, fill)
                assert control in (None, "not-stated")
            assert style.fill_for(claim, control, False) == style.CLAIM_COLOURS[style.NOT_NAMED]
    assert used == ids  # and no pattern is unused


def test_patterns_draw_each_hatch_kind():
    for claim_key, colour in (("annexed-2014", "#D55E00"), ("named", style.NAMED_ONLY_COLOUR)):
        most = style.pattern_svg(claim_key, colour, "most")
        assert 'patternTransform="rotate(45)"' in most and "<line" in most and f'fill="{colour}"' in most
        part = style.pattern_svg(claim_key, colour, "part")
        assert "<circle" in part and "patternTransform" not in part
        none = style.pattern_svg(claim_key, colour, "not-stated")
        assert "<line" not in none and "<circle" not in none
    assert style.pattern_id("annexed-2014", "most") == "cm-annexed-2014-most"


def test_hatch_patterns_element_renders_all_patterns(rendered):
    markup = htmlsafe_json_dumps({"markup": "".join(style.all_patterns())}, sort_keys=True)
    assert markup in rendered  # the patterns travel as data, escaped for a <script>
    assert "<pattern" not in rendered


# -- clicks --------------------------------------------------------------------------------------------------------


def test_clicks_are_reported_at_once_with_the_values_the_app_reads(rendered):
    # The app asks streamlit-folium for exactly the values the immediate report can build, in the component's order.
    assert mapview.RETURNED_OBJECTS == list(map_clicks.IMMEDIATE_KEYS) == ["last_object_clicked", "last_active_drawing"]
    assert '["last_object_clicked", "last_active_drawing"]' in rendered
    assert "setTimeout(report, 0)" in rendered  # after the component's own click handlers have recorded the click
    # It steps aside when it cannot build the component's value exactly (other keys, longitude wrapping).
    assert "data.wrap_longitude" in rendered and "keys.indexOf(k) < 0" in rendered


def test_touch_screens_get_two_finger_map_gestures_and_a_text_only_hint(rendered):
    code = scripts.source("touch_gestures")
    assert code in rendered and htmlsafe_json_dumps(touch_gestures.TouchGestures().options, sort_keys=True) in rendered
    assert "window.matchMedia(options.media).matches" in code
    assert touch_gestures.TouchGestures().options["media"] == touch_gestures.TOUCH_MEDIA
    assert "map.dragging.disable()" in code  # one finger scrolls the page; Leaflet's touch zoom stays on
    assert (
        "hint.textContent = options.hint" in code
        and touch_gestures.TouchGestures().options["hint"] == touch_gestures.HINT
    )
    assert "innerHTML" not in code
    assert ".cm-touch-hint {" in touch_gestures.HINT_CSS and touch_gestures.HINT_CLASS == "cm-touch-hint"
    assert touch_gestures.HINT_CSS in rendered and "pointer-events: none" in touch_gestures.HINT_CSS


def test_article_mentions_choose_their_unit_through_the_map_or_fall_back_to_the_link(rendered):
    assert "window[options.chooseGlobal] = function (iso) {" in scripts.source("units_layer")
    assert mapview.UnitsLayer({}).options["chooseGlobal"] == mention_links.CHOOSE_GLOBAL
    assert "var layer = byIso[iso], ok = choose(layer);" in rendered and "layer.closeTooltip();" in rendered
    links = mention_links.MentionLinks()
    assert links.options == {
        "selector": mention_links.LINK_SELECTOR,
        "regionParam": "region",
        "chooseGlobal": mention_links.CHOOSE_GLOBAL,
        "revealGlobal": panel_reveal.REVEAL_GLOBAL,
    }
    code = scripts.source("mention_links")
    assert code in rendered and htmlsafe_json_dumps(links.options, sort_keys=True) in rendered
    # The link is followed unless the map chose the unit; a modified click (new tab) is left to the browser.
    assert 'if (!iso || typeof choose !== "function") { return; }' in code
    assert "if (!choose(iso)) { return; }" in code
    assert code.index("!choose(iso)") < code.index("ev.preventDefault()")
    assert "reveal(iso, false, true)" in code  # the panel comes into view; the article keeps the reader's place
    assert "ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey" in code
    assert mention_links.LINK_SELECTOR == "a." + dom.MENTION_CLASS


def test_the_panel_is_revealed_after_a_map_click_only_when_stacked_below_the_map(rendered):
    code = scripts.source("panel_reveal")
    reveal = panel_reveal.PanelReveal()
    assert code in rendered and htmlsafe_json_dumps(reveal.options, sort_keys=True) in rendered
    assert "window[options.revealGlobal] = function (iso, onlyBelowMap, keepPlace)" in code
    assert "if (onlyBelowMap && !(frame && top >= frame.getBoundingClientRect().bottom - 1)) { return; }" in code
    assert "window[options.revealGlobal](iso, true, false)" in code  # after a map click
    # Each article's own box scrolls to its first highlight; the page is moved only by revealPanel.
    assert (
        reveal.options["article"] == "div." + dom.ARTICLE_CLASS
        and reveal.options["mark"] == "span." + dom.SENTENCE_CLASS
        and reveal.options["unitsAttribute"] == dom.UNITS_ATTRIBUTE
    )
    assert "doc.querySelectorAll(options.article)" in code and "article.querySelector(lit)" in code
    assert 'options.mark + "[" + options.unitsAttribute' in code  # the sentences naming the chosen unit
    assert code.count("scrollIntoView") == 1 and "box.scrollTop +=" in code
    assert reveal.options["attribute"] == dom.SELECTED_ATTRIBUTE
    assert reveal.options["runState"] == panel_reveal.RUN_STATE_ATTRIBUTE
    assert ".cm-panel{scroll-margin-top:4rem}" in chrome.CSS


def test_the_map_draws_the_sea_and_the_neighbours_under_everything_and_catching_nothing(frame):
    script = offline.units_script()
    assert script.index(f"window.{offline.CONTEXT_GLOBAL} = ") < script.index(f"window.{offline.UNITS_GLOBAL} = ")
    context = mapview.ContextLayer()
    assert context.options == {"contextGlobal": offline.CONTEXT_GLOBAL, "style": style.CONTEXT_STYLE, "sea": style.SEA}
    code = scripts.source("context_layer")
    assert "interactive: false" in code and 'pane.style.pointerEvents = "none"' in code
    m = mapview.build_map(frame)
    kinds = [type(c).__name__ for c in m._children.values()]
    assert kinds.index("ContextLayer") < kinds.index("UnitsLayer")  # drawn first, under the units


def test_the_named_units_get_short_labels_written_as_text(frame):
    labels = mapview.UnitLabels(frame).options["labels"]
    named = frame[frame["named"].astype(bool)]
    assert [label["name"] for label in labels] == list(named["name"]) and labels
    points = boundaries.representative_points(named)
    for label, iso in zip(labels, named["iso_3166_2"], strict=True):
        assert (label["lat"], label["lng"]) == (round(points[iso][0], 4), round(points[iso][1], 4))
    code = scripts.source("unit_labels")
    assert "text.textContent = l.name" in code and "innerHTML" not in code and 'html: ""' in code
    assert ".leaflet-marker-icon.cm-label" in mapview.UnitLabels(frame).css and "pointer-events: none" in code + (
        mapview.UnitLabels(frame).css
    )
    hostile = frame.copy()
    hostile.loc[hostile["named"].astype(bool), "name"] = HOSTILE_NAME
    rendered = mapview.build_map(hostile).get_root().render()
    assert "<script>alert(1)" not in rendered  # the name travels as escaped JSON data
