"""Deadlines that run themselves: registration closes at each contest's deadline, and leaders are
reminded 48 hours before (what "incomplete" means: registrations.reminder_rules).

Called by the scheduler (scheduling.jobs) with the current time. Both are idempotent: a contest is
closed once (``registration_closed_at``) and reminded once (``reminder_sent_at``), each contest in a
transaction of its own that locks the contest row and checks again, so a second run, a job racing
the periodic round, or a restart in the middle never closes or reminds twice.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from common.db import db, lock
from common.errors import N_
from common.transaction import use_case
from competitions.models import Contest
from competitions.sports import SPORTS
from notifications.services import notify
from registrations import lifecycle
from registrations.models import Delegation, Entry, EntryChange, Work
from registrations.reminder_rules import Standing, reminder_reasons

REMIND_BEFORE = timedelta(hours=48)
CLOSED = N_("Registration for %(contest)s closed at %(closes_at)s; the rosters of your %(count)s entries are "
            "locked.")


@dataclass(frozen=True)
class Deadline:
    """When a contest still open must be closed, and when its leaders are to be reminded (None: done)."""

    contest_id: int
    closes_at: datetime
    remind_at: datetime | None


def upcoming_deadlines() -> list[Deadline]:
    """The deadlines of every contest not closed yet, for the scheduler's exact jobs."""
    rows = db.session.execute(select(Contest.id, Contest.registration_opens_at, Contest.registration_closes_at,
                                     Contest.reminder_sent_at).where(Contest.registration_closed_at.is_(None))
                              .order_by(Contest.id)).all()
    out = []
    for contest_id, opens_at, closes_at, reminded in rows:
        remind_at = max(closes_at - REMIND_BEFORE, opens_at)
        out.append(Deadline(contest_id, closes_at, None if reminded or remind_at >= closes_at else remind_at))
    return out


def close_due_registrations(now: datetime) -> list[int]:
    """Close registration of every contest whose deadline has come; the ids of the contests closed now."""
    due = db.session.scalars(select(Contest.id).where(
        Contest.registration_closes_at <= now, Contest.registration_closed_at.is_(None))
        .order_by(Contest.registration_closes_at, Contest.id)).all()
    return [contest_id for contest_id in due if _close_registration(contest_id, now)]


@use_case
def _close_registration(contest_id: int, now: datetime) -> bool:
    """Lock one contest's rosters: mark it closed, note "locked" on each active entry, tell the leaders."""
    contest = lock(Contest, contest_id)
    if contest is None or contest.registration_closed_at is not None or contest.registration_closes_at > now:
        return False
    contest.registration_closed_at = now
    entries = db.session.execute(select(Entry.id, Entry.delegation_id, Entry.status).where(
        Entry.contest_id == contest_id, Entry.status.in_(lifecycle.ACTIVE)).order_by(Entry.id)).all()
    per_delegation = Counter()
    for entry_id, delegation_id, status in entries:
        db.session.add(EntryChange(entry_id=entry_id, user_id=None, action="locked",
                                   detail={"status": status, "deadline": contest.registration_closes_at.isoformat()}))
        per_delegation[delegation_id] += 1
    for delegation_id, leader_id in _leaders(list(per_delegation)):
        notify(leader_id, "closed", CLOSED, {"contest": contest.name, "count": per_delegation[delegation_id],
                                             "closes_at": _local(contest.registration_closes_at, contest)},
               link=f"/contests/{contest.id}", event_id=contest.event_id)
    return True


def send_due_reminders(now: datetime) -> list[int]:
    """Remind leaders of contests closing within 48 hours of what they still lack; the ids reminded now."""
    due = db.session.scalars(select(Contest.id).where(
        Contest.reminder_sent_at.is_(None), Contest.registration_closed_at.is_(None),
        Contest.registration_opens_at <= now, Contest.registration_closes_at > now,
        Contest.registration_closes_at <= now + REMIND_BEFORE)
        .order_by(Contest.registration_closes_at, Contest.id)).all()
    return [contest_id for contest_id in due if _send_reminders(contest_id, now) is not None]


@use_case
def _send_reminders(contest_id: int, now: datetime) -> int | None:
    """Send one contest's reminders and mark it reminded; how many were sent (None: not due after all)."""
    contest = lock(Contest, contest_id)
    if (contest is None or contest.reminder_sent_at is not None or contest.registration_closed_at is not None
            or not contest.registration_opens_at <= now < contest.registration_closes_at
            or contest.registration_closes_at - REMIND_BEFORE > now):
        return None
    contest.reminder_sent_at = now
    sent = 0
    base = {"contest": contest.name, "closes_at": _local(contest.registration_closes_at, contest)}
    for leader_id, standing in _standings(contest):
        for msgid, params in reminder_reasons(standing):
            notify(leader_id, "reminder", msgid, {**base, **params}, link=f"/contests/{contest.id}",
                   event_id=contest.event_id)
            sent += 1
    return sent


def _standings(contest: Contest) -> list[tuple[int, Standing]]:
    """(leader id, Standing) of each delegation the contest is open to."""
    where = [Delegation.event_id == contest.event_id]
    if contest.division_id is not None:
        where.append(Delegation.division_id == contest.division_id)
    delegations = db.session.execute(select(Delegation.id, Delegation.leader_id).where(*where)
                                     .order_by(Delegation.id)).all()
    by_status = db.session.execute(select(Entry.delegation_id, Entry.status, func.count(Entry.id)).where(
        Entry.contest_id == contest.id, Entry.status.in_(lifecycle.ACTIVE))
        .group_by(Entry.delegation_id, Entry.status)).all()
    active, waiting = Counter(), Counter()
    for delegation_id, status, count in by_status:
        active[delegation_id] += count
        if status in (lifecycle.PENDING, lifecycle.WAITLISTED):
            waiting[delegation_id] += count
    without_works = _without_works(contest) if SPORTS[contest.sport].kind == "judged" else Counter()
    placed = sum(c for _, s, c in by_status if s in lifecycle.PLACED)
    can_enter = contest.max_entries is None or placed < contest.max_entries or contest.waiting_list
    return [(leader_id, Standing(active[d], waiting[d], without_works[d], can_enter))
            for d, leader_id in delegations]


def _without_works(contest: Contest) -> Counter:
    """Per delegation, its active entries in the contest with no work uploaded."""
    has_work = select(Work.id).where(Work.entry_id == Entry.id).exists()
    rows = db.session.execute(select(Entry.delegation_id, func.count(Entry.id)).where(
        Entry.contest_id == contest.id, Entry.status.in_(lifecycle.ACTIVE), ~has_work)
        .group_by(Entry.delegation_id)).all()
    return Counter(dict(rows))


def _leaders(delegation_ids: list[int]) -> list[tuple[int, int]]:
    """(delegation id, leader id) pairs, in delegation order."""
    if not delegation_ids:
        return []
    return list(db.session.execute(select(Delegation.id, Delegation.leader_id)
                                   .where(Delegation.id.in_(delegation_ids)).order_by(Delegation.id)).all())


def _local(moment: datetime, contest: Contest) -> str:
    """A time as the event shows it: 2025-12-10 17:00 in the event's time zone."""
    return moment.astimezone(ZoneInfo(contest.event.timezone)).strftime("%Y-%m-%d %H:%M")
