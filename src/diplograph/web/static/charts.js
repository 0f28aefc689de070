// Claim histories on the entity page, drawn with the vendored Chart.js.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var holder = document.getElementById("claims-data");
    if (!holder || typeof Chart === "undefined") return;
    var series = JSON.parse(holder.textContent);
    document.querySelectorAll("canvas.claim-chart").forEach(function (canvas) {
      var s = series[Number(canvas.getAttribute("data-series"))];
      if (!s || !s.points.length) return;
      new Chart(canvas, {
        type: "line",
        data: {
          labels: s.points.map(function (p) { return p.x || "?"; }),
          datasets: [{ label: s.label, data: s.points.map(function (p) { return p.y; }),
                       borderColor: "#1f5fbf", backgroundColor: "#1f5fbf", tension: 0, pointRadius: 4 }]
        },
        options: { animation: false, plugins: { legend: { display: false } },
                   scales: { y: { beginAtZero: false } } }
      });
    });
  });
})();
