"""One generation of the live H.264 + AAC encode: codecs opened once, explicit timestamps.

The codecs live in a throw-away FLV container over ``BytesIO`` that is never muxed into: FLV asks
for global headers, so libx264 and AAC put their parameter sets in extradata, which every sink
copies (``add_stream_from_template``) into its own FLV or MPEG-TS muxer. Video pts is the show's
frame index (time base 1/fps). A keyframe is forced on the first frame of every GOP slot
(``index // gop``), so HLS segments start on the segment grid even when the grid frame itself was
dropped. Audio is resampled to 48 kHz stereo AAC with pts counted from ``audio_start`` so it
continues across encoder restarts.
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass
from fractions import Fraction

import av
import numpy as np

from shopcast.media.live.packets import EncodedPacket, PacketKind, StreamInfo

AUDIO_RATE_OUT = 48_000
AUDIO_LAYOUT_OUT = "stereo"
_KEYFRAME = av.video.frame.PictureType.I


@dataclass(frozen=True, slots=True)
class LiveEncoderConfig:
    width: int
    height: int
    fps: int = 30
    sample_rate: int = 24_000  # of the float32 mono audio the renderer pushes
    preset: str = "veryfast"
    tune: str = "zerolatency"
    segment_seconds: float = 1.0  # GOP = segment_seconds * fps, keyframes forced on that grid
    crf: int = 23
    max_bitrate: int | None = None  # bits/s cap (VBV); None: ~0.08 bit per pixel per frame
    audio_bitrate: int = 128_000
    thread_type: str = "FRAME"  # libx264 frame threads: uses both cores (slice threads ~1.3)

    @property
    def gop(self) -> int:
        return max(1, round(self.segment_seconds * self.fps))

    @property
    def video_bitrate_cap(self) -> int:
        if self.max_bitrate is not None:
            return self.max_bitrate
        return int(self.width * self.height * self.fps * 0.08)


class LiveCodec:
    def __init__(self, config: LiveEncoderConfig, *, generation: int, audio_start: int) -> None:
        self.config = config
        self._container = av.open(io.BytesIO(), mode="w", format="flv")
        video = self._container.add_stream("libx264", rate=config.fps)
        video.width, video.height = config.width, config.height
        video.pix_fmt = "yuv420p"
        video.time_base = Fraction(1, config.fps)
        ctx = video.codec_context
        ctx.time_base = Fraction(1, config.fps)
        ctx.thread_type = config.thread_type
        ctx.gop_size = 2 * config.gop  # a safety net: keyframes are forced on the grid
        ctx.color_primaries = ctx.color_trc = ctx.colorspace = 1  # BT.709
        ctx.color_range = 1  # limited range
        cap = config.video_bitrate_cap
        video.options = {
            "preset": config.preset,
            "tune": config.tune,
            "crf": str(config.crf),
            "maxrate": str(cap),
            "bufsize": str(cap * 2),
            "forced-idr": "1",
            "x264-params": f"scenecut=0:keyint={2 * config.gop}",
        }
        audio = self._container.add_stream("aac", rate=AUDIO_RATE_OUT, layout=AUDIO_LAYOUT_OUT)
        audio.bit_rate = config.audio_bitrate
        audio.time_base = Fraction(1, AUDIO_RATE_OUT)
        self._container.start_encoding()
        self._video, self._audio = video, audio
        self._resampler = av.AudioResampler(
            format="fltp",
            layout=AUDIO_LAYOUT_OUT,
            rate=AUDIO_RATE_OUT,
            frame_size=audio.codec_context.frame_size or 1024,
        )
        self.audio_pts = audio_start  # next output sample, at 48 kHz, on the show's clock
        self.info = StreamInfo(
            generation=generation,
            width=config.width,
            height=config.height,
            fps=config.fps,
            audio_rate=AUDIO_RATE_OUT,
            video_template=video,
            audio_template=audio,
        )
        self.encode_seconds = 0.0
        self.frames_encoded = 0
        self._slot = -1  # the segment-grid slot of the last keyframe

    def encode_video(self, rgba_frame: av.VideoFrame, index: int) -> list[EncodedPacket]:
        started = time.perf_counter()
        # POINT: chroma rows taken, not averaged, as in Mp4Writer (luma unchanged, ~30% less
        # conversion CPU: bench/frame_convert.py).
        yuv = rgba_frame.reformat(format="yuv420p", dst_colorspace="ITU709", interpolation="POINT")
        yuv.pts = index
        yuv.time_base = Fraction(1, self.config.fps)
        slot = index // self.config.gop
        if slot != self._slot:  # first frame of a grid slot (even if the grid frame was dropped)
            self._slot = slot
            yuv.pict_type = _KEYFRAME
        packets = self._wrap("video", self._video.encode(yuv))
        self.encode_seconds += time.perf_counter() - started
        self.frames_encoded += 1
        return packets

    def encode_audio(self, samples: np.ndarray) -> list[EncodedPacket]:
        """Encode float32 mono samples at the config's input rate (may be empty)."""
        if samples.size == 0:
            return []
        frame = av.AudioFrame.from_ndarray(
            np.ascontiguousarray(samples, dtype=np.float32).reshape(1, -1),
            format="flt",
            layout="mono",
        )
        frame.sample_rate = self.config.sample_rate
        return self._encode_chunks(self._resampler.resample(frame))

    def flush(self) -> list[EncodedPacket]:
        packets = self._encode_chunks(self._resampler.resample(None))
        packets += self._wrap("audio", self._audio.encode(None))
        packets += self._wrap("video", self._video.encode(None))
        return packets

    def _encode_chunks(self, chunks: list[av.AudioFrame]) -> list[EncodedPacket]:
        packets: list[EncodedPacket] = []
        for chunk in chunks:
            chunk.pts = self.audio_pts
            chunk.time_base = Fraction(1, AUDIO_RATE_OUT)
            self.audio_pts += chunk.samples
            packets += self._wrap("audio", self._audio.encode(chunk))
        return packets

    def _wrap(self, kind: PacketKind, packets: list[av.Packet]) -> list[EncodedPacket]:
        return [
            EncodedPacket(
                info=self.info,
                kind=kind,
                data=bytes(p),
                pts=p.pts,
                dts=p.dts,
                time_base=p.time_base,
                keyframe=p.is_keyframe,
            )
            for p in packets
            if p.size
        ]
