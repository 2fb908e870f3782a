"""Recording a drawing of lots: the last step of a group's tie-break, drawn by hand and entered here.

When a group has finished and entries are still level after every step of the sport's procedure
(BWF: "then lots"; FIBA D.1: step 6), the referee draws lots in front of the teams. Until the result
of that drawing is recorded, the order of the draw (made with its recorded random seed) stands for
it, so that a finished group can fill the knockout at once. An organiser records the order drawn for
exactly the entries that are level; the table, and the knockout places the group fills, follow, as
long as no knockout match those places lead to has been played. A drawing can be recorded again
(a mistake); each one is in the contest's record with who entered it and the note given.
"""
from __future__ import annotations

from accounts.models import User
from accounts.permissions import user_id_of
from common import fields
from common.db import utcnow
from common.errors import N_, Conflict, ErrorBag, Invalid
from common.transaction import use_case
from competitions.result_services import regroup, walk_over
from competitions.result_store import ContestRules
from competitions.sports.results import rules_for
from competitions.standings import (TABLE_FORMATS, group_entries, group_matches, group_table, recorded_lots,
                                   with_lot)
from scheduling import match_store
from scheduling.draw_services import draw_of, managed_contest
from scheduling.match_services import entry_names

T = match_store.T


@use_case
def record_lots(actor: User, contest_id: int, data: dict) -> dict:
    """Record the order in which lots were drawn for entries level in a finished group (``group``, ``order``,
    ``note``): ``{group, lots, rows}`` of the group's table as it now stands."""
    contest = managed_contest(actor, contest_id)
    draw = draw_of(contest_id)
    if draw is None or contest.format.get("type") not in TABLE_FORMATS:
        raise Conflict(N_("Only a drawn round robin or group stage has ties to decide by lot."))
    data = data if isinstance(data, dict) else {}
    groups = group_entries(contest, draw)
    group = data.get("group") or None
    if not isinstance(group, (str, type(None))) or group not in groups:
        raise Invalid.one("group", N_("Choose a group of this contest."))
    bag = ErrorBag()
    note = fields.text(bag, data, "note", fields.REASON_MAX, required=False)
    bag.raise_if_any()
    rules = rules_for(contest.sport)
    played = group_matches(contest_id, T.c.group == group).get(group, [])
    table = group_table(contest, rules, groups[group], played, draw.withdrawn, recorded_lots(draw, group))
    if not table.complete:
        raise Conflict(N_("Lots are drawn once every match of the group has a result."))
    if not table.lots:
        raise Conflict(N_("No entries of this group are level after every step: there is nothing to draw."))
    order = data.get("order")
    if not isinstance(order, list) or not all(isinstance(e, int) and not isinstance(e, bool) for e in order):
        order = None  # (not a list of entry ids: refused below, naming the level entries)
    tie = next((lot["entries"] for lot in table.lots if order is not None and set(order) == set(lot["entries"])),
               None)
    if tie is None or len(order) != len(tie):
        names = entry_names(contest_id)
        raise Invalid.one("order", N_("List the entries level after every step (%(entries)s) once each, in the "
                                      "order the lots were drawn."),
                          entries="; ".join("、".join(names.get(e, {}).get("name") or str(e) for e in lot["entries"])
                                            for lot in table.lots))
    draw.lots, draw.version = with_lot(draw, group, order), draw.version + 1
    done = {"recorded_by_id": user_id_of(actor), "recorded_at": utcnow()}
    if contest.format["type"] == "groups_knockout":
        rules_of = ContestRules.managed(contest, draw)
        ms = match_store.Matches(contest_id)
        changed = regroup(rules_of, rules, ms, "group", group)
        if draw.withdrawn:
            walk_over(rules_of, rules, ms, changed, done)
    match_store.log(contest_id, done["recorded_by_id"], "lots", {"group": group, "order": list(order), "note": note})
    table = group_table(contest, rules, groups[group], played, draw.withdrawn, recorded_lots(draw, group))
    return {"group": group, "lots": table.lots, "rows": table.rows}
