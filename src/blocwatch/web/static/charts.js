/* Draws every chart whose figure the page embeds as JSON; a click on a point that carries
   a link in customdata opens it (the events behind the point, or an actor). */
(function () {
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var source = document.getElementById(el.dataset.chart);
    if (!source || typeof Plotly === "undefined") return;
    var figure = JSON.parse(source.textContent);
    Plotly.newPlot(el, figure.data, figure.layout, {displaylogo: false, responsive: true, displayModeBar: false})
      .then(function () { el.setAttribute("data-drawn", "true"); });
    el.on("plotly_click", function (event) {
      var point = event.points && event.points[0];
      var link = point && point.customdata;
      if (typeof link === "string" && link.charAt(0) === "/") window.location.href = link;
    });
  });
})();
