"""The container's HEALTHCHECK: `python -m blog_prod.healthcheck` exits 0 when /healthz answers 200 on $PORT.

The slim image has no curl, and Python is already there, so the check is a few lines of the standard library.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request

DEFAULT_PORT = "8000"


def main() -> int:
    """GET http://127.0.0.1:$PORT/healthz; 0 if it says 200, 1 otherwise (Docker's healthy / unhealthy)."""
    url = f"http://127.0.0.1:{os.environ.get('PORT', DEFAULT_PORT)}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            status: int = response.status
    except (urllib.error.URLError, OSError) as error:
        print(f"unhealthy: {url}: {error}", file=sys.stderr)
        return 1
    return 0 if status == 200 else 1


if __name__ == "__main__":
    sys.exit(main())
