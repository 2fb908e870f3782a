"""What every way of entering a team shares: the window, the locked contest, places, the delegation, the roster.

Used by the single entry use cases (registrations.entry_services) and the bulk import
(registrations.entry_import), so both apply the same rules with the same error paths.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from accounts.models import User
from common import fields
from common.db import db, lock, utcnow
from common.errors import N_, ErrorBag, Forbidden, Invalid, NotFound
from competitions.models import Contest
from competitions.services import manages
from competitions.sports import get_sport, roster_rule
from registrations import lifecycle
from registrations.models import Delegation, Entry
from registrations.roster import person_keys, validate_members
from registrations.services import led_by

#: disciplines whose entry is named after its members when no team name is given
NAMED_BY_MEMBERS = ("player", "pair", "author")


def window(contest: Contest) -> str:
    """The contest's registration window now: "upcoming", "open" or "closed"."""
    return lifecycle.window_state(utcnow(), contest.registration_opens_at, contest.registration_closes_at,
                                  contest.registration_closed_at)


def locked_contest(contest_id: int) -> Contest:
    """The contest, locked for the rest of the transaction; NotFound if there is none."""
    contest = lock(Contest, contest_id)
    if contest is None:
        raise NotFound(N_("No such contest."))
    return contest


def placed_count(contest_id: int) -> int:
    """How many entries of the contest hold a place."""
    return db.session.scalar(select(func.count(Entry.id)).where(
        Entry.contest_id == contest_id, Entry.status.in_(lifecycle.PLACED)))


def delegation_for(actor: User, contest: Contest, data: dict) -> Delegation:
    """The delegation an entry is for: the leader's own, or the one an organiser names."""
    wanted = data.get("delegation_id") if isinstance(data, dict) else None
    own = led_by(actor)
    if wanted is None and own is not None:
        wanted = own.id
    if (wanted is None or isinstance(wanted, bool) or not isinstance(wanted, int)
            or not 0 < wanted <= fields.MAX_ID):
        raise Invalid.one("delegation_id", N_("Choose the delegation this entry is for."))
    delegation = db.session.get(Delegation, wanted)
    if delegation is None or delegation.event_id != contest.event_id:
        raise Invalid.one("delegation_id", N_("No such delegation in this event."))
    if not (delegation.leader_id == actor.id or manages(actor, contest.event_id)):
        raise Forbidden(N_("You may only enter teams of your own delegation."))
    if contest.division_id is not None and delegation.division_id != contest.division_id:
        raise Invalid.one("delegation_id", N_("This contest is for the division %(division)s only."),
                          division=contest.division.name)
    return delegation


def clean_entry(contest: Contest, data: dict, checked: bool = False) -> tuple[str, list[dict]]:
    """The entry's name and members, checked against the contest's roster rule.

    ``checked``: the members were already cleaned and validated against this contest's current
    roster rule (see ``contest_rule``), so only the name is checked here.
    """
    if not isinstance(data, dict):
        raise Invalid.one("members", N_("Add at least one member."))
    bag = ErrorBag()
    kind = get_sport(contest.sport).disciplines.get(contest.discipline or "")
    named_by_members = kind is not None and kind.entry_kind in NAMED_BY_MEMBERS
    name = fields.text(bag, data, "name", 100, required=not named_by_members)
    members: list[dict] = data.get("members") if checked else []
    try:
        if not checked:
            members = validate_members(contest_rule(contest), data.get("members"), age_day(contest))
    except Invalid as err:
        bag.merge(err)
    bag.raise_if_any()
    return name or " / ".join(m["name"] for m in members), members


def contest_rule(contest: Contest):
    """The roster rule of a contest under its current settings."""
    return roster_rule(contest.sport, contest.discipline, contest.settings)


def age_day(contest: Contest) -> date:
    """Ages are counted on the first day of the event."""
    return contest.event.starts_on


def name_key(member: dict) -> str | None:
    """The stored "name|birth date" key of a member, None without a birth date."""
    keys = [k for k in person_keys(member) if k[0] == "name"]
    return f"{keys[0][1]}|{keys[0][2]}" if keys else None


