"""Badminton rules: game and match scores (Laws of Badminton, law 7), team ties, group ranking (BWF GCR 16). Pure.

The API shared with ``basketball_rules`` (one standings service calls either):

* ``validate_result(discipline, settings, payload, knockout=False) -> result`` checks a referee's
  payload and returns the normalised result, or raises ``Invalid`` with field paths (``games.2``,
  ``rubbers.1.games.0``, ``winner``) and a message naming the broken rule.
  Payload: ``{outcome?: "normal"|"retired"|"walkover"|"disqualified", winner?: 0|1,
  games: [[21, 15], [19, 21], [21, 18]]}``; team event: ``{outcome?: "normal"|"walkover"|
  "disqualified", winner?, rubbers: [{discipline: "MS"|"WS"|"MD"|"WD"|"XD", games, outcome?, winner?,
  players?: [[names of slot 0], [names of slot 1]]}]}``. Pairs are in the order of the match's
  entries; ``winner`` is the slot (the services translate ``winner_entry_id``) and is required for
  every outcome but ``normal``. ``knockout`` says whether the tie may stop once decided.
  Result: ``{outcome, winner, score: [games or rubbers won per slot], games | rubbers}``.
* ``outcome(result) -> int``: the winning slot.
* ``stats(discipline, settings, result) -> (line, line)``: counters per slot for the standings
  (``played, won, lost, points`` = matches or ties won, ``scored, conceded`` = rally points,
  ``games_won, games_lost``, and ``rubbers_won, rubbers_lost`` for the team event).
* ``rank_group(discipline, settings, entries, results, lots=None, withdrawn=()) -> rows``: ``results``
  are ``(entry_a, entry_b, result)``; rows as ``tiebreak.standings``. Results of ``withdrawn``
  entries are deleted when the setting ``delete_withdrawn_results`` says so.

Helpers: ``game_problem(a, b, points, cap)`` (msgid and params of the broken rule, or None),
``is_valid_game`` (a finished game: ``w == p and l <= p-2``, or ``p < w <= cap and l == w-2``, or
``w == cap and l == cap-1``), ``is_open_game`` (a game still in progress) and ``procedure``.
A walkover counts as a match won and lost, with no games and no points.
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Collection, Mapping, Sequence

from common.errors import N_, ErrorBag
from competitions.sports.tiebreak import (EntryId, Played, Procedure, as_payload, difference, head_to_head,
                                          parse_outcome, parse_pairs, parse_winner, standings, stat_step,
                                          value_of)

OUTCOMES = ("normal", "retired", "walkover", "disqualified")
TIE_OUTCOMES = ("normal", "walkover", "disqualified")
RUBBERS = ("MS", "WS", "MD", "WD", "XD")


def game_problem(a: int, b: int, points: int = 21, cap: int = 30) -> tuple[str, dict] | None:
    """Why ``a-b`` is not a finished game (msgid and params), or None when it is one."""
    w, lo = max(a, b), min(a, b)
    if w == lo:
        return N_("A game cannot end level (%(a)s-%(b)s)."), {"a": a, "b": b}
    if w < points:
        return N_("Not finished: a game is won with %(points)s points."), {"points": points}
    if w > cap:
        return N_("A game ends at %(cap)s points at most."), {"cap": cap}
    if (w == points and lo <= points - 2) or (points < w <= cap and lo == w - 2) or (w == cap and lo == cap - 1):
        return None
    if lo > w - 2:
        return N_("From %(deuce)s-all a side needs a two-point lead (until %(cap)s points)."), \
            {"deuce": points - 1, "cap": cap}
    return N_("Past %(points)s points a game ends as soon as a side leads by two (%(w)s-%(l)s)."), \
        {"points": points, "w": w, "l": w - 2}


def is_valid_game(a: int, b: int, points: int = 21, cap: int = 30) -> bool:
    """Whether ``a-b`` is a finished game under the scoring law with these settings."""
    return game_problem(a, b, points, cap) is None


def is_open_game(a: int, b: int, points: int = 21, cap: int = 30) -> bool:
    """Whether ``a-b`` can be the score of a game still in progress (the partial game of a retirement)."""
    w, lo = max(a, b), min(a, b)
    return w < points or (w < cap and w - lo <= 1)


def _match(settings: Mapping, raw: Mapping, path: str, bag: ErrorBag, outcomes: Sequence[str] = OUTCOMES) -> dict:
    """Check one match (or rubber): its outcome, winner and games; errors go under ``path``."""
    sub = ErrorBag()
    outcome = parse_outcome(raw, outcomes, sub)
    winner = parse_winner(raw, sub, required=outcome != "normal")
    games = parse_pairs(raw.get("games"), "games", sub)
    won = [0, 0]
    if outcome == "walkover" and games:
        sub.add("games", N_("A walkover has no score."))
    elif games or outcome == "normal":
        won = _games(settings, games, outcome, sub)
    if outcome == "normal" and not sub:
        decided = 0 if won[0] > won[1] else 1
        if winner is not None and winner != decided:
            sub.add("winner", N_("The winner does not match the score."))
        winner = decided
    for key, messages in sub.errors.items():
        for m in messages:
            bag.add(path + key, m.msgid, **m.params)
    return {"outcome": outcome, "winner": winner, "score": won, "games": games}


def _games(settings: Mapping, games: list, outcome: str, bag: ErrorBag) -> list[int]:
    """Games won per slot; a normal match is complete, a retirement keeps a partial last game."""
    points, cap, need = settings["points_to_win"], settings["cap"], settings["games_to_win"]
    won = [0, 0]
    for i, (a, b) in enumerate(games):
        if max(won) == need:
            bag.add(f"games.{i}", N_("The match was over at %(games)s games won: no game after it."), games=need)
            return won
        if outcome != "normal" and i == len(games) - 1 and is_open_game(a, b, points, cap):
            break
        problem = game_problem(a, b, points, cap)
        if problem:
            bag.add(f"games.{i}", problem[0], **problem[1])
            return won
        won[0 if a > b else 1] += 1
    if outcome == "normal" and max(won) < need:
        bag.add("games", N_("The match is not finished: a side needs %(games)s games."), games=need)
    elif outcome == "retired" and max(won) == need:
        bag.add("games", N_("This score is a finished match: record it as a normal result."))
    return won


def validate_result(discipline: str | None, settings: Mapping, payload: Any, knockout: bool = False) -> dict:
    """Check a badminton result against the scoring law and the settings; return it normalised."""
    payload = as_payload(payload)
    bag = ErrorBag()
    if discipline == "team":
        result = _tie(settings, payload, knockout, bag)
    else:
        result = _match(settings, payload, "", bag)
    bag.raise_if_any()
    return result


def _tie(settings: Mapping, payload: Mapping, knockout: bool, bag: ErrorBag) -> dict:
    """A team tie: rubbers of distinct disciplines, first to ``rubbers_to_win``, players within their limit."""
    outcome = parse_outcome(payload, TIE_OUTCOMES, bag)
    winner = parse_winner(payload, bag, required=outcome != "normal")
    raw = payload.get("rubbers") or []
    if not isinstance(raw, list) or not all(isinstance(r, Mapping) for r in raw):
        bag.add("rubbers", N_("Must be a list of rubbers {discipline, games}."))
        raw = []
    if outcome == "walkover" and raw:
        bag.add("rubbers", N_("A walkover has no score."))
    need, stop = settings["rubbers_to_win"], knockout and settings["stop_knockout_tie_when_decided"]
    won, rubbers, seen = [0, 0], [], set()
    for i, r in enumerate(raw):
        path = f"rubbers.{i}."
        if r.get("discipline") not in RUBBERS or r.get("discipline") in seen:  # (RUBBERS first: only codes hash)
            bag.add(path + "discipline", N_("Each of %(choices)s is played once in a tie."), choices=", ".join(RUBBERS))
        else:
            seen.add(r.get("discipline"))
        rubber = {"discipline": r.get("discipline"), **_match(settings, r, path, bag)}
        rubber["players"] = _players(r, path, bag)
        rubbers.append(rubber)
        if rubber["winner"] is not None:
            won[rubber["winner"]] += 1
    _check_players(settings, rubbers, bag)
    if outcome == "normal" and not bag:
        winner = _tie_winner(won, len(rubbers), need, stop, winner, bag)
    return {"outcome": outcome, "winner": winner, "score": won, "rubbers": rubbers}


def _tie_winner(won: list[int], played: int, need: int, stop: bool, given: int | None, bag: ErrorBag) -> int | None:
    """The winner of a complete tie: every rubber in groups; in a knockout that may stop (RULES.md: "play may stop
    at 3"), the rubbers until it was decided, or more of them (dead rubbers, played on)."""
    total = 2 * need - 1
    if max(won) < need:
        bag.add("rubbers", N_("The tie is not decided: a team needs %(rubbers)s rubbers."), rubbers=need)
        return None
    if not stop and played < total:
        bag.add("rubbers", N_("All %(total)s rubbers are played in this tie."), total=total)
        return None
    decided = 0 if won[0] > won[1] else 1
    if given is not None and given != decided:
        bag.add("winner", N_("The winner does not match the score."))
    return decided


def _players(rubber: Mapping, path: str, bag: ErrorBag) -> list[list[str]] | None:
    """Optional player names per slot: one each in singles, two in doubles (an error on the side at fault)."""
    names = rubber.get("players")
    if names is None:
        return None
    size = players_per_side(rubber.get("discipline"))
    if not isinstance(names, list) or len(names) != 2 or not all(isinstance(side, list) for side in names):
        bag.add(path + "players", N_("Give %(size)s different player names per side."), size=size)
        return None
    before = len(bag.errors)
    for s, side in enumerate(names):
        if not side:
            bag.add(f"{path}players.{s}", N_("Give who played for this side too."))
        elif not all(isinstance(n, str) and n.strip() for n in side) or len({n.strip() for n in side}) != size:
            bag.add(f"{path}players.{s}", N_("Give %(size)s different player names per side."), size=size)
    return None if len(bag.errors) > before else [[n.strip() for n in side] for side in names]


#: who plays a rubber, per side (XD: one man, one woman), and how to say so
RUBBER_GENDERS = {"MS": ("M",), "WS": ("F",), "MD": ("M", "M"), "WD": ("F", "F"), "XD": ("F", "M")}
RUBBER_GENDER_RULES = {"MS": N_("Men's singles is played by a man."), "WS": N_("Women's singles is played by a woman."),
                       "MD": N_("Men's doubles is played by two men."),
                       "WD": N_("Women's doubles is played by two women."),
                       "XD": N_("Mixed doubles is played by a man and a woman.")}


def players_per_side(discipline: Any) -> int:
    """How many play a rubber on each side: one in singles, two in doubles (two for a discipline not known)."""
    return len(RUBBER_GENDERS[discipline]) if isinstance(discipline, str) and discipline in RUBBER_GENDERS else 2


def players_named(result: Mapping) -> bool:
    """Whether a validated result names who played (a team tie's rubbers)."""
    return any(rubber.get("players") for rubber in result.get("rubbers") or ())


def check_rosters(result: Mapping, rosters: Sequence[Mapping[str, str | None]]) -> None:
    """Invalid unless each player named in a tie's rubbers is on their team's roster and the rubber's side is of
    the genders it asks for. ``rosters``: name -> gender per slot; an empty roster is not checked, nor is a
    gender not on record."""
    bag = ErrorBag()
    for i, rubber in enumerate(result.get("rubbers") or ()):
        for side, names in enumerate(rubber.get("players") or ()):
            path, roster = f"rubbers.{i}.players.{side}", rosters[side]
            if not roster:
                continue  # (a team without a roster on record: its names are typed freely)
            unknown = [n for n in names if n not in roster]
            genders = [roster.get(n) for n in names]
            if unknown:
                bag.add(path, N_("%(name)s is not on this team's roster."), name=unknown[0])
            elif None not in genders and tuple(sorted(genders)) != RUBBER_GENDERS[rubber["discipline"]]:
                bag.add(path, RUBBER_GENDER_RULES[rubber["discipline"]])
    bag.raise_if_any()


def _check_players(settings: Mapping, rubbers: list[dict], bag: ErrorBag) -> None:
    """A player plays at most ``max_rubbers_per_player`` rubbers of a tie."""
    limit = settings["max_rubbers_per_player"]
    count: list[Counter] = [Counter(), Counter()]
    for i, rubber in enumerate(rubbers):
        for side, names in enumerate(rubber["players"] or ()):
            for name in names:
                count[side][name] += 1
                if count[side][name] == limit + 1:
                    bag.add(f"rubbers.{i}.players.{side}", N_("%(name)s would play more than %(max)s rubbers."),
                            name=name, max=limit)


def outcome(result: Mapping) -> int:
    """The winning slot of a validated result."""
    return result["winner"]


def _match_lines(result: Mapping) -> tuple[dict, dict]:
    lines = []
    for slot in (0, 1):
        won = int(result["winner"] == slot)
        scored = sum(g[slot] for g in result["games"])
        conceded = sum(g[1 - slot] for g in result["games"])
        lines.append({"played": 1, "won": won, "lost": 1 - won, "points": won, "scored": scored,
                      "conceded": conceded, "games_won": result["score"][slot],
                      "games_lost": result["score"][1 - slot]})
    return lines[0], lines[1]


def stats(discipline: str | None, settings: Mapping, result: Mapping) -> tuple[dict, dict]:
    """What each slot counts for the group table from one validated result."""
    if discipline != "team":
        return _match_lines(result)
    out: list[Counter] = []
    for slot in (0, 1):
        won = int(result["winner"] == slot)
        line = Counter({"played": 1, "won": won, "lost": 1 - won, "points": won,
                        "rubbers_won": result["score"][slot], "rubbers_lost": result["score"][1 - slot]})
        for rubber in result["rubbers"]:
            sub = _match_lines(rubber)[slot]
            line.update({k: sub[k] for k in ("scored", "conceded", "games_won", "games_lost")})
        out.append(line)
    return dict(out[0]), dict(out[1])


def procedure(discipline: str | None, played: Sequence[Played]) -> Procedure:
    """BWF GCR 16.2 (individual) or 16.1 (team): wins, two left by head-to-head, then differences, then lots."""
    games = stat_step("game_difference", played, difference("games_won", "games_lost"))
    points = stat_step("point_difference", played, difference("scored", "conceded"))
    if discipline == "team":
        rubbers = stat_step("rubbers_won", played, value_of("rubbers_won"))
        return Procedure(stat_step("ties_won", played, value_of("won")), (rubbers, games, points), head_to_head(played))
    return Procedure(stat_step("matches_won", played, value_of("won")), (games, points), head_to_head(played))


def rank_group(discipline: str | None, settings: Mapping, entries: Sequence[EntryId],
               results: Sequence[tuple[EntryId, EntryId, Mapping]], lots: Sequence[EntryId] | None = None,
               withdrawn: Collection[EntryId] = ()) -> list[dict]:
    """The group table ranked by the BWF procedure; ``lots`` is the recorded draw for entries still level."""
    excluded = set(withdrawn) if settings.get("delete_withdrawn_results", True) else set()
    played = [Played(a, b, r["winner"], stats(discipline, settings, r)) for a, b, r in results
              if a not in excluded and b not in excluded]
    extra = ("games_won", "games_lost") + (("rubbers_won", "rubbers_lost") if discipline == "team" else ())
    return standings(entries, played, procedure(discipline, played), lots, excluded, extra)
