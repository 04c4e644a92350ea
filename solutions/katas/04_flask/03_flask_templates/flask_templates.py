"""Templates and static files: Jinja inheritance, a custom filter, and autoescaping."""


def money(cents: int) -> str:
    """Format cents as euros: 2499 -> '€24.99', 123456789 -> '€1,234,567.89', -300 -> '-€3.00'."""
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    return f"{sign}€{euros:,}.{rest:02d}"
