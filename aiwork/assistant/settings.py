"""Assistant settings: which backend, which model, where - from the environment and/or a file.

Precedence: environment variables, then the config file, then the offline defaults.

Environment variables:

- ``AIWORK_BACKEND``: ``offline`` (default), ``openai``, ``azure`` or ``compatible``;
- ``AIWORK_MODEL`` / ``AIWORK_EMBEDDING_MODEL``: chat and embedding model (for Azure: the
  deployment names); defaults come from :mod:`aiwork.mock.models` offline, and must be set for
  the other backends (no real model name is hard-coded anywhere);
- ``AIWORK_BASE_URL``: the endpoint of a ``compatible`` backend (vLLM, Ollama, llama.cpp
  server, the hub gateway), e.g. ``http://127.0.0.1:11434/v1``;
- ``OPENAI_API_KEY``: key for ``openai`` and ``compatible`` (optional for the latter);
- ``AZURE_OPENAI_ENDPOINT``, ``AZURE_OPENAI_API_KEY``, ``OPENAI_API_VERSION``: Azure OpenAI;
- ``AIWORK_PRIVACY_MODE``: ``redact`` (default), ``block`` or ``warn`` - what the privacy guard
  does with personal data before a request leaves for a non-local backend;
- ``AIWORK_CONFIG``: path of the config file;
- ``AIWORK_ASSISTANT_NAME``: what the assistant panel calls the model (the hub sets it: the
  offline assistant behind its gateway has no real model name to show).

Offline assistant only (read by :mod:`aiwork.mock`): ``AIWORK_MOCK_REPLAY`` (a recorded
cassette to answer from, see :mod:`aiwork.mock.record`), ``AIWORK_MOCK_SLOW_SECONDS`` (delay of
the ``mock-slow`` models, default 3), ``AIWORK_MOCK_CREATED`` (the ``created`` timestamp).

Config file (TOML): ``$AIWORK_CONFIG``, else ``<repo>/.aiwork/assistant.toml``, else
``~/.config/aiwork/assistant.toml``::

    [assistant]
    backend = "compatible"
    base_url = "http://127.0.0.1:11434/v1"
    model = "qwen2.5:7b-instruct"
    embedding_model = "nomic-embed-text"
    privacy_mode = "redact"
    # api_key = "..."   # better: OPENAI_API_KEY in the environment
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from aiwork import paths
from aiwork.errors import InputError
from aiwork.mock.models import DEFAULT_CHAT_MODEL, DEFAULT_EMBEDDING_MODEL

BACKENDS = ("offline", "openai", "azure", "compatible")
PRIVACY_MODES = ("redact", "block", "warn")
DEFAULT_AZURE_API_VERSION = "2024-10-21"
OFFLINE_API_KEY = "sk-offline-mock"
# How learners see the offline assistant named (it has no real model name).
OFFLINE_DISPLAY_NAME = "Trợ lý ngoại tuyến của khóa học"


class SettingsError(InputError):
    """A configuration that cannot work; the message says, in Vietnamese, what to fix."""


@dataclass(frozen=True)
class Settings:
    backend: str = "offline"
    model: str = DEFAULT_CHAT_MODEL
    embedding_model: str = DEFAULT_EMBEDDING_MODEL
    base_url: str | None = None
    api_key: str | None = None
    azure_endpoint: str | None = None
    api_version: str | None = None
    privacy_mode: str = "redact"
    config_file: str | None = None

    @property
    def is_local(self) -> bool:
        """True when requests never leave the machine (no privacy guard needed)."""
        return self.backend == "offline"


def display_name(model: str) -> str:
    """The name learners see for the model that answered: AIWORK_ASSISTANT_NAME when set
    (the hub), the offline assistant's name offline, else the model's own name."""
    named = os.environ.get("AIWORK_ASSISTANT_NAME", "").strip()
    if named:
        return named
    return OFFLINE_DISPLAY_NAME if settings().backend == "offline" else model


def config_path() -> Path | None:
    env = os.environ.get("AIWORK_CONFIG")
    if env:
        return Path(env).expanduser()
    for candidate in (
        paths.repo_root() / ".aiwork" / "assistant.toml",
        Path.home() / ".config" / "aiwork" / "assistant.toml",
    ):
        if candidate.is_file():
            return candidate
    return None


def _file_values() -> tuple[dict[str, Any], str | None]:
    path = config_path()
    if path is None:
        return {}, None
    if not path.is_file():
        raise SettingsError(f"Không tìm thấy tệp cấu hình trợ lý: {path} (AIWORK_CONFIG).")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"Tệp cấu hình {path} không đúng định dạng TOML: {exc}") from exc
    section = data.get("assistant", data)
    return {k: v for k, v in section.items() if isinstance(v, str)}, str(path)


_ENV = {
    "backend": "AIWORK_BACKEND",
    "model": "AIWORK_MODEL",
    "embedding_model": "AIWORK_EMBEDDING_MODEL",
    "base_url": "AIWORK_BASE_URL",
    "privacy_mode": "AIWORK_PRIVACY_MODE",
    "azure_endpoint": "AZURE_OPENAI_ENDPOINT",
    "api_version": "OPENAI_API_VERSION",
}


def settings() -> Settings:
    """Read the current settings (cheap; read on every client creation so changes apply)."""
    values, source = _file_values()
    for field_name, var in _ENV.items():
        if os.environ.get(var):
            values[field_name] = os.environ[var]
    backend = values.get("backend", "offline").strip().lower()
    if backend not in BACKENDS:
        raise SettingsError(
            f"AIWORK_BACKEND={backend!r} không hợp lệ; chọn một trong: " + ", ".join(BACKENDS) + "."
        )
    mode = values.get("privacy_mode", "redact").strip().lower()
    if mode not in PRIVACY_MODES:
        raise SettingsError(
            f"AIWORK_PRIVACY_MODE={mode!r} không hợp lệ; chọn: " + ", ".join(PRIVACY_MODES) + "."
        )
    s = Settings(backend=backend, privacy_mode=mode, config_file=source)
    if backend == "offline":
        # Offline always means the bundled mock; a stray AIWORK_BASE_URL must not redirect it.
        return replace(
            s,
            model=values.get("model", DEFAULT_CHAT_MODEL),
            embedding_model=values.get("embedding_model", DEFAULT_EMBEDDING_MODEL),
            api_key=OFFLINE_API_KEY,
        )
    if "model" not in values:
        raise SettingsError(
            f"Backend {backend!r} cần tên mô hình: đặt AIWORK_MODEL hoặc "
            "'model' trong tệp cấu hình."
        )
    key_var = "AZURE_OPENAI_API_KEY" if backend == "azure" else "OPENAI_API_KEY"
    api_key = os.environ.get(key_var) or values.get("api_key")
    s = replace(
        s,
        model=values["model"],
        api_key=api_key,
        embedding_model=values.get("embedding_model", values["model"]),
        base_url=values.get("base_url"),
    )
    if backend == "compatible" and not s.base_url:
        raise SettingsError(
            "Backend 'compatible' cần AIWORK_BASE_URL (ví dụ http://127.0.0.1:11434/v1)."
        )
    if backend == "azure":
        if not values.get("azure_endpoint"):
            raise SettingsError("Backend 'azure' cần AZURE_OPENAI_ENDPOINT.")
        s = replace(
            s,
            azure_endpoint=values["azure_endpoint"],
            api_version=values.get("api_version", DEFAULT_AZURE_API_VERSION),
        )
    if backend in ("openai", "azure") and not api_key:
        raise SettingsError(f"Backend {backend!r} cần khóa API: đặt {key_var}.")
    return s
