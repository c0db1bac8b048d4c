"""One configuration for every backend, and the privacy hook for non-local ones."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import openai
import pytest

from aiwork import assistant
from aiwork.assistant import SettingsError, get_async_client, get_client, hoi, settings
from aiwork.mock import reqlog
from aiwork.mock.models import DEFAULT_CHAT_MODEL
from aiwork.mock.server import MockServer, start_background

PII = "Ông Nguyễn Văn An, số CCCD 052090001234, điện thoại 0905123456, xin cấp lại giấy khai sinh."
ENV_VARS = (
    "AIWORK_BACKEND",
    "AIWORK_MODEL",
    "AIWORK_EMBEDDING_MODEL",
    "AIWORK_BASE_URL",
    "AIWORK_PRIVACY_MODE",
    "AIWORK_CONFIG",
    "OPENAI_API_KEY",
    "AZURE_OPENAI_ENDPOINT",
    "AZURE_OPENAI_API_KEY",
    "OPENAI_API_VERSION",
)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    for var in ENV_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("AIWORK_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    (tmp_path / "none.toml").write_text("", encoding="utf-8")
    assistant.clear_requests_log()


@pytest.fixture(scope="module")
def remote() -> Iterator[MockServer]:
    """A server standing in for a non-local OpenAI-compatible endpoint."""
    server = start_background("127.0.0.1", 0)
    yield server
    server.shutdown()
    server.server_close()


def test_offline_is_the_default() -> None:
    s = settings()
    assert s.backend == "offline" and s.model == DEFAULT_CHAT_MODEL and s.is_local


def test_invalid_backend_and_missing_values_are_explained(monkeypatch) -> None:
    monkeypatch.setenv("AIWORK_BACKEND", "gpt")
    with pytest.raises(SettingsError, match="không hợp lệ"):
        settings()
    monkeypatch.setenv("AIWORK_BACKEND", "openai")
    with pytest.raises(SettingsError, match="AIWORK_MODEL"):
        settings()
    monkeypatch.setenv("AIWORK_MODEL", "m")
    with pytest.raises(SettingsError, match="OPENAI_API_KEY"):
        settings()
    monkeypatch.setenv("AIWORK_BACKEND", "compatible")
    with pytest.raises(SettingsError, match="AIWORK_BASE_URL"):
        settings()


def test_openai_and_azure_clients(monkeypatch) -> None:
    monkeypatch.setenv("AIWORK_BACKEND", "openai")
    monkeypatch.setenv("AIWORK_MODEL", "model-of-the-province")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-real")
    c = get_client(max_retries=0)
    assert type(c) is openai.OpenAI and "api.openai.com" in str(c.base_url)
    monkeypatch.setenv("AIWORK_BACKEND", "azure")
    monkeypatch.setenv("AZURE_OPENAI_ENDPOINT", "https://example.openai.azure.com")
    monkeypatch.setenv("AZURE_OPENAI_API_KEY", "az-key")
    az = get_client()
    assert isinstance(az, openai.AzureOpenAI) and settings().api_version


def test_config_file(monkeypatch, tmp_path, remote) -> None:
    cfg = tmp_path / "assistant.toml"
    cfg.write_text(
        f'[assistant]\nbackend = "compatible"\nbase_url = "{remote.url}/v1"\n'
        'model = "mock-gpt"\nprivacy_mode = "warn"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("AIWORK_CONFIG", str(cfg))
    s = settings()
    assert (s.backend, s.model, s.privacy_mode, s.config_file) == (
        "compatible",
        "mock-gpt",
        "warn",
        str(cfg),
    )
    monkeypatch.setenv("AIWORK_MODEL", "mock-gpt-mini")  # the environment wins over the file
    assert settings().model == "mock-gpt-mini"


def _use_remote(monkeypatch, remote: MockServer, mode: str) -> None:
    monkeypatch.setenv("AIWORK_BACKEND", "compatible")
    monkeypatch.setenv("AIWORK_BASE_URL", remote.url + "/v1")
    monkeypatch.setenv("AIWORK_MODEL", "mock-gpt")
    monkeypatch.setenv("AIWORK_PRIVACY_MODE", mode)


def test_non_local_requests_are_redacted(monkeypatch, remote) -> None:
    _use_remote(monkeypatch, remote, "redact")
    reply = hoi(PII)
    assert reply
    received = reqlog.last()["body"]["messages"][-1]["content"]  # what the "remote" model got
    assert "052090001234" not in received and "0905123456" not in received
    sent = assistant.last_request()["body"]["messages"][-1]["content"]
    assert sent == received  # requests_log() shows what actually left


def test_non_local_block_and_async(monkeypatch, remote) -> None:
    from aiwork.privacy.guard import PrivacyBlocked

    _use_remote(monkeypatch, remote, "block")
    with pytest.raises(PrivacyBlocked):
        get_client(max_retries=0).chat.completions.create(
            model="mock-gpt", messages=[{"role": "user", "content": PII}]
        )
    monkeypatch.setenv("AIWORK_PRIVACY_MODE", "redact")

    async def run() -> str:
        c = get_async_client()
        r = await c.chat.completions.create(
            model="mock-gpt", messages=[{"role": "user", "content": PII}]
        )
        await c.close()
        return r.choices[0].message.content

    assert asyncio.run(run())
    assert "052090001234" not in reqlog.last()["body"]["messages"][-1]["content"]


def test_offline_is_not_guarded() -> None:
    hoi(PII)  # stays on this machine: the text is not altered
    assert reqlog.last()["body"]["messages"][-1]["content"] == PII
