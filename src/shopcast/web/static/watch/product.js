// Product detail: pictures, price, colour/size pickers, quantity and "add to cart".

import { productImage } from "./catalog.js";
import { fill, h } from "./dom.js";
import { money, variantPrice } from "./format.js";
import { t } from "./strings.js";

function matches(variant, chosen) {
  return Object.entries(chosen).every(([name, value]) => variant.options[name] === value);
}

function optionNames(product) {
  const names = [];
  for (const variant of product.variants) {
    for (const name of Object.keys(variant.options || {})) {
      if (!names.includes(name)) names.push(name);
    }
  }
  return names;
}

function optionValues(product, name) {
  const values = [];
  for (const variant of product.variants) {
    const value = variant.options[name];
    if (value !== undefined && !values.includes(value)) values.push(value);
  }
  return values;
}

export function productView(product, startSku, { currency, locale, onAdd, onViewCart }) {
  const names = optionNames(product);
  const first =
    product.variants.find((v) => v.sku === startSku) ||
    product.variants.find((v) => v.stock > 0) ||
    product.variants[0];
  const chosen = { ...first.options };
  let quantity = 1;

  const gallery = h("div", { class: "pd-gallery" });
  const price = h("p", { class: "pd-price" });
  const pickers = h("div", { class: "pd-pickers" });
  const stock = h("p", { class: "pd-stock" });
  const qtyValue = h("output", { class: "qty-value", "aria-live": "polite" }, "1");
  const addButton = h("button", { type: "button", class: "btn btn-primary btn-block pd-add" }, t("addToCart"));
  const message = h("p", { class: "pd-message", role: "status" });

  const current = () => product.variants.find((v) => matches(v, chosen)) || null;

  function render() {
    const variant = current();
    const image = productImage(product, variant);
    fill(gallery, image ? h("img", { src: image, alt: product.title }) : h("div", { class: "pd-noimage" }));
    const quote = variant ? variantPrice(product, variant, currency) : null;
    fill(
      price,
      quote ? h("b", {}, money(quote.price, currency, locale)) : h("span", { class: "muted" }, t("notSoldHere")),
      quote && quote.compareAt ? h("s", {}, money(quote.compareAt, currency, locale)) : null,
    );
    fill(pickers, names.map((name) => picker(name)));
    const inStock = variant ? variant.stock : 0;
    stock.textContent = !variant || inStock <= 0
      ? t("soldOut")
      : inStock <= 10
        ? t("lowStock", { count: inStock })
        : t("inStock", { count: inStock });
    stock.classList.toggle("is-low", inStock > 0 && inStock <= 10);
    quantity = Math.max(1, Math.min(quantity, Math.max(1, Math.min(inStock, 99))));
    qtyValue.textContent = String(quantity);
    addButton.disabled = !variant || !quote || inStock <= 0;
    addButton.dataset.sku = variant ? variant.sku : "";
  }

  function picker(name) {
    const values = optionValues(product, name);
    return h(
      "fieldset",
      { class: "pd-option" },
      h("legend", {}, h("span", { dir: "auto" }, name), h("b", { dir: "auto" }, chosen[name] || "")),
      h(
        "div",
        { class: "chips", role: "radiogroup", "aria-label": name },
        values.map((value) => {
          const candidate = product.variants.find((v) => matches(v, { ...chosen, [name]: value }));
          const fallback = product.variants.find((v) => v.options[name] === value);
          const target = candidate || fallback;
          return h(
            "button",
            {
              type: "button",
              class: `chip${chosen[name] === value ? " is-on" : ""}${target && target.stock <= 0 ? " is-out" : ""}`,
              role: "radio",
              "aria-checked": chosen[name] === value ? "true" : "false",
              dir: "auto",
              onclick: () => {
                Object.assign(chosen, candidate ? { [name]: value } : { ...target.options });
                message.textContent = "";
                render();
              },
            },
            value,
          );
        }),
      ),
    );
  }

  const step = (delta) => () => {
    const variant = current();
    const max = variant ? Math.max(1, Math.min(variant.stock, 99)) : 1;
    quantity = Math.max(1, Math.min(max, quantity + delta));
    qtyValue.textContent = String(quantity);
  };

  addButton.addEventListener("click", async () => {
    const variant = current();
    if (!variant) return;
    addButton.disabled = true;
    addButton.textContent = t("adding");
    message.textContent = "";
    message.classList.remove("is-error");
    try {
      await onAdd(product, variant, quantity);
      fill(
        message,
        `✓ ${t("added")} `,
        h("button", { type: "button", class: "link-btn", onclick: onViewCart }, `${t("cart")} →`),
      );
    } catch (error) {
      message.textContent = error.message || t("networkError");
      message.classList.add("is-error");
    } finally {
      addButton.textContent = t("addToCart");
      render();
    }
  });

  render();
  const attributes = Object.entries(product.attributes || {});
  return h(
    "article",
    { class: "pd", dataset: { sku: product.sku } },
    gallery,
    h(
      "div",
      { class: "pd-main" },
      product.brand ? h("p", { class: "pd-brand", dir: "auto" }, product.brand) : null,
      h("h3", { class: "pd-title", dir: "auto" }, product.title),
      price,
      pickers,
      stock,
      h(
        "div",
        { class: "pd-buy" },
        h(
          "div",
          { class: "qty", role: "group", "aria-label": t("quantity") },
          h("button", { type: "button", class: "qty-btn", "aria-label": "−1", onclick: step(-1) }, "−"),
          qtyValue,
          h("button", { type: "button", class: "qty-btn", "aria-label": "+1", onclick: step(1) }, "+"),
        ),
        addButton,
      ),
      message,
      product.selling_points && product.selling_points.length
        ? h("ul", { class: "pd-points" }, product.selling_points.map((p) => h("li", { dir: "auto" }, p)))
        : null,
      h("details", { class: "pd-more", open: true },
        h("summary", {}, t("details")),
        product.description ? h("p", { class: "pd-description", dir: "auto" }, product.description) : null,
        attributes.length
          ? h("dl", { class: "pd-attributes" }, attributes.map(([k, v]) => [
              h("dt", { dir: "auto" }, k.replaceAll("_", " ")),
              h("dd", { dir: "auto" }, v),
            ]))
          : null,
      ),
      product.faqs && product.faqs.length
        ? h("details", { class: "pd-more" },
            h("summary", {}, t("questions")),
            product.faqs.map((faq) =>
              h("div", { class: "faq" }, h("p", { class: "faq-q", dir: "auto" }, faq.question), h("p", { dir: "auto" }, faq.answer)),
            ),
          )
        : null,
    ),
  );
}
