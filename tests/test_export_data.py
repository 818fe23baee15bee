"""Data exports: the GeoJSON and CSV contracts, through the command line as a user runs it."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
import shapely

from dashboard.cli import main
from dashboard.core import paths
from dashboard.export.export_data import to_csv
from dashboard.testing import assert_excerpts_verbatim

SEVEN = {"UA-14", "UA-09", "UA-23", "UA-65", "UA-43", "UA-40", "UA-63"}


@pytest.fixture(scope="module")
def geojson(tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "claims.geojson"
    # As a user runs it: a real subprocess from the repository root.
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "export", "--format", "geojson", "--out", str(out)],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(out.read_text(encoding="utf-8"), parse_constant=_refuse_non_json)


def _refuse_non_json(name):
    raise AssertionError(f"{name} is not JSON (RFC 8259); a missing value must be null")


def test_geojson_has_the_seven_units(geojson):
    assert geojson["type"] == "FeatureCollection"
    assert "crs" not in geojson  # RFC 7946: EPSG:4326 implied
    units = [f["properties"]["iso_3166_2"] for f in geojson["features"]]
    assert sorted(units) == sorted(SEVEN)
    assert len(units) == 7


def test_geojson_properties_and_geometry(geojson):
    by_iso = {f["properties"]["iso_3166_2"]: f for f in geojson["features"]}
    for feature in geojson["features"]:
        props = feature["properties"]
        assert {"region", "name", "iso_3166_2", "claim", "control", "excerpts"} <= set(props)
        geometry = shapely.geometry.shape(feature["geometry"])
        assert geometry.is_valid and not geometry.is_empty
        minx, miny, maxx, maxy = geometry.bounds
        assert minx >= 22 and maxx <= 41 and miny >= 44 and maxy <= 53  # lon/lat degrees, Ukraine
        assert props["excerpts"]
        assert all(set(e) >= {"source", "start", "end", "text", "roles"} for e in props["excerpts"])
    assert by_iso["UA-14"]["properties"]["claim"] == "annexation-declared-2022"
    assert by_iso["UA-14"]["properties"]["control"] == "most"
    assert by_iso["UA-40"]["properties"]["region"] == by_iso["UA-43"]["properties"]["region"] == "crimea"
    assert by_iso["UA-40"]["properties"]["name"] == "Sevastopol"
    assert by_iso["UA-14"]["properties"]["claim_note"] is None
    assert by_iso["UA-63"]["properties"]["claim"] == "not-stated"
    assert {p["properties"]["origin"] for p in by_iso.values()} == {"curated"}
    assert by_iso["UA-63"]["properties"]["control"] == "part"
    roles = {r for e in by_iso["UA-14"]["properties"]["excerpts"] for r in e["roles"]}
    assert roles == {"names", "claim", "control", "context"}


def test_geojson_excerpts_are_verbatim(geojson):
    excerpts = [e for f in geojson["features"] for e in f["properties"]["excerpts"]]
    assert assert_excerpts_verbatim(excerpts) == len(excerpts) > 30


def test_geojson_carries_source_and_attribution(geojson):
    meta = geojson["metadata"]
    assert meta["publisher"] == "The Moscow Times"
    assert meta["published"] == "2025-02-27"
    assert meta["source"] == "seeds/mt-2025-02-27-kremlin-annexed-regions.txt"
    assert "Natural Earth" in meta["boundaries"]


def test_csv_one_row_per_excerpt(tmp_path):
    out = tmp_path / "claims.csv"
    assert main(["export", "--format", "csv", "--out", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert {"unit", "region", "claim", "control", "source", "start", "end", "text"} <= set(rows[0])
    assert {r["unit"] for r in rows} == SEVEN
    excerpts = [{**r, "start": int(r["start"]), "end": int(r["end"])} for r in rows]
    assert assert_excerpts_verbatim(excerpts) == len(rows)
    donetsk = [r for r in rows if r["unit"] == "UA-14"]
    assert any(r["text"].startswith("Russian forces control most") and "control" in r["roles"] for r in donetsk)


def test_region_filter_keeps_one_unit(tmp_path):
    out = tmp_path / "one.geojson"
    assert main(["export", "--format", "geojson", "--out", str(out), "--region", "UA-40"]) == 0
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert [f["properties"]["iso_3166_2"] for f in features] == ["UA-40"]


def test_region_not_named_is_a_clear_error(tmp_path, capsys):
    assert main(["export", "--format", "csv", "--out", str(tmp_path / "x.csv"), "--region", "UA-46"]) == 1
    assert "'UA-46' is not named in the source" in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()


def test_unwritable_path_is_a_clear_error(tmp_path, capsys):
    target = tmp_path / "no-such-folder" / "x.geojson"
    assert main(["export", "--format", "geojson", "--out", str(target)]) == 1
    assert "cannot write" in capsys.readouterr().err
    assert main(["export", "--format", "geojson", "--out", str(tmp_path)]) == 1


def test_bad_option_values_are_refused(tmp_path, capsys):
    for argv in (
        ["export", "--format", "tiff", "--out", "x"],
        ["export", "--format", "csv", "--out", "x", "--region", "Donetsk"],
    ):
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'tiff'" in err
    assert "expected an ISO 3166-2 code like UA-14, got 'Donetsk'" in err


def test_csv_cells_cannot_run_as_formulas():
    import geopandas as gpd

    from dashboard.claims.curated_claims import Excerpt

    e = Excerpt("x.txt", 0, 9, "=HYPERLINK(1)")
    frame = gpd.GeoDataFrame(
        [
            {
                "iso_3166_2": "UA-14",
                "name": "Donetsk",
                "region": "donetsk",
                "claim": "none",
                "control": "part",
                "excerpts": [e],
                "claim_excerpts": [],
                "control_excerpts": [],
                "context_excerpts": [],
                "geometry": None,
            }
        ]
    )
    assert "'=HYPERLINK(1)" in to_csv(frame)


def test_locate_prints_offsets(capsys):
    assert main(["locate", "It also annexed the Crimean Peninsula in 2014."]) == 0
    assert capsys.readouterr().out.split() == ["start", "=", "878", "end", "=", "924"]


def test_download_names_carry_the_region_only_on_the_images_that_emphasise_it():
    from dashboard.sources.model import SourceMeta
    from dashboard.web.page_exports import file_name

    meta = SourceMeta(title="Kremlin Rules Out Returning Annexed Ukrainian Regions in Future Peace Talks", publisher="")
    assert file_name(meta, "png", "UA-14") == "claims-map-kremlin-rules-out-returning-annexed-ukrainian-UA-14.png"
    assert file_name(meta, "pdf", "UA-14").endswith("-UA-14.pdf")
    # A data file holds every named unit whatever the selection: its name must not suggest a filtered file.
    assert file_name(meta, "csv", "UA-14") == "claims-map-kremlin-rules-out-returning-annexed-ukrainian.csv"
    assert file_name(meta, "geojson", "UA-14").endswith("-ukrainian.geojson")
    # Cut at a word, unless the word itself is too long; nothing but ASCII letters, digits and hyphens.
    assert file_name(SourceMeta(title="a-b " + "x" * 60, publisher=""), "png") == "claims-map-a-b-" + "x" * 44 + ".png"
    assert (
        file_name(SourceMeta(title="Шелл <script>", publisher=""), "png") == "claims-map-shell-script.png"
    )  # transliterated, as source ids are


def test_one_registry_names_every_format_for_the_cli_the_page_and_the_writers():
    from dashboard import cli
    from dashboard.core.errors import DataError
    from dashboard.export import exports, formats
    from dashboard.export.image import settings
    from dashboard.web import page_exports

    assert set(cli.FORMATS) == set(formats.FORMATS) == set(page_exports.FORMATS)
    assert settings.FORMATS == ("png", "svg", "pdf") == formats.keys("image")
    assert page_exports.DATA_FORMATS == ("geojson", "csv") and page_exports.TIMELINE_FORMATS == ("gif",)
    assert [f.emphasises_region for f in formats.FORMATS.values()] == [True, True, True, False, False, True, True]
    assert formats.listed() == "png, svg, pdf, geojson, csv, gif or html"
    with pytest.raises(DataError, match="expected png, svg, pdf, geojson, csv, gif or html"):
        exports.export_bytes("tiff")


def test_every_format_names_a_writer_that_exists():
    from dashboard.export import exports, formats

    writers = {key: f.write() for key, f in formats.FORMATS.items()}
    assert all(callable(w) for w in writers.values())
    assert writers["png"] is writers["svg"] is writers["pdf"] is exports.image_bytes
    assert writers["geojson"] is writers["csv"] is exports.data_bytes
    assert writers["gif"] is exports.gif_bytes and writers["html"] is exports.embed_bytes
