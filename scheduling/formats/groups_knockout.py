"""Groups then knockout: round robins in groups, the best of each group into a knockout. Pure.

The knockout is laid out at generation with labels (``A1``, ``B2``): group winners stand on the
seed lines (byes go to them first), the others are placed so that group-mates can meet as late as
possible and, when there is a choice, face a better-placed qualifier: 2 groups give A1-B2, B1-A2;
4 groups A1-B2, D1-C2 | C1-D2, B1-A2. The caller ranks each group (sport-specific tie-breaks)
and hands the order to ``fill_knockout`` once the group's standings are final.
"""
from __future__ import annotations

from itertools import combinations
from typing import Mapping, Sequence

from common.errors import N_, Invalid
from scheduling.draw import bracket_size, bye_lines, meeting_round, seed_lines
from scheduling.formats import round_robin
from scheduling.formats.model import Bracket, Change, EntryId, Link, Placing
from scheduling.formats.progression import knockout_placings, put, settle, sorted_placings, take_back, take_back_path
from scheduling.formats.single_elimination import add_knockout

FORMAT = "groups_knockout"
Source = tuple[int, int]  # (group index, rank in the group, 1-based)


def group_names(n: int) -> list[str]:
    """Default group names: A..Z, then AA, AB..."""
    names = []
    for i in range(n):
        name, i = "", i + 1
        while i:
            i, rest = divmod(i - 1, 26)
            name = chr(65 + rest) + name
        names.append(name)
    return names


def _score(line: int, source: Source, lines: list, mates: list[int], size: int, ideal: int) -> tuple:
    """Group-mates as late as possible, then the crossing (1 v q, 2 v q-1...), then the mirror line."""
    other = lines[line ^ 1]
    facing = -0.5 if other is None else -abs(source[1] + other[1] - ideal)
    mirror = size - 1 - mates[0] if mates else line
    return sorted(meeting_round(line, o) for o in mates), facing, -abs(line - mirror), -line


def _put(lines: list, placed: dict, line: int, source: Source, free: list, waiting: list) -> None:
    lines[line] = source
    placed.setdefault(source[0], []).append(line)
    free.remove(line)
    waiting.remove(source)


def _fill(lines: list, byes: list[bool], others: list[Source], qualifiers: int) -> None:
    """Place the non-winners: the best take the byes left, then the others lowest rank first."""
    size = len(lines)
    placed: dict[int, list[int]] = {}
    for line, s in enumerate(lines):
        if s is not None:
            placed[s[0]] = [line]
    free = [i for i in range(size) if lines[i] is None and not byes[i]]
    facing_bye = [i for i in free if byes[i ^ 1]]
    waiting = list(others)
    cutoff = waiting[len(facing_bye) - 1][1] if facing_bye else 0
    for source in [s for s in waiting if s[1] < cutoff]:  # the remaining byes go to the best ranks
        _put(lines, placed, max(facing_bye, key=lambda x: _score(x, source, lines, placed.get(source[0], []), size, 0)),
             source, facing_bye, waiting)
    while facing_bye:  # ... and among the cut rank to the groups whose mates are farthest
        line, source = max(((x, s) for x in facing_bye for s in waiting if s[1] == cutoff),
                           key=lambda p: _score(p[0], p[1], lines, placed.get(p[1][0], []), size, 0))
        _put(lines, placed, line, source, facing_bye, waiting)
    candidates = [i for i in free if not byes[i ^ 1]]
    for source in sorted(waiting, key=lambda s: -s[1]):
        mates = placed.setdefault(source[0], [])
        line = max(candidates, key=lambda x: _score(x, source, lines, mates, size, qualifiers + 1))
        candidates.remove(line)
        lines[line] = source
        mates.append(line)


def _crowding(lines: list) -> int:
    """How far group-mates exceed their even share of the halves, quarters... (0: as late as can be)."""
    size, by_group = len(lines), {}
    for line, s in enumerate(lines):
        if s is not None:
            by_group.setdefault(s[0], []).append(line)
    excess = 0
    for mates in by_group.values():
        if len(mates) < 2:
            continue  # (a group's only qualifier crowds nobody)
        for level in range(1, size.bit_length() - 1):
            length, share = size >> level, -(-len(mates) // (1 << level))
            counts: dict[int, int] = {}
            for line in mates:
                counts[line // length] = counts.get(line // length, 0) + 1
            excess += sum(max(0, c - share) for c in counts.values()) << (size.bit_length() - level)
    return excess


def _search(lines: list, byes: list[bool], others: list[Source], qualifiers: int, budget: int = 50000) -> bool:
    """Place the non-winners so that no group exceeds its even share anywhere (depth-first, bounded)."""
    size, depth = len(lines), len(lines).bit_length() - 1
    total: dict[int, int] = {}
    for s in [x for x in lines if x is not None] + others:
        total[s[0]] = total.get(s[0], 0) + 1
    count: dict[tuple, int] = {}

    def mark(line: int, group: int, step: int) -> bool:
        fits = True
        for level in range(1, depth):
            key = (group, level, line >> (depth - level))
            count[key] = count.get(key, 0) + step
            fits = fits and count[key] <= -(-total[group] // (1 << level))
        return fits

    for line, s in enumerate(lines):
        if s is not None:
            mark(line, s[0], 1)
    free = [i for i in range(size) if lines[i] is None and not byes[i]]
    facing = [i for i in free if byes[i ^ 1]]
    pools = [set(facing)] * len(facing) + [{i for i in free if not byes[i ^ 1]}] * (len(others) - len(facing))
    nodes = [0]
    cutoff = others[len(facing) - 1][1] if facing else 0
    sure = [s for s in others if s[1] < cutoff]
    maybe = [s for s in others if s[1] == cutoff]
    for chosen in combinations(maybe, len(facing) - len(sure)):  # which of the cut rank get the byes
        order = sure + list(chosen) + sorted((s for s in others if s not in sure and s not in chosen),
                                             key=lambda s: -s[1])
        if _place_all(lines, order, pools, mark, nodes, budget, qualifiers):
            return True
        if nodes[0] > budget:
            break
    return False


def _place_all(lines: list, order: list, pools: list, mark, nodes: list, budget: int, qualifiers: int) -> bool:
    """Depth-first placement of ``order`` into the lines of ``pools``, within a budget of tries."""
    size = len(lines)

    def place(k: int) -> bool:
        if k == len(order):
            return True
        source = order[k]
        mates = [i for i, s in enumerate(lines) if s is not None and s[0] == source[0]]
        options = sorted((x for x in pools[k] if lines[x] is None), reverse=True,
                         key=lambda x: _score(x, source, lines, mates, size, qualifiers + 1))
        for x in options:
            nodes[0] += 1
            if nodes[0] > budget:
                return False
            lines[x] = source
            if mark(x, source[0], 1) and place(k + 1):
                return True
            mark(x, source[0], -1)
            lines[x] = None
        return False

    return place(0)


def knockout_lineup(sizes: Sequence[int], qualifiers: int) -> tuple[list[Source | None], list[bool]]:
    """The first round of the knockout as (group index, rank) per line, and which lines are byes.

    Group winners take the seed lines and the byes first; the next best take the remaining byes;
    the others are placed lowest rank first, facing the rank that makes the standard crossing.
    When group-mates end up closer than needed, the groups are taken in a few other orders.
    """
    quals = [(g, r) for r in range(1, qualifiers + 1) for g, n in enumerate(sizes) if r <= n]
    size = bracket_size(len(quals))
    winners = [s for s in quals if s[1] == 1]
    seeded = seed_lines(size, [None] * len(winners), None)
    byes = bye_lines(size, len(quals), seeded)
    best: tuple | None = None
    others = quals[len(winners):]
    for shift in range(min(len(sizes), 8)):
        lines: list[Source | None] = [None] * size
        for source, line in zip(winners, seeded):
            lines[line] = source
        _fill(lines, byes, sorted(others, key=lambda s: (s[1], (s[0] - shift) % len(sizes))), qualifiers)
        crowding = _crowding(lines)
        if best is None or crowding < best[0]:
            best = (crowding, lines)
        if not crowding:
            break
    if best and best[0] and size <= 64:
        lines = [s if s is not None and s[1] == 1 else None for s in best[1]]
        if _search(lines, byes, others, qualifiers):
            return lines, byes
    return (best[1] if best else [None] * size), byes


def generate(groups: Sequence[Sequence[EntryId]], qualifiers_per_group: int, cycles: int = 1,
             third_place: bool = False, names: Sequence[str] | None = None, compact: bool = False) -> Bracket:
    """Group round robins and the labelled knockout, from groups already drawn (see draw.snake_groups);
    ``compact``: the groups as ``round_robin.Schedule``s (``Bracket.schedules``)."""
    names = list(names or group_names(len(groups)))
    q = qualifiers_per_group
    if q < 1 or any(len(g) < q for g in groups) or len(names) != len(groups):
        raise Invalid.one("format.qualifiers_per_group", N_("Every group needs at least %(n)s entries."), n=q)
    b = Bracket(FORMAT, [e for g in groups for e in g], {}, {
        "groups": {name: list(g) for name, g in zip(names, groups)}, "qualifiers_per_group": q,
        "cycles": cycles, "third_place": third_place, "standings": {}}, [] if compact else None)
    for name, g in zip(names, groups):
        round_robin.add_group(b, g, name, cycles)
    group_matches = len(b.matches)
    lineup, byes = knockout_lineup([len(g) for g in groups], q)
    labels = [None if s is None else f"{names[s[0]]}{s[1]}" for s in lineup]
    b.options["qualifiers"] = sum(1 for s in lineup if s is not None)
    if len(lineup) >= 2:
        add_knockout(b, [None] * len(lineup), byes, "knockout", third_place, labels)
        b.options["sources"] = [[f"knockout-1-{i // 2 + 1}", i % 2, names[s[0]], s[1]]
                                for i, s in enumerate(lineup) if s is not None]
        settle(b, group_matches)  # (the group matches are all ready)
    return b


def fill_knockout(b: Bracket, standings: Mapping[str, Sequence[EntryId]]) -> list[Change]:
    """Put the qualifiers of the groups whose final order is given into the knockout; returns the changes.

    A group filled before with another order (its result corrected) has its former qualifiers taken back
    first, as long as the knockout matches they reached have no result."""
    groups = b.options["groups"]
    for name, order in standings.items():
        if name not in groups or sorted(map(repr, order)) != sorted(map(repr, groups[name])):
            raise Invalid.one("standings", N_("The standings of group %(group)s must list its entries."), group=name)
    moves = []  # (key, slot, the qualifier there now, the one due)
    for key, slot, name, rank in b.options.get("sources", []):
        if name in standings and b.matches[key].entries[slot] != standings[name][rank - 1]:
            moves.append((key, slot, b.matches[key].entries[slot], standings[name][rank - 1]))
    paths = [take_back_path(b.matches, Link(key, slot), old) for key, slot, old, _new in moves if old is not None]
    changed: dict = {}
    take_back(paths, changed)
    for key, slot, _old, entry in moves:
        put(b.matches, Link(key, slot), entry, changed)
    for name, order in standings.items():
        b.options["standings"][name] = list(order)
    return [Change.of(m) for m in changed.values()]


def clear_group(b: Bracket, name: str) -> list[Change]:
    """Take a group's qualifiers back out of the knockout (a result of the group was taken back)."""
    paths = [take_back_path(b.matches, Link(key, slot), b.matches[key].entries[slot])
             for key, slot, group, _rank in b.options.get("sources", [])
             if group == name and b.matches[key].entries[slot] is not None]
    changed: dict = {}
    take_back(paths, changed)
    b.options["standings"].pop(name, None)
    return [Change.of(m) for m in changed.values()]


def ranking(b: Bracket) -> list[Placing]:
    """Knockout places for the qualifiers, then shared places by group rank for the others."""
    q, total = b.options["qualifiers_per_group"], b.options["qualifiers"]
    sizes = [len(g) for g in b.options["groups"].values()]
    out = knockout_placings(m for m in b.matches.values() if m.stage in ("knockout", "third_place"))
    for order in b.options["standings"].values():
        if total == 1:
            out.append(Placing(1, order[0]))
        for r in range(q + 1, len(order) + 1):
            above = total + sum(max(0, min(n, r - 1) - q) for n in sizes)
            out.append(Placing(above + 1, order[r - 1]))
    return sorted_placings(out)
