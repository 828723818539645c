"""Any OpenAI-compatible chat server (vLLM, Ollama, llama.cpp server, hosted APIs) via httpx."""

from __future__ import annotations

from typing import Any

import httpx

from shopcast.errors import ProviderError
from shopcast.writing.llm.base import ALL_SCRIPT_LANGUAGES, Message

RETRYABLE_STATUS = {408, 409, 425, 429, 500, 502, 503, 504}


def _rejects_json_schema(response: httpx.Response) -> bool:
    """A server that does not know ``response_format.type = "json_schema"``."""
    return response.status_code in (400, 422, 500) and "response_format" in response.text


class OpenAICompatLLM:
    """A :class:`~shopcast.writing.llm.base.LLM` calling ``POST {base_url}/chat/completions``.

    ``base_url`` includes the API prefix, e.g. ``http://127.0.0.1:8000/v1``.

    JSON output is requested OpenAI's way (``response_format.type = "json_schema"``); a server
    that rejects that form (llama-cpp-python's server answers 500 with a validation error
    naming ``response_format``) is asked again with
    ``{"type": "json_object", "schema": ...}``, and that choice is remembered.
    """

    def __init__(
        self,
        base_url: str,
        *,
        model: str,
        api_key: str | None = None,
        timeout_s: float = 120.0,
        client: httpx.Client | None = None,
    ) -> None:
        if not base_url.startswith(("http://", "https://")):
            raise ProviderError(
                f"LLM base URL {base_url!r} is not an http(s) URL",
                hint="set SHOPCAST_LLM_BASE_URL, e.g. http://127.0.0.1:8000/v1",
            )
        self.base_url = base_url.rstrip("/")
        self.schema_mode = "json_schema"  # or "json_object"
        self.model = model
        self.name = f"openai:{model}"
        self.script_languages = ALL_SCRIPT_LANGUAGES
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = client or httpx.Client(timeout=timeout_s, headers=headers)

    def close(self) -> None:
        self._client.close()

    def complete(
        self,
        messages: list[Message],
        *,
        max_tokens: int,
        temperature: float = 0.7,
        seed: int | None = None,
        json_schema: dict | None = None,
        timeout_s: float | None = None,
    ) -> str:
        timeout = None if timeout_s is None else max(0.1, timeout_s)
        body: dict[str, Any] = {
            "model": self.model,
            "messages": messages,
            "max_tokens": max_tokens,
            "temperature": temperature,
        }
        if seed is not None:
            body["seed"] = seed
        url = f"{self.base_url}/chat/completions"
        if json_schema is not None:
            body["response_format"] = self._response_format(json_schema)
            response = self._post(url, body, timeout)
            if self.schema_mode == "json_schema" and _rejects_json_schema(response):
                self.schema_mode = "json_object"
                body["response_format"] = self._response_format(json_schema)
                response = self._post(url, body, timeout)
        else:
            response = self._post(url, body, timeout)
        return self._text(url, response)

    def _response_format(self, schema: dict) -> dict[str, Any]:
        if self.schema_mode == "json_object":
            return {"type": "json_object", "schema": schema}
        return {"type": "json_schema", "json_schema": {"name": "reply", "schema": schema}}

    def _post(self, url: str, body: dict[str, Any], timeout: float | None) -> httpx.Response:
        try:
            if timeout is not None:
                response = self._client.post(url, json=body, timeout=timeout)
            else:
                response = self._client.post(url, json=body)
        except httpx.TimeoutException as exc:
            raise ProviderError(f"LLM server {url} timed out", retryable=True) from exc
        except httpx.HTTPError as exc:
            raise ProviderError(
                f"cannot reach LLM server {url}: {exc}",
                retryable=True,
                hint="check SHOPCAST_LLM_BASE_URL and that the server is running",
            ) from exc
        return response

    def _text(self, url: str, response: httpx.Response) -> str:
        if response.status_code != 200:
            raise ProviderError(
                f"LLM server {url} answered {response.status_code}: {response.text[:300]}",
                retryable=response.status_code in RETRYABLE_STATUS,
                hint="check SHOPCAST_LLM_MODEL and SHOPCAST_LLM_API_KEY"
                if response.status_code in (401, 403, 404)
                else None,
            )
        try:
            return response.json()["choices"][0]["message"]["content"] or ""
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise ProviderError(
                f"LLM server {url} sent an unexpected reply: {response.text[:300]}"
            ) from exc
