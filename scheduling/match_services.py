"""Reading a contest's matches: lists for the API, one match, and the bracket by stage and round for pages.

The public sees the matches once the draw is published; the event's organisers always see them.
Matches are returned as records (``match_store``): plain dicts of the row's columns with the names
of the court and venue.
"""
from __future__ import annotations

from sqlalchemy import func, select

from accounts.models import User
from common.db import db
from common.errors import N_, NotFound
from competitions.models import Contest, Event
from competitions.services import check_manager
from registrations.models import Delegation, Entry, EntryMember
from scheduling import match_store
from scheduling.draw_services import get_contest, visible_draw
from scheduling.models import MatchLog

T = match_store.T


def list_matches(actor: User | None, contest_id: int, stage: str | None = None, status: str | None = None,
                 page: int | None = None, per_page: int | None = None) -> tuple[list[dict], int]:
    """The contest's matches in draw order (optionally one stage or status, one page) and their total."""
    contest = get_contest(contest_id)
    if visible_draw(actor, contest) is None:
        return [], 0
    where = [T.c.contest_id == contest_id]
    if stage:
        where.append(T.c.stage == stage)
    if status:
        where.append(T.c.status == status)
    if page is None:
        found = match_store.records(*where)
        return found, len(found)
    total = db.session.scalar(select(func.count()).select_from(T).where(*where))
    return match_store.records(*where, limit=per_page, offset=(page - 1) * per_page), total


def get_match(actor: User | None, match_id: int) -> dict:
    """One match record (organisers; the public once the draw is published), or NotFound."""
    found = match_store.records(T.c.id == match_id)
    if not found or visible_draw(actor, get_contest(found[0]["contest_id"])) is None:
        raise NotFound(N_("No such match."))
    return found[0]


#: what each line of a match's history says was done
HISTORY_ACTIONS = {"result": N_("Recorded"), "correction": N_("Corrected"), "undo": N_("Taken back")}


def match_history(actor: User | None, match_id: int) -> list[dict]:
    """Who recorded, corrected or took back the match's result, when, with what (the event's organisers)."""
    rec = get_match(actor, match_id)
    check_manager(actor, get_contest(rec["contest_id"]).event_id)
    rows = db.session.execute(select(MatchLog.at, MatchLog.action, MatchLog.payload, User.username,
                                     User.display_name).outerjoin(User, User.id == MatchLog.user_id)
                              .where(MatchLog.match_id == match_id).order_by(MatchLog.at, MatchLog.id))
    return [{"at": at, "action": action, "detail": payload, "user": username, "user_name": name or username}
            for at, action, payload, username, name in rows]


def timezone_of(contest_id: int) -> str | None:
    """The time zone of the contest's event (its matches' times are given in it), None for no such contest."""
    return db.session.scalar(select(Event.timezone).join(Contest, Contest.event_id == Event.id)
                             .where(Contest.id == contest_id))


def last_round(rec: dict) -> int:
    """The last round of the match's stage (what names a knockout round: final, semi-finals...)."""
    return match_store.last_round(rec["contest_id"], rec["stage"])


def entry_names(contest_id: int) -> dict[int, dict]:
    """The contest's entries by id: ``{name, delegation}`` (for pages and tables)."""
    rows = db.session.execute(select(Entry.id, Entry.name, Delegation.name).join(
        Delegation, Delegation.id == Entry.delegation_id).where(Entry.contest_id == contest_id))
    return {i: {"name": name, "delegation": delegation} for i, name, delegation in rows}


def players_of(entry_ids: list) -> dict[int, list[dict]]:
    """The players on the rosters of these entries, in roster order: ``{entry_id: [{name, gender}]}``."""
    m = EntryMember.__table__
    out: dict[int, list[dict]] = {e: [] for e in entry_ids if e is not None}
    for entry_id, name, gender in db.session.execute(select(m.c.entry_id, m.c.name, m.c.gender).where(
            m.c.entry_id.in_(list(out)), m.c.role == "player").order_by(m.c.entry_id, m.c.position)):
        out[entry_id].append({"name": name, "gender": gender})
    return out


def bracket_view(actor: User | None, contest_id: int) -> list[dict]:
    """The matches by stage then round, each with its entries' names: what a bracket page draws.

    ``[{stage, rounds: [{round, matches: [record + names: [name|None per slot], winner_name]}]}]``.
    """
    found, _ = list_matches(actor, contest_id)
    names = entry_names(contest_id) if found else {}
    stages: dict[str, dict[int, list]] = {}
    for rec in found:
        shown = dict(rec, names=[names.get(e, {}).get("name") for e in rec["entries"]],
                     winner_name=names.get(rec["winner_entry_id"], {}).get("name"))
        stages.setdefault(rec["stage"], {}).setdefault(rec["round"], []).append(shown)
    return [{"stage": stage, "rounds": [{"round": r, "matches": ms} for r, ms in rounds.items()]}
            for stage, rounds in stages.items()]

