"""A viewer who chats is told once per show, in the market's language, that the host is an AI."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from shopcast.markets import list_markets
from shopcast.markets.registry import get_market
from shopcast.provenance import DisclosureTracker


def test_each_viewer_is_told_once() -> None:
    tracker = DisclosureTracker(get_market("en-US"))
    first = tracker.disclose_once("viewer-1")
    assert first is not None and "AI-generated virtual host" in first
    assert tracker.disclose_once("viewer-1") is None
    assert tracker.disclose_once("viewer-2") == first
    assert tracker.was_told("viewer-1") and not tracker.was_told("viewer-3")
    assert len(tracker) == 2


def test_the_first_answer_carries_the_disclosure_in_the_market_language() -> None:
    tracker = DisclosureTracker(get_market("ko-KR"))
    answer = tracker.with_disclosure("v", "네, 이 세럼은 30ml예요.")
    assert answer.startswith(get_market("ko-KR").ai_disclosure_line)
    assert answer.endswith(" 네, 이 세럼은 30ml예요.")
    assert tracker.with_disclosure("v", "다음 질문!") == "다음 질문!"
    japanese = DisclosureTracker(get_market("ja-JP")).with_disclosure("v", "はい。")
    assert japanese == get_market("ja-JP").ai_disclosure_line + "はい。"  # no space in Japanese


def test_a_viewer_told_another_way_is_not_told_again() -> None:
    tracker = DisclosureTracker(get_market("fr-FR"))
    tracker.mark_told("asked-if-ai")
    assert tracker.disclose_once("asked-if-ai") is None


def test_a_new_show_tells_everyone_again() -> None:
    market = get_market("en-US")
    DisclosureTracker(market).disclose_once("regular")
    assert DisclosureTracker(market).disclose_once("regular") is not None


def test_every_market_has_a_line_and_concurrent_chat_tells_once() -> None:
    for market in list_markets():
        assert DisclosureTracker(market).line.strip()
    tracker = DisclosureTracker(get_market("en-US"))
    with ThreadPoolExecutor(8) as pool:
        told = list(pool.map(lambda _: tracker.disclose_once("same-viewer"), range(200)))
    assert sum(line is not None for line in told) == 1
