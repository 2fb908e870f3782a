"""Badminton: the scoring law, best-of matches, retirements and walkovers, team ties, BWF group ranking."""
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from common.errors import Invalid
from competitions.sports import validate_contest_definition
from competitions.sports.badminton_rules import (check_rosters, game_problem, is_open_game, is_valid_game, outcome,
                                                 rank_group, stats, validate_result)

PROPS = settings(max_examples=80, deadline=None)


def settings_for(discipline="MS", **given):
    return validate_contest_definition("badminton", discipline, {"type": "round_robin"}, given)[2]


S, TEAM = settings_for(), settings_for("team")


def errors(payload, discipline="MS", s=None, **kw):
    with pytest.raises(Invalid) as info:
        validate_result(discipline, s or (TEAM if discipline == "team" else S), payload, **kw)
    return info.value.errors


@pytest.mark.parametrize("score", [(21, 0), (21, 19), (22, 20), (30, 28), (30, 29), (19, 21), (29, 30)])
def test_valid_games_of_the_rules(score):
    assert is_valid_game(*score)


@pytest.mark.parametrize("score", [(21, 20), (23, 20), (31, 29), (30, 27), (25, 25), (20, 18), (0, 0)])
def test_invalid_games_of_the_rules(score):
    assert not is_valid_game(*score)


def test_a_cap_of_25_means_sudden_death_at_24_all():
    assert is_valid_game(25, 24, 21, 25) and is_valid_game(25, 23, 21, 25)
    assert not is_valid_game(26, 24, 21, 25) and not is_valid_game(30, 28, 21, 25)


def test_messages_say_which_rule_is_broken():
    assert "two-point lead" in game_problem(21, 20)[0] and game_problem(21, 20)[1]["deuce"] == 20
    assert game_problem(23, 20)[1] == {"points": 21, "w": 23, "l": 21}
    assert game_problem(31, 29)[1] == {"cap": 30}
    assert "level" in game_problem(25, 25)[0]
    assert "Not finished" in game_problem(15, 10)[0]


def test_a_normal_match_is_won_by_the_first_to_two_games():
    result = validate_result("MS", S, {"games": [[21, 15], [19, 21], [21, 18]]})
    assert result == {"outcome": "normal", "winner": 0, "score": [2, 1], "games": [[21, 15], [19, 21], [21, 18]]}
    assert outcome(validate_result("WD", S, {"games": [[3, 21], [20, 22]]})) == 1


def test_a_third_game_after_two_nil_is_invalid_on_its_path():
    errs = errors({"games": [[21, 15], [21, 19], [21, 18]]})
    assert list(errs) == ["games.2"] and "no game after" in errs["games.2"][0].msgid


def test_an_unfinished_match_or_a_bad_game_is_refused():
    assert "games" in errors({"games": [[21, 15]]})
    assert list(errors({"games": [[21, 15], [21, 20]]})) == ["games.1"]
    assert list(errors({"games": [[21, 15], [21, 17]], "winner": 1})) == ["winner"]
    assert "games" in errors({"games": "21-15"})


def test_games_to_win_and_points_are_settings():
    s = settings_for(points_to_win=15, cap=17, games_to_win=3)
    r = validate_result("MS", s, {"games": [[15, 13], [17, 16], [3, 15], [15, 0]]})
    assert r["score"] == [3, 1]
    assert list(errors({"games": [[15, 13], [16, 13], [15, 0]]}, s=s)) == ["games.1"]


def test_retired_keeps_the_partial_score_and_needs_the_winner():
    r = validate_result("XD", S, {"outcome": "retired", "winner": 1, "games": [[21, 15], [21, 20]]})
    assert r == {"outcome": "retired", "winner": 1, "score": [1, 0], "games": [[21, 15], [21, 20]]}
    assert "winner" in errors({"outcome": "retired", "games": [[21, 15]]})
    assert list(errors({"outcome": "retired", "winner": 1, "games": [[21, 20], [5, 3]]})) == ["games.0"]
    assert "games" in errors({"outcome": "retired", "winner": 1, "games": [[21, 15], [21, 15]]})


def test_walkover_has_no_score_and_disqualification_keeps_one():
    assert validate_result("MS", S, {"outcome": "walkover", "winner": 0})["games"] == []
    assert "games" in errors({"outcome": "walkover", "winner": 0, "games": [[21, 0]]})
    assert validate_result("MS", S, {"outcome": "disqualified", "winner": 0, "games": [[3, 1]]})["winner"] == 0
    assert "outcome" in errors({"outcome": "forfeit", "winner": 0})


def rubber(d, side=0, players=None):
    games = [[21, 10], [21, 12]] if side == 0 else [[10, 21], [12, 21]]
    return {"discipline": d, "games": games, **({"players": players} if players else {})}


def test_a_group_tie_plays_all_five_rubbers():
    tie = [rubber("MS"), rubber("WS", 1), rubber("MD"), rubber("WD"), rubber("XD", 1)]
    r = validate_result("team", TEAM, {"rubbers": tie})
    assert (r["winner"], r["score"]) == (0, [3, 2])
    assert "rubbers" in errors({"rubbers": tie[:3]}, "team")


def test_a_knockout_tie_may_stop_once_decided_when_the_setting_says_so():
    three = [rubber("MS"), rubber("WS"), rubber("MD")]
    assert validate_result("team", TEAM, {"rubbers": three}, knockout=True)["score"] == [3, 0]
    played_on = validate_result("team", TEAM, {"rubbers": three + [rubber("WD", 1), rubber("XD", 1)]}, knockout=True)
    assert (played_on["winner"], played_on["score"]) == (0, [3, 2])  # "may stop": the dead rubbers count too
    assert "rubbers" in errors({"rubbers": three[:2] + [rubber("WD", 1)]}, "team", knockout=True)  # not decided
    keep_playing = settings_for("team", stop_knockout_tie_when_decided=False)
    assert "rubbers" in errors({"rubbers": three}, "team", keep_playing, knockout=True)


def test_each_discipline_once_and_players_within_their_rubber_limit():
    tie = [rubber("MS"), rubber("MS", 1), rubber("MD"), rubber("WD"), rubber("XD", 1)]
    assert "rubbers.1.discipline" in errors({"rubbers": tie}, "team")
    tie = [rubber("MS", 0, [["李"], ["王"]]), rubber("WS", 1), rubber("MD", 0, [["李", "张"], ["王", "赵"]]),
           rubber("WD"), rubber("XD", 1, [["李", "陈"], ["钱", "孙"]])]
    errs = errors({"rubbers": tie}, "team")
    assert list(errs) == ["rubbers.4.players.0"] and errs["rubbers.4.players.0"][0].params == {"name": "李", "max": 2}
    assert list(errors({"rubbers": [rubber("MS", 0, [["李", "张"], ["王"]])]}, "team")) == ["rubbers.0.players.0"]
    one_side = errors({"rubbers": [rubber("MD", 0, [[], ["王", "赵"]])]}, "team")  # (the side at fault, in words)
    assert [m.msgid for m in one_side["rubbers.0.players.0"]] == ["Give who played for this side too."]
    # values that cannot be compared as names or codes are refused on their field (they once made a 500)
    assert "rubbers.0.discipline" in errors({"rubbers": [{**rubber("MS"), "discipline": ["MS"]}]}, "team")
    assert list(errors({"rubbers": [rubber("MS", 0, [[["李"]], ["王"]])]}, "team")) == ["rubbers.0.players.0"]
    assert list(errors({"rubbers": [rubber("MS", 0, ["李", "王"])]}, "team")) == ["rubbers.0.players"]


def test_each_rubber_is_played_by_its_teams_players_of_the_genders_it_asks_for():
    rosters = [{"李": "M", "张": "M", "陈": "F", "周": "F", "吴": None}, {"王": "M", "赵": "M", "钱": "F", "孙": "F"}]
    said = lambda r: {path: [m.msgid for m in ms] for path, ms in roster_errors(r, rosters).items()}  # noqa: E731
    assert said(rubber("MS", 0, [["陈"], ["王"]])) == {"rubbers.0.players.0": ["Men's singles is played by a man."]}
    assert said(rubber("XD", 0, [["李", "陈"], ["王", "赵"]])) == {
        "rubbers.0.players.1": ["Mixed doubles is played by a man and a woman."]}
    assert said(rubber("WD", 0, [["陈", "周"], ["钱", "王"]])) == {
        "rubbers.0.players.1": ["Women's doubles is played by two women."]}
    assert said(rubber("WS", 0, [["周"], ["刘"]])) == {"rubbers.0.players.1": ["%(name)s is not on this team's roster."]}
    assert said(rubber("MD", 0, [["李", "吴"], ["王", "赵"]])) == {}, "a gender not on record is not held against it"
    assert roster_errors(rubber("WS", 0, [["某人"], ["钱"]]), [{}, rosters[1]]) == {}, "no roster: names typed freely"


def roster_errors(one_rubber, rosters):
    try:
        check_rosters({"rubbers": [one_rubber]}, rosters)
    except Invalid as err:
        return err.errors
    return {}


def test_a_tie_walkover_has_no_rubbers():
    assert validate_result("team", TEAM, {"outcome": "walkover", "winner": 1})["score"] == [0, 0]
    assert "rubbers" in errors({"outcome": "walkover", "winner": 1, "rubbers": [rubber("MS")]}, "team")


def test_stats_count_matches_games_and_points():
    a, b = stats("MS", S, validate_result("MS", S, {"games": [[21, 15], [19, 21], [21, 18]]}))
    assert a == {"played": 1, "won": 1, "lost": 0, "points": 1, "scored": 61, "conceded": 54, "games_won": 2,
                 "games_lost": 1}
    assert (b["won"], b["scored"], b["games_won"]) == (0, 54, 1)


def match(a, b, *games):
    return (a, b, validate_result("MS", S, {"games": [list(g) for g in games]}))


def by_rank(rows):
    return [r["entry_id"] for r in rows]


def test_two_tied_on_wins_are_ranked_by_their_match():
    results = [match("A", "B", (21, 19), (21, 19)), match("A", "D", (21, 5), (21, 5)),
               match("C", "A", (21, 19), (21, 19)), match("B", "C", (21, 0), (21, 0)),
               match("B", "D", (21, 0), (21, 0)), match("D", "C", (21, 19), (21, 19))]
    rows = rank_group("MS", S, "ABCD", results)
    assert [(r["entry_id"], r["won"], r["tie_break"]) for r in rows] == [
        ("A", 2, "head_to_head"), ("B", 2, "matches_won"), ("D", 1, "head_to_head"), ("C", 1, None)]
    assert rows[1]["diff"] > rows[0]["diff"], "B's better difference does not count with two tied"


def test_three_tied_game_difference_then_two_left_head_to_head():
    # A, B, C beat D and each other in a cycle; A has the best game difference; B and C are then two
    # and B beat C, although C has the better point difference.
    results = [match("A", "B", (21, 10), (21, 10)), match("B", "C", (21, 19), (21, 19)),
               match("C", "A", (21, 10), (21, 10)), match("A", "D", (21, 0), (21, 0)),
               match("B", "D", (21, 19), (19, 21), (21, 19)), match("C", "D", (21, 0), (5, 21), (21, 0))]
    rows = rank_group("MS", S, "ABCD", results)
    assert [(r["entry_id"], r["tie_break"]) for r in rows] == [
        ("A", "game_difference"), ("B", "head_to_head"), ("C", "matches_won"), ("D", None)]
    assert rows[2]["diff"] > rows[1]["diff"]
    assert (rows[0]["games_won"], rows[0]["games_lost"]) == (4, 2)


def test_three_tied_on_games_go_to_point_difference_then_lots():
    results = [match("A", "B", (21, 10), (21, 10)), match("B", "C", (21, 10), (21, 10)),
               match("C", "A", (21, 15), (21, 15))]
    rows = rank_group("MS", S, "ABC", results)
    assert [(r["entry_id"], r["tie_break"], r["diff"]) for r in rows] == [
        ("A", "point_difference", 10), ("B", "point_difference", 0), ("C", None, -10)]
    level = [match("A", "B", (21, 10), (21, 10)), match("B", "C", (21, 10), (21, 10)),
             match("C", "A", (21, 10), (21, 10))]
    assert [r["rank"] for r in rank_group("MS", S, "ABC", level)] == [1, 1, 1]
    drawn = rank_group("MS", S, "ABC", level, lots=["C", "A", "B"])
    assert [(r["entry_id"], r["tie_break"]) for r in drawn] == [("C", "lots"), ("A", "lots"), ("B", None)]


def test_withdrawn_players_results_are_deleted_unless_the_setting_keeps_them():
    results = [match("A", "B", (21, 10), (21, 10)), match("B", "C", (21, 10), (21, 10)),
               match("C", "A", (21, 10), (21, 10))]
    rows = rank_group("MS", S, "ABC", results, withdrawn={"C"})
    assert [(r["entry_id"], r["rank"], r["played"]) for r in rows] == [("A", 1, 1), ("B", 2, 1), ("C", None, 0)]
    kept = rank_group("MS", settings_for(delete_withdrawn_results=False), "ABC", results, withdrawn={"C"})
    assert all(r["played"] == 2 for r in kept)


def tie(a, b, won):
    """A group tie where slot 0 wins ``won`` of the five rubbers, each 21-10 21-10."""
    return (a, b, validate_result("team", TEAM, {"rubbers": [rubber(d, 0 if i < won else 1)
                                                             for i, d in enumerate(("MS", "WS", "MD", "WD", "XD"))]}))


def test_team_ranking_ties_won_then_rubbers_won_then_two_left():
    results = [tie("A", "B", 3), tie("B", "C", 3), tie("C", "A", 4)]
    rows = rank_group("team", TEAM, "ABC", results)
    # ties won 1 each; rubbers won A 3+1=4, B 2+3=5, C 2+4=6
    assert [(r["entry_id"], r["rubbers_won"], r["tie_break"]) for r in rows] == [
        ("C", 6, "rubbers_won"), ("B", 5, "rubbers_won"), ("A", 4, None)]


def test_team_ranking_two_tied_by_their_tie():
    results = [tie("A", "B", 3), tie("C", "A", 4), tie("A", "D", 3), tie("B", "C", 5), tie("B", "D", 5),
               tie("D", "C", 3)]
    rows = rank_group("team", TEAM, "ABCD", results)
    assert [(r["entry_id"], r["won"], r["tie_break"]) for r in rows] == [
        ("A", 2, "head_to_head"), ("B", 2, "ties_won"), ("D", 1, "head_to_head"), ("C", 1, None)]
    assert (rows[0]["rubbers_won"], rows[1]["rubbers_won"]) == (7, 12)


def scores(points=21, cap=30):
    """Rally-by-rally games: random rallies until the law says the game is over."""
    def play(rallies):
        a = b = 0
        for rally in rallies:
            if rally:
                a += 1
            else:
                b += 1
            w, lo = max(a, b), min(a, b)
            if (w >= points and w - lo >= 2) or w == cap:
                return a, b
        return None
    return st.lists(st.booleans(), min_size=200, max_size=200).map(play).filter(lambda s: s is not None)


@PROPS
@given(st.data(), st.sampled_from([(21, 30), (15, 17), (11, 15), (21, 25), (21, 21)]))
def test_every_game_played_out_rally_by_rally_is_valid(data, law):
    a, b = data.draw(scores(*law))
    assert is_valid_game(a, b, *law) and not is_open_game(a, b, *law)


@PROPS
@given(st.integers(0, 40), st.integers(0, 40))
def test_the_predicate_is_the_one_of_the_rules(a, b):
    w, lo = max(a, b), min(a, b)
    assert is_valid_game(a, b) == ((w == 21 and lo <= 19) or (22 <= w <= 30 and lo == w - 2) or (w == 30 and lo == 29))


@PROPS
@given(st.lists(st.sampled_from([(21, 15), (15, 21), (30, 29), (20, 22)]), max_size=5))
def test_a_match_is_accepted_exactly_when_its_last_game_gives_a_side_two(games):
    won, expected = [0, 0], True
    for a, b in games:
        expected = expected and max(won) < 2
        won[0 if a > b else 1] += 1
    expected = expected and max(won) == 2
    try:
        result = validate_result("MS", S, {"games": [list(g) for g in games]})
    except Invalid:
        assert not expected
    else:
        assert expected and result["score"] == won and result["score"][result["winner"]] == 2


@st.composite
def groups(draw):
    n = draw(st.integers(2, 6))
    results = []
    for i in range(n):
        for j in range(i + 1, n):
            games = draw(st.lists(st.sampled_from([(21, 15), (15, 21), (22, 20), (18, 21), (30, 29)]),
                                  min_size=3, max_size=3))
            score, kept = [0, 0], []
            for g in games:
                if max(score) < 2:
                    kept.append(list(g))
                    score[0 if g[0] > g[1] else 1] += 1
            results.append((i, j, validate_result("MS", S, {"games": kept})))
    return list(range(n)), results


@PROPS
@given(groups(), st.randoms(use_true_random=False))
def test_group_ranking_is_a_permutation_independent_of_match_order(group, rnd):
    entries, results = group
    rows = rank_group("MS", S, entries, results, lots=entries)
    assert sorted(by_rank(rows)) == entries and [r["rank"] for r in rows] == list(range(1, len(entries) + 1))
    assert [r["won"] for r in rows] == sorted((r["won"] for r in rows), reverse=True)
    shuffled = results[:]
    rnd.shuffle(shuffled)
    assert rank_group("MS", S, entries, shuffled, lots=entries) == rows
    for level in {r["won"] for r in rows}:
        tied = [r["entry_id"] for r in rows if r["won"] == level]
        if len(tied) == 2:
            a, b, r = next(x for x in results if {x[0], x[1]} == set(tied))
            assert (a, b)[r["winner"]] == tied[0]


def test_random_module_is_not_used_for_lots():
    state = random.getstate()
    level = [match("A", "B", (21, 10), (21, 10)), match("B", "C", (21, 10), (21, 10)),
             match("C", "A", (21, 10), (21, 10))]
    rank_group("MS", S, "ABC", level)
    assert random.getstate() == state
