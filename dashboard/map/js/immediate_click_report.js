// After each click on the map, send streamlit-folium's value for it at once (see the module docstring). (map_clicks.ImmediateClickReport)
(function (options, map) {
    var keys = options.keys;
    function report() {
        var data = window.__GLOBAL_DATA__, lib = window.Streamlit;
        if (!data || !lib || typeof lib.setComponentValue !== "function") { return; }
        var wanted = data.returned_objects;
        if (!Array.isArray(wanted) || data.wrap_longitude) { return; }
        if (wanted.some(function (k) { return keys.indexOf(k) < 0; })) { return; }
        var value = {};
        keys.forEach(function (k) { if (wanted.indexOf(k) >= 0) { value[k] = data[k]; } });
        if (JSON.stringify(value) === JSON.stringify(data.previous_data)) { return; }
        data.previous_data = value;
        lib.setComponentValue(value);
    }
    // After every handler of this click (streamlit-folium's records it), not before.
    map.getContainer().addEventListener("click", function () { setTimeout(report, 0); });
})
