"""The offline assistant: a deterministic mock LLM behind the real OpenAI HTTP API.

One pure request handler (:func:`aiwork.mock.handler.handle`) and thin adapters around it:
a threaded loopback HTTP server (:mod:`aiwork.mock.server`, ``aiwork mock serve``), an
in-process ``httpx2`` transport for tests (:mod:`aiwork.mock.transport`), and record/replay
(:mod:`aiwork.mock.record`). Replies are Vietnamese, deterministic (a function of the request
only) and respond to how well the prompt is written (:mod:`aiwork.prompt_anatomy`).
"""

from aiwork.mock.common import MockRequest, MockResponse
from aiwork.mock.handler import handle

__all__ = ["MockRequest", "MockResponse", "handle"]
