// Short notes over the video: "someone in Busan just bought…" (text from the show).

import { h } from "./dom.js";

const SHOW_MS = 4500;
const MAX = 3;

export function toast(root, text, icon = "🛍") {
  const item = h("div", { class: "toast", role: "status" }, h("span", { class: "toast-icon" }, icon), h("span", { dir: "auto" }, text));
  root.append(item);
  while (root.children.length > MAX) root.firstElementChild.remove();
  setTimeout(() => {
    item.classList.add("is-leaving");
    setTimeout(() => item.remove(), 400);
  }, SHOW_MS);
}
