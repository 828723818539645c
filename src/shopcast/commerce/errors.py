"""Commerce errors. Each maps to one HTTP status in ``shopcast.web.errors``.

Bad input (unknown SKU, malformed address, expired coupon...) stays an ``InvalidInputError`` or a
``NotFoundError`` from ``shopcast.errors``; the types below are the commerce refusals a client can
understand and often retry later.
"""

from __future__ import annotations

from shopcast.errors import InvalidInputError, ShopcastError


class ConflictError(ShopcastError):
    """The request contradicts what is already stored (reused idempotency key, cart already
    checked out, an order status change that is not allowed from the current status)."""


class OutOfStockError(ConflictError):
    """Fewer units are available than were asked for (stock, reservations or a deal's total)."""

    def __init__(self, message: str, *, available: int, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.available = available


class LimitExceededError(InvalidInputError):
    """A per-customer limit (flash deal, coupon) would be exceeded."""


class DealNotLiveError(ConflictError):
    """A flash deal that is not live (scheduled, counting down, ended or sold out)."""

    def __init__(self, message: str, *, state: str, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.state = state


class CouponError(InvalidInputError):
    """A coupon that does not apply: unknown, not yet valid, expired, used up, spend too low."""


class PermissionDeniedError(ShopcastError):
    """The caller lacks the role an operation needs (e.g. operator actions)."""
