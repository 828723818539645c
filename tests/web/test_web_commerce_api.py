"""The commerce API end to end: carts, checkout with Idempotency-Key, orders, deals, coupons."""

from __future__ import annotations

OPERATOR = {"X-Shopcast-Key": "test-operator-key"}  # the settings key (owner) from conftest

US_ADDRESS = {
    "name": "Ada Buyer",
    "street": "1 Market St",
    "city": "San Francisco",
    "postal_code": "94103",
    "country": "US",
    "phone": "(415) 555-0100",
}
KR_ADDRESS = {
    "name": "김민지",
    "street": "테헤란로 123",
    "city": "서울",
    "postal_code": "06236",
    "country": "KR",
    "phone": "010-1234-5678",
}


def _cart(client, viewer="v1", currency="USD", **lines):
    cart = client.post("/carts", json={"viewer_id": viewer, "currency": currency}).json()
    for sku, qty in lines.items():
        r = client.post(
            f"/carts/{cart['id']}/lines", json={"sku": sku.replace("_", "-"), "quantity": qty}
        )
        assert r.status_code == 200, r.text
    return cart["id"]


def test_catalog_is_readable(client):
    products = client.get("/catalog/products").json()
    assert [p["sku"] for p in products] == ["serum"]
    assert client.get("/catalog/products/SERUM-50").json()["title"] == "Serum"
    missing = client.get("/catalog/products/nope")
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"


def test_checkout_is_idempotent(client):
    cart_id = _cart(client, SERUM_30=2)
    body = {"address": US_ADDRESS}
    no_key = client.post(f"/carts/{cart_id}/checkout", json=body)
    assert no_key.status_code == 422 and "Idempotency-Key" in no_key.json()["message"]
    first = client.post(f"/carts/{cart_id}/checkout", json=body, headers={"Idempotency-Key": "k1"})
    assert first.status_code == 201, first.text
    assert first.json()["total"] == "48" and first.json()["status"] == "pending_payment"
    again = client.post(f"/carts/{cart_id}/checkout", json=body, headers={"Idempotency-Key": "k1"})
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert again.headers["Idempotent-Replayed"] == "true"
    changed = client.post(
        f"/carts/{cart_id}/checkout",
        json={"address": {**US_ADDRESS, "city": "Oakland"}},
        headers={"Idempotency-Key": "k1"},
    )
    assert changed.status_code == 409 and changed.json()["error"] == "conflict"
    orders = client.get("/orders", params={"customer_id": "v1"}).json()
    assert len(orders) == 1  # nothing counted twice


def test_bad_input_gets_clear_4xx(client):
    cart = client.post("/carts", json={"viewer_id": "v", "currency": "USD"}).json()
    lines = f"/carts/{cart['id']}/lines"
    for qty in (0, -3, 100, 10**12):
        r = client.post(lines, json={"sku": "SERUM-30", "quantity": qty})
        assert r.status_code == 422 and r.json()["problems"][0]["field"] == "quantity", r.text
    unknown = client.post(lines, json={"sku": "NOPE-1", "quantity": 1})
    assert unknown.status_code == 404 and "Unknown SKU 'NOPE-1'" in unknown.json()["message"]
    too_many = client.post(lines, json={"sku": "SERUM-50", "quantity": 3})
    assert too_many.status_code == 409 and too_many.json()["available"] == 2
    assert client.post("/carts", json={"viewer_id": "v", "currency": "US"}).status_code == 422
    assert client.get("/carts/999").status_code == 404


def test_address_is_validated_per_market(client):
    cart_id = _cart(client, currency="KRW", SERUM_30=1)
    url = f"/carts/{cart_id}/checkout?market=ko-KR"
    bad_phone = client.post(
        url, json={"address": {**KR_ADDRESS, "phone": "1234"}}, headers={"Idempotency-Key": "a"}
    )
    assert bad_phone.status_code == 422
    assert "010-1234-5678" in bad_phone.json()["message"]  # shows the expected form
    no_city = {k: v for k, v in KR_ADDRESS.items() if k != "city"}
    missing = client.post(url, json={"address": no_city}, headers={"Idempotency-Key": "b"})
    assert missing.status_code == 422 and "address.city" in missing.json()["message"]
    ok = client.post(url, json={"address": KR_ADDRESS}, headers={"Idempotency-Key": "c"})
    assert ok.status_code == 201 and ok.json()["total"] == "32000"


def test_operator_routes_need_the_key(client):
    cart_id = _cart(client, SERUM_30=1)
    order = client.post(
        f"/carts/{cart_id}/checkout", json={"address": US_ADDRESS}, headers={"Idempotency-Key": "o"}
    ).json()
    url = f"/orders/{order['id']}"
    assert client.post(f"{url}/confirm").status_code == 401
    wrong = client.post(f"{url}/confirm", headers={"X-Shopcast-Key": "guess"})
    assert wrong.status_code == 401 and wrong.json()["error"] == "unauthenticated"
    made = client.post(
        "/auth/users",
        headers=OPERATOR,
        json={"name": "op-lee", "role": "operator", "password": "correct horse"},
    )
    assert made.status_code == 201, made.text
    signed_in = client.post("/auth/login", json={"name": "op-lee", "password": "correct horse"})
    assert signed_in.status_code == 200  # the client keeps the session cookie from here on
    confirmed = client.post(f"{url}/confirm", json={"note": "COD"})
    assert confirmed.status_code == 200 and confirmed.json()["payment"]["confirmed_by"] == "op-lee"
    assert client.post(f"{url}/ship", headers=OPERATOR).json()["status"] == "shipped"
    late = client.post(f"{url}/cancel", headers=OPERATOR)
    assert late.status_code == 409 and "cannot become cancelled" in late.json()["message"]
    history = client.get(url).json()["history"]
    assert [h["to_status"] for h in history] == ["pending_payment", "confirmed", "shipped"]


def test_flash_deal_lifecycle(client, clock):
    deal = client.post(
        "/deals",
        headers=OPERATOR,
        json={
            "sku": "SERUM-30",
            "currency": "USD",
            "deal_price": "15",
            "total_quantity": 3,
            "per_customer_limit": 1,
            "starts_at": "2026-11-25T13:00:00Z",
            "countdown_seconds": 60,
            "window_seconds": 120,
            "show_id": "show-9",
        },
    )
    assert deal.status_code == 201, deal.text
    deal_id = deal.json()["id"]
    assert client.post("/deals", json={}).status_code == 401  # auth before validation
    buy = {"customer_id": "c1", "quantity": 1, "address": US_ADDRESS}
    early = client.post(f"/deals/{deal_id}/buy", json=buy, headers={"Idempotency-Key": "b1"})
    assert early.status_code == 409 and early.json()["state"] == "scheduled"
    started = client.post(f"/deals/{deal_id}/start", headers=OPERATOR).json()
    assert started["state"] == "countdown" and started["seconds_to_start"] == 60
    clock.advance(60)
    state = client.get(f"/deals/{deal_id}").json()
    assert (state["state"], state["remaining"], state["seconds_left"]) == ("live", 3, 120)
    ok = client.post(f"/deals/{deal_id}/buy", json=buy, headers={"Idempotency-Key": "b1"})
    assert ok.status_code == 201 and ok.json()["total"] == "15"
    again = client.post(f"/deals/{deal_id}/buy", json=buy, headers={"Idempotency-Key": "b2"})
    assert again.status_code == 422 and again.json()["error"] == "limit_exceeded"
    assert client.get(f"/deals/{deal_id}").json()["remaining"] == 2
    clock.advance(120)
    expired = client.post(
        f"/deals/{deal_id}/buy",
        json={**buy, "customer_id": "c2"},
        headers={"Idempotency-Key": "b3"},
    )
    assert expired.status_code == 409 and expired.json()["state"] == "ended"
    # The deal's order reached the show's analytics through the outbox, once.
    funnel = client.get("/analytics/shows/show-9/funnel", headers=OPERATOR).json()
    assert (funnel["orders"], funnel["gmv"]) == (1, "15.00")


def test_coupons_create_and_validate(client):
    made = client.post(
        "/coupons",
        headers=OPERATOR,
        json={"code": "live10", "kind": "percent", "value": "10", "min_spend": "20"},
    )
    assert made.status_code == 201 and made.json()["code"] == "LIVE10"
    dup = client.post(
        "/coupons", headers=OPERATOR, json={"code": "LIVE10", "kind": "percent", "value": "5"}
    )
    assert dup.status_code == 409
    check = {"code": "LIVE10", "customer_id": "c", "subtotal": "48", "currency": "USD"}
    quote = client.post("/coupons/validate", json=check).json()
    assert (quote["discount"], quote["total"]) == ("4.80", "43.20")
    low = client.post("/coupons/validate", json={**check, "subtotal": "19"})
    assert low.status_code == 422 and "at least 20" in low.json()["message"]
    bad = client.post(
        "/coupons", headers=OPERATOR, json={"code": "X!", "kind": "percent", "value": "5"}
    )
    assert bad.status_code == 422


def test_openapi_docs_are_served(client):
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert "/carts/{cart_id}/checkout" in paths and "/analytics/events" in paths
