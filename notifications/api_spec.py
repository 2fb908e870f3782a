"""The OpenAPI description of the API's notifications and the outbox; merged by web.openapi."""
from __future__ import annotations

from web.openapi_schema import ID, list_of, obj, op, path_id, ref

_TIME = {"type": "string", "format": "date-time"}
_TIME_OR_NULL = {"type": ["string", "null"], "format": "date-time"}

SCHEMAS: dict = {
    "Notification": obj({
        "id": ID, "kind": {"type": "string", "description": "reminder, closed, approved, rejected, promoted..."},
        "message": {"type": "string", "description": "in the request's language (Accept-Language)"},
        "msgid": {"type": "string", "description": "the English message before translation"},
        "params": {"type": "object"}, "link": {"type": "string", "description": "a path in the web app"},
        "created_at": _TIME, "read_at": _TIME_OR_NULL},
        ("id", "kind", "message", "msgid", "params", "link", "created_at", "read_at")),
    "OutboxMail": obj({
        "id": ID, "user_id": {"type": ["integer", "null"]}, "to_address": {"type": "string"},
        "subject": {"type": "string"}, "body": {"type": "string"}, "created_at": _TIME,
        "sent_at": _TIME_OR_NULL, "error": {"type": "string", "description": "the last delivery error, if any"}},
        ("id", "to_address", "subject", "body", "created_at", "sent_at", "error")),
}

_list_notifications = op("The token user's notifications, newest first (?unread=1: unread only)", 200,
                         list_of("Notification"), (401, 422), True, paged=True)
_list_notifications["parameters"].append({"name": "unread", "in": "query", "schema": {"enum": ["0", "1"]}})

PATHS: dict = {
    "/api/v1/notifications": {"get": _list_notifications},
    "/api/v1/notifications/{notification_id}/read": {
        "parameters": path_id("notification_id"),
        "post": op("Mark one of the token user's notifications read", 200, ref("Notification"), (401, 404), True)},
    "/api/v1/events/{event_id}/outbox": {
        "parameters": path_id("event_id"),
        "get": op("The e-mails about an event, sent or waiting (organisers of the event)", 200,
                  list_of("OutboxMail"), (401, 403, 404, 422), True, paged=True)},
}
