"""Experiments over HTTP: editors create and start one, the watch page's events and a checkout
reach it through the public routes, operators read its report; bad events are refused."""

from __future__ import annotations

from shopcast.writing.script import Beat, Script

OWNER = {"X-Shopcast-Key": "test-operator-key"}  # the settings key (owner) from conftest
ADDRESS = {
    "name": "Ada Buyer",
    "street": "1 Market St",
    "city": "San Francisco",
    "postal_code": "94103",
    "country": "US",
    "phone": "(415) 555-0100",
}


def _script(hook: str) -> dict:
    beats = [Beat.make("hook", hook, "en"), Beat.make("cta", "Tap the card.", "en")]
    return Script(
        product_sku="serum",
        persona="mina",
        market="en-US",
        language="en",
        length_target_s=8,
        beats=beats,
    ).model_dump(mode="json")


def _event(n: int, viewer: str, kind: str, experiment: str, variant: str, **extra: object):
    return {
        "event_id": f"x{n}",
        "show_id": "serum-page",
        "viewer_id": viewer,
        "kind": kind,
        "occurred_at": f"2026-11-25T12:00:{n:02d}Z",
        "experiment_id": experiment,
        "variant_id": variant,
        **extra,
    }


def test_create_start_feed_and_report(client, clock):
    body = {
        "name": "Serum: problem vs demo",
        "variants": [
            {"script": _script("Dry skin by noon?"), "angle": "problem"},
            {"script": _script("One drop, no shine."), "angle": "demo"},
        ],
        "exposures_per_variant": 200,
    }
    assert client.post("/experiments", json=body).status_code == 401
    created = client.post("/experiments", json=body, headers=OWNER)
    assert created.status_code == 201, created.text
    experiment = created.json()
    exp_id = experiment["id"]
    a, b = (v["id"] for v in experiment["variants"])
    assert experiment["status"] == "draft" and experiment["design"]["exposures_per_variant"] == 200
    started = client.post(f"/experiments/{exp_id}/start", headers=OWNER).json()
    assert started["status"] == "running"

    events = [
        _event(1, "v1", "join", exp_id, a),
        _event(2, "v2", "join", exp_id, b),
        _event(3, "v2", "product_click", exp_id, b, sku="serum"),
        _event(4, "v2", "add_to_cart", exp_id, b, sku="SERUM-30"),
    ]
    assert client.post("/analytics/events", json={"events": events}).json()["accepted"] == 4
    clock.advance(10)
    cart = client.post(
        "/carts", json={"viewer_id": "v2", "currency": "USD", "show_id": "serum-page"}
    ).json()
    client.post(f"/carts/{cart['id']}/lines", json={"sku": "SERUM-30", "quantity": 2})
    order = client.post(
        f"/carts/{cart['id']}/checkout",
        json={"address": ADDRESS},
        headers={"Idempotency-Key": "k-v2"},
    )
    assert order.status_code == 201, order.text

    clock.advance(60)
    assert client.get(f"/experiments/{exp_id}/report").status_code == 401
    report = client.get(f"/experiments/{exp_id}/report", headers=OWNER).json()
    variants = {v["label"]: v for v in report["variants"]}
    assert (variants["A"]["exposures"], variants["A"]["orders"]) == (1, 0)
    assert (variants["B"]["clicks"], variants["B"]["add_to_cart"]) == (1, 1)
    assert (variants["B"]["orders"], variants["B"]["gmv"]) == (1, "48.00")
    assert report["verdict"]["status"] == "not_enough_data"
    assert report["verdict"]["leader"] == b and report["verdict"]["winner"] is None
    listed = client.get("/experiments", params={"status": "running"}, headers=OWNER).json()
    assert [e["id"] for e in listed] == [exp_id]
    stopped = client.post(f"/experiments/{exp_id}/stop", headers=OWNER).json()
    assert stopped["status"] == "stopped"
    assert client.get("/experiments/exp-nope", headers=OWNER).status_code == 404


def test_bad_experiment_events_and_requests_are_refused(client):
    exposure = {**_event(1, "v1", "exposure", "exp-1", "exp-1-a")}
    del exposure["variant_id"], exposure["experiment_id"]
    refused = client.post("/analytics/events", json={"events": [exposure]})
    assert refused.status_code == 422 and "exposure event needs" in refused.json()["message"]
    half = {**_event(2, "v1", "join", "exp-1", "exp-1-a")}
    del half["variant_id"]
    refused = client.post("/analytics/events", json={"events": [half]})
    assert refused.status_code == 422 and "come together" in refused.json()["message"]
    one = {"name": "x", "variants": [{"script": _script("Dry skin by noon?")}]}
    assert client.post("/experiments", json=one, headers=OWNER).status_code == 422
    other_market = _script("One drop.") | {"market": "ko-KR"}
    mixed = {"name": "x", "variants": [{"script": _script("Dry?")}, {"script": other_market}]}
    answer = client.post("/experiments", json=mixed, headers=OWNER)
    assert answer.status_code == 422 and "same market" in answer.json()["message"]
