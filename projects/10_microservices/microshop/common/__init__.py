"""What every service shares: events and the bus, settings, internal auth, request ids."""
