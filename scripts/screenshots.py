"""The README's screenshot of the dashboard (docs/dashboard.png): the seed, Donetsk chosen, at 1400 × 900.

Run ``.venv/bin/python scripts/screenshots.py`` (needs Debian's chromium); it starts the app on a free port with
an empty store, opens ``?region=UA-14`` and waits for the map's polygons and the region's panel.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402
from serving import running_app  # noqa: E402

OUT = ROOT / "docs" / "dashboard.png"


def main() -> None:
    with tempfile.TemporaryDirectory() as data, running_app(Path(data)) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--headless=new"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(f"{base}/?region=UA-14")
        page.locator("h3", has_text="Donetsk").first.wait_for(timeout=60_000)
        frame = next(f for f in page.frames if f != page.main_frame and "component" in f.url)
        frame.wait_for_function("() => document.querySelectorAll('path.leaflet-interactive').length >= 27")
        frame.wait_for_function("() => document.querySelectorAll('.cm-label span').length > 0")
        page.wait_for_timeout(1500)  # the outline and the labels settle
        page.screenshot(path=str(OUT))
        browser.close()
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
