"""The go-live check: every destination of a show against its policy, before any output opens.

guard = PolicyGuard.load(settings.home)       # re-reads the files: edits apply at once
decision = guard.check([Destination(kind="tiktok", url=...)], mode="autonomous",
                       market="en-US")
decision.raise_if_refused()                    # GoLiveRefusedError naming every reason
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field

from shopcast.errors import InvalidInputError, ShopcastError
from shopcast.markets.registry import list_markets
from shopcast.platforms.policy import MODES, PolicyFile, load_policies


class Destination(BaseModel):
    kind: str  # a destination name in the policies: tiktok, youtube, douyin, own_page, rtmp...
    url: str | None = None  # where the stream goes (not used by the rules; shown in messages)


class Refusal(BaseModel):
    destination: str  # the destination's kind, or "*" for the whole show
    rule: str  # unknown_destination | mode | label | simulcast | no_destination
    message: str


class Decision(BaseModel):
    allowed: bool
    reasons: list[Refusal] = Field(default_factory=list)
    label_required: bool = False  # some destination or the market's law wants the AI label

    @property
    def message(self) -> str:
        return "; ".join(r.message for r in self.reasons)

    def raise_if_refused(self) -> None:
        if not self.allowed:
            raise GoLiveRefusedError(self.reasons)


class GoLiveRefusedError(ShopcastError):
    """Going live was refused by the destination policies; nothing was sent."""

    def __init__(self, reasons: list[Refusal]) -> None:
        super().__init__(
            "Going live is refused, nothing was sent: " + "; ".join(r.message for r in reasons),
            hint="Choose a mode or destinations the policies allow (`shopcast platforms show`); "
            "rules live in SHOPCAST_HOME/platforms/policies.yaml.",
        )
        self.problems = [r.model_dump() for r in reasons]


class PolicyGuard:
    def __init__(self, policies: PolicyFile) -> None:
        self.policies = policies

    @classmethod
    def load(cls, home: Path | None) -> PolicyGuard:
        return cls(load_policies(home)[0])

    def check(
        self, destinations: list[Destination], mode: str, market: str, *, ai_label: bool = True
    ) -> Decision:
        """Whether a show in ``mode`` for ``market`` may go to all ``destinations`` at once.
        ``ai_label``: whether the visible AI label is drawn (shopcast always draws it)."""
        if mode not in MODES:
            raise InvalidInputError(f"unknown mode {mode!r}: use one of {', '.join(MODES)}")
        if market not in {m.code for m in list_markets()}:
            raise InvalidInputError(f"unknown market {market!r}")
        reasons: list[Refusal] = []
        if not destinations:
            reasons.append(
                Refusal(
                    destination="*", rule="no_destination", message="the show has no destination"
                )
            )
        law = self.policies.markets.get(market)
        label_required = bool(law and law.label_required)
        if law and law.label_required and not ai_label:
            reasons.append(
                Refusal(
                    destination="*",
                    rule="label",
                    message=(
                        f"{market} requires the visible AI label ({law.reason or 'market law'})"
                    ),
                )
            )
        for index, destination in enumerate(destinations):
            policy = self.policies.destinations.get(destination.kind)
            if policy is None:
                known = ", ".join(sorted(self.policies.destinations))
                reasons.append(
                    Refusal(
                        destination=destination.kind,
                        rule="unknown_destination",
                        message=f"unknown destination {destination.kind!r} (known: {known})",
                    )
                )
                continue
            rule = policy.rule_for(market)
            why = f": {rule.reason}" if rule.reason else ""
            if mode not in rule.modes:
                allowed = ", ".join(rule.modes) or "none"
                reasons.append(
                    Refusal(
                        destination=destination.kind,
                        rule="mode",
                        message=(
                            f"{policy.name} does not allow {mode} mode in {market} "
                            f"(allowed: {allowed}){why}"
                        ),
                    )
                )
            if rule.label_required:
                label_required = True
                if not ai_label:
                    reasons.append(
                        Refusal(
                            destination=destination.kind,
                            rule="label",
                            message=(f"{policy.name} requires the visible AI label{why}"),
                        )
                    )
            others = [d.kind for j, d in enumerate(destinations) if j != index]
            if not policy.simulcast and others:
                because = f": {policy.simulcast_reason}" if policy.simulcast_reason else ""
                reasons.append(
                    Refusal(
                        destination=destination.kind,
                        rule="simulcast",
                        message=(
                            f"{policy.name} forbids simulcasting, but the show also goes to "
                            f"{', '.join(others)}{because}"
                        ),
                    )
                )
        return Decision(allowed=not reasons, reasons=reasons, label_required=label_required)


def check_go_live(
    destinations: list[Destination],
    mode: str,
    market: str,
    *,
    home: Path | None = None,
    ai_label: bool = True,
) -> list[Refusal]:
    """The refusals for going live (empty: allowed), against the current policy files."""
    return PolicyGuard.load(home).check(destinations, mode, market, ai_label=ai_label).reasons
