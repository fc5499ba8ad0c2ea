// Draws how many applicants got their first, second... choice (#rank-obtained-data).
(function () {
  "use strict";
  function draw() {
    var dataEl = document.getElementById("rank-obtained-data");
    var canvas = document.getElementById("chart-rank-obtained");
    if (!dataEl || !canvas || typeof Chart === "undefined") return;
    var data = JSON.parse(dataEl.textContent);
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.animation = false;
    new Chart(canvas, {
      type: "bar",
      data: { labels: data.labels, datasets: [{ data: data.values, backgroundColor: "#235b4e", maxBarThickness: 40 }] },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: { y: { ticks: { precision: 0 } } },
      },
    });
    document.body.dataset.chartsDrawn = "true";
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
