"""``aiwork gateway serve`` and ``aiwork gateway usage`` (the cost report)."""

from __future__ import annotations

import argparse
import csv
import logging
import os
import sys
from datetime import date

from aiwork.errors import InputError
from aiwork.fileio import os_reason


def serve_main(argv: list[str] | None = None) -> int:
    import asyncio

    from aiwork.gateway import messages
    from aiwork.gateway.app import GatewayContext, bind, listen, make_app, upstream_from_settings
    from aiwork.gateway.auth import HubTokenChecker
    from aiwork.gateway.settings import from_env
    from aiwork.gateway.store import UsageStore

    settings = checked_settings(from_env)
    # Bind before anything is opened or created (the usage log): a port taken or an address
    # not on this machine is refused with nothing changed.
    try:
        sockets = bind(settings.port, settings.bind_host)
    except OSError as exc:
        raise InputError(
            f"Không mở được cổng {settings.port} trên {settings.bind_host}: {os_reason(exc)}."
        ) from None
    logging.basicConfig(level=logging.INFO, format="[gateway %(levelname)s] %(message)s")
    upstream = upstream_from_settings(settings)
    ctx = GatewayContext(
        settings, HubTokenChecker(messages.FORBIDDEN), UsageStore(settings.db_path), upstream
    )
    # Behind the hub's proxy the service lives under JUPYTERHUB_SERVICE_PREFIX; kernels on the
    # same machine call it directly, so serve both the prefixed and the bare paths.
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/")

    async def run() -> None:
        import signal

        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        # The hub stops its services with SIGINT, then SIGTERM: both are a normal stop.
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        server = listen(make_app(ctx, ("/", prefix)), settings.port, settings.bind_host, sockets)
        logging.info(
            "gateway on %s:%s, upstream %s, daily limit %s tokens",
            settings.bind_host,
            settings.port,
            upstream.label,
            settings.daily_tokens,
        )
        await stop.wait()
        server.stop()
        logging.info("gateway stopped")

    asyncio.run(run())
    return 0


def checked_settings(from_env):
    """The gateway's settings from the environment, refused with one line when unusable (a
    port outside 1-65535 would otherwise bind port % 65536)."""
    from aiwork import cliargs

    try:
        settings = from_env()
    except ValueError as exc:
        raise InputError(
            f"Cấu hình gateway trong biến môi trường không hợp lệ ({exc}); anh/chị kiểm tra "
            "JUPYTERHUB_SERVICE_URL và các biến AIWORK_GATEWAY_*."
        ) from None
    cliargs.check_port(settings.port, what="Cổng của gateway (AIWORK_GATEWAY_PORT)")
    cliargs.check_host(settings.bind_host, what="Địa chỉ của gateway (AIWORK_GATEWAY_HOST)")
    return settings


USAGE_FIX = "Anh/chị chỉ ra đúng tệp nhật ký sử dụng của gateway (AIWORK_GATEWAY_DB)."


def _usage(args: argparse.Namespace) -> int:
    from aiwork.gateway.settings import from_env
    from aiwork.gateway.store import UsageStore, local_day
    from aiwork.integrity import check_sqlite

    path = args.db or checked_settings(from_env).db_path
    if not os.path.exists(path):
        print(f"Chưa có nhật ký sử dụng tại {path}.", file=sys.stderr)
        return 1
    # read-only check first: any other file (a gradebook, a document) is refused untouched
    check_sqlite(path, {"usage"}, what="Nhật ký sử dụng", fix=USAGE_FIX)
    store = UsageStore(path)
    since = args.since or local_day()
    rows = store.report(since, args.until or (local_day() if args.since else since))
    writer = csv.writer(sys.stdout)
    writer.writerow(["user", "requests", "prompt_tokens", "completion_tokens", "total_tokens"])
    for row in rows:
        writer.writerow(
            [row.user, row.requests, row.prompt_tokens, row.completion_tokens, row.total_tokens]
        )
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser("gateway", help="the assistant gateway (hub service)")
    sub = p.add_subparsers(dest="gateway_command", metavar="SUBCOMMAND")
    s = sub.add_parser("serve", help="run the gateway (configured by environment variables)")
    s.set_defaults(func=lambda args: serve_main())
    u = sub.add_parser("usage", help="per-user token usage as CSV (cost report)")
    u.add_argument("--db", default=None, help="usage database (default: AIWORK_GATEWAY_DB)")
    u.add_argument("--since", type=date.fromisoformat, default=None, help="first day, YYYY-MM-DD")
    u.add_argument("--until", type=date.fromisoformat, default=None, help="last day, YYYY-MM-DD")
    u.set_defaults(func=_usage)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])
