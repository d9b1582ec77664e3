/* A table wider than its box scrolls inside it (.table-responsive). Keyboard users must be able to scroll it
   too (WCAG 2.1.1; axe-core's scrollable-region-focusable), so a box that scrolls is made a named, focusable
   region: named by its table's caption, else the heading before it. Boxes that fit are left alone, so a
   laptop's tab order does not stop on every table. Checked again when the window's width changes. */
(function () {
  "use strict";

  function nameOf(box) {
    var caption = box.querySelector("caption");
    if (caption && caption.textContent.trim()) {
      return caption.textContent.trim();
    }
    var heading = box.closest("section") && box.closest("section").querySelector("h2, h3, h4");
    return heading ? heading.textContent.trim() : "Table";
  }

  function mark() {
    document.querySelectorAll(".table-responsive").forEach(function (box) {
      if (box.hasAttribute("data-scroll-region") || !box.hasAttribute("tabindex")) {
        var scrolls = box.scrollWidth > box.clientWidth + 1;
        if (scrolls && !box.hasAttribute("tabindex")) {
          box.setAttribute("tabindex", "0");
          box.setAttribute("role", "region");
          var named = box.hasAttribute("aria-label") || box.hasAttribute("aria-labelledby");
          if (!named) {
            box.setAttribute("aria-label", nameOf(box) + " (scrolls sideways)");
          }
          box.setAttribute("data-scroll-region", named ? "named" : "");
        } else if (!scrolls && box.hasAttribute("data-scroll-region")) {
          box.removeAttribute("tabindex");
          box.removeAttribute("role");
          if (box.getAttribute("data-scroll-region") !== "named") {
            box.removeAttribute("aria-label");
          }
          box.removeAttribute("data-scroll-region");
        }
      }
    });
  }

  var pending;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(mark, 100);
  });
  document.addEventListener("DOMContentLoaded", mark);
  document.addEventListener("htmx:afterSettle", mark);
})();
