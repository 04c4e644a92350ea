"""Prices a parcel from the courier's rate card."""
