"""Delegations (代表队 / 参赛单位), each with a leader's account."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from accounts.models import User
from common.db import UTCDateTime, db, utcnow
from competitions.models import Division, Event


class Delegation(db.Model):
    """A unit that sends teams to the event, in one division, managed by its leader (领队)."""

    __tablename__ = "delegations"
    __table_args__ = (UniqueConstraint("event_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    division_id: Mapped[int] = mapped_column(ForeignKey("divisions.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    #: the leader's account; a leader leads one delegation
    leader_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    event: Mapped[Event] = relationship(back_populates="delegations")
    division: Mapped[Division] = relationship()
    leader: Mapped[User] = relationship()
