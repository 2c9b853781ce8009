"""Use cases of the needs area: callable without a request, acting user first, flush never commit."""
