from __future__ import annotations

import pytest

from shopcast.errors import InvalidInputError
from shopcast.scene.captions import (
    HOLD_SECONDS,
    caption_pages,
    caption_state_at,
    default_max_chars,
)
from shopcast.speech.types import WordSpan

TEXTS = {
    "en": (
        " ",
        "Hi everyone! Today I have something really special for your skin routine, a light "
        "serum that feels like water. Only twelve left, so tap below to grab yours.",
    ),
    "ko": (
        " ",
        "안녕하세요 여러분! 오늘은 피부를 위한 아주 특별한 세럼을 소개해 드릴게요. "
        "지금 열두 개만 남았으니 아래를 눌러 주세요.",
    ),
    "ja": (
        "",
        [
            "皆さん",
            "こんにちは",
            "！",
            "今日は",
            "とても",
            "特別な",
            "美容液を",
            "ご紹介",
            "します",
            "。",
            "残り",
            "わずか",
            "十二個",
            "なので",
            "下の",
            "ボタンを",
            "タップして",
            "ください",
            "。",
        ],
    ),
    "zh": (
        "",
        [
            "大家好",
            "！",
            "今天",
            "给",
            "大家",
            "介绍",
            "一款",
            "特别",
            "好用",
            "的",
            "精华液",
            "。",
            "只剩",
            "十二",
            "件",
            "了",
            "，",
            "快",
            "点击",
            "下方",
            "购买",
            "吧",
            "。",
        ],
    ),
    "hi": (
        " ",
        "नमस्ते दोस्तों! आज मैं आपके लिए एक बहुत ख़ास सीरम लाई हूँ। सिर्फ़ बारह बचे हैं, तो अभी नीचे टैप करें।",
    ),
}


def timed(words: list[str] | str) -> list[WordSpan]:
    """Words at a speaking pace, with a longer pause after sentence ends."""
    if isinstance(words, str):
        words = words.split()
    spans, t = [], 0.2
    for text in words:
        duration = 0.06 * len(text) + 0.08
        spans.append(WordSpan(text, round(t, 3), round(t + duration, 3)))
        t += duration + (0.5 if text.endswith(("!", ".", "。", "！", "।")) else 0.04)
    return spans


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_pages_keep_every_word_and_fit(language):
    separator, texts = TEXTS[language]
    words = timed(texts)
    max_chars = default_max_chars(language)
    pages = caption_pages(words, max_chars=max_chars, separator=separator)
    assert len(pages) >= 3
    assert [w for p in pages for w in p.words] == words  # nothing lost, order kept
    for page in pages:
        assert len(page.text) <= max_chars
        assert page.start == page.words[0].start
        assert page.words[-1].end <= page.end <= page.words[-1].end + HOLD_SECONDS + 1e-9
    for before, after in zip(pages, pages[1:], strict=False):
        assert before.end <= after.start  # never two pages at once
    # A sentence end closes its page.
    enders = [p for p in pages if p.words[-1].text.endswith(("!", ".", "。", "！", "।"))]
    assert len(enders) >= 2


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_highlight_follows_the_spoken_word(language):
    separator, texts = TEXTS[language]
    words = timed(texts)
    pages = caption_pages(words, max_chars=default_max_chars(language), separator=separator)
    assert caption_state_at(pages, 0.0) is None  # before the first word
    for word in words:
        state = caption_state_at(pages, (word.start + word.end) / 2)
        assert state is not None and state.active is not None
        assert state.words[state.active] == word.text
        assert state.separator == separator
    last = pages[-1]
    assert caption_state_at(pages, last.end + 0.01) is None
    # During a pause the word just spoken stays highlighted on its page.
    gap_state = caption_state_at(pages, words[0].end + 0.01)
    assert gap_state is not None and gap_state.active == 0


def test_pause_starts_a_new_page_and_hold_is_clipped():
    words = [WordSpan("one", 0.0, 0.3), WordSpan("two", 0.35, 0.6), WordSpan("three", 1.5, 1.8)]
    pages = caption_pages(words, max_chars=40, separator=" ")
    assert [p.text for p in pages] == ["one two", "three"]
    assert pages[0].end == pytest.approx(0.6 + HOLD_SECONDS)
    close = [WordSpan("a,", 0.0, 0.2), WordSpan("b", 0.21, 0.4)]
    tight = caption_pages(close, max_chars=2, separator=" ")
    assert tight[0].end == pytest.approx(0.21)  # hold stops where the next page starts


def test_long_cjk_run_is_cut_by_characters():
    run = "今日は本当に特別な美容液を皆さんにご紹介したいと思いますのでぜひ最後まで見てください"
    pages = caption_pages([WordSpan(run, 1.0, 1.0 + 0.1 * len(run))], max_chars=12, separator="")
    assert "".join(p.text for p in pages) == run
    assert all(len(p.text) <= 12 for p in pages)
    assert pages[1].start == pytest.approx(1.0 + 0.1 * 12)


def test_bad_max_chars():
    with pytest.raises(InvalidInputError):
        caption_pages([WordSpan("hi", 0, 1)], max_chars=0, separator=" ")
