"""Load the demo event through the services, with a random password per account."""
from __future__ import annotations

import secrets
from datetime import date

from sqlalchemy import func, select

from accounts.services import create_user
from common.db import db
from competitions.models import Event
from competitions.services import create_event
from competitions.venue_services import create_contest, create_venue
from demo import data
from demo.competition import play_demo
from registrations.services import create_delegation


def database_is_empty() -> bool:
    """Whether no event exists yet."""
    return db.session.scalar(select(func.count(Event.id))) == 0


def new_password() -> str:
    """A random password that is easy to type from the console."""
    return secrets.token_urlsafe(9)


def load_demo() -> list[tuple[str, str, str]]:
    """Create the demo event, its delegations, venues and contests, and play some of them;
    return (username, password, role) rows."""
    dates = data.calendar(date.today())
    accounts = []
    users = {}
    for username, display, role in data.STAFF:
        password = new_password()
        users[role] = create_user({"username": username, "password": password, "display_name": display}, (role,))
        accounts.append((username, password, role))
    organiser = users["organiser"]
    event = create_event(organiser, {**data.EVENT, **dates["event"]})
    leaders = {}
    for name, division, username in data.DELEGATIONS:
        password = new_password()
        delegation = create_delegation(organiser, event.id, {"name": name, "division": division, "leader": {
            "username": username, "password": password, "display_name": f"{name[:-3]}领队"}})
        leaders[username] = delegation.leader
        accounts.append((username, password, "leader"))
    venues = [create_venue(organiser, event.id, v) for v in data.VENUES]
    contests = {}
    for fields, venue_index in data.CONTESTS:
        fields = {**fields, "venue_id": venues[venue_index].id}
        contests[fields["name"]] = (create_contest(organiser, event.id, {**dates["open"], **fields}), fields)
    play_demo(organiser, contests, leaders, dates["closed"])
    return accounts
