// The timeline page's plotly figure (its spec is a json_script block), and its series picker.
// A static file rather than an inline script, so the Content-Security-Policy needs no exception.
(function () {
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  var data = document.getElementById("timeline-figure");
  var el = document.getElementById("timeline-chart");
  if (!data || !el || typeof Plotly === "undefined") { return; }
  var spec = JSON.parse(data.textContent);
  Plotly.newPlot(el, spec.data, spec.layout, {responsive: true, displaylogo: false,
    modeBarButtonsToRemove: ["select2d", "lasso2d", "toImage"]}).then(function () {
    el.setAttribute("data-ready", "1");
  });
  el.on("plotly_click", function (ev) {
    var url = ev.points && ev.points[0] && ev.points[0].customdata;
    if (url) { window.location.href = url; }
  });
})();
