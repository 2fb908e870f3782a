"""API: entries of a contest (register, list per role, change, approve, reject, withdraw, history)."""
from __future__ import annotations

from flask import jsonify, request

from registrations import entry_decisions as decisions
from registrations import entry_services as services
from registrations.idcard import mask_id_number
from web.api import api_time, bp, created, current_user_or_401, current_user_or_none, json_body, listing, page_args

PUBLIC_FIELDS = ("id", "contest_id", "delegation_id", "delegation", "name", "status")


def entry_json(entry, seen_as: str = "organiser") -> dict:
    """An entry as ``seen_as`` may see it: organisers everything, leaders masked ID numbers, public no people."""
    body = {"id": entry.id, "contest_id": entry.contest_id, "delegation_id": entry.delegation_id,
            "delegation": entry.delegation.name, "name": entry.name, "status": entry.status}
    if seen_as == "public":
        return body
    tz = entry.contest.event.timezone
    body.update(reason=entry.reason, version=entry.version, created_at=api_time(entry.created_at, tz),
                updated_at=api_time(entry.updated_at, tz), members=[_member(m, seen_as) for m in entry.members])
    return body


def _member(m, seen_as: str) -> dict:
    number = m.id_number if seen_as == "organiser" else (mask_id_number(m.id_number) if m.id_number else None)
    return {"name": m.name, "gender": m.gender, "birth_date": m.birth_date.isoformat() if m.birth_date else None,
            "id_number": number, "role": m.role, "phone": m.phone}


def _seen_as(entry) -> str:
    return services.audience(current_user_or_401(), entry.contest)


@bp.post("/contests/<int:contest_id>/entries")
def register_entry(contest_id: int):
    """Enter a team in a contest (the delegation's leader, or an organiser naming the delegation)."""
    entry = services.register_entry(current_user_or_401(), contest_id, json_body())
    return created(entry_json(entry, _seen_as(entry)))


@bp.get("/contests/<int:contest_id>/entries")
def list_entries(contest_id: int):
    """A contest's entries: all for organisers, own for leaders, approved names for the public."""
    page, per_page = page_args()
    rows, total, seen_as = services.list_entries(current_user_or_none(), contest_id, request.args.get("status") or None,
                                                 request.args.get("delegation_id", type=int), page, per_page)
    return listing([entry_json(e, seen_as) for e in rows], total)


@bp.get("/entries/<int:entry_id>")
def get_entry(entry_id: int):
    """One entry with its roster (its leader and the organisers)."""
    entry = services.get_entry(current_user_or_401(), entry_id)
    return jsonify(entry_json(entry, _seen_as(entry)))


@bp.patch("/entries/<int:entry_id>")
def update_entry(entry_id: int):
    """Change an entry's name or roster before the deadline (send the version you read)."""
    entry = services.update_entry(current_user_or_401(), entry_id, json_body())
    return jsonify(entry_json(entry, _seen_as(entry)))


@bp.post("/entries/<int:entry_id>/substitute")
def substitute_member(entry_id: int):
    """After the deadline: an organiser replaces the roster, with a reason."""
    entry = services.substitute_member(current_user_or_401(), entry_id, json_body())
    return jsonify(entry_json(entry))


@bp.post("/entries/<int:entry_id>/approve")
def approve_entry(entry_id: int):
    """Approve a pending entry (organiser)."""
    return jsonify(entry_json(decisions.approve_entry(current_user_or_401(), entry_id, _optional_body())))


@bp.post("/entries/<int:entry_id>/reject")
def reject_entry(entry_id: int):
    """Reject an entry with a reason (organiser)."""
    return jsonify(entry_json(decisions.reject_entry(current_user_or_401(), entry_id, _optional_body())))


@bp.post("/entries/<int:entry_id>/withdraw")
def withdraw_entry(entry_id: int):
    """Withdraw an entry (its leader or an organiser); a waitlisted entry moves up."""
    entry = decisions.withdraw_entry(current_user_or_401(), entry_id, _optional_body())
    return jsonify(entry_json(entry, _seen_as(entry)))


@bp.get("/entries/<int:entry_id>/history")
def entry_history(entry_id: int):
    """Who changed the entry, when, and what (its leader and the organisers)."""
    entry = services.get_entry(current_user_or_401(), entry_id)
    tz = entry.contest.event.timezone
    items = [{"at": api_time(c.at, tz), "user": c.user.username if c.user else None, "action": c.action,
              "detail": c.detail} for c in entry.changes]
    return listing(items, len(items))


def _optional_body() -> dict:
    return json_body() if request.get_data() else {}
