"""Live output: one H.264/AAC encode fanned out to HLS and RTMP sinks that never stall it."""

from shopcast.media.live.codec import LiveEncoderConfig
from shopcast.media.live.encoder import EncoderStatus, LiveEncoder
from shopcast.media.live.fanout import Fanout
from shopcast.media.live.hls import HlsSink
from shopcast.media.live.output import LiveOutput, LiveStatus
from shopcast.media.live.packets import EncodedPacket, StreamInfo
from shopcast.media.live.rtmp import RtmpSink
from shopcast.media.live.sink import PacketSink, SinkStatus
from shopcast.media.live.watchdog import Backoff, Supervised

__all__ = [
    "Backoff",
    "EncodedPacket",
    "EncoderStatus",
    "Fanout",
    "HlsSink",
    "LiveEncoder",
    "LiveEncoderConfig",
    "LiveOutput",
    "LiveStatus",
    "PacketSink",
    "RtmpSink",
    "SinkStatus",
    "StreamInfo",
    "Supervised",
]
