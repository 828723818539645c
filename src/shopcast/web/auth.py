"""Who is calling, and the audit trail of what they did.

* Credentials: an API key in ``X-Shopcast-Key`` or ``Authorization: Bearer``, or the browser's
  session cookie. A key that is presented but wrong is refused outright (401), never treated as
  anonymous. Cookie-authenticated writes from another origin are refused (403).
* ``AuditMiddleware`` writes one audit entry per protected write (and per refused protected
  request of a known caller) after the response, with the real status as the outcome. Routes
  add details with ``add_audit_details``.
* Protected routes answer 401/403 before any body validation: a 422 for a malformed body on a
  protected route is replaced by the refusal when the caller may not use the route.

The dependencies themselves (``require_role``, ``OperatorDep``...) live in ``web.deps``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.security import APIKeyCookie, APIKeyHeader, HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection, Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shopcast.accounts.audit import AuditLog, Outcome
from shopcast.accounts.errors import NotAuthenticatedError, PermissionDeniedError
from shopcast.accounts.roles import Role, rank, role_allows
from shopcast.accounts.schemas import Actor
from shopcast.accounts.service import AccountService
from shopcast.errors import ShopcastError

log = logging.getLogger(__name__)

SESSION_COOKIE = "shopcast_session"
ROLE_MARKER = "shopcast_role"  # attribute on the dependency that checks a role
AUDIT_SCOPE_KEY = "shopcast.audit"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

key_header = APIKeyHeader(
    name="X-Shopcast-Key",
    scheme_name="ApiKeyHeader",
    description="An API key (sk_...) from `shopcast keys create` or POST /auth/api-keys.",
    auto_error=False,
)
bearer = HTTPBearer(
    scheme_name="ApiKeyBearer",
    description="The same API key as `Authorization: Bearer sk_...`.",
    auto_error=False,
)
session_cookie = APIKeyCookie(
    name=SESSION_COOKIE,
    scheme_name="SessionCookie",
    description="Set by POST /auth/login (HttpOnly, SameSite=Lax).",
    auto_error=False,
)


def resolve_actor(
    connection: HTTPConnection,
    accounts: AccountService,
    *,
    api_key: str | None,
    session_token: str | None,
) -> Actor | None:
    """The caller, None when no credentials came; wrong credentials are an error."""
    if api_key:
        actor = accounts.actor_for_api_key(api_key)
        if actor is None:
            raise NotAuthenticatedError(
                "The API key is not valid or has been revoked.",
                hint="Create a new one with `shopcast keys create` or POST /auth/api-keys.",
            )
        return actor
    if session_token:
        actor = accounts.actor_for_session(session_token)
        if actor is None:
            raise NotAuthenticatedError(
                "Your session has ended or expired.", hint="Sign in again: POST /auth/login."
            )
        _refuse_cross_site_write(connection)
        return actor
    return None


def _refuse_cross_site_write(connection: HTTPConnection) -> None:
    """A cookie rides along on cross-site requests; a write or a WebSocket must come from our
    own origin."""
    origin = connection.headers.get("origin")
    reads = connection.scope["type"] == "http" and connection.scope["method"] in SAFE_METHODS
    if reads or not origin:  # a WebSocket handshake is checked too: it opens a channel
        return
    if urlsplit(origin).netloc.lower() != (connection.headers.get("host") or "").lower():
        raise PermissionDeniedError(
            "Cross-site requests may not use the session cookie.",
            hint="Call from the shopcast page itself, or use an API key.",
        )


def check_role(connection: HTTPConnection, actor: Actor | None, needed: Role) -> Actor:
    """``actor`` if it holds ``needed`` (noting it for the audit entry), else the refusal."""
    if actor is None:
        raise NotAuthenticatedError(
            f"This needs the {needed} role: sign in or send an API key.",
            hint="POST /auth/login, or send X-Shopcast-Key / Authorization: Bearer sk_...",
        )
    _audit_slot(connection).update(actor=actor.name, role=actor.role.value, needed=needed.value)
    if not role_allows(actor.role, needed):
        raise PermissionDeniedError(
            f"{actor.name} has the {actor.role} role; this needs {needed} or higher."
        )
    return actor


# Route inspection
def _dependants(dependant: Dependant) -> Iterator[Dependant]:
    yield dependant
    for sub in dependant.dependencies:
        yield from _dependants(sub)


def required_role(route: object) -> Role | None:
    """The role a route needs (None: it checks no role). ``route`` is a FastAPI route or a
    route context from ``fastapi.routing.iter_route_contexts`` (which also carries the
    dependencies given to ``include_router``)."""
    dependant = getattr(route, "dependant", None)
    if not isinstance(dependant, Dependant):
        return None
    roles = [
        getattr(d.call, ROLE_MARKER) for d in _dependants(dependant) if hasattr(d.call, ROLE_MARKER)
    ]
    return max(roles, key=rank) if roles else None


def _route_of(scope: Scope) -> object:
    """The matched route, with include_router's dependencies where FastAPI keeps them."""
    effective = scope.get("fastapi", {}).get("effective_route_context")
    return effective if getattr(effective, "dependant", None) is not None else scope.get("route")


# Audit
def _audit_slot(connection: HTTPConnection) -> dict[str, Any]:
    return connection.scope.setdefault(AUDIT_SCOPE_KEY, {})


def add_audit_details(connection: HTTPConnection, **details: Any) -> None:
    """Add facts to this request's audit entry (never secrets: they are stored as given)."""
    _audit_slot(connection).setdefault("details", {}).update(details)


def _outcome(status: int) -> Outcome:
    if status < 400:
        return "ok"
    if status in (401, 403):
        return "denied"
    return "refused" if status < 500 else "error"


class AuditMiddleware:
    """Records protected writes and refusals of known callers once the response is known."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        slot: dict[str, Any] = {}
        scope[AUDIT_SCOPE_KEY] = slot
        status = 500

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        except Exception:
            await self._record(scope, slot, 500)
            raise
        await self._record(scope, slot, status)

    async def _record(self, scope: Scope, slot: dict[str, Any], status: int) -> None:
        if "actor" not in slot:
            return
        outcome = _outcome(status)
        if scope["method"] in SAFE_METHODS and outcome != "denied":
            return
        route = scope.get("route")
        template = getattr(route, "path", scope["path"])
        details = {
            "status": status,
            "route": f"{scope['method']} {template}",
            "needed": slot.get("needed"),
            **{k: v for k, v in scope.get("path_params", {}).items()},
            **slot.get("details", {}),
        }
        audit: AuditLog = scope["app"].state.audit
        try:
            await run_in_threadpool(
                audit.record,
                actor=slot["actor"],
                role=slot["role"],
                action=getattr(route, "name", template),
                target=scope["path"],
                details=details,
                outcome=outcome,
            )
        except Exception:  # the response is sent; losing the entry must not go unnoticed
            log.exception("could not write the audit entry for %s %s", scope["method"], template)


# A malformed body must not reveal more than a refusal would
async def _refusal_or_none(request: Request) -> Response | None:
    needed = required_role(_route_of(request.scope))
    if needed is None:
        return None
    accounts: AccountService = request.app.state.accounts
    api_key = request.headers.get(key_header.model.name)
    authorization = request.headers.get("authorization") or ""
    scheme, _, token = authorization.partition(" ")
    if not api_key and scheme.lower() == "bearer":
        api_key = token.strip()
    try:
        actor = await run_in_threadpool(
            resolve_actor,
            request,
            accounts,
            api_key=api_key,
            session_token=request.cookies.get(SESSION_COOKIE),
        )
        check_role(request, actor, needed)
    except (NotAuthenticatedError, PermissionDeniedError) as exc:
        return await request.app.exception_handlers[ShopcastError](request, exc)
    return None


def install_auth(app: FastAPI) -> None:
    """Audit middleware, and refusals ahead of validation errors on protected routes. Call
    after ``install_error_handlers``."""
    app.add_middleware(AuditMiddleware)
    validation_handler = app.exception_handlers[RequestValidationError]

    async def refuse_first(request: Request, exc: Exception) -> Any:
        refusal = await _refusal_or_none(request)
        if refusal is not None:
            return refusal
        return await validation_handler(request, exc)

    app.add_exception_handler(RequestValidationError, refuse_first)


__all__ = [
    "SESSION_COOKIE",
    "AuditMiddleware",
    "add_audit_details",
    "bearer",
    "check_role",
    "install_auth",
    "key_header",
    "required_role",
    "resolve_actor",
    "session_cookie",
]
