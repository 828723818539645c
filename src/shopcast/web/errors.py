"""Errors → JSON: every refusal is ``{"error": kind, "message": ..., "hint": ...}``."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from shopcast.accounts.errors import NotAuthenticatedError, TooManyAttemptsError
from shopcast.commerce.errors import (
    ConflictError,
    DealNotLiveError,
    LimitExceededError,
    OutOfStockError,
    PermissionDeniedError,
)
from shopcast.errors import ConsentError, InvalidInputError, NotFoundError, ShopcastError
from shopcast.platforms import GoLiveRefusedError
from shopcast.store.errors import RETRY_AFTER_S, DatabaseUnavailableError

# Most specific first. Refusals by rule: consent missing, expired or revoked is 403 (the
# persona may not be used); a destination's policy forbidding the show is 409 (the show as
# asked conflicts with the rules; ``problems`` lists each reason).
_STATUS: list[tuple[type[ShopcastError], int, str]] = [
    (ConsentError, 403, "consent_required"),
    (GoLiveRefusedError, 409, "refused_by_policy"),
    (OutOfStockError, 409, "out_of_stock"),
    (DealNotLiveError, 409, "deal_not_live"),
    (LimitExceededError, 422, "limit_exceeded"),
    (ConflictError, 409, "conflict"),
    (NotFoundError, 404, "not_found"),
    (InvalidInputError, 422, "invalid_input"),
    (PermissionDeniedError, 403, "forbidden"),
    (NotAuthenticatedError, 401, "unauthenticated"),
    (TooManyAttemptsError, 429, "too_many_attempts"),
    # Connection lost or database busy: rolled back, safe to retry with the same key.
    (DatabaseUnavailableError, 503, "database_unavailable"),
]
# A 401 names the ways to authenticate (RFC 9110 asks for a challenge).
_HEADERS: dict[int, dict[str, str]] = {
    401: {"WWW-Authenticate": 'Bearer realm="shopcast"'},
    503: {"Retry-After": str(RETRY_AFTER_S)},
}


def _body(kind: str, exc: ShopcastError) -> dict[str, object]:
    body: dict[str, object] = {"error": kind, "message": exc.message, "hint": exc.hint}
    for extra in ("available", "state", "problems"):
        if hasattr(exc, extra):
            body[extra] = getattr(exc, extra)
    return body


async def _shopcast_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ShopcastError)
    for error_type, status, kind in _STATUS:
        if isinstance(exc, error_type):
            return JSONResponse(_body(kind, exc), status_code=status, headers=_HEADERS.get(status))
    return JSONResponse(_body("error", exc), status_code=500)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = [
        {"field": ".".join(str(p) for p in e["loc"][1:]) or str(e["loc"][0]), "problem": e["msg"]}
        for e in exc.errors()
    ]
    message = "; ".join(f"{p['field']}: {p['problem']}" for p in problems)
    return JSONResponse(
        {"error": "invalid_input", "message": f"Invalid request: {message}", "problems": problems},
        status_code=422,
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ShopcastError, _shopcast_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
