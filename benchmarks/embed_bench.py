"""The embed (``export --format html``): its bytes, and the time from opening it from ``file://`` to its polygons.

The seed's embed is written by the command line, then opened in Chromium ``BENCH_OPENS`` times (default 5), each
in a new browser context (a new reader: nothing cached), with every request but the file refused and counted.
Time to polygons is measured two ways: by this script's clock from ``page.goto`` until the page has its 27 unit
paths (as ``run.py`` times the dashboard; polled every 5 ms), and by the page's own clock (``performance.now()`` at
the first animation frame with the 27 paths: from navigation start). Also on a 4× slower CPU (Chromium's throttling), as
``run.py`` does. Prints a table; nothing here asserts a time.

    .venv/bin/python benchmarks/embed_bench.py
"""

from __future__ import annotations

import gzip
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from browser import CHROMIUM  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from dashboard import cli  # noqa: E402
from dashboard.core import assets  # noqa: E402
from dashboard.export import embed  # noqa: E402

OPENS = int(os.environ.get("BENCH_OPENS", "5"))
SLOW_CPU = 4
PAINTED_INIT_JS = """(() => {
  const check = () => {
    if (document.querySelectorAll('#cm-map path.leaflet-interactive').length >= 27) {
      window.__painted = performance.now();
    } else {
      requestAnimationFrame(check);
    }
  };
  requestAnimationFrame(check);
})();"""
"""Run before the page's own scripts (Playwright's init script, outside the page's policy): the page's clock at
the first animation frame with the 27 unit paths, in ms from navigation start."""


def open_once(browser, url: str, cpu: int = 1) -> tuple[float, float, int]:
    """(wall ms goto → polygons, the page's ms navigation start → polygons, requests refused) for a new reader."""
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    refused = []
    context.route("**/*", lambda r: r.continue_() if r.request.url == url else (refused.append(1), r.abort()))
    context.add_init_script(PAINTED_INIT_JS)
    page = context.new_page()
    if cpu > 1:
        page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": cpu})
    t0 = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_function("() => window.__painted !== undefined", polling=5, timeout=60_000)
    wall = (time.perf_counter() - t0) * 1000
    in_page = page.evaluate("() => window.__painted")
    context.close()
    return wall, in_page, len(refused)


def main() -> int:
    if not Path(CHROMIUM).exists():
        print("needs Debian's chromium: run `make chromium`", file=sys.stderr)
        return 2
    out = Path(tempfile.mkdtemp(prefix="claims-embed-bench-")) / "map.html"
    t0 = time.perf_counter()
    if cli.main(["export", "--format", "html", "--out", str(out)]) != 0:
        return 1
    export_s = time.perf_counter() - t0
    data = out.read_bytes()
    leaflet = len(assets.leaflet_script().encode()) + len(assets.leaflet_css().encode())
    url = out.as_uri()
    rows: dict[str, list[float]] = {}
    refused = 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        open_once(browser, url)  # warm the browser process once (not counted)
        for cpu in (1, SLOW_CPU):
            label = "" if cpu == 1 else f", {cpu}× slower CPU"
            for _ in range(OPENS):
                wall, in_page, n = open_once(browser, url, cpu)
                refused += n
                rows.setdefault(f"open → polygons, this script's clock (ms){label}", []).append(wall)
                rows.setdefault(f"open → polygons, the page's clock (ms){label}", []).append(in_page)
        browser.close()
    print(
        f"embed of the seed: {len(data):,} bytes ({len(data) / 1000:.1f} KB; budget {embed.BUDGET_BYTES / 1000:.0f} KB)"
    )
    print(f"  of which Leaflet's script and stylesheet: {leaflet:,} bytes")
    print(f"  gzipped (as a static host may serve it): {len(gzip.compress(data)):,} bytes")
    print(f"  written by `export --format html` in {export_s:.2f} s (first export in this process, imports included)")
    print(f"requests other than the file: {refused}")
    width = max(len(k) for k in rows)
    print(f"{'median of ' + str(OPENS) + ' opens from file://':<{width}}  median     min     max")
    for name, values in rows.items():
        print(f"{name:<{width}}  {statistics.median(values):6.0f}  {min(values):6.0f}  {max(values):6.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
