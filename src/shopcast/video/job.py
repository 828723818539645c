"""The short-video job: a ready script becomes an MP4 with captions, a thumbnail and the script.

Stages: speak every beat (TTS) → lay out a timeline → render frames against an offline clock and
encode them → write captions (SRT, WebVTT), the script (JSON) and a thumbnail. Every output is
written under a temporary name and moved into place only when all of them succeeded, so a failure
(bad input, full disk, interrupted run) leaves no partial files behind.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from shopcast.avatar.motion import MotionDirector
from shopcast.avatar.pack import load_pack
from shopcast.avatar.rig import AvatarRig
from shopcast.catalog.models import Product
from shopcast.errors import InvalidInputError, OutputError
from shopcast.markets.types import Market
from shopcast.media.mp4 import Mp4Writer
from shopcast.media.subtitles import to_srt, to_vtt
from shopcast.media.thumbnail import save_thumbnail
from shopcast.persona.types import Persona
from shopcast.scene.compositor import SceneRenderer
from shopcast.scene.layout import Layout
from shopcast.speech import registry as speech_registry
from shopcast.timeline.clock import FrameClock, OfflineClock
from shopcast.timeline.program import Program
from shopcast.video.overlay_track import OverlayTrack, card_entry_time, timeline_caption_pages
from shopcast.video.performance_builder import build_timeline
from shopcast.video.product_card import product_card_for
from shopcast.writing.script import Script

ProgressFn = Callable[[str, int, int], None]  # stage, done, total
ASPECTS = ("9:16", "16:9")


@dataclass
class VideoOutputs:
    video: Path
    script: Path
    srt: Path
    vtt: Path
    thumbnail: Path

    @classmethod
    def beside(cls, video: Path) -> VideoOutputs:
        stem = video.with_suffix("")
        return cls(video, Path(f"{stem}.script.json"), Path(f"{stem}.srt"),
                   Path(f"{stem}.vtt"), Path(f"{stem}.jpg"))

    def all(self) -> list[Path]:
        return [self.video, self.script, self.srt, self.vtt, self.thumbnail]


@dataclass
class VideoResult:
    outputs: VideoOutputs
    duration: float
    frames: int
    seconds: dict[str, float] = field(default_factory=dict)  # wall time per stage


def _partial(path: Path) -> Path:
    return path.with_name(f".{path.name}.partial{path.suffix}")


def render_video(
    script: Script,
    *,
    product: Product,
    persona: Persona,
    market: Market,
    out: Path,
    models_dir: Path,
    media_dir: Path,
    aspect: str = "9:16",
    fps: int = 30,
    seed: int = 0,
    preset: str = "veryfast",
    clock: FrameClock | None = None,
    on_progress: ProgressFn | None = None,
) -> VideoResult:
    if aspect not in ASPECTS:
        raise InvalidInputError(f"unknown aspect {aspect!r}; choose one of: {', '.join(ASPECTS)}")
    if out.suffix.lower() != ".mp4":
        raise InvalidInputError(f"output must end in .mp4: {out}")
    if market.code not in persona.markets:
        raise InvalidInputError(
            f"persona {persona.name!r} has no look and voice for market {market.code}; "
            f"it has: {', '.join(sorted(persona.markets))}"
        )
    progress = on_progress or (lambda stage, done, total: None)
    choice = persona.markets[market.code]
    outputs = VideoOutputs.beside(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create output folder {out.parent}: {exc}") from exc
    seconds: dict[str, float] = {}
    card = product_card_for(product, market, media_dir)  # a bad image fails here, up front

    # 1. Speech and timeline.
    t0 = time.perf_counter()

    def speak(text: str):
        return speech_registry.synthesize(
            text, engine=choice.voice.engine, voice=choice.voice.voice,
            language=market.language, speed=choice.voice.speed, models_dir=models_dir,
        )

    beats = len([b for b in script.beats if b.text.strip()])
    progress("speech", 0, beats)
    timeline = build_timeline(script, speak, on_beat=lambda p: progress("speech", p.done, p.total))
    seconds["speech"] = time.perf_counter() - t0

    # 2. Scene: layout, rig, overlay track.
    layout = Layout.for_aspect(aspect)
    pack = load_pack(choice.look.pack)
    rig = AvatarRig(pack, choice.look.options, height=layout.host_height)
    layout = Layout.for_aspect(aspect, rig_size=rig.size)
    scene = SceneRenderer(layout, rig, pack.theme)
    separator = market.word_separator
    pages = timeline_caption_pages(timeline, max_chars=layout.caption_max_chars(separator),
                                   separator=separator)
    track = OverlayTrack(
        card=card,
        card_from=card_entry_time(timeline),
        ai_label=market.ai_label,
        pages=pages,
    )
    director = MotionDirector(seed=seed, fps=fps, card_side=rig.card_side)
    program = Program(timeline, scene, director, track, fps=fps)

    # 3. Frames → encoder, then the side files; everything under temporary names.
    partials = {p: _partial(p) for p in outputs.all()}
    total = program.frame_count()
    thumb_at = min(total - 1, round((track.card_from + 1.0) * fps))
    clock = clock or OfflineClock(fps)
    t1 = time.perf_counter()
    try:
        with Mp4Writer(partials[outputs.video], width=layout.width, height=layout.height,
                       fps=fps, sample_rate=timeline.sample_rate, preset=preset) as writer:
            for i in range(total):
                clock.wait_for(i)
                frame = program.render(i)
                writer.write_frame(frame.rgba)
                writer.write_audio(frame.audio)
                if i == thumb_at:
                    save_thumbnail(frame.rgba, partials[outputs.thumbnail])
                if i % fps == 0 or i == total - 1:
                    progress("render", i + 1, total)
        seconds["render+encode"] = time.perf_counter() - t1
        _write_text(partials[outputs.script], script.to_json())
        _write_text(partials[outputs.srt], to_srt(pages))
        _write_text(partials[outputs.vtt], to_vtt(pages))
        for final, tmp in partials.items():
            os.replace(tmp, final)
    except OSError as exc:
        raise OutputError(f"could not write the video outputs next to {out}: {exc}") from exc
    finally:
        for tmp in partials.values():
            tmp.unlink(missing_ok=True)
    return VideoResult(outputs, timeline.duration, total, seconds)


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
