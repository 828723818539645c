"""Voice takeover: the operator's microphone drives the host. Audio arrives in small chunks
(16-bit mono PCM, any common rate, resampled to the timeline's rate by libswresample); each chunk's
mouth shapes come from the audio itself (``avatar.audio_visemes``), and the frame loop puts
what has arrived on the timeline at once as short ``Utterance``s — the same timeline, motion
director and encoder as the TTS host, so mouth and sound share one clock.

Rules (docs/voice-takeover.md):

- **Pre-emption.** When the operator takes the floor, the host's current TTS phrase is cut at
  the next frame (a 30 ms fade) and nothing queued is started; chat answers and rundown lines
  wait. Waiting for the phrase to finish would delay the operator by up to a whole phrase.
- **Jitter buffer.** After a gap the first chunk is placed ``buffer_s`` ahead of the play head
  (chunks come in bursts; a frame takes 33 ms), later chunks right after the previous one.
  A backlog beyond ``buffer_s + MAX_EXTRA_S`` is trimmed by dropping silent chunks only.
- **Dropout.** When no chunk arrives for the show's ``takeover.dropout_ms``, the host falls back
  per ``takeover.on_dropout``: ``idle`` (silent, breathing, blinking) or ``autonomous`` (the
  rundown and answers resume) until the voice returns, which pre-empts again.
- **One voice.** The last operator to begin a takeover holds it; chunks from anyone else are
  refused (the socket tells the earlier operator it was replaced).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from shopcast.avatar.audio_visemes import CONTEXT_S, AudioVisemeTracker, speech_from_keys
from shopcast.errors import InvalidInputError
from shopcast.live.show.showfile import TakeoverPolicy
from shopcast.speech.types import Speech
from shopcast.speech.visemes import Viseme, VisemeKey
from shopcast.timeline.performance import Timeline, Utterance

TakeoverState = Literal["off", "waiting", "live", "dropout"]
INPUT_RATES = (8000, 16000, 22050, 24000, 32000, 44100, 48000)
BUFFER_S = 0.08  # ahead of the play head after a gap: chunk period + one frame + jitter
MAX_EXTRA_S = 0.25  # backlog above the buffer that is trimmed (silent chunks dropped)
CUT_FADE_S = 0.03
MAX_CHUNK_S = 0.5


@dataclass(slots=True)
class _Chunk:
    samples: np.ndarray  # float32 at the timeline's rate
    keys: list[VisemeKey]  # decided by this chunk, stream seconds
    stream_start: float  # stream second of samples[0]
    arrived: float  # monotonic seconds
    voiced: bool


class VoiceTakeover:
    """The operator's voice on a show's timeline. ``push``/``push_pcm`` are called from the
    socket; ``schedule`` and ``pushed`` from the frame loop (the only one touching the
    timeline)."""

    def __init__(
        self,
        timeline: Timeline,
        *,
        fps: int,
        policy: TakeoverPolicy,
        on_state: Callable[[TakeoverState], None] | None = None,
        on_cut: Callable[[Utterance | None, float], None] | None = None,
        buffer_s: float = BUFFER_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.timeline = timeline
        self.sample_rate = timeline.sample_rate
        self.fps = fps
        self.policy = policy
        self.buffer_s = buffer_s
        self._on_state = on_state
        self._on_cut = on_cut
        self._clock = clock
        self._lock = threading.Lock()
        self._chunks: deque[_Chunk] = deque(maxlen=100)  # ~2 s while nothing drains it
        self._recent: deque[VisemeKey] = deque(maxlen=64)  # context for the next block's blend
        self._waiting: list[tuple[int, float]] = []  # (first sample on the timeline, arrival)
        self._tracker = AudioVisemeTracker(self.sample_rate)
        self._resampler: _Resampler | None = None
        self._input_rate = self.sample_rate
        self._began = 0.0
        self._last_arrival: float | None = None
        self._holding = False  # the floor was held at the previous frame
        self.state: TakeoverState = "off"
        self.operator: str | None = None
        self.latencies: deque[float] = deque(maxlen=5000)  # chunk arrival → first sample pushed
        self.cut_at: list[float] = []  # timeline seconds where a TTS phrase was cut
        self.counts = {"chunks": 0, "dropped": 0, "underruns": 0, "refused": 0}

    # -- the operator's side (socket thread) ----------------------------------------------
    def begin(self, operator: str, sample_rate: int = 24_000) -> str | None:
        """``operator`` takes the floor with audio at ``sample_rate``; returns the operator
        it replaced (None when nobody held it)."""
        if sample_rate not in INPUT_RATES:
            raise InvalidInputError(
                f"takeover: sample_rate {sample_rate} is not supported; "
                f"use one of {', '.join(map(str, INPUT_RATES))}"
            )
        with self._lock:
            replaced = self.operator if self.operator not in (None, operator) else None
            self.operator = operator
            self._input_rate = sample_rate
            self._resampler = _resampler(sample_rate, self.sample_rate)
            self._tracker = AudioVisemeTracker(self.sample_rate)
            self._recent.clear()
            self._chunks.clear()
            self._began = self._clock()
            self._last_arrival = None
        self._set_state("waiting")
        return replaced

    def end(self, operator: str | None = None) -> bool:
        """Give the floor back (only its holder can, unless ``operator`` is None)."""
        with self._lock:
            if self.operator is None or (operator is not None and operator != self.operator):
                return False
            self.operator = None
            self._chunks.clear()
        self._set_state("off")
        return True

    def push_pcm(self, operator: str, data: bytes) -> bool:
        """16-bit little-endian mono PCM at the rate given to ``begin``."""
        if len(data) % 2:
            raise InvalidInputError("takeover: PCM frames are 16-bit: the byte count must be even")
        if len(data) > MAX_CHUNK_S * max(INPUT_RATES) * 2:
            raise InvalidInputError(f"takeover: a chunk holds at most {MAX_CHUNK_S:g} s of audio")
        pcm = np.frombuffer(data, dtype="<i2").astype(np.float32) / 32768.0
        return self.push(operator, pcm)

    def push(self, operator: str, samples: np.ndarray) -> bool:
        """Mono float32 audio in [-1, 1] at the rate given to ``begin``. False (and ignored)
        when ``operator`` does not hold the floor."""
        arrived = self._clock()
        with self._lock:
            if self.operator is None or operator != self.operator:
                self.counts["refused"] += 1
                return False
            x = np.clip(np.asarray(samples, dtype=np.float32).reshape(-1), -1.0, 1.0)
            if self._resampler is not None:
                x = self._resampler.resample_chunk(x)
            stream_start = self._tracker.samples_seen / self.sample_rate
            keys = self._tracker.push(x)
            voiced = any(k.viseme is not Viseme.SIL for k in keys)
            if len(x):
                self._chunks.append(_Chunk(x, keys, stream_start, arrived, voiced))
            self._last_arrival = arrived
            self.counts["chunks"] += 1
        return True

    # -- the frame loop's side ------------------------------------------------------------
    def schedule(self, t: float) -> bool:
        """Called by the frame loop before frame ``t`` is rendered: puts the audio that has
        arrived on the timeline. True while the operator holds the floor (the runner then
        schedules nothing of its own); False when off, or in an ``autonomous`` dropout."""
        with self._lock:
            if self.operator is None:
                self._holding = False
                return False
            chunks = list(self._chunks)
            self._chunks.clear()
            quiet_since = self._last_arrival if self._last_arrival is not None else self._began
            silent_ms = (self._clock() - quiet_since) * 1000.0
        if chunks:
            self._set_state("live")
        elif silent_ms >= self.policy.dropout_ms and self.timeline.end <= t:
            self._set_state("dropout")
        if self.state == "dropout" and self.policy.on_dropout == "autonomous":
            self._holding = False
            return False
        if not self._holding:
            self._cut(t)
            self._holding = True
        if chunks:
            self._place(chunks, t)
        return True

    def pushed(self, until: int) -> None:
        """The frame loop pushed timeline samples up to ``until`` to the encoder."""
        if not self._waiting:
            return
        now = self._clock()
        keep: list[tuple[int, float]] = []
        for first, arrived in self._waiting:
            if first < until:
                self.latencies.append(now - arrived)
            else:
                keep.append((first, arrived))
        self._waiting = keep

    def _cut(self, t: float) -> None:
        """Stop the host's own speech: the fade lies in audio not yet pushed."""
        at = t + CUT_FADE_S
        if self.timeline.end <= t:
            return
        cut = self.timeline.cut(at, fade_s=CUT_FADE_S)
        self.cut_at.append(at)
        if self._on_cut is not None:
            self._on_cut(cut, at)

    def _place(self, chunks: list[_Chunk], t: float) -> None:
        sr = self.sample_rate
        end = self.timeline.end
        if end < t + 1.0 / self.fps:  # first audio, or the buffer ran dry
            if self.timeline.utterances and self.timeline.utterances[-1].beat == "takeover":
                self.counts["underruns"] += 1
            start = max(end, t + self.buffer_s)
        else:
            start = end
        voiced = any(c.voiced for c in chunks)
        new_keys = [k for c in chunks for k in c.keys]
        context = [*self._recent, *new_keys]
        self._recent.extend(new_keys)
        if start - t > self.buffer_s + MAX_EXTRA_S and not voiced:
            self.counts["dropped"] += len(chunks)  # backlog: silence is the part to lose
            return
        block = np.concatenate([c.samples for c in chunks])
        stream_start = chunks[0].stream_start
        keys = [k for k in context if k.end > stream_start - CONTEXT_S]
        speech = speech_from_keys(block, sr, keys, stream_start)
        self.timeline.append(Utterance(start=start, speech=speech, beat="takeover"))
        first = round(start * sr)
        for c in chunks:
            self._waiting.append((first, c.arrived))
            first += len(c.samples)

    def _set_state(self, state: TakeoverState) -> None:
        if state == self.state:
            return
        self.state = state
        if self._on_state is not None:
            self._on_state(state)

    def stats(self) -> dict[str, object]:
        """State, operator and counters, with the delay percentiles in ms."""
        lat = np.array(self.latencies) * 1000.0 if self.latencies else None
        return {
            "state": self.state,
            "operator": self.operator,
            **self.counts,
            "delay_p50_ms": round(float(np.percentile(lat, 50)), 1) if lat is not None else None,
            "delay_p95_ms": round(float(np.percentile(lat, 95)), 1) if lat is not None else None,
        }


class _Resampler:
    """Streaming resampling with libswresample (PyAV): a 16-sample delay and every chunk out at
    once (soxr's HQ stream hands its output back in 35 ms blocks, which would add delay)."""

    def __init__(self, from_rate: int, to_rate: int) -> None:
        import av

        self.from_rate = from_rate
        self._swr = av.AudioResampler(format="flt", layout="mono", rate=to_rate)

    def resample_chunk(self, samples: np.ndarray) -> np.ndarray:
        import av

        frame = av.AudioFrame.from_ndarray(samples.reshape(1, -1), format="flt", layout="mono")
        frame.sample_rate = self.from_rate
        out = [f.to_ndarray().reshape(-1) for f in self._swr.resample(frame)]
        return np.concatenate(out).astype(np.float32) if out else np.zeros(0, np.float32)


def _resampler(from_rate: int, to_rate: int) -> _Resampler | None:
    return None if from_rate == to_rate else _Resampler(from_rate, to_rate)


def silent_speech(sample_rate: int) -> Speech:
    """An empty speech (clears the captions of a phrase that was cut before it started)."""
    return Speech(np.zeros(0, np.float32), sample_rate, [], [], "", "", "operator")


__all__ = ["INPUT_RATES", "TakeoverState", "VoiceTakeover", "silent_speech"]
