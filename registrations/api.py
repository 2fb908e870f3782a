"""API: delegations of an event (organisers create with the leader's account; public list)."""
from __future__ import annotations

from flask import jsonify

from registrations import services
from web.api import bp, created, current_user_or_401, json_body, listing, page_args


def delegation_json(delegation, private: bool = False) -> dict:
    """The shape of a delegation; the leader's account only for its leader and the organisers."""
    body = {"id": delegation.id, "event_id": delegation.event_id, "name": delegation.name,
            "division": delegation.division.code, "version": delegation.version}
    if private:
        body["leader"] = {"id": delegation.leader.id, "username": delegation.leader.username,
                          "display_name": delegation.leader.display_name}
    return body


@bp.get("/events/<int:event_id>/delegations")
def list_delegations(event_id: int):
    """The delegations of an event, without personal data (public)."""
    page, per_page = page_args()
    rows, total = services.list_delegations(event_id, page, per_page)
    return listing([delegation_json(d) for d in rows], total)


@bp.post("/events/<int:event_id>/delegations")
def create_delegation(event_id: int):
    """Create a delegation and its leader's account (organiser of the event)."""
    delegation = services.create_delegation(current_user_or_401(), event_id, json_body())
    return created(delegation_json(delegation, private=True))


@bp.get("/delegations/<int:delegation_id>")
def get_delegation(delegation_id: int):
    """A delegation with its leader (the leader and the event's organisers; 404 for others)."""
    return jsonify(delegation_json(services.get_delegation(current_user_or_401(), delegation_id), private=True))


@bp.patch("/delegations/<int:delegation_id>")
def update_delegation(delegation_id: int):
    """Rename a delegation or change its division (organiser; send the version you read)."""
    return jsonify(delegation_json(
        services.update_delegation(current_user_or_401(), delegation_id, json_body()), private=True))
