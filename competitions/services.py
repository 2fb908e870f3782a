"""Event, division, venue and contest use cases, for organisers; reads for everyone."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from accounts.models import User
from accounts.models import UserRole
from accounts.permissions import require_role, user_id_of
from common.db import db
from common.errors import N_, Conflict, ErrorBag, Forbidden, Invalid, NotFound
from common.transaction import use_case
from competitions.models import Division, Event, EventOrganiser, Venue
from competitions.validation import clean_division, clean_divisions, clean_event


def list_events(page: int = 1, per_page: int = 50) -> tuple[list[Event], int]:
    """Events, newest first, one page of them and the total."""
    total = db.session.scalar(select(func.count(Event.id)))
    rows = db.session.scalars(select(Event).options(selectinload(Event.divisions))
                              .order_by(Event.starts_on.desc(), Event.id.desc())
                              .limit(per_page).offset((page - 1) * per_page)).all()
    return list(rows), total


def get_event(event_id: int) -> Event:
    """The event, or NotFound."""
    event = db.session.get(Event, event_id)
    if event is None:
        raise NotFound(N_("No such event."))
    return event


def event_overview(event_id: int) -> Event:
    """The event with its divisions, delegations, venues and contests loaded in a few queries."""
    event = db.session.scalar(select(Event).where(Event.id == event_id).options(
        selectinload(Event.divisions), selectinload(Event.delegations),
        selectinload(Event.venues).selectinload(Venue.courts), selectinload(Event.contests)))
    if event is None:
        raise NotFound(N_("No such event."))
    return event


def manages(actor: User | None, event_id: int) -> bool:
    """Whether ``actor`` is one of the organisers of the event (and holds the organiser role): one query."""
    user_id = user_id_of(actor) if getattr(actor, "is_authenticated", False) else None
    if user_id is None:
        return False
    return db.session.scalar(select(EventOrganiser.id).join(UserRole, UserRole.user_id == EventOrganiser.user_id)
                             .where(EventOrganiser.event_id == event_id, EventOrganiser.user_id == user_id,
                                    UserRole.role == "organiser").limit(1)) is not None


def check_manager(actor: User | None, event_id: int) -> None:
    """``require_manager`` for a use case that needs no event object: one query when allowed."""
    if not manages(actor, event_id):
        require_manager(actor, event_id)  # raises the error that says why


def require_manager(actor: User | None, event_id: int) -> Event:
    """The event if ``actor`` organises it; NotFound if it does not exist, Forbidden otherwise."""
    event = get_event(event_id)
    require_role(actor, "organiser")
    if not manages(actor, event_id):
        raise Forbidden(N_("You do not organise this event."))
    return event


def check_version(obj, data: dict) -> None:
    """Conflict when the client sent a version other than the current one (optimistic locking)."""
    check_sent_version(obj.version, data)


def check_sent_version(current: int, data: dict) -> None:
    """Conflict when ``data`` carries a version other than ``current``; no version sent, no check; a version
    that is not a whole number is refused (422 on ``version``)."""
    sent = data.get("version") if isinstance(data, dict) else None
    if sent is not None and (isinstance(sent, bool) or not isinstance(sent, (int, str))
                             or not str(sent).strip().isdigit()):
        raise Invalid.one("version", N_("Must be a whole number."))
    if sent is not None and str(sent).strip() != str(current):
        raise Conflict(N_("Someone else changed this meanwhile (version %(current)s, you had %(sent)s). Reload it."),
                       current=current, sent=sent)


@use_case
def create_event(actor: User, data: dict) -> Event:
    """Create an event with its divisions; the creator becomes its organiser."""
    require_role(actor, "organiser")
    bag = ErrorBag()
    clean = clean_event(data, bag)
    divisions = clean_divisions(data.get("divisions") if isinstance(data, dict) else None, bag)
    bag.raise_if_any()
    event = Event(**clean)
    event.divisions = [Division(position=i, **d) for i, d in enumerate(divisions)]
    event.organisers = [EventOrganiser(user_id=actor.id)]
    db.session.add(event)
    db.session.flush()
    return event


@use_case
def update_event(actor: User, event_id: int, data: dict) -> Event:
    """Change an event's name, dates, time zone or host."""
    event = require_manager(actor, event_id)
    check_version(event, data)
    bag = ErrorBag()
    clean = clean_event(data, bag)
    bag.raise_if_any()
    for key, value in clean.items():
        setattr(event, key, value)
    event.version += 1
    return event


@use_case
def add_division(actor: User, event_id: int, data: dict) -> Division:
    """Add a division (组别) to an event."""
    event = require_manager(actor, event_id)
    bag = ErrorBag()
    clean = clean_division(data, bag)
    bag.raise_if_any()
    _unique_division(event, clean)
    division = Division(event_id=event.id, position=len(event.divisions), **clean)
    db.session.add(division)
    db.session.flush()
    return division


@use_case
def update_division(actor: User, division_id: int, data: dict) -> Division:
    """Rename a division or change its code."""
    division = get_division_by_id(division_id)
    event = require_manager(actor, division.event_id)
    bag = ErrorBag()
    clean = clean_division(data, bag)
    bag.raise_if_any()
    _unique_division(event, clean, exclude=division.id)
    division.code, division.name = clean["code"], clean["name"]
    return division


def _unique_division(event: Event, clean: dict, exclude: int | None = None) -> None:
    for other in event.divisions:
        if other.id != exclude and other.code == clean["code"]:
            raise Invalid.one("code", N_("This code is already used in this event."))
        if other.id != exclude and other.name == clean["name"]:
            raise Invalid.one("name", N_("This name is already used in this event."))


def get_division(event: Event, code: str | None, path: str = "division") -> Division | None:
    """The event's division with ``code`` (None for None); Invalid naming ``path`` if unknown."""
    if code is None:
        return None
    for division in event.divisions:
        if division.code == code:
            return division
    raise Invalid.one(path, N_("Unknown division. Choose one of: %(choices)s."),
                      choices=", ".join(d.code for d in event.divisions))


def organised_by(actor: User) -> list[Event]:
    """The events ``actor`` organises."""
    return list(db.session.scalars(select(Event).join(EventOrganiser).where(EventOrganiser.user_id == actor.id)
                                   .order_by(Event.starts_on.desc())))


def get_division_by_id(division_id: int) -> Division:
    """The division, or NotFound."""
    division = db.session.get(Division, division_id)
    if division is None:
        raise NotFound(N_("No such division."))
    return division


def event_stamp(event_id: int) -> int:
    """The event's content stamp (changes whenever its public page would); NotFound if no such event."""
    stamp = db.session.execute(select(Event.content_stamp).where(Event.id == event_id)).scalar()
    if stamp is None:
        raise NotFound(N_("No such event."))
    return stamp
