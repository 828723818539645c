"""The catalog's domain types: the source of every fact the host may state."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class FAQ(BaseModel):
    question: str
    answer: str


class Variant(BaseModel):
    """One buyable variant: a SKU with its options (e.g. {"Color": "Sage", "Size": "M"})."""

    model_config = ConfigDict(frozen=False)

    sku: str = Field(min_length=1, max_length=64)
    options: dict[str, str] = Field(default_factory=dict)
    price: Decimal = Field(ge=0)
    compare_at_price: Decimal | None = Field(default=None, ge=0)
    stock: int = Field(default=0, ge=0)
    image: str | None = None  # path under the data dir's media folder, or as imported
    # Prices the seller set for other markets' currencies, e.g. {"KRW": 39000, "JPY": 4200}.
    # A market whose currency has no price here cannot be quoted a price: nothing is converted.
    market_prices: dict[str, Decimal] = Field(default_factory=dict)

    def price_in(self, currency: str, base_currency: str) -> Decimal | None:
        """The seller's price in ``currency``, or None when the seller set none."""
        currency = currency.upper()
        if currency == base_currency.upper():
            return self.price
        return self.market_prices.get(currency)


class Product(BaseModel):
    """A product with its variants. ``sku`` is the product handle used on the command line
    (``--product``); a variant SKU also finds its product."""

    sku: str = Field(min_length=1, max_length=64)  # product-level id (Shopify "Handle")
    title: str = Field(min_length=1, max_length=200)
    description: str = ""  # plain text (HTML stripped at import)
    category: str = ""
    brand: str = ""
    currency: str = Field(default="USD", min_length=3, max_length=3)
    tags: list[str] = Field(default_factory=list)
    attributes: dict[str, str] = Field(default_factory=dict)  # material, weight, dimensions...
    selling_points: list[str] = Field(default_factory=list)
    faqs: list[FAQ] = Field(default_factory=list)
    images: list[str] = Field(default_factory=list)
    variants: list[Variant] = Field(min_length=1)

    @field_validator("currency")
    @classmethod
    def _upper(cls, v: str) -> str:
        return v.upper()

    @property
    def price_range(self) -> tuple[Decimal, Decimal]:
        prices = [v.price for v in self.variants]
        return min(prices), max(prices)

    @property
    def total_stock(self) -> int:
        return sum(v.stock for v in self.variants)

    def option_values(self, name: str) -> list[str]:
        """Distinct values of one option (e.g. all colours), in catalog order."""
        seen: dict[str, None] = {}
        for v in self.variants:
            for k, val in v.options.items():
                if k.lower() == name.lower():
                    seen.setdefault(val, None)
        return list(seen)

    @property
    def option_names(self) -> list[str]:
        seen: dict[str, None] = {}
        for v in self.variants:
            for k in v.options:
                seen.setdefault(k, None)
        return list(seen)
