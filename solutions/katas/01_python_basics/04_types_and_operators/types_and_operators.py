"""Types and operators: numbers a server produces, made readable."""

_UNITS = ("KiB", "MiB", "GiB", "TiB")


def split_duration(seconds: int) -> tuple[int, int, int]:
    """Return (hours, minutes, seconds) for a whole number of seconds; ValueError if negative."""
    if seconds < 0:
        raise ValueError(f"a duration cannot be negative, got {seconds}")
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return hours, minutes, secs


def format_size(num_bytes: int) -> str:
    """Return a size such as '512 B' or '1.5 KiB', in the largest binary unit that fits."""
    if num_bytes < 1024:
        return f"{num_bytes} B"
    value = num_bytes / 1024
    for unit in _UNITS[:-1]:
        if value < 1024:
            return f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} {_UNITS[-1]}"


def is_valid_port(value: object) -> bool:
    """Return True only for an int (not a bool) from 1 to 65535."""
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 65535
