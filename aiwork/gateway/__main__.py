"""``python -m aiwork.gateway``: run the gateway (what the hub's service entry starts)."""

import sys

from aiwork.gateway.cli import serve_main

sys.exit(serve_main())
