"""Pages: a user's notifications (with the bell in the navbar); an event's outbox for its organisers."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from common.errors import Message
from competitions import services as competitions
from notifications import services
from web.i18n import translate

bp = Blueprint("notifications", __name__)
PER_PAGE = 50


def message_text(note) -> str:
    """A notification's message in the current language."""
    return translate(Message(note.message, note.params or {}))


def _safe(link: str) -> str:
    """The link if it is a path inside the app, else the notification list."""
    return link if link.startswith("/") and not link.startswith("//") else url_for("notifications.index")


@bp.app_context_processor
def _bell() -> dict:
    def unread_notifications() -> int:
        try:
            return services.unread_count(current_user)
        except Exception:  # the bell never breaks a page (an error page after a database failure, say)
            return 0
    return {"unread_notifications": unread_notifications}


def _page() -> int:
    raw = request.args.get("page", "1")
    return int(raw) if raw.isdigit() and 0 < int(raw) <= 100000 else 1


@bp.get("/notifications")
@login_required
def index():
    """The logged-in user's notifications, newest first, unread ones marked."""
    page = _page()
    notes, total = services.list_notifications(current_user, page=page, per_page=PER_PAGE)
    return render_template("notifications/index.html", notes=[(n, message_text(n)) for n in notes], total=total,
                           page=page, pages=max(1, -(-total // PER_PAGE)),
                           tz=current_app.config["BABEL_DEFAULT_TIMEZONE"])


@bp.post("/notifications/<int:notification_id>/open")
@login_required
def open_notification(notification_id: int):
    """Mark a notification read and go to what it is about."""
    note = services.mark_read(current_user, notification_id)
    return redirect(_safe(note.link))


@bp.post("/notifications/<int:notification_id>/read")
@login_required
def mark_read(notification_id: int):
    """Mark one notification read."""
    services.mark_read(current_user, notification_id)
    return redirect(url_for("notifications.index"))


@bp.post("/notifications/read-all")
@login_required
def mark_all_read():
    """Mark all the user's notifications read."""
    count = services.mark_all_read(current_user)
    flash(_("%(count)s notifications marked read.", count=count), "success")
    return redirect(url_for("notifications.index"))


@bp.get("/manage/events/<int:event_id>/outbox")
@login_required
def outbox(event_id: int):
    """The e-mails about an event, sent or waiting, for its organisers."""
    page = _page()
    mails, total = services.list_outbox(current_user, event_id, page=page, per_page=PER_PAGE)
    return render_template("notifications/outbox.html", mails=mails, total=total, page=page,
                           event=competitions.get_event(event_id),
                           pages=max(1, -(-total // PER_PAGE)), smtp=bool(current_app.config.get("MAIL_SERVER")),
                           tz=current_app.config["BABEL_DEFAULT_TIMEZONE"])
