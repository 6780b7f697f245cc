/* Starts Swagger UI on the API docs page. A file, not an inline script: the
   Content-Security-Policy allows scripts from this app only. */
(function () {
  var el = document.getElementById("swagger-ui");
  if (!el || typeof SwaggerUIBundle === "undefined") return;
  SwaggerUIBundle({ url: el.dataset.openapi, dom_id: "#swagger-ui", deepLinking: true });
})();
