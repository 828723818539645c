// The shopping assistant panel (separate from the live chat with the host): questions about a
// product answered from the catalog (POST /api/assistant/ask), with the facts and the path the
// answer came from, a side-by-side of two shelf products, and "Recommended for you" cards
// (GET /api/assistant/recommendations). Every server and viewer text is set as text, dir="auto".

import { api } from "./api.js";
import { productImage } from "./catalog.js";
import { fill, h } from "./dom.js";
import { t } from "./strings.js";

const MAX_QUESTION = 500;
const MAX_TURNS = 20;
const RECOMMENDATIONS = 5;

// Where an answer came from (AskOut.path) → the note shown under it.
const PATH_NOTES = {
  facts: "fromCatalog",
  price: "fromCatalog",
  compare: "fromCatalog",
  faq: "fromFaq",
  llm: "fromModel",
  shipping: "fromShipping",
  offer: "fromPolicy",
  refusal: "fromPolicy",
  disclosure: "fromPolicy",
  safe: "fromNothing",
};

// "sku:kind" sources → a localised kind ("shipping:en-US" reads as shipping terms).
function kindLabel(kind) {
  const base = kind.split(":")[0];
  const key = `kind_${base}`;
  const text = t(key);
  return text === key ? base.replaceAll("_", " ") : text;
}

function rowLabel(row) {
  const key = `row_${row.key}`;
  const text = t(key);
  return text === key ? row.label : text;
}

export class Assistant {
  /**
   * `sheet`: the page's Sheet; `catalog`: the loaded Catalog; `shelf()`: the show's product
   * handles; `pinned()`: the handle on screen (or null); `onOpen(sku, back)`: opens a product.
   */
  constructor({ sheet, catalog, viewerId, market, showId, shelf, pinned, onOpen }) {
    Object.assign(this, { sheet, catalog, viewerId, market, showId, shelf, pinned, onOpen });
    this.sku = null; // the product detail the viewer asked from; null: the one on screen
    this.picked = [];
    this.busy = false;
    this.log = h("ol", { class: "as-log", "aria-live": "polite", "aria-label": t("askTitle") });
    this.input = h("input", {
      class: "as-input",
      id: "as-input",
      name: "question",
      maxlength: MAX_QUESTION,
      dir: "auto",
      enterkeyhint: "send",
      autocomplete: "off",
      "aria-label": t("askPlaceholder"),
      placeholder: t("askPlaceholder"),
    });
    this.submit = h("button", { type: "submit", class: "btn btn-primary as-send" }, t("askSend"));
    this.form = h(
      "form",
      { class: "as-form", onsubmit: (event) => this.#onSubmit(event) },
      this.input,
      this.submit,
    );
    this.context = h("p", { class: "as-context", dir: "auto" });
    this.compare = h("div", { class: "as-compare" });
    this.recommended = h("section", { class: "as-recs", "aria-label": t("recommendedForYou") });
    this.panel = h(
      "div",
      { class: "assistant" },
      this.context,
      this.log,
      this.form,
      h("p", { class: "as-hint" }, t("askHint")),
      this.compare,
      this.recommended,
    );
  }

  /** Open the panel; `sku` names the product detail the viewer came from (null: the one on
   * screen; undefined: keep the last). */
  open(sku) {
    if (sku !== undefined) this.sku = sku;
    this.#renderContext();
    this.#renderCompare();
    this.sheet.show("assistant", t("askTitle"), this.panel);
    this.input.focus();
    this.#loadRecommendations();
  }

  /** Back to the panel from a product it opened, the conversation as it was. */
  reopen() {
    this.open(undefined);
  }

  #contextProduct() {
    return this.catalog.product(this.sku || this.pinned());
  }

  #renderContext() {
    const product = this.#contextProduct();
    if (!product) {
      fill(this.context);
      return;
    }
    fill(
      this.context,
      h("span", { class: "muted" }, `${t(this.sku ? "askAbout" : "askAboutOnScreen")} `),
      h("b", { dir: "auto" }, product.title),
      this.sku
        ? h(
            "button",
            { type: "button", class: "link-btn as-clear", onclick: () => this.#clearContext() },
            t("askOnScreenInstead"),
          )
        : null,
    );
  }

  #clearContext() {
    this.sku = null;
    this.#renderContext();
    this.input.focus();
  }

  #onSubmit(event) {
    event.preventDefault();
    const text = this.input.value.trim();
    if (!text || this.busy) return;
    this.#ask(text, text, this.sku);
  }

  async #ask(shown, text, sku) {
    this.busy = true;
    this.submit.disabled = true;
    const answer = h("div", { class: "as-answer is-loading", "aria-busy": "true" }, t("askThinking"));
    const turn = h(
      "li",
      { class: "as-turn" },
      h("p", { class: "as-question", dir: "auto" }, shown),
      answer,
    );
    this.log.append(turn);
    while (this.log.children.length > MAX_TURNS) this.log.firstElementChild.remove();
    turn.scrollIntoView({ block: "nearest" });
    const body = { viewer_id: this.viewerId, text, market: this.market, show_id: this.showId };
    if (sku) body.sku = sku;
    try {
      const reply = await api("/api/assistant/ask", { method: "POST", body });
      this.input.value = "";
      this.#renderAnswer(answer, reply);
    } catch (error) {
      answer.classList.add("is-error");
      answer.setAttribute("role", "alert");
      const reason = error.status === 0 ? t("networkError") : error.message;
      fill(answer, t("askFailed", { reason }));
    } finally {
      answer.classList.remove("is-loading");
      answer.removeAttribute("aria-busy");
      this.busy = false;
      this.submit.disabled = false;
      turn.scrollIntoView({ block: "nearest" });
    }
  }

  #renderAnswer(node, reply) {
    node.dataset.path = reply.path;
    const note = PATH_NOTES[reply.path];
    fill(
      node,
      h("p", { class: "as-text", dir: "auto" }, reply.answer),
      reply.comparison ? this.#comparisonTable(reply.comparison) : null,
      note ? h("p", { class: "as-source", dataset: { path: reply.path } }, t(note)) : null,
      this.#facts(reply.sources || []),
      this.#productLinks(reply.products || []),
    );
  }

  /** "Facts used: Rice Water Glow Serum — details, FAQ". */
  #facts(sources) {
    const byProduct = new Map();
    for (const source of sources) {
      const [sku, ...rest] = source.split(":");
      const kind = kindLabel(rest.join(":") || "attribute");
      const title = (this.catalog.product(sku) || {}).title || sku;
      const kinds = byProduct.get(title) || [];
      if (!kinds.includes(kind)) kinds.push(kind);
      byProduct.set(title, kinds);
    }
    if (!byProduct.size) return null;
    return h(
      "ul",
      { class: "as-facts", "aria-label": t("factsUsed") },
      h("li", { class: "as-facts-head" }, t("factsUsed")),
      [...byProduct].map(([title, kinds]) => h("li", { dir: "auto" }, `${title} — ${kinds.join(", ")}`)),
    );
  }

  #productLinks(skus) {
    const products = skus.map((sku) => this.catalog.product(sku)).filter(Boolean);
    if (!products.length) return null;
    return h(
      "div",
      { class: "chips as-products" },
      products.map((product) =>
        h(
          "button",
          {
            type: "button",
            class: "chip",
            dir: "auto",
            dataset: { sku: product.sku },
            onclick: () => this.onOpen(product.sku, () => this.reopen()),
          },
          `${product.title} →`,
        ),
      ),
    );
  }

  #comparisonTable(comparison) {
    const rows = comparison.rows.filter((row) => row.values.some((value) => value !== null));
    return h(
      "table",
      { class: "as-table" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("td", {}),
          comparison.titles.map((title) => h("th", { scope: "col", dir: "auto" }, title)),
        ),
      ),
      h(
        "tbody",
        {},
        rows.map((row) =>
          h(
            "tr",
            { dataset: { key: row.key } },
            h("th", { scope: "row", dir: "auto" }, rowLabel(row)),
            row.values.map((value) => h("td", { dir: "auto" }, value === null ? "—" : value)),
          ),
        ),
      ),
    );
  }

  #renderCompare() {
    const products = this.shelf()
      .map((sku) => this.catalog.product(sku))
      .filter((product, i, all) => product && all.indexOf(product) === i);
    this.picked = this.picked.filter((sku) => products.some((p) => p.sku === sku));
    if (products.length < 2) {
      fill(this.compare);
      return;
    }
    const go = h(
      "button",
      {
        type: "button",
        class: "btn btn-primary as-compare-go",
        disabled: this.picked.length !== 2,
        onclick: () => this.#compare(),
      },
      t("compare"),
    );
    const chip = (product) => {
      const on = this.picked.includes(product.sku);
      return h(
        "button",
        {
          type: "button",
          class: `chip${on ? " is-on" : ""}`,
          "aria-pressed": on ? "true" : "false",
          dir: "auto",
          dataset: { sku: product.sku },
          onclick: () => {
            this.picked = on
              ? this.picked.filter((sku) => sku !== product.sku)
              : [...this.picked, product.sku].slice(-2);
            this.#renderCompare();
            this.compare.querySelector(`[data-sku="${CSS.escape(product.sku)}"]`)?.focus();
          },
        },
        product.title,
      );
    };
    fill(
      this.compare,
      h("h3", { class: "as-heading" }, t("compareTwo")),
      h("div", { class: "chips", role: "group", "aria-label": t("compareTwo") }, products.map(chip)),
      go,
    );
  }

  #compare() {
    if (this.picked.length !== 2 || this.busy) return;
    const [a, b] = this.picked.map((sku) => this.catalog.product(sku).title);
    // The assistant recognises "X vs Y" in any market; the viewer sees their own words.
    this.#ask(t("compareQuestion", { a, b }), `${a} vs ${b}`, null);
  }

  async #loadRecommendations() {
    fill(
      this.recommended,
      h("h3", { class: "as-heading" }, t("recommendedForYou")),
      h("p", { class: "muted as-recs-note", "aria-busy": "true" }, t("askLoading")),
    );
    const query = new URLSearchParams({
      viewer_id: this.viewerId,
      market: this.market,
      k: String(RECOMMENDATIONS),
      show_id: this.showId,
    });
    let items;
    try {
      ({ items } = await api(`/api/assistant/recommendations?${query}`));
    } catch (error) {
      const reason = error.status === 0 ? t("networkError") : error.message;
      fill(
        this.recommended,
        h("h3", { class: "as-heading" }, t("recommendedForYou")),
        h("p", { class: "as-error", role: "alert" }, t("recsFailed", { reason })),
      );
      return;
    }
    fill(
      this.recommended,
      h("h3", { class: "as-heading" }, t("recommendedForYou")),
      items.length
        ? h("ul", { class: "as-rec-list" }, items.map((item) => this.#recommendation(item)))
        : h("p", { class: "muted" }, t("noRecommendations")),
    );
  }

  #recommendation(item) {
    const product = this.catalog.product(item.sku);
    const image = product ? productImage(product, null) : null;
    return h(
      "li",
      {},
      h(
        "button",
        {
          type: "button",
          class: "as-rec",
          dataset: { sku: item.sku },
          onclick: () => this.onOpen(item.sku, () => this.reopen()),
        },
        image ? h("img", { src: image, alt: "", loading: "lazy" }) : h("span", { class: "as-rec-noimage" }),
        h(
          "span",
          { class: "as-rec-info" },
          h("span", { class: "as-rec-title", dir: "auto" }, item.title),
          item.price_text ? h("b", {}, item.price_text) : null,
          h("span", { class: "as-rec-reason", dir: "auto" }, item.reason),
        ),
      ),
    );
  }
}
