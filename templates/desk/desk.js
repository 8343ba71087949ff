// Keyboard shortcuts for the desk. The page works without this file: every action is a form.
(function () {
  "use strict";
  function cards() { return Array.prototype.slice.call(document.querySelectorAll("article.claim")); }
  function current() {
    var a = document.activeElement;
    return a && a.closest ? a.closest("article.claim") : null;
  }
  function move(step) {
    var all = cards();
    if (!all.length) return;
    var i = all.indexOf(current());
    var next = all[Math.max(0, Math.min(all.length - 1, i < 0 ? 0 : i + step))];
    next.focus();
    next.scrollIntoView({ block: "center" });
  }
  function press(card, action) {
    if (!card) return;
    var b = card.querySelector('button[name="action"][value="' + action + '"]');
    if (b) b.form.requestSubmit(b);
  }
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    var typing = t && (t.tagName === "TEXTAREA" || t.tagName === "INPUT");
    if (typing) {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        press(t.closest("article.claim"), "edit");
      } else if (e.key === "Escape") {
        var c = t.closest("article.claim");
        if (c) c.focus();
      }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var card = current();
    switch (e.key) {
      case "j": move(1); break;
      case "k": move(-1); break;
      case "a": press(card, "approve"); break;
      case "r": press(card, "reject"); break;
      case "e":
        if (card) { e.preventDefault(); card.querySelector("textarea.vi").focus(); }
        break;
      default: return;
    }
  });
  // After a change the page comes back at the claim: focus it so the keys go on from there.
  window.addEventListener("DOMContentLoaded", function () {
    var id = location.hash.slice(1);
    var el = id && document.getElementById(id);
    if (el) el.focus();
  });
})();
