"""Time AvatarRig.draw at height 1150 on a 1080x1920 raster canvas (one core).

Usage: python bench/avatar_draw.py [--pack NAME] [--frames N]
Prints ms/frame for each built-in pack (or the one given), with the motion director driving a
talking, gesturing host, so every dynamic part is exercised. Budget: <= 8 ms per frame.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import skia

from shopcast.avatar.motion import MotionDirector
from shopcast.avatar.pack import list_packs, load_pack
from shopcast.avatar.rig import AvatarRig
from shopcast.avatar.state import Expression, GazeTarget, Gesture
from shopcast.speech.types import PhonemeSpan, Speech
from shopcast.timeline.performance import Timeline, Utterance

SR = 24_000


def _speech(seconds: float) -> Speech:
    vowels = ["a", "e", "i", "o", "u", "ə", "m", "t", "s"]
    step = 0.08
    n = int(seconds / step)
    spans = [PhonemeSpan(vowels[i % len(vowels)], i * step, (i + 1) * step) for i in range(n)]
    t = np.arange(int(seconds * SR)) / SR
    samples = 0.4 * np.sin(2 * np.pi * 180 * t) * (0.6 + 0.4 * np.sin(2 * np.pi * 3 * t))
    return Speech(samples.astype(np.float32), SR, spans, [], "bench", "en", "bench")


def _timeline() -> Timeline:
    timeline = Timeline(sample_rate=SR)
    gestures = [Gesture.WAVE, Gesture.PRESENT, Gesture.OPEN_PALMS, Gesture.POINT_DOWN]
    for i, g in enumerate(gestures):
        timeline.append(
            Utterance(
                start=0.5 + i * 3.0,
                speech=_speech(2.4),
                expression=Expression.SMILE,
                gesture=g,
                gaze=GazeTarget.CARD if g is Gesture.PRESENT else GazeTarget.CAMERA,
            )
        )
    return timeline


def bench(pack_name: str, frames: int) -> tuple[float, float, float, float]:
    """(first pass, second pass, worst frame of the first pass, rig build) in ms: the first
    pass also fills the rotation caches."""
    built = time.perf_counter()
    rig = AvatarRig(load_pack(pack_name), {}, 1150)
    build_ms = (time.perf_counter() - built) * 1000.0
    director = MotionDirector(seed=3)
    timeline = _timeline()
    states = [director.state_at(i / 30.0, timeline) for i in range(frames)]
    surface = skia.Surface(1080, 1920)
    canvas = surface.getCanvas()
    background = skia.Paint(Color=skia.Color(250, 236, 240))
    x = (1080 - rig.size[0]) / 2
    passes = []
    worst = 0.0
    for _ in range(2):
        start = time.perf_counter()
        for state in states:
            frame = time.perf_counter()
            canvas.drawRect(skia.Rect.MakeWH(1080, 1920), background)
            rig.draw(canvas, state, x, 140)
            if not passes:
                worst = max(worst, time.perf_counter() - frame)
        surface.flushAndSubmit()
        passes.append((time.perf_counter() - start) / frames * 1000.0)
    return passes[0], passes[1], worst * 1000.0, build_ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pack", default=None)
    parser.add_argument("--frames", type=int, default=360)
    args, _ = parser.parse_known_args()
    for name in [args.pack] if args.pack else list_packs():
        cold, warm, worst, build = bench(name, args.frames)
        print(
            f"{name}: {warm:.2f} ms/frame warm, {cold:.2f} ms/frame first pass "
            f"(worst frame {worst:.1f} ms; rig built in {build:.0f} ms) "
            f"- draw only, 1150 px on 1080x1920, one core"
        )


if __name__ == "__main__":
    main()
