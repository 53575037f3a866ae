// Draws every <div data-figure="ID"> from the JSON in <script id="ID" type="application/json">
// with the plotly.js served by jscd itself (no CDN); geo plots get their (empty) base map from
// the folder of the URL in #assessment-topojson instead of plotly's CDN. Marks each drawn chart with
// data-rendered="1" so browser tests can wait for it.
(function () {
  function draw() {
    var topojson = document.getElementById("assessment-topojson");
    var config = {displayModeBar: false, responsive: true};
    if (topojson) config.topojsonURL = topojson.dataset.url.replace(/[^/]*$/, "");
    document.querySelectorAll("[data-figure]").forEach(function (el) {
      var src = document.getElementById(el.dataset.figure);
      if (!src || !window.Plotly) return;
      var fig = JSON.parse(src.textContent);
      window.Plotly.newPlot(el, fig.data, fig.layout, config)
        .then(function () { el.dataset.rendered = "1"; });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
