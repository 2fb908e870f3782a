"""A knockout's unseeded entries placed with each delegation spread over halves, quarters... Pure.

RULES.md: "Entries of the same delegation are separated: the first two in different halves, the next two
in different quarters, as far as the seeds allow." The seeds and byes are on their lines already. The
unseeded entries, in their drawn order, are shared between the halves of each section recursively, each
delegation as evenly as the free lines allow (``_separate``, ``_share``); then swaps mend what splitting one
half at a time could not see (``_mend``: two delegations counting on the one free line of a quarter).
"""
from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from typing import Sequence


def place_apart(lines: list, byes: list[bool], unseeded: Sequence, delegation_of: dict, rng: random.Random) -> None:
    """Put the ``unseeded`` entries (``id``, ``delegation``; in drawn order) on the free lines of ``lines`` (the
    seeds placed, ``byes`` marked), delegations apart; ``delegation_of``: every entry's delegation by id."""
    size = len(lines)
    depth = size.bit_length() - 1
    prefix = [0]
    for i in range(size):
        prefix.append(prefix[-1] + (lines[i] is None and not byes[i]))
    groups: dict = {}
    pool: list = []
    for e in unseeded:
        (pool if e.delegation is None else groups.setdefault(e.delegation, [])).append(e)
    fixed = [(line, delegation_of[e]) for line, e in enumerate(lines)
             if e is not None and delegation_of[e] is not None]
    total = dict(Counter(delegation_of.values()))
    free = [i for i in range(size) if lines[i] is None and not byes[i]]
    _separate(_Section(lines, byes, prefix, rng, total, depth), 0, size, groups, pool, fixed)
    _mend(lines, free, delegation_of, total, depth)


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
    low, high, share = {}, {}, {}
    sums = {}  # delegation -> (its seeds in the top half, its entries in the section with its seeds)
    for d, v in groups.items():
        u = len(v)
        per_part = seeded.get(d)
        if per_part is None:  # (no seed of its own in this section: the usual case, the same sums with ft = 0)
            sums[d] = 0, u
            low[d], high[d] = u // 2, (u + 1) // 2
            if parts == 4:  # look one level down: room left for this delegation in each quarter
                q = -(-u // 4)
                lo2 = max(low[d], u - min(free[2], q) - min(free[3], q))
                hi2 = min(high[d], min(free[0], q) + min(free[1], q))
                if lo2 <= hi2:
                    low[d], high[d] = lo2, hi2
        else:
            sums[d] = ft, k = sum(per_part[:parts // 2]), u + sum(per_part)
            low[d], high[d] = min(max(k // 2 - ft, 0), u), min(max((k + 1) // 2 - ft, 0), u)
            if parts == 4:
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
    wide = {}  # the range that keeps each delegation within its share of the whole draw
    for d, (ft, k) in sums.items():
        u = len(groups[d])
        wide[d] = (min(max(k - limit[d] - ft, 0), u), min(max(limit[d] - ft, 0), u))
    while extra:  # no even split fits the free lines: stay within the draw-wide share, then spread thinly
        movable = [d for d in order if 0 <= share[d] + step <= len(groups[d])]
        pick = min(movable, key=lambda d: (not wide[d][0] <= share[d] + step <= wide[d][1],
                                           abs(share[d] + step - (low[d] + high[d]) / 2)))
        share[pick] += step
        extra -= step
    return share
