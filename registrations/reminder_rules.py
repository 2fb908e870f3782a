"""What a delegation still has to do in a contest before registration closes (the 48-hour reminder). Pure.

A delegation is reminded of a contest open to its division when, 48 hours before the deadline:
- it has no active entry (pending, approved or waitlisted) there yet, and could still enter
  (a place is free or the contest has a waiting list);
- some of its entries still wait: pending (not yet approved) or waitlisted (no place yet);
- some of its active entries in a judged contest (photography) have no work uploaded.
Approved entries with works are complete; rejected and withdrawn entries are not counted.
"""
from __future__ import annotations

from dataclasses import dataclass

from common.errors import N_


@dataclass(frozen=True)
class Standing:
    """A delegation's entries in one contest, counted."""

    active: int
    waiting: int = 0
    without_works: int = 0
    can_enter: bool = True


NO_ENTRY = N_("Registration for %(contest)s closes at %(closes_at)s and your delegation has not entered it yet.")
WAITING = N_("%(count)s of your entries in %(contest)s still await approval or a place; registration closes at "
             "%(closes_at)s.")
NO_WORKS = N_("%(count)s of your entries in %(contest)s have no photo works yet; registration closes at "
              "%(closes_at)s.")


def reminder_reasons(standing: Standing) -> list[tuple[str, dict]]:
    """The reminders (msgid, params without contest and time) a delegation gets; empty when nothing is missing."""
    if standing.active == 0:
        return [(NO_ENTRY, {})] if standing.can_enter else []
    reasons = []
    if standing.waiting:
        reasons.append((WAITING, {"count": standing.waiting}))
    if standing.without_works:
        reasons.append((NO_WORKS, {"count": standing.without_works}))
    return reasons
