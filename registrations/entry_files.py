"""Entry files: the .xlsx template of a contest, the upload of a filled one, exports, the 报名表 PDF.

Services (no Flask): they check who may do what, then call the pure builders in
``registrations.excel`` and ``registrations.entry_form_pdf``. An upload is parsed before the write
transaction begins (a slow file never holds the database's write lock), then stored by the bulk
path in one use case; any refusal comes back as ``UploadError`` with (row, column, message).
"""
from __future__ import annotations

from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from accounts.models import User
from accounts.permissions import require_user
from common.db import db
from common.errors import N_, Conflict, Forbidden, Invalid, Message
from common.transaction import use_case
from competitions.models import Contest
from competitions.services import manages, require_manager
from competitions.sports import get_sport
from competitions.sports.base import RosterRule
from competitions.venue_services import get_contest
from registrations import entry_import, lifecycle
from registrations.entry_form_pdf import render_entry_form
from registrations.entry_rules import age_day, contest_rule, delegation_for, window
from registrations.excel import Problem, UploadError, build_template, parse_upload
from registrations.excel_export import export_entries
from registrations.idcard import mask_id_number
from registrations.models import Delegation, Entry
from registrations.services import get_delegation, led_by


def _identity(text: str) -> str:
    return text


def template_for(actor: User | None, contest_id: int, lang: str = "zh",
                 translate: Callable[[str], str] = _identity) -> bytes:
    """The .xlsx entry template of a contest: its roles and genders as lists (any signed-in user)."""
    require_user(actor)
    contest = get_contest(contest_id)
    rule = contest_rule(contest)
    genders = tuple(g for g in ("M", "F") if rule.genders.get(g, (0, None))[1] != 0) or ("M", "F")
    return build_template(contest.name, translate(get_sport(contest.sport).label), list(rule.roles), genders, lang)


def upload_delegations(actor: User | None, contest_id: int) -> tuple[Contest, list[Delegation], bool]:
    """The contest, the delegations ``actor`` may upload for, and whether they choose (organisers)."""
    require_user(actor)
    contest = get_contest(contest_id)
    if manages(actor, contest.event_id):
        rows = db.session.scalars(select(Delegation).where(Delegation.event_id == contest.event_id)
                                  .order_by(Delegation.name)).all()
        return contest, [d for d in rows if contest.division_id in (None, d.division_id)], True
    own = led_by(actor)
    if own is None or own.event_id != contest.event_id:
        raise Forbidden(N_("Only the leader of a delegation or an organiser may upload entries."))
    return contest, [own], False


def import_upload(actor: User | None, contest_id: int, delegation_id: int | None, data: bytes) -> list[Entry]:
    """Enter every team of a filled template for one delegation, or none; UploadError lists every bad cell."""
    contest, allowed, chooses = upload_delegations(actor, contest_id)
    if not chooses:
        delegation_id = allowed[0].id
    delegation_for(actor, contest, {"delegation_id": delegation_id})
    lifecycle.require_open(window(contest))
    rule = contest_rule(contest)
    teams = parse_upload(data, rule=rule, on_date=age_day(contest))
    try:
        return _store(actor, contest_id, delegation_id, teams, rule)
    except UploadError:
        raise
    except Invalid as err:
        raise UploadError(problems_at_cells(err, teams)) from None
    except Conflict as err:
        raise UploadError([Problem(None, None, None, err.message)]) from None


@use_case
def _store(actor: User, contest_id: int, delegation_id: int, teams: list[dict], rule: RosterRule) -> list[Entry]:
    """The write: the bulk path, in one transaction."""
    return entry_import.import_teams(actor, contest_id, delegation_id,
                                     [{"name": t["name"], "members": t["members"]} for t in teams], checked_rule=rule)


def problems_at_cells(err: Invalid, teams: list[dict]) -> list[Problem]:
    """Service errors (``teams.N.members.M.field``, ``teams.N.name``) pointed at the sheet's cells."""
    problems = []
    for path, messages in err.errors.items():
        parts = path.split(".")
        row = column = header = None
        team_name = ""
        if len(parts) >= 2 and parts[0] == "teams" and parts[1].isdigit() and int(parts[1]) < len(teams):
            team = teams[int(parts[1])]
            field, row, team_name = "team", team["row"], team["name"]
            if len(parts) >= 4 and parts[2] == "members" and parts[3].isdigit() and int(parts[3]) < len(team["rows"]):
                row, field = team["rows"][int(parts[3])], parts[4] if len(parts) > 4 else "name"
            column, header = team["columns"].get(field), team["headers"].get(field)
        for m in messages:
            problems.append(Problem(row, column, header, Message(m.msgid, {"team": team_name, **m.params})))
    return problems


def _rows(entries: list[Entry]) -> list[dict]:
    return [{"contest": e.contest.name, "delegation": e.delegation.name, "team": e.name, "status": e.status,
             "members": [{"name": m.name, "gender": m.gender, "birth_date": m.birth_date, "id_number": m.id_number,
                          "role": m.role, "phone": m.phone} for m in e.members]} for e in entries]


def _entries(*where) -> list[Entry]:
    return list(db.session.scalars(select(Entry).where(*where).order_by(Entry.contest_id, Entry.id).options(
        selectinload(Entry.members), selectinload(Entry.contest), selectinload(Entry.delegation))))


def export_contest(actor: User | None, contest_id: int, lang: str = "zh") -> tuple[Contest, bytes]:
    """Every entry of a contest as .xlsx, one line per member, full ID numbers (organisers)."""
    contest = get_contest(contest_id)
    require_manager(actor, contest.event_id)
    entries = _entries(Entry.contest_id == contest.id)
    return contest, export_entries(_rows(entries), lang, full=True)


def export_delegation(actor: User | None, delegation_id: int, lang: str = "zh") -> tuple[Delegation, bytes]:
    """A delegation's entries in every contest as .xlsx (its leader: masked ID numbers; organisers: full)."""
    delegation = get_delegation(actor, delegation_id)
    full = manages(actor, delegation.event_id)
    entries = _entries(Entry.delegation_id == delegation.id)
    return delegation, export_entries(_rows(entries), lang, full=full)


def entry_form_data(actor: User | None, delegation_id: int) -> dict:
    """What the 报名表 of a delegation prints: its active entries per contest, ID numbers masked."""
    delegation = get_delegation(actor, delegation_id)
    contests: dict[int, dict] = {}
    for e in _entries(Entry.delegation_id == delegation.id, Entry.status.in_(lifecycle.ACTIVE)):
        section = contests.setdefault(e.contest_id, {"name": e.contest.name, "entries": []})
        section["entries"].append({"label": e.name, "status": e.status, "roster": [
            {"name": m.name, "gender": m.gender, "birth_date": m.birth_date, "role": m.role,
             "id_number": mask_id_number(m.id_number) if m.id_number else "",
             "phone": _mask_phone(m.phone)} for m in e.members]})
    leader = delegation.leader
    return {"event": delegation.event.name, "delegation": delegation.name, "division": delegation.division.name,
            "leader": leader.display_name or leader.username, "leader_phone": "", "signed_on": None,
            "contests": list(contests.values())}


def entry_form(actor: User | None, delegation_id: int, lang: str = "zh") -> tuple[Delegation, bytes]:
    """The printable entry form (报名表) of a delegation as PDF, with a CJK font embedded."""
    data = entry_form_data(actor, delegation_id)
    return get_delegation(actor, delegation_id), render_entry_form(data, lang)


def _mask_phone(phone: str | None) -> str:
    """A mobile number as 138****0000 (the form is printed and handed around)."""
    if not phone:
        return ""
    return phone[:3] + "****" + phone[-4:] if len(phone) == 11 and phone.isdigit() else phone
