"""LLM providers against real engines: the bundled GGUF in-process, and the OpenAI-compatible
client against a real OpenAI-compatible server (llama-cpp-python's ``llama_cpp.server``)
serving the same GGUF on a free localhost port."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from writing_llm import require_model

from shopcast.config import Settings
from shopcast.errors import ProviderError
from shopcast.writing.llm import get_llm
from shopcast.writing.llm.llama_cpp import LlamaCppLLM
from shopcast.writing.llm.openai_compat import OpenAICompatLLM

pytestmark = pytest.mark.slow

SCHEMA = {
    "type": "object",
    "properties": {
        "b": {"type": "array", "items": {"type": "string"}, "minItems": 2, "maxItems": 2}
    },
    "required": ["b"],
}
ASK = [{"role": "user", "content": 'Two short greetings as JSON {"b":["...","..."]}.'}]


@pytest.fixture(autouse=True, scope="module")
def _isolated_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """State goes to a temporary SHOPCAST_HOME; models are read from SHOPCAST_MODELS."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SHOPCAST_HOME", str(tmp_path_factory.mktemp("home")))
        yield


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    model = require_model()
    pytest.importorskip("sse_starlette", reason="llama-cpp-python[server] extras not installed")
    port = _free_port()
    log = tmp_path_factory.mktemp("llm-server") / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "llama_cpp.server",
                "--model",
                str(model),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--n_threads",
                "2",
                "--n_ctx",
                "1024",
                "--model_alias",
                "qwen-local",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 180
        while True:
            if proc.poll() is not None:
                pytest.fail(f"llama_cpp.server exited: {Path(log).read_text()[-2000:]}")
            try:
                if httpx.get(f"{base}/models", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("llama_cpp.server did not start within 180 s")
            time.sleep(0.5)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_openai_compatible_server_plain_and_json(server: str) -> None:
    llm = get_llm(
        Settings(
            home=Path("/nonexistent-unused"),
            llm_provider="openai",
            llm_base_url=server,
            llm_model="qwen-local",
            llm_api_key="k",
        )
    )
    assert isinstance(llm, OpenAICompatLLM)
    text = llm.complete(
        [{"role": "user", "content": "Say hi in three words."}],
        max_tokens=12,
        temperature=0.0,
        seed=1,
    )
    assert text.strip()
    raw = llm.complete(ASK, max_tokens=40, temperature=0.0, seed=1, json_schema=SCHEMA)
    data = json.loads(raw)
    assert len(data["b"]) == 2 and all(isinstance(x, str) for x in data["b"])
    assert llm.schema_mode == "json_object"  # this server needs the llama-cpp form


def test_openai_compatible_errors_map_to_provider_error(server: str) -> None:
    missing = OpenAICompatLLM(server + "/nope", model="qwen-local")
    with pytest.raises(ProviderError) as info:
        missing.complete(ASK, max_tokens=5)
    assert not info.value.retryable and "404" in str(info.value)
    closed = OpenAICompatLLM(f"http://127.0.0.1:{_free_port()}/v1", model="x", timeout_s=2)
    with pytest.raises(ProviderError) as info:
        closed.complete(ASK, max_tokens=5)
    assert info.value.retryable


def test_bundled_llama_cpp_json_schema_output() -> None:
    llm = LlamaCppLLM(require_model(), n_threads=2)
    raw = llm.complete(ASK, max_tokens=40, temperature=0.0, seed=1, json_schema=SCHEMA)
    assert len(json.loads(raw)["b"]) == 2


def test_provider_configuration_errors() -> None:
    with pytest.raises(ProviderError, match="SHOPCAST_LLM_BASE_URL"):
        get_llm(Settings(llm_provider="openai", llm_base_url=None))
    with pytest.raises(ProviderError):
        OpenAICompatLLM("localhost:8000", model="m")


def test_wrappers_of_one_model_share_its_decode_lock(tmp_path: Path) -> None:
    """Two wrappers (live show, assistant, studio) share the cached model, so they must share
    the lock that keeps two prompts from decoding in one llama context at once."""
    path = tmp_path / "model.gguf"
    first, second = LlamaCppLLM(path, n_threads=2), LlamaCppLLM(path, n_threads=2)
    other = LlamaCppLLM(tmp_path / "other.gguf", n_threads=2)
    assert first._lock is second._lock
    assert first._lock is not other._lock
