"""Embeds for the tests (test_embed.py, test_browser_embed.py) and the benchmark: the seed's, and a hostile one."""

from __future__ import annotations

import re
from pathlib import Path

from dashboard import cli
from dashboard.claims import curated_claims, selection
from dashboard.export import embed
from dashboard.sources.model import SourceMeta
from dashboard.sources.reader import build_article

SCRIPT_IN_TEXT = "</script><script>window.pwned = 1; alert(1)</script>"
IMG_IN_TEXT = '<img src="x" onerror="window.pwned = 2">'
HOSTILE_TEXT = (
    "Hostile report\n\n"
    f"Russian forces control most of the Donetsk region {SCRIPT_IN_TEXT} and \"double\" 'single' quotes here.\n\n"
    f"Moscow declared the annexation of Luhansk in 2022 {IMG_IN_TEXT} — a line separator [\u2028] and a paragraph"
    " separator [\u2029] follow, &amp; an entity and <!-- a comment --> too.\n"
)
HOSTILE_TITLE = "</title><script>window.pwned = 3</script> “Quoted” & <b>bold</b>"
HOSTILE_PUBLISHER = "Evil <i>Press</i> \u2028 & Co"
JAVASCRIPT_URL = "javascript:window.pwned=4"
DONETSK_CONTROL = "Russian forces control most of the Donetsk and Luhansk regions"


def seed_embed(out: Path) -> Path:
    """The seed's embed, written by the command line (``python -m dashboard export --format html``)."""
    assert cli.main(["export", "--format", "html", "--out", str(out)]) == 0
    return out


def hostile_embed(out: Path) -> Path:
    """An embed of an article whose text, title and publisher carry markup, script, quotes, U+2028/2029 and a
    ``javascript:`` URL in its details (built past the file checks, which refuse that URL, to test the embed's
    own defence)."""
    meta = SourceMeta(title=HOSTILE_TITLE, publisher=HOSTILE_PUBLISHER, url=JAVASCRIPT_URL)
    article = build_article("hostile.txt", HOSTILE_TEXT, meta)
    curated = curated_claims.load_claims()
    view = selection.page_view([article], curated)
    out.write_text(embed.embed_html(view, title=HOSTILE_TITLE), encoding="utf-8")
    return out


def data_of(html: str) -> dict:
    """The JSON data inside an embed."""
    import json

    found = re.search(r'<script type="application/json" id="cm-data">(.*?)</script>', html, re.S)
    assert found, "no data block"
    return json.loads(found.group(1))
