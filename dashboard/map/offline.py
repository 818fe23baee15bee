"""Serve every browser asset of the map from the app itself: no CDN, no request leaves the machine.

folium points its maps at CDNs (Leaflet, jQuery, Bootstrap, Font Awesome) and streamlit-folium loads each of
those links in turn, so one unreachable host leaves the map blank. The map needs Leaflet only; its files are
declared in ``dashboard/assets.toml`` (path and sha256) and served by Streamlit's static serving from
``dashboard/static/`` at ``/app/static/``.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import folium

from dashboard.core import assets, paths
from dashboard.core.errors import DataError
from dashboard.places import topology


def local_map(**options) -> folium.Map:
    """A ``folium.Map`` without tiles whose only JS and CSS are the local Leaflet files.

    Parameters
    ----------
    **options
        Passed to :class:`folium.Map` (``location``, ``zoom_start`` …); ``tiles`` is always None here: a basemap is
        an optional layer the caller adds.
    """
    m = folium.Map(tiles=None, **options)
    declared = assets.load_assets()
    # Instance attributes shadow folium's class-level CDN lists; streamlit-folium reads them from the instance.
    m.default_js = [(a.name, a.url) for a in declared if a.kind == "js"]
    m.default_css = [(a.name, a.url) for a in declared if a.kind == "css"]
    return m


def external_links(m: folium.Map) -> list[str]:
    """Every JS/CSS link in ``m`` and its children that is not served by the app (should be empty)."""
    found = []

    def walk(element):
        for _, link in [*getattr(element, "default_js", []), *getattr(element, "default_css", [])]:
            if not link.startswith(assets.STATIC_URL):
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


def units_script(source: Path = paths.BOUNDARIES_SIMPLIFIED) -> str:
    """A script that sets ``window.claimsMapUnits`` to the units' GeoJSON (geometry and ``iso_3166_2`` only).

    The data inside is :func:`dashboard.places.topology.units_payload`; a few lines of JavaScript expand it, as
    :func:`dashboard.places.topology.decode_payload` does in Python.
    """
    data = json.dumps(topology.units_payload(source), separators=(",", ":"))
    return f"window.{UNITS_GLOBAL} = ({topology.DECODER_JS})({topology.SCALE}, {data});\n"


def units_payload_of_script(script: str) -> list:
    """The payload inside a script written by :func:`units_script` (for tests and checks)."""
    start = script.rindex("})(") + 3
    scale, rest = script[start:].split(",", 1)
    if int(scale) != topology.SCALE:
        raise ValueError(f"the units script is at scale {scale!r}, not {topology.SCALE}")
    return json.loads(rest.rstrip().removesuffix(");"))


def map_script(source: Path = paths.BOUNDARIES_SIMPLIFIED) -> str:
    """Leaflet (verbatim, licence banner included), then :func:`units_script`: the map's one script file."""
    return f"{assets.leaflet_script()}\n;\n{units_script(source)}"


def ensure_map_js(source: Path = paths.BOUNDARIES_SIMPLIFIED, target: Path = MAP_JS) -> str:
    """Write the map's script (:func:`map_script`) if it is missing or stale, and return its URL.

    The URL carries a hash of the content (``?v=…``), so a browser never keeps an old copy. Written atomically:
    several app processes may start at once. Called on every rerun, so the script is built and compared once
    per boundary file; later calls only ``stat`` the files.
    """
    leaflet = next(a for a in assets.load_assets() if a.kind == "js" and a.name == "leaflet").file
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
    url = f"{assets.STATIC_URL}{target.relative_to(paths.STATIC_DIR).as_posix()}?v={digest}"
    return url, (written.st_mtime_ns, written.st_size)
