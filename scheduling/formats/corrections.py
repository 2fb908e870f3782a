"""Taking a result back, and correcting one: the inverse of progression. Pure.

A result moved entries on (the winner and the loser into the matches they feed, through byes, or it
voided a grand final's reset; a completed round of races seated the next races). ``retract`` undoes
exactly that, as long as none of the matches those entries reached has a result of its own: then the
match is ready again, as if never played. A correction is a retraction followed by the new result,
so the bracket always reads as if the corrected result had been the first one; a correction that
keeps the winner moves nothing and is always allowed.
"""
from __future__ import annotations

from typing import Mapping, Sequence

from common.errors import N_
from scheduling.formats.model import FINISHED, PENDING, READY, Bracket, Change, EntryId, FormatError, Match, RaceTime
from scheduling.formats.progression import already_played, apply_result, take_back, take_back_path
from scheduling.formats.timed_heats import (FINALS, check_times, decide_order, held_ties, ordered_crews,
                                            races_of_round, record_race, record_race_times)


def _voided(ms: Mapping[str, Match], m: Match) -> list[Match]:
    """The matches a result voided (the reset of a grand final), checked to be unplayed."""
    out = []
    for link in (m.winner_to, m.loser_to):
        if link is not None and ms[link.key] not in out:
            if ms[link.key].status == FINISHED:
                raise already_played(ms[link.key])
            out.append(ms[link.key])
    return out


def _retract_match(ms: Mapping[str, Match], m: Match, changed: dict[str, Match]) -> None:
    if m.status != FINISHED or m.race is not None or m.lanes is not None or m.winner is None:
        raise FormatError(N_("The match %(key)s has no result to take back."), key=m.key)
    if m.ends_if == m.winner:
        for t in _voided(ms, m):  # open again, as before the result
            t.closed, t.entries = [False] * len(t.closed), [None] * len(t.entries)
            t.status, t.winner = PENDING, None
            changed[t.key] = t
    else:
        moved = zip((m.winner_to, m.loser_to), (m.entries[m.winner], m.entries[1 - m.winner]))
        paths = [take_back_path(ms, link, entry) for link, entry in moved if link is not None]
        take_back(paths, changed)
    m.winner, m.status = None, READY
    changed[m.key] = m


def _later_races(b: Bracket, m: Match) -> list[Match]:
    """The races a completed round of ``m`` seated (every later round and the finals), when it seats any."""
    if b.options.get("plan") in ("trial", "final") or m.stage in FINALS:
        return []
    return [x for x in b.matches.values() if x.round > m.round]


def _retract_race(b: Bracket, m: Match, changed: dict[str, Match]) -> None:
    if m.status != FINISHED or m.lanes is None:
        raise FormatError(N_("The race %(key)s has no times to take back."), key=m.key)
    later = _later_races(b, m)
    for t in later:
        if t.status == FINISHED:
            raise already_played(t)
    crews = {e for x in b.matches.values() if x.round == m.round and x.lanes is not None for e in x.entries}
    for t in later:
        seated = [i for i, e in enumerate(t.entries) if e is not None and e in crews]
        for i in seated:
            t.entries[i] = None
        if seated:
            t.status = PENDING
            changed[t.key] = t
    m.race, m.status = None, READY
    changed[m.key] = m


def retract(b: Bracket, key: str) -> list[Change]:
    """Take back the result of a finished match or race: it is ready again and what it moved on is undone."""
    m = b.matches.get(key)
    if m is None:
        raise FormatError(N_("There is no match %(key)s."), key=key)
    changed: dict[str, Match] = {}
    if m.lanes is not None:
        _retract_race(b, m, changed)
    else:
        _retract_match(b.matches, m, changed)
    return [Change.of(c) for c in changed.values()]


def correct_result(b: Bracket, key: str, winner_slot: int) -> list[Change]:
    """Correct a finished head-to-head match: the same winner changes nothing else; another winner takes
    back what the first result moved on and moves the new winner and loser instead."""
    m = b.matches.get(key)
    if m is None:
        raise FormatError(N_("There is no match %(key)s."), key=key)
    if winner_slot not in (0, 1) or len(m.entries) != 2:
        raise FormatError(N_("The winner must be slot 0 or 1."))
    if m.status == FINISHED and m.winner == winner_slot and m.lanes is None:
        return [Change.of(m)]
    changed = {c.key: c for c in retract(b, key)}
    changed.update((c.key, c) for c in apply_result(b, key, winner_slot))
    return list(changed.values())


def correct_race(b: Bracket, key: str, results: Mapping[EntryId, RaceTime]) -> list[Change]:
    """Correct a finished race's times; the races its round seated are seated again from the new times.

    Once a later race is raced, a correction is still taken when it leaves the round's order as it was
    (a typo in a time that changes no one's place): only the times change."""
    m = b.matches.get(key)
    if m is not None and m.status == FINISHED and m.lanes is not None:
        check_times(m, results)
        if any(t.status == FINISHED for t in _later_races(b, m)):
            return _retime(b, m, results)
    changed = {c.key: c for c in retract(b, key)}
    changed.update((c.key, c) for c in record_race(b, key, results))
    return list(changed.values())


def _retime(b: Bracket, m: Match, results: Mapping[EntryId, RaceTime]) -> list[Change]:
    """New times for a race whose round has seated races that are already raced: only when nobody moves."""
    races = races_of_round(b, m.round)
    before = ordered_crews(b, races, m.round)
    kept = m.race
    changes = record_race_times(m, results)
    if ordered_crews(b, races, m.round) != before:
        m.race = kept
        raise already_played(next(t for t in _later_races(b, m) if t.status == FINISHED))
    return changes


def decide_equal_times(b: Bracket, round_: int, order: Sequence[EntryId]) -> list[Change]:
    """Record the order a re-race or a lot gave crews of a finished round with equal times; the races the
    round seated are seated again (refused once one of them is raced and a crew would move), or seated now
    when they waited for this decision (``held_ties``)."""
    races = races_of_round(b, round_)
    before, held = ordered_crews(b, races, round_), held_ties(b, round_)
    decide_order(b, round_, order)
    if (ordered_crews(b, races, round_) == before and not held) or not _later_races(b, races[0]):
        return []
    played = next((t for t in _later_races(b, races[0]) if t.status == FINISHED), None)
    if played is not None:
        raise already_played(played)
    first = races[0]
    times = {e: r for e, r in zip(first.entries, first.race) if e is not None}
    changed = {c.key: c for c in retract(b, first.key)}
    changed.update((c.key, c) for c in record_race(b, first.key, times))
    return list(changed.values())
