"""ECRI LMS: training management and e-learning for the ECRI consortium (the factory is in `app`)."""

from .app.factory import create_app

__all__ = ["create_app"]
