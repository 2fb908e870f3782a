"""Events with their divisions, organisers, venues (with courts or lanes) and contests."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from common.db import UTCDateTime, db, utcnow


class Event(db.Model):
    """A games (赛事), e.g. a provincial workers' games."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    #: IANA time zone the event's times are shown in
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Shanghai")
    #: who runs it, shown on the event page
    host: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)
    #: bumped whenever the event or anything shown on its public page changes (page cache key)
    content_stamp: Mapped[int] = mapped_column(default=1, server_default="1")

    divisions: Mapped[list["Division"]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="Division.position")
    organisers: Mapped[list["EventOrganiser"]] = relationship(cascade="all, delete-orphan")
    venues: Mapped[list["Venue"]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="Venue.id")
    contests: Mapped[list["Contest"]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="Contest.id")
    delegations: Mapped[list["Delegation"]] = relationship(  # noqa: F821 (registrations.models)
        back_populates="event", cascade="all, delete-orphan", order_by="Delegation.id")


class EventOrganiser(db.Model):
    """An organiser allowed to manage an event."""

    __tablename__ = "event_organisers"
    __table_args__ = (UniqueConstraint("event_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)


class Division(db.Model):
    """A group of delegations (组别), e.g. 市州组 or 企业组."""

    __tablename__ = "divisions"
    __table_args__ = (UniqueConstraint("event_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    #: short code used by the API, e.g. "city"
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(100))
    #: display order
    position: Mapped[int] = mapped_column(default=0)

    event: Mapped[Event] = relationship(back_populates="divisions")


class Venue(db.Model):
    """A place where contests are held: a hall, an arena, a course on the ice, an exhibition hall."""

    __tablename__ = "venues"
    __table_args__ = (UniqueConstraint("event_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    #: "hall", "arena", "course" or "exhibition"
    kind: Mapped[str] = mapped_column(String(20), default="hall")
    address: Mapped[str] = mapped_column(String(200), default="")
    version: Mapped[int] = mapped_column(default=1)

    event: Mapped[Event] = relationship(back_populates="venues")
    courts: Mapped[list["Court"]] = relationship(
        back_populates="venue", cascade="all, delete-orphan", order_by="Court.position")


class Court(db.Model):
    """A court, lane or area of a venue, where one match or heat runs at a time."""

    __tablename__ = "courts"
    __table_args__ = (UniqueConstraint("venue_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venues.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(50))
    position: Mapped[int] = mapped_column(default=0)

    venue: Mapped[Venue] = relationship(back_populates="courts")


class Contest(db.Model):
    """One competition of the event (比赛项目): a sport, discipline, division and format."""

    __tablename__ = "contests"
    __table_args__ = (UniqueConstraint("event_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    #: a key of competitions.sports.SPORTS
    sport: Mapped[str] = mapped_column(String(32))
    #: the sport's discipline code (None where the sport describes it in settings)
    discipline: Mapped[str | None] = mapped_column(String(16))
    #: None: open to every division
    division_id: Mapped[int | None] = mapped_column(ForeignKey("divisions.id", ondelete="SET NULL"))
    #: {"type": ..., options} validated by the sports registry
    format: Mapped[dict] = mapped_column(JSON)
    #: the sport's settings with defaults filled in
    settings: Mapped[dict] = mapped_column(JSON)
    registration_opens_at: Mapped[datetime] = mapped_column(UTCDateTime)
    registration_closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: when the deadline job locked the rosters (None: not yet run)
    registration_closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: when the 48-hour reminder went out to the leaders (None: not yet)
    reminder_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: None: no limit
    max_entries: Mapped[int | None]
    #: whether entries beyond max_entries wait for a place
    waiting_list: Mapped[bool] = mapped_column(default=False)
    #: the venue it is held at, if known yet
    venue_id: Mapped[int | None] = mapped_column(ForeignKey("venues.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    event: Mapped[Event] = relationship(back_populates="contests")
    division: Mapped[Division | None] = relationship()
    venue: Mapped[Venue | None] = relationship()
