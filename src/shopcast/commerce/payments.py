"""Payment providers. The one built in is honest: pay on delivery / manual confirmation.

No card is charged anywhere in shopcast. The ``manual`` provider records that payment is due;
an operator confirms it (cash on delivery collected, bank transfer seen), which moves the order
from ``pending_payment`` to ``confirmed``. A real gateway would implement the same protocol.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from shopcast.commerce.tables import OrderRow, PaymentRow
from shopcast.errors import InvalidInputError


@dataclass(frozen=True)
class ProviderCapabilities:
    captures_online: bool  # money moves when the order is placed
    needs_operator_confirmation: bool  # someone must confirm receipt


class PaymentProvider(Protocol):
    name: str
    capabilities: ProviderCapabilities

    def open(self, order: OrderRow, now: datetime) -> PaymentRow:
        """Record the payment an order needs (called in the checkout transaction)."""
        ...

    def confirm(self, payment: PaymentRow, operator: str, now: datetime) -> None:
        """Mark the payment received."""
        ...

    def void(self, payment: PaymentRow, now: datetime) -> None:
        """The order was cancelled: nothing is owed any more."""
        ...


class ManualPaymentProvider:
    """Pay on delivery or by transfer; an operator confirms receipt."""

    name = "manual"
    capabilities = ProviderCapabilities(captures_online=False, needs_operator_confirmation=True)

    def open(self, order: OrderRow, now: datetime) -> PaymentRow:
        return PaymentRow(
            provider=self.name,
            status="pending",
            amount=order.total,
            currency=order.currency,
            created_at=now,
            updated_at=now,
        )

    def confirm(self, payment: PaymentRow, operator: str, now: datetime) -> None:
        payment.status = "captured"
        payment.confirmed_by = operator
        payment.updated_at = now

    def void(self, payment: PaymentRow, now: datetime) -> None:
        payment.status = "voided"
        payment.updated_at = now


def default_providers() -> dict[str, PaymentProvider]:
    return {ManualPaymentProvider.name: ManualPaymentProvider()}


def provider_named(providers: dict[str, PaymentProvider], name: str) -> PaymentProvider:
    provider = providers.get(name)
    if provider is None:
        raise InvalidInputError(
            f"Unknown payment method {name!r}.",
            hint=f"Available: {', '.join(sorted(providers))} (pay on delivery / manual "
            "confirmation by an operator).",
        )
    return provider
