"""Attendance pages: session attendance sheets, the run overview, self check-in and one's own attendance."""

from . import checkin, overview, sheet  # noqa: F401  (each module adds its routes to bp)
from .blueprint import bp

__all__ = ["bp"]
