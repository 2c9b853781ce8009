"""Scheduling pages: browsing and registering, staff planning, venues, calendars and feeds."""

from . import browse, feeds, manage, materials, venues  # noqa: F401  (each module adds its routes to bp)
from .blueprint import bp

__all__ = ["bp"]
