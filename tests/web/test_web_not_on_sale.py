"""Draft and archived products over HTTP: not listed for shoppers, never added to a cart or
ordered (a clear 422), on SQLite and PostgreSQL."""

from __future__ import annotations

from shopcast.catalog.service import CatalogService

US_ADDRESS = {
    "name": "Ada Buyer",
    "street": "1 Market St",
    "city": "San Francisco",
    "postal_code": "94103",
    "country": "US",
    "phone": "(415) 555-0100",
}
OPERATOR = {"X-Shopcast-Key": "test-operator-key"}


def _set_status(client, status: str) -> None:
    catalog = CatalogService(client.app.state.database, client.app.state.settings)
    product = catalog.get("serum")
    product.status = status
    catalog.upsert(product)


def test_archived_products_are_neither_shown_nor_sold(client) -> None:
    cart = client.post("/carts", json={"viewer_id": "v", "currency": "USD"}).json()
    lines = f"/carts/{cart['id']}/lines"
    assert client.post(lines, json={"sku": "SERUM-30", "quantity": 1}).status_code == 200

    _set_status(client, "archived")
    assert client.get("/catalog/products").json() == []
    hidden = client.get("/catalog/products/SERUM-30")
    assert hidden.status_code == 404 and "on sale" in hidden.json()["message"]
    refused = client.post(lines, json={"sku": "SERUM-50", "quantity": 1})
    assert refused.status_code == 422, refused.text
    body = refused.json()
    assert body["error"] == "invalid_input"
    assert "belongs to product 'serum', which is archived: it is not for sale" in body["message"]
    # a line added while it was on sale is not ordered once it is archived
    checkout = client.post(
        f"/carts/{cart['id']}/checkout",
        json={"address": US_ADDRESS},
        headers={"Idempotency-Key": "k-archived"},
    )
    assert checkout.status_code == 422 and "which is archived" in checkout.json()["message"]
    deal = client.post(
        "/deals",
        json={
            "sku": "SERUM-30",
            "currency": "USD",
            "deal_price": "10",
            "starts_at": "2026-11-25T12:05:00Z",
            "window_seconds": 120,
            "total_quantity": 5,
            "per_customer_limit": 1,
        },
        headers=OPERATOR,
    )
    assert deal.status_code == 422 and "not for sale" in deal.json()["message"]

    _set_status(client, "draft")
    assert "which is draft" in client.post(lines, json={"sku": "SERUM-30", "quantity": 1}).text
    _set_status(client, "active")
    assert [p["sku"] for p in client.get("/catalog/products").json()] == ["serum"]
    assert client.post(lines, json={"sku": "SERUM-50", "quantity": 1}).status_code == 200
