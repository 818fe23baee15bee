"""A mention in the article chooses its region in place, as a click on the map does, instead of reloading the page.

Each place name in the article view is a link to ``?region=UA-14…`` (:func:`dashboard.web.panels.region_link`); the
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

import json

from branca.element import MacroElement
from jinja2 import Template

from dashboard.map import dom, panel_reveal

CHOOSE_GLOBAL = "claimsMapChoose"
"""The map iframe's function that chooses a unit by its ISO code (true if it could)."""
LINK_SELECTOR = "a." + dom.MENTION_CLASS


class MentionLinks(MacroElement):
    """Article mentions choose their unit through the map, without a page load (see the module docstring)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var doc;
            try { doc = window.parent.document; } catch (e) { return; }
            if (!doc || doc === document) { return; }
            var selector = {{ this.selector_json }};
            function onClick(ev) {
                var link = ev.target && ev.target.closest ? ev.target.closest(selector) : null;
                if (!link || ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) { return; }
                var iso = new URL(link.href, doc.baseURI).searchParams.get("region");
                var choose = window.{{ this.choose_global }};
                if (!iso || typeof choose !== "function") { return; }  // the link works as before
                var reveal = window.{{ this.reveal_global }};
                if (typeof reveal === "function") { reveal(iso, false, true); }  // before the map's click asks
                if (!choose(iso)) { return; }
                ev.preventDefault();
            }
            doc.addEventListener("click", onClick, true);
            window.addEventListener("pagehide", function () { doc.removeEventListener("click", onClick, true); });
        })();
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "MentionLinks"
        self.selector_json = json.dumps(LINK_SELECTOR)
        self.choose_global = CHOOSE_GLOBAL
        self.reveal_global = panel_reveal.REVEAL_GLOBAL
