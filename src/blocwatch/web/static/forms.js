/* A <select data-autosubmit> submits its form when changed. Kept here, not in an
   onchange attribute, because the Content-Security-Policy allows no inline script. */
document.querySelectorAll("select[data-autosubmit]").forEach(function (el) {
  el.addEventListener("change", function () { if (el.form) el.form.submit(); });
});
