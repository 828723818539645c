"""Speech kept on disk: what a voice said once is not synthesised again after a restart or
when a show loops its rundown — the same samples and timings come back; a torn file is a
miss, not a crash; the files stay within their size."""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np

from shopcast.live.show.speaker import Speaker
from shopcast.markets.registry import get_market
from shopcast.persona.loader import builtin_personas
from shopcast.speech.disk_cache import SpeechDiskCache
from shopcast.speech.kept import speech_key
from shopcast.speech.types import PhonemeSpan, Speech, WordSpan


def speech(text: str, seconds: float = 1.0, seed: int = 0) -> Speech:
    rng = np.random.default_rng(seed)
    samples = rng.uniform(-0.5, 0.5, round(seconds * 24_000)).astype(np.float32)
    words = [WordSpan(w, i * 0.3, i * 0.3 + 0.25) for i, w in enumerate(text.split())]
    phonemes = [PhonemeSpan("h", 0.0, 0.1), PhonemeSpan("", 0.1, 0.2)]
    return Speech(samples, 24_000, phonemes, words, text, "en-US", "af_heart")


def key(text: str) -> tuple:
    return speech_key(
        text, engine="kokoro", voice="af_heart", language="en-US", speed=1.0, models_dir=Path("/m")
    )


def test_a_kept_speech_comes_back_sample_for_sample_with_its_timings(tmp_path: Path) -> None:
    cache = SpeechDiskCache(tmp_path)
    said = speech("Tap the card below to get yours.")
    assert cache.get(key(said.text)) is None
    cache.put(key(said.text), said)
    again = SpeechDiskCache(tmp_path).get(key(said.text))  # another process, the same files
    assert again is not None
    assert np.array_equal(again.samples, said.samples) and again.samples.dtype == np.float32
    assert again.words == said.words and again.phonemes == said.phonemes
    assert (again.text, again.language, again.voice, again.sample_rate) == (
        said.text,
        "en-US",
        "af_heart",
        24_000,
    )
    assert cache.get(key("Another line.")) is None  # another text, another file


def test_a_torn_file_is_a_miss_and_is_removed(tmp_path: Path) -> None:
    cache = SpeechDiskCache(tmp_path)
    cache.put(key("Hello there."), speech("Hello there."))
    [path] = list(tmp_path.rglob("*.npz"))
    path.write_bytes(path.read_bytes()[:100])
    assert cache.get(key("Hello there.")) is None
    assert not path.exists()


def test_the_least_recently_used_go_when_the_files_pass_their_size(tmp_path: Path) -> None:
    one = speech("x", seconds=1.0)
    cache = SpeechDiskCache(tmp_path, max_bytes=int(3.5 * 24_000 * 4))
    paths = []
    for n in range(3):
        cache.put(key(f"line {n}"), one)
        paths.append(cache._path(key(f"line {n}")))
    now = time.time()
    for n, path in enumerate(paths):  # line 0 the oldest, line 2 the newest
        os.utime(path, (now - 300 + 100 * n, now - 300 + 100 * n))
    assert cache.get(key("line 0")) is not None  # used now: the newest
    cache.put(key("line 3"), one)  # a fourth file passes the size: the least recently used goes
    assert not paths[1].exists()
    assert paths[0].exists() and paths[2].exists()
    assert cache.size_bytes <= 3.5 * 24_000 * 4


def test_a_second_show_in_the_same_voice_synthesises_nothing_it_said_before(
    tmp_path: Path, models_dir: Path
) -> None:
    """Two speakers with real Kokoro (a show, then the same show restarted in a new process:
    nothing in this show's memory) sharing one disk cache: the rundown line and the answer
    are synthesised once, and come back sample for sample."""
    persona = next(p for p in builtin_personas() if p.name == "mina")
    market = get_market("en-US")
    line = "The serum sinks in fast."
    answer = "It's nineteen dollars."
    first = Speaker(persona, market, models_dir, disk=SpeechDiskCache(tmp_path / "speech"))
    made = first.say(line, background=True)
    first.say(answer)
    assert first.misses == 2
    restarted = Speaker(persona, market, models_dir, disk=SpeechDiskCache(tmp_path / "speech"))
    assert restarted.cached(line) and restarted.cached(answer)
    again = restarted.say(line, background=True)
    restarted.say(answer)
    assert restarted.misses == 0  # nothing voiced again
    assert np.array_equal(again.samples, made.samples) and again.words == made.words
    assert not Speaker(persona, market, models_dir).cached(line)  # no disk: nothing kept
