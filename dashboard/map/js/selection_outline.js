// A thick outline around the selected unit, drawn over the map without catching clicks. (mapview.SelectionOutline)
(function (options, map) {
    var attr = options.attribute, shown = null, layer = null;
    function draw(iso) {
        if (iso === shown) { return; }
        shown = iso;
        if (layer) { map.removeLayer(layer); layer = null; }
        var units = window[options.unitsGlobal];
        if (!iso || !units) { return; }
        var features = units.features.filter(function (f) { return f.properties.iso_3166_2 === iso; });
        if (!features.length) { return; }
        layer = L.geoJSON({type: "FeatureCollection", features: features},
            {style: function () { return options.style; }, interactive: false}).addTo(map);
    }
    function page() {
        try { return window.parent.document; } catch (e) { return null; }
    }
    var scheduled = false;
    function sync() {
        scheduled = false;
        var doc = page();
        if (!doc) { return; }
        var panel = doc.querySelector("[" + attr + "]");
        draw(panel ? panel.getAttribute(attr) : null);
    }
    function later() {
        if (!scheduled) { scheduled = true; window.requestAnimationFrame(sync); }
    }
    sync();
    var doc = page();
    if (doc && doc.body) {
        new MutationObserver(later).observe(doc.body, {childList: true, subtree: true, attributes: true,
                                                        attributeFilter: [attr]});
    }
})
