"""Input and decisions: ask the person at the keyboard, answer them, and decide with `if`."""


def welcome() -> None:
    """Ask 'What is your name? ' and print 'Welcome, <name>!'."""
    raise NotImplementedError("welcome: write me (task 1)")


def ask_quantity() -> int:
    """Ask 'How many? ' and return the answer as an int; ValueError if it is below 1."""
    raise NotImplementedError("ask_quantity: write me (task 2)")


def shipping_cost(total: int) -> int:
    """Return the shipping in cents: 0 from 5000 up, 299 from 2000 up, 499 below 2000."""
    raise NotImplementedError("shipping_cost: write me (task 3)")


def can_log_in(is_active: bool, failed_attempts: int) -> bool:
    """Return True if the account is active and has had fewer than 3 failed attempts."""
    raise NotImplementedError("can_log_in: write me (task 4)")


def checkout() -> None:
    """Ask 'Order total in cents? ' and print 'Free shipping!' or 'Shipping: <cents> cents'."""
    raise NotImplementedError("checkout: write me (task 5)")
