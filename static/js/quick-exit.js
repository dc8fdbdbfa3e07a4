// Quick exit: for a seeker whose search could put them in danger if someone saw it.
// Without JavaScript the "Quick exit" link still goes to about:blank (a page with no address
// of ours and nothing on it). With it, one tap — or Escape pressed twice within 1.5 s — hides
// this page at once and *replaces* its history entry, so Back does not return to it.
// about:blank rather than a neutral third-party site: Circles makes no third-party requests,
// and a blank page says nothing about where the seeker was.
(function () {
  "use strict";
  var link = document.querySelector("a[data-quick-exit]");
  if (!link) { return; }
  var target = link.getAttribute("href") || "about:blank";
  var leave = function () {
    document.title = "";
    if (document.body) { document.body.hidden = true; }
    window.location.replace(target);
  };
  link.addEventListener("click", function (event) {
    event.preventDefault();
    leave();
  });
  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") { return; }
    var now = Date.now();
    if (now - lastEscape < 1500) { leave(); } else { lastEscape = now; }
  });
})();
