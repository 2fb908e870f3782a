"""GET /api/v1/openapi.json: the OpenAPI 3.1 description of what the API really does (tested)."""
from __future__ import annotations

from flask import Blueprint, jsonify

from notifications import api_spec as notification_spec
from registrations import api_spec as entry_spec
from registrations import works_api_spec as works_spec
from scheduling import api_spec as match_spec
from web.openapi_schema import ID as _ID
from web.openapi_schema import list_of as _list_of
from web.openapi_schema import obj as _obj
from web.openapi_schema import op as _op
from web.openapi_schema import ref as _ref

bp = Blueprint("openapi", __name__)
_TEXT, _DAY = {"type": "string"}, {"type": "string", "format": "date"}
_MOMENT = {"type": "string", "format": "date-time"}

SCHEMAS = {
    "Division": _obj({"id": _ID, "code": {"type": "string"}, "name": {"type": "string"}}, ("code", "name")),
    "Event": _obj({"id": _ID, "name": {"type": "string"}, "starts_on": {"type": "string", "format": "date"},
                   "ends_on": {"type": "string", "format": "date"}, "timezone": {"type": "string"},
                   "divisions": {"type": "array", "items": {"$ref": "#/components/schemas/Division"}},
                   "version": _ID}, ("id", "name", "starts_on", "ends_on", "timezone", "divisions", "version")),
    "Contest": _obj({"id": _ID, "event_id": _ID, "name": {"type": "string"}, "sport": {
        "enum": ["badminton", "basketball", "ice_dragon_boat", "photography"]},
        "discipline": {"type": ["string", "null"]}, "division": {"type": ["string", "null"]},
        "format": _obj({"type": {"type": "string"}}, ("type",)), "settings": {"type": "object"},
        "registration_opens_at": {"type": "string", "format": "date-time"},
        "registration_closes_at": {"type": "string", "format": "date-time"},
        "max_entries": {"type": ["integer", "null"]}, "waiting_list": {"type": "boolean"}, "version": _ID},
        ("id", "name", "sport", "format", "settings", "registration_opens_at", "registration_closes_at", "version")),
    "Delegation": _obj({"id": _ID, "name": {"type": "string"}, "division": {"type": "string"},
                        "leader": _obj({"id": _ID, "username": {"type": "string"}}), "version": _ID},
                       ("id", "name", "division", "version")),
    "Venue": _obj({"id": _ID, "name": {"type": "string"}, "kind": {"type": "string"},
                   "courts": {"type": "array", "items": {"type": "string"}}, "version": _ID}, ("id", "name", "courts")),
    "User": _obj({"id": _ID, "username": {"type": "string"}, "roles": {"type": "array", "items": {"type": "string"}}},
                 ("id", "username", "roles")),
    "Token": _obj({"token": {"type": "string"}, "expires_at": {"type": "string", "format": "date-time"},
                   "user": {"$ref": "#/components/schemas/User"}}, ("token", "expires_at", "user")),
    "TokenRequest": _obj({"username": _TEXT, "password": _TEXT}, ("username", "password")),
    "EventIn": _obj({"name": _TEXT, "starts_on": _DAY, "ends_on": _DAY, "timezone": _TEXT, "host": _TEXT,
                     "divisions": {"type": "array", "items": _obj({"code": _TEXT, "name": _TEXT}, ("code", "name"))},
                     "version": _ID}, ("name", "starts_on", "ends_on")),
    "ContestIn": _obj({"name": _TEXT, "sport": {"enum": ["badminton", "basketball", "ice_dragon_boat", "photography"]},
                       "discipline": {"type": ["string", "null"]}, "division": {"type": ["string", "null"]},
                       "format": _obj({"type": _TEXT}, ("type",)), "settings": {"type": "object"},
                       "registration_opens_at": _MOMENT, "registration_closes_at": _MOMENT,
                       "max_entries": {"type": ["integer", "null"]}, "waiting_list": {"type": "boolean"},
                       "venue_id": {"type": ["integer", "null"]}, "version": _ID},
                      ("name", "sport", "format", "registration_opens_at", "registration_closes_at")),
    "DelegationIn": _obj({"name": _TEXT, "division": _TEXT, "version": _ID, "leader": _obj(
        {"username": _TEXT, "password": _TEXT, "display_name": _TEXT}, ("username", "password"))},
        ("name", "division")),
    "VenueIn": _obj({"name": _TEXT, "kind": _TEXT, "address": _TEXT, "courts": {"type": ["integer", "array"]},
                     "version": _ID}, ("name",)),
}


_EVENT_ID = [{"name": "event_id", "in": "path", "required": True, "schema": _ID}]
PATHS = {
    "/api/v1/tokens": {"post": _op("Get a bearer token", 201, _ref("Token"), (400, 401, 429), False,
                                     "TokenRequest")},
    "/api/v1/tokens/current": {"delete": _op("Revoke this token", 204, None, (401,), True)},
    "/api/v1/me": {"get": _op("The token's user", 200, _ref("User"), (401,), True)},
    "/api/v1/events": {
        "get": _op("List events (public)", 200, _list_of("Event"), (422,), False, paged=True),
        "post": _op("Create an event (organiser)", 201, _ref("Event"), (400, 401, 403, 422), True, "EventIn")},
    "/api/v1/events/{event_id}": {
        "parameters": _EVENT_ID,
        "get": _op("One event (public)", 200, _ref("Event"), (404,), False),
        "patch": _op("Change an event (send the version read)", 200, _ref("Event"), (400, 401, 403, 404, 409, 422),
                     True, "EventIn")},
    "/api/v1/events/{event_id}/delegations": {
        "parameters": _EVENT_ID,
        "get": _op("List delegations (public)", 200, _list_of("Delegation"), (404, 422), False, paged=True),
        "post": _op("Create a delegation and its leader", 201, _ref("Delegation"), (400, 401, 403, 404, 409, 422),
                    True, "DelegationIn")},
    "/api/v1/events/{event_id}/venues": {
        "parameters": _EVENT_ID,
        "get": _op("List venues (public)", 200, _list_of("Venue"), (404,), False),
        "post": _op("Add a venue", 201, _ref("Venue"), (400, 401, 403, 404, 422), True, "VenueIn")},
    "/api/v1/events/{event_id}/contests": {
        "parameters": _EVENT_ID,
        "get": _op("List contests (public)", 200, _list_of("Contest"), (404, 422), False, paged=True),
        "post": _op("Create a contest", 201, _ref("Contest"), (400, 401, 403, 404, 409, 422), True, "ContestIn")},
    "/api/v1/contests/{contest_id}": {
        "parameters": [{"name": "contest_id", "in": "path", "required": True, "schema": _ID}],
        "get": _op("One contest (public)", 200, _ref("Contest"), (404,), False),
        "patch": _op("Change a contest (the whole definition; send the version read)", 200, _ref("Contest"),
                     (400, 401, 403, 404, 409, 422), True, "ContestIn")},
    "/api/v1/delegations/{delegation_id}": {
        "parameters": [{"name": "delegation_id", "in": "path", "required": True, "schema": _ID}],
        "get": _op("A delegation with its leader (leader, organisers)", 200, _ref("Delegation"), (401, 404), True),
        "patch": _op("Change a delegation", 200, _ref("Delegation"), (400, 401, 403, 404, 409, 422), True,
                     "DelegationIn")},
    "/api/v1/openapi.json": {"get": _op("This description", 200, {"type": "object"}, (), False)},
}

#: the packages' own descriptions of their part of the API
PARTS = (entry_spec, works_spec, match_spec, notification_spec)

SPEC = {
    "openapi": "3.1.0",
    "info": {"title": "Podium API", "version": "1"},
    "paths": {**PATHS, **{p: item for part in PARTS for p, item in part.PATHS.items()}},
    "components": {
        "schemas": {**SCHEMAS, **{n: sch for part in PARTS for n, sch in part.SCHEMAS.items()}},
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "responses": {"Problem": {"description": "problem+json", "content": {"application/problem+json": {
            "schema": _obj({"type": {"type": "string"}, "title": {"type": "string"}, "status": _ID,
                            "detail": {"type": "string"}, "errors": {"type": "object"}},
                           ("type", "title", "status", "detail"))}}}},
    },
}


@bp.get("/api/v1/openapi.json")
def openapi():
    """The OpenAPI 3.1 description of the API."""
    return jsonify(SPEC)
