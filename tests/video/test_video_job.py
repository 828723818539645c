"""The short-video job end to end, on the real engines (TTS, rig, encoder)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from shopcast.api import Shopcast
from shopcast.config import Settings
from shopcast.errors import InvalidInputError, OutputError
from shopcast.media.probe import probe
from shopcast.writing.script import Beat, Script

pytestmark = pytest.mark.slow

LINES = [
    ("hook", "Hi everyone, look at this little bottle."),
    ("demo", "It is a light gel serum that sinks in fast."),
    ("cta", "Tap the card below to get yours."),
]


def ready_script(sku: str) -> Script:
    beats = [Beat.make(k, t, "en") for k, t in LINES]
    return Script(
        product_sku=sku,
        persona="mina",
        market="en-US",
        language="en",
        length_target_s=8,
        beats=beats,
    )


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory, models_dir: Path):
    home = tmp_path_factory.mktemp("video-home")
    sc = Shopcast(Settings(home=home, models=models_dir))
    sc.import_sample_catalog()
    sku = sc.catalog.list_products()[0].sku
    out = home / "out" / "ad.mp4"
    stages: list[tuple[str, int, int]] = []
    result = sc.render_video(
        sku, "mina", "en-US", out, script=ready_script(sku), on_progress=lambda *a: stages.append(a)
    )
    return sc, sku, result, stages


def test_outputs_exist_and_video_is_well_formed(rendered):
    _, _, result, stages = rendered
    info = probe(result.outputs.video)
    assert (info.width, info.height) == (1080, 1920)
    assert info.video_codec == "h264" and info.audio_codec == "aac"
    assert info.fps == pytest.approx(30, abs=0.01)
    # Audio and video both cover the timeline (within one frame).
    assert info.duration == pytest.approx(result.duration, abs=1 / 30 + 0.03)
    assert info.audio_duration == pytest.approx(result.duration, abs=1 / 30 + 0.03)
    for path in result.outputs.all():
        assert path.is_file() and path.stat().st_size > 0, path
    assert not list(result.outputs.video.parent.glob(".*partial*"))
    srt = result.outputs.srt.read_text(encoding="utf-8")
    assert "00:00:0" in srt and "-->" in srt and "bottle" in srt
    assert result.outputs.vtt.read_text(encoding="utf-8").startswith("WEBVTT")
    assert json.loads(result.outputs.script.read_text())["beats"][0]["kind"] == "hook"
    assert {s[0] for s in stages} >= {"speech", "render"}


def test_mouth_follows_speech_and_rests_in_silence(rendered):
    """Replays the job's program state by state: the mouth is at rest wherever no utterance
    sounds, and opening correlates with the loudness of the audio played in that frame."""
    from shopcast.avatar.motion import MotionDirector
    from shopcast.speech import registry
    from shopcast.timeline.program import Program
    from shopcast.video.performance_builder import build_timeline

    sc, _, _, _ = rendered
    speak = lambda text: registry.synthesize(  # noqa: E731
        text, engine="kokoro", voice="af_heart", language="en", models_dir=sc.settings.models_dir
    )
    timeline = build_timeline(ready_script("x"), speak)
    director = MotionDirector(seed=0, fps=30)
    program = Program(timeline, scene=None, director=director, overlay_at=None)  # type: ignore[arg-type]
    opens, loud = [], []
    for i in range(program.frame_count()):
        t = i / 30
        state = director.state_at(t, timeline)
        if timeline.at(t) is None and timeline.at(t - 0.1) is None and timeline.at(t + 0.1) is None:
            assert state.mouth.open < 0.02, f"lips move in silence at {t:.2f}s"
        opens.append(state.mouth.open)
        loud.append(float(np.sqrt(np.mean(program.audio_for(i) ** 2))))
    assert np.corrcoef(opens, loud)[0, 1] > 0.5
    assert len(
        np.concatenate([program.audio_for(i) for i in range(program.frame_count())])
    ) >= round(timeline.duration * timeline.sample_rate)


def test_bad_requests_fail_clearly_and_leave_nothing(rendered, tmp_path):
    sc, sku, _, _ = rendered
    script = ready_script(sku)
    with pytest.raises(InvalidInputError, match="9:16"):
        sc.render_video(sku, "mina", "en-US", tmp_path / "a.mp4", aspect="4:3", script=script)
    with pytest.raises(InvalidInputError, match="supported|Supported|ko-KR"):
        sc.render_video(sku, "mina", "xx-XX", tmp_path / "a.mp4", script=script)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        import os

        if os.access(locked, os.W_OK):  # root ignores permissions: use a path under a file
            target = tmp_path / "a-file" / "ad.mp4"
            (tmp_path / "a-file").write_text("not a folder")
        else:
            target = locked / "ad.mp4"
        with pytest.raises(OutputError):
            sc.render_video(sku, "mina", "en-US", target, script=script)
    finally:
        locked.chmod(0o700)
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) in ([], ["a-file"])


def test_corrupt_product_image_fails_before_rendering(rendered, tmp_path):
    sc, sku, _, _ = rendered
    product = sc.product(sku)
    image = sc.settings.media_dir / product.images[0]
    saved = image.read_bytes()
    image.write_bytes(b"\x89PNG not really an image")
    try:
        with pytest.raises(InvalidInputError, match="not a readable"):
            sc.render_video(sku, "mina", "en-US", tmp_path / "ad.mp4", script=ready_script(sku))
    finally:
        image.write_bytes(saved)
    assert list(tmp_path.iterdir()) == []
