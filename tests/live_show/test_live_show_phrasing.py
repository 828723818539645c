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
