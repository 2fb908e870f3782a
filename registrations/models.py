"""Delegations (代表队 / 参赛单位) with their leader's account; entries with rosters and history; photo works."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from accounts.models import User
from common.db import UTCDateTime, db, utcnow
from competitions.models import Contest, Division, Event


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


class Entry(db.Model):
    """A team, crew, player, pair or photographer entered by a delegation in one contest."""

    __tablename__ = "entries"
    #: every query names its contest, most its status too (a draw reads the approved entries)
    __table_args__ = (Index("ix_entries_contest_id_status", "contest_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"))
    delegation_id: Mapped[int] = mapped_column(ForeignKey("delegations.id", ondelete="CASCADE"), index=True)
    #: team name as printed in the programme
    name: Mapped[str] = mapped_column(String(100))
    #: pending, approved, rejected, waitlisted or withdrawn (registrations.lifecycle)
    status: Mapped[str] = mapped_column(String(16))
    #: why the organiser rejected it (shown to the leader)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    contest: Mapped[Contest] = relationship()
    delegation: Mapped[Delegation] = relationship()
    members: Mapped[list["EntryMember"]] = relationship(
        back_populates="entry", cascade="all, delete-orphan", order_by="EntryMember.position")
    changes: Mapped[list["EntryChange"]] = relationship(
        back_populates="entry", cascade="all, delete-orphan", order_by="EntryChange.id")


class EntryMember(db.Model):
    """A person on an entry's roster."""

    __tablename__ = "entry_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), index=True)
    #: order on the roster, from 0
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(50))
    #: "M" or "F"
    gender: Mapped[str] = mapped_column(String(1))
    birth_date: Mapped[date | None] = mapped_column(Date)
    #: 18-character resident ID, validated; shown masked to everyone but organisers
    id_number: Mapped[str | None] = mapped_column(String(18), index=True)
    #: sport-specific role code (player, coach, paddler, drummer, steerer, reserve, author)
    role: Mapped[str] = mapped_column(String(16), default="player")
    phone: Mapped[str | None] = mapped_column(String(32))
    #: normalised "name|birth date" when the birth date is known: the same person without an ID
    name_key: Mapped[str | None] = mapped_column(String(80), index=True)

    entry: Mapped[Entry] = relationship(back_populates="members")


class EntryChange(db.Model):
    """One line of an entry's history: who did what, when."""

    __tablename__ = "entry_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: None for the scheduler (deadline, promotion)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: created, updated, approved, rejected, withdrawn, waitlisted, promoted, substituted, locked
    action: Mapped[str] = mapped_column(String(20))
    #: what changed: {"status": [old, new], "reason": ..., "members": {...}}
    detail: Mapped[dict] = mapped_column(JSON, default=dict)

    entry: Mapped[Entry] = relationship(back_populates="changes")
    user: Mapped[User | None] = relationship()


class Work(db.Model):
    """A photographic work (single image, or a series of 4-8 images counted as one) of an author's entry."""

    __tablename__ = "works"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    entry: Mapped[Entry] = relationship()
    images: Mapped[list["WorkImage"]] = relationship(
        back_populates="work", cascade="all, delete-orphan", order_by="WorkImage.position")


class WorkImage(db.Model):
    """One image file of a work, stored under a random name outside the static folder."""

    __tablename__ = "work_images"

    id: Mapped[int] = mapped_column(primary_key=True)
    work_id: Mapped[int] = mapped_column(ForeignKey("works.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    #: random file names under the upload folder: original, reduced public copy, thumbnail
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    public_name: Mapped[str] = mapped_column(String(64))
    thumb_name: Mapped[str] = mapped_column(String(64))
    #: the name the author's file had (display only, never used as a path)
    original_filename: Mapped[str] = mapped_column(String(255), default="")
    #: "JPEG" or "PNG", as Pillow read it
    format: Mapped[str] = mapped_column(String(8))
    width: Mapped[int]
    height: Mapped[int]
    size_bytes: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64), index=True)

    work: Mapped[Work] = relationship(back_populates="images")
