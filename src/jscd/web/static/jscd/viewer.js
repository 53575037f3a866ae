/* Source viewer: when the address names a span (#span-N), mark every piece of that span.
   A span may be cut into several pieces where it overlaps others, so CSS :target alone
   would light up only the first piece. Without JavaScript the anchor still scrolls there. */
(function () {
  "use strict";
  function mark() {
    var target = /^#span-(\d+)$/.exec(window.location.hash);
    document.querySelectorAll(".source-text .is-target").forEach(function (el) {
      el.classList.remove("is-target");
    });
    if (!target) { return; }
    document.querySelectorAll(".source-text [data-ev]").forEach(function (el) {
      if (el.getAttribute("data-ev").split(" ").indexOf(target[1]) >= 0) {
        el.classList.add("is-target");
      }
    });
  }
  window.addEventListener("hashchange", mark);
  document.addEventListener("DOMContentLoaded", mark);
})();
