"""API: the token user's notifications (list, mark read) and an event's outbox for its organisers."""
from __future__ import annotations

from flask import jsonify, request

from common.errors import Message
from competitions.services import get_event
from notifications import services
from web.api import api_time, bp, current_user_or_401, listing, page_args
from web.i18n import translate


def notification_json(note) -> dict:
    """A notification, its message translated to the request's language (msgid and params too)."""
    return {"id": note.id, "kind": note.kind, "message": translate(Message(note.message, note.params or {})),
            "msgid": note.message, "params": note.params or {}, "link": note.link,
            "created_at": api_time(note.created_at), "read_at": api_time(note.read_at)}


def mail_json(mail, tz: str | None = None) -> dict:
    """A mail of the outbox (times in its event's time zone ``tz``)."""
    return {"id": mail.id, "user_id": mail.user_id, "to_address": mail.to_address, "subject": mail.subject,
            "body": mail.body, "created_at": api_time(mail.created_at, tz), "sent_at": api_time(mail.sent_at, tz),
            "error": mail.error}


@bp.get("/notifications")
def list_notifications():
    """The token user's notifications, newest first (?unread=1: only unread ones)."""
    page, per_page = page_args()
    unread_only = request.args.get("unread") in ("1", "true")
    rows, total = services.list_notifications(current_user_or_401(), unread_only, page, per_page)
    return listing([notification_json(n) for n in rows], total)


@bp.post("/notifications/<int:notification_id>/read")
def mark_notification_read(notification_id: int):
    """Mark one of the token user's notifications read."""
    return jsonify(notification_json(services.mark_read(current_user_or_401(), notification_id)))


@bp.get("/events/<int:event_id>/outbox")
def list_outbox(event_id: int):
    """The e-mails about an event, newest first, sent or waiting (organisers of the event)."""
    page, per_page = page_args()
    rows, total = services.list_outbox(current_user_or_401(), event_id, page, per_page)
    tz = get_event(event_id).timezone
    return listing([mail_json(m, tz) for m in rows], total)
