/* After a refused submit, focus goes to what says what is wrong, so a keyboard or screen reader user starts
   there: the page's error summary ([data-error-summary], or the danger alert of a form), else the first field
   marked invalid. A page without a refused form has neither, so focus is left alone. A link in a summary to
   a field ("#id_value") moves focus into that field, not only the scroll position. htmx swaps that answer a submit get the same. */
(function () {
  "use strict";

  var SUMMARY = "[data-error-summary], form .alert-danger[role='alert']";
  var INVALID = "form [aria-invalid='true']";

  function target(root) {
    var summary = root.querySelector(SUMMARY);
    var invalid = root.querySelector(INVALID);
    if (!summary && invalid) {
      // A summary printed above its form (as the return form does it).
      summary = root.querySelector("main .alert-danger[role='alert']");
    }
    return summary || invalid;
  }

  function focusOn(element) {
    if (!element.matches("a[href], button, input, select, textarea, [tabindex]")) {
      element.setAttribute("tabindex", "-1");
    }
    element.focus();
  }

  function focusRefused(root) {
    var element = target(root);
    if (element) {
      focusOn(element);
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href^='#']") : null;
    if (!link || !link.closest(SUMMARY + ", main .alert-danger[role='alert']")) {
      return;
    }
    var field = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!field) {
      return;
    }
    event.preventDefault();
    var label = document.querySelector("label[for='" + field.id + "']");
    (label || field).scrollIntoView({ block: "start" });
    field.focus({ preventScroll: true });
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { focusRefused(document); });
  } else {
    focusRefused(document);
  }
  // Only a swap that answers a submit: a live preview swapped while someone types must not take their focus.
  document.addEventListener("htmx:afterSwap", function (event) {
    var config = event.detail && event.detail.requestConfig;
    var trigger = config && config.triggeringEvent;
    if (trigger && trigger.type === "submit" && event.detail.target) {
      focusRefused(event.detail.target);
    }
  });
})();
