"""A mention in the article chooses its region in place, as a click on the map does, instead of reloading the page.

Each place name in the article view is a link to ``?region=UA-14…`` (:func:`dashboard.claims.links.page_link`); the
article is Streamlit HTML, which cannot run a script, so following the link reloaded the whole page: a new
session, a second or more before the panel showed, and the reader's place in the article lost. This script runs
in the map's iframe (served from the page's own origin, as :class:`dashboard.map.mapview.SelectionOutline` is) and
listens for a plain click on such a link in the page: it chooses the unit by the same click the map's own
keyboard access sends (``window.claimsMapChoose``, from :class:`dashboard.map.mapview.UnitsLayer`), so the script reruns
once and the URL follows. When the region's panel is out of view (on a phone it sits above the article), it is
scrolled into view (:mod:`dashboard.map.panel_reveal`). A click with a modifier key, or on a link whose unit the map
does not have, or with no map at all, follows the link as before.
"""

from __future__ import annotations

from dashboard.claims import links
from dashboard.map import dom, panel_reveal
from dashboard.map.scripts import Script

CHOOSE_GLOBAL = "claimsMapChoose"
"""The map iframe's function that chooses a unit by its ISO code (true if it could)."""
LINK_SELECTOR = "a." + dom.MENTION_CLASS


class MentionLinks(Script):
    """Article mentions choose their unit through the map, without a page load (see the module docstring)."""

    def __init__(self):
        super().__init__(
            "mention_links",
            selector=LINK_SELECTOR,
            regionParam=links.REGION,
            chooseGlobal=CHOOSE_GLOBAL,
            revealGlobal=panel_reveal.REVEAL_GLOBAL,
        )
