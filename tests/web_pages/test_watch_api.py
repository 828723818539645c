"""The watch page's routes over real HTTP against a running show: state, chat (and its limits),
the WebSocket event stream, HLS files, hls.js and product images."""

from __future__ import annotations

import json

import httpx
import pytest
from websockets.sync.client import connect

from shopcast.web.testing import LiveSite, wait_until


@pytest.fixture
def http(site: LiveSite) -> httpx.Client:
    with httpx.Client(base_url=site.url, timeout=10) as client:
        yield client


def test_state_is_the_runners_state(http: httpx.Client, site: LiveSite) -> None:
    body = http.get(f"/api/shows/{site.show_id}/state").json()
    assert body["show_id"] == site.show_id
    assert body["ai_label"] == "AI-generated virtual host"
    assert body["currency"] == "USD"
    assert body["shelf"] == site.runner.state().shelf
    assert http.get("/api/shows/no-such-show/state").status_code == 404


def test_chat_post_reaches_the_show(http: httpx.Client, site: LiveSite) -> None:
    text = "Love the packaging 🌿"
    receipt = http.post(
        f"/api/shows/{site.show_id}/chat",
        json={"user_id": "api-viewer", "name": "Ana", "text": text},
    ).json()
    assert receipt["accepted"] is True, receipt
    lines = site.runner.state().recent_chat
    assert any(line.message_id == receipt["message_id"] and line.text == text for line in lines)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"user_id": "v1", "name": "Ana", "text": "x" * 501}, "text"),
        ({"user_id": "v1", "name": "Ana", "text": "hi\x00\x01\x02 there"}, "text"),
        ({"user_id": "v1", "name": "Ana\x07", "text": "hello"}, "name"),
        ({"user_id": "v1", "name": "Ana", "text": "   "}, "text"),
        ({"user_id": "../etc", "name": "Ana", "text": "hello"}, "user_id"),
    ],
)
def test_bad_chat_is_a_clear_422(
    http: httpx.Client, site: LiveSite, body: dict[str, str], field: str
) -> None:
    response = http.post(f"/api/shows/{site.show_id}/chat", json=body)
    assert response.status_code == 422
    assert [p["field"] for p in response.json()["problems"]] == [field]
    assert not any(
        line.name == body["name"] and line.text == body["text"].strip()
        for line in site.runner.state().recent_chat
    )


def test_huge_chat_body_is_refused_before_it_is_read(http: httpx.Client, site: LiveSite) -> None:
    payload = json.dumps({"user_id": "v1", "name": "Ana", "text": "x" * 5_000_000})
    response = http.post(
        f"/api/shows/{site.show_id}/chat",
        content=payload,
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert http.get("/health").status_code == 200  # and the server is fine


def test_websocket_sends_state_then_events_and_takes_chat(site: LiveSite) -> None:
    with connect(f"{site.ws_url}?viewer=ws-1", open_timeout=10) as ws:
        first = json.loads(ws.recv(timeout=10))
        assert first["type"] == "state" and first["state"]["show_id"] == site.show_id
        ws.send(b"\x00\xff binary")
        ws.send("not json")
        ws.send(json.dumps({"type": "chat", "name": "Ws", "text": "hello from the socket"}))
        errors, receipt, line = [], None, None
        while receipt is None or line is None:
            event = json.loads(ws.recv(timeout=15))
            if event["type"] == "error":
                errors.append(event["message"])
            elif event["type"] == "receipt":
                receipt = event
            elif event["type"] == "chat" and event["line"]["name"] == "Ws":
                line = event["line"]
        assert receipt["accepted"] is True and line["text"] == "hello from the socket"
        assert len(errors) == 2 and "binary" in errors[0] and "JSON" in errors[1]
    # the viewer left: the show's feed closes its subscription on the runner's bus
    wait_until(lambda: site.app.state.live_events.feeds() == 0, 5, "the event feed to end")
    wait_until(lambda: site.runner.events.subscriber_count == 0, 5, "the subscription to close")


def test_websocket_for_an_unknown_show_closes_with_4404(site: LiveSite) -> None:
    with connect(site.ws_url.replace(site.show_id, "nope"), open_timeout=10) as ws:
        with pytest.raises(Exception) as closed:
            ws.recv(timeout=10)
        assert ws.close_code == 4404, closed.value


def test_hls_playlist_and_segments(http: httpx.Client, site: LiveSite) -> None:
    playlist = http.get(f"/live/{site.show_id}/hls/index.m3u8")
    assert playlist.status_code == 200
    assert playlist.headers["cache-control"] == "no-cache"
    assert playlist.headers["content-type"].startswith("application/vnd.apple.mpegurl")
    segment = next(line for line in playlist.text.splitlines() if line.endswith(".ts"))
    data = http.get(f"/live/{site.show_id}/hls/{segment}")
    assert data.status_code == 200 and data.content[:1] == b"\x47"  # MPEG-TS sync byte
    assert data.headers["content-type"] == "video/mp2t"


@pytest.mark.parametrize(
    "name", ["..%2F..%2Fshopcast.db", "status.json", "index.m3u8.partial", "..", ".hidden.ts"]
)
def test_hls_serves_only_playlists_and_segments(
    http: httpx.Client, site: LiveSite, name: str
) -> None:
    assert http.get(f"/live/{site.show_id}/hls/{name}").status_code == 404


def test_hls_js_and_page_assets(http: httpx.Client, site: LiveSite) -> None:
    js = http.get("/static/vendor/hls.min.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]
    assert len(js.content) > 100_000
    assert http.get("/static/watch/watch.js").status_code == 200
    assert http.get("/static/watch/../../app.py").status_code == 404


def test_watch_page_is_localised_and_locked_down(http: httpx.Client, site: LiveSite) -> None:
    page = http.get(f"/watch/{site.show_id}")
    assert page.status_code == 200
    assert 'lang="en-US"' in page.text and "AI-generated virtual host" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    missing = http.get("/watch/<img src=x onerror=alert(1)>")
    assert missing.status_code == 404
    assert "<img" not in missing.text and "&lt;img src=x onerror=alert(1)&gt;" in missing.text


def test_product_images_stay_in_the_media_folder(http: httpx.Client, site: LiveSite) -> None:
    products = http.get("/catalog/products").json()
    image = next(p["images"][0] for p in products if p["images"])
    response = http.get(f"/media/{image}")
    assert response.status_code == 200 and response.headers["content-type"] == "image/png"
    assert http.get("/media/..%2Fshopcast.db").status_code == 404
    assert http.get("/media/%2Fetc%2Fpasswd").status_code == 404


def test_checkout_names_each_bad_address_field(http: httpx.Client, site: LiveSite) -> None:
    """What the page's checkout form shows next to each field."""
    cart = http.post("/carts", json={"viewer_id": "api-buyer", "currency": "USD"}).json()
    http.post(f"/carts/{cart['id']}/lines", json={"sku": "HL-GS-30ML", "quantity": 1})
    address = {
        "name": "Dana",
        "street": "500 Howard St",
        "city": "San Francisco",
        "postal_code": "941",
        "country": "US",
        "phone": "12345",
    }
    response = http.post(
        f"/carts/{cart['id']}/checkout?market=en-US",
        json={"address": address},
        headers={"Idempotency-Key": "api-buyer-1"},
    )
    assert response.status_code == 422
    problems = {p["field"]: p["problem"] for p in response.json()["problems"]}
    assert problems.keys() == {"postal_code", "phone"}
    assert "expected e.g. (415) 555-0100" in problems["phone"]
    address["name"] = ""
    response = http.post(
        f"/carts/{cart['id']}/checkout?market=en-US",
        json={"address": address},
        headers={"Idempotency-Key": "api-buyer-1"},
    )
    assert [p["field"] for p in response.json()["problems"]] == ["address.name"]
