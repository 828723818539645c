// Checkout: the shipping form (validated by the server per market, each problem shown next to
// its field), then the order confirmation. Each attempt carries one Idempotency-Key, kept until
// the order is placed, so a double click or a retry never orders twice.

import { ApiError, api } from "./api.js";
import { productImage } from "./catalog.js";
import { h } from "./dom.js";
import { uid } from "./ids.js";
import { money } from "./format.js";
import { t } from "./strings.js";

const FIELDS = [
  ["name", "fullName", "name"],
  ["phone", "phone", "tel"],
  ["street", "street", "street-address"],
  ["city", "city", "address-level2"],
  ["postal_code", "postalCode", "postal-code"],
];

export class Checkout {
  constructor({ market, country, locale, viewerId, cart, catalog, sheet, onOrdered }) {
    Object.assign(this, { market, country, locale, viewerId, cart, catalog, sheet, onOrdered });
    this.keys = new Map(); // what is being ordered → its Idempotency-Key until it succeeds
  }

  openCart(back) {
    const data = this.cart.data;
    if (!data || !data.lines.length) return;
    const summary = data.lines.map((line) => this.#line(line.sku, line.quantity, line.unit_price, data.currency));
    this.#form({
      what: `cart:${data.id}`,
      title: t("checkout"),
      summary,
      total: money(data.subtotal, data.currency, this.locale),
      back,
      send: (address, key) =>
        api(`/carts/${data.id}/checkout?market=${encodeURIComponent(this.market)}`, {
          method: "POST",
          headers: { "Idempotency-Key": key },
          body: { address, payment_method: "manual" },
        }),
      done: () => this.cart.ordered(),
    });
  }

  openDeal(deal) {
    const hit = this.catalog.find(deal.sku);
    this.#form({
      what: `deal:${deal.deal_id}`,
      title: t("dealCheckout"),
      summary: [this.#line(deal.sku, 1, null, null, deal.price_text, hit)],
      total: deal.price_text,
      send: (address, key) =>
        api(`/deals/${deal.deal_id}/buy?market=${encodeURIComponent(this.market)}`, {
          method: "POST",
          headers: { "Idempotency-Key": key },
          body: { customer_id: this.viewerId, quantity: 1, address, payment_method: "manual" },
        }),
      done: () => {},
    });
  }

  #line(sku, quantity, unitPrice, currency, priceText, found) {
    const hit = found || this.catalog.find(sku);
    const product = hit && hit.product;
    const variant = hit && hit.variant;
    const image = product ? productImage(product, variant) : null;
    const options = variant ? Object.values(variant.options).join(" · ") : "";
    return h(
      "li",
      { class: "summary-line" },
      image ? h("img", { src: image, alt: "" }) : null,
      h(
        "span",
        { class: "summary-text" },
        h("span", { dir: "auto" }, product ? product.title : sku),
        options ? h("span", { class: "muted", dir: "auto" }, options) : null,
      ),
      h("span", { class: "summary-price" }, priceText || `${quantity} × ${money(unitPrice, currency, this.locale)}`),
    );
  }

  #form({ what, title, summary, total, back, send, done }) {
    const inputs = {};
    const errors = {};
    const fields = FIELDS.map(([name, label, autocomplete]) => {
      const id = `co-${name}`;
      inputs[name] = h("input", {
        id,
        name,
        autocomplete,
        type: name === "phone" ? "tel" : "text",
        inputmode: name === "phone" ? "tel" : null,
        dir: "auto",
        "aria-describedby": `${id}-error`,
      });
      errors[name] = h("p", { class: "field-error", id: `${id}-error`, role: "alert" });
      return h("div", { class: "field", dataset: { field: name } }, h("label", { for: id }, t(label)), inputs[name], errors[name]);
    });
    const general = h("p", { class: "form-error", role: "alert" });
    const submit = h("button", { type: "submit", class: "btn btn-primary btn-block" }, t("placeOrder", { total }));
    const form = h(
      "form",
      { class: "checkout", novalidate: true, autocomplete: "on" },
      h("ul", { class: "summary" }, summary),
      h("h3", { class: "form-section" }, t("shipping")),
      fields,
      h(
        "div",
        { class: "field" },
        h("label", {}, t("country")),
        h("p", { class: "readonly" }, this.#countryName()),
      ),
      h("h3", { class: "form-section" }, t("payment")),
      h("p", { class: "pay-note" }, `💵 ${t("payOnDelivery")}`),
      general,
      submit,
    );
    for (const input of Object.values(inputs)) {
      input.addEventListener("input", () => {
        input.removeAttribute("aria-invalid");
        errors[input.name].textContent = "";
      });
    }
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      // One key per attempt: a second submit before the first answers sends the same key,
      // so the server gives back the same order instead of placing another.
      if (!this.keys.has(what)) this.keys.set(what, uid());
      const key = this.keys.get(what);
      const address = { country: this.country };
      for (const [name, input] of Object.entries(inputs)) address[name] = input.value.trim();
      submit.disabled = true;
      submit.textContent = t("placing");
      general.textContent = "";
      try {
        const order = await send(address, key);
        this.keys.delete(what);
        done();
        this.#confirmation(order);
        this.onOrdered(order);
      } catch (error) {
        this.#showErrors(error, inputs, errors, general);
        submit.disabled = false;
        submit.textContent = t("placeOrder", { total });
      }
    });
    this.sheet.show("checkout", title, form, { back });
    inputs.name.focus();
  }

  #showErrors(error, inputs, errors, general) {
    for (const [name, input] of Object.entries(inputs)) {
      input.removeAttribute("aria-invalid");
      errors[name].textContent = "";
    }
    if (!(error instanceof ApiError) || error.status === 0) {
      general.textContent = t("networkError");
      return;
    }
    const unplaced = [];
    for (const { field, problem } of error.problems) {
      const name = String(field).split(".").pop();
      if (inputs[name]) {
        inputs[name].setAttribute("aria-invalid", "true");
        errors[name].textContent = /at least 1 character/.test(problem) ? t("required") : problem;
      } else {
        unplaced.push(problem);
      }
    }
    const first = Object.values(inputs).find((input) => input.getAttribute("aria-invalid"));
    if (first) first.focus();
    general.textContent = unplaced.length
      ? unplaced.join(" ")
      : error.problems.length
        ? t("fixFields")
        : error.message;
  }

  #countryName() {
    try {
      return new Intl.DisplayNames([this.locale], { type: "region" }).of(this.country) || this.country;
    } catch {
      return this.country;
    }
  }

  #confirmation(order) {
    const lines = order.lines.map((line) =>
      this.#line(line.sku, line.quantity, line.unit_price, order.currency),
    );
    const view = h(
      "div",
      { class: "confirmation", dataset: { orderId: order.id } },
      h("div", { class: "confirm-badge", "aria-hidden": "true" }, "✓"),
      h("h3", {}, t("orderPlaced")),
      h(
        "p",
        { class: "order-number" },
        `${t("orderNumber")} `,
        h("b", { id: "order-number" }, `#${order.id}`),
      ),
      h("ul", { class: "summary" }, lines),
      h("div", { class: "cart-total" }, h("span", {}, t("total")), h("b", {}, money(order.total, order.currency, this.locale))),
      h("p", { class: "pay-note" }, t(`status_${order.status}`)),
      h(
        "button",
        { type: "button", class: "btn btn-primary btn-block", onclick: () => this.sheet.close() },
        t("keepWatching"),
      ),
    );
    this.sheet.show("confirmation", t("orderPlaced"), view);
  }
}
