"""The orders service: owns the orders and their status, in its own database."""
