"""Sign-in, API keys, the audit log and the last-writer rule over HTTP, on SQLite and
PostgreSQL."""

from __future__ import annotations

from shopcast.accounts import AccountService
from shopcast.accounts.testing import PASSWORD, key_headers, make_user


def app_accounts(client) -> AccountService:
    return client.app.state.accounts


US_ADDRESS = {
    "name": "Ada Buyer",
    "street": "1 Market St",
    "city": "San Francisco",
    "postal_code": "94103",
    "country": "US",
    "phone": "(415) 555-0100",
}


def _order(client) -> int:
    cart = client.post("/carts", json={"viewer_id": "v1", "currency": "USD"}).json()
    client.post(f"/carts/{cart['id']}/lines", json={"sku": "SERUM-30", "quantity": 1})
    order = client.post(
        f"/carts/{cart['id']}/checkout",
        json={"address": US_ADDRESS},
        headers={"Idempotency-Key": f"k{cart['id']}"},
    )
    assert order.status_code == 201, order.text
    return order.json()["id"]


def test_sign_in_cookie_me_keys_and_sign_out(client):
    accounts = app_accounts(client)
    make_user(accounts, "boss", "owner")
    assert client.get("/auth/me").status_code == 401
    wrong = client.post("/auth/login", json={"name": "boss", "password": "nope nope"})
    assert wrong.status_code == 401 and wrong.json()["error"] == "unauthenticated"
    assert wrong.headers["WWW-Authenticate"].startswith("Bearer")

    login = client.post("/auth/login", json={"name": "Boss", "password": PASSWORD})
    assert login.status_code == 200 and login.json()["user"]["role"] == "owner"
    cookie = login.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie
    assert PASSWORD not in login.text
    me = client.get("/auth/me").json()
    assert (me["name"], me["role"], me["via"]) == ("boss", "owner", "session")
    assert (
        "read the audit log" in me["grants"] and "confirm, ship and cancel orders" in me["grants"]
    )

    made = client.post("/auth/api-keys", json={"name": "bot", "role": "operator"})
    assert made.status_code == 201 and made.json()["key"].startswith("sk_")
    key = made.json()["key"]
    listed = client.get("/auth/api-keys").json()
    assert [k["name"] for k in listed] == ["bot"] and "key" not in listed[0]
    assert key not in client.get("/auth/api-keys").text

    client.post("/auth/logout")
    assert client.get("/auth/me").status_code == 401
    for headers in ({"X-Shopcast-Key": key}, {"Authorization": f"Bearer {key}"}):
        who = client.get("/auth/me", headers=headers).json()
        assert (who["name"], who["role"], who["via"]) == ("key:bot", "operator", "api_key")
        assert client.get("/auth/users", headers=headers).status_code == 403

    owner = key_headers(accounts, "admin", "owner")
    revoked = client.delete(f"/auth/api-keys/{made.json()['id']}", headers=owner)
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    gone = client.get("/auth/me", headers={"X-Shopcast-Key": key})
    assert gone.status_code == 401 and "revoked" in gone.json()["message"]


def test_an_ended_session_cookie_is_refused_not_ignored(client):
    accounts = app_accounts(client)
    make_user(accounts, "ada", "operator")
    client.post("/auth/login", json={"name": "ada", "password": PASSWORD})
    token = client.cookies.get("shopcast_session")
    accounts.sign_out(token)
    stale = client.get("/auth/me")
    assert stale.status_code == 401 and "sign in again" in stale.json()["hint"].lower()


def test_owners_manage_users_over_http(client):
    owner = key_headers(app_accounts(client), "admin", "owner")
    made = client.post(
        "/auth/users", headers=owner, json={"name": "ed", "role": "editor", "password": PASSWORD}
    )
    assert made.status_code == 201 and made.json()["role"] == "editor"
    assert "password" not in made.json()
    dup = client.post(
        "/auth/users", headers=owner, json={"name": "ED", "role": "viewer", "password": PASSWORD}
    )
    assert dup.status_code == 409
    short = client.post(
        "/auth/users", headers=owner, json={"name": "al", "role": "viewer", "password": "x"}
    )
    assert short.status_code == 422 and "8 characters" in short.json()["message"]
    changed = client.patch("/auth/users/ed", headers=owner, json={"role": "viewer"})
    assert changed.json()["role"] == "viewer"
    assert client.patch("/auth/users/zed", headers=owner, json={}).status_code == 404
    assert [u["name"] for u in client.get("/auth/users", headers=owner).json()] == ["ed"]


def test_protected_writes_are_audited_with_who_what_when_and_outcome(client, clock):
    accounts = app_accounts(client)
    bot = key_headers(accounts, "bot", "operator")
    viewer = key_headers(accounts, "watcher", "viewer")
    owner = key_headers(accounts, "admin", "owner")
    coupon = {"code": "LIVE10", "kind": "percent", "value": "10"}
    assert client.post("/coupons", json=coupon).status_code == 401  # anonymous: not logged
    assert client.post("/coupons", json=coupon, headers=viewer).status_code == 403
    assert client.post("/coupons", json=coupon, headers=bot).status_code == 201
    clock.advance(1)
    assert client.post("/coupons", json=coupon, headers=bot).status_code == 409

    entries = client.get("/audit", headers=owner, params={"action": "create_coupon"}).json()
    assert [(e["actor"], e["role"], e["outcome"]) for e in entries] == [
        ("key:bot", "operator", "refused"),
        ("key:bot", "operator", "ok"),
        ("key:watcher", "viewer", "denied"),
    ]
    ok = entries[1]
    assert ok["target"] == "/coupons" and ok["at"].startswith("2026-11-26T09:00:00")
    assert ok["details"]["status"] == 201 and ok["details"]["route"] == "POST /coupons"
    assert entries[2]["details"]["needed"] == "operator"
    assert client.get("/audit", headers=bot).status_code == 403
    assert client.get("/audit", headers=owner, params={"outcome": "maybe"}).status_code == 422
    mine = client.get("/audit", headers=owner, params={"actor": "key:watcher"}).json()
    assert [e["action"] for e in mine] == ["create_coupon"]


def test_conflicting_operator_commands_apply_in_arrival_order_and_the_last_wins(client, clock):
    """Last-writer rule: two operators act on one order; both commands are applied in the
    order they arrive, both are in the audit log, and the later one is what holds."""
    accounts = app_accounts(client)
    lee = key_headers(accounts, "lee", "operator")
    kim = key_headers(accounts, "kim", "operator")
    owner = key_headers(accounts, "admin", "owner")
    order_id = _order(client)
    assert client.post(f"/orders/{order_id}/confirm", headers=lee).status_code == 200
    clock.advance(2)
    assert client.post(f"/orders/{order_id}/cancel", headers=kim).status_code == 200
    clock.advance(2)
    late = client.post(f"/orders/{order_id}/ship", headers=lee)  # too late: it was cancelled
    assert late.status_code == 409 and "cannot become shipped" in late.json()["message"]

    assert client.get(f"/orders/{order_id}").json()["status"] == "cancelled"
    trail = client.get("/audit", headers=owner, params={"target": f"/orders/{order_id}/"}).json()
    assert [(e["actor"], e["action"], e["outcome"]) for e in reversed(trail)] == [
        ("key:lee", "confirm_order", "ok"),
        ("key:kim", "cancel_order", "ok"),
        ("key:lee", "ship_order", "refused"),
    ]
    assert [e["id"] for e in trail] == sorted((e["id"] for e in trail), reverse=True)


def test_a_cookie_write_from_another_site_is_refused(client):
    make_user(app_accounts(client), "ada", "operator")
    client.post("/auth/login", json={"name": "ada", "password": PASSWORD})
    coupon = {"code": "X10", "kind": "percent", "value": "10"}
    evil = client.post("/coupons", json=coupon, headers={"Origin": "https://evil.example"})
    assert evil.status_code == 403 and "Cross-site" in evil.json()["message"]
    same = client.post("/coupons", json=coupon, headers={"Origin": "http://testserver"})
    assert same.status_code == 201


def test_a_malformed_body_on_a_protected_route_is_refused_before_it_is_parsed(client):
    operator = key_headers(app_accounts(client), "bot", "operator")
    broken = {"content": b"{not json", "headers": {"Content-Type": "application/json"}}
    anonymous = client.post("/deals", **broken)
    assert anonymous.status_code == 401, anonymous.text
    allowed = client.post(
        "/deals", content=broken["content"], headers={**broken["headers"], **operator}
    )
    assert allowed.status_code == 422
    public = client.post("/carts", **broken)
    assert public.status_code == 422  # public routes validate as before
