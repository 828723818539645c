"""Untrusted chat text normalisation: what is kept, what is stripped, what is flagged."""

from __future__ import annotations

from shopcast.live.chat.messages import MAX_TEXT_CHARS, ChatMessage, clean_text


def _msg(text: str | bytes, name: str = "anna") -> ChatMessage:
    return ChatMessage.create(text, user_name=name, platform="test")


def test_nfkc_and_control_characters() -> None:
    msg = _msg("ＢＵＹ\x07 now\u200b please\u202e\n\n ok")
    assert msg.text == "BUY now please ok"
    assert not msg.truncated and not msg.is_garbage


def test_emoji_rtl_cjk_and_indic_kept_intact() -> None:
    family = "👩\u200d👩\u200d👧"  # a ZWJ sequence
    for text in [
        f"love it {family} ❤️",
        "هل هو مقاوم للماء؟",
        "שלום",
        "이거 방수 돼요?",
        "これは防水ですか",
        "这个防水吗",
        "क्या यह वाटरप्रूफ है?",
    ]:
        msg = _msg(text)
        assert msg.text == text and not msg.is_garbage, text


def test_bidi_override_is_removed_but_rtl_letters_stay() -> None:
    assert _msg("\u202eabc\u202c مرحبا").text == "abc مرحبا"


def test_length_cap_sets_truncation_flag() -> None:
    msg = _msg("a" * 5000)
    assert len(msg.text) == MAX_TEXT_CHARS and msg.truncated and msg.original_length == 5000
    assert not _msg("short").truncated


def test_truncation_does_not_leave_a_dangling_joiner() -> None:
    text, cut = clean_text("x" * 9 + "👩\u200d👧", max_chars=10)
    assert cut and not text.endswith("\u200d")


def test_garbage_detection() -> None:
    assert _msg(b"\xff\xfe\x00\x01binary\x9c").is_garbage
    assert _msg("\ufffd" * 30).is_garbage
    assert _msg("h\u0336\u0335\u0334\u0337\u0338\u0321\u0322\u0327\u0328\u0334i" * 3).is_garbage
    assert _msg("\ue000\ue001\ue002\ue003").is_garbage
    assert not _msg("नमस्ते, क्या यह उपलब्ध है?").is_garbage


def test_user_name_is_cleaned_and_defaulted() -> None:
    assert _msg("hi", name="\u202eevil\x00name").user_name == "evilname"
    assert _msg("hi", name="").user_name == "viewer"
    assert _msg("hi", name="x" * 100).user_name == "x" * 25


def test_direct_construction_is_normalised_too() -> None:
    msg = ChatMessage(
        id="1", platform="t", user_id="u", user_name="n", text="ｈｉ\x00", received_at=1.0
    )
    assert msg.text == "hi"
