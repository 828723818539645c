from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from shopcast.errors import InvalidInputError
from shopcast.media.subtitles import to_srt, to_vtt, write_subtitles
from shopcast.media.thumbnail import save_thumbnail
from shopcast.scene.captions import CaptionPage
from shopcast.speech.types import WordSpan

PAGES = [
    CaptionPage(0.0, 1.5, [WordSpan("Hi", 0.0, 0.4), WordSpan("everyone!", 0.5, 1.1)]),
    CaptionPage(
        3661.25, 3663.0, [WordSpan("今日は", 3661.25, 3662.0), WordSpan("特別", 3662.0, 3662.6)], ""
    ),
    CaptionPage(4.0, 4.9995, [WordSpan("नमस्ते", 4.0, 4.6)]),
]


def test_srt_exact():
    assert to_srt(PAGES) == (
        "1\n00:00:00,000 --> 00:00:01,500\nHi everyone!\n"
        "\n"
        "2\n01:01:01,250 --> 01:01:03,000\n今日は特別\n"
        "\n"
        "3\n00:00:04,000 --> 00:00:05,000\nनमस्ते\n"
    )


def test_vtt_exact():
    assert to_vtt(PAGES) == (
        "WEBVTT\n\n"
        "00:00:00.000 --> 00:00:01.500\nHi everyone!\n"
        "\n"
        "01:01:01.250 --> 01:01:03.000\n今日は特別\n"
        "\n"
        "00:00:04.000 --> 00:00:05.000\nनमस्ते\n"
    )


def test_files_are_utf8_and_suffix_checked(tmp_path):
    path = write_subtitles(PAGES, tmp_path / "clip.srt")
    assert path.read_bytes().decode("utf-8") == to_srt(PAGES)
    assert write_subtitles(PAGES, tmp_path / "clip.vtt").read_text("utf-8").startswith("WEBVTT")
    with pytest.raises(InvalidInputError):
        write_subtitles(PAGES, tmp_path / "clip.txt")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clip.srt", "clip.vtt"]


def test_page_ending_before_start_is_refused():
    with pytest.raises(InvalidInputError):
        to_srt([CaptionPage(2.0, 1.0, [WordSpan("x", 2.0, 2.5)])])


@pytest.mark.parametrize(("name", "fmt"), [("thumb.jpg", "JPEG"), ("thumb.png", "PNG")])
def test_thumbnail(tmp_path, name, fmt):
    frame = np.zeros((1920, 1080, 4), np.uint8)
    frame[..., 0], frame[..., 3] = 200, 255
    path = save_thumbnail(frame, tmp_path / name, max_side=720)
    with Image.open(path) as image:
        assert image.format == fmt
        assert image.size == (405, 720)
        assert abs(image.convert("RGB").getpixel((10, 10))[0] - 200) <= 3
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_thumbnail_bad_suffix(tmp_path):
    with pytest.raises(InvalidInputError, match=".png"):
        save_thumbnail(np.zeros((10, 10, 4), np.uint8), tmp_path / "x.gif")
