"""Time from a step of the "As of" slider to the map showing the new status, for ten dated sources (Chromium).

Ten stored sources, dated a month apart, alternate between "Russian forces control most of the Kherson region"
and "have withdrawn from the entire Kherson region", so every step changes Kherson's status. Each step is a
key press on the slider (the reader's way); the time runs until the unit's ``aria-label`` in the map (its status,
set by the same data that colours it) says the new value. Also counted per step: script runs requested by the
page and websocket bytes received (the geometry is in the served ``map.js`` and never travels the websocket).

Run by ``make bench`` after ``run.py``; ``BENCH_STEPS`` sets the number of steps (default 18). Prints a table and
writes ``benchmarks/TIMELINE.md``. Nothing here asserts a time.
"""

from __future__ import annotations

import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from browser import CHROMIUM, Watch, map_frame  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from serving import running_app  # noqa: E402

from dashboard.sources.store import Store  # noqa: E402

STEPS = int(os.environ.get("BENCH_STEPS", "18"))
HELD = "Russian forces control most of the Kherson region, officials said."
LEFT = "Russian forces have withdrawn from the entire Kherson region, Ukraine said."
LABEL_JS = """(want) => {
  const frame = document.querySelector("iframe[title='streamlit_folium.st_folium']");
  const doc = frame && frame.contentDocument;
  const el = doc && doc.querySelector("path.leaflet-interactive[aria-label^='Kherson:']");
  return !!el && el.getAttribute('aria-label').includes(want);
}"""


def main() -> int:
    if not Path(CHROMIUM).exists():
        print("needs Debian's chromium: run `make chromium`", file=sys.stderr)
        return 2
    folder = Path(tempfile.mkdtemp(prefix="claims-timeline-bench-"))
    store = Store(folder)
    ids = [
        store.add(
            f"Report {n}\n\n{HELD if n % 2 == 0 else LEFT}\n",
            title=f"Report {n}",
            publisher="Wire",
            published=f"2023-{n + 1:02d}-15",
        ).id  # fmt: skip
        for n in range(10)
    ]
    expected = {n: ("control most of it" if n % 2 == 0 else "hold none of it") for n in range(10)}
    times, runs, received = [], [], []
    with running_app(folder) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
        watch = Watch(allowed_host=urlsplit(url).netloc)
        watch.attach(page)
        page.goto(url + "/?asof=2023-10-15&" + "&".join(f"sources={i}" for i in ids))
        map_frame(page)
        slider = page.get_by_role("slider", name=re.compile("As of"))
        slider.focus()
        position = 9
        for step in range(STEPS):
            key = "ArrowLeft" if (step // 8) % 2 == 0 else "ArrowRight"  # back and forth over the dates
            position += -1 if key == "ArrowLeft" else 1
            want = expected[position]
            before_runs, before_bytes = watch.reruns, sum(len(m) for m in watch.received)
            start = time.perf_counter()
            page.keyboard.press(key)
            page.wait_for_function(LABEL_JS, arg=want, timeout=60_000)  # the map's iframe may be a new one
            times.append((time.perf_counter() - start) * 1000)
            page.wait_for_url(re.compile(f"asof=2023-{position + 1:02d}-15"), timeout=60_000)  # the run has ended
            runs.append(watch.reruns - before_runs)
            received.append((sum(len(m) for m in watch.received) - before_bytes) / 1024)
        browser.close()
    rows = [
        ("slider step → map shows the new status (ms)", times),
        ("script runs per step", runs),
        ("websocket bytes per step, decompressed (KB)", received),
    ]
    lines = [
        "# Timeline benchmark",
        "",
        f"`benchmarks/timeline_bench.py` on {time.strftime('%Y-%m-%d')}: 10 dated sources, {STEPS} slider steps "
        "(key presses), Chromium at 1400×900. Run by `make bench`.",
        "",
        "| metric | median | p95 | max |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, values in rows:
        ordered = sorted(values)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        lines.append(f"| {name} | {statistics.median(values):.3g} | {p95:.3g} | {max(values):.3g} |")
    lines += [
        "",
        "The map's geometry is never in these bytes: it is in the served `map.js`; a step sends the page's new",
        "elements and the map's unit properties (names, statuses, styles) again.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    (ROOT / "benchmarks" / "TIMELINE.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
