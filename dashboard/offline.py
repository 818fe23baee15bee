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
import shapely

from dashboard import boundaries, paths
from dashboard.errors import DataError

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


UNITS_JS = paths.STATIC_DIR / "generated" / "units.js"
"""The browser's copy of the simplified boundaries, written from ``data/boundaries/`` (git-ignored)."""
UNITS_GLOBAL = "claimsMapUnits"


def units_script(source: Path = paths.BOUNDARIES_SIMPLIFIED) -> str:
    """``window.claimsMapUnits = {geometry of every unit, keyed properties: iso_3166_2 only};``.

    Only geometry and the stable id: names and statuses travel with each page (they depend on the sources).
    """
    units = boundaries.load_units("simplified", source)
    features = [
        {"type": "Feature", "properties": {"iso_3166_2": iso}, "geometry": shapely.geometry.mapping(geom)}
        for iso, geom in zip(units["iso_3166_2"], units.geometry, strict=True)
    ]
    data = json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))
    return f"window.{UNITS_GLOBAL} = {data};\n"


def ensure_units_js(source: Path = paths.BOUNDARIES_SIMPLIFIED, target: Path = UNITS_JS) -> str:
    """Write the browser's boundary script if it is missing or stale, and return its URL.

    The URL carries a hash of the content (``?v=…``), so a browser never keeps an old copy. Written atomically:
    several app processes may start at once. Called on every rerun, so the script is built and compared once
    per boundary file; later calls only ``stat`` both files.
    """
    source_stat = Path(source).stat()
    key = (str(Path(source).resolve()), source_stat.st_mtime_ns, source_stat.st_size, str(target))
    try:
        target_stat = target.stat()
        seen = (target_stat.st_mtime_ns, target_stat.st_size)
    except OSError:
        seen = None
    known = _written.get(key)
    if known is None or known[1] != seen:
        _written[key] = known = _write_units_js(Path(source), target)
    return known[0]


_written: dict[tuple, tuple[str, tuple[int, int]]] = {}
"""(boundary file, its mtime and size, target) → (URL, the target's mtime and size after writing)."""


def _write_units_js(source: Path, target: Path) -> tuple[str, tuple[int, int]]:
    script = units_script(source)
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
