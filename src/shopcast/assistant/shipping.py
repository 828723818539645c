"""Shipping and returns answers from the seller's per-market policy (``shipping.yaml``).

The policy is data: ``<SHOPCAST_HOME>/shipping.yaml`` when the seller put one there, else the
bundled sample shop's terms. Answers are fixed localised lines filled with those numbers; a
market without terms gets "no shipping details", never a guess.
"""

from __future__ import annotations

import re
from decimal import Decimal
from importlib import resources
from pathlib import Path

import yaml
from pydantic import BaseModel, Field, ValidationError, model_validator

from shopcast.assistant.phrases import country_name, line
from shopcast.errors import InvalidInputError
from shopcast.live.chat.phrases import phrase
from shopcast.live.chat.textmatch import fold
from shopcast.markets.registry import format_price, get_market
from shopcast.markets.types import Market

POLICY_FILE = "shipping.yaml"


class ShippingTerms(BaseModel):
    delivery_days: tuple[int, int]
    fee: Decimal = Field(ge=0)
    free_over: Decimal | None = Field(default=None, ge=0)
    returns_days: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> ShippingTerms:
        low, high = self.delivery_days
        if low < 0 or high < low:
            raise ValueError("delivery_days must be [fewest, most] with 0 <= fewest <= most")
        return self


def load_shipping_policy(home: Path | None = None) -> dict[str, ShippingTerms]:
    """Market code → terms, from ``home/shipping.yaml`` if present, else the bundled file."""
    custom = home / POLICY_FILE if home is not None else None
    if custom is not None and custom.is_file():
        text, source = custom.read_text("utf-8"), str(custom)
    else:
        text = resources.files("shopcast.assistant").joinpath(POLICY_FILE).read_text("utf-8")
        source = "bundled shipping.yaml"
    try:
        raw = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise InvalidInputError(f"{source}: not valid YAML ({exc})") from exc
    if not isinstance(raw, dict):
        raise InvalidInputError(f"{source}: expected a mapping of market code → terms")
    policy: dict[str, ShippingTerms] = {}
    for code, terms in raw.items():
        market = get_market(str(code))  # an unknown market code is an error, not ignored
        try:
            policy[market.code] = ShippingTerms.model_validate(terms)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()
            )
            raise InvalidInputError(f"{source}: market {code}: {problems}") from exc
    return policy


_SHIPPING = re.compile(
    r"(?<!\w)(ship|ships|shipping|shipped|delivery|deliver|delivered|arrive|arrives|postage|"
    r"courier|envio|entrega|entregan|frete|livraison|livrer|spedizione|consegna|ongkir|"
    r"pengiriman|kirim|dikirim|delivery charge)(?!\w)|배송|배달|택배|送料|配送|届く|届き|発送|"
    r"运费|发货|快递|包邮|配送|डिलीवरी|शिपिंग",
)
_RETURNS = re.compile(
    r"(?<!\w)(return|returns|returning|refund|refunds|exchange|send it back|devolucion|"
    r"devolver|reembolso|devolucao|troca|trocar|retour|retourner|rembourse\w*|reso|"
    r"restituire|rimborso|retur|pengembalian|refund)(?!\w)|반품|환불|교환|返品|返金|交換|"
    r"退货|退款|换货|退換|वापसी|रिफंड",
)


def asks_about_shipping(text: str) -> bool:
    return bool(_SHIPPING.search(fold(text)))


def asks_about_returns(text: str) -> bool:
    return bool(_RETURNS.search(fold(text)))


def shipping_answer(
    text: str, market: Market, policy: dict[str, ShippingTerms]
) -> tuple[str, list[str]] | None:
    """(answer, sources) for a shipping or returns question, or None when it is neither."""
    shipping, returns = asks_about_shipping(text), asks_about_returns(text)
    if not (shipping or returns):
        return None
    lang, country = market.language, country_name(market)
    terms = policy.get(market.code)
    if terms is None:
        return line(lang, "no_shipping", country=country), []
    parts: list[str] = []
    if shipping:
        low, high = terms.delivery_days
        fee = format_price(terms.fee, market.currency, market)
        parts.append(line(lang, "shipping", country=country, min=low, max=high, fee=fee))
        if terms.free_over is not None:
            threshold = format_price(terms.free_over, market.currency, market)
            parts.append(line(lang, "shipping_free_over", threshold=threshold))
    if returns:
        if terms.returns_days is not None:
            parts.append(line(lang, "returns", days=terms.returns_days))
        elif not shipping:
            return phrase(lang, "no_detail"), []
    sep = "" if market.word_separator == "" else " "
    return sep.join(parts), [f"shipping:{market.code}"]
