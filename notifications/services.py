"""Notification use cases: tell a user something (in the app, and by e-mail), read and mark them; the outbox.

``notify`` is a building block of other use cases (approving an entry, closing registration...):
it only adds rows to the session and never commits, so the notification is saved with, and only
with, the change it reports. Mails wait in the outbox; ``send_pending_mail`` (run by the scheduler
every round) delivers them when an SMTP server is configured, else organisers read them there.
"""
from __future__ import annotations

from datetime import timedelta
from typing import Mapping

from sqlalchemy import func, select, update

from accounts.models import User
from accounts.permissions import require_user
from common.db import db, utcnow
from common.errors import N_, NotFound
from common.transaction import use_case
from competitions.services import require_manager
from notifications import mailer
from notifications.mail_text import compose
from notifications.models import Notification, OutboxMail

#: mails older than this are no longer retried (they stay in the outbox with their last error)
RETRY_FOR = timedelta(days=7)
#: mails sent per round at most
ROUND_SIZE = 100


def notify(user_id: int, kind: str, message: str, params: dict | None = None, link: str = "",
           event_id: int | None = None) -> Notification:
    """Add a notification for a user (and a mail to their address, if any); the caller's use case commits.

    ``message`` is an English msgid marked with N_ and ``params`` its placeholders (JSON values);
    ``kind`` is a short word (reminder, closed, approved, rejected, promoted); ``link`` a path in the
    app; ``event_id`` lets that event's organisers see the mail in its outbox.
    """
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound(N_("No such user."))
    params = dict(params or {})
    subject, body = compose(kind, message, params, link)  # also proves the params fit the msgid
    note = Notification(user_id=user_id, kind=kind, message=message, params=params, link=link)
    db.session.add(note)
    if user.email:
        db.session.add(OutboxMail(user_id=user_id, event_id=event_id, to_address=user.email,
                                  subject=subject, body=body))
    return note


def list_notifications(actor: User | None, unread_only: bool = False, page: int = 1,
                       per_page: int = 50) -> tuple[list[Notification], int]:
    """The acting user's notifications, newest first: one page and the total."""
    user = require_user(actor)
    where = [Notification.user_id == user.id]
    if unread_only:
        where.append(Notification.read_at.is_(None))
    total = db.session.scalar(select(func.count(Notification.id)).where(*where))
    rows = db.session.scalars(select(Notification).where(*where).order_by(Notification.id.desc())
                              .limit(per_page).offset((page - 1) * per_page)).all()
    return list(rows), total


def unread_count(actor: User | None) -> int:
    """How many of the acting user's notifications are unread (0 for nobody)."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return 0
    return db.session.scalar(select(func.count(Notification.id)).where(
        Notification.user_id == actor.id, Notification.read_at.is_(None)))


@use_case
def mark_read(actor: User | None, notification_id: int) -> Notification:
    """Mark one of the acting user's notifications read (kept as first read); NotFound if not theirs."""
    user = require_user(actor)
    note = db.session.get(Notification, notification_id)
    if note is None or note.user_id != user.id:
        raise NotFound(N_("No such notification."))
    if note.read_at is None:
        note.read_at = utcnow()
    return note


@use_case
def mark_all_read(actor: User | None) -> int:
    """Mark all the acting user's notifications read; how many were unread."""
    user = require_user(actor)
    result = db.session.execute(update(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)).values(read_at=utcnow()))
    return result.rowcount


def list_outbox(actor: User | None, event_id: int, page: int = 1,
                per_page: int = 50) -> tuple[list[OutboxMail], int]:
    """The mails about an event, newest first, for its organisers: one page and the total."""
    require_manager(actor, event_id)
    where = OutboxMail.event_id == event_id
    total = db.session.scalar(select(func.count(OutboxMail.id)).where(where))
    rows = db.session.scalars(select(OutboxMail).where(where).order_by(OutboxMail.id.desc())
                              .limit(per_page).offset((page - 1) * per_page)).all()
    return list(rows), total


def send_pending_mail(settings: Mapping) -> tuple[int, int]:
    """Deliver queued mails when SMTP is configured (``settings``: the MAIL_* keys); (sent, failed).

    Called by the scheduler only (one sender per deployment). Each result is saved as soon as the
    server answered (a crash in between may send that one mail again: at least once); a failure is
    kept in ``error`` and the mail is tried again next round, for RETRY_FOR.
    """
    if not mailer.configured(settings):
        return 0, 0
    rows = db.session.execute(select(OutboxMail.id, OutboxMail.to_address, OutboxMail.subject, OutboxMail.body)
                              .where(OutboxMail.sent_at.is_(None), OutboxMail.to_address != "",
                                     OutboxMail.created_at >= utcnow() - RETRY_FOR)
                              .order_by(OutboxMail.id).limit(ROUND_SIZE)).all()
    db.session.commit()  # end the read before talking to the server
    sent = failed = 0
    for mail_id, error in mailer.deliver(settings, [mailer.Mail(*row) for row in rows]):
        _record_delivery(mail_id, error)
        sent, failed = (sent + 1, failed) if not error else (sent, failed + 1)
    return sent, failed


@use_case
def _record_delivery(mail_id: int, error: str) -> None:
    """Save one delivery's result: sent now, or the error to retry later."""
    mail = db.session.get(OutboxMail, mail_id)
    if mail is None:
        return
    if error:
        mail.error = error
    else:
        mail.sent_at, mail.error = utcnow(), ""
