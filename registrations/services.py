"""Delegation use cases: an organiser creates a delegation with its leader's account."""
from __future__ import annotations

from sqlalchemy import func, select

from accounts.models import User
from accounts.permissions import require_user
from accounts.services import add_user, clean_new_user
from common import fields
from common.db import db
from common.errors import N_, ErrorBag, Forbidden, Invalid, NotFound
from common.transaction import use_case
from competitions.services import check_version, get_division, get_event, manages, require_manager
from registrations.models import Delegation


def list_delegations(event_id: int, page: int = 1, per_page: int = 200) -> tuple[list[Delegation], int]:
    """The delegations of an event, one page and the total."""
    get_event(event_id)
    total = db.session.scalar(select(func.count(Delegation.id)).where(Delegation.event_id == event_id))
    rows = db.session.scalars(select(Delegation).where(Delegation.event_id == event_id).order_by(Delegation.id)
                              .limit(per_page).offset((page - 1) * per_page)).all()
    return list(rows), total


def get_delegation(actor: User | None, delegation_id: int) -> Delegation:
    """A delegation's private view: its leader or the event's organisers; 404 for anyone else."""
    require_user(actor)
    delegation = db.session.get(Delegation, delegation_id)
    if delegation is None or not (delegation.leader_id == actor.id or manages(actor, delegation.event_id)):
        raise NotFound(N_("No such delegation."))
    return delegation


def led_by(actor: User | None) -> Delegation | None:
    """The delegation the user leads, if any."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None
    return db.session.scalar(select(Delegation).where(Delegation.leader_id == actor.id))


@use_case
def create_delegation(actor: User, event_id: int, data: dict) -> Delegation:
    """Create a delegation in a division together with its leader's account (role leader)."""
    event = require_manager(actor, event_id)
    bag = ErrorBag()
    name = fields.text(bag, data, "name", 100)
    division_code = fields.text(bag, data, "division", 32)
    leader = data.get("leader") if isinstance(data, dict) else None
    if not isinstance(leader, dict):
        bag.add("leader", N_("Give the leader's username and password."))
        leader_clean = {}
    else:
        leader_clean = clean_new_user(bag, leader, prefix="leader.")
    bag.raise_if_any()
    division = get_division(event, division_code)
    if any(d.name == name for d in event.delegations):
        raise Invalid.one("name", N_("This name is already used in this event."))
    user = add_user(leader_clean["username"], leader_clean["password"], leader_clean["display_name"],
                    ("leader",), path="leader.username", email=leader_clean["email"])
    db.session.flush()
    delegation = Delegation(event_id=event.id, division_id=division.id, name=name, leader_id=user.id)
    db.session.add(delegation)
    db.session.flush()
    return delegation


@use_case
def update_delegation(actor: User, delegation_id: int, data: dict) -> Delegation:
    """Rename a delegation or move it to another division (organisers only)."""
    delegation = db.session.get(Delegation, delegation_id)
    if delegation is None:
        raise NotFound(N_("No such delegation."))
    event = require_manager(actor, delegation.event_id)
    check_version(delegation, data)
    bag = ErrorBag()
    name = fields.text(bag, data, "name", 100)
    division_code = fields.text(bag, data, "division", 32)
    bag.raise_if_any()
    if any(d.name == name and d.id != delegation.id for d in event.delegations):
        raise Invalid.one("name", N_("This name is already used in this event."))
    delegation.name = name
    delegation.division = get_division(event, division_code)
    delegation.version += 1
    return delegation


def require_leader_or_manager(actor: User | None, delegation: Delegation) -> None:
    """Forbidden unless ``actor`` leads the delegation or organises its event."""
    if not (actor and (delegation.leader_id == actor.id or manages(actor, delegation.event_id))):
        raise Forbidden(N_("You do not manage this delegation."))
