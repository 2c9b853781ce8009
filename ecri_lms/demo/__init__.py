"""Demo data: a believable consortium, loaded by `flask demo load`."""
