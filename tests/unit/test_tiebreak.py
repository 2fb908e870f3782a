"""The shared tie-break engine: restart on every split, the two-left rule, lots, rows and payload helpers."""
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from common.errors import ErrorBag, Invalid
from competitions.sports.tiebreak import (Played, Procedure, Step, as_payload, difference, head_to_head,
                                          parse_outcome, parse_pairs, parse_winner, rank, ratio, standings,
                                          stat_step, totals, unresolved, value_of)

PROPS = settings(max_examples=60, deadline=None)


def game(a, b, x, y):
    """A match a-b scored x-y: one point per win, x and y as scored points."""
    w = 0 if x > y else 1
    return Played(a, b, w, ({"played": 1, "won": int(w == 0), "lost": int(w == 1), "points": int(w == 0),
                             "scored": x, "conceded": y},
                            {"played": 1, "won": int(w == 1), "lost": int(w == 0), "points": int(w == 1),
                             "scored": y, "conceded": x}))


def fixed(code, values):
    """A step with a fixed key per entry."""
    return Step(code, lambda tied: {e: values[e] for e in tied})


def test_totals_sum_lines_over_all_games_or_only_among_a_subset():
    played = [game("A", "B", 10, 5), game("B", "C", 7, 3), game("A", "C", 1, 2)]
    assert totals("ABC", played)["A"] == {"played": 2, "won": 1, "lost": 1, "points": 1, "scored": 11, "conceded": 7}
    among = totals("AB", played, among="AB")
    assert among["A"]["scored"] == 10 and among["B"]["conceded"] == 10


def test_primary_then_steps_then_lots_with_codes_between_rows():
    proc = Procedure(fixed("wins", {"a": 2, "b": 1, "c": 1, "d": 1}),
                     (fixed("diff", {"a": 0, "b": 5, "c": 3, "d": 3}),))
    placed = rank("abcd", proc, lots=["d", "c"])
    assert [(p.entry, p.rank, p.tie_break) for p in placed] == [
        ("a", 1, "wins"), ("b", 2, "diff"), ("d", 3, "lots"), ("c", 4, None)]


def test_without_a_recorded_draw_entries_level_on_everything_share_the_rank():
    proc = Procedure(fixed("wins", {"a": 1, "b": 1, "c": 0}), ())
    placed = rank("abc", proc)
    assert [(p.entry, p.rank, p.tie_break) for p in placed] == [("a", 1, None), ("b", 1, "wins"), ("c", 3, None)]
    rows = [{"rank": p.rank, "entry_id": p.entry} for p in placed]
    assert unresolved(rows) == [["a", "b"]]
    assert [p.rank for p in rank("abc", proc, lots=["b"])] == [1, 1, 3], "a partial draw does not decide"


def test_restart_recomputes_criteria_among_the_teams_still_tied():
    # B, C, D level; difference among the three separates B, C and D stay level: restart with only C and D.
    played = [game("B", "C", 80, 65), game("C", "D", 60, 50), game("D", "B", 90, 85)]
    proc = Procedure(fixed("points", dict.fromkeys("BCD", 4)), (
        head_to_head(played),
        stat_step("h2h_diff", played, difference("scored", "conceded"), among_tied=True),
        stat_step("h2h_scored", played, value_of("scored"), among_tied=True)))
    assert [(p.entry, p.tie_break) for p in rank("BCD", proc)] == [
        ("B", "h2h_diff"), ("C", "head_to_head"), ("D", None)]


def test_two_left_rule_applies_head_to_head_whenever_exactly_two_remain():
    played = [game("a", "b", 1, 0), game("b", "c", 1, 0), game("c", "a", 1, 0)]
    diff = {"a": 1, "b": 1, "c": 5}
    proc = Procedure(fixed("wins", dict.fromkeys("abc", 1)), (fixed("game_difference", diff),), head_to_head(played))
    # c is separated by the difference; a and b are then two: a beat b.
    assert [(p.entry, p.tie_break) for p in rank("bac", proc)] == [("c", "game_difference"), ("a", "head_to_head"),
                                                                    ("b", None)]


def test_two_left_falls_through_to_the_steps_when_the_pair_split_their_games():
    played = [game("a", "b", 1, 0), game("b", "a", 1, 0)]
    proc = Procedure(fixed("wins", {"a": 1, "b": 1}), (fixed("diff", {"a": 0, "b": 2}),), head_to_head(played))
    assert [(p.entry, p.tie_break) for p in rank("ab", proc)] == [("b", "diff"), ("a", None)]


def test_ratio_is_exact_and_nothing_conceded_ranks_first():
    value = ratio("scored", "conceded")
    assert value({"scored": 3, "conceded": 2}) == (0, Fraction(3, 2))
    assert value({"scored": 1, "conceded": 0}) > value({"scored": 300, "conceded": 1})


def test_standings_rows_and_excluded_entries_last_with_zeros():
    played = [game("A", "B", 10, 5), game("B", "C", 7, 3), game("A", "C", 9, 2)]
    proc = Procedure(stat_step("wins", played, value_of("won")), ())
    rows = standings("ABCX", played, proc, excluded={"X"})
    assert [(r["entry_id"], r["rank"], r["won"], r["diff"]) for r in rows] == [
        ("A", 1, 2, 12), ("B", 2, 1, -1), ("C", 3, 0, -11), ("X", None, 0, 0)]
    assert rows[-1]["excluded"] and rows[0]["tie_break"] == "wins" and rows[2]["tie_break"] is None


def test_payload_helpers_name_the_failing_field():
    bag = ErrorBag()
    assert parse_pairs([[21, 3], [2, -1]], "games", bag) == [] and "games.1" in bag.errors
    assert parse_pairs(None, "games", bag) == []
    assert parse_winner({"winner": True}, bag, required=True) is None and "winner" in bag.errors
    assert parse_outcome({"outcome": "bribe"}, ("normal",), bag) == "normal" and "outcome" in bag.errors
    with pytest.raises(Invalid):
        as_payload([1, 2])


@st.composite
def round_robins(draw):
    n = draw(st.integers(2, 6))
    teams = list(range(n))
    played = []
    for i in range(n):
        for j in range(i + 1, n):
            x, y = draw(st.tuples(st.integers(0, 5), st.integers(0, 5)).filter(lambda p: p[0] != p[1]))
            played.append(game(i, j, x, y))
    return teams, played


def procedure(played):
    return Procedure(stat_step("wins", played, value_of("won")), (
        stat_step("h2h", played, value_of("won"), among_tied=True),
        stat_step("h2h_diff", played, difference("scored", "conceded"), among_tied=True),
        stat_step("diff", played, difference("scored", "conceded"))))


@PROPS
@given(round_robins(), st.randoms(use_true_random=False))
def test_ranking_is_a_permutation_sorted_by_the_primary_and_independent_of_match_order(rr, rnd):
    teams, played = rr
    placed = rank(teams, procedure(played), lots=teams[::-1])
    assert sorted(p.entry for p in placed) == teams
    assert [p.rank for p in placed] == list(range(1, len(teams) + 1)), "lots resolve every tie"
    wins = totals(teams, played)
    assert [wins[p.entry]["won"] for p in placed] == sorted((wins[t]["won"] for t in teams), reverse=True)
    shuffled = played[:]
    rnd.shuffle(shuffled)
    assert rank(teams, procedure(shuffled), lots=teams[::-1]) == placed


@PROPS
@given(round_robins())
def test_each_level_of_the_primary_is_ranked_as_if_alone(rr):
    teams, played = rr
    proc = procedure(played)
    placed = rank(teams, proc, lots=teams)
    wins = totals(teams, played)
    for level in {wins[t]["won"] for t in teams}:
        members = [p.entry for p in placed if wins[p.entry]["won"] == level]
        assert [p.entry for p in rank(members, proc, lots=teams)] == members


@PROPS
@given(round_robins())
def test_restart_after_the_first_split_each_group_is_ranked_as_if_alone(rr):
    teams, played = rr
    proc = procedure(played)
    placed = rank(teams, proc, lots=teams)
    wins = totals(teams, played)
    for level in {wins[t]["won"] for t in teams}:
        members = [p.entry for p in placed if wins[p.entry]["won"] == level]
        for step in proc.steps:
            keys = step.key(members)
            if len(set(keys.values())) > 1:
                groups = [[m for m in members if keys[m] == k] for k in sorted(set(keys.values()), reverse=True)]
                assert members == [p.entry for g in groups for p in rank(g, proc, lots=teams)]
                break


@PROPS
@given(round_robins())
def test_two_teams_level_are_ordered_by_their_game(rr):
    teams, played = rr
    placed = rank(teams, procedure(played))
    wins = totals(teams, played)
    for level in {wins[t]["won"] for t in teams}:
        members = [p.entry for p in placed if wins[p.entry]["won"] == level]
        if len(members) == 2:
            mutual = next(p for p in played if {p.a, p.b} == set(members))
            assert (mutual.a, mutual.b)[mutual.winner] == members[0]
