"""Speed as the work grows (``make bench``; writes SCALE.md): click → panel and page open → polygons with 1, 5
and 20 shown sources and with one 5 KB, 50 KB and 500 KB article, beside the seed alone and the floor app.

Each configuration gets its own server (``benchmarks/serve.py`` over ``dashboard/app.py``) and a store in a
temporary ``CLAIMS_MAP_DATA_DIR``, filled before the server starts with generated articles: the seed's body
repeated, each copy marked so that every article is its own text, each naming the seed's units with the seed's
sentences (so that the click's check is the same everywhere). The page opens on ``?sources=ID&…``. For each:

- page open → polygons, a returning reader (the browser's cache warm from a first visit), median of ``OPENS``;
- click on Donetsk → its panel heading and excerpt visible, median of ``CLICKS`` (alternating with a click on
  Kherson so that each click changes the panel).

The ratio column is each configuration's median over the seed's (target: ≤ 1.2, issue 17); the floor app
(``benchmarks/floor_app.py``) is opened in the same run for the page open's floor. Environment: ``BENCH_OPENS``
(default 5), ``BENCH_CLICKS`` (default 12). Benchmarks measure; tests never time anything.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import run  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from dashboard.sources.reader import load_seed  # noqa: E402
from dashboard.sources.store import Store  # noqa: E402

OPENS = int(os.environ.get("BENCH_OPENS", "5"))
CLICKS = int(os.environ.get("BENCH_CLICKS", "12"))
OUT = ROOT / "benchmarks" / "SCALE.md"
CLICKED = [
    ("Donetsk", (48.0, 37.8), "Russian forces control most of the Donetsk and Luhansk regions"),
    ("Kherson", (46.7, 33.5), "but only parts of Zaporizhzhia and Kherson"),
]
CONFIGS = [  # (label, number of sources, bytes of each; 0 sources = the seed alone)
    ("the seed alone (4 KB)", 0, 0),
    ("1 source of 5 KB", 1, 5_000),
    ("5 sources of 5 KB", 5, 5_000),
    ("20 sources of 5 KB", 20, 5_000),
    ("1 article of 50 KB", 1, 50_000),
    ("1 article of 500 KB", 1, 500_000),
]


def article_text(n: int, size: int) -> str:
    """A generated article of about ``size`` bytes: the seed's body repeated, each copy marked as its own."""
    body = "\n\n".join(b.text for b in load_seed().body_blocks())
    parts = [f"Front report {n}: the regions Moscow claims"]
    k = 0
    while sum(len(p.encode()) + 2 for p in parts) < size:
        parts.append(f"Dispatch {n}.{k}. {body}")
        k += 1
    return "\n\n".join(parts) + "\n"


def fill_store(data_dir: Path, count: int, size: int) -> list[str]:
    store = Store(data_dir / "sources.sqlite3")
    ids = []
    for n in range(count):
        published = dt.date(2025, 3, 1) + dt.timedelta(days=n)
        added = store.add(article_text(n, size), title=f"Front report {n}", publisher="Bench Wire",
                          published=published.isoformat())  # fmt: skip
        ids.append(added.id)
    return ids


def measure(browser, url: str, clicks: bool) -> tuple[list[float], list[float]]:
    """Returning-reader page opens and (if ``clicks``) click → panel times, in seconds and milliseconds."""
    context = browser.new_context(viewport=run.VIEWPORT)
    page = context.new_page()
    page.goto(url)
    run.wait_polygons(page)  # the first visit fills the cache
    page.close()
    opens = []
    for _ in range(OPENS):
        page = context.new_page()
        t0 = time.perf_counter()
        page.goto(url)
        run.wait_polygons(page)
        opens.append(time.perf_counter() - t0)
        time.sleep(0.5)
        page.close()
    times: list[float] = []
    if clicks:
        page = context.new_page()
        page.goto(url)
        run.wait_polygons(page)
        frame, name = run.map_frame(page)
        time.sleep(1.0)
        for i in range(CLICKS):
            heading, (lat, lon), text = CLICKED[i % len(CLICKED)]
            x, y = run.click_point(page, frame, name, lat, lon)
            t0 = time.perf_counter()
            page.mouse.click(x, y)
            deadline = t0 + 60
            while not run.panel_shows(page, heading, text):
                if time.perf_counter() > deadline:
                    raise TimeoutError(f"{url}: clicking {heading} showed no excerpt")
                time.sleep(0.002)
            times.append((time.perf_counter() - t0) * 1000)
            time.sleep(0.4)
    context.close()
    return opens, times


def main() -> int:
    if not Path(run.CHROMIUM).exists():
        print("benchmarks need Debian's chromium: run `make chromium`", file=sys.stderr)
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="claims-scale-"))
    floordir = workdir / "floor"
    floordir.mkdir()
    (floordir / "static").symlink_to(ROOT / "dashboard" / "static", target_is_directory=True)
    shutil.copytree(ROOT / ".streamlit", floordir / ".streamlit")
    shutil.copy(ROOT / "benchmarks" / "floor_app.py", floordir / "floor_app.py")
    rows = []
    saved_env = os.environ.get("CLAIMS_MAP_DATA_DIR")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=run.CHROMIUM, args=run.CHROMIUM_ARGS)
        floor = run.Server(floordir / "floor_app.py", floordir)
        try:
            floor.start()
            floor_opens, _ = measure(browser, floor.url, clicks=False)
        finally:
            floor.stop()
        for label, count, size in CONFIGS:
            data_dir = workdir / f"data-{count}-{size}"
            data_dir.mkdir()
            ids = fill_store(data_dir, count, size)
            os.environ["CLAIMS_MAP_DATA_DIR"] = str(data_dir)
            server = run.Server(ROOT / "dashboard" / "app.py", ROOT)
            try:
                server.start()
                query = "?" + "&".join(f"sources={i}" for i in ids) if ids else ""
                opens, clicks = measure(browser, server.url + query, clicks=True)
            finally:
                server.stop()
            rows.append((label, opens, clicks))
            print(f"scale: {label} done", file=sys.stderr)
        browser.close()
    if saved_env is None:
        os.environ.pop("CLAIMS_MAP_DATA_DIR", None)
    else:
        os.environ["CLAIMS_MAP_DATA_DIR"] = saved_env
    shutil.rmtree(workdir, ignore_errors=True)

    base_open = statistics.median(rows[0][1])
    base_click = statistics.median(rows[0][2])
    floor_open = statistics.median(floor_opens)
    lines = [
        "# Speed as the work grows (`make bench`, benchmarks/scale_bench.py)",
        "",
        f"{time.strftime('%Y-%m-%d')}: medians of {OPENS} returning-reader page opens and {CLICKS} clicks per "
        "configuration, one server each; ratios over the seed alone (issue 17's target: ≤ 1.2). The floor app's "
        f"page open (st_folium of the units and nothing else) in the same run: {floor_open:.2f} s.",
        "",
        "| shown | page open → polygons (s) | × seed | × floor | click → panel (ms) | × seed | within 1.2× |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for label, opens, clicks in rows:
        o, c = statistics.median(opens), statistics.median(clicks)
        met = "yes" if o <= 1.2 * base_open and c <= 1.2 * base_click else "**no**"
        lines.append(
            f"| {label} | {o:.2f} | {o / base_open:.2f} | {o / floor_open:.2f} | {c:.0f} | {c / base_click:.2f} | "
            f"{met} |"
        )
    text = "\n".join(lines) + "\n"
    print(text)
    OUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        sys.exit(main())
