"""Serve every browser asset of the map from the app itself: no CDN, no request leaves the machine.

folium points its maps at CDNs (Leaflet, jQuery, Bootstrap, Font Awesome) and streamlit-folium loads each of
those links in turn, so one unreachable host leaves the map blank. The map needs Leaflet only; its files are
declared in ``dashboard/assets.toml`` (path and sha256) and served by Streamlit's static serving from
``dashboard/static/`` at ``/app/static/``.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

import folium

from dashboard.core import paths
from dashboard.core.errors import DataError
from dashboard.map import scripts, topology
from dashboard.places import boundaries

ASSETS_FILE = paths.PACKAGE_DIR / "assets.toml"
STATIC_URL = "/app/static/"
"""Where Streamlit serves ``dashboard/static/`` (``server.enableStaticServing``)."""


@dataclass(frozen=True)
class Asset:
    """One file the browser loads: its name in folium's lists, path under ``static/`` and checksum."""

    kind: str
    name: str
    path: str
    sha256: str

    @property
    def url(self) -> str:
        return STATIC_URL + self.path

    @property
    def file(self):
        return paths.STATIC_DIR / self.path


@functools.cache
def load_assets() -> tuple[Asset, ...]:
    """The assets declared in ``assets.toml``, in order (Leaflet's JS, its CSS, the images its CSS uses)."""
    try:
        raw = tomllib.loads(ASSETS_FILE.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataError(paths.relative_to_root(ASSETS_FILE), f"cannot read the asset list: {exc}") from None
    assets = []
    for library in raw.values():
        for kind in ("js", "css", "image"):
            for entry in library.get(kind, []):
                assets.append(Asset(kind, entry.get("name", entry["path"]), entry["path"], entry["sha256"]))
    return tuple(assets)


def verify_assets() -> list[str]:
    """Problems with the served files (missing, or not the declared bytes); empty when all is well."""
    problems = []
    for asset in load_assets():
        try:
            digest = hashlib.sha256(asset.file.read_bytes()).hexdigest()
        except OSError:
            problems.append(f"{paths.relative_to_root(asset.file)} is missing")
            continue
        if digest != asset.sha256:
            problems.append(f"{paths.relative_to_root(asset.file)} is not the declared file (sha256 {digest})")
    return problems


def local_map(**options) -> folium.Map:
    """A ``folium.Map`` without tiles whose only JS and CSS are the local Leaflet files.

    Parameters
    ----------
    **options
        Passed to :class:`folium.Map` (``location``, ``zoom_start`` …); ``tiles`` is always None here: a basemap is
        an optional layer the caller adds.
    """
    m = folium.Map(tiles=None, **options)
    assets = load_assets()
    # Instance attributes shadow folium's class-level CDN lists; streamlit-folium reads them from the instance.
    m.default_js = [(a.name, a.url) for a in assets if a.kind == "js"]
    m.default_css = [(a.name, a.url) for a in assets if a.kind == "css"]
    return m


def external_links(m: folium.Map) -> list[str]:
    """Every JS/CSS link in ``m`` and its children that is not served by the app (should be empty)."""
    found = []

    def walk(element):
        for _, link in [*getattr(element, "default_js", []), *getattr(element, "default_css", [])]:
            if not link.startswith(STATIC_URL):
                found.append(link)
        for child in getattr(element, "_children", {}).values():
            walk(child)

    walk(m)
    return found


MAP_JS = paths.STATIC_DIR / "generated" / "map.js"
"""The map's one script: Leaflet, then the simplified boundaries, written from ``data/boundaries/`` (git-ignored).

streamlit-folium loads a map's scripts one after another, each waiting for the last: one file instead of
Leaflet plus a boundary script saves a request on the way to the first polygons."""
UNITS_GLOBAL = "claimsMapUnits"


UNITS_SCALE = 10_000
"""Coordinates travel as integers in 1e-4 degrees (about 11 m): the precision of the simplified file, so lossless."""


def units_payload(source: Path = paths.BOUNDARIES_SIMPLIFIED) -> list:
    """The browser's boundary data, compact: ``[arcs, [[iso_3166_2, geometry type, polygons], …]]``.

    Points are integers in units of 1/:data:`UNITS_SCALE` degree; each border two units share is sent once, and
    numbers travel as short text (:mod:`dashboard.map.topology`): the script is under a fifth of plain GeoJSON's
    size (about two fifths, gzipped). Only geometry and the stable id: names and statuses travel with each page
    (they depend on the sources).
    """
    units = boundaries.load_units("simplified", source)
    shapes, heads = [], []
    for iso, geom in zip(units["iso_3166_2"], units.geometry, strict=True):
        polygons = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
        shapes.append(
            [
                [[(round(x * UNITS_SCALE), round(y * UNITS_SCALE)) for x, y in ring.coords] for ring in rings]
                for rings in ([p.exterior, *p.interiors] for p in polygons)
            ]
        )
        heads.append((iso, geom.geom_type))
    arcs, encoded = topology.encode(shapes)
    return [arcs, [[iso, kind, shape] for (iso, kind), shape in zip(heads, encoded, strict=True)]]


def decode_units_payload(payload: list) -> dict:
    """The GeoJSON FeatureCollection the browser builds from :func:`units_payload` (the same steps in Python)."""
    arcs, units = payload
    shapes = topology.decode([arcs, [shape for _, _, shape in units]])
    features = []
    for (iso, kind, _), polygons in zip(units, shapes, strict=True):
        coordinates = [[[[x / UNITS_SCALE, y / UNITS_SCALE] for x, y in ring] for ring in rings] for rings in polygons]
        features.append(
            {
                "type": "Feature",
                "properties": {"iso_3166_2": iso},
                "geometry": {"type": kind, "coordinates": coordinates[0] if kind == "Polygon" else coordinates},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def units_script(source: Path = paths.BOUNDARIES_SIMPLIFIED) -> str:
    """A script that sets ``window.claimsMapUnits`` to the units' GeoJSON (geometry and ``iso_3166_2`` only).

    The data inside is :func:`units_payload`; a few lines of JavaScript expand it, as
    :func:`decode_units_payload` does in Python.
    """
    data = json.dumps(units_payload(source), separators=(",", ":"))
    return f"{scripts.source('units_decoder')}({UNITS_SCALE}, {data}, {json.dumps(UNITS_GLOBAL)});"


def units_payload_of_script(script: str) -> list:
    """The payload inside a script written by :func:`units_script` (for tests and checks)."""
    start = script.rindex("})(") + 3
    scale, rest = script[start:].split(",", 1)
    if int(scale) != UNITS_SCALE:
        raise ValueError(f"the units script is at scale {scale!r}, not {UNITS_SCALE}")
    data, _name = rest.rstrip().removesuffix(");").rsplit(",", 1)
    return json.loads(data)


def leaflet_script() -> str:
    """The declared Leaflet script (``assets.toml``), checked against its sha256, without its source-map line."""
    asset = next(a for a in load_assets() if a.kind == "js" and a.name == "leaflet")
    try:
        raw = asset.file.read_bytes()
    except OSError as exc:
        raise DataError(paths.relative_to_root(asset.file), f"cannot read Leaflet: {exc}") from None
    if hashlib.sha256(raw).hexdigest() != asset.sha256:
        raise DataError(paths.relative_to_root(asset.file), "is not the Leaflet file declared in assets.toml")
    lines = raw.decode("utf-8").rstrip("\n").split("\n")
    if lines[-1].startswith("//# sourceMappingURL="):
        lines.pop()
    return "\n".join(lines)


def map_script(source: Path = paths.BOUNDARIES_SIMPLIFIED) -> str:
    """Leaflet (verbatim, licence banner included), then :func:`units_script`: the map's one script file."""
    return f"{leaflet_script()}\n;\n{units_script(source)}"


def ensure_map_js(source: Path = paths.BOUNDARIES_SIMPLIFIED, target: Path = MAP_JS) -> str:
    """Write the map's script (:func:`map_script`) if it is missing or stale, and return its URL.

    The URL carries a hash of the content (``?v=…``), so a browser never keeps an old copy. Written atomically:
    several app processes may start at once. Called on every rerun, so the script is built and compared once
    per boundary file; later calls only ``stat`` the files.
    """
    leaflet = next(a for a in load_assets() if a.kind == "js" and a.name == "leaflet").file
    key = (*_stamp(Path(source)), *_stamp(leaflet), str(target))
    try:
        target_stat = target.stat()
        seen = (target_stat.st_mtime_ns, target_stat.st_size)
    except OSError:
        seen = None
    known = _written.get(key)
    if known is None or known[1] != seen:
        _written[key] = known = _write_map_js(Path(source), target)
    return known[0]


def _stamp(path: Path) -> tuple[str, int, int]:
    try:
        stat = path.stat()
    except OSError as exc:
        raise DataError(paths.relative_to_root(path), f"cannot read it: {exc}") from None
    return str(path.resolve()), stat.st_mtime_ns, stat.st_size


_written: dict[tuple, tuple[str, tuple[int, int]]] = {}
"""(boundary file and Leaflet, their mtimes and sizes, target) → (URL, the target's mtime and size after writing)."""


def _write_map_js(source: Path, target: Path) -> tuple[str, tuple[int, int]]:
    script = map_script(source)
    digest = hashlib.sha256(script.encode("utf-8")).hexdigest()[:12]
    try:
        current = target.read_text(encoding="utf-8")
    except OSError:
        current = None
    if current != script:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        tmp.write_text(script, encoding="utf-8")
        os.replace(tmp, target)
    written = target.stat()
    url = f"{STATIC_URL}{target.relative_to(paths.STATIC_DIR).as_posix()}?v={digest}"
    return url, (written.st_mtime_ns, written.st_size)
