"""Write tracking for every session, and the app's result store."""

from flask import Flask

from .store import install_store
from .versions import install_write_tracking


def register(app: Flask) -> None:
    install_write_tracking()
    install_store(app)
