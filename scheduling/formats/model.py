"""The plain data of a competition structure: matches, the links between them, changes, places. Pure.

A ``Bracket`` holds every match of a contest, generated up front in an order where every link points
forward (a match only feeds matches after it); a compact one keeps its round robin groups as schedules.
A ``Match`` has one slot per entry; a slot is *closed* when it will never receive an entry (a bye).
Rows (``match_to_row``) are plain dicts of JSON-friendly values, which is how a database layer stores
and reloads a bracket.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Hashable

from common.errors import N_, Conflict

EntryId = Hashable

STAGES = ("main", "losers", "final", "third_place", "group", "knockout", "heat", "repechage", "semi",
          "final_a", "final_b")
PENDING, READY, BYE, FINISHED = "pending", "ready", "bye", "finished"
STATUSES = (PENDING, READY, BYE, FINISHED)
RACE_STATUSES = ("OK", "DNS", "DNF", "DSQ")


class FormatError(Conflict):
    """A result or a request that the current state of the structure does not allow (409)."""

    title = N_("Not allowed in the current state of the draw")


def match_key(stage: str, round_: int, position: int, group: str | None = None) -> str:
    """The stable key of a match: ``main-2-3``, ``group-B-1-2``."""
    if group is None:
        return f"{stage}-{round_}-{position}"
    return f"{stage}-{group}-{round_}-{position}"


def round_key_prefix(stage: str, round_: int, group: str | None = None) -> str:
    """What the keys of a round's matches start with: ``match_key(s, r, p, g) == round_key_prefix(s, r, g) + str(p)``
    (a round robin of 2,016 matches makes its keys this way, a third faster)."""
    return f"{stage}-{round_}-" if group is None else f"{stage}-{group}-{round_}-"


@dataclass(slots=True)
class Link:
    """Where an entry goes next: the key of a later match and the slot index in it."""

    key: str
    slot: int


@dataclass(frozen=True, slots=True)
class RaceTime:
    """One crew's result in one race: time in milliseconds, status, penalty in milliseconds."""

    time_ms: int | None = None
    status: str = "OK"
    penalty_ms: int = 0

    @property
    def total_ms(self) -> int | None:
        """The time with penalties, or None when the crew has no valid time."""
        if self.status != "OK" or self.time_ms is None:
            return None
        return self.time_ms + self.penalty_ms

    @property
    def hundredths(self) -> int | None:
        """The total in hundredths of a second (the resolution at which times are compared)."""
        total = self.total_ms
        return None if total is None else total // 10


@dataclass(slots=True)
class Match:
    """One match, heat or final; ``entries`` and ``closed`` have one item per slot."""

    key: str
    stage: str
    round: int
    position: int
    entries: list
    closed: list
    status: str = PENDING
    group: str | None = None
    heat: int | None = None
    winner_to: Link | None = None
    loser_to: Link | None = None
    #: index of the winning slot once decided (finished, or a bye with its entry)
    winner: int | None = None
    #: place the winner or the loser gets here when it goes no further
    winner_place: int | None = None
    loser_place: int | None = None
    #: when this slot wins, the linked matches are not played (grand final with reset)
    ends_if: int | None = None
    #: what each slot waits for, as shown before it is filled ("A1", "B2")
    labels: list | None = None
    #: lane of each slot (races)
    lanes: list | None = None
    #: one RaceTime per slot once the race is recorded
    race: list | None = None

    @property
    def winner_entry(self) -> EntryId | None:
        """The winning entry, when decided."""
        return None if self.winner is None else self.entries[self.winner]

    @property
    def loser_entry(self) -> EntryId | None:
        """The losing entry of a finished two-slot match."""
        if self.status != FINISHED or self.winner is None or len(self.entries) != 2:
            return None
        return self.entries[1 - self.winner]


@dataclass(frozen=True, slots=True)
class Change:
    """The new state of one match after an operation: what a database layer writes back."""

    key: str
    entries: tuple
    status: str
    winner: int | None
    lanes: tuple | None = None

    @property
    def winner_entry(self) -> EntryId | None:
        """The winning entry, when decided."""
        return None if self.winner is None else self.entries[self.winner]

    @classmethod
    def of(cls, m: Match) -> "Change":
        """Snapshot the changing fields of a match."""
        return cls(m.key, tuple(m.entries), m.status, m.winner, None if m.lanes is None else tuple(m.lanes))


@dataclass(frozen=True, slots=True)
class Placing:
    """A place in the final ranking; equal places are shared. A crew placed without a valid time (after every
    crew with one) carries its race status: DNS, DNF or DSQ."""

    place: int
    entry: EntryId
    status: str | None = None


@dataclass(slots=True)
class Bracket:
    """All matches of one contest, keyed and in generation order, with the format's options."""

    format: str
    entries: list
    matches: dict[str, Match] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    #: a list when the bracket is generated *compact* (to be stored): its round robin groups are kept here as
    #: ``round_robin.Schedule``s, before ``matches`` in generation order, instead of as Match objects in ``matches``
    #: (all ready at once and linked to nothing: a 64-entry group's 2,016 Match objects would only be converted
    #: back into rows); None: every match is in ``matches``
    schedules: list | None = None

    def add(self, m: Match) -> Match:
        """Append a match (its links must point to matches added later)."""
        self.matches[m.key] = m
        return m

    def select(self, stage: str | None = None, round_: int | None = None) -> list[Match]:
        """Matches of a stage and/or round, in generation order (a scan: not for hot paths)."""
        return [m for m in self.matches.values()
                if (stage is None or m.stage == stage) and (round_ is None or m.round == round_)]


def _link_row(link: Link | None) -> list | None:
    return None if link is None else [link.key, link.slot]


def match_to_row(m: Match) -> dict:
    """A match as a dict of JSON-friendly values (links as ``[key, slot]``, races as dicts)."""
    race = None if m.race is None else [
        None if r is None else {"time_ms": r.time_ms, "status": r.status, "penalty_ms": r.penalty_ms} for r in m.race]
    return {"key": m.key, "stage": m.stage, "round": m.round, "position": m.position, "group": m.group,
            "heat": m.heat, "entries": list(m.entries), "closed": list(m.closed), "status": m.status,
            "winner": m.winner, "winner_to": _link_row(m.winner_to), "loser_to": _link_row(m.loser_to),
            "winner_place": m.winner_place, "loser_place": m.loser_place, "ends_if": m.ends_if,
            "labels": m.labels, "lanes": m.lanes, "race": race}


def match_from_row(row: dict) -> Match:
    """The inverse of ``match_to_row``."""
    race = row.get("race")
    return Match(
        key=row["key"], stage=row["stage"], round=row["round"], position=row["position"],
        entries=list(row["entries"]), closed=list(row["closed"]), status=row["status"], group=row.get("group"),
        heat=row.get("heat"), winner_to=Link(*row["winner_to"]) if row.get("winner_to") else None,
        loser_to=Link(*row["loser_to"]) if row.get("loser_to") else None, winner=row.get("winner"),
        winner_place=row.get("winner_place"), loser_place=row.get("loser_place"), ends_if=row.get("ends_if"),
        labels=row.get("labels"), lanes=row.get("lanes"),
        race=None if race is None else [None if r is None else RaceTime(**r) for r in race])


def bracket_from_rows(format_: str, entries: list, rows: list[dict], options: dict | None = None) -> Bracket:
    """Rebuild a bracket from stored rows (any order works; generation order keeps ``select`` in draw order)."""
    b = Bracket(format_, list(entries), {}, dict(options or {}))
    for row in rows:
        b.add(match_from_row(row))
    return b
