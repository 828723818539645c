"""FastAPI dependencies as named types. Everything comes from ``app.state`` (set by
``create_app``), so tests override a dependency with ``app.dependency_overrides``."""

from __future__ import annotations

import hmac
from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, Header, Request
from sqlalchemy.orm import Session

from shopcast.analytics.service import AnalyticsService
from shopcast.catalog.service import CatalogService
from shopcast.commerce import CommerceService
from shopcast.commerce.errors import PermissionDeniedError
from shopcast.config import Settings
from shopcast.errors import InvalidInputError
from shopcast.store import Database


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


def require_role(role: str) -> Callable[..., str]:
    """AUTH HOOK: the dependency operator routes use. For now a role is proven by the
    ``X-Shopcast-Key`` header matching ``settings.api_key``; accounts (a later issue) will
    replace this body and keep the signature. Returns the actor name for audit trails."""

    def check(
        settings: SettingsDep,
        api_key: Annotated[str | None, Header(alias="X-Shopcast-Key")] = None,
        actor: Annotated[str | None, Header(alias="X-Shopcast-Actor")] = None,
    ) -> str:
        expected = settings.api_key
        if not expected:
            raise PermissionDeniedError(
                f"{role.title()} actions are disabled: no API key is configured.",
                hint="Set SHOPCAST_API_KEY on the server and send it as X-Shopcast-Key.",
            )
        if not api_key or not hmac.compare_digest(api_key.encode(), expected.encode()):
            raise PermissionDeniedError(
                f"This action needs the {role} role: send a valid X-Shopcast-Key header."
            )
        return (actor or role)[:64]

    return check


OperatorDep = Annotated[str, Depends(require_role("operator"))]
