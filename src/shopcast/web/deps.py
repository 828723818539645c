"""FastAPI dependencies as named types. Everything comes from ``app.state`` (set by
``create_app``), so tests override a dependency with ``app.dependency_overrides``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from typing import Annotated, Any

from fastapi import Depends, Header, Request, Security, WebSocketException, status
from fastapi.security import HTTPAuthorizationCredentials
from sqlalchemy.orm import Session
from starlette.requests import HTTPConnection

from shopcast.accounts.audit import AuditLog
from shopcast.accounts.roles import Role, parse_role
from shopcast.accounts.schemas import Actor
from shopcast.accounts.service import AccountService
from shopcast.analytics.service import AnalyticsService
from shopcast.catalog.service import CatalogService
from shopcast.commerce import CommerceService
from shopcast.config import Settings
from shopcast.errors import InvalidInputError, ShopcastError
from shopcast.store import Database
from shopcast.web import auth


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_database(request: Request) -> Database:
    return request.app.state.database


def get_session(db: Annotated[Database, Depends(get_database)]) -> Iterator[Session]:
    with db.session() as session:
        yield session


def get_commerce(request: Request) -> CommerceService:
    return request.app.state.commerce


def get_analytics(request: Request) -> AnalyticsService:
    return request.app.state.analytics


def get_catalog(
    db: Annotated[Database, Depends(get_database)],
    settings: Annotated[Settings, Depends(get_settings)],
) -> CatalogService:
    return CatalogService(db, settings)


SettingsDep = Annotated[Settings, Depends(get_settings)]
DatabaseDep = Annotated[Database, Depends(get_database)]
SessionDep = Annotated[Session, Depends(get_session)]
CommerceDep = Annotated[CommerceService, Depends(get_commerce)]
AnalyticsDep = Annotated[AnalyticsService, Depends(get_analytics)]
CatalogDep = Annotated[CatalogService, Depends(get_catalog)]


def idempotency_key(
    key: Annotated[
        str | None,
        Header(alias="Idempotency-Key", description="Unique per order attempt; reuse to retry."),
    ] = None,
) -> str:
    if not key or not key.strip():
        raise InvalidInputError(
            "Checkout needs an Idempotency-Key header.",
            hint="Send a fresh random value (e.g. a UUID) per order; resend it when retrying.",
        )
    if len(key) > 128:
        raise InvalidInputError("Idempotency-Key is longer than 128 characters.")
    return key.strip()


IdempotencyKeyDep = Annotated[str, Depends(idempotency_key)]


def get_accounts(connection: HTTPConnection) -> AccountService:
    return connection.app.state.accounts


def get_audit(connection: HTTPConnection) -> AuditLog:
    return connection.app.state.audit


AccountsDep = Annotated[AccountService, Depends(get_accounts)]
AuditDep = Annotated[AuditLog, Depends(get_audit)]

PUBLIC: dict[str, Any] = {"x-shopcast-public": True}
"""``openapi_extra=PUBLIC`` declares a route open to anyone (tests/accounts walks every route:
each is either declared public or checks a role)."""


def public_socket() -> None:
    """Declares a WebSocket route open to anyone (WebSockets have no OpenAPI entry):
    ``dependencies=[Depends(public_socket)]``."""


def _refusal(connection: HTTPConnection, error: ShopcastError) -> Exception:
    if connection.scope["type"] == "websocket":
        return WebSocketException(code=status.WS_1008_POLICY_VIOLATION, reason=error.message)
    return error


def current_actor(
    connection: HTTPConnection,
    accounts: AccountsDep,
    api_key: Annotated[str | None, Security(auth.key_header)] = None,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(auth.bearer)] = None,
    session_token: Annotated[str | None, Security(auth.session_cookie)] = None,
) -> Actor | None:
    """The caller (None: no credentials). Wrong or expired credentials are refused (401)."""
    key = api_key or (bearer.credentials if bearer is not None else None)
    try:
        return auth.resolve_actor(connection, accounts, api_key=key, session_token=session_token)
    except ShopcastError as error:
        raise _refusal(connection, error) from None


CurrentActorDep = Annotated[Actor | None, Depends(current_actor)]


def require_role(role: str | Role) -> Callable[..., str]:
    """AUTH HOOK: the dependency protected routes use. Authenticates the caller (API key or
    session cookie), checks the role hierarchy owner > editor > operator > viewer, notes the
    caller for the audit entry, and returns the actor's name (``key:<name>`` for API keys).

    No credentials: 401; a role too low: 403 (on a WebSocket: close code 1008). The same
    callable per role, so it runs once per request however often it is declared."""
    return _role_check(parse_role(role))


@cache
def _role_check(needed: Role) -> Callable[..., str]:
    # A default, not Annotated: annotations are strings here (PEP 563) and could not see
    # ``needed``; the default is evaluated now.
    def check(
        connection: HTTPConnection,
        actor: Actor | None = Security(current_actor, scopes=[needed.value]),  # noqa: B008
    ) -> str:
        try:
            return auth.check_role(connection, actor, needed).name
        except ShopcastError as error:
            raise _refusal(connection, error) from None

    check.__name__ = check.__qualname__ = f"require_{needed.value}"
    setattr(check, auth.ROLE_MARKER, needed)
    return check


ViewerDep = Annotated[str, Depends(require_role("viewer"))]
OperatorDep = Annotated[str, Depends(require_role("operator"))]
EditorDep = Annotated[str, Depends(require_role("editor"))]
OwnerDep = Annotated[str, Depends(require_role("owner"))]
