"""Argument types shared by the sub-commands (argparse ``type=``): a bad value is refused by
the parser with one Vietnamese line and exit 2, before the command does anything."""

from __future__ import annotations

import argparse
import ipaddress
import re

from aiwork.errors import InputError

# A host name (RFC 1123): dot-separated labels of letters, digits and inner hyphens.
_HOSTNAME_RE = re.compile(
    r"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$"
)


def check_port(value: int | str, *, allow_zero: bool = False, what: str = "cổng") -> int:
    """A TCP port 1-65535 (0 too with ``allow_zero``: the system picks a free one); raise
    ``InputError`` otherwise. 70000 is refused, not bound as 70000 % 65536."""
    try:
        port = int(str(value).strip())
    except ValueError:
        raise InputError(f"{what} phải là số nguyên từ 1 đến 65535 (đang là {value!r}).") from None
    low = 0 if allow_zero else 1
    if not low <= port <= 65535:
        raise InputError(f"{what} phải từ {low} đến 65535 (đang là {port}).")
    return port


def check_host(value: str, *, what: str = "địa chỉ") -> str:
    """An IP address or a host name to bind; raise ``InputError`` otherwise."""
    text = value.strip()
    try:
        return str(ipaddress.ip_address(text.strip("[]")))
    except ValueError:
        pass
    if _HOSTNAME_RE.match(text) and not text.replace(".", "").isdigit():
        return text
    raise InputError(
        f"{what} {value!r} không hợp lệ: ghi một địa chỉ IP (ví dụ 127.0.0.1, 0.0.0.0) "
        "hoặc tên máy (ví dụ localhost)."
    )


def _argtype(check, **kwargs):
    def convert(text: str):
        try:
            return check(text, **kwargs)
        except InputError as exc:
            raise argparse.ArgumentTypeError(exc.message) from None

    convert.__name__ = check.__name__
    return convert


port = _argtype(check_port)
port_or_zero = _argtype(check_port, allow_zero=True)
host = _argtype(check_host)
