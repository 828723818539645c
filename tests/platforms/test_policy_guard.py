"""The go-live guard against the shipped destination policies, one test per rule, and an
operator's override file that changes the rules without a code change."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from shopcast.cli.main import app
from shopcast.errors import InvalidInputError
from shopcast.platforms import (
    Destination,
    GoLiveRefusedError,
    PolicyGuard,
    check_go_live,
    load_policies,
)


def to(*kinds: str) -> list[Destination]:
    return [Destination(kind=k, url=f"rtmp://example.invalid/{k}") for k in kinds]


@pytest.fixture
def guard(_isolated_home: Path) -> PolicyGuard:
    return PolicyGuard.load(_isolated_home)


def rules(decision) -> list[tuple[str, str]]:
    return [(r.destination, r.rule) for r in decision.reasons]


def test_tiktok_us_refuses_an_autonomous_host(guard: PolicyGuard) -> None:
    decision = guard.check(to("tiktok"), "autonomous", "en-US")
    assert not decision.allowed and rules(decision) == [("tiktok", "mode")]
    assert "TikTok Shop LIVE does not allow autonomous mode in en-US" in decision.message
    assert "allowed: copilot, human" in decision.message
    assert "real time" in decision.message  # the platform's rule is quoted
    assert guard.check(to("tiktok"), "copilot", "en-US").allowed
    assert guard.check(to("tiktok"), "human", "en-US").allowed
    assert guard.check(to("tiktok"), "autonomous", "id-ID").allowed  # no US rule there


def test_douyin_needs_a_real_person_driving(guard: PolicyGuard) -> None:
    for mode in ("autonomous", "copilot"):
        decision = guard.check(to("douyin"), mode, "zh-CN")
        assert rules(decision) == [("douyin", "mode")]
        assert "driven by a real person" in decision.message
    allowed = guard.check(to("douyin"), "human", "zh-CN")
    assert allowed.allowed and allowed.label_required


def test_tiktok_forbids_simulcasting(guard: PolicyGuard) -> None:
    decision = guard.check(to("tiktok", "youtube"), "human", "ko-KR")
    assert rules(decision) == [("tiktok", "simulcast")]
    assert "also goes to youtube" in decision.message
    assert guard.check(to("youtube", "own_page", "rtmp"), "autonomous", "en-US").allowed


def test_label_requirements(guard: PolicyGuard) -> None:
    assert guard.check(to("rtmp"), "autonomous", "it-IT").label_required
    assert not guard.check(to("own_page"), "autonomous", "it-IT").label_required
    assert guard.check(to("own_page"), "autonomous", "ko-KR").label_required  # market law
    hidden = guard.check(to("rtmp"), "autonomous", "it-IT", ai_label=False)
    assert rules(hidden) == [("rtmp", "label")]
    assert "unknown" in hidden.message  # why a custom RTMP always needs it
    law = guard.check(to("own_page"), "autonomous", "zh-CN", ai_label=False)
    assert rules(law) == [("*", "label")] and "China" in law.message
    assert guard.check(to("own_page"), "autonomous", "it-IT", ai_label=False).allowed


def test_every_reason_is_given_at_once(guard: PolicyGuard) -> None:
    decision = guard.check(to("tiktok", "douyin", "twitch"), "autonomous", "en-US")
    assert rules(decision) == [
        ("tiktok", "mode"),
        ("tiktok", "simulcast"),
        ("douyin", "mode"),
        ("twitch", "unknown_destination"),
    ]
    assert "known: douyin, own_page, rtmp, tiktok, youtube" in decision.message
    with pytest.raises(GoLiveRefusedError) as caught:
        decision.raise_if_refused()
    assert "nothing was sent" in caught.value.message
    assert [p["rule"] for p in caught.value.problems] == [
        "mode",
        "simulcast",
        "mode",
        "unknown_destination",
    ]


def test_no_destination_and_bad_arguments(guard: PolicyGuard) -> None:
    assert rules(guard.check([], "human", "en-US")) == [("*", "no_destination")]
    with pytest.raises(InvalidInputError, match="unknown mode 'auto'"):
        guard.check(to("youtube"), "auto", "en-US")
    with pytest.raises(InvalidInputError, match="unknown market 'xx-YY'"):
        guard.check(to("youtube"), "human", "xx-YY")


def test_an_override_file_changes_the_rules_without_code(_isolated_home: Path) -> None:
    assert check_go_live(to("youtube"), "autonomous", "en-US", home=_isolated_home) == []
    override = _isolated_home / "platforms" / "policies.yaml"
    override.parent.mkdir(parents=True)
    override.write_text(
        "version: 1\n"
        "destinations:\n"
        "  youtube:\n"
        "    name: YouTube Live\n"
        "    modes: [copilot, human]\n"
        "    reason: new platform rule\n"
        "  kuaishou:\n"
        "    name: Kuaishou\n"
        "    modes: [autonomous, copilot, human]\n"
        "    label_required: true\n",
        encoding="utf-8",
    )
    refusals = check_go_live(to("youtube"), "autonomous", "en-US", home=_isolated_home)
    assert [r.rule for r in refusals] == ["mode"] and "new platform rule" in refusals[0].message
    assert check_go_live(to("kuaishou"), "autonomous", "zh-CN", home=_isolated_home) == []
    policies, sources = load_policies(_isolated_home)
    assert sources[-1] == str(override)
    assert {"tiktok", "douyin", "kuaishou"} <= set(policies.destinations)  # others kept


def test_platforms_cli(_isolated_home: Path) -> None:
    runner = CliRunner()
    refused = runner.invoke(
        app, ["platforms", "check", "--to", "tiktok", "--mode", "autonomous", "--market", "en-US"]
    )
    assert refused.exit_code == 2 and "refused" in refused.output
    allowed = runner.invoke(
        app,
        [
            "platforms",
            "check",
            "--to",
            "youtube,own_page",
            "--mode",
            "autonomous",
            "--market",
            "en-US",
        ],
    )
    assert allowed.exit_code == 0 and "Allowed" in allowed.output
    shown = runner.invoke(app, ["platforms", "show"])
    assert shown.exit_code == 0 and "douyin" in shown.output
