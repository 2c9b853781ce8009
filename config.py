"""Configuration read from the environment, with safe defaults for development."""

import os
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
DEV_SECRET_KEY = "dev-only-secret-key-change-me"


def normalise_database_url(url: str) -> str:
    """Let a plain postgresql:// URL use psycopg 3, the driver we ship."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def public_base_url(environ) -> str:
    """PUBLIC_BASE_URL, or in development the loopback address on the port the server listens on."""
    return environ.get("PUBLIC_BASE_URL") or f"http://127.0.0.1:{int(environ.get('FLASK_RUN_PORT', 5000))}"


def _hosts(value: str) -> list[str] | None:
    return [host.strip() for host in value.split(",") if host.strip()] or None


def _names(value: str) -> list[str]:
    return [name.strip() for name in value.split(",") if name.strip()]


def engine_options(database_url: str, options: dict, sqlite_busy_timeout: int) -> dict:
    """Engine options for this database: SQLite writers wait for each other instead of failing."""
    merged = dict(options)
    if database_url.startswith("sqlite"):
        merged["connect_args"] = {"timeout": sqlite_busy_timeout} | dict(merged.get("connect_args", {}))
    return merged


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
    SQLALCHEMY_DATABASE_URI = normalise_database_url(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'instance' / 'ecri_lms.sqlite'}")
    )
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SQLITE_BUSY_TIMEOUT = _int("SQLITE_BUSY_TIMEOUT", 15)  # seconds a writer waits for the lock
    REDIS_URL = os.environ.get("REDIS_URL", "")
    RATELIMIT_STORAGE_URI = os.environ.get("REDIS_URL") or "memory://"
    RATELIMIT_STORAGE_OPTIONS = {"socket_connect_timeout": 2}  # a Redis that does not answer is given up quickly
    # Redis down: count in each process (each route keeps its limits, a warning is logged) rather than fail.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_SWALLOW_ERRORS = True  # where the fallback does not reach (limits deducted after the response)
    # Only the 429 page sends Retry-After (errors.py): the limiter's own would contradict the login back-off's.
    RATELIMIT_HEADERS_ENABLED = False
    RATELIMIT_ENABLED = True
    # Failed logins from one address, whatever the account (successes never count: a classroom shares one
    # address). Per account and address, failures back off (accounts/login_failures.py).
    LOGIN_RATE_LIMIT_PER_ADDRESS = os.environ.get("LOGIN_RATE_LIMIT_PER_ADDRESS", "30 per minute;300 per hour")
    # Look-ups of codes that were never issued, per address (guessing codes is the only attack).
    VERIFY_RATE_LIMIT_UNKNOWN = os.environ.get("VERIFY_RATE_LIMIT_UNKNOWN", "20 per minute")

    BOOTSTRAP_SERVE_LOCAL = True
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "ecri_lms" / "translations")
    WTF_CSRF_TIME_LIMIT = None

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = False
    # How long "keep me logged in" lasts; a device unused for as long is logged out on the server too.
    REMEMBER_COOKIE_DURATION = timedelta(days=_int("REMEMBER_COOKIE_DAYS", 365))

    STORAGE_DIR = os.environ.get("STORAGE_DIR", str(BASE_DIR / "instance" / "storage"))
    CONTENT_DIR = os.environ.get("CONTENT_DIR", str(BASE_DIR / "course_content"))
    QUIZ_GRACE_SECONDS = _int("QUIZ_GRACE_SECONDS", 30)  # a quiz answer this late after the time limit still counts
    MAX_UPLOAD_BYTES = _int("MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
    MAX_CONTENT_LENGTH = MAX_UPLOAD_BYTES + 1024 * 1024
    # One GIFT import (page or `flask quiz import-gift`): a bigger file is refused with a message.
    GIFT_IMPORT_MAX_BYTES = _int("GIFT_IMPORT_MAX_BYTES", 1024 * 1024)
    GIFT_IMPORT_MAX_QUESTIONS = _int("GIFT_IMPORT_MAX_QUESTIONS", 1000)

    # Survey and evaluation figures over fewer people are not shown, nor comments under fewer answers
    # (ecri_lms/needs/small_groups.py).
    PRIVACY_MIN_GROUP_SIZE = _int("PRIVACY_MIN_GROUP_SIZE", 5)
    PRIVACY_MIN_COMMENTS = _int("PRIVACY_MIN_COMMENTS", 3)

    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = _int("MAIL_PORT", 587)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "1") == "1"
    MAIL_SENDER = os.environ.get("MAIL_SENDER", "ECRI LMS <no-reply@ecri-lms.local>")

    # Heavy read-only results (dashboards, rankings, coverage) kept until their tables change (caching/).
    RESULT_CACHE = os.environ.get("RESULT_CACHE", "1") == "1"
    COUNT_QUERIES = os.environ.get("BENCH_COUNT_QUERIES") == "1"  # X-Query-Count header (core/query_count.py)

    # Every absolute link (infra/links.py). In development it follows the port `make run` and `flask run`
    # listen on (FLASK_RUN_PORT), never a request's Host header; production must set it.
    PUBLIC_BASE_URL = public_base_url(os.environ)
    # Host names a request may carry (others get 400); production defaults to PUBLIC_BASE_URL's host.
    TRUSTED_HOSTS = _hosts(os.environ.get("TRUSTED_HOSTS", ""))
    PASSWORD_RESET_MAX_AGE = _int("PASSWORD_RESET_MAX_AGE", 3600)
    # Roles whose holders approve training plans (comma-separated role names); a version's author never
    # approves it. The default: the consortium coordinator approves every partner's plan.
    PLAN_APPROVER_ROLES = _names(os.environ.get("PLAN_APPROVER_ROLES", "consortium_coordinator"))


class DevelopmentConfig(Config):
    DEBUG = False


class TestingConfig(Config):
    TESTING = True
    SECRET_KEY = "testing-secret-key"
    WTF_CSRF_ENABLED = False
    RATELIMIT_ENABLED = False
    RATELIMIT_STORAGE_URI = "memory://"
    SQLALCHEMY_DATABASE_URI = "sqlite://"


class ProductionConfig(Config):
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "")
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}
