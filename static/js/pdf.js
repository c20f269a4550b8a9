// The PDF panel of the consolidated report: while the PDF is being made, ask the server every 2 s and show
// its answer (a download link, or the reason it failed).
(function () {
  function poll() {
    const panel = document.querySelector("#pdf-panel[data-poll]");
    if (!panel) return;
    fetch(panel.dataset.poll, { credentials: "same-origin" })
      .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
      .then((html) => {
        panel.outerHTML = html;
        window.setTimeout(poll, 2000);
      })
      .catch(() => window.setTimeout(poll, 5000));
  }
  window.setTimeout(poll, 2000);
})();
