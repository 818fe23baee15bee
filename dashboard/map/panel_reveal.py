"""Bring the region's panel into view when the reader cannot see it after choosing a region.

On a phone the page stacks the map, the region's panel and the article: a tap on the map changed only the
outline on the map while the panel that answers it started below the screen, and a mention chosen in the
article (:mod:`dashboard.map.mention_links`) left the reader in the text. This script, in the map's iframe (served
from the page's own origin, as :class:`dashboard.map.mapview.SelectionOutline` is), defines
``window.claimsMapReveal(iso)``: once the page's panel names ``iso``, it is scrolled into view if its top is
hidden (above the screen or under Streamlit's top bar) or in the screen's lower part. After a click on the map
it is called only where the panel sits below the map (the stacked layout); beside the map, on a wide screen,
the page never moves. The panel keeps 4rem clear above it (``scroll-margin-top`` in
:data:`dashboard.web.chrome.CSS`), below Streamlit's top bar.
"""

from __future__ import annotations

from dashboard.map import dom
from dashboard.map.scripts import Script

REVEAL_GLOBAL = "claimsMapReveal"
RUN_STATE_ATTRIBUTE = "data-test-script-state"
"""Streamlit marks its app element with the script's state; the panel is scrolled to once the rerun is over and
the page laid out (an element above the panel may still change size until then). Without it, at once."""


class PanelReveal(Script):
    """Scroll the chosen region's panel into view when it is out of sight (see the module docstring)."""

    def __init__(self):
        super().__init__(
            "panel_reveal",
            attribute=dom.SELECTED_ATTRIBUTE,
            revealGlobal=REVEAL_GLOBAL,
            runState=RUN_STATE_ATTRIBUTE,
            article="div." + dom.ARTICLE_CLASS,
            mark="span." + dom.SENTENCE_CLASS,
            unitsAttribute=dom.UNITS_ATTRIBUTE,
        )
