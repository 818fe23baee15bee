// Keep Leaflet in step with its container's size (the component's iframe is sized after the map starts). (mapview.FollowContainerSize)
(function (options, map) {
    var moved = false, bounds = options.bounds;
    function fit() {  // no animation: a zoom in flight would leave the overlay unclickable for a moment
        map.invalidateSize({pan: false, animate: false});
        if (!moved) { map.fitBounds(bounds, {animate: false}); }
    }
    fit();
    map.on("dragstart", function () { moved = true; });
    map.getContainer().addEventListener("wheel", function () { moved = true; }, {passive: true});
    map.on("zoomstart", function (e) { if (e && e.originalEvent) { moved = true; } });
    document.querySelectorAll(".leaflet-control-zoom a").forEach(function (a) {
        a.addEventListener("click", function () { moved = true; });
    });
    new ResizeObserver(fit).observe(map.getContainer());
})
