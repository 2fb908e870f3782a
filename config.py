"""Configuration from the environment, with safe defaults for the embedded SQLite set-up."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

ROOT = Path(__file__).resolve().parent
INSTANCE = ROOT / "instance"


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once and kept under instance/."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    INSTANCE.mkdir(exist_ok=True)
    path = INSTANCE / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL", f"sqlite:///{INSTANCE / 'podium.db'}")
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://"):]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


class Config:
    """Settings read by create_app; every key can be overridden by the config mapping it gets."""

    SECRET_KEY = None  # filled in by load()
    SQLALCHEMY_DATABASE_URI = None
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    BABEL_DEFAULT_LOCALE = "zh_CN"
    BABEL_DEFAULT_TIMEZONE = "Asia/Shanghai"
    LANGUAGES = ("zh_CN", "en")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "0") == "1"
    REMEMBER_COOKIE_DURATION = 0
    SESSION_HOURS = int(os.environ.get("PODIUM_SESSION_HOURS", "12"))
    TOKEN_HOURS = int(os.environ.get("PODIUM_TOKEN_HOURS", "24"))
    LOGIN_FAILURE_LIMIT = 5
    LOGIN_FAILURE_WINDOW_MINUTES = 15
    MAX_CONTENT_LENGTH = 32 * 1024 * 1024
    BOOTSTRAP_SERVE_LOCAL = True
    WTF_CSRF_TIME_LIMIT = None
    SCHEDULER_ENABLED = os.environ.get("PODIUM_SCHEDULER", "0") == "1"
    #: photo works (originals and their copies) under random names; never inside static/
    UPLOAD_FOLDER = os.environ.get("PODIUM_UPLOAD_FOLDER", str(INSTANCE / "uploads"))
    #: seconds between the scheduler's deadline and mail rounds (each deadline also has a job of its own)
    SCHEDULER_TICK_SECONDS = int(os.environ.get("PODIUM_SCHEDULER_TICK", "30"))
    #: SMTP for e-mail notifications; without MAIL_SERVER mails stay in the outbox organisers see
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "1") == "1"
    MAIL_SENDER = os.environ.get("MAIL_SENDER", "podium@localhost")
    #: prefixed to the link at the end of a mail, e.g. https://games.example.org (empty: path only)
    MAIL_BASE_URL = os.environ.get("MAIL_BASE_URL", "")


def load(overrides: dict | None = None) -> dict:
    """The configuration as a dict: Config defaults, the environment, then ``overrides``."""
    values = {k: getattr(Config, k) for k in dir(Config) if k.isupper()}
    values["SECRET_KEY"] = _secret_key() if not (overrides or {}).get("SECRET_KEY") else overrides["SECRET_KEY"]
    values["SQLALCHEMY_DATABASE_URI"] = _database_url()
    values.update(overrides or {})
    return values
