// Small behaviours that CSP forbids inline: bar widths from data attributes.
document.querySelectorAll("[data-percent]").forEach((bar) => {
  const value = Math.max(0, Math.min(100, Number(bar.dataset.percent) || 0));
  bar.style.width = value + "%";
});
