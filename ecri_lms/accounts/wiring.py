"""How accounts plug into their own personal-data registry: the devices a person signed in on."""

from . import login_sessions
from .personal_data import register_exporter

register_exporter("login_sessions", login_sessions.export)
