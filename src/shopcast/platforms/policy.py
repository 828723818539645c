"""Destination policies as data: the file format, and loading the shipped file merged with an
operator's override in SHOPCAST_HOME, with errors that name the file, the place and the problem
(``policies.yaml: destinations.tiktok.markets.en-US.modes[1]: 'auto' is not one of ...``)."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from shopcast.errors import InvalidInputError
from shopcast.markets.registry import list_markets
from shopcast.yamlfile import parse_yaml

MODES = ("autonomous", "copilot", "human")
Mode = Literal["autonomous", "copilot", "human"]
OVERRIDE = Path("platforms") / "policies.yaml"  # under SHOPCAST_HOME


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class MarketRule(_Strict):
    """A destination's rule in one market (replaces the destination's defaults there)."""

    modes: list[Mode]  # empty: the destination is closed to virtual hosts in that market
    label_required: bool | None = None  # None: as the destination says
    reason: str | None = None  # why, quoted in refusals


class DestinationPolicy(_Strict):
    name: str = Field(min_length=1)
    modes: list[Mode] = Field(min_length=1)  # in markets without a rule of their own
    label_required: bool = False  # the visible AI label must be on every frame
    simulcast: bool = True  # False: no other destination may carry the same show
    simulcast_reason: str | None = None
    reason: str | None = None  # why the modes and label above (quoted in refusals)
    markets: dict[str, MarketRule] = Field(default_factory=dict)

    @field_validator("markets")
    @classmethod
    def _known_markets(cls, value: dict[str, MarketRule]) -> dict[str, MarketRule]:
        _check_market_codes(value)
        return value

    def rule_for(self, market: str) -> MarketRule:
        rule = self.markets.get(market)
        if rule is None:
            return MarketRule(
                modes=list(self.modes), label_required=self.label_required, reason=self.reason
            )
        label = self.label_required if rule.label_required is None else rule.label_required
        return MarketRule(modes=rule.modes, label_required=label, reason=rule.reason or self.reason)


class MarketLaw(_Strict):
    label_required: bool = False
    reason: str | None = None


class PolicyFile(_Strict):
    version: Literal[1]
    markets: dict[str, MarketLaw] = Field(default_factory=dict)
    destinations: dict[str, DestinationPolicy] = Field(default_factory=dict)

    @field_validator("markets")
    @classmethod
    def _known_markets(cls, value: dict[str, MarketLaw]) -> dict[str, MarketLaw]:
        _check_market_codes(value)
        return value

    @field_validator("destinations")
    @classmethod
    def _destination_names(
        cls, value: dict[str, DestinationPolicy]
    ) -> dict[str, DestinationPolicy]:
        for name in value:
            if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", name):
                raise ValueError(
                    f"destination name {name!r}: use lowercase letters, digits, _ or -"
                )
        return value


def _check_market_codes(value: dict[str, Any]) -> None:
    known = {m.code for m in list_markets()}
    unknown = sorted(code for code in value if code not in known)
    if unknown:
        raise ValueError(
            f"unknown market {', '.join(map(repr, unknown))}; supported: {', '.join(sorted(known))}"
        )


def parse_policy_file(text: str, source: str) -> PolicyFile:
    document = parse_yaml(text, source)
    if not isinstance(document, dict):
        raise InvalidInputError(
            f"{source}: a policy file is a mapping with 'version: 1' and 'destinations'",
            hint="See docs/consent-and-provenance.md.",
        )
    try:
        return PolicyFile.model_validate(document)
    except ValidationError as exc:
        raise InvalidInputError(
            f"{source}: {describe_errors(exc)}",
            hint="See the policy file format in docs/consent-and-provenance.md.",
        ) from None


def describe_errors(error: ValidationError) -> str:
    parts = []
    for item in error.errors():
        place = _place(item["loc"])
        if item["type"] == "literal_error":
            expected = item.get("ctx", {}).get("expected", "")
            options = expected.replace("'", "").replace(" or ", ", ")
            problem = f"{item['input']!r} is not one of {options}"
        elif item["type"] == "extra_forbidden":
            problem = "unknown field (check the spelling)"
        elif item["type"] == "missing":
            problem = "required field is missing"
        else:
            problem = item["msg"].removeprefix("Value error, ")
        parts.append(f"{place}: {problem}" if place else problem)
    return "; ".join(parts)


def _place(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def load_policies(home: Path | None = None) -> tuple[PolicyFile, list[str]]:
    """The shipped policies with the override in ``home/platforms/policies.yaml`` laid over them
    (each destination and market it names replaces the shipped one). Returns the merged policies
    and the files they came from."""
    shipped = resources.files("shopcast.platforms").joinpath("policies.yaml")
    shipped_text = shipped.read_text("utf-8")
    merged = parse_policy_file(shipped_text, "policies.yaml (shipped)")
    sources = ["policies.yaml (shipped)"]
    override = home / OVERRIDE if home is not None else None
    if override is not None and override.is_file():
        try:
            text = override.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidInputError(f"{override}: cannot read: {exc}") from None
        layer = parse_policy_file(text, str(override))
        merged = PolicyFile(
            version=1,
            markets={**merged.markets, **layer.markets},
            destinations={**merged.destinations, **layer.destinations},
        )
        sources.append(str(override))
    return merged, sources
