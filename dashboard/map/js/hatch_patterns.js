// Adds the patterns' ``<defs>`` to the SVG that Leaflet draws the overlays in (add it after the layers). (hatches.HatchPatterns)
(function (options, map) {
    var svg = map.getPanes().overlayPane.querySelector("svg");
    if (!svg) { return; }
    var defs = document.createElementNS("http://www.w3.org/2000/svg", "defs");
    defs.innerHTML = options.markup;
    svg.insertBefore(defs, svg.firstChild);
})
