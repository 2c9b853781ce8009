"""Work outside the request: on Redis with RQ when REDIS_URL is set, inline otherwise."""
