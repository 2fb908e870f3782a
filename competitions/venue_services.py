"""Venue and contest use cases for organisers, and contest reads."""
from __future__ import annotations

from sqlalchemy import func, select

from accounts.models import User
from common.db import db
from common.errors import N_, Conflict, ErrorBag, Invalid, NotFound
from common.transaction import use_case
from competitions.models import Contest, Court, Venue
from competitions.services import check_version, get_division, require_manager
from competitions.validation import clean_contest, clean_venue
from scheduling.models import Draw


def get_venue(venue_id: int) -> Venue:
    """The venue, or NotFound."""
    venue = db.session.get(Venue, venue_id)
    if venue is None:
        raise NotFound(N_("No such venue."))
    return venue


@use_case
def create_venue(actor: User, event_id: int, data: dict) -> Venue:
    """Add a venue with its courts or lanes to an event."""
    event = require_manager(actor, event_id)
    bag = ErrorBag()
    clean = clean_venue(data, bag)
    bag.raise_if_any()
    if any(v.name == clean["name"] for v in event.venues):
        raise Invalid.one("name", N_("This name is already used in this event."))
    venue = Venue(event_id=event.id, name=clean["name"], kind=clean["kind"], address=clean["address"])
    venue.courts = [Court(name=n, position=i) for i, n in enumerate(clean["courts"])]
    db.session.add(venue)
    db.session.flush()
    return venue


@use_case
def update_venue(actor: User, venue_id: int, data: dict) -> Venue:
    """Change a venue; its courts are replaced by the given names (kept where the name stays)."""
    venue = get_venue(venue_id)
    event = require_manager(actor, venue.event_id)
    check_version(venue, data)
    bag = ErrorBag()
    clean = clean_venue(data, bag)
    bag.raise_if_any()
    if any(v.name == clean["name"] and v.id != venue.id for v in event.venues):
        raise Invalid.one("name", N_("This name is already used in this event."))
    venue.name, venue.kind, venue.address = clean["name"], clean["kind"], clean["address"]
    kept = {c.name: c for c in venue.courts}
    venue.courts = [kept.get(n) or Court(name=n) for n in clean["courts"]]
    for i, court in enumerate(venue.courts):
        court.position = i
    venue.version += 1
    return venue


def get_contest(contest_id: int) -> Contest:
    """The contest, or NotFound."""
    contest = db.session.get(Contest, contest_id)
    if contest is None:
        raise NotFound(N_("No such contest."))
    return contest


def list_contests(event_id: int, page: int = 1, per_page: int = 200) -> tuple[list[Contest], int]:
    """The contests of an event in creation order, one page and the total."""
    total = db.session.scalar(select(func.count(Contest.id)).where(Contest.event_id == event_id))
    rows = db.session.scalars(select(Contest).where(Contest.event_id == event_id).order_by(Contest.id)
                              .limit(per_page).offset((page - 1) * per_page)).all()
    return list(rows), total


def _apply_contest(contest: Contest, event, data: dict) -> None:
    bag = ErrorBag()
    clean = clean_contest(data, bag, event.timezone, {d.code for d in event.divisions})
    venue_id = data.get("venue_id") if isinstance(data, dict) else None
    if venue_id not in (None, "") and not any(str(v.id) == str(venue_id) for v in event.venues):
        bag.add("venue_id", N_("Unknown venue."))
    bag.raise_if_any()
    if any(c.name == clean["name"] and c.id != contest.id for c in event.contests):
        raise Invalid.one("name", N_("This name is already used in this event."))
    contest.division = get_division(event, clean.pop("division"))
    contest.venue_id = int(venue_id) if venue_id not in (None, "") else None
    for key, value in clean.items():
        setattr(contest, key, value)


@use_case
def create_contest(actor: User, event_id: int, data: dict) -> Contest:
    """Create a contest; its sport, discipline, format and settings are checked by the sports registry."""
    event = require_manager(actor, event_id)
    contest = Contest(event_id=event.id)
    _apply_contest(contest, event, data)
    db.session.add(contest)
    db.session.flush()
    return contest


@use_case
def update_contest(actor: User, contest_id: int, data: dict) -> Contest:
    """Change a contest's definition, window or capacity."""
    contest = get_contest(contest_id)
    event = require_manager(actor, contest.event_id)
    check_version(contest, data)
    before = (contest.sport, contest.discipline, contest.format)
    _apply_contest(contest, event, data)
    if (contest.sport, contest.discipline, contest.format) != before and _drawn(contest.id):
        raise Conflict(N_("The draw has been made: the sport, discipline and format can no longer change."))
    contest.version += 1
    db.session.flush()
    from registrations.entry_decisions import promote_waiting  # (registrations builds on this module)
    promote_waiting(contest.id)  # more places: the waiting list moves up first, in its order
    return contest


def _drawn(contest_id: int) -> bool:
    return db.session.scalar(select(Draw.id).where(Draw.contest_id == contest_id)) is not None
