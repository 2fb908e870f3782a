"""Set-up shared by the deadline, notification and restart tests: delegations, entries, works, e-mails."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from accounts.models import User
from common.db import db
from competitions.venue_services import create_contest
from notifications.models import Notification, OutboxMail
from registrations.models import Delegation, Entry, EntryChange, Work
from registrations.services import create_delegation
from tests.factories import PASSWORD, contest_data

#: a fixed "now" for the service tests: registration of the contests below closes 3 days later
NOW = datetime(2026, 6, 1, 4, 0, tzinfo=timezone.utc)


def closing_contest(organiser, event, closes_at: datetime, **over):
    """A contest open since a week before ``closes_at`` (badminton singles unless ``over`` says otherwise)."""
    times = {"registration_opens_at": (closes_at - timedelta(days=7)).isoformat(),
             "registration_closes_at": closes_at.isoformat()}
    return create_contest(organiser, event.id, contest_data(**{**times, **over}))


def photo_contest(organiser, event, closes_at: datetime, **over):
    """A photography (single image) contest closing at ``closes_at``."""
    return closing_contest(organiser, event, closes_at, name="摄影单幅", sport="photography", discipline="single",
                           format={"type": "judged"}, **over)


def delegation(organiser, event, name: str, division: str, leader: str, email: str = "") -> Delegation:
    """A delegation with its leader's account (and the leader's e-mail address, if given)."""
    d = create_delegation(organiser, event.id, {"name": name, "division": division, "leader": {
        "username": leader, "password": PASSWORD, "display_name": leader.title()}})
    if email:
        db.session.get(User, d.leader_id).email = email
        db.session.commit()
    return d


def add_entry(contest, delegation_: Delegation, status: str, name: str | None = None) -> Entry:
    """An entry in ``status`` straight into the database (the deadline code reads whatever is there)."""
    entry = Entry(contest_id=contest.id, delegation_id=delegation_.id, name=name or f"{delegation_.name}-{status}",
                  status=status)
    db.session.add(entry)
    db.session.commit()
    return entry


def add_work(entry: Entry) -> Work:
    """A photo work (without images) on an entry."""
    work = Work(entry_id=entry.id, title="冰城之晨")
    db.session.add(work)
    db.session.commit()
    return work


def notes_of(user_id: int) -> list[Notification]:
    """A user's notifications, oldest first."""
    return list(db.session.scalars(select(Notification).where(Notification.user_id == user_id)
                                   .order_by(Notification.id)))


def mails_to(address: str) -> list[OutboxMail]:
    """The outbox mails to one address, oldest first."""
    return list(db.session.scalars(select(OutboxMail).where(OutboxMail.to_address == address)
                                   .order_by(OutboxMail.id)))


def actions_of(entry_id: int) -> list[tuple[str, int | None]]:
    """(action, user id) of an entry's history, oldest first."""
    return [(c.action, c.user_id) for c in db.session.scalars(
        select(EntryChange).where(EntryChange.entry_id == entry_id).order_by(EntryChange.id))]
