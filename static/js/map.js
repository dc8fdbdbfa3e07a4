// Circles: the optional map (only on pages whose server has MAP_TILES_URL set). Nothing is
// requested until the seeker presses "Show map": then our own copy of Leaflet loads and the
// tiles come from the configured server only. Pins are the page's own [data-pin-lat] places.
(function () {
  "use strict";
  var panel = document.querySelector("[data-map]");
  if (!panel) { return; }
  var pins = Array.prototype.slice.call(document.querySelectorAll("[data-pin-lat]")).map(function (el) {
    return {
      lat: parseFloat(el.getAttribute("data-pin-lat")),
      lon: parseFloat(el.getAttribute("data-pin-lon")),
      name: el.getAttribute("data-pin-name") || "",
      href: el.getAttribute("data-pin-href"),
      where: el.getAttribute("data-pin-where") || "",
      approximate: el.hasAttribute("data-pin-approximate")
    };
  }).filter(function (pin) {
    return isFinite(pin.lat) && isFinite(pin.lon) && Math.abs(pin.lat) <= 90 && Math.abs(pin.lon) <= 180;
  });
  if (!pins.length) { return; }  // nothing to pin: the map stays hidden
  panel.hidden = false;
  var button = panel.querySelector('[data-action="toggle-map"]');
  var box = panel.querySelector(".map");
  var map = null;

  var load = function (done) {
    if (window.L) { done(); return; }
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = panel.getAttribute("data-leaflet-css");
    document.head.appendChild(css);
    var script = document.createElement("script");
    script.src = panel.getAttribute("data-leaflet-js");
    script.onload = done;
    document.head.appendChild(script);
  };

  var text = function (tag, value, className) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (className) { el.className = className; }
    return el;
  };

  var build = function () {
    var L = window.L;
    map = L.map(box, { scrollWheelZoom: false });
    map.attributionControl.setPrefix("");
    // The attribution is the operator's plain text: Leaflet would read it as HTML.
    var attribution = text("span", panel.getAttribute("data-attribution") || "").innerHTML;
    L.tileLayer(panel.getAttribute("data-tiles"), { attribution: attribution, maxZoom: 19 }).addTo(map);
    var approximate = panel.getAttribute("data-label-approximate") || "";
    var layer = L.layerGroup().addTo(map);
    var describe = function (pin) {
      var item = document.createElement("li");
      if (pin.href) {
        var link = text("a", pin.name);
        link.href = pin.href;
        item.appendChild(link);
      } else {
        item.appendChild(text("strong", pin.name));
      }
      if (pin.where) { item.appendChild(text("span", " · " + pin.where)); }
      if (pin.approximate) { item.appendChild(text("span", " (" + approximate + ")", "hint")); }
      return item;
    };
    // Pins closer than SPACING pixels at this zoom share one marker (its popup lists them all),
    // so every marker is a target of 28 px with room around it (WCAG 2.5.8).
    var SPACING = 36;
    var draw = function () {
      layer.clearLayers();
      var clusters = [];
      pins.forEach(function (pin) {
        var point = map.latLngToLayerPoint([pin.lat, pin.lon]);
        var near = clusters.filter(function (c) { return c.point.distanceTo(point) < SPACING; })[0];
        if (near) { near.pins.push(pin); } else { clusters.push({ point: point, pins: [pin] }); }
      });
      clusters.forEach(function (cluster) {
        var first = cluster.pins[0];
        var count = cluster.pins.length;
        var names = cluster.pins.map(function (pin) { return pin.name; }).join(", ");
        var icon = L.divIcon({ className: "map-pin" + (count > 1 ? " map-pin-several" : ""),
                               iconSize: [28, 28], html: count > 1 ? String(count) : "" });
        var marker = L.marker([first.lat, first.lon], { icon: icon, title: names, alt: names, keyboard: true });
        var list = document.createElement("ul");
        list.className = "map-popup-list";
        cluster.pins.forEach(function (pin) { list.appendChild(describe(pin)); });
        marker.bindPopup(list);
        layer.addLayer(marker);
      });
    };
    var points = pins.map(function (pin) { return [pin.lat, pin.lon]; });
    if (points.length === 1) { map.setView(points[0], 14); } else { map.fitBounds(points, { padding: [30, 30], maxZoom: 15 }); }
    draw();
    map.on("zoomend", draw);
  };

  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") === "true";
    button.setAttribute("aria-expanded", open ? "false" : "true");
    button.textContent = panel.getAttribute(open ? "data-label-show" : "data-label-hide");
    box.hidden = open;
    if (open) { return; }
    load(function () { if (map) { map.invalidateSize(); } else { build(); } });
  });
})();
