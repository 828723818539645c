"""Sign-in, who am I, users and API keys (owner), and the audit log (owner)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, Security

from shopcast.accounts.audit import MAX_QUERY_LIMIT, OUTCOMES
from shopcast.accounts.errors import PermissionDeniedError
from shopcast.accounts.roles import grants_of
from shopcast.accounts.schemas import (
    Actor,
    ActorPublic,
    ApiKeyCreate,
    ApiKeyCreated,
    ApiKeyPublic,
    AuditEntry,
    LoginRequest,
    LoginResult,
    UserCreate,
    UserPublic,
    UserUpdate,
)
from shopcast.web.auth import SESSION_COOKIE, add_audit_details
from shopcast.web.deps import (
    PUBLIC,
    AccountsDep,
    AuditDep,
    OwnerDep,
    ViewerDep,
    current_actor,
)

router = APIRouter(tags=["accounts"])
# The actor the role check already resolved (same scopes: FastAPI's per-request cache hit).
ViewerActor = Annotated[Actor | None, Security(current_actor, scopes=["viewer"])]
OwnerActor = Annotated[Actor | None, Security(current_actor, scopes=["owner"])]


@router.post("/auth/login", openapi_extra=PUBLIC)
def login(
    body: LoginRequest, accounts: AccountsDep, request: Request, response: Response
) -> LoginResult:
    """Sign in: sets the HttpOnly session cookie the browser sends from now on."""
    token, expires_at, user = accounts.sign_in(body.name, body.password.get_secret_value())
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(accounts.session_ttl.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )
    return LoginResult(user=user, expires_at=expires_at)


@router.post("/auth/logout", status_code=204, openapi_extra=PUBLIC)
def logout(accounts: AccountsDep, request: Request, response: Response) -> None:
    """End this browser's session (nothing to do without one)."""
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        actor = accounts.sign_out(token)
        if actor is not None:
            accounts.audit.record(
                actor=actor.name, role=actor.role, action="auth.logout", target="/auth/logout"
            )
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax")


@router.get("/auth/me")
def me(_name: ViewerDep, actor: ViewerActor) -> ActorPublic:
    """Who the credentials belong to, their role and everything it allows."""
    assert actor is not None  # ViewerDep refused anonymous callers
    return ActorPublic(
        name=actor.name, role=actor.role, via=actor.via, grants=grants_of(actor.role)
    )


@router.get("/auth/users")
def list_users(_owner: OwnerDep, accounts: AccountsDep) -> list[UserPublic]:
    return accounts.list_users()


@router.post("/auth/users", status_code=201)
def create_user(
    _owner: OwnerDep, body: UserCreate, accounts: AccountsDep, request: Request
) -> UserPublic:
    add_audit_details(request, user=body.name, new_role=body.role.value)
    return accounts.create_user(body)


@router.patch("/auth/users/{name}")
def update_user(
    _owner: OwnerDep, name: str, body: UserUpdate, accounts: AccountsDep, request: Request
) -> UserPublic:
    """Change a role, disable or enable, or set a new password (which ends the user's
    sessions). The last active owner stays an owner."""
    add_audit_details(
        request,
        new_role=body.role.value if body.role else None,
        disabled=body.disabled,
        password_changed=body.password is not None,
    )
    return accounts.update_user(name, body)


@router.post("/auth/api-keys", status_code=201)
def create_api_key(
    _owner: OwnerDep,
    body: ApiKeyCreate,
    accounts: AccountsDep,
    actor: OwnerActor,
    request: Request,
) -> ApiKeyCreated:
    """A key for automation, scoped to one role. The response is the only time the key is
    shown; only its SHA-256 digest is stored."""
    if actor is None:  # pragma: no cover - OwnerDep refused anonymous callers
        raise PermissionDeniedError("Sign in first.")
    created = accounts.create_api_key(body, created_by=actor)
    add_audit_details(request, key_id=created.id, key=created.name, key_role=created.role.value)
    return created


@router.get("/auth/api-keys")
def list_api_keys(
    _owner: OwnerDep, accounts: AccountsDep, include_revoked: bool = False
) -> list[ApiKeyPublic]:
    return accounts.list_api_keys(include_revoked=include_revoked)


@router.delete("/auth/api-keys/{key_id}")
def revoke_api_key(_owner: OwnerDep, key_id: int, accounts: AccountsDep) -> ApiKeyPublic:
    """Revoke a key: it stops working on the next request."""
    return accounts.revoke_api_key(key_id)


@router.get("/audit", tags=["audit"])
def read_audit_log(
    _owner: OwnerDep,
    audit: AuditDep,
    actor: Annotated[str | None, Query(max_length=64)] = None,
    action: Annotated[str | None, Query(max_length=80, description="Prefix match.")] = None,
    target: Annotated[str | None, Query(max_length=200, description="Prefix match.")] = None,
    outcome: Annotated[str | None, Query(description=f"One of {', '.join(OUTCOMES)}.")] = None,
    since: datetime | None = None,
    until: datetime | None = None,
    before_id: Annotated[int | None, Query(ge=1, description="Page back from this id.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_QUERY_LIMIT)] = 100,
) -> list[AuditEntry]:
    """Audit entries, newest first. Ids follow the order in which actions were applied."""
    return audit.query(
        actor=actor,
        action=action,
        target=target,
        outcome=outcome,
        since=since,
        until=until,
        before_id=before_id,
        limit=limit,
    )
