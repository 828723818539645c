// One modal sheet (a bottom sheet on phones, a side drawer on wide screens) that shows one view
// at a time: product, cart, checkout, confirmation.

import { clear, h } from "./dom.js";
import { t } from "./strings.js";

export class Sheet {
  constructor(dialog) {
    this.dialog = dialog;
    this.onClose = null;
    dialog.addEventListener("click", (event) => {
      if (event.target === dialog) this.close(); // a tap on the backdrop
    });
    dialog.addEventListener("close", () => {
      clear(dialog);
      if (this.onClose) this.onClose();
    });
  }

  /** Show `content` under a header with `title`; `back` (optional) is a function. */
  show(name, title, content, { back } = {}) {
    const header = h(
      "header",
      { class: "sheet-head" },
      back
        ? h("button", { type: "button", class: "icon-btn", "aria-label": t("back"), onclick: back }, "←")
        : h("span", { class: "icon-spacer" }),
      h("h2", { class: "sheet-title", dir: "auto" }, title),
      h(
        "button",
        { type: "button", class: "icon-btn", "aria-label": t("close"), onclick: () => this.close() },
        "✕",
      ),
    );
    clear(this.dialog).append(
      h("div", { class: "sheet-frame", dataset: { view: name } }, header, h("div", { class: "sheet-body" }, content)),
    );
    this.dialog.dataset.view = name;
    if (!this.dialog.open) this.dialog.showModal();
  }

  get view() {
    return this.dialog.open ? this.dialog.dataset.view : null;
  }

  close() {
    if (this.dialog.open) this.dialog.close();
  }
}
