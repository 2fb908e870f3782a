"""Moving entries along the links of a bracket: byes at generation, results later, places. Pure.

``settle`` runs once after generation, in generation order: it closes the slots that byes leave
empty for ever and moves bye winners on. ``apply_result`` then handles one result with a few
dict lookups and returns the changed matches only.
"""
from __future__ import annotations

from itertools import islice
from typing import Iterable, Mapping

from common.errors import N_
from scheduling.formats.model import (BYE, FINISHED, PENDING, READY, Bracket, Change, EntryId, FormatError, Link,
                                      Match, Placing)


def _open_slots(m: Match) -> list[int]:
    return [i for i, closed in enumerate(m.closed) if not closed]


def settle(b: Bracket, first: int = 0) -> None:
    """Set every match's status after generation, closing slots fed by byes and moving bye winners on.

    ``first``: the position in generation order of the first match to settle (the ones before it, a groups
    stage say, are already set and feed nothing)."""
    ms = b.matches
    for m in islice(ms.values(), first, None):
        if m.status == FINISHED:
            continue
        closed, entries = m.closed, m.entries
        if len(closed) == 2 and not (closed[0] or closed[1]):  # the common case, kept fast
            m.status = READY if entries[0] is not None and entries[1] is not None else PENDING
            continue
        open_ = _open_slots(m)
        if len(open_) >= 2:
            m.status = READY if all(m.entries[i] is not None for i in open_) else PENDING
            continue
        m.status = BYE
        if m.loser_to is not None:
            ms[m.loser_to.key].closed[m.loser_to.slot] = True
        if not open_:
            if m.winner_to is not None:
                ms[m.winner_to.key].closed[m.winner_to.slot] = True
        elif m.entries[open_[0]] is not None:
            m.winner = open_[0]
            if m.winner_to is not None:
                ms[m.winner_to.key].entries[m.winner_to.slot] = m.entries[open_[0]]


def put(ms: Mapping[str, Match], link: Link, entry: EntryId, changed: dict[str, Match]) -> None:
    """Place an entry in a slot; a bye passes it straight on; a full match becomes ready."""
    t = ms[link.key]
    if t.closed[link.slot]:
        raise FormatError(N_("The slot %(slot)s of %(key)s is closed."), slot=link.slot, key=t.key)
    t.entries[link.slot] = entry
    changed[t.key] = t
    open_ = _open_slots(t)
    if len(open_) == 1:
        t.winner, t.status = open_[0], BYE
        if t.winner_to is not None:
            put(ms, t.winner_to, entry, changed)
    elif all(t.entries[i] is not None for i in open_):
        t.status = READY


def already_played(t: Match) -> FormatError:
    """The refusal to move an entry out of a match that has been played."""
    return FormatError(N_("The match %(key)s that this result led to has a result: correct or undo that one first."),
                       key=t.key)


def take_back_path(ms: Mapping[str, Match], link: Link, entry: EntryId) -> list[tuple[Match, int]]:
    """Where ``put`` left ``entry`` from ``link`` on (the slot, then on through byes), checking that it can
    be taken back: refused once one of those matches is played. Changes nothing."""
    path = []
    while True:
        t = ms[link.key]
        if t.status == FINISHED:
            raise already_played(t)
        if t.entries[link.slot] != entry:
            raise FormatError(N_("The match %(key)s does not hold the entry this result sent there."), key=t.key)
        path.append((t, link.slot))
        if t.status != BYE or t.winner != link.slot or t.winner_to is None:
            return path
        link = t.winner_to


def take_back(paths: Iterable[list[tuple[Match, int]]], changed: dict[str, Match]) -> None:
    """The inverse of ``put`` along paths from ``take_back_path`` (all checked first): the slots are empty again."""
    for path in paths:
        for t, slot in path:
            if t.status == BYE:
                t.winner = None
            else:
                t.status = PENDING
            t.entries[slot] = None
            changed[t.key] = t


def _void(ms: Mapping[str, Match], link: Link | None, changed: dict[str, Match]) -> None:
    if link is None:
        return
    t = ms[link.key]
    t.closed = [True] * len(t.closed)
    t.entries = [None] * len(t.entries)
    t.status, t.winner = BYE, None
    changed[t.key] = t


def apply_result(b: Bracket, key: str, winner_slot: int) -> list[Change]:
    """Record the winner of a ready head-to-head match and fill what it feeds; returns the changes."""
    ms = b.matches
    m = ms.get(key)
    if m is None:
        raise FormatError(N_("There is no match %(key)s."), key=key)
    if m.status != READY or m.race is not None or m.lanes is not None:
        raise FormatError(N_("The match %(key)s is not ready for a result."), key=key)
    if winner_slot not in (0, 1) or len(m.entries) != 2:
        raise FormatError(N_("The winner must be slot 0 or 1."))
    m.winner, m.status = winner_slot, FINISHED
    changed = {key: m}
    winner, loser = m.entries[winner_slot], m.entries[1 - winner_slot]
    if m.ends_if == winner_slot:
        _void(ms, m.winner_to, changed)
        _void(ms, m.loser_to, changed)
    else:
        if m.winner_to is not None:
            put(ms, m.winner_to, winner, changed)
        if m.loser_to is not None:
            put(ms, m.loser_to, loser, changed)
    return [Change.of(c) for c in changed.values()]


def knockout_placings(matches: Iterable[Match]) -> list[Placing]:
    """Places settled so far by the matches' winner and loser places (shared places repeat)."""
    out: list[Placing] = []
    for m in matches:
        if m.winner is None or (m.ends_if is not None and m.ends_if != m.winner):
            continue
        if m.winner_place is not None:
            out.append(Placing(m.winner_place, m.entries[m.winner]))
        if m.loser_place is not None and m.status == FINISHED:
            out.append(Placing(m.loser_place, m.entries[1 - m.winner]))
    return out


def sorted_placings(placings: Iterable[Placing]) -> list[Placing]:
    """Placings by place, stable for equal places."""
    return sorted(placings, key=lambda p: p.place)


def competition_places(ordered_keys: list[tuple[EntryId, object]]) -> list[Placing]:
    """Places 1..N from entries sorted best first with a comparable key; equal keys share a place."""
    out: list[Placing] = []
    previous, place = object(), 0
    for index, (entry, key) in enumerate(ordered_keys):
        if index == 0 or key != previous:
            place = index + 1
        previous = key
        out.append(Placing(place, entry))
    return out


def is_complete(b: Bracket) -> bool:
    """True when no match is waiting for a result (pending or ready)."""
    return not any(m.status in (PENDING, READY) for m in b.matches.values())
