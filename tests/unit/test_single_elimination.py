"""Single elimination: structure, byes, progression, shared places, and the draw's guarantees."""
import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scheduling.draw import Entry, knockout_draw, max_seeds
from scheduling.formats import apply_result, build, is_complete, ranking
from scheduling.formats.model import (BYE, FINISHED, PENDING, READY, FormatError, bracket_from_rows, match_from_row,
                                      match_to_row)
from scheduling.formats.single_elimination import generate

PROPS = settings(max_examples=40, deadline=None)


def check_consistent(b):
    """Statuses agree with the slots, and nobody waits in two matches at once."""
    waiting = []
    for m in b.matches.values():
        open_ = [i for i, closed in enumerate(m.closed) if not closed]
        assert all(m.entries[i] is None for i, closed in enumerate(m.closed) if closed)
        filled = [m.entries[i] is not None for i in open_]
        if m.status == READY:
            assert len(open_) == 2 and all(filled)
        elif m.status == PENDING:
            assert len(open_) == 2 and not all(filled)
        elif m.status == BYE:
            assert len(open_) <= 1
        else:
            assert m.status == FINISHED and m.winner is not None
        if m.status in (READY, PENDING):
            waiting += [e for e in m.entries if e is not None]
    assert len(waiting) == len(set(waiting))


def check_places(placings, entries):
    """Every entry placed once; a place is 1 + the number of entries placed strictly better."""
    assert sorted(p.entry for p in placings) == sorted(entries)
    places = [p.place for p in placings]
    assert places == sorted(places)
    assert all(p.place == 1 + sum(1 for q in placings if q.place < p.place) for p in placings)


def play(b, rng, each=None):
    """Play every ready match in a random order with random winners."""
    while True:
        ready = [m.key for m in b.matches.values() if m.status == READY]
        if not ready:
            return
        key = rng.choice(ready)
        changes = apply_result(b, key, rng.randrange(2))
        assert changes[0].key == key and changes[0].status == FINISHED
        if each:
            each(b)


def places_of(b):
    return sorted((p.place, p.entry) for p in ranking(b))


def test_eight_entries_give_shared_third_and_fifth_places():
    b = generate(list(range(8)))
    assert [k for k in b.matches] == ["main-1-1", "main-1-2", "main-1-3", "main-1-4", "main-2-1", "main-2-2",
                                      "main-3-1"]
    for key in list(b.matches):
        apply_result(b, key, 0)
    assert [p for p, _ in places_of(b)] == [1, 2, 3, 3, 5, 5, 5, 5]
    assert places_of(b)[:2] == [(1, 0), (2, 4)]


def test_third_place_match_separates_the_semi_final_losers():
    b = generate(list(range(8)), third_place=True)
    assert b.matches["main-2-1"].loser_to.key == "third_place-1-1"
    for key in list(b.matches):
        apply_result(b, key, 1 if key == "third_place-1-1" else 0)
    assert places_of(b)[:4] == [(1, 0), (2, 4), (3, 6), (4, 2)]


def test_byes_advance_at_generation_and_five_entries_rank_1_2_3_3_5():
    b = generate([0, None, 1, None, 2, 3, None, 4])
    assert b.matches["main-1-1"].status == BYE and b.matches["main-2-1"].entries == [0, 1]
    assert b.matches["main-2-1"].status == READY and b.matches["main-2-2"].entries == [None, 4]
    play(b, random.Random(1))
    assert [p for p, _ in places_of(b)] == [1, 2, 3, 3, 5]


def test_three_entries_with_a_third_place_match_give_a_bye_to_third():
    b = generate([0, None, 1, 2], third_place=True)
    assert b.matches["third_place-1-1"].closed == [True, False]
    apply_result(b, "main-1-2", 0)
    assert b.matches["third_place-1-1"].entries == [None, 2] and b.matches["third_place-1-1"].winner == 1
    apply_result(b, "main-2-1", 0)
    assert places_of(b) == [(1, 0), (2, 1), (3, 2)] and is_complete(b)


def test_a_result_changes_only_the_match_and_what_it_feeds():
    b = generate(list(range(8)))
    changes = apply_result(b, "main-1-2", 1)
    assert [(c.key, c.entries, c.status, c.winner_entry) for c in changes] == [
        ("main-1-2", (2, 3), FINISHED, 3), ("main-2-1", (None, 3), PENDING, None)]
    with pytest.raises(FormatError):
        apply_result(b, "main-1-2", 0)  # already finished
    with pytest.raises(FormatError):
        apply_result(b, "main-2-1", 0)  # waits for main-1-1
    with pytest.raises(FormatError):
        apply_result(b, "main-1-1", 2)
    with pytest.raises(FormatError):
        apply_result(b, "nope", 0)


def test_rows_round_trip_through_json():
    b = build({"type": "single_elimination", "third_place": True}, [Entry(i, i % 3) for i in range(11)], [4, 2], 9)
    rows = json.loads(json.dumps([match_to_row(m) for m in b.matches.values()]))
    again = bracket_from_rows(b.format, b.entries, rows, b.options)
    assert [match_from_row(r) for r in rows] == list(b.matches.values()) == list(again.matches.values())
    apply_result(again, next(m.key for m in again.matches.values() if m.status == READY), 0)


def test_one_or_no_entry():
    assert places_of(generate([7])) == [(1, 7)] and not generate([7]).matches
    assert ranking(generate([])) == []


@st.composite
def contests(draw, max_size=40):
    n = draw(st.integers(2, max_size))
    entries = [Entry(i, draw(st.integers(0, n // 2))) for i in range(n)]
    seeds = draw(st.permutations(range(n)))[:draw(st.integers(0, max_seeds(n)))]
    return entries, seeds, draw(st.integers(0, 10**6)), draw(st.booleans())


@PROPS
@given(contests(), st.randoms(use_true_random=False))
def test_any_order_of_results_keeps_the_bracket_consistent_and_ends_ranked(contest, rng):
    entries, seeds, random_seed, third = contest
    b = build({"type": "single_elimination", "third_place": third}, entries, seeds, random_seed)
    first = [m for m in b.matches.values() if m.round == 1 and m.stage == "main"]
    assert sorted(e for m in first for e in m.entries if e is not None) == list(range(len(entries)))
    assert all(m.round == 1 or m.stage == "third_place" for m in b.matches.values() if any(m.closed))
    check_consistent(b)
    play(b, rng, check_consistent)
    meetings = [(m.round, set(m.entries)) for m in b.matches.values() if m.stage == "main" and m.status == FINISHED]
    if len(seeds) >= 2:
        final_round = max(r for r, _ in meetings)
        assert all(r == final_round for r, pair in meetings if pair == set(seeds[:2]))
    assert is_complete(b)
    check_places(ranking(b), range(len(entries)))


@PROPS
@given(st.integers(3, 40), st.integers(0, 10**6), st.randoms(use_true_random=False))
def test_two_of_a_delegation_meet_only_in_the_final(n, random_seed, rng):
    entries = [Entry(i, "X" if i < 2 else i) for i in range(n)]
    b = generate(knockout_draw(entries, [], random_seed))
    play(b, rng)
    last = max(m.round for m in b.matches.values())
    assert all(m.round == last for m in b.matches.values() if set(m.entries) == {0, 1})


@PROPS
@given(contests(max_size=30))
def test_the_same_input_and_seed_give_the_same_draw(contest):
    entries, seeds, random_seed, third = contest
    fmt = {"type": "single_elimination", "third_place": third}
    assert build(fmt, entries, seeds, random_seed).matches == build(fmt, entries, seeds, random_seed).matches
