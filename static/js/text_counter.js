/* cyp: the character counter under a limited text area (cyp.forms.LimitedTextarea).
 *
 * The server prints the count and the limit, so they are there without JavaScript; this keeps
 * the count up to date as the person types. The visible count changes at once; screen readers
 * hear it through a polite live region only when typing pauses (and at once when the text goes
 * over the limit or back under it), so they are not interrupted at every key. Counted as the
 * server counts: a line break is one character and an emoji one, not two.
 * No dependencies, no build step. Works for text areas added later by htmx (event delegation).
 */
(function () {
  "use strict";
  var PAUSE_MS = 1500;
  var numbers = new Intl.NumberFormat("en-GB");
  var SURROGATE_PAIRS = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
  var timers = new WeakMap();

  function lengthOf(text) {
    var normalised = text.replace(/\r\n?/g, "\n").trim();
    var pairs = normalised.match(SURROGATE_PAIRS);
    return normalised.length - (pairs ? pairs.length : 0);
  }

  function describe(length, limit) {
    if (length > limit) {
      return "Too long: " + numbers.format(length) + " of " + numbers.format(limit) +
        " characters. Shorten it by " + numbers.format(length - limit) + ".";
    }
    return numbers.format(length) + " of " + numbers.format(limit) + " characters";
  }

  function update(textarea) {
    var limit = parseInt(textarea.getAttribute("data-limit"), 10);
    var counter = document.getElementById(textarea.getAttribute("data-counter"));
    if (!limit || !counter) { return; }
    var visible = counter.querySelector("[data-counter-text]");
    var live = counter.querySelector("[data-counter-live]");
    var length = lengthOf(textarea.value);
    var over = length > limit;
    var wasOver = counter.classList.contains("text-counter-over");
    var words = describe(length, limit);
    if (visible) { visible.textContent = words; }
    counter.classList.toggle("text-counter-over", over);
    if (!live) { return; }
    clearTimeout(timers.get(textarea));
    if (over !== wasOver) {
      live.textContent = words;
      return;
    }
    timers.set(textarea, setTimeout(function () { live.textContent = words; }, PAUSE_MS));
  }

  document.addEventListener("input", function (event) {
    var target = event.target;
    if (target && target.matches && target.matches("textarea[data-limit]")) { update(target); }
  });
  function refreshAll() {
    var areas = document.querySelectorAll("textarea[data-limit]");
    for (var i = 0; i < areas.length; i++) {
      var counter = document.getElementById(areas[i].getAttribute("data-counter"));
      var visible = counter && counter.querySelector("[data-counter-text]");
      var limit = parseInt(areas[i].getAttribute("data-limit"), 10);
      if (visible && limit) {
        var length = lengthOf(areas[i].value);
        visible.textContent = describe(length, limit);
        counter.classList.toggle("text-counter-over", length > limit);
      }
    }
  }
  // The browser may restore typed text on back/forward: count what is really there.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", refreshAll);
  } else {
    refreshAll();
  }
  window.addEventListener("pageshow", refreshAll);
})();
