"""Values and functions: your first functions, each computing one value and returning it."""


def days_to_seconds(days: int) -> int:
    """Return how many seconds there are in `days` days."""
    raise NotImplementedError("days_to_seconds: write me (task 1)")


def order_total(price: int, quantity: int, shipping: int) -> int:
    """Return the total in cents: `quantity` items at `price` each, plus `shipping` once."""
    raise NotImplementedError("order_total: write me (task 2)")


def average(first: float, second: float, third: float) -> float:
    """Return the average of three numbers."""
    raise NotImplementedError("average: write me (task 3)")


def greeting(name: str) -> str:
    """Return 'Hello, <name>!'."""
    raise NotImplementedError("greeting: write me (task 4)")


def user_label(name: str, user_id: int) -> str:
    """Return '<name> (#<user_id>)', such as 'Ada (#42)'."""
    raise NotImplementedError("user_label: write me (task 5)")
