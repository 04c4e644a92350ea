"""Templates and static files: Jinja inheritance, a custom filter, and autoescaping."""


def money(cents: int) -> str:
    """Format cents as euros: 2499 -> '€24.99', 123456789 -> '€1,234,567.89', -300 -> '-€3.00'."""
    raise NotImplementedError("money: write me (task 2)")
