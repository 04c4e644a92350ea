"""Strings and bytes: the text a server reads, hides, lines up and sends."""


def parse_header(line: str) -> tuple[str, str]:
    """Return (lower-case name, value) for a line like 'Content-Type: text/html'; ValueError if malformed."""
    raise NotImplementedError("parse_header: write me (task 1)")


def mask_secret(secret: str, visible: int = 4) -> str:
    """Return the secret with all but its last `visible` characters replaced by '*' (all of it, if short)."""
    raise NotImplementedError("mask_secret: write me (task 2)")


def format_report(rows: list[tuple[str, int]]) -> str:
    """Return one aligned line per (path, hits) row: paths padded left-aligned, hits right-aligned with commas."""
    raise NotImplementedError("format_report: write me (task 3)")


def http_response(status: int, reason: str, body: str) -> bytes:
    """Return a complete HTTP/1.1 text/plain response with the body encoded as UTF-8."""
    raise NotImplementedError("http_response: write me (task 4)")
