"""Analytics over HTTP: ingestion that ignores resends, the funnel and timeline, bad events."""

from __future__ import annotations

OPERATOR = {"X-Shopcast-Key": "test-operator-key"}  # the settings key (owner) from conftest


def _event(i: int, kind: str = "join", **extra: object) -> dict[str, object]:
    return {
        "event_id": f"e{i}",
        "show_id": "live-1",
        "segment_id": "s1",
        "viewer_id": f"v{i % 3}",
        "kind": kind,
        "occurred_at": f"2026-11-25T20:00:{i:02d}Z",
        **extra,
    }


def test_ingest_funnel_and_timeline(client):
    batch = [_event(i) for i in range(6)] + [
        _event(6, "product_click", sku="SERUM-30"),
        _event(7, "order", amount="24", currency="usd"),
    ]
    first = client.post("/analytics/events", json={"events": batch})
    assert first.json() == {"accepted": 8, "duplicates": 0}
    resent = client.post("/analytics/events", json={"events": batch[:4]})
    assert resent.json() == {"accepted": 0, "duplicates": 4}
    assert client.get("/analytics/shows/live-1/funnel").status_code == 401  # operators only
    funnel = client.get("/analytics/shows/live-1/funnel", headers=OPERATOR).json()
    assert (funnel["views"], funnel["unique_viewers"], funnel["orders"]) == (6, 3, 1)
    assert (funnel["gmv"], funnel["currency"], funnel["segments"][0]["segment_id"]) == (
        "24.00",
        "USD",
        "s1",
    )
    timeline = client.get(
        "/analytics/shows/live-1/timeline", params={"bucket_seconds": 2}, headers=OPERATOR
    ).json()
    assert timeline[-1]["concurrent_viewers"] == 6 and timeline[-1]["cumulative_gmv"] == "24"
    assert client.get("/analytics/shows/nobody/funnel", headers=OPERATOR).status_code == 404


def test_bad_events_are_refused(client):
    no_amount = client.post("/analytics/events", json={"events": [_event(1, "order")]})
    assert no_amount.status_code == 422 and "amount and currency" in no_amount.json()["message"]
    naive = client.post(
        "/analytics/events", json={"events": [{**_event(2), "occurred_at": "2026-11-25T20:00:00"}]}
    )
    assert naive.status_code == 422 and "time zone" in naive.json()["message"]
    unknown = client.post("/analytics/events", json={"events": [_event(3, "dance")]})
    assert unknown.status_code == 422
    assert client.post("/analytics/events", json={"events": []}).status_code == 422
