"""What flows from the live encoder to its sinks: encoded packets tagged with their stream.

A packet is immutable and holds its own bytes, so one encode can be handed to many sink threads
without sharing a mutable ``av.Packet``. Each (re)start of the encoder opens a new ``StreamInfo``
generation; a sink that sees the generation change knows the codec was re-opened (HLS marks a
discontinuity, RTMP reconnects with the new headers).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

import av

PacketKind = Literal["video", "audio"]


@dataclass(frozen=True, eq=False)
class StreamInfo:
    """One generation of the encoder: the codec parameters every sink copies into its muxer.

    ``video_template`` and ``audio_template`` are the encoder's own streams (their codec
    parameters, extradata included, are copied with ``add_stream_from_template``); they stay
    valid as long as this object is referenced."""

    generation: int
    width: int
    height: int
    fps: int
    audio_rate: int
    video_template: av.video.stream.VideoStream
    audio_template: av.audio.stream.AudioStream


@dataclass(frozen=True, slots=True, eq=False)
class EncodedPacket:
    info: StreamInfo
    kind: PacketKind
    data: bytes
    pts: int
    dts: int
    time_base: Fraction
    keyframe: bool

    @property
    def seconds(self) -> float:
        """Decode time in seconds on the show's clock."""
        return float(self.dts * self.time_base)

    @property
    def starts_segment(self) -> bool:
        """A video keyframe: the only place a sink may start (or resume) a stream."""
        return self.kind == "video" and self.keyframe

    def to_av(self, stream: av.stream.Stream, offset: int = 0) -> av.Packet:
        """A fresh ``av.Packet`` for ``stream``; ``offset`` (in ``time_base``) is subtracted."""
        packet = av.Packet(self.data)
        packet.pts = self.pts - offset
        packet.dts = self.dts - offset
        packet.time_base = self.time_base
        packet.is_keyframe = self.keyframe
        packet.stream = stream
        return packet
