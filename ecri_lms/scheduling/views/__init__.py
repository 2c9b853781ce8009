"""Scheduling pages: browsing and registering, staff planning, venues, calendars and feeds."""

from . import browse, feeds, manage, venues  # noqa: F401  (each module adds its routes to bp)
from .blueprint import bp

__all__ = ["bp"]
