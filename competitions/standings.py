"""Standings and rankings: group tables by the sport's tie-break procedure, and the contest's places.

A group table counts the group's finished matches. While a group is still playing, entries level
after every step share a rank; once all its matches are finished, the lots drawn by hand for them
(``competitions.lots``) order them, or until then the order of the draw (made with the recorded random
seed), so the table is complete and can fill a knockout.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from accounts.models import User
from common.db import db
from competitions.models import Contest
from competitions.sports.results import Rules, rules_for
from competitions.sports.tiebreak import unresolved
from scheduling import match_store
from scheduling.draw_services import get_contest, visible_draw
from scheduling.formats import Bracket, Placing, is_complete
from scheduling.formats import ranking as core_ranking
from scheduling.match_services import entry_names
from scheduling.models import Draw

T = match_store.T
TABLE_FORMATS = ("round_robin", "groups_knockout")


def group_entries(contest, draw: Draw) -> dict[str | None, list]:
    """The entries of each group in drawn order (a round robin is one group named None).

    ``contest`` here and in ``group_table`` is a Contest or a ``result_store.ContestRules``.
    """
    if contest.format["type"] == "groups_knockout":
        return {name: list(ids) for name, ids in draw.options["groups"].items()}
    return {None: list(draw.entry_ids)}


def group_matches(contest_id: int, *where) -> dict[str | None, list]:
    """The group stage's matches (those matching ``where`` too) by group: ``(entries, status, result)``."""
    out: dict[str | None, list] = {}
    for g, entries, status, result in db.session.execute(select(T.c.group, T.c.entries, T.c.status, T.c.result).where(
            T.c.contest_id == contest_id, T.c.stage == "group", *where)):
        out.setdefault(g, []).append((entries, status, result))
    return out


@dataclass
class GroupTable:
    """A group's rows ranked, whether it has finished playing, and its ties decided by lot."""

    rows: list[dict]
    complete: bool
    #: the entries level after every step, in the order the lots gave, with whether the lots were drawn by
    #: hand and recorded (else the order of the draw, made with its recorded random seed, stands for them)
    lots: list[dict] = field(default_factory=list)


def group_table(contest, rules: Rules, entries: list, matches: list, withdrawn: list = (),
                recorded: list = ()) -> GroupTable:
    """A group's rows ranked by the sport's procedure (``withdrawn`` entries' results counted as the sport
    says). Once it has finished playing, entries still level are ordered by the lots drawn by hand for exactly
    them (``recorded``: lists of entries, in the order drawn), else by the order of the draw."""
    results = [(e[0], e[1], result) for e, status, result in matches if status == "finished" and result]
    complete = bool(matches) and all(status == "finished" for _, status, _ in matches)
    out = [e for e in withdrawn if e in entries]
    rows = rules.rank_group(contest.discipline, contest.settings, entries, results, None, out)
    ties = unresolved(rows)
    if not complete or not ties:
        return GroupTable(rows, complete)
    drawn = [lot for lot in recorded if any(set(lot) == set(tie) for tie in ties)]
    first = [e for lot in drawn for e in lot]
    rows = rules.rank_group(contest.discipline, contest.settings, entries, results,
                            first + [e for e in entries if e not in first], out)
    by_lot = {row["entry_id"] for row in rows if row["tie_break"] == "lots"}
    order = [row["entry_id"] for row in rows]
    lots = [{"entries": sorted(tie, key=order.index), "recorded": tie[0] in first} for tie in ties
            if by_lot & set(tie)]  # (3x3 basketball: seeding decides, not lots)
    return GroupTable(rows, complete, lots)


def recorded_lots(draw: Draw, group: str | None) -> list:
    """The lots drawn by hand in a group (a round robin's one group is stored under "")."""
    return (draw.lots or {}).get(group or "", [])


def with_lot(draw: Draw, group: str | None, order: list) -> dict:
    """``draw.lots`` with a drawing for ``order``'s entries in the group (replacing one for the same entries)."""
    kept = [lot for lot in recorded_lots(draw, group) if set(lot) != set(order)]
    return {**(draw.lots or {}), group or "": kept + [list(order)]}


def _tables(contest: Contest, draw: Draw, names: dict) -> list[dict]:
    rules, played = rules_for(contest.sport), group_matches(contest.id)
    groups = []
    for name, entries in group_entries(contest, draw).items():
        table = group_table(contest, rules, entries, played.get(name, []), draw.withdrawn,
                            recorded_lots(draw, name))
        for row in table.rows:
            row.update(_names(names, row["entry_id"]))
        groups.append({"name": name, "complete": table.complete, "rows": table.rows, "lots": table.lots})
    return groups


def standings(actor: User | None, contest_id: int) -> dict:
    """The contest's group tables: ``{groups: [{name, complete, rows: [{rank, entry_id, name, ...}]}]}``."""
    contest = get_contest(contest_id)
    draw = visible_draw(actor, contest)
    if draw is None or contest.format["type"] not in TABLE_FORMATS:
        return {"groups": []}
    return {"groups": _tables(contest, draw, entry_names(contest_id))}


def _names(names: dict, entry_id) -> dict:
    found = names.get(entry_id, {})
    return {"name": found.get("name"), "delegation": found.get("delegation")}


def _level(placings: list[Placing], undrawn: list[set]) -> list[Placing]:
    """Entries level after every step whose lots are not drawn yet share their best place (not final)."""
    best = {e: min(p.place for p in placings if p.entry in lot) for lot in undrawn for e in lot}
    return [Placing(best.get(p.entry, p.place), p.entry) for p in placings]


def ranking(actor: User | None, contest_id: int) -> dict:
    """The places settled so far: ``{final, items: [{place, entry_id, name, delegation, status?}]}`` (shared places
    repeat; ``status`` DNS, DNF or DSQ for a crew placed without a valid time)."""
    contest = get_contest(contest_id)
    draw = visible_draw(actor, contest)
    kind = contest.format["type"]
    if draw is None or kind == "judged":
        return {"final": False, "items": []}
    names = entry_names(contest_id)
    if kind == "round_robin":
        table = _tables(contest, draw, names)[0]
        undrawn = [set(lot["entries"]) for lot in table["lots"] if not lot["recorded"]]
        final = table["complete"] and not undrawn
        order = [row["entry_id"] for row in table["rows"]]
        placings = _level(core_ranking(Bracket(kind, order), order), undrawn) if table["complete"] else []
    else:
        ms = match_store.Matches(contest_id, match_store.records(T.c.contest_id == contest_id))
        bracket = ms.bracket(draw, kind, contest.settings)
        placings, final = core_ranking(bracket), is_complete(bracket) and bool(ms)
    return {"final": final, "items": [{"place": p.place, "entry_id": p.entry, **_names(names, p.entry),
                                       **({"status": p.status} if p.status else {})} for p in placings]}
