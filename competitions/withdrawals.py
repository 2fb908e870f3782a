"""Withdrawing an entry after the draw (an injury, a team that does not come), with the reason on record.

The entry stays in the draw. Its ready matches go to the other side at once, by walkover (a forfeit in
basketball); a match it would still reach is walked over as soon as it is ready (``walk_over`` after
each result). In group tables its results count as the sport says: deleted in badminton by default
(setting ``delete_withdrawn_results``), dropped in basketball. Races have no walkover: a crew that
does not start is recorded as DNS in its race.
"""
from __future__ import annotations

from accounts.models import User
from accounts.permissions import user_id_of
from common import fields
from common.db import db, utcnow
from common.errors import N_, Conflict, Invalid
from common.transaction import use_case
from competitions.result_services import regroup, walk_over
from competitions.result_store import ContestRules
from competitions.sports.results import rules_for
from scheduling import match_store
from scheduling.draw_services import draw_of, managed_contest

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
    count = walk_over(rules_of, rules, ms, [r["key"] for r in ready], done)
    for group, members in (draw.options.get("groups") or {}).items():  # ranked again without its results
        if entry_id in members:
            walk_over(rules_of, rules, ms, regroup(rules_of, rules, ms, "group", group), done)
    match_store.log(contest_id, done["recorded_by_id"], "withdraw", {"entry_id": entry_id, "reason": reason})
    return {"withdrawn": list(draw.withdrawn), "walked_over": count}
