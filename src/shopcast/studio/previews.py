"""What a persona looks and sounds like in each market, for the studio: one still frame of the
host in the market's look and set (the real rig, theme and AI label the video job draws) as a
PNG, and a short voice sample (WAV) of the market's voice saying the persona's greeting.

Both are cached on disk per persona + market + a hash of everything that shapes them, so an
edit to the look or voice makes a new file and an unchanged persona costs nothing."""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import threading
import wave
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image

from shopcast.avatar.pack import load_pack
from shopcast.avatar.rig import AvatarRig
from shopcast.avatar.state import AvatarState, Expression, MouthShape
from shopcast.errors import InvalidInputError
from shopcast.markets.registry import get_market
from shopcast.markets.types import Market
from shopcast.persona.types import Persona, PersonaMarket
from shopcast.scene.compositor import Overlay, SceneRenderer
from shopcast.scene.layout import Layout
from shopcast.speech import registry as speech_registry

PREVIEW_WIDTH = 360  # a 9:16 still, 360x640: enough for a card, fast to draw
PREVIEW_VERSION = 1  # bump when the drawing changes, so cached stills are redrawn
VOICE_VERSION = 1
SMILE = AvatarState(expression=Expression.SMILE, expression_weight=0.8, mouth=MouthShape(smile=0.5))


def voice_line(choice: PersonaMarket, market: Market) -> str:
    """What the voice sample says: the persona's greeting, else the market's AI disclosure."""
    return (choice.greeting or market.ai_disclosure_line).strip()


class PersonaPreviews:
    def __init__(self, cache_dir: Path, models_dir: Path) -> None:
        self.cache_dir = cache_dir
        self.models_dir = models_dir
        self._lock = threading.Lock()  # one drawing or synthesis at a time (2 cores)

    def look_png(self, persona: Persona, market_code: str) -> Path:
        market, choice = self._market(persona, market_code)
        key = _digest(
            {
                "v": PREVIEW_VERSION,
                "w": PREVIEW_WIDTH,
                "look": choice.look.model_dump(),
                "label": market.ai_label,
                "lang": market.language,
            }  # fmt: skip
        )
        path = self.cache_dir / persona.name / f"{market.code}-look-{key}.png"
        with self._lock:
            if not path.is_file():
                _write_atomically(path, _draw_look(choice, market))
        return path

    def voice_wav(self, persona: Persona, market_code: str) -> Path:
        market, choice = self._market(persona, market_code)
        text = voice_line(choice, market)
        key = _digest({"v": VOICE_VERSION, "voice": choice.voice.model_dump(), "text": text,
                       "lang": market.language})  # fmt: skip
        path = self.cache_dir / persona.name / f"{market.code}-voice-{key}.wav"
        with self._lock:
            if not path.is_file():
                speech = speech_registry.synthesize(
                    text,
                    engine=choice.voice.engine,
                    voice=choice.voice.voice,
                    language=market.language,
                    speed=choice.voice.speed,
                    models_dir=self.models_dir,
                )
                _write_atomically(path, _wav_bytes(speech.samples, speech.sample_rate))
        return path

    @staticmethod
    def _market(persona: Persona, market_code: str) -> tuple[Market, PersonaMarket]:
        if market_code not in persona.markets:
            raise InvalidInputError(
                f"persona {persona.name!r} has no look and voice for market {market_code!r}; "
                f"it has: {', '.join(sorted(persona.markets))}"
            )
        return get_market(market_code), persona.markets[market_code]


def _digest(parts: dict[str, object]) -> str:
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:16]


def _draw_look(choice: PersonaMarket, market: Market) -> bytes:
    options = tuple(sorted(choice.look.options.items()))
    scene = _scene(choice.look.pack, options, market.language)
    frame = scene.render(SMILE, Overlay(ai_label=market.ai_label))
    buffer = io.BytesIO()
    Image.fromarray(frame[:, :, :3].copy(), "RGB").save(buffer, "PNG", compress_level=6)
    return buffer.getvalue()


@lru_cache(maxsize=16)
def _scene(pack_name: str, options: tuple[tuple[str, str], ...], language: str) -> SceneRenderer:
    """The set and rig of one look, rasterised once: a persona's markets differ mostly in the
    label, so each further still is one frame (callers hold the previews lock)."""
    base = Layout.for_aspect("9:16").scaled_to_width(PREVIEW_WIDTH)
    pack = load_pack(pack_name)
    rig = AvatarRig(pack, dict(options), height=base.host_height)
    return SceneRenderer(base.with_rig(rig.size), rig, pack.theme, language=language)


def _wav_bytes(samples: np.ndarray, sample_rate: int) -> bytes:
    pcm = (np.clip(samples, -1.0, 1.0) * 32767.0).astype("<i2")
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(sample_rate)
        out.writeframes(pcm.tobytes())
    return buffer.getvalue()


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".partial", delete=False) as tmp:
        tmp.write(data)
    try:
        os.replace(tmp.name, path)
    except OSError:
        Path(tmp.name).unlink(missing_ok=True)
        raise
