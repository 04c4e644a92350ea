"""Types and operators: numbers a server produces, made readable."""


def split_duration(seconds: int) -> tuple[int, int, int]:
    """Return (hours, minutes, seconds) for a whole number of seconds; ValueError if negative."""
    raise NotImplementedError("split_duration: write me (task 1)")


def format_size(num_bytes: int) -> str:
    """Return a size such as '512 B' or '1.5 KiB', in the largest binary unit that fits."""
    raise NotImplementedError("format_size: write me (task 2)")


def is_valid_port(value: object) -> bool:
    """Return True only for an int (not a bool) from 1 to 65535."""
    raise NotImplementedError("is_valid_port: write me (task 3)")
