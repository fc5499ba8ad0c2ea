// Draws a bar chart in every <canvas data-chart="ID">, from the JSON in the
// element #ID ({"labels": [...], "values": [...]}): the admissions review
// (applicants by the choice they obtained), a training record (hours per area).
(function () {
  "use strict";
  function draw() {
    if (typeof Chart === "undefined") return;
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.animation = false;
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var dataEl = document.getElementById(canvas.dataset.chart);
      if (!dataEl) return;
      var data = JSON.parse(dataEl.textContent);
      var horizontal = canvas.dataset.horizontal === "true";
      new Chart(canvas, {
        type: "bar",
        data: { labels: data.labels, datasets: [{ data: data.values, backgroundColor: "#235b4e", maxBarThickness: 40 }] },
        options: {
          indexAxis: horizontal ? "y" : "x",
          responsive: true,
          maintainAspectRatio: false,
          plugins: { legend: { display: false } },
          scales: horizontal ? { x: { ticks: { precision: 0 } } } : { y: { ticks: { precision: 0 } } },
        },
      });
    });
    document.body.dataset.chartsDrawn = "true";
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
