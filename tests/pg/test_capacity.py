"""Capacity under concurrency: real parallel connections racing for a contest's places.

Runs on whichever database the suite runs on: the SQLite file (use cases take the write lock at
BEGIN) and PostgreSQL (the contest row is locked FOR UPDATE) — CI runs both.
"""
import threading

import pytest

from accounts.models import User
from common.db import db
from common.errors import Conflict
from competitions.venue_services import update_contest
from registrations.entry_decisions import withdraw_entry
from registrations.entry_services import list_entries, register_entry
from registrations.models import Entry
from tests.factories import contest_data, members, open_window

SUBMISSIONS = 50


def _race(app, user_id: int, contest_id: int, count: int, start: int = 0) -> list:
    """``count`` threads, each with its own app context, session and connection, submit at the same moment."""
    barrier = threading.Barrier(count)
    outcomes: list = [None] * count

    def submit(i: int) -> None:
        with app.app_context():
            leader = db.session.get(User, user_id)
            db.session.commit()  # give the connection back to the pool while waiting
            barrier.wait()
            try:
                entry = register_entry(leader, contest_id, {"name": f"队{start + i}",
                                                            "members": members(5, start=(start + i) * 5)})
                outcomes[i] = entry.status
            except Conflict as err:
                outcomes[i] = err
            finally:
                db.session.remove()

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def _statuses(contest_id: int) -> list[str]:
    db.session.rollback()  # end this session's snapshot: read what the racers committed
    return [e.status for e in db.session.query(Entry).filter_by(contest_id=contest_id)]


def test_fifty_submissions_for_sixteen_places_with_a_waiting_list(app, create_open_contest, dummy_delegation):
    contest = create_open_contest(name="篮球并发", sport="basketball", discipline="5x5", max_entries=16,
                                  waiting_list=True)
    outcomes = _race(app, dummy_delegation.leader_id, contest.id, SUBMISSIONS)
    assert outcomes.count("pending") == 16 and outcomes.count("waitlisted") == SUBMISSIONS - 16
    statuses = _statuses(contest.id)
    assert statuses.count("pending") == 16 and statuses.count("waitlisted") == 34 and len(statuses) == 50


def test_fifty_submissions_without_a_waiting_list_leave_sixteen(app, create_open_contest, dummy_delegation):
    contest = create_open_contest(name="篮球并发2", sport="basketball", discipline="5x5", max_entries=16)
    outcomes = _race(app, dummy_delegation.leader_id, contest.id, SUBMISSIONS)
    assert outcomes.count("pending") == 16
    assert all(isinstance(o, Conflict) and "full" in str(o) for o in outcomes if o != "pending")
    assert _statuses(contest.id) == ["pending"] * 16


def test_withdrawals_racing_submissions_never_overbook(app, organiser, create_open_contest, dummy_delegation):
    contest = create_open_contest(name="篮球并发3", sport="basketball", discipline="5x5", max_entries=4,
                                  waiting_list=True)
    first = _race(app, dummy_delegation.leader_id, contest.id, 6)
    assert first.count("pending") == 4
    db.session.rollback()
    leader = db.session.get(User, dummy_delegation.leader_id)
    placed = [e.id for e in list_entries(leader, contest.id)[0] if e.status == "pending"]
    assert len(placed) == 4
    barrier = threading.Barrier(3)

    def withdraw(entry_id: int) -> None:
        with app.app_context():
            leader = db.session.get(User, dummy_delegation.leader_id)
            db.session.commit()
            barrier.wait()
            withdraw_entry(leader, entry_id)
            db.session.remove()

    threads = [threading.Thread(target=withdraw, args=(entry_id,)) for entry_id in placed[:2]]
    threads.append(threading.Thread(target=lambda: _race(app, dummy_delegation.leader_id, contest.id, 1, start=90)
                                    if barrier.wait() is not None else None))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    _race(app, dummy_delegation.leader_id, contest.id, 4, start=100)
    statuses = _statuses(contest.id)
    assert statuses.count("pending") == 4 and statuses.count("withdrawn") == 2 and statuses.count("waitlisted") == 5


@pytest.fixture(autouse=True)
def _fresh_connections(app):
    yield
    db.session.remove()
