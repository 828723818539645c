"""Script schema: beat defaults and per-language duration estimates."""

from __future__ import annotations

import pytest

from shopcast.avatar.state import Expression, GazeTarget, Gesture
from shopcast.writing.script import Beat, Script, estimate_seconds


def test_beat_defaults_per_kind() -> None:
    hook = Beat.make("hook", "Hello!", "en")
    assert (hook.expression, hook.gesture, hook.gaze) == (
        Expression.SMILE,
        Gesture.WAVE,
        GazeTarget.CAMERA,
    )
    demo = Beat.make("demo", "Look.", "en")
    assert (demo.gesture, demo.gaze) == (Gesture.PRESENT, GazeTarget.CARD)
    assert Beat.make("proof", "x", "en").gesture == Gesture.OPEN_PALMS
    offer = Beat.make("offer", "Deal!", "en")
    assert (offer.expression, offer.gaze) == (Expression.EXCITED, GazeTarget.CARD)
    cta = Beat.make("cta", "Tap!", "en")
    assert (cta.expression, cta.gesture, cta.gaze) == (
        Expression.SMILE,
        Gesture.POINT_DOWN,
        GazeTarget.CAMERA,
    )


@pytest.mark.parametrize(
    ("text", "lang", "low", "high"),
    [
        ("Meet the linen shirt that keeps you cool all summer long.", "en", 3.0, 5.0),
        ("지금 소개할 제품은 시원한 린넨 셔츠예요.", "ko", 2.0, 4.0),
        ("今日ご紹介するのは涼しいリネンシャツです。", "ja", 2.0, 4.0),
        ("今天给大家介绍一款清爽的亚麻衬衫。", "zh", 3.0, 5.0),
        ("Hoy os presento una camisa de lino muy fresca.", "es", 2.5, 4.5),
        ("Olha só essa camisa de linho fresquinha.", "pt-BR", 2.0, 3.5),
    ],
)
def test_duration_estimates(text: str, lang: str, low: float, high: float) -> None:
    assert low <= estimate_seconds(text, lang) <= high


def test_script_total_and_json() -> None:
    beats = [Beat.make("hook", "Hello there, friends!", "en"), Beat.make("cta", "Tap below.", "en")]
    script = Script(
        product_sku="p",
        persona="mina",
        market="en-US",
        language="en",
        length_target_s=10,
        beats=beats,
        variant=0,
        brief=None,
        checks=[],
    )
    assert script.total_seconds == round(sum(b.est_seconds for b in beats), 2)
    assert '"kind": "hook"' in script.to_json()
