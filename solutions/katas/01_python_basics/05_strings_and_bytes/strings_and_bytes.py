"""Strings and bytes: the text a server reads, hides, lines up and sends."""

CRLF = "\r\n"


def parse_header(line: str) -> tuple[str, str]:
    """Return (lower-case name, value) for a line like 'Content-Type: text/html'; ValueError if malformed."""
    name, separator, value = line.partition(":")
    if not separator or not name or any(char in name for char in " \t"):
        raise ValueError(f"malformed header line: {line!r}")
    return name.lower(), value.strip()


def mask_secret(secret: str, visible: int = 4) -> str:
    """Return the secret with all but its last `visible` characters replaced by '*' (all of it, if short)."""
    if visible <= 0 or len(secret) <= visible * 2:
        return "*" * len(secret)
    return "*" * (len(secret) - visible) + secret[-visible:]


def format_report(rows: list[tuple[str, int]]) -> str:
    """Return one aligned line per (path, hits) row: paths padded left-aligned, hits right-aligned with commas."""
    if not rows:
        return ""
    path_width = max(len(path) for path, _ in rows)
    hits_width = max(len(f"{hits:,}") for _, hits in rows)
    return "\n".join(f"{path:<{path_width}}  {hits:>{hits_width},}" for path, hits in rows)


def http_response(status: int, reason: str, body: str) -> bytes:
    """Return a complete HTTP/1.1 text/plain response with the body encoded as UTF-8."""
    payload = body.encode()  # str.encode() is UTF-8 unless told otherwise
    head = CRLF.join(
        (
            f"HTTP/1.1 {status} {reason}",
            "Content-Type: text/plain; charset=utf-8",
            f"Content-Length: {len(payload)}",
            "",
            "",
        )
    )
    return head.encode() + payload
