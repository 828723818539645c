"""Unit tests of span building, resampling bookkeeping and sentence splitting (no models)."""

from __future__ import annotations

import pytest

from shopcast.speech.g2p import WordPhonemes, attach_punctuation, join_phonemes
from shopcast.speech.sentences import split_sentences
from shopcast.speech.spans import TimedToken, build_spans, rescale

SR = 24_000


def tok(symbol: str, frames: int, word: int = -1) -> TimedToken:
    return TimedToken(symbol, frames * 600, word)


def test_stress_joins_next_phoneme_and_length_joins_previous():
    tokens = [tok(" ", 3), tok("h", 2, 0), tok("ˈ", 1, 0), tok("a", 2, 0), tok("ː", 1, 0),
              tok(" ", 4)]  # fmt: skip
    phonemes, words = build_spans(tokens, ["ha"], SR)
    assert [p.phoneme for p in phonemes] == [" ", "h", "ˈaː", " "]
    assert (phonemes[2].start, phonemes[2].end) == pytest.approx((5 * 0.025, 9 * 0.025))
    assert phonemes[-1].end == pytest.approx(13 * 0.025)
    assert (words[0].start, words[0].end) == pytest.approx((3 * 0.025, 9 * 0.025))


def test_short_word_gap_folds_long_gap_and_punctuation_stay_pauses():
    tokens = [tok("a", 2, 0), tok(" ", 2), tok("b", 2, 1), tok(",", 6, 1), tok(" ", 1),
              tok("c", 2, 2), tok(" ", 8), tok("d", 2, 3)]  # fmt: skip
    phonemes, words = build_spans(tokens, ["a", "b,", "c", "d"], SR)
    assert [p.phoneme for p in phonemes] == ["a", "b", " ", "c", " ", "d"]
    assert phonemes[0].end == pytest.approx(4 * 0.025)  # the 2-frame gap went to "a"
    assert phonemes[2].end - phonemes[2].start == pytest.approx(7 * 0.025)  # "," + space
    assert words[1].end == pytest.approx(6 * 0.025)  # a word ends at its last sound


def test_spans_are_contiguous_and_zero_length_tokens_vanish():
    tokens = [tok(" ", 1), tok("m", 0, 0), tok("a", 3, 0), tok(" ", 0), tok("p", 2, 1)]
    phonemes, words = build_spans(tokens, ["ma", "p"], SR)
    assert all(p.end > p.start for p in phonemes)
    assert all(a.end == b.start for a, b in zip(phonemes, phonemes[1:], strict=False))
    assert [w.text for w in words] == ["ma", "p"]


def test_word_without_sound_gets_an_empty_span_in_order():
    phonemes, words = build_spans([tok("a", 2, 0), tok(" ", 8), tok("b", 2, 2)],
                                  ["a", "—", "b"], SR)  # fmt: skip
    assert words[1].start == words[1].end == words[0].end
    assert words[2].start >= words[1].end


@pytest.mark.parametrize("counts,total", [([100, 250, 0, 31], 413), ([7] * 9, 70), ([1, 2], 0)])
def test_rescale_keeps_the_exact_total(counts, total):
    out = rescale(counts, total)
    assert sum(out) == total and len(out) == len(counts) and min(out) >= 0


def test_sentences_split_on_latin_and_cjk_punctuation():
    parts = split_sentences("Hi there! Only 3 left.\nBuy now")
    assert parts == ["Hi there!", "Only 3 left.", "Buy now"]
    assert split_sentences("大家好！今天特价。快来") == ["大家好！", "今天特价。", "快来"]
    assert split_sentences("Price: $9.99 today.") == ["Price: $9.99 today."]
    assert split_sentences("   ") == []


def test_join_phonemes_glues_punctuation_and_sokuon():
    words = [WordPhonemes("a", "ka"), WordPhonemes("b", "tʔ"), WordPhonemes("c", "te"),
             WordPhonemes("!", "!")]  # fmt: skip
    text, owners = join_phonemes(words)
    assert text == "ka tʔte!"
    assert owners == [0, 0, -1, 1, 1, 2, 2, 3]
    merged = attach_punctuation([WordPhonemes("好", "xau↓"), WordPhonemes("，", ",")])
    assert merged == [WordPhonemes("好，", "xau↓,")]


def test_long_sentence_is_cut_after_punctuation_under_the_limit():
    from shopcast.speech.kokoro import MAX_TOKENS, _chunk

    vocab = {c: i for i, c in enumerate("abcdefghijklmnopqrstuvwxyz,.", 1)}
    words = [WordPhonemes(f"w{i}", "abcdefghi," if i % 7 == 6 else "abcdefghi") for i in range(120)]
    ranges = _chunk(words, vocab)
    assert ranges[0][0] == 0 and ranges[-1][1] == len(words)
    assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:], strict=False))
    for lo, hi in ranges:
        assert sum(len(w.phonemes) + 1 for w in words[lo:hi]) <= MAX_TOKENS
    assert all(words[hi - 1].phonemes.endswith(",") for _, hi in ranges[:-1])
