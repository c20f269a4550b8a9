// The dashboard's chart: on-time completion over the last periods, from the json_script block (CSP: no inline JS).
(function () {
  const source = document.getElementById("ontime-data");
  const canvas = document.getElementById("ontime-chart");
  if (!source || !canvas || typeof Chart === "undefined") {
    return;
  }
  const data = JSON.parse(source.textContent);
  const chart = new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [{ label: data.label, data: data.rates, backgroundColor: "#0b3d91" }],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { min: 0, max: 100, ticks: { callback: (value) => value + "%" } } },
      onClick: (event, elements) => {
        if (elements.length && data.urls[elements[0].index]) {
          window.location.href = data.urls[elements[0].index];
        }
      },
    },
  });
  canvas.dataset.ready = chart ? "1" : "0";
})();
