"""Voice takeover: mouth-to-sound offset and chunk-to-encoder delay (docs/voice-takeover.md).

    SHOPCAST_MODELS=~/.shopcast/models .venv/bin/python bench/takeover_sync.py [--seconds 20]

(a) Offset. Kokoro speaks a few sentences (what a recording of a voice would be); the audio goes
    through ``VoiceTakeover`` in 20 ms chunks as a 48 kHz microphone would send them, onto a
    timeline, and the motion director gives the mouth openness per frame. Cross-correlating the
    openness with the RMS of the audio played in the same frame gives the offset in frames at
    30 fps (target: |offset| <= 1), and at 100 Hz in milliseconds. Kokoro's own phoneme-driven
    lips are measured the same way for reference. Done once on a bare timeline with simulated
    arrival, once on the running show's timeline (real arrival, real jitter).
(b) Delay. A real show (runner, scene, live encoder, HLS) takes the operator's voice for
    ``--seconds``: from a chunk arriving at ``VoiceTakeover.push_pcm`` to its first sample
    pushed to the encoder, p50/p95/max; and how long after ``begin_takeover`` the host's own
    phrase was cut.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np
import soxr

from live_common import LoadMeter, bench_settings, bench_show, running_show, spread
from shopcast.avatar.motion import MotionDirector
from shopcast.live.show.showfile import TakeoverPolicy
from shopcast.live.show.takeover import VoiceTakeover
from shopcast.speech.types import Speech
from shopcast.timeline.performance import Timeline, Utterance

SR = 24_000
MIC_RATE = 48_000
CHUNK_S = 0.02
FPS = 30
SENTENCES = [
    "Hi everyone, welcome back to the studio!",
    "This serum is light, it soaks in fast, and it smells like nothing at all.",
    "Tell me your skin type in the chat and I will show you how to use it.",
]


def mic_chunks(voice: np.ndarray) -> list[bytes]:
    mic = soxr.resample(voice, SR, MIC_RATE).astype(np.float32)
    pcm = (np.clip(mic, -1, 1) * 32767).astype("<i2")
    step = round(CHUNK_S * MIC_RATE)
    return [pcm[i : i + step].tobytes() for i in range(0, len(pcm), step)]


def best_lag(mouth: np.ndarray, sound: np.ndarray, max_lag: int) -> float:
    """Shift (in steps, interpolated) at which the mouth best matches the sound; positive: the
    mouth is late."""
    a = (mouth - mouth.mean()) / (mouth.std() + 1e-9)
    b = (sound - sound.mean()) / (sound.std() + 1e-9)
    lags = np.arange(-max_lag, max_lag + 1)
    scores = np.array(
        [
            np.mean(a[max(k, 0) : len(a) + min(k, 0)] * b[max(-k, 0) : len(b) - max(k, 0)])
            for k in lags
        ]
    )
    i = int(np.argmax(scores))
    if 0 < i < len(lags) - 1:  # parabola through the peak and its neighbours
        left, mid, right = scores[i - 1 : i + 2]
        return float(lags[i] + 0.5 * (left - right) / (left - 2 * mid + right))
    return float(lags[i])


def offset(
    timeline: Timeline, director: MotionDirector, lo: float, hi: float
) -> tuple[float, float]:
    """(offset in frames at 30 fps, offset in ms at 100 Hz) of the mouth against the sound
    between ``lo`` and ``hi`` timeline seconds."""
    result = []
    for rate, max_lag in ((FPS, 5), (100, 15)):
        n0, n1 = int(lo * rate), int(hi * rate)
        mouth = np.array([director.state_at(n / rate, timeline).mouth.open for n in range(n0, n1)])
        rms = np.array(
            [
                np.sqrt(
                    np.mean(
                        timeline.audio_samples(round(n * SR / rate), round((n + 1) * SR / rate))
                        ** 2
                    )
                )
                for n in range(n0, n1)
            ]
        )
        result.append(best_lag(mouth, rms, max_lag))
    frames, hops = result
    return frames, hops * 10


def simulated_offset(voices: list[Speech]) -> tuple[tuple[float, float], tuple[float, float]]:
    """Takeover path on a bare timeline (chunk k arrives when its last sample was recorded),
    and Kokoro's own lip track on the same audio."""
    audio = np.concatenate([v.samples for v in voices]).astype(np.float32)
    now = [0.0]
    timeline = Timeline(sample_rate=SR)
    takeover = VoiceTakeover(timeline, fps=FPS, policy=TakeoverPolicy(), clock=lambda: now[0])
    takeover.begin("bench", MIC_RATE)
    chunks = mic_chunks(audio)
    k = 0
    for n in range(int((len(audio) / SR + 1.0) * FPS)):
        now[0] = t = n / FPS
        while k < len(chunks) and (k + 1) * CHUNK_S <= t:
            takeover.push_pcm("bench", chunks[k])
            k += 1
        takeover.schedule(t)
    spoken = [u for u in timeline.utterances if u.beat == "takeover"]
    driven = offset(timeline, MotionDirector(fps=FPS), spoken[0].start, spoken[-1].end)
    tts = Timeline(sample_rate=SR)
    t = 0.5
    for v in voices:
        tts.append(Utterance(start=t, speech=v))
        t += v.duration + 0.3
    return driven, offset(tts, MotionDirector(fps=FPS), 0.5, t)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="takeover length in (b)")
    parser.add_argument("--size", default="720x1280")
    args = parser.parse_args()
    meter = LoadMeter().start()
    with (
        bench_settings() as settings,
        running_show(settings, bench_show("takeover-bench", size=args.size, deal=False)) as runner,
    ):
        voices = [runner.speaker.say(s) for s in SENTENCES]
        (frames, ms), (tts_frames, tts_ms) = simulated_offset(voices)
        print(f"(a) offset, takeover path, simulated arrival: {frames:+.2f} frames, {ms:+.0f} ms")
        print(
            f"    offset, Kokoro phoneme lips (reference): {tts_frames:+.2f} frames, "
            f"{tts_ms:+.0f} ms"
        )

        while runner.timeline.end <= runner._t + 0.5:  # take over mid-phrase
            time.sleep(0.02)
        audio = np.concatenate([v.samples for v in voices]).astype(np.float32)
        chunks = mic_chunks(audio)
        begun_at = runner._t
        takeover = runner.begin_takeover("bench", MIC_RATE)
        started = time.monotonic()
        total = round(args.seconds / CHUNK_S)
        for n in range(total):
            time.sleep(max(0.0, started + n * CHUNK_S - time.monotonic()))
            takeover.push_pcm("bench", chunks[n % len(chunks)])
        while runner.timeline.end > runner._t:
            time.sleep(0.05)
        spoken = [u for u in runner.timeline.utterances if u.beat == "takeover"]
        copy = Timeline(sample_rate=SR, utterances=spoken)  # the frame loop keeps its own
        director = MotionDirector(seed=runner.show.seed, fps=FPS)
        live_frames, live_ms = offset(copy, director, spoken[0].start, spoken[-1].end)
        runner.end_takeover("bench")
        lat = [x * 1000 for x in takeover.latencies]
        cut_ms = (takeover.cut_at[0] - begun_at) * 1000 if takeover.cut_at else float("nan")
        print(
            f"    offset, takeover in the running show: {live_frames:+.2f} frames, "
            f"{live_ms:+.0f} ms"
        )
        print(
            f"(b) chunk arrival -> first sample pushed to the encoder ({len(lat)} chunks of "
            f"{CHUNK_S * 1000:.0f} ms, {args.size}): p50 / p95 / max {spread(lat, 'ms', 0)}"
        )
        print(
            f"    host's phrase cut {cut_ms:.0f} ms (timeline) after begin_takeover; "
            f"underruns {takeover.counts['underruns']}, dropped {takeover.counts['dropped']}, "
            f"late frames {runner.status().late_frames}"
        )
    print(f"machine: {meter.note()}; os.getloadavg() {tuple(round(x, 2) for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
