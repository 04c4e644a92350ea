"""Values and functions: your first functions, each computing one value and returning it."""

SECONDS_PER_DAY = 24 * 60 * 60


def days_to_seconds(days: int) -> int:
    """Return how many seconds there are in `days` days."""
    return days * SECONDS_PER_DAY


def order_total(price: int, quantity: int, shipping: int) -> int:
    """Return the total in cents: `quantity` items at `price` each, plus `shipping` once."""
    return price * quantity + shipping


def average(first: float, second: float, third: float) -> float:
    """Return the average of three numbers."""
    return (first + second + third) / 3


def greeting(name: str) -> str:
    """Return 'Hello, <name>!'."""
    return f"Hello, {name}!"


def user_label(name: str, user_id: int) -> str:
    """Return '<name> (#<user_id>)', such as 'Ada (#42)'."""
    return f"{name} (#{user_id})"
