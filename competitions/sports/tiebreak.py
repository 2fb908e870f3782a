"""Group standings machinery shared by the head-to-head sports: tie-break procedures and payload helpers. Pure.

A group's finished matches come in as ``Played`` records: the two entries, the winning slot and one
*line* per side, a dict of counters (``played``, ``won``, ``lost``, ``points``, ``scored``,
``conceded``, plus sport counters such as ``games_won``). A ``Procedure`` says how to rank:

* ``primary`` ranks the whole group (matches won, classification points);
* ``steps`` then separate entries level on it. A step's key is computed for the tied subset only,
  so a criterion "among the tied" counts only the games between them (``stat_step(among_tied=True)``);
* **restart** (FIBA D.1): as soon as a step separates one or more entries, the procedure starts
  again from the first step for each subset still tied, with only that subset's entries. For
  criteria over all group games restarting equals carrying on with the next step, so the BWF
  wording ("then point difference") is served by the same engine;
* **two left** (BWF GCR 16.1/16.2, FIBA 3x3): with ``two_left`` set, whenever exactly two entries are
  tied their head-to-head is tried first, before the steps;
* **lots**: entries level after every step are ordered by ``lots``, a recorded draw (or, for 3x3,
  the seeding order) given as a list of entries, never at random. Without it they share a rank
  (``unresolved`` lists those groups so the organiser can record the draw).

``standings(...)`` returns the rows of the API (``rank, entry_id, played, won, lost, points, scored,
conceded, diff, tie_break, excluded`` and the sport's extra counters); ``tie_break`` is the code of
the criterion that separated a row from the next one (None for the last row and for rows still tied).

The payload helpers (``parse_outcome``, ``parse_winner``, ``parse_pairs``) check what every
head-to-head result has in common: an outcome, the winning slot (0 or 1: the services translate
``winner_entry_id``) and lists of ``[a, b]`` score pairs in the order of the match's entries.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Collection, Hashable, Mapping, Sequence

from common.errors import N_, ErrorBag, Invalid

EntryId = Hashable
Line = Mapping[str, Any]
#: blocks of entries still level, each with the code separating it from the next block
Blocks = list[tuple[list, str | None]]

ROW_FIELDS = ("played", "won", "lost", "points", "scored", "conceded")


@dataclass(frozen=True)
class Played:
    """One finished group match: its entries, the winning slot (0, 1 or None) and a line per side."""

    a: EntryId
    b: EntryId
    winner: int | None
    lines: tuple[Line, Line]


@dataclass(frozen=True)
class Step:
    """A ranking criterion: a code for ``tie_break`` and a key per entry of a tied subset (higher first)."""

    code: str
    key: Callable[[Sequence[EntryId]], Mapping[EntryId, Any]]


@dataclass(frozen=True)
class Procedure:
    """A tie-break procedure: primary criterion, steps (restarted on every split), two-left rule, lots code."""

    primary: Step
    steps: tuple[Step, ...]
    two_left: Step | None = None
    last: str = "lots"


@dataclass(frozen=True)
class Placed:
    """An entry's rank (shared while unresolved) and the code that separated it from the next entry."""

    entry: EntryId
    rank: int
    tie_break: str | None


def totals(entries: Sequence[EntryId], played: Sequence[Played],
           among: Collection[EntryId] | None = None) -> dict[EntryId, Counter]:
    """Each entry's lines summed over its matches (only matches between members of ``among`` when given)."""
    members = None if among is None else set(among)
    out: dict[EntryId, Counter] = {e: Counter() for e in entries}
    for p in played:
        if members is not None and (p.a not in members or p.b not in members):
            continue
        for entry, line in ((p.a, p.lines[0]), (p.b, p.lines[1])):
            if entry in out:
                out[entry].update(line)
    return out


def value_of(name: str) -> Callable[[Mapping], Any]:
    """A criterion value: the counter ``name``."""
    return lambda t: t[name]


def difference(plus: str, minus: str) -> Callable[[Mapping], Any]:
    """A criterion value: counter ``plus`` minus counter ``minus``."""
    return lambda t: t[plus] - t[minus]


def ratio(plus: str, minus: str) -> Callable[[Mapping], Any]:
    """A criterion value: ``plus`` / ``minus`` exactly (nothing conceded ranks above any ratio)."""
    def value(t: Mapping) -> tuple:
        if t[minus]:
            return (0, Fraction(t[plus], t[minus]))
        return (1, t[plus]) if t[plus] else (0, Fraction(1))
    return value


def stat_step(code: str, played: Sequence[Played], value: Callable[[Mapping], Any], among_tied: bool = False) -> Step:
    """A step ranking on ``value`` of the totals over all group matches, or only those among the tied."""
    def key(tied: Sequence[EntryId]) -> Mapping[EntryId, Any]:
        table = totals(tied, played, tied if among_tied else None)
        return {e: value(table[e]) for e in tied}
    return Step(code, key)


def head_to_head(played: Sequence[Played], code: str = "head_to_head") -> Step:
    """A step ranking on matches won against the other tied entries."""
    return stat_step(code, played, value_of("won"), among_tied=True)


def _split(tied: Sequence[EntryId], step: Step) -> list[list]:
    keys = step.key(tied)
    levels = sorted(set(keys.values()), reverse=True)
    return [[e for e in tied if keys[e] == level] for level in levels]


def _join(parts: list[Blocks], code: str) -> Blocks:
    out: Blocks = []
    for part in parts:
        if out:
            out[-1] = (out[-1][0], code)
        out.extend(part)
    return out


def _lots(tied: list, lots: Sequence[EntryId] | None, code: str) -> Blocks:
    if not lots or any(e not in lots for e in tied):
        return [(tied, None)]
    order = sorted(tied, key=list(lots).index)
    return _join([[([e], None)] for e in order], code)


def _resolve(tied: list, proc: Procedure, lots: Sequence[EntryId] | None) -> Blocks:
    """Order a tied subset: two-left rule, then the steps, restarting on each subset after any split."""
    if len(tied) == 1:
        return [(tied, None)]
    rules = ((proc.two_left,) if proc.two_left and len(tied) == 2 else ()) + proc.steps
    for step in rules:
        groups = _split(tied, step)
        if len(groups) > 1:
            return _join([_resolve(g, proc, lots) for g in groups], step.code)
    return _lots(tied, lots, proc.last)


def rank(entries: Sequence[EntryId], proc: Procedure, lots: Sequence[EntryId] | None = None) -> list[Placed]:
    """Rank entries by the procedure; entries still level after lots share a rank (kept in input order)."""
    blocks = _join([_resolve(g, proc, lots) for g in _split(list(entries), proc.primary)], proc.primary.code)
    out: list[Placed] = []
    for block, code in blocks:
        start = len(out) + 1
        out += [Placed(e, start, code if i == len(block) - 1 else None) for i, e in enumerate(block)]
    return out


def standings(entries: Sequence[EntryId], played: Sequence[Played], proc: Procedure,
              lots: Sequence[EntryId] | None = None, excluded: Collection[EntryId] = (),
              extra: Sequence[str] = ()) -> list[dict]:
    """Rows of a group table; ``excluded`` entries (results nullified) come last with rank None and zeros.

    ``proc`` must be built on the same matches, without those of ``excluded`` entries.
    """
    kept = [e for e in entries if e not in excluded]
    games = [p for p in played if p.a not in excluded and p.b not in excluded]
    table = totals(kept, games)
    rows = []
    for placed in rank(kept, proc, lots):
        t = table[placed.entry]
        rows.append(_row(placed.entry, placed.rank, t, extra, placed.tie_break, False))
    rows += [_row(e, None, Counter(), extra, None, True) for e in entries if e in excluded]
    return rows


def _row(entry: EntryId, rank_: int | None, t: Mapping, extra: Sequence[str], code: str | None,
         excluded: bool) -> dict:
    row = {"rank": rank_, "entry_id": entry, **{f: t[f] for f in ROW_FIELDS}, "diff": t["scored"] - t["conceded"]}
    row.update({f: t[f] for f in extra})
    row.update(tie_break=code, excluded=excluded)
    return row


def unresolved(rows: Sequence[Mapping]) -> list[list]:
    """Groups of entries sharing a rank: level after every step, waiting for a recorded draw of lots."""
    by_rank: dict[int, list] = {}
    for row in rows:
        if row["rank"] is not None:
            by_rank.setdefault(row["rank"], []).append(row["entry_id"])
    return [group for group in by_rank.values() if len(group) > 1]


def parse_outcome(payload: Mapping, choices: Sequence[str], bag: ErrorBag) -> str:
    """The payload's ``outcome`` (default ``normal``), one of ``choices``."""
    value = payload.get("outcome") or "normal"
    if value not in choices:
        bag.add("outcome", N_("Unknown outcome. Choose one of: %(choices)s."), choices=", ".join(choices))
        return "normal"
    return value


def parse_winner(payload: Mapping, bag: ErrorBag, required: bool, path: str = "winner") -> int | None:
    """The winning slot, 0 or 1; required for the outcomes that are not decided by the score."""
    value = payload.get("winner")
    if value is None:
        if required:
            bag.add(path, N_("This outcome needs the winner."))
        return None
    if isinstance(value, bool) or value not in (0, 1):
        bag.add(path, N_("The winner is slot 0 or 1."))
        return None
    return int(value)


def parse_pairs(value: Any, path: str, bag: ErrorBag) -> list[list[int]]:
    """A list of ``[a, b]`` pairs of whole numbers of at least 0 (None counts as an empty list)."""
    if value is None:
        return []
    if not isinstance(value, (list, tuple)):
        bag.add(path, N_("Must be a list of [a, b] score pairs."))
        return []
    out = []
    for i, pair in enumerate(value):
        if (not isinstance(pair, (list, tuple)) or len(pair) != 2
                or any(isinstance(x, bool) or not isinstance(x, int) or x < 0 for x in pair)):
            bag.add(f"{path}.{i}", N_("A score is a pair of whole numbers of at least 0."))
            return []
        out.append([int(pair[0]), int(pair[1])])
    return out


def as_payload(payload: Any) -> Mapping:
    """The payload itself when it is an object; Invalid on ``result`` otherwise."""
    if not isinstance(payload, Mapping):
        raise Invalid.one("result", N_("Must be an object."))
    return payload
