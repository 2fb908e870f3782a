"""Withdrawing an entry after the draw (an injury, a team that does not come), with the reason on record.

The entry stays in the draw. Its ready matches go to the other side at once, by walkover (a forfeit in
basketball); a match it would still reach is walked over as soon as it is ready (``walk_over`` after
each result). In group tables its results count as the sport says: deleted in badminton by default
(setting ``delete_withdrawn_results``), dropped in basketball. Races have no walkover: a crew that
does not start is recorded as DNS in its race.

A withdrawal recorded by mistake (or an entry that turns up after all) is taken back with a reason: the
walkovers it gave are taken back, those matches are to be played again, and its group results count
again; refused (409, naming the match) once a match such a walkover led to has been played.
"""
from __future__ import annotations

from sqlalchemy import select

from accounts.models import User
from accounts.permissions import user_id_of
from common import fields
from common.db import db, utcnow
from common.errors import N_, Conflict, Invalid, NotFound
from common.transaction import use_case
from competitions.result_corrections import named_matches, take_back
from competitions.result_services import regroup, walk_over
from competitions.result_store import ContestRules
from competitions.sports.results import rules_for
from scheduling import match_store
from scheduling.draw_services import draw_of, managed_contest
from scheduling.formats import Bracket
from scheduling.formats.model import FINISHED
from scheduling.models import MatchLog

T = match_store.T


@use_case
def withdraw_entry(actor: User, contest_id: int, data: dict) -> dict:
    """Withdraw an entry of a drawn contest (``entry_id``, ``reason``): ``{withdrawn, walked_over}``."""
    contest = managed_contest(actor, contest_id)
    draw = draw_of(contest_id)
    if draw is None:
        raise Conflict(N_("Make the draw first: before it, an entry is withdrawn from its registration."))
    rules = rules_for(contest.sport)
    if rules.kind != "head_to_head":
        raise Conflict(N_("A race has no walkover: record the crew as DNS in its race."))
    data = data if isinstance(data, dict) else {}
    entry_id = data.get("entry_id")
    if not isinstance(entry_id, int) or isinstance(entry_id, bool) or entry_id not in draw.entry_ids:
        raise Invalid.one("entry_id", N_("Choose an entry of this draw."))
    reason = fields.reason(data, N_("Say why the entry withdraws (it is kept in the contest's record)."))
    if entry_id in draw.withdrawn:
        raise Conflict(N_("This entry has already withdrawn."))
    draw.withdrawn = [*draw.withdrawn, entry_id]
    draw.version += 1
    db.session.flush()
    ready = [r for r in match_store.records(T.c.contest_id == contest_id, T.c.status == "ready")
             if entry_id in r["entries"]]
    ms = match_store.Matches(contest_id, ready)
    ms.prefetch(key for r in ready for key in match_store.linked_keys(r))
    rules_of = ContestRules.managed(contest, draw)
    done = {"recorded_by_id": user_id_of(actor), "recorded_at": utcnow()}
    with named_matches(rules_of):
        count = walk_over(rules_of, rules, ms, [r["key"] for r in ready], done)
        for group, members in (draw.options.get("groups") or {}).items():  # ranked again without its results
            if entry_id in members:
                walk_over(rules_of, rules, ms, regroup(rules_of, rules, ms, "group", group), done)
    match_store.log(contest_id, done["recorded_by_id"], "withdraw", {"entry_id": entry_id, "reason": reason})
    return {"withdrawn": list(draw.withdrawn), "walked_over": count}


@use_case
def reinstate_entry(actor: User, contest_id: int, entry_id: int, data: dict) -> dict:
    """Take back an entry's withdrawal (``reason``): ``{withdrawn, taken_back}``, the walkovers taken back.

    Every walkover the withdrawal gave that still stands is taken back, the latest first, and is ready to be
    played again; a match whose other side has withdrawn too is walked over to this entry instead."""
    contest = managed_contest(actor, contest_id)
    draw = draw_of(contest_id)
    if draw is None or entry_id not in draw.withdrawn:
        raise NotFound(N_("This entry has not withdrawn."))
    reason = fields.reason(data if isinstance(data, dict) else {},
                           N_("Say why the withdrawal is taken back (it is kept in the contest's record)."))
    user_id = user_id_of(actor)
    given = _walkovers_given(contest_id, entry_id)
    ms = match_store.Matches(contest_id, match_store.records(T.c.contest_id == contest_id, T.c.key.in_(list(given))))
    keys = [k for k, result in given.items() if k in ms.records and ms.records[k]["status"] == FINISHED
            and ms.records[k]["result"] == result]  # (not corrected or taken back since)
    draw.withdrawn = [e for e in draw.withdrawn if e != entry_id]
    draw.version += 1
    db.session.flush()
    rules_of, rules = ContestRules.managed(contest, draw), rules_for(contest.sport)
    done = {"recorded_by_id": user_id, "recorded_at": utcnow()}
    with named_matches(rules_of):  # (a refusal names the match played since as people say it)
        for key in keys:
            ms.prefetch(match_store.linked_keys(ms.records[key]))
            take_back(rules_of, rules, ms, Bracket(contest.format["type"], [], ms, {}), ms.records[key], user_id,
                      {"key": key, "reason": reason, "before": given[key], "reinstated": entry_id})
        walk_over(rules_of, rules, ms, keys, done)  # a side that is still withdrawn gives the walkover now
        for group, members in (draw.options.get("groups") or {}).items():  # its results count again
            if entry_id in members:
                walk_over(rules_of, rules, ms, regroup(rules_of, rules, ms, "group", group), done)
    match_store.log(contest_id, user_id, "reinstate", {"entry_id": entry_id, "reason": reason})
    return {"withdrawn": list(draw.withdrawn), "taken_back": len(keys)}


def _walkovers_given(contest_id: int, entry_id: int) -> dict[str, dict]:
    """The keys of the walkovers recorded because ``entry_id`` withdrew, the latest first, with the result
    each recorded (the audit trail says which walkovers a withdrawal gave)."""
    logs = db.session.execute(select(MatchLog.payload).where(
        MatchLog.contest_id == contest_id, MatchLog.action == "result", MatchLog.match_id.is_not(None))
        .order_by(MatchLog.id.desc()))
    out: dict[str, dict] = {}
    for (payload,) in logs:
        if entry_id in (payload.get("withdrawn") or ()) and payload["key"] not in out:
            out[payload["key"]] = payload["data"]
    return out
