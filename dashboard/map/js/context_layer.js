// The sea and the neighbouring countries, plain and catching no click (mapview.ContextLayer): the countries in a
// pane of their own under the tiles, so that the optional basemap covers them when shown.
(function (options, map) {
    map.getContainer().style.backgroundColor = options.sea;
    var pane = map.createPane("cm-context");
    pane.style.zIndex = 150;  // under the tile pane (200) and the units (overlay pane, 400)
    pane.style.pointerEvents = "none";
    var context = window[options.contextGlobal];
    if (!context) { return; }
    L.geoJSON(context, {pane: "cm-context", interactive: false, style: function () { return options.style; }})
        .addTo(map);
})
