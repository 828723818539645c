// The products of the show: fetched once from /catalog/products, found by handle or variant SKU.

import { api } from "./api.js";

export class Catalog {
  constructor() {
    this.products = [];
    this.bySku = new Map();
  }

  async load() {
    this.products = await api("/catalog/products");
    this.bySku.clear();
    for (const product of this.products) {
      this.bySku.set(product.sku, { product, variant: null });
      for (const variant of product.variants) this.bySku.set(variant.sku, { product, variant });
    }
  }

  /** {product, variant|null} for a product handle or a variant SKU, or null. */
  find(sku) {
    return (sku && this.bySku.get(sku)) || null;
  }

  product(sku) {
    const hit = this.find(sku);
    return hit ? hit.product : null;
  }
}

export function imageUrl(path) {
  if (!path) return null;
  if (/^(https?:)?\/\//.test(path)) return null; // never imported: shopcast runs offline
  return `/media/${path.split("/").map(encodeURIComponent).join("/")}`;
}

export function productImage(product, variant) {
  return imageUrl((variant && variant.image) || (product.images || [])[0]);
}
