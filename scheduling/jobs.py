"""The scheduler's deadline jobs, kept in its SQLAlchemy job store so they survive a restart.

- ``deadlines-round`` every SCHEDULER_TICK_SECONDS (and once at start-up): closes the contests
  whose deadline has come, sends the 48-hour reminders, delivers queued mail, and brings the
  exact jobs below in line with the contests;
- ``close-<contest id>`` at the contest's registration_closes_at and ``remind-<contest id>`` 48 hours
  before: one-shot date jobs, so a deadline is met to the second. One that came due while no
  scheduler ran fires at start-up (misfire_grace_time=None).
The store keeps each job's function as the text "scheduling.jobs:run_deadlines": keep that name.
"""
from __future__ import annotations

import logging
import threading
from datetime import datetime, timezone

from apscheduler.schedulers.base import BaseScheduler
from flask import Flask

from common.db import db, utcnow
from notifications.services import send_pending_mail
from registrations.deadlines import close_due_registrations, send_due_reminders, upcoming_deadlines

log = logging.getLogger(__name__)
ROUND_ID = "deadlines-round"
PREFIXES = ("close-", "remind-")
_state: dict = {}
#: the periodic round and a deadline's job may run at once: deadlines one at a time, and a slow mail
#: server (a round waits up to its timeout) never holds up a deadline
_deadline_lock, _mail_lock, _sync_lock = threading.Lock(), threading.Lock(), threading.Lock()


def install(scheduler: BaseScheduler, app: Flask) -> None:
    """Add (or replace) the periodic round, first run now; the exact jobs follow from its first run."""
    _state["app"], _state["scheduler"] = app, scheduler
    scheduler.add_job(run_deadlines, "interval", seconds=app.config["SCHEDULER_TICK_SECONDS"], id=ROUND_ID,
                      replace_existing=True, coalesce=True, max_instances=1, misfire_grace_time=3600,
                      next_run_time=datetime.now(timezone.utc))


def run_deadlines() -> None:
    """One round: close due registrations, send due reminders, deliver mail, sync the deadline jobs."""
    app = _state["app"]
    with app.app_context():
        with _deadline_lock:
            now = utcnow()
            _step(close_due_registrations, now)
            _step(send_due_reminders, now)
        if _mail_lock.acquire(blocking=False):  # another round is sending; the next takes the rest
            try:
                _step(send_pending_mail, app.config)
            finally:
                _mail_lock.release()
        with _sync_lock:
            _step(sync_deadline_jobs, _state["scheduler"])


def _step(fn, *args) -> None:
    """Run one part of a round; a failure is logged and does not stop the other parts. No transaction is
    left open after it (a read would otherwise hold its snapshot and table locks through the next steps)."""
    try:
        result = fn(*args)
        if result:
            log.info("%s: %s", fn.__name__, result)
    except Exception:
        log.exception("%s failed", fn.__name__)
    finally:
        db.session.rollback()


def sync_deadline_jobs(scheduler: BaseScheduler) -> int:
    """Add, move or drop the close-/remind- jobs to match the contests still open; how many changed."""
    targets = {}
    for deadline in upcoming_deadlines():
        targets[f"close-{deadline.contest_id}"] = deadline.closes_at
        if deadline.remind_at is not None:
            targets[f"remind-{deadline.contest_id}"] = deadline.remind_at
    db.session.commit()  # end the read before the job store writes
    existing = {job.id: job for job in scheduler.get_jobs() if job.id.startswith(PREFIXES)}
    now, changed = utcnow(), 0
    for job_id in existing.keys() - targets.keys():
        scheduler.remove_job(job_id)
        changed += 1
    for job_id, at in targets.items():
        job = existing.get(job_id)
        if job is not None and job.next_run_time and abs((job.next_run_time - at).total_seconds()) < 0.001:
            continue
        if job is None and at <= now:
            continue  # overdue and never scheduled: this round handles it
        scheduler.add_job(run_deadlines, "date", run_date=at, id=job_id, replace_existing=True,
                          misfire_grace_time=None, coalesce=True)
        changed += 1
    return changed
