"""Corrections and taking results back: the bracket reads as if the corrected result had come first."""
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scheduling.draw import Entry
from scheduling.formats import apply_result, build, is_complete, ranking, record_race
from scheduling.formats.corrections import correct_race, correct_result, retract
from scheduling.formats.groups_knockout import clear_group, fill_knockout
from scheduling.formats.model import FINISHED, READY, FormatError, RaceTime
from tests.unit.test_double_elimination import check_consistent

PROPS = settings(max_examples=60, deadline=None)
FORMATS = [{"type": "single_elimination", "third_place": True}, {"type": "single_elimination"},
           {"type": "double_elimination", "grand_final": "reset"}, {"type": "double_elimination"}]


def new_bracket(fmt, n, seed):
    return build(fmt, [Entry(i + 1, i % 3) for i in range(n)], [], seed, False)


def state(b):
    return {k: (list(m.entries), list(m.closed), m.status, m.winner) for k, m in b.matches.items()}


def replay(fmt, n, seed, results):
    """A fresh bracket with ``results`` ((key, slot) in order) applied."""
    b = new_bracket(fmt, n, seed)
    for key, slot in results:
        apply_result(b, key, slot)
    return b


def reached(b, m):
    """The matches a finished match sent its entries to, on through byes."""
    out = []
    for link in (m.winner_to, m.loser_to):
        while link is not None:
            t = b.matches[link.key]
            out.append(t)
            link = t.winner_to if t.status == "bye" and t.winner == link.slot else None
    return out


def play_some(b, rng, count):
    """Up to ``count`` random results in a random order; the (key, slot) list."""
    done = []
    for _ in range(count):
        ready = [m for m in b.matches.values() if m.status == READY]
        if not ready:
            break
        m = rng.choice(ready)
        slot = rng.randrange(2)
        apply_result(b, m.key, slot)
        done.append((m.key, slot))
    return done


@PROPS
@given(fmt=st.sampled_from(FORMATS), n=st.integers(2, 19), seed=st.integers(0, 10 ** 6), steps=st.integers(1, 60),
       pick=st.integers(0, 10 ** 6))
def test_a_correction_reads_as_if_it_had_been_the_first_result(fmt, n, seed, steps, pick):
    b = new_bracket(fmt, n, seed)
    done = play_some(b, random.Random(seed), steps)
    i = pick % len(done)
    key, slot = done[i]
    before = state(b)
    try:
        correct_result(b, key, 1 - slot)
    except FormatError:
        assert any(t.status == FINISHED for t in reached(b, b.matches[key])), "refused only once a next match is played"
        assert state(b) == before, "a refused correction changes nothing"
        return
    check_consistent(b)
    flipped = done[:i] + [(key, 1 - slot)] + done[i + 1:]
    assert state(b) == state(replay(fmt, n, seed, flipped))


@PROPS
@given(fmt=st.sampled_from(FORMATS), n=st.integers(2, 19), seed=st.integers(0, 10 ** 6), steps=st.integers(1, 60),
       pick=st.integers(0, 10 ** 6))
def test_taking_a_result_back_reads_as_if_it_had_never_been_recorded(fmt, n, seed, steps, pick):
    b = new_bracket(fmt, n, seed)
    done = play_some(b, random.Random(seed), steps)
    i = pick % len(done)
    key = done[i][0]
    before = state(b)
    try:
        retract(b, key)
    except FormatError:
        assert any(t.status == FINISHED for t in reached(b, b.matches[key]))
        assert state(b) == before
        return
    check_consistent(b)
    assert b.matches[key].status == READY
    assert state(b) == state(replay(fmt, n, seed, done[:i] + done[i + 1:]))
    apply_result(b, key, done[i][1])  # recorded again, everything is as it was
    assert state(b) == before


@PROPS
@given(fmt=st.sampled_from(FORMATS), n=st.integers(2, 17), seed=st.integers(0, 10 ** 6))
def test_brackets_with_corrections_on_the_way_still_end_with_a_full_ranking(fmt, n, seed):
    rng = random.Random(seed)
    b = new_bracket(fmt, n, seed)
    while not is_complete(b):
        done = play_some(b, rng, 3)
        key, slot = rng.choice(done)
        try:
            correct_result(b, key, 1 - slot)
        except FormatError:
            pass
        check_consistent(b)
    assert sorted(p.entry for p in ranking(b)) == list(range(1, n + 1))


def test_the_same_winner_with_another_score_moves_nothing_even_after_the_next_match():
    b = new_bracket({"type": "single_elimination"}, 4, 1)
    first = [m.key for m in b.matches.values() if m.status == READY]
    for key in first:
        apply_result(b, key, 0)
    apply_result(b, "main-2-1", 0)
    before = state(b)
    changes = correct_result(b, first[0], 0)
    assert [c.key for c in changes] == [first[0]] and state(b) == before
    with pytest.raises(FormatError, match="has a result"):
        correct_result(b, first[0], 1)
    assert state(b) == before


def test_a_grand_final_won_by_the_winners_bracket_finalist_corrected_opens_the_reset():
    b = new_bracket({"type": "double_elimination", "grand_final": "reset"}, 4, 3)
    rng = random.Random(0)
    while b.matches["final-1-1"].status != READY:
        m = rng.choice([m for m in b.matches.values() if m.status == READY])
        apply_result(b, m.key, 0)
    gf = b.matches["final-1-1"]
    apply_result(b, gf.key, gf.ends_if)
    reset = b.matches["final-2-1"]
    assert reset.status == "bye" and is_complete(b)
    correct_result(b, gf.key, 1 - gf.ends_if)
    assert reset.status == READY and sorted(reset.entries) == sorted(gf.entries)
    correct_result(b, gf.key, gf.ends_if)
    assert reset.status == "bye" and reset.entries == [None, None]


def _times(m, base):
    return {e: RaceTime(base + 100 * i) for i, e in enumerate(m.entries)}


def test_a_heat_corrected_before_the_final_is_raced_reseats_the_final():
    b = build({"type": "timed_heats", "lanes": 4, "ranking": "final"}, [Entry(i + 1, None) for i in range(8)], [], 5)
    heats = [m for m in b.matches.values() if m.stage == "heat"]
    for h in heats:
        record_race(b, h.key, _times(h, 60_000))
    final = next(m for m in b.matches.values() if m.stage in ("final", "final_a"))
    seated = set(final.entries)
    slow = heats[0].entries[0]  # fastest of heat 1: made the A final
    assert slow in seated
    corrected = {**_times(heats[0], 60_000), slow: RaceTime(None, "DSQ")}
    correct_race(b, heats[0].key, corrected)
    assert slow not in final.entries and None not in final.entries and final.status == READY
    record_race(b, final.key, _times(final, 59_000))
    with pytest.raises(FormatError, match="has a result"):  # the final is raced: nobody can move any more
        correct_race(b, heats[0].key, _times(heats[0], 60_000))
    typo = {**corrected, heats[0].entries[1]: RaceTime(60_101)}  # 0.001 s: the order stands
    correct_race(b, heats[0].key, typo)
    assert b.matches[heats[0].key].race[1] == RaceTime(60_101)


def test_a_group_corrected_after_the_knockout_was_filled_refills_it_and_undo_empties_it():
    entries = [Entry(i + 1, None) for i in range(6)]
    b = build({"type": "groups_knockout", "groups": 2, "qualifiers_per_group": 2}, entries, [], 3)
    groups = b.options["groups"]
    fill_knockout(b, {"A": list(groups["A"]), "B": list(groups["B"])})
    ko = [m for m in b.matches.values() if m.stage == "knockout" and m.round == 1]
    assert all(m.status == READY for m in ko)
    a = list(groups["A"])
    fill_knockout(b, {"A": [a[1], a[0], *a[2:]]})  # a corrected result swapped A1 and A2
    assert {e for m in ko for e in m.entries} >= {a[0], a[1]}
    assert b.options["standings"]["A"][0] == a[1]
    clear_group(b, "A")
    assert "A" not in b.options["standings"]
    assert not {a[0], a[1]} & {e for m in ko for e in m.entries}
    assert all(m.status != READY for m in ko)


def _race_state(b):
    return {k: (list(m.entries), m.status, m.race) for k, m in b.matches.items()}


@PROPS
@given(n=st.integers(3, 30), lanes=st.integers(2, 6), seed=st.integers(0, 10 ** 6),
       times=st.lists(st.integers(60_000, 60_300), min_size=200, max_size=200), pick=st.integers(0, 10 ** 6))
def test_corrected_race_times_read_as_if_they_had_been_the_first(n, lanes, seed, times, pick):
    fmt = {"type": "timed_heats", "lanes": lanes, "ranking": "final"}
    entries = [Entry(i + 1, i % 3) for i in range(n)]
    given_times = iter(times)

    def play(b, first_round_only, override=None):
        """Record the ready races in order (their times drawn once per race key); returns the keys."""
        done = []
        while True:
            ready = [m for m in b.matches.values() if m.status == READY]
            ready = [m for m in ready if not first_round_only or m.round == 1]
            if not ready:
                return done
            m = min(ready, key=lambda x: (x.round, x.stage, x.position))
            if m.key not in recorded:
                recorded[m.key] = [next(given_times) for _ in m.entries]
            got = (override or {}).get(m.key, recorded[m.key])
            record_race(b, m.key, {e: RaceTime(t) for e, t in zip(m.entries, got)})
            done.append(m.key)

    recorded: dict = {}
    b = build(fmt, entries, [], seed)
    play(b, first_round_only=True)
    first = [m for m in b.matches.values() if m.round == 1]
    race = first[pick % len(first)]
    new = [60_300 - (t - 60_000) for t in recorded[race.key]]  # the order inside the race turned round
    correct_race(b, race.key, {e: RaceTime(t) for e, t in zip(race.entries, new)})
    fresh = build(fmt, entries, [], seed)
    play(fresh, first_round_only=True, override={race.key: new})
    assert _race_state(b) == _race_state(fresh)
    retract(b, race.key)
    assert b.matches[race.key].status == READY
    assert all(m.status != READY or m.round == 1 for m in b.matches.values()), "nothing later is seated any more"
