"""Consent, platform rules and the schedule, enforced on a live show.

Before anything is sent: a persona with a real person's likeness and no consent, or a
destination whose policy forbids the show, is refused by the registry, the API (403 / 409) and
the CLI. While it runs: outside its schedule the show is off air (frames go on, the host is
silent, a "back at HH:MM" card), it resumes at the window; RTMP goes through the runner to a real
nginx-rtmp while an unreachable destination retries; revoking consent stops the show."""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from shopcast.commerce import CommerceService, ManualClock
from shopcast.commerce.schemas import DealCreate
from shopcast.config import Settings
from shopcast.consent import ConsentRegistry
from shopcast.errors import ConsentError, InvalidInputError
from shopcast.live.show import parse_show
from shopcast.live.show.airtime import air_time, next_window_start
from shopcast.live.show.cues import Cue, RepeatGuard
from shopcast.live.show.events import Subscription
from shopcast.live.show.preflight import (
    check_mode_switch,
    rtmp_destination_kind,
    show_destinations,
)
from shopcast.live.show.registry import ShowRegistry
from shopcast.live.show.rundown import RundownPlanner, ShowHooks, price_keys
from shopcast.live.show.runner import ShowRunner
from shopcast.live.show.showfile import Schedule
from shopcast.markets.registry import get_market
from shopcast.media.live.nginx_rtmp import NginxRtmpServer, free_port
from shopcast.persona.service import PersonaService
from shopcast.persona.types import Persona
from shopcast.platforms import GoLiveRefusedError
from shopcast.store import Database, open_database
from shopcast.web.app import create_app
from show_helpers import sample_shop, wait_for

BASE: dict[str, Any] = {
    "show": "gov-show",
    "persona": "mina",
    "market": "en-US",
    "size": "360x640",
    "writer": "templates",
    "rundown": [{"product": "glow-serum", "seconds": 15, "segments": ["hook", "demo"]}],
}
OPERATOR = {"X-Shopcast-Key": "test-operator-key", "Content-Type": "application/yaml"}


def real_persona(name: str) -> Persona:
    """A persona whose face is a real person's (Jane Doe): streaming it needs consent."""
    market = {"voice": {"engine": "kokoro", "voice": "af_heart"}, "look": {"pack": "seoul-glow"}}
    return Persona.model_validate(
        {
            "name": name,
            "display_name": name.title(),
            "personality": "warm",
            "speaking_style": "short sentences",
            "markets": {"en-US": market},
            "real_likeness": True,
            "consent": {"subject": "Jane Doe", "scope": "video and live", "markets": ["en-US"]},
        }
    )


def show_file(**changes: Any):  # noqa: ANN201 - a ShowFile
    return parse_show({**BASE, **changes}, "test")


# -- destinations and refusals before anything is sent ---------------------------------------
def test_rtmp_hosts_name_their_platform() -> None:
    assert rtmp_destination_kind("rtmp://push-rtmp-l1.tiktokcdn-us.com/live/KEY") == "tiktok"
    assert rtmp_destination_kind("rtmps://a.rtmps.youtube.com:443/live2/KEY") == "youtube"
    assert rtmp_destination_kind("rtmp://push-rtmp-f5.douyincdn.com/stage/KEY") == "douyin"
    assert rtmp_destination_kind("rtmp://127.0.0.1:1935/live/show") == "rtmp"
    assert rtmp_destination_kind("rtmp://youtube.com.evil.example/live/KEY") == "rtmp"
    show = show_file(outputs={"hls": True, "rtmp": ["rtmp://a.rtmp.youtube.com/live2/SECRET"]})
    found = show_destinations(show)
    assert [d.kind for d in found] == ["own_page", "youtube"]
    assert "SECRET" not in (found[1].url or "")  # stream keys stay out of messages


def test_policy_refuses_before_anything_is_sent(settings: Settings, db: Database) -> None:
    registry = ShowRegistry(settings, db, CommerceService(db))
    tiktok = "rtmp://push-rtmp-l1.tiktokcdn-us.com/live/SECRETKEY"
    with pytest.raises(GoLiveRefusedError) as caught:
        registry.start(show_file(outputs={"hls": True, "rtmp": [tiktok]}))
    message = caught.value.message
    assert "TikTok Shop LIVE does not allow autonomous mode in en-US" in message
    assert "simulcast" in message and "SECRETKEY" not in message
    assert registry.list() == [] and not (settings.home / "live" / "gov-show").exists()
    # The same show in co-pilot mode to TikTok alone is allowed by the shipped rules, and
    # switching it to autonomous while it runs is refused by the same rule.
    allowed = show_file(mode="copilot", outputs={"hls": False, "rtmp": [tiktok]})
    for check in registry.preflight:
        check(allowed)
    with pytest.raises(GoLiveRefusedError, match="autonomous mode in en-US"):
        check_mode_switch(settings, allowed, "autonomous")


def test_consent_refuses_a_real_likeness_without_a_record(settings: Settings, db: Database) -> None:
    PersonaService(db).save(real_persona("nova"))
    registry = ShowRegistry(settings, db, CommerceService(db))
    with pytest.raises(ConsentError) as caught:
        registry.start(show_file(persona="nova"))
    assert "'nova'" in caught.value.message and "Jane Doe" in caught.value.message
    assert caught.value.hint and "shopcast consent add --persona nova" in caught.value.hint
    assert registry.list() == []


def test_api_answers_403_for_consent_and_409_for_policy(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, api_key="test-operator-key")
    db = open_database(settings)
    PersonaService(db).save(real_persona("nova"))
    app = create_app(settings, database=db, maintenance_interval_s=None)
    with TestClient(app) as client:
        body = yaml.safe_dump({**BASE, "persona": "nova"})
        refused = client.post("/api/shows", content=body, headers=OPERATOR)
        assert refused.status_code == 403, refused.text
        assert refused.json()["error"] == "consent_required"
        assert "Jane Doe" in refused.json()["message"]
        douyin = {"hls": False, "rtmp": ["rtmp://push-rtmp-f5.douyincdn.com/stage/KEY"]}
        body = yaml.safe_dump({**BASE, "market": "zh-CN", "outputs": douyin})
        refused = client.post("/api/shows", content=body, headers=OPERATOR)
        assert refused.status_code == 409, refused.text
        answer = refused.json()
        assert answer["error"] == "refused_by_policy"
        assert [p["rule"] for p in answer["problems"]] == ["mode"]
        assert "driven by a real person" in answer["message"]
        assert client.get("/api/shows", headers=OPERATOR).json() == []
    db.close()


def test_cli_refuses_with_the_reason(tmp_path: Path) -> None:
    from shopcast.cli.main import app

    path = tmp_path / "show.yaml"
    path.write_text(yaml.safe_dump(BASE), encoding="utf-8")
    douyin = "rtmp://push-rtmp-f5.douyincdn.com/stage/KEY"
    result = CliRunner().invoke(app, ["live", "start", str(path), "--rtmp", douyin])
    assert result.exit_code == 2
    output = " ".join(result.output.split())
    assert "Going live is refused" in output and "Douyin does not allow autonomous" in output


def test_chat_tokens_stay_out_of_show_files(settings: Settings, db: Database, monkeypatch) -> None:
    source = {"platform": "twitch", "channel": "#shop", "nick": "shop_bot"}
    with pytest.raises(InvalidInputError) as caught:
        parse_show({**BASE, "chat": [{**source, "token": "oauth:s3cret"}]}, "shows/x.yaml")
    assert "field 'chat.0'" in caught.value.message and "token_env" in caught.value.message
    assert "s3cret" not in caught.value.message
    show = show_file(chat=[{**source, "token_env": "SHOPCAST_TEST_TWITCH_TOKEN"}])
    assert show.chat[0].server == "irc.chat.twitch.tv:6697" and show.chat[0].channel == "#shop"
    monkeypatch.delenv("SHOPCAST_TEST_TWITCH_TOKEN", raising=False)
    registry = ShowRegistry(settings, db, CommerceService(db))
    with pytest.raises(InvalidInputError) as missing:
        registry.check(show)
    assert "'chat.0.token_env'" in missing.value.message


# -- the schedule, as a function of the clock -------------------------------------------------
def test_air_time_and_the_next_window() -> None:
    seoul = ZoneInfo("Asia/Seoul")
    schedule = Schedule.model_validate(
        {
            "timezone": "Asia/Seoul",
            "windows": [
                {"days": ["mon", "tue", "wed", "thu", "fri"], "from": "09:00", "to": "23:00"},
                {"days": ["sat"], "from": "22:00", "to": "02:00"},
            ],
        }
    )
    thursday = datetime(2026, 11, 26, 15, 0, tzinfo=seoul)
    assert air_time(schedule, thursday).on_air
    late = air_time(schedule, thursday.replace(hour=23, minute=30))
    assert not late.on_air and late.back_at == datetime(2026, 11, 27, 9, 0, tzinfo=seoul)
    assert late.back_at_text == "09:00"
    friday_night = datetime(2026, 11, 27, 23, 30, tzinfo=seoul)
    assert next_window_start(schedule, friday_night) == datetime(2026, 11, 28, 22, 0, tzinfo=seoul)
    assert air_time(schedule, datetime(2026, 11, 29, 1, 0, tzinfo=seoul)).on_air  # Sat's night
    assert not air_time(schedule, datetime(2026, 11, 29, 3, 0, tzinfo=seoul)).on_air
    assert air_time(None, thursday).on_air


# -- the script's price lines during a flash deal ---------------------------------------------
def test_script_price_lines_never_contradict_a_live_deal(settings: Settings, db: Database) -> None:
    from shopcast.api import Shopcast
    from shopcast.catalog.service import CatalogService

    Shopcast(settings).import_sample_catalog()
    product = CatalogService(db, settings).get("glow-serum")
    clock = ManualClock(datetime(2026, 11, 26, 12, 0, tzinfo=UTC))
    commerce = CommerceService(db, clock=clock)
    market = get_market("en-US")
    show = show_file()
    hooks = ShowHooks(lambda _s: None, lambda _s: None, lambda _d: None, lambda: None)
    planner = RundownPlanner(
        show, {product.sku: product}, market, None, commerce, hooks, RepeatGuard(), now=clock
    )  # type: ignore[arg-type] # no scripts are written here
    variant = product.variants[0]
    regular = variant.price_in("USD", product.currency)
    assert regular is not None and regular > 19
    deal = commerce.create_deal(
        DealCreate(
            sku=variant.sku,
            currency="USD",
            deal_price=19,
            starts_at=clock() + timedelta(seconds=10),
            countdown_seconds=10,
            window_seconds=120,
            total_quantity=5,
            per_customer_limit=1,
            show_id=show.show,
        )
    )
    keys = price_keys(product, market)
    regular_text = f"${regular:.0f}"

    def line(text: str) -> Cue | None:
        return planner.price_line_during_deal(Cue("line", text), deal.id, keys, regular_text, "$19")

    plain = line("It sinks in within seconds.")
    assert plain is not None and plain.still_true is None
    before = line(f"Grab it today for {regular_text}.")  # the countdown: still the true price
    assert before is not None and before.still_true is not None and before.still_true()
    clock.advance(11)  # the deal is live: the buffered line is dropped on air
    assert commerce.get_deal(deal.id).state == "live" and not before.still_true()
    during = line(f"Grab it today for {regular_text}.")
    assert during is not None and during.text == "Grab it today for $19."
    assert during.still_true is not None and during.still_true()
    assert line(f"Just {regular_text}.00 for the 30 ml!") is None  # another way to write it
    other = max(v.price_in("USD", product.currency) or 0 for v in product.variants)
    assert line(f"Now {regular_text}, or ${other:.0f} for the big one.") is None


# -- a running show: off air, back on air, RTMP, consent revoked ------------------------------
@dataclass
class MovableNow:
    now: datetime

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Running:
    runner: ShowRunner
    events: Subscription
    now: MovableNow
    rtmp: NginxRtmpServer
    consent: ConsentRegistry
    consent_id: int
    registry: ShowRegistry


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory, models_dir: Path) -> Iterator[Running]:
    settings = sample_shop(tmp_path_factory.mktemp("gov-home"), models_dir)
    db = open_database(settings)
    PersonaService(db).save(real_persona("nova"))
    document = settings.home / "signed.pdf"
    document.write_bytes(b"%PDF-1.4\n% Jane Doe authorises nova (test)\n%%EOF\n")
    consent = ConsentRegistry(db, settings)
    record = consent.add(
        persona="nova",
        subject="Jane Doe",
        scope=["live"],
        markets=["en-US"],
        expires="2099-12-31",
        document=document,
        created_by="tester",
    )
    rtmp = NginxRtmpServer().start()
    now = MovableNow(datetime(2026, 11, 26, 8, 0, tzinfo=UTC))  # the window opens at 09:00
    unreachable = f"rtmp://127.0.0.1:{free_port()}/live/nobody"
    show = show_file(
        persona="nova",
        schedule={"timezone": "UTC", "windows": [{"from": "09:00", "to": "18:00"}]},
        outputs={"hls": True, "rtmp": [rtmp.url("gov"), unreachable]},
    )
    registry = ShowRegistry(settings, db, CommerceService(db), consent=consent, now=now)
    runner = registry.build(show)
    events = runner.events.subscribe()
    runner.start()
    assert runner.wait_until_live(90), runner.status()
    yield Running(runner, events, now, rtmp, consent, record.id, registry)
    registry.stop_all()
    runner.stop()
    rtmp.cleanup()
    db.close()


def drain(events: Subscription) -> list[dict[str, Any]]:
    found = []
    while (event := events.get(0.0)) is not None:
        found.append(event)
    return found


def test_off_air_outside_the_schedule_frames_go_on_and_the_host_is_silent(
    running: Running,
) -> None:
    runner = running.runner
    assert runner.status().status == "off_air"
    card = runner.overlay.card
    assert card is not None and card.price_text == "Off air — back at 09:00"
    frames = runner.frames
    receipt = runner.post_chat("v1", "Ann", "Is the serum good for dry skin?", platform="web")
    assert receipt.accepted  # chat is still taken; the answer is text on the watch page
    time.sleep(3.0)
    assert runner.frames >= frames + 60  # 30 fps: never stalls while off air
    assert runner.status().lines_spoken == 0 and runner.status().answers_spoken == 0
    assert runner.speaking is None and runner.timeline.end == 0.0
    events = drain(running.events)
    assert any(e["type"] == "state" and e["state"]["status"] == "off_air" for e in events)


def test_back_on_air_at_the_window_start(running: Running) -> None:
    runner = running.runner
    running.now.now = datetime(2026, 11, 26, 9, 0, 1, tzinfo=UTC)
    wait_for(lambda: runner.phase == "live", 5, "the show to go back on air")
    wait_for(lambda: runner.speaking, 10, "the host to speak")
    assert runner.speaking == "We're back! Welcome, everyone."
    wait_for(lambda: runner.status().lines_spoken >= 2, 30, "the rundown to resume")
    assert runner.overlay.card is None or "Off air" not in runner.overlay.card.price_text


def test_rtmp_through_the_runner_and_an_unreachable_destination(running: Running) -> None:
    runner = running.runner
    probe = subprocess.run(
        ["ffprobe", "-v", "error", "-rw_timeout", "8000000", "-show_streams", "-of", "json"]
        + [running.rtmp.url("gov")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert probe.returncode == 0, probe.stderr
    streams = {s["codec_type"]: s for s in json.loads(probe.stdout)["streams"]}
    assert streams["video"]["codec_name"] == "h264"
    assert (streams["video"]["width"], streams["video"]["height"]) == (360, 640)
    assert streams["audio"]["codec_name"] == "aac"
    sinks = {o.name: o for o in runner.status().outputs}
    assert sinks["rtmp-1"].state == "live"
    assert sinks["rtmp-2"].state in ("retrying", "connecting"), sinks["rtmp-2"]
    assert runner.running and runner.phase == "live"  # the show goes on elsewhere


def test_a_mode_switch_is_held_to_the_same_rules_as_going_live(running: Running) -> None:
    """The operator's mode switch runs the registry's preflight on the show in the new mode:
    with TikTok Shop US rules (no autonomous AI host) the switch is refused with the reason and
    the show keeps its mode; an allowed switch goes through."""
    from shopcast.platforms import PolicyGuard
    from shopcast.platforms.guard import Destination

    def tiktok_us_rules(show: Any) -> None:
        tiktok = Destination(kind="tiktok", url="rtmp://push.tiktokcdn-us.com/live/KEY")
        PolicyGuard.load(None).check([tiktok], show.mode, show.market).raise_if_refused()

    runner = running.runner
    shown = running.registry
    registry = ShowRegistry(shown.settings, shown.db, runner.commerce, preflight=[tiktok_us_rules])
    registry._shows[runner.show_id] = runner  # the running show, as if started here
    registry.set_mode(runner.show_id, "copilot", operator="ana")
    assert runner.show.mode == "copilot"
    with pytest.raises(GoLiveRefusedError, match="autonomous|mode"):
        registry.set_mode(runner.show_id, "autonomous", operator="ana")
    assert runner.show.mode == "copilot"


def test_revoking_consent_stops_the_running_show(running: Running) -> None:
    runner = running.runner
    drain(running.events)
    running.consent.revoke(running.consent_id, reason="talent withdrew consent", by="tester")
    wait_for(lambda: runner.phase == "stopped", 10, "the show to stop")  # polled every 2 s
    reason = runner.stop_reason or ""
    assert "revoked" in reason and "talent withdrew consent" in reason
    assert any(reason in e for e in runner.status().errors)
    events = drain(running.events)
    assert any(e["type"] == "stopped" and e["reason"] == reason for e in events)
    assert any(e["type"] == "state" and e["state"]["status"] == "stopped" for e in events)
    status_file = runner.out_dir / "status.json"
    wait_for(
        lambda: json.loads(status_file.read_text(encoding="utf-8"))["status"] == "stopped",
        40,
        "status.json to say stopped",
    )
    assert not runner.running
