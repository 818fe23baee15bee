// All units as one Leaflet GeoJSON layer: geometry from the served ``map.js``, the rest from the page. (mapview.UnitsLayer)
(function (options, map) {
    var units = options.units, hover = {weight: 3.5, color: options.hoverColour};
    function label(p) {
        var box = document.createElement("div"), name = document.createElement("strong");
        var status = document.createElement("div");
        name.textContent = p.name;
        status.textContent = p.status;
        box.appendChild(name);
        box.appendChild(status);
        return box;
    }
    var byIso = {};
    // Choose a unit as a click on it does: the same click, dispatched on the unit (true if it could).
    function choose(layer) {
        var el = layer && layer.getElement && layer.getElement();
        if (!el) { return false; }
        var at = map.latLngToContainerPoint(layer.getCenter());
        var box = map.getContainer().getBoundingClientRect();
        el.dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true, view: window,
                                                  clientX: box.left + at.x, clientY: box.top + at.y}));
        return true;
    }
    window[options.chooseGlobal] = function (iso) {  // no pointer over the map: close what the click opened
        var layer = byIso[iso], ok = choose(layer);
        if (ok) { layer.closeTooltip(); }
        return ok;
    };
    // Each unit the sources name is a tab stop (its tooltip opens on focus), named, drawn with the hover
    // outline while focused, and chosen with Enter or Space as a click does. The others are reached by
    // the region list above the map: 27 stops in code order were a long way to the article.
    function keyboard(layer, p) {
        var el = layer.getElement && layer.getElement();
        if (!el) { return; }
        el.setAttribute("tabindex", p.named ? "0" : "-1");
        el.setAttribute("role", "button");
        el.setAttribute("aria-label", p.name + ": " + p.status);
        el.addEventListener("focus", function () { layer.setStyle(hover); });
        el.addEventListener("blur", function () { layer.setStyle(p.style); });
        el.addEventListener("keydown", function (ev) {
            if (ev.key !== "Enter" && ev.key !== " ") { return; }
            ev.preventDefault();
            choose(layer);
        });
    }
    L.geoJSON(window[options.unitsGlobal], {
        style: function (f) { return units[f.properties.iso_3166_2].style; },
        onEachFeature: function (feature, layer) {
            var p = units[feature.properties.iso_3166_2];
            byIso[feature.properties.iso_3166_2] = layer;
            feature.properties.name = p.name;
            feature.properties.status = p.status;
            layer.bindTooltip(function () { return label(p); },
                              {sticky: true, className: options.tooltipClass});
            layer.on("mouseover", function () { layer.setStyle(hover); });
            layer.on("mouseout", function () { layer.setStyle(p.style); });
            layer.on("add", function () { keyboard(layer, p); });
        }
    }).addTo(map);
})
