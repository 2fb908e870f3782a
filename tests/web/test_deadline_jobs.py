"""The exact deadline jobs follow the contests: added, moved when a deadline moves, dropped once done."""
from datetime import timedelta

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.util import ref_to_obj

from common.db import utcnow
from competitions.venue_services import update_contest
from registrations.deadlines import REMIND_BEFORE, close_due_registrations
from scheduling.jobs import ROUND_ID, install, run_deadlines, sync_deadline_jobs
from tests.deadline_setup import add_entry, closing_contest, delegation, mails_to, notes_of
from tests.factories import contest_data
from tests.smtp_sink import SmtpSink


@pytest.fixture
def scheduler():
    scheduler = BackgroundScheduler(timezone="UTC")  # memory job store, nothing runs while paused
    scheduler.start(paused=True)
    yield scheduler
    scheduler.shutdown(wait=False)


def _jobs(scheduler):
    return {job.id: job.next_run_time for job in scheduler.get_jobs()}


def test_jobs_follow_the_contests(app, organiser, dummy_event, scheduler):
    closes = (utcnow() + timedelta(days=5)).replace(microsecond=0)
    contest = closing_contest(organiser, dummy_event, closes)
    overdue = closing_contest(organiser, dummy_event, utcnow() - timedelta(minutes=1), name="过期", discipline="WS")

    assert sync_deadline_jobs(scheduler) == 2
    assert _jobs(scheduler) == {f"close-{contest.id}": closes, f"remind-{contest.id}": closes - REMIND_BEFORE}
    job = scheduler.get_job(f"close-{contest.id}")
    assert (job.func_ref, job.misfire_grace_time) == ("scheduling.jobs:run_deadlines", None)
    assert f"close-{overdue.id}" not in _jobs(scheduler)  # overdue: the periodic round closes it
    assert sync_deadline_jobs(scheduler) == 0

    later = closes + timedelta(hours=3)
    update_contest(organiser, contest.id, contest_data(
        registration_opens_at=(closes - timedelta(days=7)).isoformat(), registration_closes_at=later.isoformat()))
    assert sync_deadline_jobs(scheduler) == 2
    assert _jobs(scheduler) == {f"close-{contest.id}": later, f"remind-{contest.id}": later - REMIND_BEFORE}

    close_due_registrations(later)
    assert sync_deadline_jobs(scheduler) == 2 and _jobs(scheduler) == {}


def test_job_function_is_importable_by_reference():
    assert ref_to_obj("scheduling.jobs:run_deadlines") is run_deadlines


def test_a_round_closes_reminds_mails_and_schedules(app, organiser, dummy_event, scheduler):
    overdue = closing_contest(organiser, dummy_event, utcnow() - timedelta(seconds=5))
    soon = closing_contest(organiser, dummy_event, utcnow() + timedelta(hours=20), name="女单", discipline="WS")
    later = closing_contest(organiser, dummy_event, utcnow() + timedelta(days=9), name="混双", discipline="XD")
    team = delegation(organiser, dummy_event, "长春市", "city", "lead_cc", "cc@example.org")
    add_entry(overdue, team, "approved")
    with SmtpSink() as sink:
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=sink.port, MAIL_USE_TLS=False, MAIL_USERNAME="")
        install(scheduler, app)
        assert ROUND_ID in _jobs(scheduler)
        run_deadlines()
    subjects = sorted(message["Subject"] for _, message in sink.received)
    assert subjects == ["[赛事通] 报名已截止 / Registration closed",
                        "[赛事通] 报名截止提醒 / Registration deadline reminder"]
    assert [n.kind for n in notes_of(team.leader_id)] == ["closed", "reminder"]  # `soon`: no entry yet
    assert all(m.sent_at for m in mails_to("cc@example.org"))
    assert set(_jobs(scheduler)) == {ROUND_ID, f"close-{soon.id}", f"close-{later.id}", f"remind-{later.id}"}
