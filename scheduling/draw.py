"""Draws: seeding and byes in knockouts (BWF; delegations kept apart by ``separation``), snake groups, lane
draws. Pure.

All randomness comes from ``random.Random(random_seed)`` and the inputs are only ever iterated in
their given order, so the same entries, seeds and seed number always give the same draw.
Lines are 0-based from the top of the draw; two lines ``a`` and ``b`` can first meet in round
``meeting_round(a, b)``.
"""
from __future__ import annotations

import operator
import random
from dataclasses import dataclass
from functools import lru_cache
from typing import Hashable, Sequence

from common.errors import N_, Invalid
from scheduling.separation import place_apart

EntryId = Hashable  # the same alias as scheduling.formats.model.EntryId


@dataclass(frozen=True, slots=True)
class Entry:
    """An entry to draw: its id and its delegation (None: no delegation to separate)."""

    id: EntryId
    delegation: Hashable | None = None


def max_seeds(n_entries: int) -> int:
    """How many seeds a knockout of this many entries may have (BWF: 2, 4, 8 or 16)."""
    cap = 2 if n_entries < 16 else 4 if n_entries < 32 else 8 if n_entries < 64 else 16
    return min(cap, n_entries)


def bracket_size(n_entries: int) -> int:
    """The draw size: the next power of two (1 for 0 or 1 entry)."""
    return 1 << max(0, n_entries - 1).bit_length()


def meeting_round(a: int, b: int) -> int:
    """The round in which the entries on lines ``a`` and ``b`` can first meet (1: first round)."""
    return (a ^ b).bit_length()


def _standard_ranks(sections: int) -> list[int]:
    """Seed rank of each section in a standard bracket: 4 -> [1, 4, 2, 3]."""
    order = [1]
    while len(order) < sections:
        total = 2 * len(order) + 1
        order = [x for y in order for x in (y, total - y)]
    return order


class _Occupancy:
    """How many placed lines lie in each half, quarter, eighth... of the draw, in all and per delegation."""

    def __init__(self, size: int):
        self.levels = range(size.bit_length() - 2, 0, -1)  # half, quarter... down to pairs of lines
        self.all: dict = {}
        self.mates: dict = {}

    def add(self, line: int, delegation: Hashable | None) -> None:
        for level in self.levels:
            block = (level, line >> level)
            self.all[block] = self.all.get(block, 0) + 1
            if delegation is not None:
                counts = self.mates.setdefault(delegation, {})
                counts[block] = counts.get(block, 0) + 1

    def key(self, line: int, delegation: Hashable | None, balance: bool) -> tuple:
        """Seeds of the same delegation apart first; without a lot, seeds spread evenly too."""
        mates = self.mates.get(delegation) if delegation is not None else None
        blocks = [(level, line >> level) for level in self.levels]  # (no mates: () for every line alike)
        return (tuple(mates.get(b, 0) for b in blocks) if mates else (),
                tuple(self.all.get(b, 0) for b in blocks) if balance else ())


def _seed_line(section: int, sections: int, length: int) -> int:
    """Top line of a section in the top half, bottom line in the bottom half."""
    return section * length if section < sections // 2 else (section + 1) * length - 1


def seed_lines(size: int, delegations: Sequence[Hashable | None], rng: random.Random | None) -> list[int]:
    """Lines of the seeds, in seed order: 1 top, 2 bottom, then groups drawn into free sections.

    A seed in the top half stands at the top of its section, in the bottom half at the bottom.
    A lot avoids putting a seed with a seed of its delegation when another section allows it.
    An incomplete group (6 seeds: 5 and 6 among four eighths) spreads evenly over the halves; with
    ``rng`` None there is no lot at all: the standard bracket's order, spread evenly.
    """
    if rng is None and all(d is None for d in delegations):
        return list(_standard_lines(size, len(delegations)))
    return _drawn_lines(size, delegations, rng)


@lru_cache(maxsize=32)
def _standard_lines(size: int, n: int) -> tuple[int, ...]:
    """The seed lines without a lot or delegations (they depend on the two numbers alone: worked out once; the
    group winners of a 64-group knockout took 1.3 ms each time)."""
    return tuple(_drawn_lines(size, [None] * n, None))


def _drawn_lines(size: int, delegations: Sequence[Hashable | None], rng: random.Random | None) -> list[int]:
    n = len(delegations)
    if n > size:
        raise Invalid.one("seeds", N_("Too many seeds for a draw of %(size)s."), size=size)
    lines: list[int] = [0, size - 1][:n] if size > 1 else [0][:n]
    placed = _Occupancy(size)
    for line, delegation in zip(lines, delegations):
        placed.add(line, delegation)
    sections = 4
    while len(lines) < n:
        length = size // sections
        taken = {line // length for line in lines}
        free = [s for s in range(sections) if s not in taken]
        if rng is None:
            ranks = _standard_ranks(sections)
            free.sort(key=lambda s: ranks[s])
        else:
            rng.shuffle(free)
        group = range(len(lines), min(n, sections))
        chosen: dict[int, int] = {}
        # the seeds whose delegation already has a seed placed choose first (seeds 3 and 4 of delegations Y and
        # X after seed 2 of X: 4 must take the other half, whichever quarter the lot gives 3), then the others
        for seed in sorted(group, key=lambda s: not placed.mates.get(delegations[s])):
            pick = min(free, key=lambda s: placed.key(_seed_line(s, sections, length), delegations[seed],
                                                      rng is None or n < sections))
            free.remove(pick)
            chosen[seed] = _seed_line(pick, sections, length)
            placed.add(chosen[seed], delegations[seed])
        lines += [chosen[seed] for seed in group]
        sections *= 2
    return lines


def bye_lines(size: int, n_entries: int, seeded: Sequence[int]) -> list[bool]:
    """Which lines are byes: first facing the seeds in seed order, then spread evenly.

    No two byes face each other; sibling sections get counts differing by at most one, the extra
    one towards the top in the top half and towards the bottom in the bottom half.
    """
    matches, byes = size // 2, size - n_entries
    is_bye = [False] * size
    fixed = [0] * max(matches, 1)
    occupied, given = set(seeded), 0
    for line in seeded:
        if given < byes and (line ^ 1) not in occupied:
            fixed[line // 2], is_bye[line ^ 1] = 1, True
            given += 1
    if byes <= 0:
        return is_bye
    prefix = [0]
    for f in fixed:
        prefix.append(prefix[-1] + f)

    def spread(lo: int, hi: int, count: int, downward: bool) -> None:
        if hi - lo == 1:
            if count and not fixed[lo]:
                is_bye[2 * lo + (0 if downward else 1)] = True
            return
        mid = (lo + hi) // 2
        fixed_top, fixed_bottom = prefix[mid] - prefix[lo], prefix[hi] - prefix[mid]
        want = count // 2 if downward else (count + 1) // 2
        top = max(fixed_top, count - (hi - mid), min(want, mid - lo, count - fixed_bottom))
        root = hi - lo == matches
        spread(lo, mid, top, False if root else downward)
        spread(mid, hi, count - top, True if root else downward)

    spread(0, matches, byes, False)
    return is_bye


def seeded_order(entries: Sequence[Entry], seeds: Sequence[EntryId], random_seed: int) -> list[EntryId]:
    """Seeds in seed order, then the other entries in an order drawn by lot."""
    seeded = set(seeds)
    rest = [e.id for e in entries if e.id not in seeded]
    random.Random(random_seed).shuffle(rest)
    return list(seeds) + rest


def _check_seeds(entries: Sequence[Entry], seeds: Sequence[EntryId]) -> None:
    ids = {e.id for e in entries}
    if len(set(seeds)) != len(seeds) or any(s not in ids for s in seeds):
        raise Invalid.one("seeds", N_("Seeds must be distinct entries of the draw."))
    if len(seeds) > max_seeds(len(entries)):
        raise Invalid.one("seeds", N_("At most %(max)s seeds for %(n)s entries."),
                          max=max_seeds(len(entries)), n=len(entries))


def knockout_draw(entries: Sequence[Entry], seeds: Sequence[EntryId] = (), random_seed: int = 0,
                  separate: bool = True) -> list[EntryId | None]:
    """The first-round line-up (None for a bye) of a knockout of the next power of two."""
    _check_seeds(entries, seeds)
    rng = random.Random(random_seed)
    size = bracket_size(len(entries))
    by_id = {e.id: e for e in entries}
    seeded = seed_lines(size, [by_id[s].delegation if separate else None for s in seeds], rng)
    byes = bye_lines(size, len(entries), seeded)
    lines: list = [None] * size
    for seed, line in zip(seeds, seeded):
        lines[line] = seed
    seed_set = set(seeds)
    unseeded = [e for e in entries if e.id not in seed_set]
    rng.shuffle(unseeded)
    if not separate:
        free = [i for i in range(size) if lines[i] is None and not byes[i]]
        for line, e in zip(free, unseeded):
            lines[line] = e.id
        return lines
    place_apart(lines, byes, unseeded, {e.id: e.delegation for e in entries}, rng)
    return lines


def snake_groups(ranked: Sequence[Entry], n_groups: int, separate: bool = True) -> list[list[EntryId]]:
    """Ranked entries dealt into groups in a serpentine (A B C C B A ...), delegations kept apart when possible.

    Within each row of the snake, entries may swap groups so that no group gets a second entry of
    a delegation while another group has fewer; without conflicts the plain snake stands.
    """
    if n_groups < 1:
        raise Invalid.one("groups", N_("At least one group."))
    groups: list[list[EntryId]] = [[] for _ in range(n_groups)]
    counts: dict[Hashable, list[int]] = {}  # delegation -> how many of its entries each group has
    nearest = _nearest(n_groups)
    for start in range(0, len(ranked), n_groups):
        row = ranked[start:start + n_groups]
        order = range(n_groups) if (start // n_groups) % 2 == 0 else range(n_groups - 1, -1, -1)
        targets = list(order)  # a short last row may use any groups: the sizes stay balanced
        picks = _assign_row(row, targets, counts, nearest) if separate else list(range(len(row)))
        for e, j in zip(row, picks):
            g = targets[j]
            groups[g].append(e.id)
            if e.delegation is not None:
                counts.setdefault(e.delegation, [0] * n_groups)[g] += 1
    return groups


@lru_cache(maxsize=64)
def _nearest(n: int) -> tuple[tuple[int, ...], ...]:
    """For each target index ``i``: the indexes by distance from it, ``i``, ``i - 1``, ``i + 1``, ``i - 2``...
    (a stable sort: i - d before i + d), worked out once per number of groups."""
    return tuple(tuple(sorted(range(n), key=lambda j: abs(j - i))) for i in range(n))


def _assign_row(row: Sequence[Entry], targets: list[int], counts: dict[Hashable, list[int]],
                nearest: tuple[tuple[int, ...], ...]) -> list[int]:
    """For each entry of a snake row, the index in ``targets`` of its group (a matching, snake order first).

    ``nearest[i]``: the target indexes nearest ``i`` first (the same for every row).
    """
    m, t = len(row), len(targets)
    in_targets = operator.itemgetter(*targets) if t > 1 else lambda col: (col[targets[0]],)
    none = (0,) * t
    lowest = {d: (have, min(have)) for d in {e.delegation for e in row} if d in counts
              for have in (in_targets(counts[d]),)}  # (once per delegation, not per entry)
    haves, bests = zip(*(lowest.get(e.delegation, (none, 0)) for e in row))
    if all(have[i] == best for i, (have, best) in enumerate(zip(haves, bests))):
        return list(range(m))  # the plain snake already keeps the delegations apart
    owner = [-1] * t

    def augment(i: int, seen: set) -> bool:
        have, best = haves[i], bests[i]
        if owner[i] < 0 and have[i] == best and i not in seen:
            seen.add(i)
            owner[i] = i
            return True
        for j in nearest[i]:  # the groups where its delegation is at its lowest count, nearest first
            if have[j] == best and j not in seen:
                seen.add(j)
                if owner[j] < 0 or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(m):
        augment(i, set())
    picks = [-1] * m
    for j, i in enumerate(owner):
        if i >= 0:
            picks[i] = j
    free = [j for j in range(t) if owner[j] < 0]
    for i in range(m):  # no group at the delegation's lowest count is left: the next lowest
        if picks[i] < 0:
            j = min(free, key=lambda j: (haves[i][j], abs(j - i)))
            free.remove(j)
            picks[i] = j
    return picks


def lane_order(lanes: int) -> list[int]:
    """Lanes from the centre outwards, the fastest first: 6 -> [3, 4, 2, 5, 1, 6]; 4 -> [2, 3, 1, 4]."""
    centre = (lanes + 1) // 2
    order = [centre]
    for step in range(1, lanes):
        lane = centre + (step + 1) // 2 if step % 2 else centre - step // 2
        order.append(lane)
    return order


def draw_lanes(entries: Sequence[EntryId], lanes: int, random_seed: int) -> dict[EntryId, int]:
    """Lanes drawn by lot for one race, among the central lanes when fewer crews than lanes."""
    if len(entries) > lanes:
        raise Invalid.one("lanes", N_("More crews than lanes."))
    chosen = lane_order(lanes)[:len(entries)]
    random.Random(random_seed).shuffle(chosen)
    return dict(zip(entries, chosen))
