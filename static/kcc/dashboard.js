// Draws the dashboard charts from the JSON that the server rendered next to each
// canvas (json_script). The tables under the charts hold the same numbers, so a
// missing or failing Chart.js costs the picture, never the information.
(function () {
  "use strict";
  var PALETTE = ["#01689b", "#e17000", "#39870c", "#a90061", "#8fcae7", "#673327"];
  var charts = [];

  function draw(root) {
    if (typeof Chart === "undefined") {
      return;
    }
    charts.forEach(function (chart) { chart.destroy(); });
    charts = [];
    root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var source = document.getElementById(canvas.dataset.chart);
      if (!source) {
        return;
      }
      var data = JSON.parse(source.textContent);
      data.datasets.forEach(function (dataset, index) {
        var colour = PALETTE[index % PALETTE.length];
        dataset.backgroundColor = colour;
        dataset.borderColor = colour;
        dataset.spanGaps = true;
      });
      charts.push(new Chart(canvas, {
        type: data.type,
        data: { labels: data.labels, datasets: data.datasets },
        options: {
          animation: false,
          maintainAspectRatio: false,
          plugins: { legend: { display: data.datasets.length > 1 } },
          scales: { y: { beginAtZero: true } }
        }
      }));
    });
  }

  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.target.id === "dashboard-resultaten") {
      draw(event.target);
    }
  });
})();
