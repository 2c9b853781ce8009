"""Shared infrastructure below every area: database, storage, mail, jobs, caching, documents, time."""
