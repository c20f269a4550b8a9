// Small behaviours that CSP forbids inline: bar widths from data attributes.
document.querySelectorAll("[data-percent]").forEach((bar) => {
  const value = Math.max(0, Math.min(100, Number(bar.dataset.percent) || 0));
  bar.style.width = value + "%";
});

// A live count beside each limited text area: "120 / 5.000 ký tự", from the label the server wrote.
document.querySelectorAll("textarea[data-counter][maxlength]").forEach((area) => {
  const counter = document.createElement("div");
  counter.className = "form-text text-end";
  counter.setAttribute("aria-live", "polite");
  const limit = Number(area.getAttribute("maxlength"));
  const show = () => {
    counter.textContent = area.dataset.counter
      .replace("%(count)s", area.value.length.toLocaleString("vi-VN"))
      .replace("%(limit)s", limit.toLocaleString("vi-VN"));
  };
  area.insertAdjacentElement("afterend", counter);
  area.addEventListener("input", show);
  show();
});

// The file picker (templates/bootstrap5/layout/field_file.html): the chosen files' names beside its button.
document.querySelectorAll(".file-picker-input").forEach((input) => {
  const names = input.parentElement.querySelector(".file-picker-names");
  if (!names) return;
  input.addEventListener("change", () => {
    const chosen = Array.from(input.files || []).map((file) => file.name);
    names.textContent = chosen.length ? chosen.join(", ") : names.dataset.none;
  });
});
