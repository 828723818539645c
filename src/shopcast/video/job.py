"""The short-video job: a ready script becomes an MP4 with captions, a thumbnail and the script.

Stages: speak every beat (TTS) → lay out a timeline → render frames against an offline clock and
encode them → sign the MP4 with C2PA Content Credentials (AI-generated) → write captions (SRT,
WebVTT), the script (JSON) and a thumbnail. Speech streams: the beats are spoken in order on a
background thread and placed on the timeline as they arrive, and every frame that no later beat
can change is rendered and encoded while the next beat is synthesized — the video is the same
as if all speech had been made first. Every output is written under a temporary name and moved
into place only when all of them succeeded, so a failure (bad input, full disk, interrupted run)
leaves no partial files behind.
"""

from __future__ import annotations

import math
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
from shopcast.experiments.tags import VariantTag
from shopcast.markets.types import Market
from shopcast.media.mp4 import Mp4Writer
from shopcast.media.subtitles import to_srt, to_vtt
from shopcast.media.thumbnail import save_thumbnail
from shopcast.persona.types import Persona
from shopcast.provenance.manifest import ProvenanceFacts
from shopcast.provenance.signer import VideoSigner
from shopcast.scene.compositor import SceneRenderer
from shopcast.scene.layout import Layout
from shopcast.speech import registry as speech_registry
from shopcast.speech.types import Speech
from shopcast.timeline.clock import FrameClock, OfflineClock
from shopcast.timeline.program import Program
from shopcast.video.overlay_track import CardCue, GrowingOverlay
from shopcast.video.performance_builder import TimelineBuilder
from shopcast.video.product_card import product_card_for
from shopcast.video.speech_stream import SpeechStream
from shopcast.video.streaming import streamed_frames
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
    experiment: Path | None = None  # the experiment variant it shows (a tagged video only)

    @classmethod
    def beside(cls, video: Path, *, tagged: bool = False) -> VideoOutputs:
        stem = video.with_suffix("")
        return cls(
            video,
            Path(f"{stem}.script.json"),
            Path(f"{stem}.srt"),
            Path(f"{stem}.vtt"),
            Path(f"{stem}.jpg"),
            Path(f"{stem}.experiment.json") if tagged else None,
        )

    def all(self) -> list[Path]:
        paths = [self.video, self.script, self.srt, self.vtt, self.thumbnail]
        return paths + ([self.experiment] if self.experiment else [])


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
    provenance: VideoSigner,
    aspect: str = "9:16",
    fps: int = 30,
    seed: int = 0,
    preset: str = "veryfast",
    clock: FrameClock | None = None,
    on_progress: ProgressFn | None = None,
    tag: VariantTag | None = None,
) -> VideoResult:
    """``tag``: the experiment variant this video shows, written into the MP4's metadata and
    beside it (``<stem>.experiment.json``)."""
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
    outputs = VideoOutputs.beside(out, tagged=tag is not None)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create output folder {out.parent}: {exc}") from exc
    seconds: dict[str, float] = {}
    card = product_card_for(product, market, media_dir)  # a bad image fails here, up front

    # Speech runs on its own thread from here on: beat n+1 is synthesized while the frames that
    # need only beats 1..n are rendered and encoded (see ``video.streaming``).
    t0 = time.perf_counter()

    def speak(text: str) -> Speech:
        return speech_registry.synthesize(
            text,
            engine=choice.voice.engine,
            voice=choice.voice.voice,
            language=market.language,
            speed=choice.voice.speed,
            models_dir=models_dir,
        )

    builder = TimelineBuilder(script)
    beats = len(builder.beats)
    progress("speech", 0, beats)
    with SpeechStream([b.text for b in builder.beats], speak) as speech:
        # Scene: layout, rig, overlay track (set up while the first beat is spoken).
        layout = Layout.for_aspect(aspect)
        pack = load_pack(choice.look.pack)
        rig = AvatarRig(pack, choice.look.options, height=layout.host_height)
        layout = Layout.for_aspect(aspect, rig_size=rig.size)
        scene = SceneRenderer(layout, rig, pack.theme)
        separator = market.word_separator
        overlay = GrowingOverlay(
            card=card,
            ai_label=market.ai_label,
            cue=CardCue.for_beats([(b.kind, b.gaze) for b in builder.beats]),
            max_chars=layout.caption_max_chars(separator),
            separator=separator,
        )
        director = MotionDirector(seed=seed, fps=fps, card_side=rig.card_side)
        program = Program(builder.timeline, scene, director, overlay.track, fps=fps)
        waited = 0.0

        def place_next_beat() -> None:
            nonlocal waited
            t = time.perf_counter()
            spoken = speech.next()
            waited += time.perf_counter() - t
            overlay.add(builder.add(spoken))
            progress("speech", builder.placed, beats)
            if builder.done:
                seconds["speech"] = time.perf_counter() - t0

        if beats:
            place_next_beat()  # a bad voice or a missing model fails here, before any file
        else:
            seconds["speech"] = 0.0

        # Frames → encoder, then the side files; everything under temporary names.
        partials = {p: _partial(p) for p in outputs.all()}
        clock = clock or OfflineClock(fps)
        t1 = time.perf_counter()
        try:
            with Mp4Writer(
                partials[outputs.video],
                width=layout.width,
                height=layout.height,
                fps=fps,
                sample_rate=builder.timeline.sample_rate,
                preset=preset,
                metadata=tag.metadata() if tag else None,
            ) as writer:
                for frame in streamed_frames(program, builder, place_next_beat, clock):
                    i = frame.index
                    writer.write_frame(frame.rgba)
                    writer.write_audio(frame.audio)
                    if i == _thumbnail_frame(overlay, fps, _total_frames(builder, program)):
                        save_thumbnail(frame.rgba, partials[outputs.thumbnail])
                    if i % fps == 0 or builder.done and i == program.frame_count() - 1:
                        progress("render", i + 1, _frames_estimate(builder, program, i))
            seconds["render+encode"] = time.perf_counter() - t1
            seconds["waiting for speech"] = waited
            t2 = time.perf_counter()  # C2PA Content Credentials: signing fails → the job fails
            provenance.sign_in_place(
                partials[outputs.video],
                ProvenanceFacts(
                    title=out.name,
                    persona=persona.name,
                    market=market.code,
                    product=product.sku,
                    visible_label=market.ai_label,
                ),
            )
            seconds["provenance"] = time.perf_counter() - t2
            pages = overlay.track.pages
            _write_text(partials[outputs.script], script.to_json())
            _write_text(partials[outputs.srt], to_srt(pages))
            _write_text(partials[outputs.vtt], to_vtt(pages))
            if tag is not None and outputs.experiment is not None:
                _write_text(partials[outputs.experiment], tag.side_file())
            for final, tmp in partials.items():
                os.replace(tmp, final)
        except OSError as exc:
            raise OutputError(f"could not write the video outputs next to {out}: {exc}") from exc
        finally:
            for tmp in partials.values():
                tmp.unlink(missing_ok=True)
    return VideoResult(outputs, builder.timeline.duration, program.frame_count(), seconds)


def _total_frames(builder: TimelineBuilder, program: Program) -> int | None:
    """The video's frame count once every beat is placed (None before)."""
    return program.frame_count() if builder.done else None


def _frames_estimate(builder: TimelineBuilder, program: Program, index: int) -> int:
    """The frame count for progress reports: exact once every beat is placed, before that the
    script's estimate (always past ``index``)."""
    if builder.done:
        return program.frame_count()
    return max(index + 2, math.ceil(builder.estimated_duration() * program.fps))


def _thumbnail_frame(overlay: GrowingOverlay, fps: int, total: int | None) -> int | None:
    """The frame kept as the thumbnail: a second after the card lands (the last frame if the
    video ends sooner); None while the card's beat is still to come. ``total``: the number of
    frames, None while unknown."""
    if not overlay.card_known:
        return None
    at = round((overlay.track.card_from + 1.0) * fps)
    return at if total is None else min(total - 1, at)


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
