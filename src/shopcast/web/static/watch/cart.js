// The viewer's cart for this show, on the server (/carts); its id is remembered per show.

import { ApiError, api } from "./api.js";
import { productImage } from "./catalog.js";
import { clockText, money, serverClock } from "./format.js";
import { h } from "./dom.js";
import { store } from "./ids.js";
import { t } from "./strings.js";

export class Cart {
  constructor({ showId, viewerId, currency, onChange }) {
    this.key = `shopcast.cart.${showId}`;
    this.showId = showId;
    this.viewerId = viewerId;
    this.currency = currency;
    this.onChange = onChange || (() => {});
    this.data = null;
  }

  get id() {
    return this.data ? this.data.id : null;
  }

  get count() {
    return this.data ? this.data.lines.reduce((sum, line) => sum + line.quantity, 0) : 0;
  }

  async load() {
    const id = store.get(this.key);
    if (!id) return;
    try {
      const cart = await api(`/carts/${encodeURIComponent(id)}`);
      const usable = !cart.order_id && cart.currency === this.currency && cart.viewer_id === this.viewerId;
      this.#set(usable ? cart : null);
    } catch {
      this.#set(null);
    }
  }

  async add(sku, quantity) {
    if (!this.data) await this.#create();
    try {
      this.#set(await this.#addLine(sku, quantity));
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 404) throw error;
      await this.#create(); // the cart is gone (ordered elsewhere, cleaned up): start again
      this.#set(await this.#addLine(sku, quantity));
    }
  }

  async remove(lineId) {
    this.#set(await api(`/carts/${this.id}/lines/${lineId}`, { method: "DELETE" }));
  }

  /** The cart became an order: forget it. */
  ordered() {
    this.#set(null);
  }

  async #create() {
    this.#set(
      await api("/carts", {
        method: "POST",
        body: { viewer_id: this.viewerId, currency: this.currency, show_id: this.showId },
      }),
    );
  }

  #addLine(sku, quantity) {
    return api(`/carts/${this.id}/lines`, { method: "POST", body: { sku, quantity } });
  }

  #set(cart) {
    this.data = cart;
    if (cart) store.set(this.key, String(cart.id));
    else store.remove(this.key);
    this.onChange(this);
  }
}

export function cartView(cart, catalog, { locale, onCheckout, onRemoved }) {
  const lines = cart.data ? cart.data.lines : [];
  if (!lines.length) return h("p", { class: "empty" }, t("emptyCart"));
  const currency = cart.data.currency;
  const reserved = lines
    .map((line) => line.reserved_until && Date.parse(line.reserved_until))
    .filter(Boolean);
  const until = reserved.length ? Math.min(...reserved) : null;
  const timer = h("p", { class: "cart-reserved" });
  const tick = () => {
    if (!timer.isConnected && timer.dataset.started) return;
    timer.dataset.started = "1";
    const left = (until - serverClock.now()) / 1000;
    timer.textContent = left > 0 ? `⏱ ${t("reservedFor", { time: clockText(left) })}` : "";
    setTimeout(tick, 1000);
  };
  if (until) tick();
  return h(
    "div",
    { class: "cart" },
    timer,
    h(
      "ul",
      { class: "cart-lines" },
      lines.map((line) => {
        const hit = catalog.find(line.sku);
        const product = hit && hit.product;
        const variant = hit && hit.variant;
        const image = product ? productImage(product, variant) : null;
        const options = variant ? Object.values(variant.options).join(" · ") : "";
        return h(
          "li",
          { class: "cart-line", dataset: { sku: line.sku } },
          image ? h("img", { src: image, alt: "" }) : h("span", { class: "thumb-empty" }),
          h(
            "div",
            { class: "cart-line-info" },
            h("p", { class: "cart-line-title", dir: "auto" }, product ? product.title : line.sku),
            options ? h("p", { class: "muted", dir: "auto" }, options) : null,
            h("p", { class: "muted" }, `${line.quantity} × ${money(line.unit_price, currency, locale)}`),
          ),
          h(
            "div",
            { class: "cart-line-end" },
            h("b", {}, money(Number(line.unit_price) * line.quantity, currency, locale)),
            h(
              "button",
              {
                type: "button",
                class: "link-btn",
                onclick: async (event) => {
                  event.currentTarget.disabled = true;
                  await cart.remove(line.id);
                  onRemoved();
                },
              },
              t("remove"),
            ),
          ),
        );
      }),
    ),
    h(
      "div",
      { class: "cart-total" },
      h("span", {}, t("subtotal")),
      h("b", {}, money(cart.data.subtotal, currency, locale)),
    ),
    h("button", { type: "button", class: "btn btn-primary btn-block", onclick: onCheckout }, t("checkout")),
  );
}
