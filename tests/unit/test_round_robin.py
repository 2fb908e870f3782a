"""Round robin: circle method, one or two cycles, a bye each round when the count is odd."""
from collections import Counter
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from common.errors import Invalid
from scheduling.draw import Entry
from scheduling.formats import apply_result, build, is_complete, ranking
from scheduling.formats.model import FINISHED, READY, FormatError, match_key
from scheduling.formats.round_robin import add_group, byes, generate, pairings

PROPS = settings(max_examples=50, deadline=None)


def test_four_entries_play_three_rounds_of_two():
    assert pairings(4) == [[(0, 3), (1, 2)], [(2, 0), (3, 1)], [(0, 1), (2, 3)]]
    pairings(4)[0].clear()  # (worked out once per size: a caller's change must not reach the next caller)
    assert pairings(4)[0] == [(0, 3), (1, 2)]
    b = generate(["a", "b", "c", "d"])
    assert list(b.matches)[:2] == ["group-1-1", "group-1-2"]
    assert all(m.status == READY and m.stage == "group" and m.group is None for m in b.matches.values())


def test_five_entries_sit_out_once_each():
    rounds = pairings(5)
    assert len(rounds) == 5 and all(len(r) == 2 for r in rounds)
    assert sorted(byes(5).values()) == [0, 1, 2, 3, 4] and byes(6) == {}


def test_second_cycle_swaps_the_slots():
    b = generate([1, 2, 3], cycles=2)
    first = {(m.round, tuple(m.entries)) for m in b.matches.values() if m.round <= 3}
    second = {(m.round - 3, tuple(reversed(m.entries))) for m in b.matches.values() if m.round > 3}
    assert first == second and len(b.matches) == 6


def test_results_finish_matches_without_moving_anyone():
    b = generate([1, 2, 3, 4])
    changes = apply_result(b, "group-1-1", 1)
    assert [(c.key, c.status, c.winner_entry) for c in changes] == [("group-1-1", FINISHED, 4)]
    with pytest.raises(FormatError):
        apply_result(b, "group-1-1", 0)
    for key in list(b.matches)[1:]:
        apply_result(b, key, 0)
    assert is_complete(b)


def test_ranking_comes_from_the_sports_standings():
    b = generate([1, 2, 3])
    assert [(p.place, p.entry) for p in ranking(b, [3, 1, 2])] == [(1, 3), (2, 1), (3, 2)]


def test_cycles_other_than_one_or_two_are_refused():
    with pytest.raises(Invalid):
        generate([1, 2, 3], cycles=3)


def test_groups_get_their_own_keys():
    b = generate([])
    add_group(b, ["x", "y", "z"], "B")
    assert sorted(b.matches) == ["group-B-1-1", "group-B-2-1", "group-B-3-1"]
    assert all(m.group == "B" for m in b.matches.values())


@PROPS
@given(st.integers(1, 40), st.sampled_from([1, 2]), st.sampled_from([None, "A", "H"]))
def test_every_key_is_the_match_key_of_its_stage_round_position_and_group(n, cycles, group):
    b = generate([])
    add_group(b, list(range(n)), group, cycles)
    assert all(key == match_key(m.stage, m.round, m.position, group) for key, m in b.matches.items())
    assert len(b.matches) == cycles * n * (n - 1) // 2


@PROPS
@given(st.integers(0, 30), st.sampled_from([1, 2]))
def test_each_pair_meets_once_per_cycle_and_nobody_plays_twice_in_a_round(n, cycles):
    b = generate(list(range(n)), cycles)
    per_cycle = n - 1 if n % 2 == 0 else n
    rounds = Counter(m.round for m in b.matches.values())
    assert sorted(rounds) == (list(range(1, per_cycle * cycles + 1)) if n > 1 else [])
    for r in rounds:
        playing = [e for m in b.matches.values() if m.round == r for e in m.entries]
        assert len(playing) == len(set(playing)) and len(playing) >= n - 1
    for cycle in range(cycles):
        pairs = Counter(frozenset(m.entries) for m in b.matches.values()
                        if cycle * per_cycle < m.round <= (cycle + 1) * per_cycle)
        assert pairs == Counter(frozenset(p) for p in combinations(range(n), 2))
    keys = [m.key for m in b.matches.values()]
    assert len(keys) == len(set(keys))


@PROPS
@given(st.integers(2, 20), st.integers(0, 10**6))
def test_the_same_entries_and_seed_give_the_same_schedule(n, random_seed):
    entries = [Entry(i, i % 3) for i in range(n)]
    fmt = {"type": "round_robin", "cycles": 1}
    b = build(fmt, entries, [0], random_seed)
    assert b.matches == build(fmt, entries, [0], random_seed).matches
    assert sorted(e for m in b.matches.values() for e in m.entries) == sorted(list(range(n)) * (n - 1))


@PROPS
@given(st.integers(2, 20), st.sampled_from([1, 2]), st.integers(0, 10**6))
def test_a_compact_round_robin_holds_the_same_matches_as_its_schedule(n, cycles, random_seed):
    """What a draw stores (the compact schedule) is the bracket the core works on, match for match, in order."""
    entries = [Entry(i, i % 3) for i in range(n)]
    fmt = {"type": "round_robin", "cycles": cycles}
    compact = build(fmt, entries, [], random_seed, compact=True)
    full = build(fmt, entries, [], random_seed)
    assert compact.matches == {} and len(compact.schedules) == 1 and full.schedules is None
    assert [m for s in compact.schedules for m in s.matches()] == list(full.matches.values())
    assert (compact.entries, compact.options) == (full.entries, full.options)
