"""The container's HEALTHCHECK: `python -m blog_prod.healthcheck` exits 0 when /healthz answers 200 on $PORT.

The slim image has no curl, and Python is already there, so the check is a few lines of the standard library.
"""

from __future__ import annotations

import sys


def main() -> int:
    """GET http://127.0.0.1:$PORT/healthz (PORT defaults to 8000); return 0 if it answers 200, 1 otherwise."""
    raise NotImplementedError("healthcheck.main: write me (milestone 2, task 4)")


if __name__ == "__main__":
    sys.exit(main())
