// The import of a scan: while the OCR job reads it, ask the server every 2 s for the page it is on; once the
// job is done (the panel comes back without data-poll), reload the page, which then holds the text read.
(function () {
  function poll() {
    const panel = document.querySelector("#scan-panel[data-poll]");
    if (!panel) return;
    fetch(panel.dataset.poll, { credentials: "same-origin" })
      .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
      .then((html) => {
        panel.outerHTML = html;
        // The bar's width, from data-percent as app.js sets it (the CSP forbids inline styles).
        document.querySelectorAll("#scan-panel [data-percent]").forEach((bar) => {
          bar.style.width = Math.max(0, Math.min(100, Number(bar.dataset.percent) || 0)) + "%";
        });
        if (document.querySelector("#scan-panel[data-poll]")) window.setTimeout(poll, 2000);
        else window.location.reload();
      })
      .catch(() => window.setTimeout(poll, 5000));
  }
  window.setTimeout(poll, 2000);
})();
