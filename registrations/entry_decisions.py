"""Organisers' decisions on entries (approve, reject with a reason) and withdrawals, with promotion.

When a place frees (a rejection or a withdrawal), the oldest waitlisted entries move up to pending
in the same transaction, and their leaders are told.
"""
from __future__ import annotations

from sqlalchemy import func, select

from accounts.models import User
from common.db import db
from common.errors import N_, Forbidden
from common.transaction import use_case
from competitions.services import check_version, manages
from notifications.services import notify
from registrations import lifecycle
from registrations.entry_rules import locked_contest, placed_count
from registrations.entry_services import get_entry, lock_entry
from registrations.models import Entry, EntryChange


@use_case
def approve_entry(actor: User | None, entry_id: int, data: dict | None = None) -> Entry:
    """Approve a pending entry (an organiser of the event)."""
    entry = _for_organiser(actor, entry_id, data)
    _move(actor, entry, lifecycle.APPROVED, "approved")
    _tell(entry, "approved", N_("Your entry %(entry)s in %(contest)s was approved."))
    return entry


@use_case
def approve_entries(actor: User | None, entry_ids: list[int]) -> list[Entry]:
    """Approve several pending entries at once (the organisers' bulk action); all or none."""
    return [approve_entry(actor, entry_id) for entry_id in entry_ids]


@use_case
def reject_entry(actor: User | None, entry_id: int, data: dict | None = None) -> Entry:
    """Reject an entry with a reason the leader will see; a waitlisted entry may take its place."""
    entry = _for_organiser(actor, entry_id, data)
    reason = lifecycle.clean_reason(data, required=True)
    held_place = entry.status in lifecycle.PLACED
    _move(actor, entry, lifecycle.REJECTED, "rejected", reason=reason)
    entry.reason = reason
    _tell(entry, "rejected", N_("Your entry %(entry)s in %(contest)s was rejected: %(reason)s"), reason=reason)
    if held_place:
        promote_waiting(entry.contest_id)
    return entry


@use_case
def withdraw_entry(actor: User | None, entry_id: int, data: dict | None = None) -> Entry:
    """Withdraw an entry (its leader or an organiser); the first waitlisted entry moves up."""
    entry = get_entry(actor, entry_id)
    lock_entry(entry)
    check_version(entry, data or {})
    held_place = entry.status in lifecycle.PLACED
    _move(actor, entry, lifecycle.WITHDRAWN, "withdrawn")
    if held_place:
        promote_waiting(entry.contest_id)
    return entry


def _for_organiser(actor: User | None, entry_id: int, data: dict | None) -> Entry:
    entry = get_entry(actor, entry_id)
    if not manages(actor, entry.contest.event_id):
        raise Forbidden(N_("Only the event's organisers decide on entries."))
    lock_entry(entry)
    check_version(entry, data or {})
    return entry


def _move(actor: User | None, entry: Entry, target: str, action: str, reason: str = "") -> None:
    lifecycle.check_move(entry.status, target)
    detail = {"status": [entry.status, target], **({"reason": reason} if reason else {})}
    entry.changes.append(EntryChange(user_id=actor.id if actor else None, action=action, detail=detail))
    entry.status = target
    entry.version += 1


def promote_waiting(contest_id: int) -> None:
    """Move the oldest waitlisted entries up while places are free (a place freed, or more places given)."""
    contest = locked_contest(contest_id)
    waiting = db.session.scalar(select(func.count(Entry.id)).where(
        Entry.contest_id == contest_id, Entry.status == lifecycle.WAITLISTED))
    count = lifecycle.places_to_promote(placed_count(contest_id), contest.max_entries, waiting)
    if not count:
        return
    for entry in db.session.scalars(select(Entry).where(Entry.contest_id == contest_id, Entry.status ==
                                                        lifecycle.WAITLISTED).order_by(Entry.id).limit(count)):
        entry.changes.append(EntryChange(user_id=None, action="promoted",
                                         detail={"status": [lifecycle.WAITLISTED, lifecycle.PENDING]}))
        entry.status = lifecycle.PENDING
        entry.version += 1
        _tell(entry, "promoted", N_("A place freed up: your entry %(entry)s in %(contest)s left the waiting list "
                                    "and awaits approval."))
    db.session.flush()


def _tell(entry: Entry, kind: str, message: str, **params) -> None:
    notify(entry.delegation.leader_id, kind, message, {"entry": entry.name, "contest": entry.contest.name, **params},
           link=f"/entries/{entry.id}", event_id=entry.contest.event_id)
