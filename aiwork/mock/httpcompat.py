"""Which HTTP library the installed openai SDK speaks: httpx2 on 3.x, httpx on 2.x.

(2.x releases also know httpx2 when it is installed, but their default client is httpx.)
One home for the choice; the in-process transport and the privacy hook both read it.
"""

from __future__ import annotations

from typing import Any

import openai

OPENAI_MAJOR = int(openai.__version__.split(".")[0])

if OPENAI_MAJOR >= 3:
    import httpx2 as http
else:  # pragma: no cover - openai 2.x, exercised by tests/mock/run_conformance_2x.sh
    import httpx as http  # type: ignore[no-redef]


def http_lib() -> Any:
    return http


def default_client_factory(is_async: bool) -> Any:
    """The SDK's own default-configured HTTP client class for that library."""
    if OPENAI_MAJOR >= 3:
        return openai.DefaultAsyncHttpx2Client if is_async else openai.DefaultHttpx2Client
    return openai.DefaultAsyncHttpxClient if is_async else openai.DefaultHttpxClient
