"""Market readiness: what stops a product being presented in a market, and the fix.

A product is ready for a market when it is on sale (Shopify status ``active``), every variant has
a price the seller set in the market's currency (nothing is converted), and it has words in the
market's language that a person wrote or approved (its own fields, a seller's translation, or an
approved draft). Videos (``Shopcast.render_video``, the studio's render queue) and live shows
(``live.show.preflight``) refuse a product that is not ready, naming each product and the fix,
before anything is written or sent. ``shopcast catalog check --market ko-KR`` prints the same.

A drafted translation is not enough: the bundled model wrote it and nobody read it, and a video
or show would publish it. Approving it is one command (``shopcast catalog approve``) or one click
in the studio, so there is no switch to publish drafts unread.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from shopcast.catalog.models import Product, base_language
from shopcast.errors import InvalidInputError
from shopcast.markets.types import Market

BlockerKind = Literal["not_on_sale", "no_price", "draft_text", "no_text"]


@dataclass(frozen=True)
class Blocker:
    """One reason ``product`` cannot be presented in the market, with the fix."""

    product: str  # handle
    kind: BlockerKind
    problem: str
    fix: str

    def __str__(self) -> str:
        return f"{self.product}: {self.problem} — fix: {self.fix}"


@dataclass(frozen=True)
class Readiness:
    market: Market
    products: list[str]  # handles checked, in order
    blockers: list[Blocker] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return not self.blockers

    def blocked(self, product: str) -> list[Blocker]:
        return [b for b in self.blockers if b.product == product]

    def raise_if_blocked(self, what: str) -> None:
        """Raise ``MarketNotReadyError`` naming every product that is not ready and its fix;
        ``what`` says what is refused ("show glow-hour cannot go live")."""
        if self.blockers:
            raise MarketNotReadyError(what, self)


class MarketNotReadyError(InvalidInputError):
    """Products that cannot be presented in a market; ``readiness`` holds each reason."""

    def __init__(self, what: str, readiness: Readiness) -> None:
        names = list(dict.fromkeys(b.product for b in readiness.blockers))
        lines = [
            f"{what} in {readiness.market.code}: {len(names)} product(s) not ready there:",
            *(f"  {b}" for b in readiness.blockers),
        ]
        super().__init__(
            "\n".join(lines),
            hint=f"shopcast catalog check --market {readiness.market.code} lists every "
            "product's state in that market.",
        )
        self.readiness = readiness


def _status_blocker(product: Product) -> Blocker | None:
    if product.on_sale:
        return None
    return Blocker(
        product=product.sku,
        kind="not_on_sale",
        problem=f"its status is {product.status}: {product.status} products are never "
        "presented or sold",
        fix="set its Status to active in the catalog file and import it again, or leave it out",
    )


def _price_blocker(product: Product, market: Market) -> Blocker | None:
    missing = [
        v.sku for v in product.variants if v.price_in(market.currency, product.currency) is None
    ]
    if not missing:
        return None
    which = "any variant" if len(missing) == len(product.variants) else ", ".join(missing)
    return Blocker(
        product=product.sku,
        kind="no_price",
        problem=f"no price in {market.currency} for {which} (prices are never converted from "
        f"{product.currency})",
        fix=f"set {market.currency} prices: shopcast catalog prices import prices.csv "
        f"(columns Variant SKU, Currency, Price), or a 'Price {market.currency}' column in the "
        "catalog file",
    )


def _text_blocker(product: Product, market: Market) -> Blocker | None:
    language = base_language(market.language)
    if product.text_in(language) is not None:
        return None
    draft = product.texts.get(language)
    if draft is not None:  # only a draft: a person has to read it first
        return Blocker(
            product=product.sku,
            kind="draft_text",
            problem=f"its {language} text is a draft the model wrote and nobody approved yet",
            fix=f"review it, then shopcast catalog approve {product.sku} --language {language} "
            "(or approve it in the studio's catalog)",
        )
    return Blocker(
        product=product.sku,
        kind="no_text",
        problem=f"no words in {language} (it is written in {product.language})",
        fix=f"add them ('Title ({language})', 'Description ({language})', … columns, "
        f"texts.{language} in JSON, or shopcast catalog import-translations with Shopify's "
        f"export), or draft them with shopcast catalog translate --language {language} "
        f"--product {product.sku} and approve them",
    )


def product_blockers(product: Product, market: Market) -> list[Blocker]:
    found = (
        _status_blocker(product),
        _price_blocker(product, market),
        _text_blocker(product, market),
    )
    return [b for b in found if b is not None]


def check_market(products: Iterable[Product], market: Market) -> Readiness:
    """Every reason each of ``products`` cannot be presented in ``market``."""
    checked: list[str] = []
    blockers: list[Blocker] = []
    for product in products:
        if product.sku in checked:
            continue
        checked.append(product.sku)
        blockers.extend(product_blockers(product, market))
    return Readiness(market=market, products=checked, blockers=blockers)
