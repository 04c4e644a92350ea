"""`python -m chat [--host H] [--port P]`: serve the chat with uvicorn, settings from the environment."""

from __future__ import annotations

import argparse

import uvicorn


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m chat", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    uvicorn.run("chat.chat_app:app_from_env", factory=True, host=args.host, port=args.port, ws_max_size=65536)


if __name__ == "__main__":
    main()
