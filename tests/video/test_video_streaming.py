"""Streaming speech into the render: frames rendered while later beats are still being spoken
are the very frames the finished timeline gives (picture, sound, pose), and the overlay built
beat by beat equals the one built from the whole timeline."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from shopcast.avatar.motion import MotionDirector
from shopcast.avatar.pack import load_pack
from shopcast.avatar.rig import AvatarRig
from shopcast.errors import InvalidInputError
from shopcast.markets.registry import get_market
from shopcast.persona.loader import builtin_personas
from shopcast.scene.compositor import SceneRenderer
from shopcast.scene.layout import Layout
from shopcast.speech import registry
from shopcast.speech.types import Speech
from shopcast.timeline.program import Program
from shopcast.video.overlay_track import (
    CardCue,
    GrowingOverlay,
    OverlayTrack,
    card_entry_time,
    timeline_caption_pages,
)
from shopcast.video.performance_builder import TimelineBuilder, build_timeline
from shopcast.video.speech_stream import SpeechStream
from shopcast.video.streaming import frames_ready, streamed_frames
from shopcast.writing.script import Beat, Script

pytestmark = pytest.mark.slow

LINES = [
    ("hook", "Hi everyone, look at this."),
    ("proof", "It holds thirty millilitres."),  # the card cue is the third beat, not the second
    ("offer", "The price is on the card."),
]


def script() -> Script:
    beats = [Beat.make(k, t, "en") for k, t in LINES]
    return Script(
        product_sku="x",
        persona="mina",
        market="en-US",
        language="en",
        length_target_s=6,
        beats=beats,
    )


@pytest.fixture(scope="module")
def speeches(models_dir: Path) -> list[Speech]:
    return [
        registry.synthesize(
            t, engine="kokoro", voice="af_heart", language="en", models_dir=models_dir
        )
        for _, t in LINES
    ]


def make_scene() -> tuple[SceneRenderer, MotionDirector, int]:
    """The scene, director and caption width of the built-in host mina in en-US."""
    look = next(p for p in builtin_personas() if p.name == "mina").markets["en-US"].look
    layout = Layout.for_aspect("9:16")
    pack = load_pack(look.pack)
    rig = AvatarRig(pack, look.options, height=layout.host_height)
    layout = Layout.for_aspect("9:16", rig_size=rig.size)
    scene = SceneRenderer(layout, rig, pack.theme)
    director = MotionDirector(seed=3, fps=30, card_side=rig.card_side)
    return scene, director, layout.caption_max_chars(" ")


def digest(frame) -> tuple[str, bytes, object]:
    return hashlib.sha1(frame.rgba).hexdigest(), frame.audio.tobytes(), frame.state


def test_streamed_frames_equal_the_frames_of_the_finished_timeline(speeches):
    market = get_market("en-US")
    # Reference: every beat spoken first, then the program over the finished timeline.
    by_text = dict(zip([t for _, t in LINES], speeches, strict=True))
    timeline = build_timeline(script(), by_text.__getitem__)
    scene, director, max_chars = make_scene()
    track = OverlayTrack(
        card=None,
        card_from=card_entry_time(timeline),
        ai_label=market.ai_label,
        pages=timeline_caption_pages(timeline, max_chars=max_chars, separator=" "),
    )
    reference = Program(timeline, scene, director, track, fps=30)
    expected = [digest(reference.render(i)) for i in range(reference.frame_count())]

    # Streamed: beats placed one at a time, frames taken as soon as they are ready.
    builder = TimelineBuilder(script())
    overlay = GrowingOverlay(
        card=None,
        ai_label=market.ai_label,
        cue=CardCue.for_beats([(b.kind, b.gaze) for b in builder.beats]),
        max_chars=max_chars,
        separator=" ",
    )
    scene2, director2, _ = make_scene()
    program = Program(builder.timeline, scene2, director2, overlay.track, fps=30)
    pending = list(speeches)
    yielded: list[int] = []
    rendered_before_beat: list[int] = []

    def place_next() -> None:
        rendered_before_beat.append(len(yielded))
        overlay.add(builder.add(pending.pop(0)))

    place_next()
    got = []
    for frame in streamed_frames(program, builder, place_next):
        yielded.append(frame.index)
        got.append(digest(frame))

    assert yielded == list(range(reference.frame_count()))
    assert builder.timeline.duration == timeline.duration
    for i, (a, b) in enumerate(zip(got, expected, strict=True)):
        assert a[1] == b[1], f"audio of frame {i} differs"
        assert a[2] == b[2], f"pose of frame {i} differs"
        assert a[0] == b[0], f"picture of frame {i} differs"
    # The overlay grown beat by beat is the one of the finished timeline.
    assert overlay.track.pages == track.pages
    assert overlay.track.card_from == track.card_from
    # Frames really were rendered while later beats were still to come.
    assert rendered_before_beat[0] == 0
    assert 0 < rendered_before_beat[1] < rendered_before_beat[2] < len(yielded)


def test_frames_ready_stops_short_of_the_directors_lookahead():
    fps = 30
    for next_start in (0.4, 1.0, 1.0 + 1 / 30, 2.7, 10.05, 31.0):
        n = frames_ready(next_start, fps)
        assert (n - 1) / fps + 1.0 < next_start or n == 0
        assert not n / fps + 1.0 < next_start


def test_speech_stream_hands_over_in_order_and_raises_a_lines_error(models_dir):
    def speak(text: str) -> Speech:
        return registry.synthesize(
            text, engine="kokoro", voice="af_heart", language="en", models_dir=models_dir
        )

    with SpeechStream(["One.", "Two, three.", "   ", "Never spoken."], speak) as stream:
        first, second = stream.next(), stream.next()
        assert first.text == "One." and second.text == "Two, three."
        assert len(second.samples) > len(first.samples)
        with pytest.raises(InvalidInputError, match="nothing to say"):
            stream.next()
        with pytest.raises(IndexError):
            stream.next()
