from __future__ import annotations

import errno
import os
from pathlib import Path

import av
import numpy as np
import pytest

from colour_patches import PATCHES, bt709_limited, measured_levels, patch_frame
from shopcast.errors import InvalidInputError, OutputError
from shopcast.media.mp4 import Mp4Writer
from shopcast.media.probe import probe

W, H, FPS, RATE = 320, 240, 30, 24_000


def square_frame(n: int) -> np.ndarray:
    """Dark blue frame with a white square moving right 4 px per frame."""
    frame = np.zeros((H, W, 4), np.uint8)
    frame[...] = (20, 40, 120, 255)
    x = 10 + 4 * n
    frame[80:140, x : x + 60] = (255, 255, 255, 255)
    return frame


def tone(seconds: float, freq: float = 440.0) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    return (0.4 * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_round_trip_two_seconds(tmp_path):
    target = tmp_path / "clip.mp4"
    audio = tone(2.0)
    with Mp4Writer(target, width=W, height=H, fps=FPS, sample_rate=RATE) as out:
        for n in range(2 * FPS):
            out.write_frame(square_frame(n))
            if n % 15 == 0:  # audio arrives in chunks, as speech does
                out.write_audio(audio[n * RATE // FPS : (n + 15) * RATE // FPS])
    assert leftovers(tmp_path) == ["clip.mp4"]

    info = probe(target)
    assert (info.width, info.height) == (W, H)
    assert info.fps == pytest.approx(30)
    assert info.duration == pytest.approx(2.0, abs=0.05)
    assert (info.video_codec, info.audio_codec, info.pix_fmt) == ("h264", "aac", "yuv420p")
    assert info.frames == 60
    assert info.audio_duration == pytest.approx(2.0, abs=0.05)
    assert info.audio_sample_rate == 48_000

    with av.open(str(target)) as container:
        frames = [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]
    assert len(frames) == 60
    for n in (0, 30, 59):
        diff = np.abs(frames[n].astype(int) - square_frame(n)[..., :3].astype(int))
        assert diff.mean() < 4, f"frame {n} differs by {diff.mean():.1f} on average"
    with av.open(str(target)) as container:
        decoded = np.concatenate(
            [f.to_ndarray()[0] for f in container.decode(audio=0)]  # fltp: first channel
        )
    spectrum = np.abs(np.fft.rfft(decoded[48_000 // 4 : 48_000 // 4 + 48_000]))
    assert np.argmax(spectrum) == pytest.approx(440, abs=2)  # 48k samples: 1 Hz bins
    # +faststart: the index (moov) precedes the media data (mdat).
    head = target.read_bytes()
    assert head.find(b"moov") < head.find(b"mdat")


def test_exception_inside_with_removes_partial_file(tmp_path):
    target = tmp_path / "broken.mp4"
    with (
        pytest.raises(OutputError, match="partial file was removed"),
        Mp4Writer(target, width=W, height=H) as out,
    ):
        for n in range(10):
            out.write_frame(square_frame(n))
        raise RuntimeError("renderer crashed")
    assert leftovers(tmp_path) == []


def test_bad_frame_is_refused_and_nothing_left(tmp_path):
    target = tmp_path / "bad.mp4"
    with (
        pytest.raises(InvalidInputError, match="uint8 RGBA"),
        Mp4Writer(target, width=W, height=H) as out,
    ):
        out.write_frame(square_frame(0))
        out.write_frame(np.zeros((H, W, 3), np.uint8))
    assert leftovers(tmp_path) == []
    with (
        pytest.raises(InvalidInputError, match="float32"),
        Mp4Writer(target, width=W, height=H) as out,
    ):
        out.write_audio(np.zeros(100, np.int16))
    assert leftovers(tmp_path) == []


def test_disk_full_mid_way_is_an_output_error(tmp_path, monkeypatch):
    target = tmp_path / "full.mp4"
    writer = Mp4Writer(target, width=W, height=H)
    calls = {"n": 0}
    real_mux = Mp4Writer._mux

    def mux_until_full(self: Mp4Writer, packets: list) -> None:
        calls["n"] += 1
        if calls["n"] > 5:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_mux(self, packets)

    monkeypatch.setattr(Mp4Writer, "_mux", mux_until_full)
    with pytest.raises(OutputError) as err, writer as out:
        for n in range(120):
            out.write_frame(square_frame(n % 60))
    assert "disk is full" in str(err.value)
    assert leftovers(tmp_path) == []


def test_unwritable_places(tmp_path):
    with (
        pytest.raises(OutputError, match="does not exist"),
        Mp4Writer(tmp_path / "missing" / "a.mp4", width=W, height=H),
    ):
        pass
    with (
        pytest.raises(OutputError),
        Mp4Writer(Path("/proc/shopcast-test.mp4"), width=W, height=H) as out,
    ):  # /proc refuses new files, even for root
        for n in range(30):
            out.write_frame(square_frame(n))
    assert not Path("/proc/shopcast-test.mp4").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with (
            pytest.raises(OutputError, match="not writable"),
            Mp4Writer(folder / "a.mp4", width=W, height=H) as out,
        ):
            out.write_frame(square_frame(0))
        assert leftovers(folder) == []
    finally:
        folder.chmod(0o755)


def test_no_frames_is_an_error(tmp_path):
    with (
        pytest.raises(OutputError, match="No video frames"),
        Mp4Writer(tmp_path / "empty.mp4", width=W, height=H) as out,
    ):
        out.write_audio(tone(0.5))
    assert leftovers(tmp_path) == []


def test_bad_sizes():
    with pytest.raises(InvalidInputError, match="even"):
        Mp4Writer(Path("x.mp4"), width=321, height=240)
    with pytest.raises(InvalidInputError):
        Mp4Writer(Path("x.mp4"), width=320, height=240, fps=0)


def test_known_colours_are_bt709_limited_range(tmp_path):
    """The encoder's RGB → YUV matrix and range match the stream's tags (BT.709, tv): a
    BT.601 matrix or full range would be off by 10-20 levels on these patches."""
    target = tmp_path / "patches.mp4"
    with Mp4Writer(target, width=W, height=H, fps=FPS) as out:
        for _ in range(3):
            out.write_frame(patch_frame(W, H))
    with av.open(str(target)) as container:
        frame = next(container.decode(video=0))
    assert (frame.colorspace, frame.color_range) == (1, 1)  # AVCOL_SPC_BT709, AVCOL_RANGE_MPEG
    for rgb, levels in zip(PATCHES, measured_levels(frame), strict=True):
        assert levels == pytest.approx(bt709_limited(rgb), abs=1.5), rgb
