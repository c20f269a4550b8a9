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

// Nothing irreversible by accident: a form (or a submit button) with data-confirm asks in a native <dialog>
// first; "Yes" sets the form's hidden `confirmed` field and submits, so the server acts at once. Without
// JavaScript the server asks on a page of its own instead (tasks/views/confirm.py).
const askFirst = (source, proceed) => {
  const dialog = document.createElement("dialog");
  dialog.className = "confirm-dialog";
  dialog.setAttribute("aria-labelledby", "confirm-dialog-question");
  const question = document.createElement("p");
  question.id = "confirm-dialog-question";
  question.className = "fw-semibold";
  question.textContent = source.dataset.confirm;
  const yes = document.createElement("button");
  yes.type = "button";
  // The action's own colour (tasks.forms.VersionedForm.yes_class): red only where the action undoes work.
  yes.className = "btn " + (source.dataset.confirmClass || "btn-primary");
  yes.textContent = source.dataset.confirmYes;
  const no = document.createElement("button");
  no.type = "button";
  no.className = "btn btn-outline-secondary ms-2";
  no.textContent = source.dataset.confirmNo;
  dialog.append(question, yes, no);
  document.body.append(dialog);
  dialog.addEventListener("close", () => dialog.remove());
  no.addEventListener("click", () => dialog.close());
  yes.addEventListener("click", () => {
    dialog.close();
    proceed();
  });
  dialog.showModal();
  no.focus();
};

document.addEventListener("submit", (event) => {
  const form = event.target;
  const button = event.submitter;
  const source = button && button.dataset.confirm ? button : form;
  if (!source.dataset.confirm) return;
  const field = form.elements.namedItem(source.dataset.confirmField);
  if (!field || field.value === "1") return;
  event.preventDefault();
  askFirst(source, () => {
    field.value = "1";
    form.requestSubmit(button || undefined);
  });
});
