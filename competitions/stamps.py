"""Keep each event's ``content_stamp`` current: any flush that changes the event or something
shown on its public page (divisions, venues, courts, contests, delegations) bumps it, in the same
transaction. Public pages are cached by this stamp, so no service has to remember to invalidate.
"""
from __future__ import annotations

from sqlalchemy import event, update
from sqlalchemy.orm import Session

from competitions.models import Contest, Court, Division, Event, Venue
from registrations.models import Delegation

_PAGE_MODELS = (Event, Division, Venue, Court, Contest, Delegation)


def _event_id(obj) -> int | None:
    if isinstance(obj, Event):
        return obj.id
    if isinstance(obj, Court):
        return obj.venue.event_id if obj.venue is not None else None
    return getattr(obj, "event_id", None)


@event.listens_for(Session, "after_flush")
def _bump_content_stamps(session: Session, _context) -> None:
    ids = {_event_id(o) for o in (*session.new, *session.dirty, *session.deleted) if isinstance(o, _PAGE_MODELS)}
    ids.discard(None)
    if ids:
        session.connection().execute(update(Event).where(Event.id.in_(sorted(ids)))
                                     .values(content_stamp=Event.content_stamp + 1))
