"""Map images (export/render.py): sizes, colours at known places, layout, text as text, metadata, determinism."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO

import numpy as np
import pandas as pd
import pytest
import shapely
from matplotlib.colors import to_rgb
from PIL import Image

from dashboard import style
from dashboard.claims import curated_claims, view_frames
from dashboard.core import frames, paths
from dashboard.core.errors import DataError
from dashboard.export import exports, render
from dashboard.places import boundaries

SVG = "{http://www.w3.org/2000/svg}"
SMALL = dict(width=600, height=400, dpi=72)
SEED_UNITS = ("UA-14", "UA-09", "UA-23", "UA-65", "UA-43", "UA-40", "UA-63")


# ----------------------------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def seed():
    data = curated_claims.load_claims()
    return curated_claims.claims_frame(data), data.article.meta


@pytest.fixture(scope="module")
def points():
    """ISO code to (lat, lon) of each unit's representative point."""
    return boundaries.representative_points(boundaries.load_units("full"))


@pytest.fixture(scope="module")
def social_png(seed):
    frame, meta = seed
    return render.render_image("png", frame, meta)


@pytest.fixture(scope="module")
def social_figure(seed):
    frame, meta = seed
    return render.render_figure(frame, meta)


@pytest.fixture(scope="module")
def small_svg(seed):
    frame, meta = seed
    return render.render_image("svg", frame, meta, **SMALL)


@pytest.fixture(scope="module")
def named_only(seed):
    """The seed's units as another source might give them: named, claim not stated, control suggested."""
    frame = seed[0].copy()
    frame["claim"] = pd.Series(["not-stated"] * len(frame), dtype=object, index=frame.index)
    frame["control"] = pd.Series([None] * len(frame), dtype=object, index=frame.index)
    frame["origin"] = pd.Series(["suggested"] * len(frame), dtype=object, index=frame.index)
    return frame


# ----------------------------------------------------------------------------------------------- helpers


def rgb(colour: str) -> tuple[int, int, int]:
    return tuple(round(255 * c) for c in to_rgb(colour))


def dominant(img: Image.Image, x: float, y: float, half: int = 2) -> tuple[tuple[int, int, int], int]:
    """The most common colour in the (2 * half + 1)² pixels around (x, y) (PNG pixels, y down), and its count."""
    xi, yi = int(x), int(y)
    window = [img.getpixel((i, j)) for i in range(xi - half, xi + half + 1) for j in range(yi - half, yi + half + 1)]
    return Counter(window).most_common(1)[0]


def distance(a, b) -> int:
    return max(abs(p - q) for p, q in zip(a, b, strict=True))


def svg_texts(data: bytes) -> list[str]:
    root = ET.fromstring(data)
    return [el.text or "" for el in root.iter(f"{SVG}text")]


def extent(artist, fig):
    return artist.get_window_extent(fig.canvas.get_renderer())


def inside(inner, outer, slack: float = 0.5) -> bool:
    return (
        inner.x0 >= outer.x0 - slack
        and inner.y0 >= outer.y0 - slack
        and inner.x1 <= outer.x1 + slack
        and inner.y1 <= outer.y1 + slack
    )


# ----------------------------------------------------------------------------------------------- PNG


def test_png_default_size_dpi_and_metadata(social_png, seed):
    img = Image.open(BytesIO(social_png))
    assert img.format == "PNG"
    assert img.size == (1200, 675)
    assert img.info["dpi"] == pytest.approx((150, 150), abs=0.05)  # pHYs stores whole pixels per metre
    meta = seed[1]
    assert img.info["Title"] == render.default_title(meta) == "Ukraine: regions named by The Moscow Times, 27 Feb 2025"
    assert img.info["Description"] == f"Source: {meta.source_line()}"
    assert meta.title in img.info["Description"] and "27 February 2025" in img.info["Description"]
    assert img.info["Source"] == meta.url
    assert img.info["Copyright"].startswith(exports.boundaries_attribution())


@pytest.mark.parametrize(("width", "height", "dpi"), [(800, 600, 100), (2480, 3508, 300), (1001, 333, 97)])
def test_png_size_is_exactly_what_was_asked(seed, width, height, dpi):
    frame, meta = seed
    img = Image.open(BytesIO(render.render_image("png", frame, meta, width=width, height=height, dpi=dpi)))
    assert img.size == (width, height)
    assert img.info["dpi"] == pytest.approx((dpi, dpi), abs=0.05)


def test_each_named_unit_has_its_claim_colour_at_its_representative_point(social_png, social_figure, seed, points):
    """Labels sit just above the representative point and hatches are thin: the fill colour dominates there."""
    frame, _meta = seed
    img = Image.open(BytesIO(social_png)).convert("RGB")
    _fig, ax = social_figure
    expected = dict(zip(frame["iso_3166_2"], frame["claim"], strict=True))
    assert set(expected) == set(SEED_UNITS)
    for iso, claim in expected.items():
        lat, lon = points[iso]
        colour, count = dominant(img, *render.to_pixels(ax, lon, lat))
        assert distance(colour, rgb(style.fill_colour(claim))) <= 6, (iso, colour)
        # Sevastopol is ~17 px across here, so its window also catches outline pixels; still a clear majority
        assert count >= (13 if iso == "UA-40" else 15), (iso, count)


def test_unnamed_units_are_neutral_and_context_and_sea_are_drawn(social_png, social_figure, points):
    img = Image.open(BytesIO(social_png)).convert("RGB")
    _fig, ax = social_figure
    neutral = rgb(style.CLAIM_COLOURS[style.NOT_NAMED])
    for iso in ("UA-46", "UA-30", "UA-05", "UA-21"):  # Lviv, Kyiv, Vinnytsia, Zakarpattia (on the border)
        lat, lon = points[iso]
        colour, count = dominant(img, *render.to_pixels(ax, lon, lat))
        assert distance(colour, neutral) <= 6 and count >= 15, (iso, colour)
    sea, _ = dominant(img, *render.to_pixels(ax, 31.0, 44.6))  # the Black Sea, south of Odesa
    assert distance(sea, rgb(style.SEA)) <= 6
    land, _ = dominant(img, *render.to_pixels(ax, 36.5, 51.8))  # Russia (Kursk), north of Kharkiv
    assert distance(land, rgb(style.LAND)) <= 6


def test_png_pixel_mapping_is_inside_the_map(social_figure, points):
    fig, ax = social_figure
    box = ax.get_window_extent()
    for iso in SEED_UNITS:
        lat, lon = points[iso]
        x, y = render.to_pixels(ax, lon, lat)
        assert box.x0 < x < box.x1 and box.y0 < fig.bbox.height - y < box.y1


def test_units_with_no_claim_stated_are_drawn_named_only_and_suggestions_are_marked(seed, named_only, points):
    meta = seed[1]
    img = Image.open(BytesIO(render.render_image("png", named_only, meta))).convert("RGB")
    _fig, ax = render.render_figure(named_only, meta)
    for iso in SEED_UNITS:
        lat, lon = points[iso]
        colour, _count = dominant(img, *render.to_pixels(ax, lon, lat))
        assert distance(colour, rgb(style.NAMED_ONLY_COLOUR)) <= 6, (iso, colour)
    texts = " ".join(svg_texts(render.render_image("svg", named_only, meta, **SMALL)))
    assert render.SUGGESTED_LABEL in " ".join(texts.split())
    curated_texts = " ".join(svg_texts(render.render_image("svg", seed[0], meta, **SMALL)))
    assert render.SUGGESTED_LABEL not in " ".join(curated_texts.split())  # curated: no suggestion to mark


def test_a_frame_from_another_source_renders(seed):
    """Rows shaped like any_source's (object columns, None kept), including no rows at all and no metadata."""
    empty = frames.object_frame([], view_frames.FRAME_COLUMNS)
    img = Image.open(BytesIO(render.render_image("png", empty, None, **SMALL)))
    assert img.size == (600, 400)
    assert img.info["Title"] == "Ukraine: regions named in the source"
    assert "Description" not in img.info


# ----------------------------------------------------------------------------------------------- layout


@pytest.mark.parametrize(("width", "height", "dpi"), [(1200, 675, 150), (2480, 3508, 300), (600, 400, 72)])
def test_layout_keeps_text_in_the_canvas_and_the_legend_off_the_map(seed, width, height, dpi):
    frame, meta = seed
    fig, ax = render.render_figure(frame, meta, width=width, height=height, dpi=dpi, region="UA-40")
    canvas, map_box = fig.bbox, ax.get_window_extent()
    assert inside(map_box, canvas)
    for text in fig.texts:
        assert inside(extent(text, fig), canvas), text.get_text()
        assert not extent(text, fig).overlaps(map_box), text.get_text()
    for legend in fig.legends:
        box = extent(legend, fig)
        assert inside(box, canvas)
        assert not box.overlaps(map_box)
        if width > height:
            assert box.x0 >= map_box.x1  # landscape: legend right of the map
        else:
            assert box.y1 <= map_box.y0  # portrait: legend below the map
    for label in ax.texts:  # unit labels, Sevastopol's leader label included, stay on the map
        assert inside(extent(label, fig), map_box), label.get_text()
    title = fig.texts[0]
    assert title.get_fontweight() == "bold"
    assert extent(title, fig).y0 > map_box.y1


def test_long_titles_wrap_inside_the_canvas(seed):
    frame, meta = seed
    long_title = "A very long title " * 8
    fig, _ax = render.render_figure(frame, meta, title=long_title, **SMALL)
    title = fig.texts[0]
    assert "\n" in title.get_text()
    assert inside(extent(title, fig), fig.bbox)


# ----------------------------------------------------------------------------------------------- print-true


def hatch_period_px(img: Image.Image, ax, lon: float, lat: float, dpi: int) -> int:
    """How often the pattern repeats (pixels) along a horizontal line a little below (lon, lat), measured from
    the pixels: the highest peak of its autocorrelation past the first zero, over half an inch of the line."""
    x, y = render.to_pixels(ax, lon, lat)
    half = int(0.25 * dpi)
    row = np.asarray(img.convert("L"), dtype=float)[int(y) + int(0.03 * dpi), int(x) - half : int(x) + half]
    signal = row - row.mean()
    ac = np.correlate(signal, signal, "full")[len(signal) - 1 :]
    first_zero = int(np.argmax(ac < 0))
    return first_zero + int(np.argmax(ac[first_zero : len(signal) // 2]))


@pytest.fixture(scope="module")
def at_300(seed):
    frame, meta = seed
    return render.render_image("png", frame, meta, dpi=300), render.render_figure(frame, meta, dpi=300)


def test_dpi_300_draws_the_same_page_at_2400_by_1350(seed, social_figure, at_300):
    """The default page is 8 x 4.5 in: --dpi changes the pixels, not the picture (same layout, same type)."""
    png, (fig, ax) = at_300
    img = Image.open(BytesIO(png))
    assert img.size == (2400, 1350)
    assert img.info["dpi"] == pytest.approx((300, 300), abs=0.05)
    fig150, ax150 = social_figure
    assert tuple(fig.get_size_inches()) == pytest.approx((8, 4.5))
    assert tuple(fig150.get_size_inches()) == pytest.approx((8, 4.5))
    assert ax.get_position().bounds == pytest.approx(ax150.get_position().bounds, abs=0.003)
    sizes = [(t.get_text(), t.get_fontsize()) for t in fig.texts + ax.texts]
    assert sizes == [(t.get_text(), pytest.approx(t.get_fontsize(), rel=1e-6)) for t in fig150.texts + ax150.texts]
    for a, b in zip(fig.legends, fig150.legends, strict=True):  # the legends' place and size in inches
        box, box150 = extent(a, fig), extent(b, fig150)
        assert (box.x0 / 300, box.y0 / 300, box.width / 300) == pytest.approx(
            (box150.x0 / 150, box150.y0 / 150, box150.width / 150),
            abs=0.04,  # text hinting: within 1 mm
        )
    for label, label150 in zip(ax.texts, ax150.texts, strict=True):  # labels, names, scale: the same places
        box, box150 = extent(label, fig), extent(label150, fig150)
        centre = ((box.x0 + box.x1) / 600, (box.y0 + box.y1) / 600)
        assert centre == pytest.approx(((box150.x0 + box150.x1) / 300, (box150.y0 + box150.y1) / 300), abs=0.03)
    assert Image.open(BytesIO(exports.export_bytes("png", dpi=300))).size == (2400, 1350)
    assert Image.open(BytesIO(exports.export_bytes("png", preset="a4", dpi=150))).size == (1240, 1754)


def test_sizes_come_from_a_physical_page_and_presets_are_inches_and_dpi():
    assert render.check_size(None, None, None) == (1200, 675, 150)
    assert render.check_size(None, None, 300) == (2400, 1350, 300)
    assert render.check_size(2400, None, 300) == (2400, 1350, 300)  # one side given: the page's proportions
    assert render.check_size(800, 600, 100) == (800, 600, 100)  # both given: the pixels asked for
    assert exports.PRESETS["social"].size_in == (8.0, 4.5) and exports.PRESETS["social"].dpi == 150
    assert exports.PRESETS["a4"].size_in == pytest.approx((210 / 25.4, 297 / 25.4))
    assert exports.PRESETS["a4"].pixels() == (2480, 3508, 300)
    assert exports.PRESETS["a4"].pixels(150) == (1240, 1754, 150)
    assert tuple(exports.PRESETS["social"]) == (1200, 675, 150)  # unpacks as the tuples did (the page's size)


def test_hatch_period_is_the_same_in_inches_at_150_and_300_dpi(seed, social_png, social_figure, at_300, points):
    """Measured from the pixels: 'most' and 'parts' keep their spacing at any dpi (and stay twice apart)."""
    periods = {}
    for dpi, png, (_fig, ax) in ((150, social_png, social_figure), (300, at_300[0], at_300[1])):
        img = Image.open(BytesIO(png))
        for iso, control in (("UA-14", "most"), ("UA-23", "parts"), ("UA-63", "part")):
            lat, lon = points[iso]
            periods[dpi, control] = hatch_period_px(img, ax, lon, lat, dpi) / dpi  # inches
    for control in ("most", "parts", "part"):
        assert periods[150, control] == pytest.approx(periods[300, control], rel=0.05), (control, periods)
        assert periods[300, control] == pytest.approx(render.hatch_period_in(control), abs=1.5 / 300)
    assert periods[300, "parts"] == pytest.approx(2 * periods[300, "most"], rel=0.05)


def test_pdf_page_is_the_same_at_any_dpi(seed):
    frame, meta = seed
    data = render.render_image("pdf", frame, meta, dpi=300)
    box = [float(v) for v in re.search(rb"/MediaBox \[\s*([^\]]+)\]", data).group(1).split()]
    assert box == pytest.approx([0, 0, 576, 324], abs=0.01)  # 8 x 4.5 in


def largest_blank_band(img: Image.Image) -> int:
    """The tallest run of rows that are white (or nearly) from edge to edge, in pixels."""
    blank = (np.asarray(img.convert("L")) >= 250).all(axis=1)
    best = run = 0
    for row_blank in blank:
        run = run + 1 if row_blank else 0
        best = max(best, run)
    return best


def test_a4_fills_the_page_with_no_wide_blank_band():
    """Before: a 434 px (12.4% of the page) blank band under the legend; now the spare height goes to the
    legends and is shared by the gaps."""
    img = Image.open(BytesIO(exports.export_bytes("png", preset="a4")))
    assert img.size == (2480, 3508)
    assert largest_blank_band(img) < 0.07 * img.height


def test_the_scale_bar_is_true_on_the_ground(social_figure, small_svg):
    _fig, ax = social_figure
    km, ground = render.scale_bar_km(ax)
    assert km in (25, 50, 100, 150, 200, 250, 300, 400, 500)
    assert ground == pytest.approx(km, rel=0.002)  # geodesic distance between the bar's ends (WGS 84)
    assert any(re.fullmatch(r"\d+ km", t) for t in svg_texts(small_svg))


def test_unit_labels_are_inside_their_units_and_clear_of_each_other(social_figure, seed):
    fig, ax = social_figure
    units = boundaries.load_units("full").to_crs(render.PROJECTION).set_index("iso_3166_2").geometry
    names = dict(zip(seed[0]["name"], seed[0]["iso_3166_2"], strict=True))
    to_map = ax.transData.inverted()
    boxes = []
    for text in ax.texts:
        if text.get_color() == "#FFFFFF":  # the halo under a label
            continue
        box = extent(text, fig)
        boxes.append(box)
        iso = names.get(text.get_text())
        if iso is None or iso == "UA-40":  # not a unit's label, or Sevastopol's (beside it, with a leader)
            continue
        (x0, y0), (x1, y1) = to_map.transform([(box.x0, box.y0), (box.x1, box.y1)])
        ink = shapely.box(x0, y0, x1, y1).buffer(-0.22 * (y1 - y0))
        assert units[iso].contains(ink), text.get_text()
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b)


def test_neighbours_and_seas_are_named_and_names_from_data_are_xml_safe(seed, small_svg, monkeypatch):
    texts = svg_texts(small_svg)
    assert {"RUSSIA", "BELARUS", "Black Sea"} <= set(texts)
    context = boundaries.load_context()
    context.loc[context["iso_a3"] == "RUS", "name"] = "Rus\x01sia <b>"
    monkeypatch.setattr(boundaries, "load_context", lambda path=None: context.copy())
    data = render.render_image("svg", seed[0], seed[1], **SMALL)
    assert "RUSSIA <B>" in svg_texts(data) and b"<B>" not in data  # parsed, so well-formed; escaped


# ----------------------------------------------------------------------------------------------- SVG


def test_svg_keeps_text_as_text_with_title_desc_legend_and_source(small_svg, seed):
    _frame, meta = seed
    root = ET.fromstring(small_svg)
    assert root.find(f"{SVG}title").text == render.default_title(meta)
    assert root.find(f"{SVG}desc").text == f"Source: {meta.source_line()}"
    texts = svg_texts(small_svg)
    joined = " ".join(" ".join(texts).split())
    assert render.default_title(meta) in texts
    assert f"Source: {meta.source_line()}" in joined
    for _key, label, _colour in style.CLAIM_LEGEND:
        assert label in joined
    for _key, label, _hatch in style.CONTROL_LEGEND:
        assert label in joined
    assert render.CLAIM_TITLE in texts and render.CONTROL_TITLE in texts
    assert exports.boundaries_attribution() in joined and render.MAP_CREDIT in joined
    for name in seed[0]["name"]:
        assert name in texts  # unit labels are text too (their halo is a path underneath)
    assert "<dc:date>" not in small_svg.decode()  # no date: the same input gives the same bytes
    # Drawn in DejaVu Sans; a viewer without it falls back to a sans-serif font, not its default serif.
    families = set(re.findall(r"font-family: ([^;\"]+)", small_svg.decode()))
    assert families and all(f.startswith("'DejaVu Sans'") and f.endswith(", sans-serif") for f in families)


def test_svg_is_byte_identical_for_identical_input(small_svg, seed):
    frame, meta = seed
    assert render.render_image("svg", frame, meta, **SMALL) == small_svg


def test_renders_from_several_threads_match(small_svg, seed):
    frame, meta = seed
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(lambda _: render.render_image("svg", frame, meta, **SMALL), range(3)))
    assert all(r == small_svg for r in results)


def test_dollar_signs_and_markup_in_a_headline_are_printed_literally(seed):
    frame, meta = seed
    headline = "Deal $5 & <script>alert(1)</script> or $10bn"
    tricky = dataclasses.replace(meta, title=headline)
    data = render.render_image("svg", frame, tricky, width=1600, height=600, dpi=100)
    assert b"<script>" not in data  # escaped by the XML writer
    assert "&lt;script&gt;" in data.decode()
    joined = " ".join(" ".join(svg_texts(data)).split())
    assert f"“{headline}”" in joined
    assert ET.fromstring(data).find(f"{SVG}desc").text == f"Source: {tricky.source_line()}"
    png = render.render_image("png", frame, tricky, title="Costs $x$ and $y$", **SMALL)
    img = Image.open(BytesIO(png))
    assert img.info["Title"] == "Costs $x$ and $y$"
    assert "Costs $x$ and $y$" in svg_texts(
        render.render_image("svg", frame, tricky, title="Costs $x$ and $y$", **SMALL)
    )


def test_an_emphasised_region_is_outlined_and_in_the_legend(seed, small_svg):
    frame, meta = seed
    data = render.render_image("svg", frame, meta, region="UA-14", **SMALL)
    assert data != small_svg
    assert "Emphasised: Donetsk" in svg_texts(data)
    fig, ax = render.render_figure(frame, meta, region="UA-14", **SMALL)
    bold = [t.get_text() for t in ax.texts if t.get_fontweight() == "bold"]
    assert set(bold) == {"Donetsk"}


# ----------------------------------------------------------------------------------------------- PDF


def test_pdf_page_size_metadata_fonts_and_determinism(seed):
    frame, meta = seed
    first = render.render_image("pdf", frame, meta, **SMALL)
    assert first.startswith(b"%PDF-")
    box = [float(v) for v in re.search(rb"/MediaBox \[\s*([^\]]+)\]", first).group(1).split()]
    assert box == pytest.approx([0, 0, 600 / 72 * 72, 400 / 72 * 72], abs=0.01)
    assert f"/Title ({render.default_title(meta)})".encode() in first
    assert b"/CreationDate" not in first and b"/ModDate" not in first
    assert b"/FontFile2" in first  # TrueType fonts embedded: text stays text
    assert render.render_image("pdf", frame, meta, **SMALL) == first


def test_pdf_media_box_follows_pixels_and_dpi(seed):
    frame, meta = seed
    data = render.render_image("pdf", frame, meta, width=1200, height=675, dpi=150)
    box = [float(v) for v in re.search(rb"/MediaBox \[\s*([^\]]+)\]", data).group(1).split()]
    assert box == pytest.approx([0, 0, 576, 324], abs=0.01)


# ----------------------------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("kwargs", "option", "quoted"),
    [
        ({"width": 0}, "--width", "0"),
        ({"width": 10001}, "--width", "10001"),
        ({"height": 199}, "--height", "199"),
        ({"dpi": 5000}, "--dpi", "5000"),
        ({"dpi": 49}, "--dpi", "49"),
        ({"width": 800.5}, "--width", "800.5"),
    ],
)
def test_bad_sizes_raise_a_data_error_quoting_the_value(seed, kwargs, option, quoted):
    frame, meta = seed
    with pytest.raises(DataError) as info:
        render.render_image("png", frame, meta, **kwargs)
    assert info.value.file == option
    assert re.search(rf"\b{re.escape(quoted)}\b", str(info.value))


def test_unknown_format_and_region_raise_data_errors(seed):
    frame, meta = seed
    with pytest.raises(DataError, match="'gif'"):
        render.render_image("gif", frame, meta)
    with pytest.raises(DataError, match="'UA-99'"):
        render.render_image("png", frame, meta, region="UA-99")


def test_export_bytes_goes_through_render(seed):
    data = exports.export_bytes("png", width=600, height=400, dpi=72, region="UA-63")
    assert Image.open(BytesIO(data)).size == (600, 400)
    with pytest.raises(DataError, match="5000"):
        exports.export_bytes("png", dpi=5000)


# ----------------------------------------------------------------------------------------------- command line


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dashboard", "export", *args], cwd=paths.ROOT, capture_output=True, text=True
    )


def test_cli_writes_png_svg_and_pdf(tmp_path):
    png = tmp_path / "map.png"
    done = run_cli(
        "--format", "png", "--out", str(png), "--width", "800", "--height", "600", "--dpi", "100", "--region", "UA-14"
    )
    assert done.returncode == 0, done.stderr
    img = Image.open(png)
    assert img.size == (800, 600) and img.info["dpi"] == pytest.approx((100, 100), abs=0.05)
    svg, pdf = tmp_path / "map.svg", tmp_path / "map.pdf"
    for out, fmt in ((svg, "svg"), (pdf, "pdf")):
        done = run_cli("--format", fmt, "--out", str(out), "--width", "600", "--height", "400", "--dpi", "72")
        assert done.returncode == 0, done.stderr
    assert ET.parse(svg).getroot().tag == f"{SVG}svg"
    assert pdf.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--region", "UA-99"), "UA-99"),
        (("--width", "100"), "100"),
        (("--dpi", "5000"), "5000"),
    ],
)
def test_cli_rejects_bad_values_with_one_clear_line(tmp_path, args, expected):
    out = tmp_path / "map.png"
    done = run_cli("--format", "png", "--out", str(out), *args)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("error:") and expected in done.stderr
    assert not out.exists()


# ----------------------------------------------------------------------------------------------- cache


def _shapes(g) -> list[bytes]:
    return [shapely.to_wkb(s) for s in (*g.units, g.ukraine, *g.context, g.land, g.coverage)]


def _same_geometry(a, b) -> bool:
    return _shapes(a) == _shapes(b) and a.points == b.points


def test_the_projected_geometry_cache_gives_what_is_computed_and_is_checked(tmp_path, monkeypatch):
    from dashboard.export.image import layers

    monkeypatch.setenv("CLAIMS_MAP_DATA_DIR", str(tmp_path))
    units = boundaries.load_units("full")[["iso_3166_2", "name", "geometry"]]
    context = boundaries.load_context()[["name", "geometry"]]
    computed = layers.compute_geometry(units, context)
    cache = tmp_path / "cache" / "map-layers.bin"
    assert _same_geometry(layers.projected_geometry(units, context), computed) and cache.is_file()  # written
    key = layers._geometry_key(units, context)
    shapes, _extra = layers._read_shapes(cache, key)
    assert [shapely.to_wkb(s) for s in shapes] == _shapes(computed)  # read back: the same shapes, exactly
    assert _same_geometry(layers.projected_geometry(units, context), computed)
    # other data is another key: an edited neighbour is never served the old shapes
    moved = context.copy()
    moved["geometry"] = moved.geometry.translate(0.001, 0.0)
    assert layers._geometry_key(units, moved) != key
    assert layers._read_shapes(cache, layers._geometry_key(units, moved)) is None
    # a file cut short or changed is not used, and is written again whole
    cache.write_bytes(cache.read_bytes()[:-7])
    assert layers._read_shapes(cache, key) is None
    assert _same_geometry(layers.projected_geometry(units, context), computed)
    assert layers._read_shapes(cache, key) is not None
    data = bytearray(cache.read_bytes())
    data[-3] ^= 0xFF
    cache.write_bytes(bytes(data))
    assert layers._read_shapes(cache, key) is None


def test_an_image_is_the_same_from_the_cache_as_computed(seed, tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMS_MAP_DATA_DIR", str(tmp_path))
    first = render.render_image("svg", seed[0], seed[1], **SMALL)  # computes the shapes, writes the caches
    assert {p.name for p in (tmp_path / "cache").iterdir()} == {"map-layers.bin", "label-areas.bin"}
    assert render.render_image("svg", seed[0], seed[1], **SMALL) == first  # from the caches
    png = render.render_image("png", seed[0], seed[1], **SMALL)
    for cached in (tmp_path / "cache").iterdir():
        cached.unlink()
    assert render.render_image("png", seed[0], seed[1], **SMALL) == png
