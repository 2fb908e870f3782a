"""Races against the clock on L lanes: time trials (best run or sum of two) or heats to finals. Pure.

Heats spread the crews evenly (snake of the seeding order, delegations apart). With
``ranking="final"`` the progression follows the field size (RULES.md, for any L):
up to L crews race one final; up to 2L: one round of heats, then final A (places 1..L) and
final B (the rest, when at least two); up to 3L: heats, the L//2 fastest straight to final A, the
others to a repechage whose fastest complete final A and fill final B; more: heats, the 2L fastest
to two semi-finals, then finals A and B. The fastest times advance (equal times go in the order a re-race
or a lot gave them, recorded with ``decide_order``, else by a lot drawn from the random seed; with the option
``hold_ties`` equal times across a cut hold the races they lead to until decided); in a seeded race the fastest
get the centre lanes. Times compare to 0.01 s; a crew placed without a valid time carries its status.
"""
from __future__ import annotations

import math
import random
from typing import Mapping, Sequence

from common.errors import N_, Invalid
from scheduling.draw import Entry, draw_lanes, lane_order, snake_groups
from scheduling.formats.model import (FINISHED, PENDING, RACE_STATUSES, READY, Bracket, Change, EntryId, FormatError,
                                      Match, Placing, RaceTime, match_key)
from scheduling.formats.progression import competition_places

FORMAT = "timed_heats"
MODES = ("best", "sum", "final")
FINALS = ("final", "final_a", "final_b")
#: a bracket option the services set from the contest's settings (``holds_ties``), never stored with the draw
HOLD_TIES = "hold_ties"


def plan_of(n: int, lanes: int) -> str:
    """The progression for ``n`` crews on ``lanes`` lanes: final, finals, repechage or semis."""
    if n <= lanes:
        return "final"
    return "finals" if n <= 2 * lanes else "repechage" if n <= 3 * lanes else "semis"


def race_key(r: RaceTime | None) -> tuple:
    """Sort key of one race result: valid times by hundredths, then every DNS/DNF/DSQ together."""
    h = None if r is None else r.hundredths
    return (1, 0) if h is None else (0, h)


def _race(b: Bracket, stage: str, round_: int, position: int, size: int, heat: int | None = None) -> Match:
    lanes = sorted(lane_order(b.options["lanes"])[:size])
    return b.add(Match(match_key(stage, round_, position), stage, round_, position, [None] * size,
                       [False] * size, PENDING, heat=heat, lanes=lanes))


def _draw_into(m: Match, crews: Sequence[EntryId], rng: random.Random) -> None:
    drawn = draw_lanes(crews, len(m.lanes), rng.randrange(1 << 30))
    pairs = sorted((lane, e) for e, lane in drawn.items())
    m.lanes, m.entries, m.status = [lane for lane, _ in pairs], [e for _, e in pairs], READY


def _mirror(m: Match, first: Match, lanes: int) -> None:
    """The second run of a heat: same crews, lanes mirrored about the centre."""
    pairs = sorted((lanes + 1 - lane, e) for lane, e in zip(first.lanes, first.entries))
    m.lanes, m.entries, m.status = [lane for lane, _ in pairs], [e for _, e in pairs], READY


def _seat(b: Bracket, m: Match, crews: Sequence[EntryId], start: int = 0) -> None:
    """Seat crews fastest first in the centre lanes, from the ``start``-th lane of the centre order."""
    order = lane_order(b.options["lanes"])
    for i, crew in enumerate(crews):
        m.entries[m.lanes.index(order[start + i])] = crew
    if all(e is not None for e in m.entries):
        m.status = READY


def generate(entries: Sequence[EntryId], lanes: int, runs: int = 1, ranking: str = "best", random_seed: int = 0,
             delegations: Mapping[EntryId, object] | None = None) -> Bracket:
    """All races of the contest; ``entries`` in seeding order (see draw.seeded_order)."""
    n = len(entries)
    if lanes < 1 or runs not in (1, 2) or ranking not in MODES:
        raise Invalid.one("format", N_("Lanes at least 1, one or two runs, ranking best, sum or final."))
    plan = plan_of(n, lanes) if ranking == "final" else "trial"
    if plan in ("repechage", "semis") and lanes < 2:
        raise Invalid.one("format.lanes", N_("Heats and finals need at least two lanes."))
    b = Bracket(FORMAT, list(entries), {}, {"lanes": lanes, "runs": runs, "ranking": ranking,
                                            "random_seed": random_seed, "plan": plan})
    rng = random.Random(random_seed)
    if n == 0:
        return b
    if plan == "final":
        _draw_into(_race(b, "final", 1, 1, n), entries, rng)
        return b
    who = delegations or {}
    heats = snake_groups([Entry(e, who.get(e)) for e in entries], math.ceil(n / lanes))
    for h, crews in enumerate(heats, start=1):
        _draw_into(_race(b, "heat", 1, h, len(crews), h), crews, rng)
    if plan == "trial" and runs == 2:
        for h, crews in enumerate(heats, start=1):
            _mirror(_race(b, "heat", 2, h, len(crews), h), b.matches[match_key("heat", 1, h)], lanes)
    if plan == "finals":
        _race(b, "final" if n - lanes < 2 else "final_a", 2, 1, lanes)
        if n - lanes >= 2:
            _race(b, "final_b", 2, 1, n - lanes)
    elif plan in ("repechage", "semis"):
        stage = "repechage" if plan == "repechage" else "semi"
        field = n - lanes // 2 if plan == "repechage" else 2 * lanes
        for i, size in enumerate(_spread(field, math.ceil(field / lanes)), start=1):
            _race(b, stage, 2, i, size, i)
        _race(b, "final_a", 3, 1, lanes)
        _race(b, "final_b", 3, 1, lanes)
    return b


def _spread(n: int, parts: int) -> list[int]:
    return [n // parts + (1 if i < n % parts else 0) for i in range(parts)]


def _results(matches: Sequence[Match]) -> list[tuple[EntryId, RaceTime | None]]:
    return [(e, r) for m in matches for e, r in zip(m.entries, m.race or []) if e is not None]


def ordered_crews(b: Bracket, matches: Sequence[Match], round_: int) -> list[EntryId]:
    """Crews of these races fastest first; equal times at 0.01 s in the order decided for them (a re-race or
    a lot recorded with ``decide_order``), else by a lot drawn from the draw's random seed."""
    lot = random.Random(f"{b.options['random_seed']}:{round_}")
    decided = decided_order(b, round_)
    rows = [(race_key(r), decided.index(e) if e in decided else len(decided), lot.random(), e)
            for e, r in _results(matches)]
    return [row[-1] for row in sorted(rows, key=lambda x: x[:3])]


def equal_times(b: Bracket, round_: int) -> list[list[EntryId]]:
    """The crews of a finished round that share a time (to 0.01 s), each group in the order they now rank."""
    races = races_of_round(b, round_)
    if not races or any(m.status != FINISHED for m in races):
        return []
    times = dict(_results(races))
    groups: dict[tuple, list[EntryId]] = {}
    for e in ordered_crews(b, races, round_):
        if race_key(times[e])[0] == 0:
            groups.setdefault(race_key(times[e]), []).append(e)
    return [g for g in groups.values() if len(g) > 1]


def decided_order(b: Bracket, round_: int) -> list[EntryId]:
    """The crews of a round whose equal times a re-race or a lot decided, in the order decided."""
    return b.options.get("decided", {}).get(str(round_), [])


def decide_order(b: Bracket, round_: int, order: Sequence[EntryId]) -> None:
    """Record the order a re-race or a lot gave crews of a round with equal times (the caller re-seats)."""
    tie = next((g for g in equal_times(b, round_) if set(g) == set(order) and len(g) == len(order)), None)
    if tie is None:
        raise Invalid.one("order", N_("List crews of this round that share a time, once each, in the decided order."))
    decided = [e for e in decided_order(b, round_) if e not in tie] + list(order)
    b.options["decided"] = {**b.options.get("decided", {}), str(round_): decided}


def record_race(b: Bracket, key: str, results: Mapping[EntryId, RaceTime]) -> list[Change]:
    """Record the times of a ready race; when its round is complete, fill the next races."""
    m = b.matches.get(key)
    if m is None or m.lanes is None or m.status != READY:
        raise FormatError(N_("The race %(key)s is not ready for a result."), key=key)
    record_race_times(m, results)
    changed = {key: m}
    if b.options["plan"] not in ("trial", "final") and m.stage not in FINALS:
        _advance(b, m.round, changed)
    return [Change.of(c) for c in changed.values()]


def record_race_times(m: Match, results: Mapping[EntryId, RaceTime]) -> list[Change]:
    """Check one result per crew of the race and set them (the race is finished); seats nobody."""
    check_times(m, results)
    m.race = [results[e] if e is not None else None for e in m.entries]
    m.status = FINISHED
    return [Change.of(m)]


def check_times(m: Match, results: Mapping[EntryId, RaceTime]) -> None:
    """One valid result for each crew of the race (422 on ``lanes`` otherwise)."""
    crews = [e for e in m.entries if e is not None]
    if set(results) != set(crews) or len(results) != len(crews):
        raise Invalid.one("lanes", N_("Give one result for each crew of the race."))
    for r in results.values():
        if r.status not in RACE_STATUSES or (r.status == "OK" and (r.time_ms is None or r.time_ms <= 0)):
            raise Invalid.one("lanes", N_("A crew that finished needs a time; statuses are OK, DNS, DNF, DSQ."))
        if r.penalty_ms < 0:
            raise Invalid.one("lanes", N_("A penalty cannot be negative."))


def races_of_round(b: Bracket, round_: int) -> list[Match]:
    """The races of a round in the order their times are ranked (lots for equal times are drawn in it)."""
    return _in_order(b.select(round_=round_))


def _routes(b: Bracket, round_: int) -> list[tuple[list[Match], int, int | None, int]]:
    """Where a complete round sends its crews: ``(races, first, end, lane)`` over the round's order, fastest
    first (``end`` None: every crew after ``first``); one race seats its crews from the ``lane``-th lane of
    the centre order, several share them in a snake. Crews past the last ``end`` are out."""
    lanes, plan, direct = b.options["lanes"], b.options["plan"], b.options["lanes"] // 2
    later = _in_order(b.select(round_=round_ + 1))
    finals = _in_order([x for x in b.matches.values() if x.stage in FINALS])
    if plan == "finals" or (plan == "semis" and round_ == 2):
        return [([finals[0]], 0, lanes, 0)] + [([f], lanes, lanes + len(f.entries), 0) for f in finals[1:2]]
    if plan == "repechage" and round_ == 1:
        return [([finals[0]], 0, direct, 0), (later, direct, None, 0)]
    if plan == "repechage":
        return [([finals[0]], 0, lanes - direct, direct), ([finals[1]], lanes - direct, 2 * lanes - direct, 0)]
    return [(later, 0, 2 * lanes, 0)]


def _advance(b: Bracket, round_: int, changed: dict) -> None:
    done = races_of_round(b, round_)
    if any(x.status != FINISHED for x in done) or held_ties(b, round_):
        return
    order = ordered_crews(b, done, round_)
    for races, first, end, lane in _routes(b, round_):
        if len(races) == 1:
            _seat(b, races[0], order[first:end], lane)
        else:
            _deal(b, races, order[first:end])
        changed.update((x.key, x) for x in races)


def holds_ties(settings: Mapping) -> bool:
    """Whether equal times across a progression cut wait for a decision (the contest's ``tie_resolution``
    is ``rerace``) rather than go by the lot drawn from the random seed (``lot``)."""
    return settings.get("tie_resolution", "rerace") == "rerace"


def held_ties(b: Bracket, round_: int) -> list[list[EntryId]]:
    """The finished round's undecided equal times across a progression cut, when the bracket's option
    ``hold_ties`` (see ``holds_ties``) says they wait for a re-race: the races they lead to stay unseated."""
    if not b.options.get(HOLD_TIES) or b.options["plan"] in ("trial", "final"):
        return []
    ties, races = equal_times(b, round_), races_of_round(b, round_)
    if not ties or races[0].stage in FINALS:
        return []
    order = ordered_crews(b, races, round_)
    cuts = {c for _races, first, end, _lane in _routes(b, round_) for c in (first, end) if c}
    decided = set(decided_order(b, round_))
    return [t for t in ties if not set(t) <= decided
            and any(order.index(t[0]) < c <= order.index(t[-1]) for c in cuts)]


def _in_order(matches: list[Match]) -> list[Match]:
    """Races by stage (final before final_a before final_b) and position, whatever order rows came in."""
    return sorted(matches, key=lambda m: (m.stage, m.position))


def _deal(b: Bracket, races: list[Match], order: list[EntryId]) -> None:
    """Deal crews fastest first over races in a snake (skipping full ones); each seats its fastest in the centre."""
    per: list[list[EntryId]] = [[] for _ in races]
    snake = [j for row in range(len(order) + 1) for j in (range(len(races)) if row % 2 == 0
                                                           else range(len(races) - 1, -1, -1))]
    turn = iter(snake)
    for crew in order:
        j = next(turn)
        while len(per[j]) >= len(races[j].entries):
            j = next(turn)
        per[j].append(crew)
    for race, crews in zip(races, per):
        _seat(b, race, crews)


def _places(rows: list[tuple[EntryId, RaceTime | None]], base: int) -> list[Placing]:
    """Places from ``base + 1`` by one race's times; crews without a valid time last, with their status."""
    rows = sorted(rows, key=lambda x: race_key(x[1]))
    codes = {e: _status(r) for e, r in rows}
    return [Placing(p.place + base, p.entry, codes[p.entry])
            for p in competition_places([(e, race_key(r)) for e, r in rows])]


def _status(r: RaceTime | None) -> str | None:
    """None for a valid time, else the status that left the crew without one."""
    return None if r is not None and r.hundredths is not None else (r.status if r is not None else "DNS")


def ranking(b: Bracket) -> list[Placing]:
    """Places settled so far (time trials: once every run is in); equal times at 0.01 s share a place."""
    plan = b.options["plan"]
    if plan == "trial":
        return _trial_ranking(b)
    out: list[Placing] = []
    finals = _in_order([m for m in b.matches.values() if m.stage in FINALS])
    base = 0
    for m in finals:
        if m.status == FINISHED:
            out += _places(_results([m]), base)
        base += len(m.entries)
    last = 2 if plan == "repechage" else 1
    racing = b.select(round_=last)
    if plan != "final" and racing and all(m.status == FINISHED for m in racing) and not held_ties(b, last):
        ahead = {e for m in b.matches.values() if m.round > last for e in m.entries}
        rows = [(e, r) for e, r in _results(racing) if e not in ahead]
        out += _places(rows, len(b.entries) - len(rows))
    return out


def _trial_ranking(b: Bracket) -> list[Placing]:
    if any(m.status != FINISHED for m in b.matches.values()):
        return []
    runs: dict[EntryId, list[RaceTime | None]] = {e: [] for e in b.entries}
    for e, r in _results(list(b.matches.values())):
        runs[e].append(r)
    keyed, codes = [], {}
    for e, rs in runs.items():
        hs = [r.hundredths if r is not None else None for r in rs]
        if b.options["ranking"] == "sum":
            key = (1, 0) if None in hs else (0, sum(hs))
        else:
            valid = [h for h in hs if h is not None]
            key = (0, min(valid)) if valid else (1, 0)
        keyed.append((e, key))
        codes[e] = next((code for code in map(_status, rs) if code), None) if key[0] else None
    keyed.sort(key=lambda x: x[1])
    return [Placing(p.place, p.entry, codes[p.entry]) for p in competition_places(keyed)]
