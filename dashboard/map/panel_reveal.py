"""Bring the region's panel into view when the reader cannot see it after choosing a region.

On a phone the page stacks the map, the region's panel and the article: a tap on the map changed only the
outline on the map while the panel that answers it started below the screen, and a mention chosen in the
article (:mod:`dashboard.map.mention_links`) left the reader in the text. This script, in the map's iframe (served
from the page's own origin, as :class:`dashboard.map.mapview.SelectionOutline` is), defines
``window.claimsMapReveal(iso)``: once the page's panel names ``iso``, it is scrolled into view if its top is
hidden (above the screen or under Streamlit's top bar) or in the screen's lower part. After a click on the map
it is called only where the panel sits below the map (the stacked layout); beside the map, on a wide screen,
the page never moves. The panel keeps 4rem clear above it (``scroll-margin-top`` in
:data:`dashboard.web.panels.CSS`), below Streamlit's top bar.
"""

from __future__ import annotations

import json

from branca.element import MacroElement
from jinja2 import Template

from dashboard.map import dom

REVEAL_GLOBAL = "claimsMapReveal"
RUN_STATE_ATTRIBUTE = "data-test-script-state"
"""Streamlit marks its app element with the script's state; the panel is scrolled to once the rerun is over and
the page laid out (an element above the panel may still change size until then). Without it, at once."""


class PanelReveal(MacroElement):
    """Scroll the chosen region's panel into view when it is out of sight (see the module docstring)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }}, attr = {{ this.attribute_json }}, doc;
            try { doc = window.parent.document; } catch (e) { return; }
            if (!doc || doc === document || !doc.body) { return; }
            var RUN_STATE = {{ this.run_state_json }};  // on Streamlit's app element: "running" during a rerun
            var asked = null, shown = null, scheduled = false;
            function running() {
                var app = doc.querySelector("[" + RUN_STATE + "]");
                return !!app && app.getAttribute(RUN_STATE) === "running";
            }
            function revealPanel(panel, onlyBelowMap) {
                var top = panel.getBoundingClientRect().top, height = doc.defaultView.innerHeight;
                var frame = window.frameElement;
                if (onlyBelowMap && !(frame && top >= frame.getBoundingClientRect().bottom - 1)) { return; }
                var clear = parseFloat(doc.defaultView.getComputedStyle(panel).scrollMarginTop) || 0;
                if (top < clear - 8 || top > height * 0.6) { panel.scrollIntoView({block: "start"}); }
            }
            function scrollBox(el) {
                for (el = el.parentElement; el && el !== doc.body; el = el.parentElement) {
                    var y = doc.defaultView.getComputedStyle(el).overflowY;
                    if ((y === "auto" || y === "scroll") && el.scrollHeight > el.clientHeight + 1) { return el; }
                }
                return null;
            }
            function showHighlights() {  // each article's box scrolls (the page does not) to its first highlight
                doc.querySelectorAll({{ this.article_json }}).forEach(function (article) {
                    var mark = article.querySelector({{ this.mark_json }}), box = scrollBox(article);
                    if (!mark || !box) { return; }
                    var b = box.getBoundingClientRect(), m = mark.getBoundingClientRect();
                    if (m.top >= b.top && m.bottom <= b.bottom) { return; }
                    box.scrollTop += m.top - b.top - box.clientHeight / 4;
                });
            }
            function settle() {
                scheduled = false;
                if (running()) { return; }  // until the rerun is over and the page laid out
                var panel = doc.querySelector("[" + attr + "]"), iso = panel ? panel.getAttribute(attr) : null;
                if (iso && iso !== shown && !(asked && asked.iso === iso && asked.keepPlace)) { showHighlights(); }
                if (panel && asked && asked.iso === iso) { revealPanel(panel, asked.onlyBelowMap); }
                if (!asked || asked.iso === iso) { asked = null; }
                shown = iso;
            }
            function later() {
                if (!scheduled) { scheduled = true; window.requestAnimationFrame(settle); }
            }
            // Bring the panel naming iso into view once it is there (onlyBelowMap: only in the stacked layout);
            // keepPlace: the reader chose it in the article, whose scroll box stays where it is.
            window.{{ this.reveal_global }} = function (iso, onlyBelowMap, keepPlace) {
                asked = {iso: iso, onlyBelowMap: !!onlyBelowMap, keepPlace: !!keepPlace};
                later();
            };
            new MutationObserver(later).observe(doc.body, {childList: true, subtree: true, attributes: true,
                                                           attributeFilter: [attr, RUN_STATE]});
            later();
            map.getContainer().addEventListener("click", function () {
                setTimeout(function () {  // after streamlit-folium's handler has recorded the clicked unit
                    var data = window.__GLOBAL_DATA__, drawing = data && data.last_active_drawing;
                    var iso = drawing && drawing.properties && drawing.properties.iso_3166_2;
                    if (typeof iso === "string" && !(asked && asked.iso === iso)) {
                        window.{{ this.reveal_global }}(iso, true, false);
                    }
                }, 0);
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "PanelReveal"
        self.attribute_json = json.dumps(dom.SELECTED_ATTRIBUTE)
        self.reveal_global = REVEAL_GLOBAL
        self.run_state_json = json.dumps(RUN_STATE_ATTRIBUTE)
        self.article_json = json.dumps("div." + dom.ARTICLE_CLASS)
        self.mark_json = json.dumps("mark." + dom.HIGHLIGHT_CLASS)
