"""The application factory: configuration, extensions, then every area's models, views and commands."""

import importlib
import os
from pathlib import Path
from urllib.parse import urlsplit

import flask_babel
from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from config import CONFIGS, DEV_SECRET_KEY, engine_options

from ..infra.extensions import babel, bootstrap, csrf, db, limiter, login_manager, migrate
from ..infra.i18n import N_, gettext
from ..infra.mail.transport import describe as describe_mail_transport

ROOT = Path(__file__).resolve().parent.parent.parent

# Domain areas, in dependency order. Each may have models, wiring (how it plugs into other areas'
# registries, with an optional `register(app)`), subscriptions (what it does when rows of the areas
# below it are committed: `infra.events`), views (a `bp` blueprint) and cli (a `register(app)`
# function); importing the models registers their tables.
AREAS = (
    "infra.caching",
    "accounts.partners",
    "accounts",
    "accounts.audit",
    "notifications",
    "app",
    "infra.jobs",
    "infra.mail",
    "notifications.outbox",
    "catalogue",
    "scheduling",
    "assessment",
    "attendance",
    "certificates.gradebook",
    "certificates",
    "needs",
    "evaluations",
    "reporting",
    "scheduling.reminders",
    "demo",
    "infra.backup",
    "privacy",
)


def create_app(config_name: str | None = None, overrides: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(ROOT / "instance"),
    )
    config_name = config_name or os.environ.get("ECRI_CONFIG", "development")
    app.config.from_object(CONFIGS[config_name])
    app.config.update(overrides or {})
    _refuse_unsafe_production(app, config_name)
    _trust_only_public_host(app, config_name)
    if app.config.get("TRUST_PROXY_HEADERS", os.environ.get("TRUST_PROXY_HEADERS") == "1"):
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)

    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    from ..infra.input_guards import install_input_guards

    install_input_guards(app)
    _init_extensions(app)
    _load_areas(app)
    if not app.testing:
        app.logger.warning(describe_mail_transport(app))

    from ..infra.errors import register_error_handlers
    from ..infra.memo import install_memo
    from ..infra.query_count import install_query_counter
    from ..infra.security import install_security_headers
    from .templating import install_template_helpers

    install_security_headers(app)
    install_template_helpers(app)
    install_query_counter(app)
    install_memo(app)
    register_error_handlers(app)
    return app


def _refuse_unsafe_production(app: Flask, config_name: str) -> None:
    if config_name == "production" and app.config["SECRET_KEY"] in ("", DEV_SECRET_KEY):
        raise RuntimeError("Refusing to start in production with the development SECRET_KEY: set SECRET_KEY.")
    if config_name == "production" and not app.config["PUBLIC_BASE_URL"]:
        raise RuntimeError(
            "Refusing to start in production without PUBLIC_BASE_URL: certificates, calendars and e-mails"
            " link to it (set it to the site's address, e.g. https://training.example.eu)."
        )


def _trust_only_public_host(app: Flask, config_name: str) -> None:
    """In production a request naming another host is refused (400), whatever the proxy lets through."""
    if config_name == "production" and not app.config.get("TRUSTED_HOSTS"):
        app.config["TRUSTED_HOSTS"] = [urlsplit(app.config["PUBLIC_BASE_URL"]).hostname]


def _init_extensions(app: Flask) -> None:
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(
        app.config["SQLALCHEMY_DATABASE_URI"],
        app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}),
        app.config["SQLITE_BUSY_TIMEOUT"],
    )
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True, compare_type=True)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = N_("Please log in to see this page.")
    login_manager.localize_callback = gettext
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    csrf.init_app(app)
    limiter.init_app(app)
    bootstrap.init_app(app)
    from ..accounts.languages import select_locale

    babel.init_app(app, locale_selector=select_locale)
    # Flask-Babel keeps the locale on the app context: a request that shares one (the test client's,
    # a CLI command's) must still choose its own language.
    app.before_request(flask_babel.refresh)
    app.teardown_request(lambda _error: flask_babel.refresh())

    login_manager.user_loader(load_request_user)


def load_request_user(identity: str):
    """The request's user, read with the unread notifications of every page's menu (one query)."""
    from ..accounts.loading import load_user
    from ..notifications.services import UNREAD, unread_subquery

    return load_user(identity, {UNREAD: unread_subquery})


def _load_areas(app: Flask) -> None:
    from ..infra import events

    events.install()
    for area in AREAS:
        for module_name in ("models", "wiring", "subscriptions", "views", "cli"):
            try:
                module = importlib.import_module(f"ecri_lms.{area}.{module_name}")
            except ModuleNotFoundError as error:
                if error.name != f"ecri_lms.{area}.{module_name}":
                    raise
                continue
            if module_name == "views":
                app.register_blueprint(module.bp)
            elif hasattr(module, "register"):  # cli commands, or wiring that needs the app
                module.register(app)
