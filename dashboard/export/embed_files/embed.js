/* The embed's behaviour (dashboard/export/embed.py): the map, tooltips, the panel, keyboard and touch.
 *
 * Everything it shows comes from the JSON in #cm-data and is written with textContent, never as markup: a
 * source's text stays text. No request is made: the boundaries are in the JSON (decoded by
 * window.claimsEmbedDecode, dashboard/places/topology.py), the background is plain. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("cm-data").textContent);
  var decode = window.claimsEmbedDecode;
  var units = data.units, sources = data.sources, panel = document.getElementById("cm-panel");
  var hover = {weight: 3.5, color: "#000000"}, selectedStyle = {fill: false, weight: 4, color: "#000000"};
  var map = L.map("cm-map", {zoomSnap: 0.25, scrollWheelZoom: false, attributionControl: true})
    .setView([48.4, 31.2], 5);  // a view from the start; fitted to Ukraine below, once the box has its size
  map.attributionControl.setPrefix(false);
  L.control.scale({imperial: false}).addTo(map);

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  // The neighbouring countries, plain and not interactive: where Ukraine is, without tiles.
  map.getContainer().style.backgroundColor = data.sea;  // what is not land is sea (dashboard/style.py)
  L.geoJSON(decode(data.scale, data.context_payload), {
    interactive: false,
    style: function () { return data.context_style; }
  }).addTo(map);

  var byIso = {}, outline = null;
  function restyle(iso) {
    if (byIso[iso]) { byIso[iso].setStyle(units[iso].style); }
  }
  // The chosen unit's outline is a layer of its own on top, catching no click: the units keep their order in
  // the page, which is the keyboard's order.
  function drawOutline(iso) {
    if (outline) { map.removeLayer(outline); outline = null; }
    if (!byIso[iso]) { return; }
    outline = L.geoJSON(byIso[iso].feature, {interactive: false, style: function () { return selectedStyle; }})
      .addTo(map);
  }

  function tooltip(p) {
    var box = el("div");
    box.appendChild(el("strong", p.name));
    box.appendChild(el("div", p.status));
    return box;
  }

  function sourceLine(field) {
    var source = sources[field.source];
    var p = el("p", null, "cm-where");
    if (!source) { return p; }
    p.appendChild(document.createTextNode("From " + source.line + " (" + field.origin_label + ")"));
    if (source.url && /^https?:\/\//i.test(source.url)) {
      p.appendChild(document.createTextNode(" · "));
      var a = el("a", "Read the original");
      a.href = source.url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      p.appendChild(a);
    }
    return p;
  }

  function fieldSection(field) {
    var box = el("div", null, "cm-field");
    box.appendChild(el("h3", field.title));
    var value = el("p");
    value.appendChild(el("strong", field.label));
    if (field.stated) {
      var label = field.origin_label.charAt(0).toUpperCase() + field.origin_label.slice(1);
      value.appendChild(el("span", label, "cm-origin cm-origin-" + field.origin));
    }
    box.appendChild(value);
    field.excerpts.forEach(function (text) { box.appendChild(el("blockquote", text)); });
    if (field.cue) { box.appendChild(el("p", "Cue words: “" + field.cue + "”", "cm-where")); }
    if (field.attributed_to) {
      box.appendChild(el("p", "The source reports this as the claim of: " + field.attributed_to, "cm-where"));
    }
    if (field.note) { box.appendChild(el("p", field.note, "cm-where")); }
    if (field.stated) { box.appendChild(sourceLine(field)); }
    else { box.appendChild(el("p", "Not stated in the source.", "cm-where")); }
    if (field.disagree) {
      box.appendChild(el("p", "The sources disagree on the " + field.title.toLowerCase() + ":", "cm-where"));
      var list = el("ul");
      field.disagree.forEach(function (line) { list.appendChild(el("li", line)); });
      box.appendChild(list);
    }
    return box;
  }

  function showPanel(iso) {
    var p = units[iso];
    while (panel.firstChild) { panel.removeChild(panel.firstChild); }
    var head = el("h2", p.name + " ");
    head.appendChild(el("small", "(" + iso + ")"));
    panel.appendChild(head);
    if (!p.fields) {
      panel.appendChild(el("p", "Not named in the source. Choose a coloured region to read what the source says."));
      return;
    }
    panel.appendChild(el("p", p.status));
    p.fields.forEach(function (field) { panel.appendChild(fieldSection(field)); });
  }

  function select(iso, reveal) {
    drawOutline(iso);
    showPanel(iso);
    if (reveal) {
      var box = panel.getBoundingClientRect();
      if (box.top > window.innerHeight || box.bottom < 0) { panel.scrollIntoView({block: "start"}); }
    }
  }

  var layerGroup = L.geoJSON(decode(data.scale, data.units_payload), {
    style: function (f) { return units[f.properties.iso_3166_2].style; },
    onEachFeature: function (feature, layer) {
      var iso = feature.properties.iso_3166_2, p = units[iso];
      byIso[iso] = layer;
      layer.bindTooltip(function () { return tooltip(p); }, {sticky: true, className: "cm-tooltip"});
      layer.on("mouseover", function () { layer.setStyle(hover); });
      layer.on("mouseout", function () { restyle(iso); });
      layer.on("click", function () { select(iso, true); });
      layer.on("add", function () {
        var node = layer.getElement && layer.getElement();
        if (!node) { return; }
        // The units the source names are tab stops (their tooltip opens on focus); Enter or Space chooses one.
        node.setAttribute("tabindex", p.named ? "0" : "-1");
        node.setAttribute("role", "button");
        node.setAttribute("aria-label", p.name + ": " + p.status);
        node.setAttribute("data-iso", iso);
        node.addEventListener("focus", function () { layer.setStyle(hover); });
        node.addEventListener("blur", function () { restyle(iso); });
        node.addEventListener("keydown", function (ev) {
          if (ev.key !== "Enter" && ev.key !== " ") { return; }
          ev.preventDefault();
          select(iso, true);
        });
      });
    }
  }).addTo(map);

  // Short labels for the units the source names, at a point inside each (textContent; they catch no pointer),
  // placed again whenever the view changes, so that they follow the map once it has its size.
  var labels = Object.keys(units).filter(function (iso) { return units[iso].label_at; }).map(function (iso) {
    return L.tooltip({permanent: true, direction: "center", className: "cm-label", opacity: 1})
      .setLatLng(units[iso].label_at).setContent(el("span", units[iso].name));
  });
  function placeLabels() {
    labels.forEach(function (t) { if (map.hasLayer(t)) { t.update(); } else { t.addTo(map); } });
  }
  map.on("resize viewreset zoomend moveend", function () { window.requestAnimationFrame(placeLabels); });

  // Tab order: the named units in the order the source names them (document order of their paths).
  data.order.forEach(function (iso) { if (byIso[iso]) { byIso[iso].bringToFront(); } });

  // Follow the page's width: fit Ukraine again on every resize until the reader moves or zooms the map.
  var moved = false;
  function fit() {
    var box = map.getContainer();
    if (box.clientWidth < 40 || box.clientHeight < 40) { return; }  // not laid out (yet): nothing to fit
    map.invalidateSize({pan: false, animate: false});
    if (!moved) { map.fitBounds(data.bounds, {animate: false, padding: [4, 4]}); }
  }
  fit();
  window.requestAnimationFrame(placeLabels);
  map.on("dragstart", function () { moved = true; });
  map.on("zoomstart", function (e) { if (e && e.originalEvent) { moved = true; } });
  Array.prototype.forEach.call(document.querySelectorAll(".leaflet-control-zoom a"), function (a) {
    a.addEventListener("click", function () { moved = true; });
  });
  if (window.ResizeObserver) { new ResizeObserver(fit).observe(map.getContainer()); }

  // Touch screens: one finger scrolls the page past the map, two fingers move and zoom it (as the dashboard).
  if (window.matchMedia && window.matchMedia("(hover: none) and (pointer: coarse)").matches) {
    map.dragging.disable();
    var container = map.getContainer(), timer = null;
    var hint = L.DomUtil.create("div", "cm-touch-hint", container);
    hint.setAttribute("aria-hidden", "true");
    hint.textContent = data.hint;
    var hide = function () { hint.classList.remove("cm-shown"); };
    container.addEventListener("touchmove", function (e) {
      if (e.touches.length !== 1) { hide(); return; }
      hint.classList.add("cm-shown");
      clearTimeout(timer);
      timer = setTimeout(hide, 1500);
    }, {passive: true});
    container.addEventListener("touchstart", function (e) { if (e.touches.length > 1) { hide(); } }, {passive: true});
  }

  if (data.selected) { select(data.selected, false); }
  window.claimsEmbed = {map: map, layers: layerGroup, select: select};
})();
