"""A small shop split into services: gateway, catalog, orders and inventory, talking HTTP and events.

Nothing happens at import time: each service is wired in its own `bootstrap` (`create_app`).
"""
