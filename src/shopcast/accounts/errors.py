"""Account errors. ``NotAuthenticatedError`` is HTTP 401, ``PermissionDeniedError`` 403 and
``TooManyAttemptsError`` 429 (``shopcast.web.errors``)."""

from __future__ import annotations

from shopcast.commerce.errors import ConflictError, PermissionDeniedError
from shopcast.errors import ShopcastError

__all__ = [
    "ConflictError",
    "NotAuthenticatedError",
    "PermissionDeniedError",
    "TooManyAttemptsError",
]


class NotAuthenticatedError(ShopcastError):
    """No credentials, or credentials that are wrong, expired or revoked."""


class TooManyAttemptsError(ShopcastError):
    """Too many failed sign-ins for one name in a short time."""
