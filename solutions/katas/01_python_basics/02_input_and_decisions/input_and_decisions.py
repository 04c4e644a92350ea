"""Input and decisions: ask the person at the keyboard, answer them, and decide with `if`."""

MAX_FAILED_ATTEMPTS = 3


def welcome() -> None:
    """Ask 'What is your name? ' and print 'Welcome, <name>!'."""
    name = input("What is your name? ")
    print(f"Welcome, {name}!")


def ask_quantity() -> int:
    """Ask 'How many? ' and return the answer as an int; ValueError if it is below 1."""
    quantity = int(input("How many? "))
    if quantity < 1:
        raise ValueError("quantity must be at least 1")
    return quantity


def shipping_cost(total: int) -> int:
    """Return the shipping in cents: 0 from 5000 up, 299 from 2000 up, 499 below 2000."""
    if total >= 5000:
        return 0
    if total >= 2000:
        return 299
    return 499


def can_log_in(is_active: bool, failed_attempts: int) -> bool:
    """Return True if the account is active and has had fewer than 3 failed attempts."""
    return is_active and failed_attempts < MAX_FAILED_ATTEMPTS


def checkout() -> None:
    """Ask 'Order total in cents? ' and print 'Free shipping!' or 'Shipping: <cents> cents'."""
    cost = shipping_cost(int(input("Order total in cents? ")))
    if cost == 0:
        print("Free shipping!")
    else:
        print(f"Shipping: {cost} cents")
