// Scroll the chosen region's panel into view when it is out of sight (see the module docstring). (panel_reveal.PanelReveal)
(function (options, map) {
    var attr = options.attribute, doc;
    try { doc = window.parent.document; } catch (e) { return; }
    if (!doc || doc === document || !doc.body) { return; }
    var RUN_STATE = options.runState;  // on Streamlit's app element: "running" during a rerun
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
    function showHighlights(iso) {  // each article's box scrolls (the page does not) to its first highlight
        if (!/^UA-\d\d$/.test(iso)) { return; }
        var lit = options.mark + "[" + options.unitsAttribute + '~="' + iso + '"]';
        doc.querySelectorAll(options.article).forEach(function (article) {
            var mark = article.querySelector(lit), box = scrollBox(article);
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
        if (iso && iso !== shown && !(asked && asked.iso === iso && asked.keepPlace)) { showHighlights(iso); }
        if (panel && asked && asked.iso === iso) { revealPanel(panel, asked.onlyBelowMap); }
        if (!asked || asked.iso === iso) { asked = null; }
        shown = iso;
    }
    function later() {
        if (!scheduled) { scheduled = true; window.requestAnimationFrame(settle); }
    }
    // Bring the panel naming iso into view once it is there (onlyBelowMap: only in the stacked layout);
    // keepPlace: the reader chose it in the article, whose scroll box stays where it is.
    window[options.revealGlobal] = function (iso, onlyBelowMap, keepPlace) {
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
                window[options.revealGlobal](iso, true, false);
            }
        }, 0);
    });
})
