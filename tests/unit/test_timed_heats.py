"""Timed heats: heats spread evenly, finals A and B, repechage and semis, lanes, times to 0.01 s."""
import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from common.errors import Invalid
from scheduling.draw import Entry, lane_order
from scheduling.formats import build, is_complete, ranking, record_race
from scheduling.formats.model import FINISHED, READY, FormatError, RaceTime, bracket_from_rows, match_to_row
from scheduling.formats.timed_heats import generate, plan_of

PROPS = settings(max_examples=40, deadline=None)


def stages(b):
    return [(m.stage, m.round, len(m.entries)) for m in b.matches.values()]


def run_all(b, time_of):
    """Record every ready race with ``time_of(entry, match)`` until nothing is ready."""
    while True:
        ready = [m for m in b.matches.values() if m.status == READY]
        if not ready:
            return
        m = ready[0]
        record_race(b, m.key, {e: time_of(e, m) for e in m.entries})


def by_number(e, m):
    """Crew n always rows 60 s + n tenths: crew 0 is the fastest."""
    return RaceTime(60_000 + 100 * e)


def places(b):
    return [(p.place, p.entry) for p in ranking(b)]


def test_fields_up_to_the_lanes_race_one_final():
    b = generate(list(range(5)), 6, ranking="final", random_seed=3)
    assert stages(b) == [("final", 1, 5)] and sorted(b.matches["final-1-1"].lanes) == [1, 2, 3, 4, 5]
    run_all(b, by_number)
    assert places(b) == [(1, 0), (2, 1), (3, 2), (4, 3), (5, 4)]


def test_seven_crews_on_six_lanes_race_one_round_of_heats_and_a_final():
    b = generate(list(range(7)), 6, ranking="final", random_seed=1)
    assert plan_of(7, 6) == "finals"
    assert sorted(stages(b)) == [("final", 2, 6), ("heat", 1, 3), ("heat", 1, 4)]
    run_all(b, by_number)
    final = b.matches["final-2-1"]
    assert [final.entries[final.lanes.index(lane)] for lane in lane_order(6)] == [0, 1, 2, 3, 4, 5]
    assert places(b)[-1] == (7, 6)  # the slowest in the heats places 7th
    assert is_complete(b)


def test_field_sizes_choose_the_progression_on_six_lanes():
    assert [plan_of(n, 6) for n in (6, 7, 12, 13, 18, 19, 24)] == [
        "final", "finals", "finals", "repechage", "repechage", "semis", "semis"]
    assert Counter(s for s, _, _ in stages(generate(list(range(12)), 6, ranking="final"))) == {
        "heat": 2, "final_a": 1, "final_b": 1}
    assert Counter(s for s, _, _ in stages(generate(list(range(15)), 6, ranking="final"))) == {
        "heat": 3, "repechage": 2, "final_a": 1, "final_b": 1}
    assert Counter(s for s, _, _ in stages(generate(list(range(24)), 6, ranking="final"))) == {
        "heat": 4, "semi": 2, "final_a": 1, "final_b": 1}


def test_repechage_sends_the_fastest_three_straight_to_final_a():
    b = generate(list(range(15)), 6, ranking="final", random_seed=2)
    run_all(b, by_number)
    final_a = b.matches["final_a-3-1"]
    assert [final_a.entries[final_a.lanes.index(lane)] for lane in (3, 4, 2)] == [0, 1, 2]
    assert sorted(final_a.entries) == [0, 1, 2, 3, 4, 5] and sorted(b.matches["final_b-3-1"].entries) == list(
        range(6, 12))
    assert places(b) == [(i + 1, i) for i in range(15)]


def test_four_lane_final_seats_the_fastest_in_lanes_2_3_1_4():
    b = generate(list(range(8)), 4, ranking="final", random_seed=5)
    run_all(b, by_number)
    final_a, final_b = b.matches["final_a-2-1"], b.matches["final_b-2-1"]
    assert [final_a.entries[final_a.lanes.index(lane)] for lane in (2, 3, 1, 4)] == [0, 1, 2, 3]
    assert [final_b.entries[final_b.lanes.index(lane)] for lane in (2, 3, 1, 4)] == [4, 5, 6, 7]


def test_equal_times_to_the_hundredth_share_a_place_and_non_finishers_come_last():
    b = generate(["a", "b", "c", "d", "e"], 6, ranking="final")
    record_race(b, "final-1-1", {"a": RaceTime(61_234), "b": RaceTime(61_239), "c": RaceTime(61_240),
                                 "d": RaceTime(None, "DNF"), "e": RaceTime(50_000, "DSQ")})
    assert sorted(places(b)) == [(1, "a"), (1, "b"), (3, "c"), (4, "d"), (4, "e")]
    assert {p.entry: p.status for p in ranking(b)} == {"a": None, "b": None, "c": None, "d": "DNF", "e": "DSQ"}


def test_a_crew_placed_without_a_valid_time_carries_its_status_in_trials_and_out_of_heats():
    trial = generate(["a", "b", "c"], 3, runs=2, ranking="sum")
    record_race(trial, "heat-1-1", {"a": RaceTime(60_000), "b": RaceTime(None, "DSQ"), "c": RaceTime(61_000)})
    record_race(trial, "heat-2-1", {"a": RaceTime(60_000), "b": RaceTime(59_000), "c": RaceTime(None, "DNS")})
    assert [(p.place, p.entry, p.status) for p in ranking(trial)] == [(1, "a", None), (2, "b", "DSQ"),
                                                                      (2, "c", "DNS")]
    heats = generate(list(range(5)), 4, ranking="final", random_seed=3)  # heats, then one final of 4
    for m in [m for m in heats.matches.values() if m.status == READY]:
        record_race(heats, m.key, {e: RaceTime(None, "DNS") if e == 4 else RaceTime(60_000 + 100 * e)
                                   for e in m.entries})
    assert [(p.place, p.entry, p.status) for p in ranking(heats)] == [(5, 4, "DNS")]  # out of the heats
    run_all(heats, by_number)
    assert [(p.place, p.entry, p.status) for p in ranking(heats)][-2:] == [(4, 3, None), (5, 4, "DNS")]


def test_penalties_add_to_the_time():
    b = generate(["a", "b"], 4, ranking="final")
    record_race(b, "final-1-1", {"a": RaceTime(60_000, penalty_ms=10_000), "b": RaceTime(65_000)})
    assert places(b) == [(1, "b"), (2, "a")]


def test_time_trials_rank_by_best_run_or_by_the_sum_of_two():
    times = {("a", 1): 60_000, ("a", 2): 70_000, ("b", 1): 64_000, ("b", 2): 64_000, ("c", 1): None, ("c", 2): 59_000}

    def timed(e, m):
        t = times[e, m.round]
        return RaceTime(t) if t is not None else RaceTime(None, "DNF")

    best = generate(["a", "b", "c"], 2, runs=2, ranking="best")
    assert [(s, r) for s, r, _ in stages(best)] == [("heat", 1), ("heat", 1), ("heat", 2), ("heat", 2)]
    assert places(best) == []  # nothing until every run is in
    run_all(best, timed)
    assert places(best) == [(1, "c"), (2, "a"), (3, "b")]
    total = generate(["a", "b", "c"], 2, runs=2, ranking="sum")
    run_all(total, timed)
    assert places(total) == [(1, "b"), (2, "a"), (3, "c")]  # 128.00 s against 130.00 s; c has a DNF


def test_second_runs_mirror_the_lanes():
    b = generate(list(range(6)), 6, runs=2, ranking="best", random_seed=4)
    first, second = b.matches["heat-1-1"], b.matches["heat-2-1"]
    assert {e: 7 - lane for e, lane in zip(first.entries, first.lanes)} == dict(zip(second.entries, second.lanes))


def test_results_must_cover_the_race_and_come_once():
    b = generate(list(range(3)), 4, ranking="final")
    with pytest.raises(Invalid):
        record_race(b, "final-1-1", {0: RaceTime(1), 1: RaceTime(2)})
    record_race(b, "final-1-1", {0: RaceTime(1), 1: RaceTime(2), 2: RaceTime(3)})
    with pytest.raises(FormatError):
        record_race(b, "final-1-1", {0: RaceTime(1), 1: RaceTime(2), 2: RaceTime(3)})
    with pytest.raises(Invalid):
        generate([1, 2], 0)
    again = generate([1, 2], 4, ranking="final")
    for bad in (RaceTime(None), RaceTime(1000, "LATE"), RaceTime(1000, penalty_ms=-1)):
        with pytest.raises(Invalid):
            record_race(again, "final-1-1", {1: bad, 2: RaceTime(2000)})


@st.composite
def races(draw):
    n = draw(st.integers(1, 40))
    entries = [Entry(i, draw(st.integers(0, 4))) for i in range(n)]
    mode = draw(st.sampled_from(["best", "sum", "final"]))
    lanes = draw(st.integers(2, 8))
    times = draw(st.lists(st.one_of(st.integers(60_000, 60_200), st.sampled_from(["DNS", "DNF", "DSQ"])),
                          min_size=3 * n, max_size=3 * n))
    return entries, lanes, mode, draw(st.integers(1, 2)), times, draw(st.integers(0, 10**6))


@PROPS
@given(races())
def test_any_field_runs_to_a_full_ranking_with_sound_races(race):
    entries, lanes, mode, runs, times, random_seed = race
    fmt = {"type": "timed_heats", "lanes": lanes, "runs": runs, "ranking": mode}
    b = build(fmt, entries, [], random_seed)
    assert b.matches == build(fmt, entries, [], random_seed).matches
    heats = [m for m in b.matches.values() if m.stage == "heat" and m.round == 1]
    if heats:
        assert sorted(e for m in heats for e in m.entries) == list(range(len(entries)))
        assert max(len(m.entries) for m in heats) - min(len(m.entries) for m in heats) <= 1
    draws = iter(times)

    def time_of(e, m):
        t = next(draws)
        return RaceTime(t) if isinstance(t, int) else RaceTime(None, t)

    run_all(b, time_of)
    for m in b.matches.values():
        assert m.status == FINISHED and len(m.entries) <= lanes
        assert len(set(m.lanes)) == len(m.lanes) and all(1 <= lane <= lanes for lane in m.lanes)
        assert len(set(m.entries)) == len(m.entries)
    placings = ranking(b)
    assert sorted(p.entry for p in placings) == list(range(len(entries)))
    assert all(p.place == 1 + sum(1 for q in placings if q.place < p.place) for p in placings)
    assert is_complete(b)


def test_progression_is_the_same_from_stored_rows_in_any_order():
    original = generate(list(range(20)), 6, ranking="final", random_seed=8)
    rows = [match_to_row(m) for m in original.matches.values()]
    random.Random(2).shuffle(rows)
    reloaded = bracket_from_rows(original.format, original.entries, rows, original.options)

    def tied(e, m):
        return RaceTime(60_000 + 10 * (e % 7))  # many equal times: lots decide the cuts

    run_all(original, tied)
    run_all(reloaded, tied)
    assert {k: m.entries for k, m in original.matches.items()} == {k: m.entries for k, m in reloaded.matches.items()}
    assert sorted(places(original)) == sorted(places(reloaded))


def test_repechage_races_of_unequal_size_fill_up():
    b = generate(list(range(13)), 5, ranking="final", random_seed=0)
    assert sorted(len(m.entries) for m in b.matches.values() if m.stage == "repechage") == [3, 4, 4]
    run_all(b, by_number)
    assert places(b) == [(i + 1, i) for i in range(13)]


def test_equal_times_at_the_cut_go_in_the_order_a_rerace_or_lot_gave_them():
    from scheduling.formats.corrections import decide_equal_times
    from scheduling.formats.timed_heats import equal_times

    b = generate(list(range(7)), 6, ranking="final", random_seed=1)
    tied = lambda e, m: RaceTime(60_000 + 100 * min(e, 5))  # noqa: E731  crews 5 and 6: the same time
    for m in [m for m in b.matches.values() if m.status == READY]:
        record_race(b, m.key, {e: tied(e, m) for e in m.entries})
    final = b.matches["final-2-1"]
    [pair] = equal_times(b, 1)
    assert sorted(pair) == [5, 6] and pair[0] in final.entries and pair[1] not in final.entries  # the lot's order
    with pytest.raises(Invalid):
        decide_equal_times(b, 1, [4, 5])  # not crews with equal times
    changes = decide_equal_times(b, 1, [pair[1], pair[0]])
    assert "final-2-1" in {c.key for c in changes}
    assert pair[1] in final.entries and pair[0] not in final.entries
    assert equal_times(b, 1) == [[pair[1], pair[0]]]
    assert decide_equal_times(b, 1, [pair[1], pair[0]]) == []  # the same decision again moves nobody
    record_race(b, "final-2-1", {e: RaceTime(59_000 + 100 * e) for e in final.entries})
    assert places(b)[-1] == (7, pair[0])
    with pytest.raises(FormatError):
        decide_equal_times(b, 1, [pair[0], pair[1]])  # the final it seated has been raced


def test_with_a_rerace_as_the_setting_equal_times_at_the_cut_hold_the_races_they_lead_to():
    from scheduling.formats.corrections import decide_equal_times
    from scheduling.formats.timed_heats import HOLD_TIES, equal_times, held_ties

    b = generate(list(range(7)), 6, ranking="final", random_seed=1)
    b.options[HOLD_TIES] = True
    tied = lambda e, m: RaceTime(60_000 + 100 * min(e, 5))  # noqa: E731  crews 5 and 6 share the 6th time
    for m in [m for m in b.matches.values() if m.status == READY]:
        record_race(b, m.key, {e: tied(e, m) for e in m.entries})
    final = b.matches["final-2-1"]
    assert final.status != READY and final.entries == [None] * 6  # nobody seated: the cut waits for the re-race
    assert [sorted(t) for t in held_ties(b, 1)] == [[5, 6]] and ranking(b) == []
    [pair] = equal_times(b, 1)
    changes = decide_equal_times(b, 1, [6, 5])  # even in the order the lot had given them
    assert "final-2-1" in {c.key for c in changes} and final.status == READY
    assert sorted(final.entries) == [0, 1, 2, 3, 4, 6] and held_ties(b, 1) == []
    record_race(b, "final-2-1", {e: RaceTime(59_000 + 100 * e) for e in final.entries})
    assert places(b) == [(1, 0), (2, 1), (3, 2), (4, 3), (5, 4), (6, 6), (7, 5)]


def test_equal_times_among_crews_who_all_go_on_hold_nothing():
    from scheduling.formats.timed_heats import HOLD_TIES, equal_times, held_ties

    b = generate(list(range(7)), 6, ranking="final", random_seed=1)
    b.options[HOLD_TIES] = True
    tied = lambda e, m: RaceTime(60_000 + 100 * max(e, 1))  # noqa: E731  crews 0 and 1 share the best time
    for m in [m for m in b.matches.values() if m.status == READY]:
        record_race(b, m.key, {e: tied(e, m) for e in m.entries})
    assert [sorted(t) for t in equal_times(b, 1)] == [[0, 1]] and held_ties(b, 1) == []
    assert b.matches["final-2-1"].status == READY and 6 not in b.matches["final-2-1"].entries


@PROPS
@given(races())
def test_deciding_every_tie_that_holds_runs_any_field_to_a_full_ranking(race):
    from scheduling.formats.corrections import decide_equal_times
    from scheduling.formats.timed_heats import HOLD_TIES, held_ties

    entries, lanes, mode, runs, times, random_seed = race
    b = build({"type": "timed_heats", "lanes": lanes, "runs": runs, "ranking": mode}, entries, [], random_seed)
    b.options[HOLD_TIES] = True
    draws = iter(times)
    while True:
        run_all(b, lambda e, m: (lambda t: RaceTime(t) if isinstance(t, int) else RaceTime(None, t))(next(draws)))
        rounds = sorted({m.round for m in b.matches.values()})
        held = [(r, t) for r in rounds for t in held_ties(b, r)]
        if not held:
            break
        r, tie = held[0]
        later = [m for m in b.matches.values() if m.round > r]
        assert all(m.status != READY for m in later if set(m.entries) & set(tie))  # nobody races into the cut
        decide_equal_times(b, r, list(reversed(tie)))
    assert is_complete(b) and sorted(p.entry for p in ranking(b)) == list(range(len(entries)))
