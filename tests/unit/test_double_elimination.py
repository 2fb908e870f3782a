"""Double elimination: losers' bracket, grand final with or without reset, two losses to go out."""
import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from common.errors import Invalid
from scheduling.draw import Entry, max_seeds
from scheduling.formats import apply_result, build, is_complete, ranking
from scheduling.formats.double_elimination import generate
from scheduling.formats.model import BYE, FINISHED, PENDING, READY

PROPS = settings(max_examples=40, deadline=None)


def check_consistent(b):
    """Statuses agree with the slots, and nobody waits in two matches at once."""
    waiting = []
    for m in b.matches.values():
        open_ = [i for i, closed in enumerate(m.closed) if not closed]
        filled = [m.entries[i] is not None for i in open_]
        assert m.status != READY or (len(open_) == 2 and all(filled))
        assert m.status != PENDING or (len(open_) == 2 and not all(filled))
        assert m.status != BYE or len(open_) <= 1
        assert m.status != FINISHED or m.winner is not None
        if m.status in (READY, PENDING):
            waiting += [e for e in m.entries if e is not None]
    assert len(waiting) == len(set(waiting))


def check_places(placings, entries):
    """Every entry placed once; a place is 1 + the number of entries placed strictly better."""
    assert sorted(p.entry for p in placings) == sorted(entries)
    assert all(p.place == 1 + sum(1 for q in placings if q.place < p.place) for p in placings)


def play(b, rng, each=None):
    """Play every ready match in a random order with random winners; returns each entry's losses."""
    losses = Counter()
    while True:
        ready = [m for m in b.matches.values() if m.status == READY]
        if not ready:
            return losses
        m = rng.choice(ready)
        slot = rng.randrange(2)
        apply_result(b, m.key, slot)
        losses[m.entries[1 - slot]] += 1
        if each:
            each(b)


def test_eight_entries_structure_and_places():
    b = generate(list(range(8)))
    rounds = Counter((m.stage, m.round) for m in b.matches.values())
    assert rounds == {("main", 1): 4, ("main", 2): 2, ("main", 3): 1, ("losers", 1): 2, ("losers", 2): 2,
                      ("losers", 3): 1, ("losers", 4): 1, ("final", 1): 1}
    assert b.matches["main-1-3"].loser_to.key == "losers-1-2"
    assert b.matches["main-2-1"].loser_to.key == "losers-2-2"  # reversed, against an early rematch
    assert b.matches["main-3-1"].loser_to.key == "losers-4-1" and b.matches["main-3-1"].winner_to.key == "final-1-1"
    for key in list(b.matches):
        apply_result(b, key, 0)
    assert sorted(p.place for p in ranking(b)) == [1, 2, 3, 4, 5, 5, 7, 7]
    assert ranking(b)[0].entry == 0


def test_reset_final_is_played_only_when_the_losers_champion_wins_the_first():
    for first_winner, played in ((0, False), (1, True)):
        b = generate(list(range(4)), grand_final="reset")
        for key in ("main-1-1", "main-1-2", "main-2-1", "losers-1-1", "losers-2-1"):
            apply_result(b, key, 0)
        assert b.matches["final-1-1"].entries == [0, 1]
        changes = apply_result(b, "final-1-1", first_winner)
        second = b.matches["final-2-1"]
        assert "final-2-1" in {c.key for c in changes}
        if played:
            assert second.status == READY and second.entries == [0, 1]
            apply_result(b, "final-2-1", 1)
            assert [p.entry for p in ranking(b)][:2] == [1, 0]
        else:
            assert second.status == BYE and second.entries == [None, None]
            assert [p.entry for p in ranking(b)][:2] == [0, 1]
        assert is_complete(b)


def test_two_entries_go_straight_to_the_grand_final():
    b = generate([5, 9])
    apply_result(b, "main-1-1", 1)
    assert b.matches["final-1-1"].entries == [9, 5]
    apply_result(b, "final-1-1", 1)
    assert [(p.place, p.entry) for p in ranking(b)] == [(1, 5), (2, 9)]


def test_byes_leave_losers_matches_empty_and_nobody_is_stuck():
    b = generate([0, None, 1, None, 2, None, 3, 4])
    assert b.matches["losers-1-1"].closed == [True, True] and b.matches["losers-1-1"].status == BYE
    assert b.matches["losers-2-1"].closed == [True, False]
    play(b, random.Random(3))
    check_places(ranking(b), range(5))


def test_unknown_grand_final_is_refused():
    with pytest.raises(Invalid):
        generate([1, 2], grand_final="twice")


@st.composite
def contests(draw):
    n = draw(st.integers(2, 40))
    entries = [Entry(i, draw(st.integers(0, 5))) for i in range(n)]
    seeds = draw(st.permutations(range(n)))[:draw(st.integers(0, max_seeds(n)))]
    return entries, seeds, draw(st.integers(0, 10**6)), draw(st.sampled_from(["single", "reset"]))


@PROPS
@given(contests(), st.randoms(use_true_random=False))
def test_any_order_of_results_keeps_the_bracket_consistent_and_two_losses_eliminate(contest, rng):
    entries, seeds, random_seed, grand_final = contest
    b = build({"type": "double_elimination", "grand_final": grand_final}, entries, seeds, random_seed)
    first = [m for m in b.matches.values() if m.stage == "main" and m.round == 1]
    assert sorted(e for m in first for e in m.entries if e is not None) == list(range(len(entries)))
    assert all(m.round == 1 for m in b.matches.values() if m.stage == "main" and any(m.closed))
    losses = play(b, rng, check_consistent)
    assert is_complete(b)
    placings = ranking(b)
    check_places(placings, range(len(entries)))
    champion = placings[0].entry
    assert losses[champion] <= 1
    for p in placings[1:]:
        lone_loss_allowed = grand_final == "single" and p.place == 2
        assert losses[p.entry] == 2 or (lone_loss_allowed and losses[p.entry] == 1)
    main = [m for m in b.matches.values() if m.stage == "main" and m.status == FINISHED]
    last = max(m.round for m in main)
    if len(seeds) >= 2:
        assert all(m.round == last for m in main if set(m.entries) == set(seeds[:2]))


@PROPS
@given(contests())
def test_the_same_input_and_seed_give_the_same_bracket(contest):
    entries, seeds, random_seed, grand_final = contest
    fmt = {"type": "double_elimination", "grand_final": grand_final}
    assert build(fmt, entries, seeds, random_seed).matches == build(fmt, entries, seeds, random_seed).matches
