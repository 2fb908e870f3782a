"""The background scheduler (APScheduler 3 with its SQLAlchemy job store): exactly one per deployment.

Under ``make run`` it runs in the app process. Under several gunicorn workers each worker tries a
PostgreSQL advisory lock and only the holder starts it; or run ``flask --app app scheduler`` as a
separate process and leave PODIUM_SCHEDULER unset in the workers.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from flask import Flask
from sqlalchemy import create_engine, text

from accounts.maintenance import purge_expired_credentials
from scheduling.jobs import install as install_deadline_jobs

log = logging.getLogger(__name__)
LOCK_ID = 7_291_001  # the advisory lock that elects the one scheduler on PostgreSQL
_state: dict = {}


def purge_expired() -> None:
    """Delete expired sessions, tokens and old login failures (runs hourly)."""
    app = _state["app"]
    with app.app_context():
        purge_expired_credentials(timedelta(days=1))


def _elected(url: str) -> bool:
    if not url.startswith("postgresql"):
        return True
    conn = create_engine(url).connect()
    if conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": LOCK_ID}).scalar():
        _state["lock_conn"] = conn  # held for the life of the process
        return True
    conn.close()
    return False


def make_scheduler(app: Flask) -> BackgroundScheduler:
    """A scheduler whose jobs are stored in the app's database, so they survive restarts."""
    store = SQLAlchemyJobStore(url=app.config["SQLALCHEMY_DATABASE_URI"], tablename="apscheduler_jobs")
    scheduler = BackgroundScheduler(jobstores={"default": store}, timezone="UTC")
    _state["app"] = app
    return scheduler


def start_scheduler(app: Flask) -> BackgroundScheduler | None:
    """Start the one scheduler of the deployment, if this process is elected; None otherwise."""
    if "scheduler" in _state:
        return _state["scheduler"]
    if not _elected(app.config["SQLALCHEMY_DATABASE_URI"]):
        log.info("another process runs the scheduler")
        return None
    scheduler = make_scheduler(app)
    scheduler.add_job(purge_expired, "interval", hours=1, id="purge_expired", replace_existing=True)
    install_deadline_jobs(scheduler, app)
    scheduler.start()
    _state["scheduler"] = scheduler
    app.extensions["scheduler"] = scheduler
    log.info("scheduler started")
    return scheduler
