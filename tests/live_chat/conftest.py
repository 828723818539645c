from __future__ import annotations

import json
from pathlib import Path

import pytest

from shopcast.catalog.models import Product
from shopcast.persona.types import LookChoice, Persona, PersonaMarket, VoiceChoice

SAMPLE = Path(__file__).parents[1] / "retrieval" / "sample_products.json"
MARKETS = ["en-US", "ko-KR", "ja-JP", "zh-CN", "es-ES", "pt-BR", "fr-FR", "it-IT", "hi-IN", "id-ID"]


@pytest.fixture(scope="session")
def products() -> list[Product]:
    return [Product.model_validate(p) for p in json.loads(SAMPLE.read_text("utf-8"))]


@pytest.fixture(scope="session")
def persona() -> Persona:
    look = LookChoice(pack="seoul-glow")
    return Persona(
        name="mia",
        display_name="Mia",
        personality="warm, upbeat, practical",
        speaking_style="short sentences, one idea each",
        markets={m: PersonaMarket(voice=VoiceChoice(voice="af_heart"), look=look) for m in MARKETS},
    )


@pytest.fixture(scope="session")
def chat_retriever(products):
    from shopcast.assistant.retrieval import Retriever

    return Retriever(products)


@pytest.fixture(scope="session")
def llm():
    """The real bundled LLM (models from SHOPCAST_MODELS)."""
    from shopcast.config import Settings
    from shopcast.errors import ModelMissingError, ProviderError
    from shopcast.writing.llm import get_llm

    try:
        model = get_llm(Settings())
        if hasattr(model, "load"):
            model.load()
    except (ModelMissingError, ProviderError) as exc:
        pytest.skip(f"bundled LLM unavailable: {exc}")
    return model
