"""Request hygiene before any reply is made: size, nesting, Unicode form, field types.

Every rule answers the way the real API does, with a 400 (413 for size) OpenAI error envelope
naming the parameter, so a malformed request never reaches the reply generators (where it
would be a 500). All strings are NFC-normalised here, once: decomposed Vietnamese (NFD, as
some keyboards and PDFs give) reads exactly like precomposed text everywhere after.
"""

from __future__ import annotations

from typing import Any

from aiwork.mock.errors import MockError, bad_request
from aiwork.vi import nfc

MAX_BODY = 8 * 1024 * 1024  # bytes; larger bodies get 413 (the HTTP adapter enforces it too)
MAX_DEPTH = 64  # JSON nesting; real requests stay under 20 levels


def too_large(size: int) -> MockError:
    return MockError(
        413,
        f"Request body too large: {size} bytes; the limit is {MAX_BODY} bytes (mock).",
        "invalid_request_error",
        "request_too_large",
    )


def normalise(value: Any) -> Any:
    """``value`` with every string (keys too) in NFC; refuses nesting deeper than
    :data:`MAX_DEPTH`. Iterative, so no input can exhaust the stack."""
    root: list[Any] = [value]
    stack: list[tuple[Any, Any, int]] = [(root, 0, 1)]  # (container, key, depth)
    while stack:
        container, key, depth = stack.pop()
        item = container[key]
        if isinstance(item, str):
            container[key] = nfc(item)
        elif isinstance(item, dict | list):
            if depth > MAX_DEPTH:
                raise bad_request(
                    f"The request body is nested more than {MAX_DEPTH} levels deep (mock)."
                )
            if isinstance(item, dict):
                fresh = {nfc(k) if isinstance(k, str) else k: v for k, v in item.items()}
                container[key] = fresh
                stack.extend((fresh, k, depth + 1) for k in fresh)
            else:
                stack.extend((item, i, depth + 1) for i in range(len(item)))
    return root[0]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _optional_bool(body: dict[str, Any], name: str) -> None:
    if body.get(name) is not None and not isinstance(body[name], bool):
        raise bad_request(f"'{name}' must be a boolean", name)


def _schema(schema: Any, param: str) -> None:
    """A JSON schema the reply generators can walk: objects all the way down."""
    if not isinstance(schema, dict):
        raise bad_request(f"'{param}' must be a JSON schema object", param)
    if "properties" in schema:
        props = schema["properties"]
        if not isinstance(props, dict) or not all(isinstance(v, dict) for v in props.values()):
            raise bad_request(
                f"Invalid schema: '{param}.properties' must map names to schema objects", param
            )
        for name, sub in props.items():
            _schema(sub, f"{param}.properties.{name}")
    for key in ("items", "additionalProperties"):
        if key in schema and not isinstance(schema[key], dict | bool):
            raise bad_request(f"Invalid schema: '{param}.{key}' must be a schema object", param)
    if isinstance(schema.get("items"), dict):
        _schema(schema["items"], f"{param}.items")
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = schema[key]
            if not isinstance(options, list) or not all(isinstance(o, dict) for o in options):
                raise bad_request(f"Invalid schema: '{param}.{key}' must be a list", param)
            for i, option in enumerate(options):
                _schema(option, f"{param}.{key}[{i}]")
    for key in ("$defs", "definitions"):
        if key in schema:
            defs = schema[key]
            if not isinstance(defs, dict) or not all(isinstance(v, dict) for v in defs.values()):
                raise bad_request(f"Invalid schema: '{param}.{key}' must map names", param)
            for name, sub in defs.items():
                _schema(sub, f"{param}.{key}.{name}")
    if "enum" in schema and (not isinstance(schema["enum"], list) or not schema["enum"]):
        raise bad_request(f"Invalid schema: '{param}.enum' must be a non-empty list", param)
    if "required" in schema and not isinstance(schema["required"], list):
        raise bad_request(f"Invalid schema: '{param}.required' must be a list", param)


def _tools(tools: Any, nested: bool) -> None:
    if tools is None:
        return
    if not isinstance(tools, list):
        raise bad_request("'tools' must be an array", "tools")
    for i, tool in enumerate(tools):
        if not isinstance(tool, dict):
            raise bad_request(f"'tools[{i}]' must be an object", "tools")
        if tool.get("type", "function") != "function":
            continue
        fn = tool.get("function") if nested else tool
        where = f"tools[{i}].function" if nested else f"tools[{i}]"
        if not isinstance(fn, dict):
            raise bad_request(f"'{where}' must be an object", where)
        if not isinstance(fn.get("name"), str) or not fn["name"]:
            raise bad_request(f"'{where}.name' must be a non-empty string", f"{where}.name")
        if fn.get("description") is not None and not isinstance(fn["description"], str):
            raise bad_request(f"'{where}.description' must be a string", f"{where}.description")
        if fn.get("parameters") is not None:
            _schema(fn["parameters"], f"{where}.parameters")


def _format(fmt: Any, param: str) -> None:
    """``response_format`` (chat) or ``text.format`` (Responses)."""
    if fmt is None:
        return
    if not isinstance(fmt, dict):
        raise bad_request(f"'{param}' must be an object", param)
    kind = fmt.get("type")
    if kind not in ("text", "json_object", "json_schema"):
        raise bad_request(
            f"Invalid value for '{param}.type': expected one of 'text', 'json_object', "
            f"'json_schema', got {kind!r}",
            f"{param}.type",
        )
    if kind == "json_schema":
        holder = fmt.get("json_schema") if param == "response_format" else fmt
        where = f"{param}.json_schema" if param == "response_format" else param
        if not isinstance(holder, dict):
            raise bad_request(f"Missing required parameter: '{where}'", where)
        if not isinstance(holder.get("name", ""), str):
            raise bad_request(f"'{where}.name' must be a string", f"{where}.name")
        if "schema" not in holder:
            raise bad_request(f"Missing required parameter: '{where}.schema'", f"{where}.schema")
        _schema(holder["schema"], f"{where}.schema")


def _tool_choice(choice: Any) -> None:
    if choice is None or choice in ("auto", "none", "required"):
        return
    if isinstance(choice, dict) and (
        isinstance((choice.get("function") or {}).get("name"), str)
        or isinstance(choice.get("name"), str)
        or choice.get("type") in ("auto", "none", "required", "allowed_tools")
    ):
        return
    raise bad_request(
        "'tool_choice' must be 'auto', 'none', 'required' or name a function", "tool_choice"
    )


def _common(body: dict[str, Any]) -> None:
    _optional_bool(body, "stream")
    _optional_bool(body, "parallel_tool_calls")
    _optional_bool(body, "store")
    _tool_choice(body.get("tool_choice"))
    seed = body.get("seed")
    if seed is not None and not _is_int(seed):
        raise bad_request("'seed' must be an integer", "seed")
    for name in ("top_p", "presence_penalty", "frequency_penalty"):
        value = body.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise bad_request(f"'{name}' must be a number", name)
    for name in ("metadata",):
        if body.get(name) is not None and not isinstance(body[name], dict):
            raise bad_request(f"'{name}' must be an object", name)
    if body.get("user") is not None and not isinstance(body["user"], str):
        raise bad_request("'user' must be a string", "user")


def check_chat(body: dict[str, Any]) -> None:
    _common(body)
    opts = body.get("stream_options")
    if opts is not None:
        if not isinstance(opts, dict):
            raise bad_request("'stream_options' must be an object", "stream_options")
        if opts.get("include_usage") is not None and not isinstance(opts["include_usage"], bool):
            raise bad_request("'stream_options.include_usage' must be a boolean", "stream_options")
    _tools(body.get("tools"), nested=True)
    _format(body.get("response_format"), "response_format")
    stop = body.get("stop")
    if stop is not None and not (
        isinstance(stop, str) or (isinstance(stop, list) and all(isinstance(s, str) for s in stop))
    ):
        raise bad_request("'stop' must be a string or an array of strings", "stop")


def check_responses(body: dict[str, Any]) -> None:
    _common(body)
    if body.get("instructions") is not None and not isinstance(body["instructions"], str):
        raise bad_request("'instructions' must be a string", "instructions")
    prev = body.get("previous_response_id")
    if prev is not None and not isinstance(prev, str):
        raise bad_request("'previous_response_id' must be a string", "previous_response_id")
    _tools(body.get("tools"), nested=False)
    text = body.get("text")
    if text is not None:
        if not isinstance(text, dict):
            raise bad_request("'text' must be an object", "text")
        _format(text.get("format"), "text.format")
