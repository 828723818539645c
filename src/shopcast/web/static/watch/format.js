// Prices and times as the viewer's market reads them.

export function money(amount, currency, locale) {
  const value = Number(amount);
  if (!Number.isFinite(value)) return "";
  const whole = Number.isInteger(value);
  try {
    return new Intl.NumberFormat(locale, {
      style: "currency",
      currency,
      ...(whole ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}),
    }).format(value);
  } catch {
    return `${value} ${currency}`;
  }
}

/** The variant's price in `currency`: its own price in the product's currency, else the price
 * the seller set for that market; null when there is none (nothing is converted). */
export function variantPrice(product, variant, currency) {
  if ((product.currency || "").toUpperCase() === currency) {
    return { price: variant.price, compareAt: variant.compare_at_price };
  }
  const price = (variant.market_prices || {})[currency];
  return price === undefined || price === null ? null : { price, compareAt: null };
}

export function clockText(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, "0");
  const ss = String(s % 60).padStart(2, "0");
  return hours ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Server time estimate: the page's clock corrected by the offset measured from a response. */
export const serverClock = {
  offsetMs: 0,
  calibrate(response, sentAt, receivedAt) {
    const date = Date.parse(response.headers.get("Date") || "");
    if (!Number.isFinite(date)) return;
    const offset = date + 500 - (sentAt + receivedAt) / 2; // Date has whole seconds
    this.offsetMs = Math.abs(offset) > 1500 ? offset : 0;
  },
  now() {
    return Date.now() + this.offsetMs;
  },
};
