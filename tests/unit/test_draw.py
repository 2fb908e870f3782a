"""Draws: BWF seeding, byes, delegation separation, snake groups and lane draws (RULES.md)."""
import random
from math import ceil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from common.errors import Invalid
from scheduling.draw import (Entry, bracket_size, bye_lines, draw_lanes, knockout_draw, lane_order, max_seeds,
                             meeting_round, seed_lines, seeded_order, snake_groups)

PROPS = settings(max_examples=60, deadline=None)


@st.composite
def fields(draw, min_size=2, max_size=70, seeded=True, seed_delegations=True, sizes=None):
    """Entries with delegations (some None), an ordered list of seeds and a random seed."""
    n = draw(st.sampled_from(sizes) if sizes else st.integers(min_size, max_size))
    n_delegations = draw(st.integers(1, 8))
    entries = [Entry(i, draw(st.one_of(st.none(), st.integers(0, n_delegations - 1)))) for i in range(n)]
    seeds = draw(st.permutations(range(n)))[:draw(st.integers(0, max_seeds(n)))] if seeded else []
    if not seed_delegations:
        entries = [Entry(e.id, None) if e.id in seeds else e for e in entries]
    return entries, seeds, draw(st.integers(0, 2**32))


def over_share(lines, entries):
    """(delegation, level) pairs where a section holds more than ceil(k / sections) of a delegation."""
    pos = {e: i for i, e in enumerate(lines) if e is not None}
    size, bad = len(lines), []
    by_delegation: dict = {}
    for e in entries:
        if e.delegation is not None:
            by_delegation.setdefault(e.delegation, []).append(pos[e.id])
    for d, mine in by_delegation.items():
        for level in range(1, size.bit_length() - 1):
            length = size >> level
            counts = [sum(1 for line in mine if line // length == s) for s in range(1 << level)]
            if max(counts) > ceil(len(mine) / (1 << level)):
                bad.append((d, level))
    return bad


def test_number_of_seeds_follows_the_entries():
    assert [max_seeds(n) for n in (1, 2, 15, 16, 31, 32, 63, 64, 1000)] == [1, 2, 2, 4, 4, 8, 8, 16, 16]
    assert [bracket_size(n) for n in (0, 1, 2, 3, 5, 8, 9, 1024)] == [1, 1, 2, 4, 8, 8, 16, 1024]
    assert meeting_round(0, 1) == 1 and meeting_round(0, 7) == 3 and meeting_round(3, 4) == 3


def test_seeds_stand_at_the_top_of_their_section_in_the_top_half_and_at_the_bottom_below():
    class FirstFree:  # a "lot" that keeps the sections in order
        def shuffle(self, items):
            items.sort()

    lines = seed_lines(32, [None] * 8, FirstFree())
    assert lines[:2] == [0, 31]
    assert sorted(lines[2:4]) == [8, 23]  # quarter 2 (top half): top line; quarter 3: bottom line
    assert sorted(lines[4:8]) == [4, 12, 19, 27]  # the free eighths


def test_a_later_seed_of_a_seeded_delegation_goes_to_the_other_half_whatever_the_lot_gives_the_seed_before():
    # seeds 1-4 of W, X, Y, X: seed 4 (X) is drawn away from seed 2 (X) although seed 3 is drawn first
    halves = {seed_lines(16, ["W", "X", "Y", "X"], random.Random(s))[3] < 8 for s in range(100)}
    assert halves == {True}, "seed 4 always in the top half, away from seed 2 at the bottom"
    lines = [seed_lines(16, ["W", "X", "Y", "Z"], random.Random(s)) for s in range(100)]
    assert {tuple(sorted(l[2:4])) for l in lines} == {(4, 11)} and len({l[2] for l in lines}) == 2, "else by lot"


def test_seed_lines_without_a_lot_follow_the_standard_bracket_and_are_the_callers_own():
    lines = seed_lines(16, [None] * 8, None)
    assert lines[:4] == [0, 15, 11, 4]  # 3: the third quarter's bottom line, 4: the second quarter's top line
    assert sorted(line // 2 for line in lines[4:]) == [1, 3, 4, 6]  # 5-8: one in each free eighth
    lines.append(99)  # (worked out once per size: a caller's change must not reach the next caller)
    assert seed_lines(16, [None] * 8, None) == lines[:8]
    with pytest.raises(Invalid):
        seed_lines(4, [None] * 5, None)


def test_seeds_of_one_delegation_go_to_different_halves_by_lot():
    entries = [Entry(i, "X" if i in (0, 2) else None) for i in range(20)]
    for random_seed in range(20):
        lines = knockout_draw(entries, [0, 1, 2, 3], random_seed)
        assert lines.index(2) >= 16  # seed 3 shares seed 1's delegation: bottom half
        assert lines.index(3) == 8


def test_byes_go_to_the_seeds_first_then_spread():
    entries = [Entry(i) for i in range(13)]
    lines = knockout_draw(entries, [5, 7], 1)
    assert lines[0] == 5 and lines[1] is None and lines[15] == 7 and lines[14] is None
    assert lines.count(None) == 3
    assert bye_lines(16, 13, [0, 15]) == [i in (1, 5, 14) for i in range(16)]


def test_too_many_or_unknown_seeds_are_refused():
    entries = [Entry(i) for i in range(10)]
    with pytest.raises(Invalid):
        knockout_draw(entries, [0, 1, 2])
    with pytest.raises(Invalid):
        knockout_draw(entries, [0, 99])


@PROPS
@given(fields())
def test_a_draw_places_everyone_once_with_byes_by_the_rules(field):
    entries, seeds, random_seed = field
    lines = knockout_draw(entries, seeds, random_seed)
    size, n = len(lines), len(entries)
    assert size == bracket_size(n) and sorted(e for e in lines if e is not None) == list(range(n))
    assert all(lines[i] is not None or lines[i + 1] is not None for i in range(0, size, 2))  # no bye v bye
    at = {e: i for i, e in enumerate(lines) if e is not None}
    assert [at[s] for s in seeds[:2]] == [0, size - 1][:len(seeds[:2])]
    for rank, seed in enumerate(seeds[2:], start=3):
        sections = 1 << (rank - 1).bit_length()
        length = size // sections
        assert at[seed] % length == (0 if at[seed] < size // 2 else length - 1)
        assert all(at[seed] // length != at[s] // length for s in seeds[:rank - 1])
    byes = size - n
    assert [lines[at[s] ^ 1] is None for s in seeds] == [i < byes for i in range(len(seeds))]
    for level in range(1, size.bit_length() - 1):  # sibling sections get byes evenly
        length = size >> level
        counts = [lines[s * length:(s + 1) * length].count(None) for s in range(1 << level)]
        assert all(abs(counts[i] - counts[i + 1]) <= 1 for i in range(0, len(counts), 2))
    assert knockout_draw(entries, seeds, random_seed) == lines


@PROPS
@given(fields(seeded=False))
def test_delegations_are_spread_over_halves_quarters_and_below(field):
    entries, _, random_seed = field
    assert over_share(knockout_draw(entries, [], random_seed), entries) == []


@PROPS
@given(fields(seed_delegations=False, sizes=(4, 8, 16, 32, 64)))
def test_seeds_without_delegation_leave_the_separation_intact(field):
    entries, seeds, random_seed = field
    assert over_share(knockout_draw(entries, seeds, random_seed), entries) == []


def test_delegations_stay_apart_beside_the_seeds_byes_where_quarters_have_one_free_line():
    # (audit finds: the split left X twice in one quarter in 313 of 1,000 lots, A in 236 of 1,000)
    three_of_three = [Entry(i, "XYYYZZZXX"[i]) for i in range(9)]  # seeds: a Y and a Z; 7 byes
    four_a = [Entry(i, d) for i, d in enumerate(["A"] * 4 + ["B"] * 3 + ["C"] + [None] * 3)]  # seed: no delegation
    for random_seed in range(200):
        assert over_share(knockout_draw(three_of_three, [1, 6], random_seed), three_of_three) == []
        lines = knockout_draw(four_a, [10], random_seed)
        assert over_share(lines, four_a) == [] and knockout_draw(four_a, [10], random_seed) == lines


def test_two_of_a_delegation_can_only_meet_in_the_final():
    entries = [Entry(i, "X" if i < 2 else i) for i in range(11)]
    for random_seed in range(30):
        lines = knockout_draw(entries, [], random_seed)
        assert meeting_round(lines.index(0), lines.index(1)) == 4


def test_without_separation_the_lot_alone_decides():
    entries = [Entry(i, "X") for i in range(8)]
    lines = knockout_draw(entries, [], 3, separate=False)
    assert sorted(lines) == list(range(8)) and lines == knockout_draw(entries, [], 3, separate=False)


def test_seeded_order_puts_seeds_first_and_draws_the_rest():
    entries = [Entry(i) for i in range(10)]
    order = seeded_order(entries, [7, 3], 5)
    assert order[:2] == [7, 3] and sorted(order) == list(range(10)) and order == seeded_order(entries, [7, 3], 5)


def test_snake_deals_ranked_entries_in_a_serpentine():
    assert snake_groups([Entry(i) for i in range(8)], 4) == [[0, 7], [1, 6], [2, 5], [3, 4]]
    assert snake_groups([Entry(i) for i in range(7)], 3) == [[0, 5, 6], [1, 4], [2, 3]]


def test_snake_swaps_within_a_row_to_keep_delegations_apart():
    ranked = [Entry(0, "X"), Entry(1, "Y"), Entry(2, "Z"), Entry(3, "Y"), Entry(4, "X"), Entry(5, "W")]
    # no clash in the plain snake: it stands
    assert snake_groups(ranked, 3) == [[0, 5], [1, 4], [2, 3]]
    clash = [Entry(0, "X"), Entry(1, "Y"), Entry(2, "Y"), Entry(3, "X")]
    assert snake_groups(clash, 2) == [[0, 2], [1, 3]]  # plain snake would pair 0 and 3 (both X)


@PROPS
@given(fields(seeded=False, max_size=80), st.integers(1, 12))
def test_snake_groups_are_balanced_and_keep_delegations_apart(field, n_groups):
    entries, _, _ = field
    groups = snake_groups(entries, n_groups)
    assert sorted(e for g in groups for e in g) == list(range(len(entries)))
    assert max(map(len, groups)) - min(map(len, groups)) <= 1
    plain = snake_groups([Entry(e.id) for e in entries], n_groups)
    assert [g[:1] for g in plain] == [[i] if i < len(entries) else [] for i in range(n_groups)]
    totals: dict = {}
    for e in entries:
        totals[e.delegation] = totals.get(e.delegation, 0) + 1
    delegation_of = {e.id: e.delegation for e in entries}
    worst = max((sum(1 for x in g if delegation_of[x] == d) - ceil(k / n_groups)
                 for g in groups for d, k in totals.items() if d is not None), default=0)
    # row by row the snake can be cornered: at most one over the even share when no delegation
    # has more entries than groups, two otherwise
    assert worst <= (1 if all(k <= n_groups for d, k in totals.items() if d is not None) else 2)


def test_snake_keeps_a_small_delegation_in_different_groups():
    ranked = [Entry(i, "X" if i in (0, 3, 4, 7) else None) for i in range(12)]
    groups = snake_groups(ranked, 4)
    assert [sum(1 for x in g if x in (0, 3, 4, 7)) for g in groups] == [1, 1, 1, 1]


def test_lanes_go_from_the_centre_outwards():
    assert lane_order(6) == [3, 4, 2, 5, 1, 6]
    assert lane_order(4) == [2, 3, 1, 4]
    assert lane_order(8) == [4, 5, 3, 6, 2, 7, 1, 8]


def test_a_lane_draw_is_a_repeatable_lot_among_the_central_lanes():
    drawn = draw_lanes(["a", "b", "c"], 6, 42)
    assert sorted(drawn.values()) == [2, 3, 4] and draw_lanes(["a", "b", "c"], 6, 42) == drawn
    assert sorted(draw_lanes(list(range(6)), 6, 1).values()) == [1, 2, 3, 4, 5, 6]
    with pytest.raises(Invalid):
        draw_lanes(list(range(5)), 4, 1)
