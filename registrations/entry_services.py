"""Entry use cases: a leader (or an organiser for the delegation) registers and edits an entry; reads.

Every write locks the contest row first (FOR UPDATE on PostgreSQL; SQLite use cases hold the write
lock from BEGIN), so counting the places and taking one cannot interleave: 50 simultaneous
submissions for 16 places give exactly 16 entries that hold a place.
"""
from __future__ import annotations

from sqlalchemy import func, or_, select

from accounts.models import User
from accounts.permissions import require_user
from common import fields
from common.db import db
from common.errors import N_, Conflict, ErrorBag, Forbidden, NotFound
from common.transaction import use_case
from competitions.models import Contest
from competitions.services import check_version, manages
from competitions.venue_services import get_contest
from registrations import entry_import, lifecycle
from registrations.entry_rules import clean_entry, delegation_for, locked_contest, name_key, placed_count, window
from registrations.models import Delegation, Entry, EntryChange, EntryMember
from registrations.services import led_by


def get_entry(actor: User | None, entry_id: int) -> Entry:
    """An entry for its delegation's leader or the event's organisers; NotFound for anyone else."""
    require_user(actor)
    entry = db.session.get(Entry, entry_id)
    if entry is None or not (entry.delegation.leader_id == actor.id or manages(actor, entry.contest.event_id)):
        raise NotFound(N_("No such entry."))
    return entry


def audience(actor: User | None, contest: Contest) -> str:
    """What ``actor`` may see of a contest's entries: "organiser", "leader" (own entries) or "public"."""
    if manages(actor, contest.event_id):
        return "organiser"
    led = led_by(actor)
    return "leader" if led is not None and led.event_id == contest.event_id else "public"


def list_entries(actor: User | None, contest_id: int, status: str | None = None, delegation_id: int | None = None,
                 page: int = 1, per_page: int = 200) -> tuple[list[Entry], int, str]:
    """A contest's entries as ``actor`` may see them (organisers: all; leaders: their own; public: approved)."""
    contest = get_contest(contest_id)
    seen_as = audience(actor, contest)
    query = select(Entry).where(Entry.contest_id == contest.id)
    if seen_as == "leader":
        query = query.where(Entry.delegation_id == led_by(actor).id)
    elif seen_as == "public":
        query = query.where(Entry.status == lifecycle.APPROVED)
    if status:
        query = query.where(Entry.status == status)
    if delegation_id:
        if not 0 < delegation_id <= fields.MAX_ID:
            return [], 0, seen_as  # (no delegation has such an id)
        query = query.where(Entry.delegation_id == delegation_id)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    rows = db.session.scalars(query.order_by(Entry.id).limit(per_page).offset((page - 1) * per_page)).all()
    return list(rows), total, seen_as


def delegation_entries(actor: User | None, delegation: Delegation) -> list[Entry]:
    """Every entry of a delegation, in contest order (its leader and the organisers)."""
    require_user(actor)
    return list(db.session.scalars(select(Entry).where(Entry.delegation_id == delegation.id)
                                   .order_by(Entry.contest_id, Entry.id)))


@use_case
def register_entry(actor: User | None, contest_id: int, data: dict) -> Entry:
    """Enter a team, crew, player, pair or author in a contest while its registration window is open."""
    require_user(actor)
    contest = locked_contest(contest_id)
    lifecycle.require_open(window(contest))
    delegation = delegation_for(actor, contest, data)
    name, members = clean_entry(contest, data)
    status = lifecycle.status_for_new(placed_count(contest.id), contest.max_entries, contest.waiting_list)
    _check_unique(contest.id, name, members)
    entry = Entry(contest_id=contest.id, delegation_id=delegation.id, name=name, status=status,
                  created_by_id=actor.id)
    entry.members = _member_rows(members)
    entry.changes.append(EntryChange(user_id=actor.id, action="created" if status == lifecycle.PENDING else status,
                                     detail={"status": [None, status], "members": len(members)}))
    db.session.add(entry)
    db.session.flush()
    return entry


@use_case
def update_entry(actor: User | None, entry_id: int, data: dict) -> Entry:
    """Change an entry's name or roster until the deadline (its leader or an organiser)."""
    entry = get_entry(actor, entry_id)
    contest = lock_entry(entry)
    lifecycle.require_open(window(contest))
    check_version(entry, data)
    if entry.status not in lifecycle.ACTIVE:
        raise Conflict(N_("A withdrawn or rejected entry cannot be changed."))
    _replace_roster(actor, entry, contest, data, "updated", reason="")
    if entry.status == lifecycle.APPROVED and not manages(actor, contest.event_id):
        entry.status = lifecycle.PENDING  # the organiser checks the new roster again
        entry.changes[-1].detail["status"] = [lifecycle.APPROVED, lifecycle.PENDING]
    return entry


@use_case
def substitute_member(actor: User | None, entry_id: int, data: dict) -> Entry:
    """After the deadline, an organiser changes a locked roster, giving the reason (kept in the history)."""
    entry = get_entry(actor, entry_id)
    if not manages(actor, entry.contest.event_id):
        raise Forbidden(N_("After the deadline only an organiser may change a roster."))
    contest = lock_entry(entry)
    check_version(entry, data)
    reason = lifecycle.clean_reason(data, required=True)
    _replace_roster(actor, entry, contest, data, "substituted", reason=reason)
    return entry


@use_case
def import_entries(actor: User | None, contest_id: int, delegation_id: int, teams: list[dict]) -> list[Entry]:
    """Register every team of an uploaded roster file, or none of them (one transaction, bulk inserts)."""
    return entry_import.import_teams(actor, contest_id, delegation_id, teams)


def lock_entry(entry: Entry) -> Contest:
    """Lock the entry's contest, then read the entry again (another use case may have changed it meanwhile)."""
    contest = locked_contest(entry.contest_id)
    db.session.refresh(entry)
    return contest


def _check_unique(contest_id: int, name: str, members: list[dict], entry_id: int | None = None) -> None:
    """Invalid when the team name or any member is already in another active entry of the contest."""
    active = select(Entry.id).where(Entry.contest_id == contest_id, Entry.status.in_(lifecycle.ACTIVE))
    if entry_id is not None:
        active = active.where(Entry.id != entry_id)
    bag = ErrorBag()
    clash = db.session.scalar(select(Entry.id).where(Entry.id.in_(active), Entry.name == name))
    if clash is not None:
        bag.add("name", N_("Another entry of this contest already has this name."))
    ids = {m["id_number"]: i for i, m in enumerate(members) if m["id_number"]}
    names = {name_key(m): i for i, m in enumerate(members) if name_key(m)}
    if ids or names:
        found = db.session.execute(
            select(EntryMember.id_number, EntryMember.name_key, Entry.name, Delegation.name)
            .join(Entry, EntryMember.entry_id == Entry.id).join(Delegation, Entry.delegation_id == Delegation.id)
            .where(Entry.id.in_(active), or_(EntryMember.id_number.in_(ids), EntryMember.name_key.in_(names))))
        for id_number, key, entry_name, delegation_name in found:
            i = ids.get(id_number, names.get(key))
            bag.add(f"members.{i}.name", N_("%(member)s is already on the entry %(entry)s (%(delegation)s) "
                                            "in this contest; a person may play for one entry only."),
                    member=members[i]["name"], entry=entry_name, delegation=delegation_name)
    bag.raise_if_any()


def _member_rows(members: list[dict]) -> list[EntryMember]:
    return [EntryMember(position=i, name=m["name"], gender=m["gender"], birth_date=m["birth_date"],
                        id_number=m["id_number"], role=m["role"], phone=m["phone"], name_key=name_key(m))
            for i, m in enumerate(members)]


def _replace_roster(actor: User, entry: Entry, contest: Contest, data: dict, action: str, reason: str) -> None:
    """Check and store a new name and roster, with a history line of who changed what."""
    name, members = clean_entry(contest, {"name": entry.name, **data})
    _check_unique(contest.id, name, members, entry_id=entry.id)
    before = [{"name": m.name} for m in entry.members]
    entry.members.clear()
    db.session.flush()  # old rows go before the new ones arrive
    entry.members.extend(_member_rows(members))
    detail = {"members": lifecycle.roster_diff(before, members)}
    if name != entry.name:
        detail["name"] = [entry.name, name]
    if reason:
        detail["reason"] = reason
    entry.name = name
    entry.version += 1
    entry.changes.append(EntryChange(user_id=actor.id, action=action, detail=detail))
