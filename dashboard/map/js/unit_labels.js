// Short labels for the units the sources name (mapview.UnitLabels): markers with a text-only icon at a point
// inside each, written with textContent; they catch no pointer, so a click on a label is a click on its unit.
// Markers are re-placed by Leaflet with every view change, as the units are.
(function (options, map) {
    options.labels.forEach(function (l) {
        var icon = L.divIcon({className: options.className, html: "", iconSize: null});
        var marker = L.marker([l.lat, l.lng], {icon: icon, interactive: false, keyboard: false}).addTo(map);
        var el = marker.getElement();
        if (!el) { return; }
        var text = document.createElement("span");
        text.textContent = l.name;
        el.appendChild(text);
    });
})
