"""Draws: seeding and delegation separation in knockouts (BWF), snake groups, lane draws. Pure.

All randomness comes from ``random.Random(random_seed)`` and the inputs are only ever iterated in
their given order, so the same entries, seeds and seed number always give the same draw.
Lines are 0-based from the top of the draw; two lines ``a`` and ``b`` can first meet in round
``meeting_round(a, b)``.
"""
from __future__ import annotations

import operator
import random
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Hashable, Sequence

from common.errors import N_, Invalid

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
    prefix = [0]
    for i in range(size):
        prefix.append(prefix[-1] + (lines[i] is None and not byes[i]))
    groups: dict = {}
    pool: list[Entry] = []
    for e in unseeded:
        (pool if e.delegation is None else groups.setdefault(e.delegation, [])).append(e)
    fixed = [(line, by_id[s].delegation) for s, line in zip(seeds, seeded) if by_id[s].delegation is not None]
    total: dict = {}
    for e in entries:
        total[e.delegation] = total.get(e.delegation, 0) + 1
    _separate(_Section(lines, byes, prefix, rng, total, size.bit_length() - 1), 0, size, groups, pool, fixed)
    _mend(lines, [i for i, e in enumerate(lines) if e is not None and e not in seed_set],
          {e.id: e.delegation for e in entries}, total, size.bit_length() - 1)
    return lines


#: the levels ``_mend`` checks: halves, quarters and eighths (RULES.md: halves, then quarters)
MENDED_LEVELS = 3
#: how many swaps ``_mend`` weighs at most per step (pairs of swaps: all of them in a draw of up to 64 lines)
MEND_BUDGET = 40_000


def _mend(lines: list, movable: list[int], delegation_of: dict, total: dict, depth: int) -> None:
    """Swap unseeded entries while that takes a delegation down to its share of a half, quarter or eighth
    without crowding a wider section (the split decides each half on its own: beside the seeds' byes, where
    some quarters have one free line, two delegations could count on the same line and one end up doubled).

    A delegation of ``k`` entries has at most ``ceil(k / 2**level)`` in each section of a level. Sections are
    compared widest first: a swap is made only when it leaves every wider level as it was and crowds less here;
    when no single swap does, two in a row (the second moving on the entry the first displaced) are weighed.
    """
    levels = range(1, min(MENDED_LEVELS, depth - 1) + 1)
    of = [None if e is None else delegation_of[e] for e in lines]
    counts: dict = {}
    zero = (0,) * len(levels)

    def count(line: int, sign: int) -> None:
        if of[line] is not None:
            for level in levels:
                key = (of[line], level, line >> (depth - level))
                counts[key] = counts.get(key, 0) + sign

    def crowded(line: int) -> bool:
        d = of[line]
        return d is not None and any(counts[(d, level, line >> (depth - level))] > -(-total[d] >> level)
                                     for level in levels)

    def delta(x: int, y: int) -> tuple[int, ...]:
        """How much the crowding of each level changes when the entries on lines x and y swap."""
        dx, dy, out = of[x], of[y], []
        for level in levels:
            bx, by = x >> (depth - level), y >> (depth - level)
            change = 0
            if bx != by:
                for d, leaves, joins in ((dx, bx, by), (dy, by, bx)):
                    if d is not None:
                        cap = -(-total[d] >> level)
                        change += counts.get((d, level, joins), 0) >= cap
                        change -= counts[(d, level, leaves)] > cap
            out.append(change)
        return tuple(out)

    def swap(x: int, y: int) -> None:
        count(x, -1)
        count(y, -1)
        lines[x], lines[y], of[x], of[y] = lines[y], lines[x], of[y], of[x]
        count(x, 1)
        count(y, 1)

    if not levels:
        return
    deepest = levels[-1]  # (counted per line once, at the narrowest level, then summed up the wider ones)
    for (d, block), n in Counter((d, line >> (depth - deepest)) for line, d in enumerate(of) if d is not None).items():
        for level in levels:
            key = (d, level, block >> (deepest - level))
            counts[key] = counts.get(key, 0) + n
    while True:
        if all(n <= -(-total[d] >> level) for (d, level, _), n in counts.items()):
            return  # (the usual case, found without looking at each line)
        todo = [x for x in movable if crowded(x)]
        if not todo:
            return
        best, moves, budget = zero, [], MEND_BUDGET
        for x in todo:
            for y in movable:
                if of[y] != of[x]:
                    budget -= 1
                    change = delta(x, y)
                    if change < best:
                        best, moves = change, [(x, y)]
        for x in todo if not moves else ():
            for y in movable:
                if of[y] == of[x] or budget <= 0:
                    continue
                first = delta(x, y)
                swap(x, y)
                for z in (x, y):
                    for w in (movable if crowded(z) else ()):
                        if of[w] != of[z]:
                            budget -= 1
                            change = tuple(a + b for a, b in zip(first, delta(z, w)))
                            if change < best:
                                best, moves = change, [(x, y), (z, w)]
                swap(x, y)
        if not moves:
            return  # as far as the seeds and byes allow
        for x, y in moves:
            swap(x, y)


@dataclass(slots=True)
class _Section:
    """The state shared while splitting the unseeded entries down the draw."""

    lines: list
    byes: list[bool]
    prefix: list[int]
    rng: random.Random
    #: entries per delegation in the whole draw, and log2 of the draw size
    total: dict
    depth: int


def _separate(st: _Section, lo: int, hi: int, groups: dict, pool: list, seeds: list) -> None:
    """Share the entries of a section between its halves, each delegation as evenly as it can, recursively."""
    seed_count: dict = {}
    for _, d in seeds:
        seed_count[d] = seed_count.get(d, 0) + 1
    if all(len(v) + seed_count.get(d, 0) <= 1 for d, v in groups.items()):
        everyone = pool + [e for v in groups.values() for e in v]
        st.rng.shuffle(everyone)
        free = (i for i in range(lo, hi) if st.lines[i] is None and not st.byes[i])
        for line, e in zip(free, everyone):
            st.lines[line] = e.id
        return
    mid = (lo + hi) // 2
    seeds_top = [s for s in seeds if s[0] < mid]
    need = st.prefix[mid] - st.prefix[lo]
    level = st.depth - (hi - lo).bit_length() + 2  # 1 for the halves of the whole draw
    limit = {d: -(-st.total[d] // (1 << level)) for d in groups}
    share = _share(groups, len(pool), need, _quarters(st, lo, hi, seeds), limit, st.rng)
    top_groups = {d: v[:share[d]] for d, v in groups.items() if share[d]}
    bottom_groups = {d: v[share[d]:] for d, v in groups.items() if share[d] < len(v)}
    taken = need - sum(share.values())
    _separate(st, lo, mid, top_groups, pool[:taken], seeds_top)
    _separate(st, mid, hi, bottom_groups, pool[taken:], [s for s in seeds if s[0] >= mid])


def _quarters(st: _Section, lo: int, hi: int, seeds: list) -> tuple[list[int], dict]:
    """Free lines in each quarter of a section (halves when it has only two lines) and seeds per quarter."""
    parts = 4 if hi - lo >= 4 else 2
    step = (hi - lo) // parts
    free = [st.prefix[lo + (i + 1) * step] - st.prefix[lo + i * step] for i in range(parts)]
    seeded: dict = {}
    for line, d in seeds:
        seeded.setdefault(d, [0] * parts)[(line - lo) // step] += 1
    return free, seeded


def _share(groups: dict, n_pool: int, need: int, quarters: tuple[list[int], dict], limit: dict,
           rng: random.Random) -> dict:
    """How many unseeded entries of each delegation go to the top half (the pool fills the rest).

    Each delegation aims at half of its entries in each half (and at most a quarter in each quarter,
    as far as the quarters' free lines allow); when the free lines force a less even split, the
    excess goes where the delegation stays within its share of the whole draw (``limit``).
    """
    free, seeded = quarters
    parts = len(free)
    low, high, wide, share = {}, {}, {}, {}
    for d, v in groups.items():
        per_part = seeded.get(d, [0] * parts)
        u, ft, k = len(v), sum(per_part[:parts // 2]), len(v) + sum(per_part)
        low[d], high[d] = min(max(k // 2 - ft, 0), u), min(max((k + 1) // 2 - ft, 0), u)
        wide[d] = (min(max(k - limit[d] - ft, 0), u), min(max(limit[d] - ft, 0), u))
        if parts == 4:  # look one level down: room left for this delegation in each quarter
            cap = [max(0, min(free[i], -(-k // 4) - per_part[i])) for i in range(4)]
            lo2, hi2 = max(low[d], u - cap[2] - cap[3]), min(high[d], cap[0] + cap[1])
            if lo2 <= hi2:
                low[d], high[d] = lo2, hi2
        share[d] = low[d]
    extra = need - sum(share.values())
    flexible = [d for d in groups if high[d] > low[d]]
    if 0 <= extra <= len(flexible) + n_pool:
        for i in rng.sample(range(len(flexible) + n_pool), extra):
            if i < len(flexible):
                share[flexible[i]] += 1
        return share
    if extra > 0:
        share.update(high)
        extra -= len(flexible) + n_pool
    order = list(groups)
    rng.shuffle(order)
    step = 1 if extra > 0 else -1
    while extra:  # no even split fits the free lines: stay within the draw-wide share, then spread thinly
        movable = [d for d in order if 0 <= share[d] + step <= len(groups[d])]
        pick = min(movable, key=lambda d: (not wide[d][0] <= share[d] + step <= wide[d][1],
                                           abs(share[d] + step - (low[d] + high[d]) / 2)))
        share[pick] += step
        extra -= step
    return share


def snake_groups(ranked: Sequence[Entry], n_groups: int, separate: bool = True) -> list[list[EntryId]]:
    """Ranked entries dealt into groups in a serpentine (A B C C B A ...), delegations kept apart when possible.

    Within each row of the snake, entries may swap groups so that no group gets a second entry of
    a delegation while another group has fewer; without conflicts the plain snake stands.
    """
    if n_groups < 1:
        raise Invalid.one("groups", N_("At least one group."))
    groups: list[list[EntryId]] = [[] for _ in range(n_groups)]
    counts: dict[Hashable, list[int]] = {}  # delegation -> how many of its entries each group has
    nearest = _Nearest(n_groups)
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


class _Nearest(dict):
    """Target indexes by distance from ``i``: ``i``, ``i - 1``, ``i + 1``, ``i - 2``... (made when first asked)."""

    def __init__(self, n: int):
        super().__init__()
        self.n = n

    def __missing__(self, i: int) -> list[int]:
        self[i] = out = sorted(range(self.n), key=lambda j: abs(j - i))  # (a stable sort: i - d before i + d)
        return out


def _assign_row(row: Sequence[Entry], targets: list[int], counts: dict[Hashable, list[int]],
                nearest: "_Nearest") -> list[int]:
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
