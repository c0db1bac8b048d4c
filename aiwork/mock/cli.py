"""``aiwork mock serve``: run the offline assistant as a server (JupyterHub service too);
``aiwork mock record`` / ``aiwork mock replay``: see :mod:`aiwork.mock.record`."""

from __future__ import annotations

import argparse
import os


def _serve(args: argparse.Namespace) -> int:
    from aiwork.mock.server import serve_forever

    host, port = args.host, args.port
    # As a JupyterHub managed service the hub passes the URL to bind in JUPYTERHUB_SERVICE_URL.
    service_url = os.environ.get("JUPYTERHUB_SERVICE_URL")
    if port is None and service_url:
        from urllib.parse import urlsplit

        parts = urlsplit(service_url)
        host, port = parts.hostname or host, parts.port or 0
    handler = None
    if args.replay:
        from aiwork.mock.record import replay_handler

        handler = replay_handler(args.replay)
    return serve_forever(
        host, port if port is not None else 8765, verbose=args.verbose, handler=handler
    )


def _record(args: argparse.Namespace) -> int:
    from aiwork.mock.record import serve_recording

    return serve_recording(
        args.upstream, args.cassette, args.host, args.port, api_key_env=args.api_key_env
    )


def register(subparsers: argparse._SubParsersAction) -> None:
    mock = subparsers.add_parser("mock", help="the offline assistant (mock OpenAI API)")
    sub = mock.add_subparsers(dest="mock_command", metavar="ACTION")

    p = sub.add_parser("serve", help="serve the offline assistant over HTTP (OpenAI API)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument(
        "--port",
        type=int,
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
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8766)
    p.add_argument(
        "--api-key-env",
        default="OPENAI_API_KEY",
        help="environment variable holding the upstream key (default OPENAI_API_KEY)",
    )
    p.set_defaults(func=_record)
    mock.set_defaults(func=lambda args: (mock.print_help(), 2)[1])
