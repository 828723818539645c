// The product shelf: the show's products, the one on screen highlighted (and shown as a small
// card over the video).

import { productImage } from "./catalog.js";
import { clear, h } from "./dom.js";
import { money, variantPrice } from "./format.js";
import { t } from "./strings.js";

export function priceRange(product, currency, locale) {
  const prices = product.variants
    .map((variant) => variantPrice(product, variant, currency))
    .filter(Boolean);
  if (!prices.length) return null;
  const values = prices.map((p) => Number(p.price));
  const low = Math.min(...values);
  const withCompare = prices.find((p) => Number(p.price) === low && p.compareAt);
  const high = Math.max(...values);
  return {
    text: high !== low ? `${money(low, currency, locale)} – ${money(high, currency, locale)}` : money(low, currency, locale),
    compare: withCompare ? money(withCompare.compareAt, currency, locale) : null,
  };
}

export class Shelf {
  constructor(list, pinnedCard, { catalog, currency, locale, onOpen }) {
    this.list = list;
    this.pinnedCard = pinnedCard;
    this.catalog = catalog;
    this.currency = currency;
    this.locale = locale;
    this.onOpen = onOpen;
    this.key = "";
  }

  /** Re-render when the shelf or the pinned product changed. */
  update(shelf, pinnedSku) {
    const pinned = this.catalog.product(pinnedSku);
    const products = [];
    for (const sku of shelf || []) {
      const product = this.catalog.product(sku);
      if (product && !products.includes(product)) products.push(product);
    }
    if (pinned && !products.includes(pinned)) products.unshift(pinned);
    const key = `${products.map((p) => p.sku).join(",")}|${pinned ? pinned.sku : ""}`;
    if (key === this.key) return;
    this.key = key;
    clear(this.list).append(...products.map((p) => this.#item(p, p === pinned)));
    this.#pinned(pinned);
  }

  #item(product, pinned) {
    const price = priceRange(product, this.currency, this.locale);
    const image = productImage(product, null);
    return h(
      "li",
      {
        class: pinned ? "shelf-item is-pinned" : "shelf-item",
        dataset: { sku: product.sku },
        "aria-current": pinned ? "true" : null,
      },
      h(
        "button",
        { type: "button", class: "shelf-card", onclick: () => this.onOpen(product.sku) },
        h(
          "span",
          { class: "shelf-thumb" },
          image ? h("img", { src: image, alt: "", loading: "lazy" }) : null,
          pinned ? h("span", { class: "pin-badge" }, `● ${t("liveNow")}`) : null,
        ),
        h(
          "span",
          { class: "shelf-info" },
          product.brand ? h("span", { class: "shelf-brand", dir: "auto" }, product.brand) : null,
          h("span", { class: "shelf-title", dir: "auto" }, product.title),
          price
            ? h(
                "span",
                { class: "shelf-price" },
                h("b", {}, price.text),
                price.compare ? h("s", {}, price.compare) : null,
              )
            : h("span", { class: "shelf-price muted" }, t("notSoldHere")),
          product.variants.every((v) => v.stock <= 0)
            ? h("span", { class: "stock-out" }, t("soldOut"))
            : null,
        ),
      ),
    );
  }

  #pinned(product) {
    clear(this.pinnedCard);
    this.pinnedCard.hidden = !product;
    if (!product) return;
    const price = priceRange(product, this.currency, this.locale);
    const image = productImage(product, null);
    this.pinnedCard.append(
      h(
        "button",
        { type: "button", class: "pinned-button", onclick: () => this.onOpen(product.sku) },
        image ? h("img", { src: image, alt: "" }) : null,
        h(
          "span",
          { class: "pinned-text" },
          h("span", { class: "pinned-title", dir: "auto" }, product.title),
          price ? h("b", {}, price.text) : null,
        ),
        h("span", { class: "pinned-cta" }, t("view")),
      ),
    );
  }
}
