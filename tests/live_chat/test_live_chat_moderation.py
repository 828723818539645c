"""Moderation decisions (with reason codes), rate limits and the bounded intake."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from shopcast.live.chat.blocklist import load_blocklist
from shopcast.live.chat.intake import ChatIntake, Priority
from shopcast.live.chat.messages import ChatMessage
from shopcast.live.chat.moderation import Moderator, Reason
from shopcast.live.chat.ratelimit import TokenBucket, UserBuckets

_counter = iter(range(10**9))


def _msg(text: str, user: str = "u1", at: float = 1000.0) -> ChatMessage:
    return ChatMessage(
        id=str(next(_counter)),
        platform="t",
        user_id=user,
        user_name=user,
        text=text,
        received_at=at,
    )


def test_blocklists_are_data_for_required_languages() -> None:
    folder = resources.files("shopcast.live.chat").joinpath("blocklists")
    for lang in ["en", "ko", "ja", "zh", "es", "pt", "id"]:
        data = yaml.safe_load(folder.joinpath(f"{lang}.yaml").read_text("utf-8"))
        assert data["insults"] and data["profanity"], lang


@pytest.mark.parametrize(
    ("market", "text"),
    [
        ("en-US", "you are an idiot"),
        ("en-US", "you're an 1d10t"),  # leetspeak
        ("en-US", "i d i o t host"),  # spaced letters
        ("en-US", "ІDІОТ"),  # Cyrillic look-alikes
        ("en-US", "ＩＤＩＯＴ"),  # full width
        ("ko-KR", "진짜 바보 같네"),
        ("ko-KR", "ㅅㅂ 뭐야"),
        ("ja-JP", "お前バカだろ"),
        ("zh-CN", "主播是笨蛋"),
        ("es-ES", "eres una idiota"),
        ("pt-BR", "que porra é essa"),
        ("id-ID", "host goblok"),
        ("en-US", "tu es un crétin"),  # insults of every language apply everywhere
    ],
)
def test_blocked_words_in_many_languages_and_disguises(market: str, text: str) -> None:
    decision = Moderator(market).check(_msg(text))
    assert not decision.allowed and decision.reason == Reason.BLOCKED_WORD


@pytest.mark.parametrize(
    "text",
    [
        "Is it dishwasher safe?",
        "이거 방수 돼요?",
        "これは何色がありますか",
        "有黑色吗",
        "¿Tiene bolsillos?",
        "Tem em azul?",
        "Ada warna hitam?",
        "classic grey please",
        "🔥🔥🔥 love it",
        "Scunthorpe shipping?",
    ],
)
def test_ordinary_comments_pass(text: str) -> None:
    decision = Moderator("en-US").check(_msg(text))
    assert decision.allowed and decision.reason == Reason.OK


def test_spam_links_repeats_and_duplicates() -> None:
    mod = Moderator("en-US")
    assert mod.check(_msg("buy at https://spam.example now", "a")).reason == Reason.LINK_SPAM
    assert mod.check(_msg("check bit.ly/xyz", "b")).reason == Reason.LINK_SPAM
    assert mod.check(_msg("WOOOOOOOOOOOOOOW", "c")).reason == Reason.REPEATED_CHARS
    assert mod.check(_msg("ha" * 20, "d")).reason == Reason.REPEATED_CHARS
    assert mod.check(_msg("free followers at my page", "e")).reason == Reason.SPAM_PHRASE
    assert mod.check(_msg("Is it waterproof?", "f", 1000)).allowed
    again = mod.check(_msg("is it WATERPROOF??", "f", 1010))
    assert again.reason == Reason.DUPLICATE
    assert mod.check(_msg("is it waterproof", "f", 1100)).allowed  # outside the window
    assert mod.check(_msg("Is it waterproof?", "g", 1010)).allowed  # another viewer may ask
    assert mod.counts[Reason.LINK_SPAM] == 2 and mod.counts[Reason.DUPLICATE] == 1


def test_per_user_rate_limit_refills() -> None:
    mod = Moderator("en-US")
    results = [
        mod.check(_msg(f"question number {w}", "fast", 1000.0)).reason
        for w in ["one", "two", "three", "four", "five", "six"]
    ]
    assert results[:4] == [Reason.OK] * 4
    assert results[4:] == [Reason.USER_RATE_LIMIT] * 2
    assert mod.check(_msg("later question", "fast", 1004.5)).allowed  # refilled
    assert mod.check(_msg("someone else", "other", 1000.0)).allowed


def test_empty_and_garbage() -> None:
    mod = Moderator("en-US")
    assert mod.check(_msg("\u200b\u202e  ")).reason == Reason.EMPTY
    garbage = ChatMessage.create(b"\xff\x00\x9c\x80", user_name="x", received_at=1.0)
    assert mod.check(garbage).reason == Reason.GARBAGE


def test_token_bucket_and_user_memory_are_bounded() -> None:
    bucket = TokenBucket(capacity=2, rate=1, updated=0)
    assert [bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(1.0)] == [
        True,
        True,
        False,
        True,
    ]
    users = UserBuckets(1, 1, max_users=100)
    for i in range(1000):
        users.take(f"user{i}", 0)
    assert len(users) == 100
    with pytest.raises(ValueError):
        TokenBucket(capacity=0, rate=1)


def test_intake_drops_oldest_low_priority_first_and_counts() -> None:
    intake = ChatIntake(capacity=3)
    low1, low2 = _msg("lol", "a"), _msg("nice", "b")
    q1, q2, q3 = _msg("price?", "c"), _msg("size?", "d"), _msg("color?", "e")
    assert intake.push(low1) is None and intake.push(q1, Priority.HIGH) is None
    assert intake.push(low2) is None
    assert intake.push(q2, Priority.HIGH) is low1  # oldest low goes first
    assert intake.push(q3, Priority.HIGH) is low2
    late_low = _msg("wow", "f")
    assert intake.push(late_low) is late_low  # buffer full of questions: the chatter goes
    assert intake.push(_msg("material?", "g"), Priority.HIGH) is q1
    assert intake.dropped[Priority.LOW] == 3 and intake.dropped[Priority.HIGH] == 1
    assert [m.text for m in intake.drain()] == ["size?", "color?", "material?"]


def test_flood_never_grows_the_intake() -> None:
    intake = ChatIntake(capacity=200)
    for i in range(20_000):
        intake.push(_msg(f"spam {i}", f"bot{i}"), Priority.HIGH if i % 10 == 0 else Priority.LOW)
    assert len(intake) == 200 and intake.total_dropped == 19_800
    assert all(m.text.startswith("spam") for m in intake.drain(5))


def test_unknown_market_language_falls_back_to_global_list() -> None:
    assert load_blocklist("xx-XX").find("what the fuck") is not None
