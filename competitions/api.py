"""API: events and contests (organisers create, everyone reads)."""
from __future__ import annotations

from flask import jsonify, url_for

from competitions import services, venue_services
from web.api import api_time, bp, created, current_user_or_401, json_body, listing, page_args


def event_json(event) -> dict:
    """The public shape of an event."""
    return {"id": event.id, "name": event.name, "starts_on": event.starts_on.isoformat(),
            "ends_on": event.ends_on.isoformat(), "timezone": event.timezone, "host": event.host,
            "divisions": [{"id": d.id, "code": d.code, "name": d.name} for d in event.divisions],
            "version": event.version}


def contest_json(contest) -> dict:
    """The public shape of a contest."""
    return {"id": contest.id, "event_id": contest.event_id, "name": contest.name, "sport": contest.sport,
            "discipline": contest.discipline, "division": contest.division.code if contest.division else None,
            "format": contest.format, "settings": contest.settings,
            "registration_opens_at": api_time(contest.registration_opens_at, contest.event.timezone),
            "registration_closes_at": api_time(contest.registration_closes_at, contest.event.timezone),
            "max_entries": contest.max_entries, "waiting_list": contest.waiting_list,
            "venue_id": contest.venue_id, "version": contest.version}


def venue_json(venue) -> dict:
    """The public shape of a venue."""
    return {"id": venue.id, "name": venue.name, "kind": venue.kind, "address": venue.address,
            "courts": [c.name for c in venue.courts], "version": venue.version}


@bp.get("/events")
def list_events():
    """Events, newest first (public)."""
    page, per_page = page_args()
    events, total = services.list_events(page, per_page)
    return listing([event_json(e) for e in events], total)


@bp.post("/events")
def create_event():
    """Create an event with its divisions (organiser)."""
    event = services.create_event(current_user_or_401(), json_body())
    return created(event_json(event), url_for("api.get_event", event_id=event.id))


@bp.get("/events/<int:event_id>")
def get_event(event_id: int):
    """One event (public)."""
    return jsonify(event_json(services.get_event(event_id)))


@bp.patch("/events/<int:event_id>")
def update_event(event_id: int):
    """Change an event (its organisers; send the version you read)."""
    return jsonify(event_json(services.update_event(current_user_or_401(), event_id, json_body())))


@bp.get("/events/<int:event_id>/venues")
def list_venues(event_id: int):
    """The venues of an event with their courts or lanes (public)."""
    event = services.event_overview(event_id)
    return listing([venue_json(v) for v in event.venues], len(event.venues))


@bp.post("/events/<int:event_id>/venues")
def create_venue(event_id: int):
    """Add a venue with its courts or lanes (organiser of the event)."""
    return created(venue_json(venue_services.create_venue(current_user_or_401(), event_id, json_body())))


@bp.get("/events/<int:event_id>/contests")
def list_contests(event_id: int):
    """The contests of an event (public)."""
    services.get_event(event_id)
    page, per_page = page_args()
    contests, total = venue_services.list_contests(event_id, page, per_page)
    return listing([contest_json(c) for c in contests], total)


@bp.post("/events/<int:event_id>/contests")
def create_contest(event_id: int):
    """Create a contest (organiser of the event)."""
    contest = venue_services.create_contest(current_user_or_401(), event_id, json_body())
    return created(contest_json(contest), url_for("api.get_contest", contest_id=contest.id))


@bp.get("/contests/<int:contest_id>")
def get_contest(contest_id: int):
    """One contest (public)."""
    return jsonify(contest_json(venue_services.get_contest(contest_id)))


@bp.patch("/contests/<int:contest_id>")
def update_contest(contest_id: int):
    """Change a contest (organiser of the event; send the version you read and the whole definition)."""
    return jsonify(contest_json(venue_services.update_contest(current_user_or_401(), contest_id, json_body())))
