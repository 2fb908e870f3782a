"""The OpenAPI description of the API's entries; merged by web.openapi."""
from __future__ import annotations

from web.openapi_schema import ID, list_of, obj, op, path_id, ref

_TEXT = {"type": "string"}
_NULL_TEXT = {"type": ["string", "null"]}

SCHEMAS: dict = {
    "Member": obj({"name": _TEXT, "gender": {"enum": ["M", "F"]}, "birth_date": _NULL_TEXT,
                   "id_number": _NULL_TEXT, "role": _NULL_TEXT, "phone": _NULL_TEXT}, ("name", "gender")),
    "Entry": obj({"id": ID, "contest_id": ID, "delegation_id": ID, "delegation": _TEXT, "name": _TEXT,
                  "status": {"enum": ["pending", "approved", "rejected", "waitlisted", "withdrawn"]},
                  "reason": _TEXT, "version": ID, "created_at": _TEXT, "updated_at": _TEXT,
                  "members": {"type": "array", "items": ref("Member")}},
                 ("id", "contest_id", "delegation_id", "name", "status")),
    "EntryIn": obj({"delegation_id": ID, "name": _TEXT, "members": {"type": "array", "items": ref("Member")}},
                   ("members",)),
    "EntryPatch": obj({"version": ID, "name": _TEXT, "members": {"type": "array", "items": ref("Member")}},
                      ("members",)),
    "Substitution": obj({"version": ID, "reason": _TEXT, "members": {"type": "array", "items": ref("Member")}},
                        ("reason", "members")),
    "Decision": obj({"version": ID, "reason": _TEXT}),
    "EntryChange": obj({"at": _TEXT, "user": _NULL_TEXT, "action": _TEXT, "detail": {"type": "object"}},
                       ("at", "action", "detail")),
}

_CONTEST = path_id("contest_id")
_ENTRY = path_id("entry_id")
_DECIDE = (400, 401, 403, 404, 409, 422)

PATHS: dict = {
    "/api/v1/contests/{contest_id}/entries": {
        "parameters": _CONTEST,
        "get": op("Entries of a contest (organisers: all; leaders: their own; public: approved names)", 200,
                  list_of("Entry"), (404,), False, paged=True),
        "post": op("Enter a team (leader, or organiser naming the delegation); waitlisted when full", 201,
                   ref("Entry"), (400, 401, 403, 404, 409, 422), True, body="EntryIn")},
    "/api/v1/entries/{entry_id}": {
        "parameters": _ENTRY,
        "get": op("One entry with its roster (its leader, organisers)", 200, ref("Entry"), (401, 404), True),
        "patch": op("Change the name or roster before the deadline (send version)", 200, ref("Entry"),
                    (400, 401, 403, 404, 409, 422), True, "EntryPatch")},
    "/api/v1/entries/{entry_id}/substitute": {
        "parameters": _ENTRY,
        "post": op("After the deadline: organiser replaces the roster with a reason", 200, ref("Entry"),
                   (400, 401, 403, 404, 409, 422), True, "Substitution")},
    "/api/v1/entries/{entry_id}/approve": {
        "parameters": _ENTRY,
        "post": op("Approve a pending entry (organiser)", 200, ref("Entry"), _DECIDE, True, "Decision")},
    "/api/v1/entries/{entry_id}/reject": {
        "parameters": _ENTRY,
        "post": op("Reject with a reason (organiser)", 200, ref("Entry"), _DECIDE, True, "Decision")},
    "/api/v1/entries/{entry_id}/withdraw": {
        "parameters": _ENTRY,
        "post": op("Withdraw (leader or organiser); a waitlisted entry moves up", 200, ref("Entry"), _DECIDE, True,
                   "Decision")},
    "/api/v1/entries/{entry_id}/history": {
        "parameters": _ENTRY,
        "get": op("Who changed the entry, when, what", 200, list_of("EntryChange"), (401, 404), True)},
}
