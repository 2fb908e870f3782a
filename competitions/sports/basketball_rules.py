"""Basketball rules: 5x5 score sheets without draws, forfeits and defaults, FIBA D.1 tie-break; 3x3. Pure.

The API shared with ``badminton_rules`` (one standings service calls either):

* ``validate_result(discipline, settings, payload, knockout=False) -> result``. Payload:
  ``{outcome?: "normal"|"forfeit"|"default", winner?: 0|1, periods: [[20, 18], [15, 22], ...]}``;
  pairs in the order of the match's entries; ``winner`` (the slot) is required for a forfeit or a
  default. 5x5: four quarters, then an overtime only while the score is level, never a level final.
  3x3: one period (won on time, or on the limit with the winner on ``points_limit`` or one more),
  plus an overtime when level, won by the first team to ``overtime_points``.
  A forfeit has no score sheet and is recorded ``forfeit_score``-0 (3x3: w-0, recorded 0-0); a default
  keeps the sheet so far: the score stands if the winner led, otherwise it is recorded 2-0.
  Result: ``{outcome, winner, periods, score: [a, b]}`` (``score``: the recorded final score).
  Raises ``Invalid`` on ``periods``, ``periods.4`` (an overtime), ``winner`` or ``outcome``.
  ``knockout`` is accepted for the shared signature (a basketball game is the same in both).
* ``outcome(result) -> int``: the winning slot.
* ``stats(discipline, settings, result) -> (line, line)``: ``played, won, lost, points, scored,
  conceded, forfeits`` per slot; 5x5 ``points`` are classification points (``points_win``,
  ``points_loss``, ``points_forfeit``: a defaulting team gets a loss's points), 3x3 ``points`` are wins,
  and 3x3 adds ``avg_scored``/``avg_games`` (points and games that are not forfeits).
* ``nullified_teams(settings, results) -> set``: teams with ``forfeits_to_nullify`` forfeits or more.
* ``rank_group(discipline, settings, entries, results, lots=None, withdrawn=()) -> rows``: ``results``
  are ``(entry_a, entry_b, result)``; the results of nullified and withdrawn teams are dropped
  (those teams come last, unranked). 5x5: FIBA D.1 with the restart rule, ``tie_break`` setting
  ``difference`` or ``ratio`` (得失分率, rows then carry ``ratio``). 3x3: wins, head-to-head of two,
  average points scored without forfeits, then ``lots`` is the seeding order (code ``seeding``).
"""
from __future__ import annotations

from collections import Counter
from fractions import Fraction
from typing import Any, Collection, Mapping, Sequence

from common.errors import N_, ErrorBag
from competitions.sports.tiebreak import (EntryId, Played, Procedure, as_payload, difference, head_to_head,
                                          parse_outcome, parse_pairs, parse_winner, ratio, standings, stat_step,
                                          value_of)

OUTCOMES = ("normal", "forfeit", "default")
QUARTERS = 4
DEFAULT_SCORE = 2
#: the most points a team can be credited with in one period (a record quarter is under 60): 200 for 20 is a typo
MAX_PERIOD_POINTS = 99


def _five(periods: list, bag: ErrorBag) -> None:
    """Four quarters, an overtime only after a level period, and no level final score."""
    if len(periods) < QUARTERS:
        bag.add("periods", N_("Give the scores of the %(quarters)s quarters."), quarters=QUARTERS)
        return
    for i, (a, b) in enumerate(periods):
        if max(a, b) > MAX_PERIOD_POINTS:
            bag.add(f"periods.{i}", N_("At most %(max)s points in a period: check the score."), max=MAX_PERIOD_POINTS)
            return
    total = [0, 0]
    for i, (a, b) in enumerate(periods):
        if i >= QUARTERS and total[0] != total[1]:
            bag.add(f"periods.{i}", N_("An overtime is played only when the score is level after the previous "
                                       "period (it was %(a)s-%(b)s)."), a=total[0], b=total[1])
            return
        total = [total[0] + a, total[1] + b]
    if total[0] == total[1]:
        bag.add(f"periods.{len(periods) - 1}", N_("No draws: the score is level (%(a)s-%(b)s), so an overtime "
                                                  "is played."), a=total[0], b=total[1])


def _three(settings: Mapping, periods: list, bag: ErrorBag) -> None:
    """One period won on time or on the limit; an overtime, first to ``overtime_points``, only when level."""
    limit, extra = settings["points_limit"], settings["overtime_points"]
    if not 1 <= len(periods) <= 2:
        bag.add("periods", N_("3x3: one period, plus an overtime if the score is level."))
        return
    (a, b), level = periods[0], periods[0][0] == periods[0][1]
    if max(a, b) > limit + 1:
        bag.add("periods.0", N_("The game ends when a team reaches %(limit)s points, so the winner has at most "
                                "%(max)s."), limit=limit, max=limit + 1)
    elif min(a, b) >= limit:
        bag.add("periods.0", N_("The game was over when the first team reached %(limit)s points."), limit=limit)
    elif level and len(periods) == 1:
        bag.add("periods.0", N_("No draws: the score is level (%(a)s-%(b)s), so an overtime is played."), a=a, b=b)
    elif not level and len(periods) == 2:
        bag.add("periods.1", N_("An overtime is played only when the score is level after the previous period "
                                "(it was %(a)s-%(b)s)."), a=a, b=b)
    elif level:
        x, y = periods[1]
        if not (extra <= max(x, y) <= extra + 1 and min(x, y) < extra):
            bag.add("periods.1", N_("The overtime ends when a team has scored %(points)s points in it."), points=extra)


def validate_result(discipline: str | None, settings: Mapping, payload: Any, knockout: bool = False) -> dict:
    """Check a basketball result against the rules and the settings; return it normalised."""
    payload = as_payload(payload)
    bag = ErrorBag()
    outcome = parse_outcome(payload, OUTCOMES, bag)
    winner = parse_winner(payload, bag, required=outcome != "normal")
    periods = parse_pairs(payload.get("periods"), "periods", bag)
    score = [sum(p[0] for p in periods), sum(p[1] for p in periods)]
    if outcome == "normal" and not bag:
        if discipline == "5x5":
            _five(periods, bag)
        else:
            _three(settings, periods, bag)
        decided = 0 if score[0] > score[1] else 1
        if not bag and winner not in (None, decided):
            bag.add("winner", N_("The winner does not match the score."))
        winner = decided
    elif outcome == "forfeit" and periods:
        bag.add("periods", N_("A forfeit has no score sheet."))
    bag.raise_if_any()
    if outcome == "forfeit":
        score = _awarded(settings.get("forfeit_score", 0), winner)
    elif outcome == "default" and score[winner] <= score[1 - winner]:
        score = _awarded(DEFAULT_SCORE, winner)
    return {"outcome": outcome, "winner": winner, "periods": periods, "score": score}


def _awarded(points: int, winner: int) -> list[int]:
    return [points, 0] if winner == 0 else [0, points]


def outcome(result: Mapping) -> int:
    """The winning slot of a validated result."""
    return result["winner"]


def stats(discipline: str | None, settings: Mapping, result: Mapping) -> tuple[dict, dict]:
    """What each slot counts for the group table from one validated result."""
    lines = []
    forfeit = result["outcome"] == "forfeit"
    for slot in (0, 1):
        won = int(result["winner"] == slot)
        line = {"played": 1, "won": won, "lost": 1 - won, "scored": result["score"][slot],
                "conceded": result["score"][1 - slot], "forfeits": int(forfeit and not won)}
        if discipline == "5x5":
            lost = "points_forfeit" if forfeit else "points_loss"
            line["points"] = settings["points_win"] if won else settings[lost]
        else:
            line.update(points=won, avg_scored=0 if forfeit else line["scored"], avg_games=int(not forfeit))
        lines.append(line)
    return lines[0], lines[1]


def nullified_teams(settings: Mapping, results: Sequence[tuple[EntryId, EntryId, Mapping]]) -> set:
    """Teams whose forfeits reach ``forfeits_to_nullify``: all their results are nullified."""
    count: Counter = Counter()
    for a, b, r in results:
        if r["outcome"] == "forfeit":
            count[(a, b)[1 - r["winner"]]] += 1
    return {team for team, n in count.items() if n >= settings["forfeits_to_nullify"]}


def _average(t: Mapping) -> Fraction:
    return Fraction(t["avg_scored"], t["avg_games"]) if t["avg_games"] else Fraction(0)


def procedure(discipline: str | None, settings: Mapping, played: Sequence[Played]) -> Procedure:
    """FIBA D.1 (5x5, restart rule) or the 3x3 order: wins, head-to-head of two, average scored, seeding."""
    if discipline != "5x5":
        return Procedure(stat_step("wins", played, value_of("won")),
                         (stat_step("average_scored", played, _average),), head_to_head(played), last="seeding")
    by, name = (ratio, "ratio") if settings.get("tie_break") == "ratio" else (difference, "difference")
    return Procedure(stat_step("points", played, value_of("points")), (
        stat_step("head_to_head", played, value_of("points"), among_tied=True),
        stat_step(f"head_to_head_{name}", played, by("scored", "conceded"), among_tied=True),
        stat_step("head_to_head_scored", played, value_of("scored"), among_tied=True),
        stat_step(name, played, by("scored", "conceded")),
        stat_step("scored", played, value_of("scored")),
    ))


def rank_group(discipline: str | None, settings: Mapping, entries: Sequence[EntryId],
               results: Sequence[tuple[EntryId, EntryId, Mapping]], lots: Sequence[EntryId] | None = None,
               withdrawn: Collection[EntryId] = ()) -> list[dict]:
    """The group table ranked by FIBA D.1 (5x5) or the 3x3 order; ``lots`` is the recorded draw (3x3: seeding)."""
    excluded = nullified_teams(settings, results) | set(withdrawn)
    played = [Played(a, b, r["winner"], stats(discipline, settings, r)) for a, b, r in results
              if a not in excluded and b not in excluded]
    rows = standings(entries, played, procedure(discipline, settings, played), lots, excluded, ("forfeits",))
    if discipline == "5x5" and settings.get("tie_break") == "ratio":
        for row in rows:
            row["ratio"] = round(row["scored"] / row["conceded"], 3) if row["conceded"] else None
    return rows
