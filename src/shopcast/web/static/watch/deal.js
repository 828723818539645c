// The flash-deal card over the video: countdown to the start, then to the end, units left, and
// "buy now". Times come from the show's state and are ticked against the server's clock.

import { productImage } from "./catalog.js";
import { clear, h } from "./dom.js";
import { clockText, serverClock } from "./format.js";
import { t } from "./strings.js";

export class DealCard {
  constructor(root, { catalog, onBuy }) {
    this.root = root;
    this.catalog = catalog;
    this.onBuy = onBuy;
    this.deal = null;
    this.key = "";
    setInterval(() => this.#tick(), 250);
  }

  update(deal) {
    this.deal = deal || null;
    const key = deal ? JSON.stringify([deal.deal_id, deal.sku, deal.price_text, deal.regular_price_text]) : "";
    if (key !== this.key) {
      this.key = key;
      this.#render();
    }
    this.#tick();
  }

  phase() {
    const deal = this.deal;
    if (!deal) return null;
    const now = serverClock.now();
    const starts = Date.parse(deal.starts_at || "") || 0;
    const ends = Date.parse(deal.ends_at);
    if (now < starts) return { name: "countdown", seconds: (starts - now) / 1000 };
    if (now >= ends || deal.state === "ended") return { name: "ended", seconds: 0 };
    if (deal.remaining <= 0 || deal.state === "sold_out") return { name: "sold_out", seconds: (ends - now) / 1000 };
    return { name: "live", seconds: (ends - now) / 1000 };
  }

  #render() {
    clear(this.root);
    this.root.hidden = !this.deal;
    if (!this.deal) return;
    const hit = this.catalog.find(this.deal.sku);
    const product = hit && hit.product;
    const image = product ? productImage(product, hit.variant) : null;
    this.timer = h("span", { class: "deal-timer", id: "deal-timer" });
    this.bar = h("span", { class: "deal-bar-fill" });
    this.left = h("span", { class: "deal-left", id: "deal-left" });
    this.button = h(
      "button",
      { type: "button", class: "btn btn-deal", id: "deal-buy", onclick: () => this.onBuy(this.deal) },
      t("buyNow"),
    );
    this.root.append(
      image ? h("img", { class: "deal-image", src: image, alt: "" }) : h("span", { class: "deal-image" }),
      h(
        "div",
        { class: "deal-text" },
        h("p", { class: "deal-head" }, h("span", { class: "deal-flag" }, `⚡ ${t("flashDeal")}`), this.timer),
        h("p", { class: "deal-title", dir: "auto" }, product ? product.title : this.deal.sku),
        h(
          "p",
          { class: "deal-prices" },
          h("b", { class: "deal-price" }, this.deal.price_text),
          this.deal.regular_price_text ? h("s", {}, this.deal.regular_price_text) : null,
        ),
      ),
      this.button,
      h("div", { class: "deal-stock" }, h("div", { class: "deal-bar" }, this.bar), this.left),
    );
  }

  #tick() {
    const phase = this.phase();
    if (!phase || !this.timer) return;
    const deal = this.deal;
    this.root.dataset.phase = phase.name;
    this.timer.textContent =
      phase.name === "countdown"
        ? t("startsIn", { time: clockText(phase.seconds) })
        : phase.name === "ended"
          ? t("dealEnded")
          : t("endsIn", { time: clockText(phase.seconds) });
    const share = deal.total ? Math.max(0, Math.min(1, deal.remaining / deal.total)) : 0;
    this.bar.style.width = `${(share * 100).toFixed(1)}%`;
    this.left.textContent = phase.name === "sold_out" ? t("soldOut") : t("left", { remaining: deal.remaining, total: deal.total });
    this.button.disabled = phase.name !== "live";
  }
}
