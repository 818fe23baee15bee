// The browser's decoder of topology.py's payload: (scale, payload) -> GeoJSON FeatureCollection, as
// topology.decode_payload does in Python (used by the dashboard's map and by the embed).
function (q, data) {
  function numbers(s) {
    var out = [], v = 0, shift = 0;
    for (var i = 0; i < s.length; i++) {
      var b = s.charCodeAt(i) - 63;
      v += (b & 31) * Math.pow(2, shift); shift += 5;
      if (b < 32) { out.push(v % 2 ? -(v + 1) / 2 : v / 2); v = 0; shift = 0; }
    }
    return out;
  }
  var arcs = data[0].map(function (s) {
    var n = numbers(s), points = [], x = 0, y = 0;
    for (var i = 0; i < n.length; i += 2) { x += n[i]; y += n[i + 1]; points.push([x, y]); }
    return points;
  });
  function ring(r) {
    var walked = [];
    for (var i = 1; i < r.length; i++) {
      var points = r[i] >= 0 ? arcs[r[i]] : arcs[~r[i]].slice().reverse();
      walked = walked.concat(walked.length ? points.slice(1) : points);
    }
    var body = walked.slice(0, -1), k = body.length - r[0];
    body = body.slice(k).concat(body.slice(0, k));
    body.push(body[0]);
    return body.map(function (p) { return [p[0] / q, p[1] / q]; });
  }
  return {type: "FeatureCollection", features: data[1].map(function (u) {
    var polygons = u[2].map(function (p) { return p.map(ring); });
    return {type: "Feature", properties: {iso_3166_2: u[0]},
            geometry: {type: u[1], coordinates: u[1] === "Polygon" ? polygons[0] : polygons}};
  })};
}
