"""Caption pages as subtitle files: SubRip (.srt) and WebVTT (.vtt), UTF-8 text."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from shopcast.errors import InvalidInputError, OutputError
from shopcast.scene.captions import CaptionPage


def _timestamp(seconds: float, decimal: str) -> str:
    ms = max(0, round(seconds * 1000))
    hours, ms = divmod(ms, 3_600_000)
    minutes, ms = divmod(ms, 60_000)
    secs, ms = divmod(ms, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{decimal}{ms:03d}"


def _cues(pages: Sequence[CaptionPage]) -> list[tuple[float, float, str]]:
    cues = []
    for page in pages:
        text = page.text.strip()
        if not text:
            continue
        if page.end <= page.start:
            raise InvalidInputError(f"Caption page {text!r} ends before it starts.")
        cues.append((page.start, page.end, text.replace("\n", " ")))
    return cues


def to_srt(pages: Sequence[CaptionPage]) -> str:
    """SubRip: numbered cues, ``HH:MM:SS,mmm --> HH:MM:SS,mmm``, a blank line after each."""
    blocks = [
        f"{i}\n{_timestamp(start, ',')} --> {_timestamp(end, ',')}\n{text}\n"
        for i, (start, end, text) in enumerate(_cues(pages), start=1)
    ]
    return "\n".join(blocks)


def to_vtt(pages: Sequence[CaptionPage]) -> str:
    """WebVTT: a ``WEBVTT`` header, cues with ``HH:MM:SS.mmm --> HH:MM:SS.mmm``."""
    blocks = [
        f"{_timestamp(start, '.')} --> {_timestamp(end, '.')}\n{text}\n"
        for start, end, text in _cues(pages)
    ]
    return "WEBVTT\n\n" + "\n".join(blocks)


def write_subtitles(pages: Sequence[CaptionPage], path: Path) -> Path:
    """Write ``.srt`` or ``.vtt`` (chosen by suffix) atomically, UTF-8."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in {".srt", ".vtt"}:
        raise InvalidInputError(f"Subtitle file {path} must end in .srt or .vtt.")
    text = to_srt(pages) if suffix == ".srt" else to_vtt(pages)
    tmp = path.with_name(f".{path.name}.partial")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"Cannot write subtitles to {path}: {exc}") from exc
    return path
