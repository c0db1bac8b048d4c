"""``python -m aiwork.gateway``: run the gateway (what the hub's service entry starts), through
the toolkit's error boundary (a bad setting is one line, never a traceback)."""

import sys

from aiwork.cli import main

sys.exit(main(["gateway", "serve"]))
