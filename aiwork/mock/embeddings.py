"""``POST /v1/embeddings``: feature-hashed bags of Vietnamese words, so retrieval is sensible.

Each text is folded (no diacritics, lower case: "Quy Nhơn" ~ "quy nhon"), split into words
without stop words, and each unigram and adjacent bigram is hashed (blake2b, stable across
processes) to a signed coordinate; the vector is L2-normalised. Texts sharing words and
phrases are therefore near in cosine similarity. ``dimensions`` sets the size (default 256);
``encoding_format: base64`` returns little-endian float32, as the API does.
"""

from __future__ import annotations

import base64
import hashlib
import math
import struct
from typing import Any

from aiwork.mock.common import MockResponse, count_tokens, json_body
from aiwork.mock.errors import bad_request
from aiwork.mock.textutil import keywords

DEFAULT_DIMENSIONS = 256
MAX_DIMENSIONS = 3072
BIGRAM_WEIGHT = 0.7


def _slot(token: str, dims: int) -> tuple[int, float]:
    h = hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest()
    value = int.from_bytes(h, "little")
    return value % dims, 1.0 if (value >> 63) & 1 else -1.0


def embed(text: str, dims: int = DEFAULT_DIMENSIONS) -> list[float]:
    vec = [0.0] * dims
    words = keywords(text)
    for w in words:
        i, sign = _slot(w, dims)
        vec[i] += sign
    for a, b in zip(words, words[1:], strict=False):
        i, sign = _slot(a + " " + b, dims)
        vec[i] += sign * BIGRAM_WEIGHT
    norm = math.sqrt(sum(v * v for v in vec))
    if norm == 0:
        # An empty or stop-word-only text still gets a unit vector (APIs never return zeros).
        i, _ = _slot(text or "<empty>", dims)
        vec[i] = 1.0
        return vec
    return [v / norm for v in vec]


def _inputs(raw: Any) -> list[str]:
    if isinstance(raw, str):
        return [raw]
    if isinstance(raw, list) and raw:
        if all(isinstance(x, str) for x in raw):
            return list(raw)
        if all(isinstance(x, int) for x in raw):  # one text as token ids
            return [" ".join(f"t{x}" for x in raw)]
        if all(isinstance(x, list) and all(isinstance(t, int) for t in x) for x in raw):
            return [" ".join(f"t{t}" for t in x) for x in raw]
    raise bad_request("'input' must be a string, an array of strings or of token arrays", "input")


def embeddings(body: dict[str, Any], model: str) -> MockResponse:
    texts = _inputs(body.get("input"))
    if len(texts) > 2048:
        raise bad_request("'input' can hold at most 2048 items", "input")
    dims = body.get("dimensions", DEFAULT_DIMENSIONS)
    if not isinstance(dims, int) or not 1 <= dims <= MAX_DIMENSIONS:
        raise bad_request(
            f"'dimensions' must be an integer from 1 to {MAX_DIMENSIONS}", "dimensions"
        )
    fmt = body.get("encoding_format", "float")
    if fmt not in ("float", "base64"):
        raise bad_request("'encoding_format' must be 'float' or 'base64'", "encoding_format")
    data = []
    for i, text in enumerate(texts):
        vec = embed(text, dims)
        value: Any = vec
        if fmt == "base64":
            value = base64.b64encode(struct.pack(f"<{dims}f", *vec)).decode("ascii")
        data.append({"object": "embedding", "index": i, "embedding": value})
    tokens = sum(count_tokens(t) for t in texts)
    out = {
        "object": "list",
        "data": data,
        "model": model,
        "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
    }
    return MockResponse(200, {"content-type": "application/json"}, json_body(out))
