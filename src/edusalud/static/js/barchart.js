// Draws a chart in every <canvas data-chart="ID">, from the JSON in the
// element #ID: {"labels": [...], "values": [...]} for one series, or
// {"labels": [...], "datasets": [{"label": ..., "values": [...]}], "max": N}
// for several (a gap is null). Bars unless the canvas says data-type="line".
// Used by the admissions review (applicants by the choice they obtained), a
// training record (hours per area) and survey results (trend across years).
(function () {
  "use strict";
  var COLOURS = ["#235b4e", "#9f2241", "#bc955c", "#6f7271"];
  function draw() {
    if (typeof Chart === "undefined") return;
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.animation = false;
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var dataEl = document.getElementById(canvas.dataset.chart);
      if (!dataEl) return;
      var data = JSON.parse(dataEl.textContent);
      var horizontal = canvas.dataset.horizontal === "true";
      var series = data.datasets || [{ values: data.values }];
      var valueAxis = { beginAtZero: true, ticks: { precision: 0 } };
      if (data.max) valueAxis.max = data.max;
      new Chart(canvas, {
        type: canvas.dataset.type || "bar",
        data: {
          labels: data.labels,
          datasets: series.map(function (s, i) {
            var colour = COLOURS[i % COLOURS.length];
            return { label: s.label, data: s.values, backgroundColor: colour, borderColor: colour, maxBarThickness: 40, spanGaps: false };
          }),
        },
        options: {
          indexAxis: horizontal ? "y" : "x",
          responsive: true,
          maintainAspectRatio: false,
          plugins: { legend: { display: series.length > 1 } },
          scales: horizontal ? { x: valueAxis } : { y: valueAxis },
        },
      });
    });
    document.body.dataset.chartsDrawn = "true";
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
