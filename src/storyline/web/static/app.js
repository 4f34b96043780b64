// Storyline dashboard: the only script, served as a file (the CSP allows no inline script).
// 1. /articles/ID#fact-FACTID lights up the fact's words and the sentence they are in.
// 2. Filter drop-downs marked .autosubmit send their form when changed.
(function () {
  "use strict";

  function clearHighlight() {
    document.querySelectorAll(".hl, .fact-hl, .fact-current").forEach(function (el) {
      el.classList.remove("hl", "fact-hl", "fact-current");
    });
  }

  function highlight() {
    clearHighlight();
    var hash = decodeURIComponent(window.location.hash.slice(1));
    if (hash.indexOf("fact-") !== 0) {
      return;
    }
    var id = hash.slice(5);
    var first = null;
    document.querySelectorAll(".text [data-facts]").forEach(function (el) {
      if (el.getAttribute("data-facts").split(" ").indexOf(id) < 0) {
        return;
      }
      el.classList.add("fact-hl");
      var sentence = el.closest(".sentence");
      if (sentence) {
        sentence.classList.add("hl");
      }
      first = first || el;
    });
    document.querySelectorAll(".fact-item").forEach(function (el) {
      if (el.getAttribute("data-fact") === id) {
        el.classList.add("fact-current");
      }
    });
    if (first) {
      first.scrollIntoView({ block: "center" });
    }
  }

  function autosubmit() {
    document.querySelectorAll("select.autosubmit").forEach(function (el) {
      el.addEventListener("change", function () {
        if (el.form) {
          el.form.submit();
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    highlight();
    autosubmit();
  });
  window.addEventListener("hashchange", highlight);
})();
