"""Read back what a media file holds (sizes, rates, codecs, durations) through PyAV."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import av

from shopcast.errors import InvalidInputError, NotFoundError


@dataclass(frozen=True, slots=True)
class MediaInfo:
    width: int
    height: int
    fps: float
    duration: float  # seconds, the container's
    video_codec: str
    audio_codec: str | None
    audio_duration: float | None  # seconds of the audio stream
    audio_sample_rate: int | None = None
    pix_fmt: str | None = None
    frames: int | None = None


def probe(path: Path) -> MediaInfo:
    path = Path(path)
    if not path.is_file():
        raise NotFoundError(f"Media file {path} does not exist.")
    try:
        with av.open(str(path)) as container:
            if not container.streams.video:
                raise InvalidInputError(f"{path} has no video stream.")
            video = container.streams.video[0]
            audio = container.streams.audio[0] if container.streams.audio else None
            rate = video.average_rate or video.guessed_rate or 0
            return MediaInfo(
                width=video.codec_context.width,
                height=video.codec_context.height,
                fps=float(rate),
                duration=(container.duration or 0) / av.time_base,
                video_codec=video.codec_context.name,
                audio_codec=audio.codec_context.name if audio else None,
                audio_duration=_seconds(audio) if audio else None,
                audio_sample_rate=audio.codec_context.sample_rate if audio else None,
                pix_fmt=video.codec_context.pix_fmt,
                frames=video.frames or None,
            )
    except av.FFmpegError as exc:
        raise InvalidInputError(f"{path} is not a readable media file: {exc}") from exc


def _seconds(stream: av.stream.Stream) -> float | None:
    if stream.duration is None or stream.time_base is None:
        return None
    return float(stream.duration * stream.time_base)
