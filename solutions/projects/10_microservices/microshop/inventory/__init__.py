"""The inventory service: holds the stock and reserves it when an order is placed."""
