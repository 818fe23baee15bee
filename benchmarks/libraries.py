"""Our own pieces against the libraries that do the same job, by bytes (``make bench``; writes LIBRARIES.md).

- The map's boundaries travel in our own compact, lossless encoding (``places/topology.py`` + ``topology.js``).
  The library for it is TopoJSON: ``topojson`` on PyPI to encode, ``topojson-client`` on npm to decode in the
  browser (``folium.TopoJson`` draws it). Both are measured here on the same simplified units, quantised at our
  precision, and the library's output is decoded back to measure what it loses.
- One finger scrolls the page past the map on touch screens (``map/js/touch_gestures.js``); the library for it
  is ``leaflet-gesture-handling`` on npm.

The npm packages' sizes are of their published ``dist`` files (``npm pack``, versions below); they are read from
the tarballs when ``npm`` is on the PATH, else the recorded figures are used (and said so).
"""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.map import offline, scripts  # noqa: E402
from dashboard.places import boundaries  # noqa: E402

OUT = Path(__file__).with_name("LIBRARIES.md")
NPM = {  # package@version: (file in the tarball, its bytes when recorded on 2026-12-02)
    "topojson-client@3.1.0": ("package/dist/topojson-client.min.js", 7169),
    "leaflet-gesture-handling@1.2.2": ("package/dist/leaflet-gesture-handling.min.js", 18363),
}
NPM_CSS = {"leaflet-gesture-handling@1.2.2": ("package/dist/leaflet-gesture-handling.min.css", 1022)}


def gz(data: str | bytes) -> int:
    return len(gzip.compress(data.encode("utf-8") if isinstance(data, str) else data, 9))


def npm_file(spec: str, member: str, recorded: int) -> tuple[bytes | None, int, str]:
    """The file ``member`` of the npm package ``spec`` (its bytes, size and where the size came from)."""
    if shutil.which("npm"):
        with tempfile.TemporaryDirectory() as tmp:
            done = subprocess.run(
                ["npm", "pack", spec, "--silent"], cwd=tmp, capture_output=True, text=True, timeout=120
            )
            tarballs = list(Path(tmp).glob("*.tgz"))
            if done.returncode == 0 and tarballs:
                with tarfile.open(tarballs[0]) as tar:
                    data = tar.extractfile(member).read()
                return data, len(data), "npm pack"
    return None, recorded, "recorded"


def main() -> None:
    try:
        import topojson  # the bench group (pyproject.toml): pip install --group bench
    except ImportError:
        print("benchmarks/libraries.py: topojson is not installed (pip install --group bench); skipped")
        return
    units = boundaries.load_units("simplified")[["iso_3166_2", "geometry"]]
    ours = offline.units_script()
    rows = [("ours: payload + decoder (one script)", len(ours), gz(ours), "0 (exact, 1e-4°)")]
    client, client_bytes, client_from = npm_file("topojson-client@3.1.0", *NPM["topojson-client@3.1.0"])
    extent = max(units.total_bounds[2] - units.total_bounds[0], units.total_bounds[3] - units.total_bounds[1])
    for levels in (int(extent / 1e-4), int(2 * extent / 1e-4)):
        tj = topojson.Topology(units, prequantize=levels, presimplify=False, toposimplify=False)
        text = tj.to_json()
        back = tj.to_gdf().set_index("iso_3166_2").loc[list(units["iso_3166_2"])]
        error = max(a.hausdorff_distance(b) for a, b in zip(units.geometry, back.geometry, strict=True))
        client_gz = gz(text) + gz(client) if client is not None else None
        rows.append(
            (
                f"TopoJSON ({levels:,} levels) + topojson-client",
                len(text) + client_bytes,
                client_gz,
                f"{error * 111_000:.1f} m",
            )
        )
    lgh, lgh_bytes, lgh_from = npm_file("leaflet-gesture-handling@1.2.2", *NPM["leaflet-gesture-handling@1.2.2"])
    _css, lgh_css, _ = npm_file("leaflet-gesture-handling@1.2.2", *NPM_CSS["leaflet-gesture-handling@1.2.2"])
    lgh_gz = f"{gz(lgh):,}" if lgh is not None else "n/a"
    touch = scripts.source("touch_gestures") + scripts.style_sheet("touch_hint")
    lines = [
        "# Our own pieces against the libraries (`make bench`, benchmarks/libraries.py)",
        "",
        f"Boundaries of Ukraine's 27 units (simplified file), the decoder included; topojson {topojson.__version__}"
        f" (PyPI), topojson-client 3.1.0 ({client_from}). Error: the largest distance between a unit and what the"
        " browser would draw (Hausdorff, 1° ≈ 111 km).",
        "",
        "| boundaries for the browser | bytes | gzipped | error |",
        "| --- | ---: | ---: | ---: |",
        *[
            f"| {name} | {b:,} | {g:,} | {err} |" if g is not None else f"| {name} | {b:,} | n/a | {err} |"
            for name, b, g, err in rows
        ],
        "",
        f"Touch gestures (leaflet-gesture-handling 1.2.2, {lgh_from}):",
        "",
        "| one finger scrolls past the map | bytes | gzipped |",
        "| --- | ---: | ---: |",
        f"| ours: touch_gestures.js + touch_hint.css | {len(touch):,} | {gz(touch):,} |",
        f"| leaflet-gesture-handling (min.js + min.css) | {lgh_bytes + lgh_css:,} | {lgh_gz} |",
        "",
        "Decoding is a few milliseconds either way (27 units); bytes are what differs on the way to the first"
        " polygons.",
    ]
    table = "\n".join(lines) + "\n"
    OUT.write_text(table, encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main()
