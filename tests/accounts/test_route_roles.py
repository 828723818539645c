"""Every route is either declared public or checks a role, and the check holds.

The walk covers the OpenAPI schema and the app's route table (routes hidden from the schema and
WebSockets too). A new route that is neither declared public (``openapi_extra=PUBLIC``, or
``Depends(public_socket)`` on a WebSocket) nor protected (``require_role``/``OperatorDep``...)
fails here. Each protected route is called without credentials, with a malformed body, with a
viewer's key and with the role just below the one it needs (all refused: 401/403, never 2xx,
422 or 5xx), then with the role it needs (neither 401 nor 403, never 5xx).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi import APIRouter, Depends, FastAPI, WebSocket
from fastapi.routing import APIRoute, APIWebSocketRoute, iter_route_contexts
from fastapi.testclient import TestClient
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocketDisconnect

from shopcast.accounts import AccountService, Role
from shopcast.accounts.roles import rank
from shopcast.accounts.testing import PASSWORD, key_headers, make_user
from shopcast.web.auth import required_role
from shopcast.web.deps import OperatorDep, public_socket, require_role

# FastAPI's own pages: the API description and its viewers.
DOC_ROUTES = {"/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"}
PUBLIC_MARK = "x-shopcast-public"


@dataclass(frozen=True)
class Protected:
    method: str  # "WEBSOCKET" for WebSocket routes
    path: str
    role: Role


def _dependency_calls(route) -> Iterator[object]:  # noqa: ANN001 - a route context
    stack = [route.dependant]
    while stack:
        dependant = stack.pop()
        yield dependant.call
        stack.extend(dependant.dependencies)


def classify(app: FastAPI) -> tuple[list[Protected], list[str], list[str]]:
    """(protected routes, public routes, problems) from the app's route table."""
    protected: list[Protected] = []
    public: list[str] = []
    problems: list[str] = []
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        path = context.path
        if isinstance(route, Route) and not isinstance(route, APIRoute) and path in DOC_ROUTES:
            public.append(f"GET {path}")
            continue
        if isinstance(route, Mount):
            if isinstance(route.app, StaticFiles):
                public.append(f"static {path}")
            else:
                problems.append(f"mount {path}: only static files may be mounted unchecked")
            continue
        if isinstance(route, APIWebSocketRoute):
            role = required_role(context)
            is_public = public_socket in set(_dependency_calls(context))
            methods = ["WEBSOCKET"]
        elif isinstance(route, APIRoute):
            role = required_role(context)  # the context has include_router's dependencies
            is_public = bool((context.openapi_extra or {}).get(PUBLIC_MARK))
            methods = sorted(context.methods - {"HEAD"})
        else:
            problems.append(f"{type(route).__name__} {path}: unknown kind of route")
            continue
        for method in methods:
            if role is not None and is_public:
                problems.append(f"{method} {path}: declared public but checks {role}")
            elif role is not None:
                protected.append(Protected(method, path, role))
            elif is_public:
                public.append(f"{method} {path}")
            else:
                problems.append(
                    f"{method} {path}: neither declared public (openapi_extra=PUBLIC / "
                    "Depends(public_socket)) nor protected (require_role / OperatorDep...)"
                )
    return protected, public, problems


def _url(path: str) -> str:
    """A concrete URL for a path template: every parameter becomes 1 (an id that is absent)."""
    return re.sub(r"\{[^}]+\}", "1", path)


@pytest.fixture
def walk(sqlite_client: TestClient) -> tuple[TestClient, dict[Role, dict[str, str]]]:
    accounts: AccountService = sqlite_client.app.state.accounts  # type: ignore[attr-defined]
    keys = {role: key_headers(accounts, f"k-{role.value}", role) for role in Role}
    return sqlite_client, keys


def test_every_route_is_declared_public_or_protected(sqlite_client):
    protected, public, problems = classify(sqlite_client.app)  # type: ignore[arg-type]
    assert problems == []
    # The walk sees what matters: seller, operator and owner routes are protected ...
    needs = {(p.method, p.path): p.role for p in protected}
    assert needs[("POST", "/orders/{order_id}/confirm")] == Role.OPERATOR
    assert needs[("POST", "/deals")] == Role.OPERATOR
    assert needs[("POST", "/coupons")] == Role.OPERATOR
    assert needs[("GET", "/analytics/shows/{show_id}/funnel")] == Role.OPERATOR
    assert needs[("POST", "/auth/api-keys")] == Role.OWNER
    assert needs[("GET", "/audit")] == Role.OWNER
    # ... and the buyer's routes stay open.
    for route in ("POST /carts/{cart_id}/checkout", "POST /deals/{deal_id}/buy", "GET /health"):
        assert route in public


def test_the_openapi_schema_says_the_same(sqlite_client):
    """Each operation in the schema is marked public or lists the role it needs as the scope
    of its security requirements (OpenAPI 3.1 role names)."""
    app = sqlite_client.app
    protected, _, _ = classify(app)  # type: ignore[arg-type]
    needs = {(p.method, p.path): p.role for p in protected}
    paths = app.openapi()["paths"]  # type: ignore[attr-defined]
    assert paths, "the schema lists routes"
    for path, operations in paths.items():
        for method, operation in operations.items():
            key = (method.upper(), path)
            security = operation.get("security")
            if operation.get(PUBLIC_MARK):
                # A public route may read an optional identity (no role: no scopes).
                assert all(not r[n] for r in security or [] for n in r), key
                assert key not in needs
                continue
            assert security, f"{key} is neither public nor protected in the schema"
            schemes = {name for requirement in security for name in requirement}
            assert schemes >= {"ApiKeyHeader", "ApiKeyBearer", "SessionCookie"}, key
            scopes = [requirement[name] for requirement in security for name in requirement]
            assert all(s == [needs[key].value] for s in scopes), (key, scopes)


def _below(role: Role) -> list[Role]:
    return [r for r in Role if rank(r) < rank(role)]


def test_protected_routes_refuse_anonymous_and_lower_roles(walk):
    client, keys = walk
    protected, _, _ = classify(client.app)  # type: ignore[arg-type]
    http = [p for p in protected if p.method != "WEBSOCKET"]
    assert len(http) >= 12
    for route in http:
        url = _url(route.path)
        where = f"{route.method} {route.path}"
        anonymous = client.request(route.method, url)
        assert anonymous.status_code == 401, (where, anonymous.text)
        if route.method in {"POST", "PUT", "PATCH"}:
            garbled = client.request(
                route.method,
                url,
                content=b'{"not json',
                headers={"Content-Type": "application/json"},
            )
            assert garbled.status_code == 401, (where, garbled.text)
        bad_key = client.request(route.method, url, headers={"X-Shopcast-Key": "sk_guess"})
        assert bad_key.status_code == 401, where
        for lower in _below(route.role):
            refused = client.request(route.method, url, headers=keys[lower])
            assert refused.status_code == 403, (where, lower, refused.text)
            assert refused.json()["error"] == "forbidden"


def test_protected_routes_admit_the_role_they_need(walk):
    client, keys = walk
    protected, _, _ = classify(client.app)  # type: ignore[arg-type]
    for route in (p for p in protected if p.method != "WEBSOCKET"):
        for role in (r for r in Role if rank(r) >= rank(route.role)):
            answer = client.request(route.method, _url(route.path), headers=keys[role])
            where = (route.method, route.path, role)
            assert answer.status_code not in (401, 403), (where, answer.text)
            assert answer.status_code < 500, (where, answer.text)


def test_protected_websockets_refuse_anonymous_and_lower_roles(walk):
    client, keys = walk
    protected, _, _ = classify(client.app)  # type: ignore[arg-type]
    for route in (p for p in protected if p.method == "WEBSOCKET"):
        for headers in [{}] + [keys[r] for r in _below(route.role)]:
            with (
                pytest.raises(WebSocketDisconnect) as refused,
                client.websocket_connect(_url(route.path), headers=headers) as socket,
            ):
                socket.receive_text()
            assert refused.value.code == 1008, route


def test_the_role_check_closes_a_websocket_with_policy_violation(sqlite_client):
    """The same dependency guards WebSockets: refused callers get close code 1008."""
    app: FastAPI = sqlite_client.app  # type: ignore[assignment]

    @app.websocket("/test-only/console")
    async def console(socket: WebSocket, actor: OperatorDep) -> None:
        await socket.accept()
        await socket.send_text(actor)
        await socket.close()

    accounts: AccountService = app.state.accounts
    viewer = key_headers(accounts, "watcher", "viewer")
    operator = key_headers(accounts, "bot", "operator")
    for headers in ({}, viewer, {"X-Shopcast-Key": "sk_guess"}):
        with (
            pytest.raises(WebSocketDisconnect) as refused,
            sqlite_client.websocket_connect("/test-only/console", headers=headers) as socket,
        ):
            socket.receive_text()
        assert refused.value.code == 1008
    with sqlite_client.websocket_connect("/test-only/console", headers=operator) as socket:
        assert socket.receive_text() == "key:bot"
    make_user(accounts, "ada", "operator")
    sqlite_client.post("/auth/login", json={"name": "ada", "password": PASSWORD})
    with sqlite_client.websocket_connect("/test-only/console") as socket:
        assert socket.receive_text() == "ada"  # the session cookie
    with (
        pytest.raises(WebSocketDisconnect) as hijack,
        sqlite_client.websocket_connect(
            "/test-only/console", headers={"Origin": "https://evil.example"}
        ) as socket,
    ):
        socket.receive_text()
    assert hijack.value.code == 1008
    _, _, problems = classify(app)
    assert problems == []  # the new socket is protected, so the walk accepts it


def test_a_route_nobody_declared_is_caught(sqlite_client):
    app: FastAPI = sqlite_client.app  # type: ignore[assignment]

    @app.get("/test-only/forgotten")
    def forgotten() -> dict[str, str]:
        return {}

    @app.websocket("/test-only/socket")
    async def socket(websocket: WebSocket) -> None:
        await websocket.close()

    @app.get("/test-only/open", dependencies=[Depends(public_socket)])
    def open_but_unmarked() -> dict[str, str]:
        return {}

    _, _, problems = classify(app)
    assert [p.split(":")[0] for p in problems] == [
        "GET /test-only/forgotten",
        "WEBSOCKET /test-only/socket",
        "GET /test-only/open",
    ]


def test_a_role_given_to_include_router_counts_and_runs_before_validation(sqlite_client):
    app: FastAPI = sqlite_client.app  # type: ignore[assignment]
    router = APIRouter()

    @router.post("/scripts")
    def save_script(body: dict[str, str]) -> dict[str, str]:
        return body

    app.include_router(router, prefix="/test-only", dependencies=[Depends(require_role("Editor"))])
    protected, _, problems = classify(app)
    assert problems == []
    assert Protected("POST", "/test-only/scripts", Role.EDITOR) in protected
    garbled = {"content": b"{", "headers": {"Content-Type": "application/json"}}
    assert sqlite_client.post("/test-only/scripts", **garbled).status_code == 401
    accounts: AccountService = app.state.accounts
    operator = key_headers(accounts, "bot", "operator")
    editor = key_headers(accounts, "ed", "editor")
    assert sqlite_client.post("/test-only/scripts", json={}, headers=operator).status_code == 403
    saved = sqlite_client.post("/test-only/scripts", json={"a": "b"}, headers=editor)
    assert saved.status_code == 200 and saved.json() == {"a": "b"}
