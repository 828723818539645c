"""Live phrases are short enough for a quick answer: long clauses are cut before a conjunction,
never inside a word or a number, and Korean keeps its spaces."""

from __future__ import annotations

from shopcast.live.show import phrasing
from shopcast.live.show.phrasing import phrases


def test_default_limit_is_the_module_setting() -> None:
    text = "Pick it up now, it is our best seller, and the price is great, so do not wait too long."
    assert phrases(text) == phrases(text, max_chars=phrasing.MAX_CHARS)
    assert all(len(p) <= phrasing.MAX_CHARS for p in phrases(text))


def test_a_long_clause_is_cut_before_a_conjunction() -> None:
    text = (
        "This serum has 72% fermented rice water and sinks in within seconds with no sticky film."
    )
    parts = phrases(text, max_chars=40)
    assert parts == [
        "This serum has 72% fermented rice water",
        "and sinks in within seconds",
        "with no sticky film.",
    ]
    assert " ".join(parts) == text
    assert phrases(text, max_chars=120) == [text]  # short enough: left whole


def test_no_cut_leaves_a_fragment_shorter_than_the_minimum() -> None:
    text = "Rice and water and niacinamide make the lightest serum and we sold it out twice."
    parts = phrases(text, max_chars=40, min_chars=18)
    # "Rice" and "Rice and water" would be too short to say alone: the later "and" is used
    assert parts == [
        "Rice and water and niacinamide make the lightest serum",
        "and we sold it out twice.",
    ]


def test_words_containing_a_conjunction_are_not_cut() -> None:
    text = "The sandwich bandana andante without handles is sold separately in every branch today."
    assert phrases(text, max_chars=40) == [text]  # no standalone conjunction: nowhere to cut


def test_korean_clauses_keep_their_spaces() -> None:
    text = "가격은 39,000원이에요, 오늘만 특가로 드려요, 꼭 챙기세요."
    parts = phrases(text, max_chars=20)
    assert " ".join(parts) == text
    assert "39,000원이에요," in parts[0]


def test_the_host_voices_the_first_sentences_of_a_long_answer() -> None:
    """A long chat answer is voiced up to ``SPOKEN_MAX_S`` of speech, whole sentences only
    (the first always); the chat has the rest."""
    from shopcast.live.show.phrasing import spoken_part

    long = (
        "The details for Rice Water Glow Serum don't cover that, so I won't guess. What I can "
        "tell you: it has 72% fermented rice water and absorbs in seconds. The product page has "
        "the full details."
    )
    said = spoken_part(long, "en-US")
    assert said == "The details for Rice Water Glow Serum don't cover that, so I won't guess."
    assert spoken_part("It's $19.", "en-US") == "It's $19."
    assert spoken_part(long, "en-US", max_s=60) == long
    zh = "这款精华含有72%发酵米水。吸收很快，不黏腻。产品页面有完整信息。"
    zh += "还有更多的内容在这里慢慢地说明一下吧。"
    assert spoken_part(zh, "zh-CN").endswith("。") and len(spoken_part(zh, "zh-CN")) < len(zh)
