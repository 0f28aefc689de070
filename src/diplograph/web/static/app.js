// diplograph pages: document highlights. No inline scripts (the CSP forbids them); text goes in
// through textContent or cloned server-escaped nodes, never innerHTML.
(function () {
  "use strict";

  function marksFor(anchor) {
    return Array.prototype.filter.call(document.querySelectorAll("mark.hl"), function (m) {
      return (m.getAttribute("data-facts") || "").split(" ").indexOf(anchor) >= 0;
    });
  }

  function clearActive() {
    document.querySelectorAll(".active").forEach(function (el) { el.classList.remove("active"); });
  }

  function showPanel(anchors) {
    var panel = document.getElementById("fact-panel");
    var body = document.getElementById("fact-panel-body");
    if (!panel || !body) return;
    while (body.firstChild) body.removeChild(body.firstChild);
    anchors.forEach(function (anchor) {
      var card = document.getElementById(anchor);
      if (!card) return;
      var copy = card.cloneNode(true);
      copy.removeAttribute("id");
      copy.classList.add("selected-fact");
      body.appendChild(copy);
      card.classList.add("active");
    });
    panel.hidden = anchors.length === 0;
  }

  function selectFact(anchor, scroll) {
    clearActive();
    var marks = marksFor(anchor);
    marks.forEach(function (m) { m.classList.add("active"); });
    showPanel([anchor]);
    var card = document.getElementById(anchor);
    if (scroll && card) card.scrollIntoView({ block: "nearest" });
    if (scroll && marks.length) marks[0].scrollIntoView({ block: "center" });
  }

  function onMark(mark) {
    clearActive();
    mark.classList.add("active");
    var anchors = (mark.getAttribute("data-facts") || "").split(" ").filter(Boolean);
    showPanel(anchors);
    var first = anchors.length ? document.getElementById(anchors[0]) : null;
    if (first) first.scrollIntoView({ block: "nearest" });
  }

  function fromHash() {
    var hash = decodeURIComponent(window.location.hash.slice(1));
    if (hash.indexOf("fact-") === 0 && document.getElementById(hash)) selectFact(hash, true);
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!document.getElementById("doc-text")) return;
    document.querySelectorAll("mark.hl").forEach(function (mark) {
      mark.addEventListener("click", function () { onMark(mark); });
      mark.addEventListener("keydown", function (ev) { if (ev.key === "Enter") onMark(mark); });
    });
    window.addEventListener("hashchange", fromHash);
    fromHash();
  });
})();
