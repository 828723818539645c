"""Write products as a Shopify product CSV (with shopcast's extra columns).

The bundled ``sample/shopify_products.csv`` is produced by this from ``sample/catalog.json``;
it reads back through ``importers.shopify_csv`` into the same products.
"""

from __future__ import annotations

import csv
from pathlib import Path

from shopcast.catalog.models import Product

SHOPIFY_COLUMNS = [
    "Handle",
    "Title",
    "Body (HTML)",
    "Vendor",
    "Product Category",
    "Type",
    "Tags",
    "Published",
    "Option1 Name",
    "Option1 Value",
    "Option2 Name",
    "Option2 Value",
    "Option3 Name",
    "Option3 Value",
    "Variant SKU",
    "Variant Grams",
    "Variant Inventory Qty",
    "Variant Price",
    "Variant Compare At Price",
    "Image Src",
    "Image Position",
    "Image Alt Text",
    "Variant Image",
]
SHOPCAST_COLUMNS = ["Category", "Currency", "Selling Points", "FAQ"]


def _html(description: str) -> str:
    return "".join(f"<p>{line}</p>" for line in description.splitlines() if line.strip())


def product_rows(product: Product, taxonomy: str = "") -> list[dict[str, str]]:
    currencies = sorted({c for v in product.variants for c in v.market_prices})
    names = product.option_names[:3]
    rows: list[dict[str, str]] = []
    count = max(len(product.variants), len(product.images))
    for index in range(count):
        row: dict[str, str] = {"Handle": product.sku}
        if index == 0:
            row |= {
                "Title": product.title,
                "Body (HTML)": _html(product.description),
                "Vendor": product.brand,
                "Product Category": taxonomy,
                "Type": product.tags[1] if len(product.tags) > 1 else "",
                "Tags": ", ".join(product.tags),
                "Published": "TRUE",
                "Category": product.category,
                "Currency": product.currency,
                "Selling Points": " | ".join(product.selling_points),
                "FAQ": " || ".join(f"{f.question} :: {f.answer}" for f in product.faqs),
            }
            row |= {f"Attribute: {_label(k)}": v for k, v in product.attributes.items()}
            row |= _optional_columns(product)
            for number, name in enumerate(names, start=1):
                row[f"Option{number} Name"] = name
            if not names:
                row |= {"Option1 Name": "Title", "Option1 Value": "Default Title"}
        if index < len(product.variants):
            variant = product.variants[index]
            for number, name in enumerate(names, start=1):
                row[f"Option{number} Value"] = variant.options.get(name, "")
            row |= {
                "Variant SKU": variant.sku,
                "Variant Inventory Qty": str(variant.stock),
                "Variant Price": str(variant.price),
                "Variant Compare At Price": (
                    str(variant.compare_at_price) if variant.compare_at_price is not None else ""
                ),
                "Variant Image": variant.image or "",
            }
            row |= {
                f"Price {c}": str(variant.market_prices[c])
                for c in currencies
                if c in variant.market_prices
            }
            row |= {
                f"Compare At Price {c}": str(amount)
                for c, amount in sorted(variant.market_compare_at_prices.items())
            }
        if index < len(product.images):
            row |= {
                "Image Src": product.images[index],
                "Image Position": str(index + 1),
                "Image Alt Text": product.title,
            }
        rows.append(row)
    return rows


def _label(key: str) -> str:
    return key.replace("_", " ").title()


def _optional_columns(product: Product) -> dict[str, str]:
    """Status, language, spoken name and texts per language, written only when they say
    something (a catalog without them exports exactly as before)."""
    row: dict[str, str] = {}
    if product.status != "active":
        row["Status"] = product.status
    if product.language != "en":
        row["Language"] = product.language
    if product.spoken_name:
        row["Spoken Name"] = product.spoken_name
    for lang, text in sorted(product.texts.items()):
        cells = {
            f"Title ({lang})": text.title,
            f"Spoken Name ({lang})": text.spoken_name,
            f"Description ({lang})": _html(text.description),
            f"Selling Points ({lang})": " | ".join(text.selling_points),
            f"FAQ ({lang})": " || ".join(f"{f.question} :: {f.answer}" for f in text.faqs),
            f"Text Origin ({lang})": text.origin if text.origin != "seller" else "",
        }
        cells |= {f"Attribute ({lang}): {_label(k)}": v for k, v in text.attributes.items()}
        row |= {column: value for column, value in cells.items() if value}
    return row


def write_shopify_csv(
    products: list[Product], path: Path, taxonomy: dict[str, str] | None = None
) -> None:
    taxonomy = taxonomy or {}
    rows = [row for p in products for row in product_rows(p, taxonomy.get(p.category, ""))]
    extra: dict[str, None] = {}
    for row in rows:
        for key in row:
            if key not in SHOPIFY_COLUMNS and key not in SHOPCAST_COLUMNS:
                extra.setdefault(key, None)
    status = [k for k in ("Status",) if k in extra]
    language = [k for k in ("Language", "Spoken Name") if k in extra]
    prices = sorted(k for k in extra if k.startswith("Price "))
    compare_at = sorted(k for k in extra if k.startswith("Compare At Price "))
    attributes = [k for k in extra if k.startswith("Attribute: ")]
    texts = sorted(
        (k for k in extra if k.endswith(")") or k.startswith("Attribute (")),
        key=lambda k: (k[k.index("(") + 1 : k.index(")")], k.startswith("Attribute ("), k),
    )
    header = (
        SHOPIFY_COLUMNS
        + status
        + SHOPCAST_COLUMNS
        + language
        + prices
        + compare_at
        + attributes
        + texts
    )
    partial = path.with_name(path.name + ".part")
    with partial.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, restval="")
        writer.writeheader()
        writer.writerows(rows)
    partial.replace(path)
