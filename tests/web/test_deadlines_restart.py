"""Deadlines survive a restart: the real scheduler (`flask scheduler`, its SQLAlchemy job store) is
started, closes one contest to the second, is stopped before the other's deadline and started again
after it; the second contest is then closed and its leader told. Runs on SQLite and PostgreSQL.
"""
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from common.db import db, utcnow
from competitions.models import Contest
from config import ROOT
from tests.deadline_setup import actions_of, add_entry, closing_contest, delegation, mails_to, notes_of

STARTUP_SECONDS = 10


def _start(url: str, log_path: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PODIUM_", "MAIL_", "FLASK_"))}
    env.update(DATABASE_URL=url, SECRET_KEY="test", PODIUM_SCHEDULER_TICK="3600")  # only exact jobs act
    with open(log_path, "ab") as log:
        return subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", "scheduler"], cwd=ROOT, env=env,
                                stdout=log, stderr=subprocess.STDOUT)


def _stop(proc: subprocess.Popen) -> None:
    """Ctrl-C, as an operator would; a scheduler that does not stop is killed (so that it cannot hold the
    test database) and the test fails saying so."""
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=15)
        pytest.fail("the scheduler did not stop within 15 s of Ctrl-C")


def _stored_jobs() -> dict:
    """id -> next run time of the jobs in the scheduler's table ({} before the scheduler made it)."""
    try:
        with db.engine.connect() as conn:
            rows = conn.execute(text("SELECT id, next_run_time FROM apscheduler_jobs")).all()
    except DBAPIError:
        return {}
    return {job_id: datetime.fromtimestamp(at, timezone.utc) if at is not None else None for job_id, at in rows}


def _closed_at(contest_id: int):
    db.session.rollback()  # a fresh snapshot: the scheduler writes from its own process
    return db.session.get(Contest, contest_id).registration_closed_at


def _wait_for(check, seconds: float, what: str):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}")


def _sleep_until(moment: datetime) -> None:
    time.sleep(max(0.0, (moment - utcnow()).total_seconds()))


@pytest.fixture
def clean_job_store(app):
    yield
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM apscheduler_jobs"))


def test_deadline_met_to_the_second_and_across_a_restart(app, organiser, dummy_event, clean_job_store, tmp_path):
    t0 = utcnow()
    first = closing_contest(organiser, dummy_event, t0 + timedelta(seconds=4.5))
    second = closing_contest(organiser, dummy_event, t0 + timedelta(seconds=8), name="羽毛球女子单打", discipline="WS")
    team = delegation(organiser, dummy_event, "长春市", "city", "lead_cc", "cc@example.org")
    entries = [add_entry(first, team, "approved"), add_entry(second, team, "pending")]
    url, log = app.config["SQLALCHEMY_DATABASE_URI"], str(tmp_path / "scheduler.log")

    proc = _start(url, log)
    try:
        _wait_for(lambda: f"close-{second.id}" in _stored_jobs(), STARTUP_SECONDS, "the deadline jobs to be stored")
        closed = _wait_for(lambda: _closed_at(first.id), 8, "the first deadline")
        assert timedelta(0) <= closed - first.registration_closes_at < timedelta(seconds=1)  # the exact job
    finally:
        _stop(proc)
    assert utcnow() < second.registration_closes_at, "the machine was too slow to stop before the deadline"
    assert _stored_jobs()[f"close-{second.id}"] == second.registration_closes_at  # kept while stopped

    _sleep_until(second.registration_closes_at + timedelta(seconds=0.3))
    assert _closed_at(second.id) is None  # nothing runs while the scheduler is down

    proc = _start(url, log)
    try:
        closed = _wait_for(lambda: _closed_at(second.id), STARTUP_SECONDS, "the overdue deadline after the restart")
    finally:
        _stop(proc)
    assert closed >= second.registration_closes_at
    assert f"close-{second.id}" not in _stored_jobs()
    assert [actions_of(e.id) for e in entries] == [[("locked", None)], [("locked", None)]]
    kinds = [(n.kind, n.params["contest"]) for n in notes_of(team.leader_id)]
    assert ("closed", first.name) in kinds and ("closed", second.name) in kinds
    assert len([m for m in mails_to("cc@example.org") if "报名已截止" in m.subject]) == 2
