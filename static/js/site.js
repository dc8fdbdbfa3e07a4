// Circles: small progressive enhancements. Everything works without this file.

// The page's words for what scripts say, in the page's language (base.html's JSON).
var circlesText = (function () {
  var strings = {};
  try {
    var el = document.getElementById("circles-strings");
    if (el) { strings = JSON.parse(el.textContent); }
  } catch (e) { strings = {}; }
  return function (key, english) { return strings[key] || english; };
})();

(function () {
  "use strict";

  // The seeker's own time zone, so online meetings can be shown in their time too.
  var zone = "";
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { zone = ""; }
  document.querySelectorAll('input[data-fill="tz"]').forEach(function (input) {
    if (!input.value && zone) { input.value = zone; input.disabled = false; }
  });

  // "Meeting tonight": on the seeker's own clock (the link names the server's zone without JS).
  document.querySelectorAll("a[data-tonight]").forEach(function (link) {
    if (!zone) { return; }
    var url = new URL(link.href);
    url.searchParams.set("tz", zone);
    link.href = url.pathname + url.search;
    var label = link.querySelector("[data-tonight-zone]");
    if (label) { label.remove(); }
  });

  document.querySelectorAll(".js-only").forEach(function (el) { el.hidden = false; });

  // "Use my location": fills hidden lat/lon fields; the place box is cleared.
  document.querySelectorAll('[data-action="locate"]').forEach(function (button) {
    var form = button.closest("form");
    var status = form.querySelector(".geo-status");
    if (!("geolocation" in navigator)) { button.hidden = true; return; }
    button.addEventListener("click", function () {
      status.textContent = circlesText("locating", "Finding your location…");
      navigator.geolocation.getCurrentPosition(function (pos) {
        var lat = form.querySelector('input[name="lat"]');
        var lon = form.querySelector('input[name="lon"]');
        lat.value = pos.coords.latitude.toFixed(4); lat.disabled = false;
        lon.value = pos.coords.longitude.toFixed(4); lon.disabled = false;
        var near = form.querySelector('input[name="near"]');
        if (near) { near.value = ""; }
        status.textContent = circlesText("located", "Using your location. Searching…");
        form.submit();
      }, function () {
        status.textContent = circlesText("no_location", "We couldn't get your location. Type a city or postcode instead.");
      }, { timeout: 10000, maximumAge: 600000 });
    });
  });

  // Copy buttons.
  document.querySelectorAll('[data-action="copy"]').forEach(function (button) {
    button.addEventListener("click", function () {
      var input = document.getElementById(button.getAttribute("data-target"));
      var status = button.closest("section").querySelector(".copy-status");
      var done = function () { if (status) { status.textContent = circlesText("copied", "Link copied."); } };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(done, function () { input.select(); });
      } else {
        input.select();
        try { document.execCommand("copy"); done(); } catch (e) { /* the text stays selected */ }
      }
    });
  });
})();

// Print buttons (handouts).
document.querySelectorAll('[data-action="print"]').forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});

// A referrer's shortlist for a handout: kept on this device only, carried in the URL.
(function () {
  "use strict";
  var KEY = "circles-shortlist";
  var bar = document.querySelector("[data-shortlist-bar]");
  var read = function () {
    try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { return []; }
  };
  var write = function (slugs) {
    try { localStorage.setItem(KEY, JSON.stringify(slugs)); } catch (e) { /* private mode */ }
  };
  var render = function () {
    var slugs = read();
    document.querySelectorAll("a.shortlist-add").forEach(function (link) {
      var picked = slugs.indexOf(link.getAttribute("data-slug")) >= 0;
      link.textContent = picked ? circlesText("unpick", "Remove from handout") : circlesText("pick", "Add to handout");
      link.setAttribute("aria-pressed", picked ? "true" : "false");
      link.setAttribute("role", "button");
    });
    if (!bar) { return; }
    bar.hidden = slugs.length === 0;
    bar.querySelector("[data-shortlist-count]").textContent = String(slugs.length);
    var query = slugs.map(function (s) { return "group=" + encodeURIComponent(s); }).join("&");
    bar.querySelector("[data-shortlist-link]").href = "/handout?" + query;
  };
  document.querySelectorAll("a.shortlist-add").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var slug = link.getAttribute("data-slug");
      var slugs = read();
      var at = slugs.indexOf(slug);
      if (at >= 0) { slugs.splice(at, 1); } else if (slugs.length < 12) { slugs.push(slug); }
      write(slugs);
      render();
    });
  });
  var clear = document.querySelector('[data-action="clear-shortlist"]');
  if (clear) { clear.addEventListener("click", function () { write([]); render(); }); }
  render();
})();

// Online meetings on a group page: the next one in the seeker's own time, when it differs.
document.querySelectorAll("[data-your-time]").forEach(function (el) {
  var start = new Date(el.getAttribute("data-your-time"));
  if (isNaN(start.getTime())) { return; }
  var iso = el.getAttribute("data-your-time");
  var offset = iso.slice(-6);
  var minutes = (offset[0] === "-" ? -1 : 1) * (parseInt(offset.slice(1, 3), 10) * 60 + parseInt(offset.slice(4, 6), 10));
  if (-start.getTimezoneOffset() === minutes) { return; }
  var text = start.toLocaleString(document.documentElement.lang || undefined, {
    weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit",
    timeZoneName: "short"
  });
  el.textContent = " (" + circlesText("your_time", "%s your time").replace("%s", text) + ")";
});
