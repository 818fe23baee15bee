"""Many sources stay readable (Debian's Chromium): with twenty sources the map is on the first screen of a
1400×900 window, the sources fold into a list by date, and one article is shown at a time."""

from __future__ import annotations

import re
import uuid
from urllib.parse import urlsplit

import pytest
from browser import CHROMIUM, Watch, map_frame
from playwright.sync_api import sync_playwright
from serving import running_app

from dashboard.sources.store import Store

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def twenty(tmp_path_factory):
    folder = tmp_path_factory.mktemp("many-store")
    store = Store(folder)
    tag = uuid.uuid4().hex[:6]
    ids = [
        store.add(
            f"Front line report {n} {tag}\n\nRussian forces control most of the Donetsk region, officials said "
            f"in report {n}. Shelling hit the Kharkiv region.\n",
            title=f"Front line report {n} {tag}",
            publisher=f"Wire {n}",
            published=f"2023-{n % 12 + 1:02d}-{n + 1:02d}",
        ).id
        for n in range(20)
    ]
    with running_app(folder) as url:
        yield url, ids


def test_twenty_sources_keep_the_map_on_the_first_screen(twenty):
    url, ids = twenty
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
        watch = Watch(allowed_host=urlsplit(url).netloc)
        watch.attach(page)
        page.goto(url + "/?" + "&".join(f"sources={i}" for i in ids))
        frame = map_frame(page)
        box = frame.frame_element().bounding_box()
        assert box["y"] + box["height"] <= 900, box  # the whole map in the first screen
        header = page.locator("details.cm-sources")
        assert header.locator("summary").inner_text().startswith("20 sources on one map")
        header.locator("summary").click()
        assert header.locator("li").count() == 20
        # one article at a time, chosen in a list (not twenty tabs)
        assert page.locator("div.cm-article").count() == 1
        chooser = page.get_by_role("combobox", name=re.compile("Article shown"))
        chooser.click()
        page.keyboard.type("Wire 7")
        page.keyboard.press("Enter")
        page.locator("div.cm-article", has_text="in report 7.").wait_for(timeout=60_000)
        assert page.locator("div.cm-article").count() == 1
        assert watch.blocked == [] and watch.console_errors == []
        browser.close()
