"""``aiwork mock serve``: run the offline assistant as a server (JupyterHub service too);
``aiwork mock record`` / ``aiwork mock replay``: see :mod:`aiwork.mock.record`."""

from __future__ import annotations

import argparse
import os

from aiwork import cliargs
from aiwork.errors import InputError
from aiwork.fileio import os_reason


def service_bind(url: str, default_host: str) -> tuple[str, int]:
    """(host, port) from JUPYTERHUB_SERVICE_URL, checked (``InputError`` when unusable)."""
    from urllib.parse import urlsplit

    what = f"JUPYTERHUB_SERVICE_URL={url!r}"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise InputError(f"{what}: cổng phải từ 1 đến 65535.") from None
    host = cliargs.check_host(parts.hostname or default_host, what=f"{what}: địa chỉ")
    return host, port or 0


def _serve(args: argparse.Namespace) -> int:
    from aiwork.mock.server import serve_forever

    host, port = args.host, args.port
    # As a JupyterHub managed service the hub passes the URL to bind in JUPYTERHUB_SERVICE_URL.
    service_url = os.environ.get("JUPYTERHUB_SERVICE_URL")
    if port is None and service_url:
        host, port = service_bind(service_url, host)
    handler = None
    if args.replay:
        from aiwork.mock.record import replay_handler

        handler = replay_handler(args.replay)
    port = port if port is not None else 8765
    try:
        return serve_forever(host, port, verbose=args.verbose, handler=handler)
    except OSError as exc:  # the bind: port taken, address not on this machine
        raise InputError(f"Không mở được cổng {port} trên {host}: {os_reason(exc)}.") from None


def _record(args: argparse.Namespace) -> int:
    from aiwork.fileio import check_output_path
    from aiwork.mock.record import serve_recording

    check_output_path(args.cassette, what="Tệp ghi lại (cassette)")
    try:
        return serve_recording(
            args.upstream, args.cassette, args.host, args.port, api_key_env=args.api_key_env
        )
    except OSError as exc:
        if exc.filename:
            raise
        raise InputError(
            f"Không mở được cổng {args.port} trên {args.host}: {os_reason(exc)}."
        ) from None


def register(subparsers: argparse._SubParsersAction) -> None:
    mock = subparsers.add_parser("mock", help="the offline assistant (mock OpenAI API)")
    sub = mock.add_subparsers(dest="mock_command", metavar="ACTION")

    p = sub.add_parser("serve", help="serve the offline assistant over HTTP (OpenAI API)")
    p.add_argument(
        "--host", type=cliargs.host, default="127.0.0.1", help="address to bind (default 127.0.0.1)"
    )
    p.add_argument(
        "--port",
        type=cliargs.port_or_zero,
        default=None,
        help="port (default 8765, or the port in JUPYTERHUB_SERVICE_URL)",
    )
    p.add_argument(
        "--replay",
        metavar="CASSETTE",
        help="answer only from a recorded cassette (JSONL); unrecorded requests fail",
    )
    p.add_argument("--verbose", action="store_true", help="log each request to stderr")
    p.set_defaults(func=_serve)

    p = sub.add_parser("record", help="proxy to a real endpoint and record a cassette (JSONL)")
    p.add_argument(
        "--upstream", required=True, help="real base URL, e.g. https://api.openai.com/v1"
    )
    p.add_argument("--cassette", required=True, help="file to append recordings to")
    p.add_argument("--host", type=cliargs.host, default="127.0.0.1")
    p.add_argument("--port", type=cliargs.port_or_zero, default=8766)
    p.add_argument(
        "--api-key-env",
        default="OPENAI_API_KEY",
        help="environment variable holding the upstream key (default OPENAI_API_KEY)",
    )
    p.set_defaults(func=_record)
    mock.set_defaults(func=lambda args: (mock.print_help(), 2)[1])
