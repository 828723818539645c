// The catalog at a glance: a picture, the name, stock and a price per market.

import { h, fill } from "/static/watch/dom.js";
import { load } from "./studio.js";

let products = null;

export async function catalogItems() {
  products = products || (await load("/studio/api/catalog"));
  return products;
}

export function productThumb(item) {
  return item && item.image_url
    ? h("img", { src: item.image_url, alt: "", loading: "lazy" })
    : h("div", { class: "noimg", "aria-hidden": "true" });
}

export async function showCatalog(root) {
  const items = await catalogItems();
  fill(
    root,
    h("div", { class: "view-head" }, h("h1", {}, "Catalog"), h("span", { class: "muted" }, `${items.length} products`)),
    h(
      "div",
      { class: "grid", id: "products" },
      items.map((item) =>
        h(
          "article",
          { class: "card product-card", dataset: { sku: item.sku } },
          productThumb(item),
          h(
            "div",
            { class: "body" },
            h("h3", { dir: "auto" }, item.title),
            h("span", { class: "muted" }, `${item.category || "—"} · ${item.stock} in stock · ${item.variants} variant${item.variants === 1 ? "" : "s"}`),
            h(
              "div",
              { class: "prices" },
              item.prices.map((p) => h("span", { class: "price", title: p.currency }, h("b", {}, p.market), p.text)),
            ),
          ),
        ),
      ),
    ),
  );
}
