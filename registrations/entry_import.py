"""Bulk registration: many teams of one delegation in one contest, all or none, with few queries.

The same rules and error paths as ``entry_services.register_entry`` called once per team (shared
helpers in ``registrations.entry_rules``), but the contest is locked once, places and the waiting
list are counted once and then team by team in order, people are checked against the contest's
active entries with ONE query and against the earlier teams of the batch in memory, and entries,
members and history lines go in as three bulk Core inserts.
"""
from __future__ import annotations

from sqlalchemy import insert, or_, select

from accounts.models import User
from accounts.permissions import require_user
from common.db import db, utcnow
from common.errors import N_, ErrorBag, Invalid
from competitions.sports.base import RosterRule
from registrations import lifecycle
from registrations.entry_rules import (clean_entry, contest_rule, delegation_for, locked_contest, name_key,
                                       placed_count, window)
from registrations.models import Delegation, Entry, EntryChange, EntryMember

_CLASH = N_("%(member)s is already on the entry %(entry)s (%(delegation)s) "
            "in this contest; a person may play for one entry only.")


def import_teams(actor: User | None, contest_id: int, delegation_id: int, teams: list[dict],
                 checked_rule: RosterRule | None = None) -> list[Entry]:
    """Enter every team (errors under ``teams.N.``), inside the caller's use case.

    ``checked_rule``: the rule the members were already validated with (the upload parser does it);
    when it is still the contest's rule, members are not validated a second time.
    """
    require_user(actor)
    contest = locked_contest(contest_id)
    lifecycle.require_open(window(contest))
    delegation = delegation_for(actor, contest, {"delegation_id": delegation_id})
    if not isinstance(teams, list) or not teams:
        raise Invalid.one("teams", N_("Add at least one team."))
    checked = checked_rule is not None and checked_rule == contest_rule(contest)
    bag, cleaned = ErrorBag(), []
    for i, team in enumerate(teams):
        try:
            cleaned.append((i, *clean_entry(contest, team, checked)))
        except Invalid as err:
            bag.merge(err, prefix=f"teams.{i}.")
    statuses = _statuses(contest, len(cleaned))
    _check_unique(contest.id, delegation, cleaned, bag)
    bag.raise_if_any()
    return _insert(actor, contest.id, delegation.id, cleaned, statuses)


def _statuses(contest, count: int) -> list[str]:
    """The status of each new entry in order, as if entered one after another (Conflict when full)."""
    placed, statuses = placed_count(contest.id), []
    for _ in range(count):
        status = lifecycle.status_for_new(placed, contest.max_entries, contest.waiting_list)
        placed += status in lifecycle.PLACED
        statuses.append(status)
    return statuses


def _check_unique(contest_id: int, delegation: Delegation, cleaned: list[tuple], bag: ErrorBag) -> None:
    """Team names and people already in an active entry of the contest, or in an earlier team of the batch."""
    active = select(Entry.id).where(Entry.contest_id == contest_id, Entry.status.in_(lifecycle.ACTIVE))
    names = {name for _i, name, _m in cleaned}
    taken = set(db.session.scalars(select(Entry.name).where(Entry.id.in_(active), Entry.name.in_(names))))
    ids = {m["id_number"] for _i, _n, members in cleaned for m in members if m["id_number"]}
    keys = {k for _i, _n, members in cleaned for m in members if (k := name_key(m))}
    by_id, by_key = {}, {}
    if ids or keys:
        for number, key, entry_name, delegation_name in db.session.execute(
                select(EntryMember.id_number, EntryMember.name_key, Entry.name, Delegation.name)
                .join(Entry, EntryMember.entry_id == Entry.id).join(Delegation, Entry.delegation_id == Delegation.id)
                .where(Entry.id.in_(active), or_(EntryMember.id_number.in_(ids), EntryMember.name_key.in_(keys)))):
            if number:
                by_id.setdefault(number, (entry_name, delegation_name))
            if key:
                by_key.setdefault(key, (entry_name, delegation_name))
    for i, name, members in cleaned:
        if name in taken:
            bag.add(f"teams.{i}.name", N_("Another entry of this contest already has this name."))
        taken.add(name)
        mine = []
        for j, m in enumerate(members):
            key = name_key(m)
            m["name_key"] = key
            clash = (by_id.get(m["id_number"]) if m["id_number"] else None) or (by_key.get(key) if key else None)
            if clash:
                bag.add(f"teams.{i}.members.{j}.name", _CLASH, member=m["name"], entry=clash[0], delegation=clash[1])
            mine.append((m["id_number"], key))
        for number, key in mine:  # later teams of the batch see this one as entered
            if number:
                by_id.setdefault(number, (name, delegation.name))
            if key:
                by_key.setdefault(key, (name, delegation.name))


def _insert(actor: User, contest_id: int, delegation_id: int, cleaned: list[tuple], statuses: list[str]) -> list[Entry]:
    """Three bulk inserts (entries, members, history lines); the new entries, in batch order."""
    now = utcnow()
    entry_rows = [{"contest_id": contest_id, "delegation_id": delegation_id, "name": name, "status": status,
                   "reason": "", "created_by_id": actor.id, "created_at": now, "updated_at": now, "version": 1}
                  for (_i, name, _m), status in zip(cleaned, statuses)]
    table = Entry.__table__
    ids = db.session.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True),
                             entry_rows).scalars().all()
    db.session.execute(insert(EntryMember.__table__), [
        {"entry_id": entry_id, "position": j, "name": m["name"], "gender": m["gender"], "birth_date": m["birth_date"],
         "id_number": m["id_number"], "role": m["role"], "phone": m["phone"], "name_key": m["name_key"]}
        for entry_id, (_i, _n, members) in zip(ids, cleaned) for j, m in enumerate(members)])
    db.session.execute(insert(EntryChange.__table__), [
        {"entry_id": entry_id, "at": now, "user_id": actor.id,
         "action": "created" if status == lifecycle.PENDING else status,
         "detail": {"status": [None, status], "members": len(members)}}
        for entry_id, status, (_i, _n, members) in zip(ids, statuses, cleaned)])
    return list(db.session.scalars(select(Entry).where(Entry.id.in_(ids)).order_by(Entry.id)))
