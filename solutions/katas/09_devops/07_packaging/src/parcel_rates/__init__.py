"""Prices a parcel from the courier's rate card."""

__version__ = "1.2.0"
