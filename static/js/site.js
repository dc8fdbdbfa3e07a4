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

  // Share controls (_macros/share.html): the device's share sheet where the browser has one,
  // else "Copy link" with a visible confirmation. The plain link is for pages without this file.
  var copyLink = function (input, status) {
    var done = function () { if (status) { status.textContent = circlesText("copied", "Link copied."); } };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done, function () { input.select(); });
    } else {
      input.select();
      try { if (document.execCommand("copy")) { done(); } } catch (e) { /* the text stays selected */ }
    }
  };
  var canShare = typeof navigator.share === "function";
  document.querySelectorAll('[data-action="share"]').forEach(function (button) {
    var input = document.getElementById(button.getAttribute("data-target"));
    var row = button.closest(".share-row");
    var status = row && row.parentNode.querySelector(".copy-status");
    var data = { title: button.getAttribute("data-title") || document.title, url: input.value };
    if (!canShare || (navigator.canShare && !navigator.canShare(data))) { return; }
    button.hidden = false;
    var copy = row.querySelector('[data-action="copy"]');
    if (copy) { copy.remove(); }
    button.addEventListener("click", function () {
      navigator.share(data).catch(function (error) {
        // Closing the share sheet is a choice, not a failure; anything else falls back to copying.
        if (!error || error.name !== "AbortError") { copyLink(input, status); }
      });
    });
  });
  document.querySelectorAll('[data-action="copy"]').forEach(function (button) {
    var input = document.getElementById(button.getAttribute("data-target"));
    var row = button.closest(".share-row");
    var status = row ? row.parentNode.querySelector(".copy-status") : null;
    button.addEventListener("click", function () { copyLink(input, status); });
  });
  // With a working button, the plain link's "press and hold" advice is not needed.
  document.querySelectorAll("[data-share-plain]").forEach(function (el) { el.hidden = true; });
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

// A meeting's start (ISO 8601 with its zone's offset) as a Date, with whether the reader's own
// zone shows it at a different clock time; null when the text cannot be read.
function readerStart(iso) {
  var start = new Date(iso);
  var offset = /([+-])(\d\d):(\d\d)$/.exec(iso || "");
  if (isNaN(start.getTime()) || !offset) { return null; }
  var minutes = (offset[1] === "-" ? -1 : 1) * (parseInt(offset[2], 10) * 60 + parseInt(offset[3], 10));
  return { date: start, differs: -start.getTimezoneOffset() !== minutes };
}

// Online meetings on a group page: the next one in the seeker's own time, when it differs.
document.querySelectorAll("[data-your-time]").forEach(function (el) {
  var start = readerStart(el.getAttribute("data-your-time"));
  if (!start || !start.differs) { return; }
  var text = start.date.toLocaleString(document.documentElement.lang || undefined, {
    weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit",
    timeZoneName: "long"  // the zone in words, in the page's language ("heure normale du Japon")
  });
  el.textContent = " (" + circlesText("your_time", "%s your time").replace("%s", text) + ")";
});

// The embed (shown on other sites, to readers anywhere): the next meeting's time, written by
// the server in the zone it names, is rewritten in the reader's own zone when that differs
// ("tomorrow 4:00 AM your time (Japan Standard Time)"); the server's text stays as the title
// and without JS.
document.querySelectorAll("[data-reader-time]").forEach(function (el) {
  var start = readerStart(el.getAttribute("data-reader-time"));
  if (!start || !start.differs) { return; }
  var lang = document.documentElement.lang || undefined;
  var at = start.date.toLocaleTimeString(lang, { hour: "numeric", minute: "2-digit" });
  var zoneName = "";
  try {
    zoneName = new Intl.DateTimeFormat(lang, { timeZoneName: "long" })  // in words, not "GMT+9"
      .formatToParts(start.date).filter(function (p) { return p.type === "timeZoneName"; })[0].value;
  } catch (e) { zoneName = ""; }
  var yours = circlesText("your_time", "%s your time").replace("%s", at) +
    (zoneName ? " (" + zoneName + ")" : "");
  var text;
  if (el.hasAttribute("data-in-progress")) {
    text = circlesText("reader_started", "meeting now (started %s)").replace("%s", yours);
  } else {
    var midnight = function (d) { return new Date(d.getFullYear(), d.getMonth(), d.getDate()); };
    var days = Math.round((midnight(start.date) - midnight(new Date())) / 86400000);
    var weekday = start.date.toLocaleDateString(lang, { weekday: "short" });
    if (days <= 0) { text = circlesText("reader_today", "today %s").replace("%s", yours); }
    else if (days === 1) { text = circlesText("reader_tomorrow", "tomorrow %s").replace("%s", yours); }
    else if (days < 7) {
      text = circlesText("reader_next", "next %s").replace("%s", weekday + " " + yours);
    } else {
      text = start.date.toLocaleDateString(lang, { weekday: "short", day: "numeric", month: "short" }) +
        " " + yours;
    }
  }
  el.title = el.textContent;
  el.textContent = text;
});

// "Larger text": switched in place and remembered in a first-party cookie (the link itself
// does the same through the server without JavaScript).
document.querySelectorAll("a[data-text-size]").forEach(function (link) {
  "use strict";
  var root = document.documentElement;
  var render = function () {
    var large = root.classList.contains("text-large");
    link.textContent = link.getAttribute(large ? "data-label-normal" : "data-label-large");
  };
  link.setAttribute("role", "button");
  render();
  link.addEventListener("click", function (event) {
    event.preventDefault();
    var large = root.classList.toggle("text-large");
    var secure = window.location.protocol === "https:" ? "; Secure" : "";
    document.cookie = "circles_text=" + (large ? "large" : "normal") +
      "; Max-Age=31536000; Path=/; SameSite=Lax" + secure;
    render();
  });
});
