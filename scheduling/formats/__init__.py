"""Competition formats: generate a contest's whole structure up front, progress it, rank it. Pure.

One module per format; this package resolves a contest's ``format`` dict (as validated by
``competitions.sports.formats``) to the right one. A service makes a draw with ``build`` (compact:
round robin groups as ``round_robin.Schedule``s), stores every match, then for each result rebuilds
the part of the bracket it needs from the stored rows (``model.match_from_row``) and writes back only
the ``Change`` list returned by ``apply_result`` / ``record_race`` / ``fill_knockout``.
"""
from __future__ import annotations

from typing import Mapping, Sequence

from common.errors import N_, Invalid
from scheduling.draw import Entry, knockout_draw, seeded_order, snake_groups
from scheduling.formats import (double_elimination, groups_knockout, round_robin, single_elimination,
                                timed_heats)
from scheduling.formats.model import Bracket, Change, EntryId, FormatError, Placing, RaceTime
from scheduling.formats.progression import apply_result, is_complete

__all__ = ["build", "apply_result", "record_race", "fill_knockout", "ranking", "is_complete", "Bracket", "Change",
           "Placing", "RaceTime", "FormatError", "Entry"]

record_race = timed_heats.record_race
fill_knockout = groups_knockout.fill_knockout


def build(fmt: Mapping, entries: Sequence[Entry], seeds: Sequence[EntryId] = (), random_seed: int = 0,
          separate: bool = True, compact: bool = False) -> Bracket:
    """Draw and generate the whole structure of a contest from its format and approved entries.

    ``compact`` (for storing it): round robin groups as ``round_robin.Schedule``s in ``Bracket.schedules``."""
    kind = fmt.get("type")
    if kind in ("single_elimination", "double_elimination"):
        limit = fmt.get("seeds") or len(seeds)
        lineup = knockout_draw(entries, list(seeds)[:limit], random_seed, separate)
        if kind == "single_elimination":
            b = single_elimination.generate(lineup, bool(fmt.get("third_place", False)))
        else:
            b = double_elimination.generate(lineup, fmt.get("grand_final", "single"))
    elif kind == "round_robin":
        b = round_robin.generate(seeded_order(entries, seeds, random_seed), fmt.get("cycles", 1), compact=compact)
    elif kind == "groups_knockout":
        ranked = {e.id: e for e in entries}
        order = [ranked[i] for i in seeded_order(entries, seeds, random_seed)]
        groups = snake_groups(order, fmt["groups"], separate)
        b = groups_knockout.generate(groups, fmt["qualifiers_per_group"], fmt.get("cycles", 1),
                                     bool(fmt.get("third_place", False)), compact=compact)
    elif kind == "timed_heats":
        delegations = {e.id: e.delegation for e in entries} if separate else None
        b = timed_heats.generate(seeded_order(entries, seeds, random_seed), fmt["lanes"], fmt.get("runs", 1),
                                 fmt.get("ranking", "best"), random_seed, delegations)
    else:
        raise Invalid.one("format.type", N_("This format has no draw: %(type)s."), type=str(kind))
    b.options["random_seed"] = random_seed
    return b


def ranking(b: Bracket, standings: Sequence[EntryId] | None = None) -> list[Placing]:
    """Places settled so far (round robin: from the sport's standings, given by the caller)."""
    if b.format == "round_robin":
        return round_robin.ranking(standings or [])
    rankers: Mapping = {"single_elimination": single_elimination.ranking,
                        "double_elimination": double_elimination.ranking,
                        "groups_knockout": groups_knockout.ranking, "timed_heats": timed_heats.ranking}
    if b.format not in rankers:
        raise FormatError(N_("Unknown format %(type)s."), type=b.format)
    return rankers[b.format](b)
