// Draws the dashboard's charts from the figures the page embeds (#indicators-data).
(function () {
  "use strict";
  function draw() {
    var dataEl = document.getElementById("indicators-data");
    if (!dataEl || typeof Chart === "undefined") return;
    var data = JSON.parse(dataEl.textContent);
    var names = JSON.parse(document.getElementById("country-names").textContent);
    var english = document.documentElement.lang === "en";
    var green = "#235b4e", gold = "#bc955c", wine = "#9f2241";
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.animation = false; // figures, not a show: draw at once

    function bar(id, labels, values, color, horizontal) {
      var el = document.getElementById(id);
      if (!el) return null;
      // A horizontal bar per row: give each row room for its label.
      if (horizontal) el.parentElement.style.height = Math.max(200, labels.length * 18 + 60) + "px";
      return new Chart(el, {
        type: "bar",
        data: { labels: labels, datasets: [{ data: values, backgroundColor: color, maxBarThickness: 40 }] },
        options: {
          indexAxis: horizontal ? "y" : "x",
          responsive: true,
          maintainAspectRatio: false,
          plugins: { legend: { display: false } },
          // Counts are whole numbers: no 0.5 ticks.
          scales: { x: { ticks: { autoSkip: false, precision: 0 } }, y: { ticks: { autoSkip: false, precision: 0 } } },
        },
      });
    }

    var countries = Object.keys(data.foreign_countries);
    bar("chart-foreign-countries", countries.map(function (c) { return names[c] || c; }),
      countries.map(function (c) { return data.foreign_countries[c]; }), gold, false);

    bar("chart-foreign-specialties",
      data.foreign_by_specialty.map(function (r) { return english ? r.name_en : r.name_es; }),
      data.foreign_by_specialty.map(function (r) { return r.count; }), wine, true);

    var rows = data.residents_by_specialty;
    bar("chart-specialties", rows.map(function (r) { return english ? r.name_en : r.name_es; }),
      rows.map(function (r) { return r.count; }), green, true);
    document.body.dataset.chartsDrawn = "true";
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
