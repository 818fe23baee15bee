// Short labels for the units the sources name (mapview.UnitLabels): permanent tooltips at a point inside each,
// written with textContent; the tooltip pane catches no pointer, so a click on a label is a click on its unit.
(function (options, map) {
    var labels = options.labels.map(function (l) {
        var text = document.createElement("span");
        text.textContent = l.name;
        return L.tooltip({permanent: true, direction: "center", className: options.className, opacity: 1})
            .setLatLng([l.lat, l.lng])
            .setContent(text);
    });
    // Placed once the map has its size and view (the component's frame is sized after the map starts), and
    // again whenever either changes.
    function place() { labels.forEach(function (t) { if (map.hasLayer(t)) { t.update(); } else { t.addTo(map); } }); }
    function later() { window.requestAnimationFrame(place); }  // after the view change is laid out
    map.whenReady(place);
    map.on("resize viewreset zoomend moveend", later);
    new ResizeObserver(later).observe(map.getContainer());
})
