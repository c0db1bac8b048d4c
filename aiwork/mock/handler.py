"""The one pure request handler: ``handle(MockRequest) -> MockResponse``.

Adapters (HTTP server, in-process transport) only translate to and from these values. Paths
accepted: ``/v1/...`` (and the same without ``/v1``), Azure ``/openai/deployments/{name}/...``
(the deployment is the model) and ``/openai/v1/...``, each optionally under a JupyterHub
service prefix ``/services/<name>``; key as ``Authorization: Bearer`` or ``api-key``.
Besides the API: ``GET /mock/requests`` (the request log; ``DELETE`` clears it; on a shared
server only with ``AIWORK_MOCK_ADMIN_TOKEN``) and ``GET /health``. Every response carries ``x-request-id``; every failure is an OpenAI error
envelope, never a traceback.
"""

from __future__ import annotations

import json
import logging
import os
import re
from typing import Any
from urllib.parse import unquote

from aiwork.mock import reqlog
from aiwork.mock.common import MockRequest, MockResponse, created, digest, json_body
from aiwork.mock.errors import (
    MockError,
    MockTimeout,
    bad_request,
    caller_of,
    check_auth,
    check_injection,
    error_response,
    injected_delay,
    retry_count,
)
from aiwork.mock.models import OWNER, is_chat_model, is_embedding_model, model_list, slow_seconds
from aiwork.mock.validate import (
    MAX_BODY,
    MAX_DEPTH,
    check_chat,
    check_responses,
    normalise,
    too_large,
)

log = logging.getLogger("aiwork.mock")
_AZURE = re.compile(r"^/openai/deployments/([^/]+)(/.*)$")


def split_path(path: str) -> tuple[str, str | None]:
    """The endpoint (``/chat/completions``...) and an Azure deployment name, if any."""
    if path.startswith("/services/"):
        # Behind JupyterHub's proxy a service sees /services/<name>/...; drop that prefix.
        path = "/" + path.split("/", 3)[3] if path.count("/") >= 3 else "/"
    m = _AZURE.match(path)
    if m:
        return m.group(2), unquote(m.group(1))
    for prefix in ("/openai/v1", "/openai", "/v1"):
        if path.startswith(prefix + "/"):
            return path[len(prefix) :], None
    return path, None


def _json(req: MockRequest) -> dict[str, Any]:
    if len(req.body) > MAX_BODY:
        raise too_large(len(req.body))
    try:
        body = json.loads(req.body.decode("utf-8") or "null")
    except RecursionError:
        raise bad_request(
            f"The request body is nested more than {MAX_DEPTH} levels deep (mock)."
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise bad_request(
            f"We could not parse the JSON body of your request (mock): {exc}"
        ) from exc
    if not isinstance(body, dict):
        raise bad_request("The request body must be a JSON object.")
    return normalise(body)


def _model(body: dict[str, Any], deployment: str | None, kind: str) -> str:
    model = deployment or body.get("model")
    if not isinstance(model, str) or not model:
        raise bad_request("you must provide a model parameter", "model")
    ok = is_embedding_model(model) if kind == "embedding" else is_chat_model(model)
    if not ok:
        raise MockError(
            404,
            f"The model `{model}` does not exist or you do not have access to it.",
            "invalid_request_error",
            "model_not_found",
            "model",
        )
    return model


def _models() -> MockResponse:
    data = [
        {"id": m, "object": "model", "created": created(), "owned_by": OWNER} for m in model_list()
    ]
    return MockResponse(
        200, {"content-type": "application/json"}, json_body({"object": "list", "data": data})
    )


def _check_log_access(req: MockRequest) -> None:
    """The request log holds learners' prompts. In a kernel (one user, loopback) it is open;
    a shared server (a JupyterHub service) serves it only with ``AIWORK_MOCK_ADMIN_TOKEN``."""
    token = os.environ.get("AIWORK_MOCK_ADMIN_TOKEN")
    if token:
        if req.header("authorization") != f"Bearer {token}":
            raise MockError(
                403,
                "The request log needs the admin token (mock).",
                "invalid_request_error",
                "forbidden",
            )
    elif os.environ.get("JUPYTERHUB_SERVICE_URL"):
        raise MockError(
            403,
            "The request log is disabled on a shared server without "
            "AIWORK_MOCK_ADMIN_TOKEN (mock).",
            "invalid_request_error",
            "forbidden",
        )


def _dispatch(req: MockRequest, meta: dict[str, Any]) -> MockResponse:
    endpoint, deployment = split_path(req.path)
    if endpoint == "/mock/requests":
        _check_log_access(req)
        if req.method == "DELETE":
            reqlog.clear()
            return MockResponse(200, {"content-type": "application/json"}, b'{"cleared":true}')
        return MockResponse(
            200,
            {"content-type": "application/json"},
            json_body({"object": "list", "data": reqlog.entries()}),
        )
    if endpoint in ("/health", "/healthz"):
        return MockResponse(200, {"content-type": "application/json"}, b'{"status":"ok"}')
    check_auth(req)
    if endpoint == "/models" and req.method == "GET":
        return _models()
    if endpoint.startswith("/responses/"):
        from aiwork.mock.responses_api import stored_response

        return stored_response(endpoint, req.method, owner_of(req))
    routes = {"/chat/completions": "chat", "/responses": "responses", "/embeddings": "embedding"}
    kind = routes.get(endpoint)
    if kind is None:
        raise MockError(
            404,
            f"Unknown request URL: {req.method} {req.path} (mock).",
            "invalid_request_error",
            "unknown_url",
        )
    if req.method != "POST":
        raise MockError(
            405,
            f"Method {req.method} not allowed on {endpoint} (mock).",
            "invalid_request_error",
            "method_not_allowed",
            headers={"allow": "POST"},
        )
    body = _json(req)
    meta["body"] = body
    model = _model(body, deployment, kind)
    if kind == "chat":
        check_chat(body)
    elif kind == "responses":
        check_responses(body)
    meta["model"] = model
    check_injection(model, req)
    delay = 0.0
    if injected_delay(model, req):
        meta["slow"] = True
        delay = slow_seconds()
        if req.read_timeout is not None and req.read_timeout < delay:
            # In-process: the client would give up first; the transport waits that long.
            raise MockTimeout(req.read_timeout)
    try:
        if kind == "chat":
            from aiwork.mock.chat import chat_completions

            resp, comps = chat_completions(body, model)
        elif kind == "responses":
            from aiwork.mock.responses_api import responses

            resp, comps = responses(body, model, owner_of(req))
        else:
            from aiwork.mock.embeddings import embeddings

            return embeddings(body, model)
    except (ValueError, TypeError, KeyError) as exc:
        # Shape errors found while reading messages/input: an OpenAI-style 400.
        raise bad_request(f"Invalid request (mock): {exc}") from exc
    meta["task"] = comps[0].reply.task
    meta["hallucinated"] = any(c.reply.hallucinated for c in comps)
    meta["reply"] = comps[0].reply.text
    resp.delay = delay
    return resp


def owner_of(req: MockRequest) -> tuple[str, str]:
    """Whose stored responses a request may read: its API key and the learner the hub
    gateway names (every learner reaches the offline assistant with the gateway's key)."""
    key, caller, _ = caller_of(req)
    return key, caller


def request_id(req: MockRequest) -> str:
    return (
        "req_"
        + digest(req.method, req.path, req.body.decode("utf-8", "replace"), retry_count(req))[:24]
    )


def handle(req: MockRequest) -> MockResponse:
    meta: dict[str, Any] = {}
    try:
        resp = _dispatch(req, meta)
    except MockError as err:
        resp = error_response(err)
        meta["error"] = err.code or err.type
    except MockTimeout:
        # Logged like any request, then re-raised for the adapter to signal a client timeout.
        reqlog.add(
            {
                "request_id": request_id(req),
                "method": req.method,
                "path": req.path,
                "status": None,
                "retry_count": retry_count(req),
                "model": meta.get("model"),
                "body": meta.get("body"),
                "task": None,
                "hallucinated": False,
                "reply": None,
                "error": "timeout",
            }
        )
        raise
    except Exception as exc:
        log.exception("mock handler failed on %s %s", req.method, req.path)  # for maintainers
        resp = error_response(
            MockError(
                500,
                f"Internal error in the mock: {type(exc).__name__}",
                "server_error",
                "internal_error",
            )
        )
        meta["error"] = "internal_error"
    rid = request_id(req)
    resp.headers["x-request-id"] = rid
    resp.meta = meta
    endpoint, _ = split_path(req.path)
    if endpoint != "/mock/requests":
        reqlog.add(
            {
                "request_id": rid,
                "method": req.method,
                "path": req.path,
                "status": resp.status,
                "retry_count": retry_count(req),
                "model": meta.get("model"),
                "body": meta.get("body"),
                "task": meta.get("task"),
                "hallucinated": bool(meta.get("hallucinated")),
                "reply": meta.get("reply"),
                "error": meta.get("error"),
            }
        )
    return resp
