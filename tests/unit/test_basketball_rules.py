"""Basketball: score sheets without draws, forfeits and defaults, FIBA D.1 with the restart rule, 3x3."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from common.errors import Invalid
from competitions.sports import validate_contest_definition
from competitions.sports.basketball_rules import nullified_teams, outcome, rank_group, stats, validate_result

PROPS = settings(max_examples=60, deadline=None)


def settings_for(discipline="5x5", **given):
    return validate_contest_definition("basketball", discipline, {"type": "round_robin"}, given)[2]


FIVE, THREE = settings_for(), settings_for("3x3")


def errors(payload, discipline="5x5", s=None):
    with pytest.raises(Invalid) as info:
        validate_result(discipline, s or (FIVE if discipline == "5x5" else THREE), payload)
    return info.value.errors


def game(a, b, x, y, s=FIVE):
    """A 5x5 game a-b ending x-y, scored evenly over the quarters (what is left over in the first)."""
    return a, b, validate_result("5x5", s, {"periods": [[x // 4 + x % 4, y // 4 + y % 4]] + [[x // 4, y // 4]] * 3})


def test_totals_are_the_sums_of_quarters_and_overtimes():
    r = validate_result("5x5", FIVE, {"periods": [[20, 18], [15, 22], [25, 20], [18, 18], [7, 5]]})
    assert r == {"outcome": "normal", "winner": 0, "periods": [[20, 18], [15, 22], [25, 20], [18, 18], [7, 5]],
                 "score": [85, 83]}
    assert outcome(r) == 0


def test_no_draws_a_level_score_after_q4_or_an_overtime_is_not_final():
    assert list(errors({"periods": [[20, 20], [20, 20], [20, 20], [20, 20]]})) == ["periods.3"]
    assert list(errors({"periods": [[20, 20], [20, 20], [20, 20], [20, 20], [5, 5]]})) == ["periods.4"]
    sheet = validate_result("5x5", FIVE, {"periods": [[20, 20]] * 4 + [[5, 5], [9, 4]]})
    assert sheet["score"] == [94, 89]


def test_a_period_of_three_figures_is_a_typo_on_the_period_typed():
    errs = errors({"periods": [[200, 18], [20, 20], [20, 20], [20, 20]]})  # (20-18 typed as 200-18)
    assert list(errs) == ["periods.0"] and errs["periods.0"][0].params == {"max": 99}
    assert list(errors({"periods": [[20, 18]] * 3 + [[20, 100]]})) == ["periods.3"]
    assert validate_result("5x5", FIVE, {"periods": [[99, 0], [20, 20], [20, 20], [20, 20]]})["score"] == [159, 60]


def test_an_overtime_is_only_played_after_a_level_period():
    errs = errors({"periods": [[20, 18], [20, 20], [20, 20], [20, 20], [5, 3]]})
    assert list(errs) == ["periods.4"] and errs["periods.4"][0].params == {"a": 80, "b": 78}
    assert list(errors({"periods": [[20, 18], [20, 20], [20, 20]]})) == ["periods"]
    assert list(errors({"periods": [[20, 18], [20, -1], [20, 20], [1, 0]]})) == ["periods.1"]
    assert list(errors({"periods": [[20, 18], [20, 20], [20, 20], [20, 20]], "winner": 1})) == ["winner"]


def test_forfeit_is_20_nil_and_zero_points_for_the_loser():
    r = validate_result("5x5", FIVE, {"outcome": "forfeit", "winner": 1})
    assert r["score"] == [0, 20]
    a, b = stats("5x5", FIVE, r)
    assert (a["points"], a["forfeits"], b["points"], b["scored"]) == (0, 1, 2, 20)
    assert "winner" in errors({"outcome": "forfeit"})
    assert "periods" in errors({"outcome": "forfeit", "winner": 0, "periods": [[2, 0]]})
    thirty = settings_for(forfeit_score=30)
    assert validate_result("5x5", thirty, {"outcome": "forfeit", "winner": 0})["score"] == [30, 0]


def test_default_keeps_the_score_if_the_winner_led_else_two_nil_and_a_point_for_the_defaulter():
    led = validate_result("5x5", FIVE, {"outcome": "default", "winner": 0, "periods": [[20, 10], [8, 2]]})
    assert led["score"] == [28, 12]
    trailed = validate_result("5x5", FIVE, {"outcome": "default", "winner": 1, "periods": [[20, 10], [8, 2]]})
    assert trailed["score"] == [0, 2]
    a, b = stats("5x5", FIVE, trailed)
    assert (a["points"], b["points"], a["forfeits"]) == (1, 2, 0)


def test_classification_points_are_settings():
    s = settings_for(points_win=3, points_loss=1, points_forfeit=0)
    a, b = stats("5x5", s, game("A", "B", 70, 60, s)[2])
    assert (a["points"], b["points"]) == (3, 1)


def test_fiba_worked_example_1():
    results = [game("A", "B", 100, 55), game("A", "C", 90, 85), game("A", "D", 75, 80), game("B", "C", 100, 95),
               game("B", "D", 80, 75), game("C", "D", 60, 55)]
    rows = rank_group("5x5", FIVE, "ABCD", results)
    assert [(r["entry_id"], r["points"], r["tie_break"]) for r in rows] == [
        ("A", 5, "head_to_head"), ("B", 5, "points"), ("C", 4, "head_to_head"), ("D", 4, None)]


EXAMPLE_2 = [game("A", "B", 90, 70), game("A", "C", 90, 70), game("A", "D", 90, 70), game("B", "C", 80, 65),
             game("C", "D", 60, 50), game("D", "B", 90, 85)]


def test_worked_example_2_proves_the_restart_rule():
    rows = rank_group("5x5", FIVE, "ABCD", EXAMPLE_2)
    assert [r["entry_id"] for r in rows] == ["A", "B", "C", "D"]
    assert [r["tie_break"] for r in rows] == ["points", "head_to_head_difference", "head_to_head", None]
    # Without the restart, points scored among the three would put D (140) above C (125).
    among = {t: sum(r["score"][(a, b).index(t)] for a, b, r in EXAMPLE_2 if t in (a, b) and "A" not in (a, b))
             for t in "CD"}
    assert among == {"C": 125, "D": 140}

def test_the_ratio_setting_uses_points_scored_over_conceded():
    games = [("A", "B", 48, 38), ("B", "C", 83, 80), ("C", "A", 49, 32)]
    # among the three: A 80-87 (-7, 0.920), B 121-128 (-7, 0.945), C 129-115 (+14, 1.122)
    by_difference = rank_group("5x5", FIVE, "ABC", [game(*g) for g in games])
    assert [(r["entry_id"], r["tie_break"]) for r in by_difference] == [
        ("C", "head_to_head_difference"), ("A", "head_to_head"), ("B", None)]
    s = settings_for(tie_break="ratio")
    by_ratio = rank_group("5x5", s, "ABC", [game(*g, s=s) for g in games])
    assert [(r["entry_id"], r["tie_break"], r["ratio"]) for r in by_ratio] == [
        ("C", "head_to_head_ratio", 1.122), ("B", "head_to_head_ratio", 0.945), ("A", None, 0.92)]


def test_teams_level_on_everything_wait_for_the_recorded_lots():
    results = [game("A", "B", 50, 40), game("B", "C", 50, 40), game("C", "A", 50, 40)]
    assert [r["rank"] for r in rank_group("5x5", FIVE, "ABC", results)] == [1, 1, 1]
    rows = rank_group("5x5", FIVE, "ABC", results, lots=["C", "B", "A"])
    assert [(r["entry_id"], r["tie_break"]) for r in rows] == [("C", "lots"), ("B", "lots"), ("A", None)]


def test_a_second_forfeit_nullifies_the_teams_results():
    forfeit = {"outcome": "forfeit", "winner": 0}
    results = [game("B", "A", 60, 50), ("C", "A", validate_result("5x5", FIVE, forfeit)),
               ("B", "C", validate_result("5x5", FIVE, forfeit))]
    assert nullified_teams(FIVE, results) == set()
    assert nullified_teams(settings_for(forfeits_to_nullify=1), results) == {"A", "C"}
    results.append(("D", "A", validate_result("5x5", FIVE, forfeit)))
    assert nullified_teams(FIVE, results) == {"A"}
    rows = rank_group("5x5", FIVE, "ABCD", results)
    assert [(r["entry_id"], r["rank"], r["played"]) for r in rows][-1] == ("A", None, 0)
    assert {r["entry_id"]: r["played"] for r in rows} == {"B": 1, "C": 1, "D": 0, "A": 0}


def test_three_by_three_limit_overtime_and_periods():
    assert validate_result("3x3", THREE, {"periods": [[21, 15]]})["winner"] == 0
    assert validate_result("3x3", THREE, {"periods": [[20, 22]]})["winner"] == 1
    assert validate_result("3x3", THREE, {"periods": [[14, 12]]})["score"] == [14, 12]
    assert list(errors({"periods": [[23, 15]]}, "3x3")) == ["periods.0"]
    assert list(errors({"periods": [[22, 21]]}, "3x3")) == ["periods.0"]
    assert list(errors({"periods": [[15, 15]]}, "3x3")) == ["periods.0"]
    assert validate_result("3x3", THREE, {"periods": [[15, 15], [0, 2]]})["score"] == [15, 17]
    assert validate_result("3x3", THREE, {"periods": [[15, 15], [3, 1]]})["winner"] == 0
    assert list(errors({"periods": [[15, 15], [1, 1]]}, "3x3")) == ["periods.1"]
    assert list(errors({"periods": [[15, 15], [4, 1]]}, "3x3")) == ["periods.1"]
    assert list(errors({"periods": [[16, 15], [2, 0]]}, "3x3")) == ["periods.1"]
    assert list(errors({"periods": [[1, 0], [2, 0], [2, 0]]}, "3x3")) == ["periods"]


def three(a, b, x, y):
    return a, b, validate_result("3x3", THREE, {"periods": [[x, y]]})


def test_three_by_three_standings_wins_head_to_head_average_then_seeding():
    results = [three("A", "B", 21, 10), three("B", "C", 21, 10), three("C", "A", 21, 19),
               three("A", "D", 21, 0), three("B", "D", 21, 0), three("C", "D", 21, 0)]
    rows = rank_group("3x3", THREE, "ABCD", results)
    # A, B, C 2 wins; averages A 61/3, B 52/3, C 52/3: A, then B and C by their game (B won)
    assert [(r["entry_id"], r["points"], r["tie_break"]) for r in rows] == [
        ("A", 2, "average_scored"), ("B", 2, "head_to_head"), ("C", 2, "wins"), ("D", 0, None)]
    level = [three("A", "B", 15, 10), three("B", "C", 15, 10), three("C", "A", 15, 10)]
    rows = rank_group("3x3", THREE, "ABC", level, lots=["B", "C", "A"])
    assert [(r["entry_id"], r["tie_break"]) for r in rows] == [("B", "seeding"), ("C", "seeding"), ("A", None)]


def test_three_by_three_average_leaves_out_forfeits():
    forfeit = ("A", "D", validate_result("3x3", THREE, {"outcome": "forfeit", "winner": 0}))
    assert forfeit[2]["score"] == [0, 0] and stats("3x3", THREE, forfeit[2])[0]["avg_games"] == 0
    results = [three("A", "B", 15, 10), three("B", "C", 15, 10), three("C", "A", 15, 10), forfeit,
               three("B", "D", 12, 10), three("C", "D", 12, 11)]
    # A, B, C 2 wins; averages without the forfeit A 25/2, B 37/3, C 37/3 (with it A would be last)
    rows = rank_group("3x3", THREE, "ABCD", results)
    assert [(r["entry_id"], r["tie_break"]) for r in rows] == [
        ("A", "average_scored"), ("B", "head_to_head"), ("C", "wins"), ("D", None)]
    assert rows[-1]["forfeits"] == 1


@PROPS
@given(st.lists(st.tuples(st.integers(0, 2), st.integers(0, 2)), max_size=7))
def test_a_sheet_is_accepted_exactly_with_four_quarters_overtimes_after_level_and_no_draw(periods):
    def level(k):
        return sum(p[0] for p in periods[:k]) == sum(p[1] for p in periods[:k])
    expected = len(periods) >= 4 and all(level(k) for k in range(4, len(periods))) and not level(len(periods))
    try:
        validate_result("5x5", FIVE, {"periods": [list(p) for p in periods]})
    except Invalid:
        assert not expected
    else:
        assert expected


@st.composite
def groups(draw):
    n = draw(st.integers(2, 6))
    results = []
    for i in range(n):
        for j in range(i + 1, n):
            x, y = draw(st.tuples(st.integers(40, 60), st.integers(40, 60)).filter(lambda p: p[0] != p[1]))
            results.append(game(i, j, x, y))
    return list(range(n)), results


@PROPS
@given(groups(), st.randoms(use_true_random=False))
def test_ranking_is_a_permutation_by_points_independent_of_game_order(group, rnd):
    entries, results = group
    rows = rank_group("5x5", FIVE, entries, results, lots=entries)
    assert sorted(r["entry_id"] for r in rows) == entries
    assert [r["points"] for r in rows] == sorted((r["points"] for r in rows), reverse=True)
    shuffled = results[:]
    rnd.shuffle(shuffled)
    assert rank_group("5x5", FIVE, entries, shuffled, lots=entries) == rows


def fiba_keys(tied, results):
    """The five FIBA D.1 criteria of each tied team, computed here from the score lines."""
    def total(team, field, among):
        return sum(stats("5x5", FIVE, r)[(a, b).index(team)][field] for a, b, r in results
                   if team in (a, b) and (not among or (a in tied and b in tied)))
    return {t: (total(t, "points", True), total(t, "scored", True) - total(t, "conceded", True),
                total(t, "scored", True), total(t, "scored", False) - total(t, "conceded", False),
                total(t, "scored", False)) for t in tied}


@PROPS
@given(groups())
def test_restart_invariant_after_the_first_split_each_subset_is_ranked_again_from_step_one(group):
    entries, results = group
    rows = rank_group("5x5", FIVE, entries, results, lots=entries)
    for level in {r["points"] for r in rows}:
        tied = [r["entry_id"] for r in rows if r["points"] == level]
        keys = fiba_keys(tied, results)
        for step in range(5):
            values = sorted({k[step] for k in keys.values()}, reverse=True)
            if len(values) > 1:
                subsets = [[t for t in tied if keys[t][step] == v] for v in values]
                again = [r["entry_id"] for sub in subsets for r in rank_group("5x5", FIVE, sub, results, lots=entries)]
                assert tied == again
                break
        if len(tied) == 2:
            a, b, r = next(x for x in results if {x[0], x[1]} == set(tied))
            assert (a, b)[r["winner"]] == tied[0], "two level teams: their game decides"
