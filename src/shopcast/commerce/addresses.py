"""Shipping addresses, validated per country with the rules in ``address_rules.yaml``."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from shopcast.errors import InvalidInputError


class Address(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True, extra="forbid")

    name: str = Field(min_length=1, max_length=100)
    street: str = Field(min_length=1, max_length=200)
    city: str = Field(min_length=1, max_length=100)
    postal_code: str = Field(min_length=1, max_length=20)
    country: str = Field(min_length=2, max_length=2, description="ISO 3166-1 alpha-2, e.g. KR")
    phone: str = Field(min_length=1, max_length=30)

    @field_validator("country")
    @classmethod
    def _upper(cls, value: str) -> str:
        return value.upper()


class AddressError(InvalidInputError):
    """An address refused field by field: ``problems`` is ``[{"field", "problem"}]`` with the
    field names of :class:`Address` (``country``, ``postal_code``, ``phone``), so a form can
    show each message next to its field."""

    def __init__(self, problems: list[dict[str, str]], *, hint: str | None = None) -> None:
        text = "; ".join(p["problem"] for p in problems)
        super().__init__(f"Invalid shipping address: {text}.", hint=hint)
        self.problems = problems


@cache
def country_rules() -> dict[str, dict[str, str]]:
    text = resources.files("shopcast.commerce").joinpath("address_rules.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def country_of_market(market_code: str) -> str:
    """The country of a market code: ``ko-KR`` → ``KR``."""
    return market_code.replace("_", "-").split("-")[-1].upper()


def validate_address(
    raw: Address | dict[str, Any], *, market_country: str | None = None
) -> Address:
    """A checked address; ``AddressError`` naming every field that is wrong otherwise.

    ``market_country`` (e.g. ``KR`` for the ko-KR market) must match the address's country:
    a show only ships within its market.
    """
    if isinstance(raw, Address):
        address = raw
    else:
        try:
            address = Address.model_validate(raw)
        except ValueError as exc:
            raise InvalidInputError(f"Malformed address: {exc}") from exc
    rules = country_rules().get(address.country)
    if rules is None:
        raise InvalidInputError(
            f"Cannot ship to country {address.country!r}.",
            hint=f"Supported countries: {', '.join(sorted(country_rules()))}.",
        )
    problems: list[dict[str, str]] = []
    if market_country and address.country != market_country.upper():
        outside = f"country {address.country} is outside this market ({market_country})"
        problems.append(_problem("country", outside))
    if not re.fullmatch(rules["postal"], address.postal_code):
        problems.append(
            _problem(
                "postal_code",
                f"postal code {address.postal_code!r} is not valid in {rules['name']} "
                f"(expected e.g. {rules['postal_example']})",
            )
        )
    if not re.fullmatch(rules["phone"], address.phone):
        problems.append(
            _problem(
                "phone",
                f"phone {address.phone!r} is not valid in {rules['name']} "
                f"(expected e.g. {rules['phone_example']})",
            )
        )
    if problems:
        raise AddressError(problems)
    return address


def _problem(field: str, problem: str) -> dict[str, str]:
    return {"field": field, "problem": problem}
