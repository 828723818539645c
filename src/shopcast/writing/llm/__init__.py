"""Language-model providers behind one interface; ``get_llm`` picks one from the settings."""

from __future__ import annotations

from shopcast.config import Settings
from shopcast.errors import ProviderError
from shopcast.writing.llm.base import LLM, Message

__all__ = ["LLM", "Message", "get_llm"]


def get_llm(settings: Settings) -> LLM:
    """The configured provider: the bundled GGUF (default) or an OpenAI-compatible server."""
    if settings.llm_provider == "openai":
        from shopcast.writing.llm.openai_compat import OpenAICompatLLM

        if not settings.llm_base_url:
            raise ProviderError(
                "SHOPCAST_LLM_PROVIDER=openai needs a server URL",
                hint="set SHOPCAST_LLM_BASE_URL, e.g. http://127.0.0.1:8000/v1",
            )
        return OpenAICompatLLM(
            settings.llm_base_url,
            model=settings.llm_model or "default",
            api_key=settings.llm_api_key,
        )
    from shopcast.modelfiles.registry import model_path
    from shopcast.writing.llm.llama_cpp import LlamaCppLLM

    path = model_path("qwen-1.5b", settings.models_dir)
    return LlamaCppLLM(path, n_threads=settings.llm_threads)
