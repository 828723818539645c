"""A line that names a viewer, cut into the fixed words (voiced once, kept) and the name with
what is written against it (voiced per viewer)."""

from __future__ import annotations

import re

import pytest

from shopcast.live.chat.phrases import PHRASES, named_pieces, phrase


@pytest.mark.parametrize("language", sorted(PHRASES))
def test_the_pieces_give_the_line_back_in_every_language(language: str) -> None:
    before, named, after = named_pieces(language, "ack", "Jun")
    assert "Jun" in named and "Jun" not in before + after
    line = phrase(language, "ack", name="Jun")
    assert re.sub(r"\s", "", before + named + after) == re.sub(r"\s", "", line)
    for fixed in (before, after):  # fixed words, never punctuation alone
        assert not fixed or re.search(r"\w", fixed)
    assert named_pieces(language, "ack", "Ana")[0::2] == (before, after)  # same for everyone


def test_the_name_keeps_the_punctuation_and_particles_written_against_it() -> None:
    assert named_pieces("en", "ack", "Jun") == ("Good question,", "Jun!", "")
    assert named_pieces("ko", "ack", "Jun") == ("좋은 질문이에요,", "Jun님!", "")
    assert named_pieces("ja", "ack", "Jun") == ("いい質問ですね、", "Junさん！", "")
    assert named_pieces("fr", "ack", "Jun") == ("Bonne question,", "Jun !", "")


@pytest.mark.parametrize("language", sorted(PHRASES))
def test_every_acknowledgement_says_the_fixed_words_first(language: str) -> None:
    """So they can go on air at once, from the cache, while the name is being voiced."""
    before, named, after = named_pieces(language, "ack", "Jun")
    assert before and named and not after


def test_a_line_without_a_name_is_one_fixed_piece() -> None:
    text = phrase("en", "no_detail")
    assert named_pieces("en", "no_detail", "Jun") == (text, "", "")
