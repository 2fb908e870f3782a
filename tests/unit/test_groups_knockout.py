"""Groups then knockout: snake groups, round robins, crossings A1-B2 / B1-A2, filling and places."""
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from common.errors import Invalid
from scheduling.draw import Entry
from scheduling.formats import apply_result, build, fill_knockout, is_complete, ranking
from scheduling.formats.groups_knockout import generate, group_names, knockout_lineup
from scheduling.formats.model import BYE, READY, FormatError

PROPS = settings(max_examples=30, deadline=None)


def labels(sizes, q):
    lines, _ = knockout_lineup(sizes, q)
    names = group_names(len(sizes))
    return [None if s is None else f"{names[s[0]]}{s[1]}" for s in lines]


def check_places(placings, entries):
    """Every entry placed once; a place is 1 + the number of entries placed strictly better."""
    assert sorted(p.entry for p in placings) == sorted(entries)
    assert all(p.place == 1 + sum(1 for q in placings if q.place < p.place) for p in placings)


def play(b, rng, stage):
    while True:
        ready = [m.key for m in b.matches.values() if m.status == READY and m.stage == stage]
        if not ready:
            return
        apply_result(b, rng.choice(ready), rng.randrange(2))


def test_group_names_go_on_after_z():
    assert group_names(3) == ["A", "B", "C"] and group_names(28)[25:] == ["Z", "AA", "AB"]


def test_crossings_keep_group_mates_apart():
    assert labels([4, 4], 2) == ["A1", "B2", "A2", "B1"]
    assert labels([4, 4, 4, 4], 2) == ["A1", "B2", "D1", "C2", "D2", "C1", "A2", "B1"]
    assert labels([5, 5], 4) == ["A1", "B4", "B3", "A2", "B2", "A3", "A4", "B1"]
    assert labels([4, 4], 3) == ["A1", None, "B3", "A2", "B2", "A3", None, "B1"]  # winners get the byes


def test_knockout_waits_for_the_standings_then_fills_and_refills_until_played():
    b = generate([[1, 2, 3, 4], [5, 6, 7, 8]], 2)
    semi = b.matches["knockout-1-1"]
    assert semi.labels == ["A1", "B2"] and semi.entries == [None, None] and semi.status == "pending"
    changes = fill_knockout(b, {"A": [3, 1, 2, 4]})
    assert {c.key for c in changes} == {"knockout-1-1", "knockout-1-2"}
    assert semi.entries == [3, None]
    fill_knockout(b, {"B": [8, 7, 6, 5]})
    assert semi.entries == [3, 7] and semi.status == READY and b.matches["knockout-1-2"].entries == [1, 8]
    assert fill_knockout(b, {"B": [8, 7, 6, 5]}) == []  # the same standings again change nothing
    fill_knockout(b, {"B": [7, 8, 6, 5]})  # a corrected group result: B1 and B2 change places
    assert semi.entries == [3, 8] and b.matches["knockout-1-2"].entries == [1, 7]
    apply_result(b, "knockout-1-1", 0)
    with pytest.raises(FormatError):  # once a knockout match is played, its qualifiers stay
        fill_knockout(b, {"B": [8, 7, 6, 5]})
    assert semi.entries == [3, 8] and b.matches["knockout-1-2"].entries == [1, 7]
    with pytest.raises(Invalid):
        fill_knockout(b, {"A": [1, 2, 3]})


def test_places_after_the_knockout_go_by_group_rank():
    b = generate([[1, 2, 3], [4, 5, 6]], 2, third_place=True)
    fill_knockout(b, {"A": [1, 2, 3], "B": [4, 5, 6]})
    for key in ("knockout-1-1", "knockout-1-2", "knockout-2-1", "third_place-1-1"):
        apply_result(b, key, 0)
    assert [(p.place, p.entry) for p in ranking(b)] == [(1, 1), (2, 2), (3, 5), (4, 4), (5, 3), (5, 6)]


def test_byes_in_the_knockout_pass_the_group_winner_on_when_filled():
    b = generate([[1, 2, 3], [4, 5, 6], [7, 8, 9]], 2)
    bye = next(m for m in b.matches.values() if m.stage == "knockout" and m.status == BYE)
    group, = [label[0] for label in bye.labels if label]
    fill_knockout(b, {group: {"A": [1, 2, 3], "B": [4, 5, 6], "C": [7, 8, 9]}[group]})
    assert bye.winner_entry == {"A": 1, "B": 4, "C": 7}[group]


def test_too_few_entries_for_the_qualifiers_are_refused():
    with pytest.raises(Invalid):
        generate([[1, 2], [3]], 2)


def test_one_group_with_one_qualifier_is_just_a_round_robin():
    b = generate([[1, 2, 3]], 1)
    assert all(m.stage == "group" for m in b.matches.values())
    fill_knockout(b, {"A": [2, 3, 1]})
    assert [(p.place, p.entry) for p in ranking(b)] == [(1, 2), (2, 3), (3, 1)]


@st.composite
def contests(draw):
    n_groups = draw(st.integers(1, 8))
    n = draw(st.integers(2 * n_groups, 6 * n_groups))
    q = draw(st.integers(1, min(3, n // n_groups)))
    entries = [Entry(i, draw(st.integers(0, 4))) for i in range(n)]
    return entries, n_groups, q, draw(st.integers(0, 10**6)), draw(st.booleans())


@PROPS
@given(contests(), st.randoms(use_true_random=False))
def test_groups_then_knockout_run_to_a_full_ranking(contest, rng):
    entries, n_groups, q, random_seed, third = contest
    fmt = {"type": "groups_knockout", "groups": n_groups, "qualifiers_per_group": q, "third_place": third}
    b = build(fmt, entries, [], random_seed)
    assert b.matches == build(fmt, entries, [], random_seed).matches
    compact = build(fmt, entries, [], random_seed, compact=True)  # (what a draw stores: the groups as schedules)
    assert [m for s in compact.schedules for m in s.matches()] + list(compact.matches.values()) == \
        list(b.matches.values())
    assert [s.group for s in compact.schedules] == list(b.options["groups"]) and compact.options == b.options
    groups = b.options["groups"]
    assert sorted(e for g in groups.values() for e in g) == list(range(len(entries)))
    lines, _ = knockout_lineup([len(g) for g in groups.values()], q)
    for g in range(n_groups):  # group-mates spread over halves, quarters...: they meet as late as can be
        mates = [line for line, s in enumerate(lines) if s is not None and s[0] == g]
        for level in range(1, len(lines).bit_length() - 1):
            length = len(lines) >> level
            counts = [sum(1 for x in mates if x // length == s) for s in range(1 << level)]
            assert max(counts) <= -(-len(mates) // (1 << level))
    play(b, rng, "group")
    for name, members in groups.items():
        standings = list(members)
        rng.shuffle(standings)  # the sport ranks the group; any order will do here
        fill_knockout(b, {name: standings})
    play(b, rng, "knockout")
    play(b, rng, "third_place")
    assert is_complete(b)
    check_places(ranking(b), range(len(entries)))


def test_benchmark_shape_64_groups_of_8():
    entries = [Entry(i, i % 37) for i in range(512)]
    b = build({"type": "groups_knockout", "groups": 64, "qualifiers_per_group": 2}, entries, [], 1)
    assert sum(1 for m in b.matches.values() if m.stage == "group") == 64 * 28
    assert sum(1 for m in b.matches.values() if m.stage == "knockout") == 127
    for name, members in b.options["groups"].items():
        assert len(members) == 8 and len({e % 37 for e in members}) == 8
    play(b, random.Random(1), "group")
