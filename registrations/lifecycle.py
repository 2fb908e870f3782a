"""An entry's lifecycle: the registration window, places and the waiting list, allowed moves. Pure.

pending → approved | rejected; any active entry → withdrawn; waitlisted → pending when a place frees
(promotion, oldest first). Pending and approved entries hold the contest's places; a contest with
``max_entries`` full puts new entries on its waiting list when it has one, else refuses them.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from common import fields
from common.errors import N_, Conflict

PENDING, APPROVED, REJECTED, WAITLISTED, WITHDRAWN = "pending", "approved", "rejected", "waitlisted", "withdrawn"
#: entries that hold one of the contest's places
PLACED = (PENDING, APPROVED)
#: entries that still take part or wait to (a person may be in only one of them per contest)
ACTIVE = (PENDING, APPROVED, WAITLISTED)
#: what each decision may start from
MOVES = {APPROVED: (PENDING,), REJECTED: (PENDING, APPROVED, WAITLISTED), WITHDRAWN: ACTIVE}
STATUS_LABELS = {PENDING: N_("pending"), APPROVED: N_("approved"), REJECTED: N_("rejected"),
                 WAITLISTED: N_("waitlisted"), WITHDRAWN: N_("withdrawn")}


def window_state(now: datetime, opens_at: datetime, closes_at: datetime, closed_at: datetime | None) -> str:
    """"upcoming", "open" or "closed" (closed at the deadline, or earlier when the deadline job ran)."""
    if closed_at is not None or now >= closes_at:
        return "closed"
    return "upcoming" if now < opens_at else "open"


def require_open(state: str) -> None:
    """Conflict unless the registration window is open."""
    if state == "upcoming":
        raise Conflict(N_("Registration for this contest has not opened yet."))
    if state == "closed":
        raise Conflict(N_("Registration for this contest is closed; rosters are locked."))


def status_for_new(placed: int, max_entries: int | None, waiting_list: bool) -> str:
    """The status of a new entry when ``placed`` entries already hold places; Conflict when full."""
    if max_entries is None or placed < max_entries:
        return PENDING
    if waiting_list:
        return WAITLISTED
    raise Conflict(N_("This contest is full (%(max)s entries) and has no waiting list."), max=max_entries)


def places_to_promote(placed: int, max_entries: int | None, waiting: int) -> int:
    """How many waitlisted entries move up now that ``placed`` entries hold places."""
    if max_entries is None:
        return waiting
    return max(0, min(waiting, max_entries - placed))


def check_move(current: str, target: str) -> None:
    """Conflict when an entry in ``current`` cannot become ``target``."""
    if current not in MOVES[target]:
        raise Conflict(N_("An entry that is %(current)s cannot be %(target)s."),
                       current=STATUS_LABELS[current], target=STATUS_LABELS[target])


def clean_reason(data: Any, required: bool) -> str:
    """The reason given for a rejection or a substitution: text up to 500 characters."""
    return fields.reason(data, N_("Give a reason: the leader will see it.") if required else None)


def roster_diff(old: list[dict], new: list[dict]) -> dict:
    """Who left and who joined a roster, by name (for the history)."""
    before = [m["name"] for m in old]
    after = [m["name"] for m in new]
    return {"removed": [n for n in before if n not in after], "added": [n for n in after if n not in before]}
