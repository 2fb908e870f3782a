"""In-app notifications for every user, and the outbox of e-mails (sent when SMTP is configured)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from accounts.models import User
from common.db import UTCDateTime, db, utcnow


class Notification(db.Model):
    """A message to one user, shown in their notification list in the language they read it in."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: what it is about: reminder, approved, rejected, promoted, closed...
    kind: Mapped[str] = mapped_column(String(20))
    #: English msgid and its parameters, translated when shown
    message: Mapped[str] = mapped_column(Text)
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    #: a path inside the app to open, e.g. /entries/12
    link: Mapped[str] = mapped_column(String(200), default="")

    user: Mapped[User] = relationship()


class OutboxMail(db.Model):
    """An e-mail to send; kept (and visible to organisers) when no SMTP server is configured."""

    __tablename__ = "outbox_mails"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    #: the event whose organisers may read it
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    to_address: Mapped[str] = mapped_column(String(200), default="")
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: the last delivery error, if any
    error: Mapped[str] = mapped_column(Text, default="")
