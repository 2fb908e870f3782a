"""Words and figures of the results pages and sheets: stage, round and race names, scores, times, tie-breaks."""
from common.errors import msg
from competitions.result_words import (detail_text, full_match_name, lane_rows, lane_time, match_name, match_sides,
                                       race_name, round_name, score_summary, slot_label, stage_heading, stage_name,
                                       tie_notes)


def text(message) -> str:
    return message.render()


def test_knockout_rounds_are_named_from_the_final_back():
    names = [text(round_name("single_elimination", "main", r, 5)) for r in range(1, 6)]
    assert names == ["Round 1", "Round 2", "Quarter-finals", "Semi-finals", "Final"]
    assert text(round_name("groups_knockout", "knockout", 1, 2)) == "Semi-finals"
    assert text(round_name("single_elimination", "third_place", 1, 1)) == "Third-place match"


def test_double_elimination_rounds_are_named_per_bracket():
    assert text(round_name("double_elimination", "main", 3, 3)) == "Winners' final"
    assert text(round_name("double_elimination", "losers", 2, 4)) == "Round 2"
    assert text(round_name("double_elimination", "losers", 4, 4)) == "Losers' final"
    assert [text(round_name("double_elimination", "final", r, 2)) for r in (1, 2)] == ["Grand final",
                                                                                       "Grand final reset"]


def test_group_and_heat_rounds():
    assert [text(round_name(f, "group", r, 3)) for f, r in (("round_robin", 1), ("groups_knockout", 3))] == [
        "Round 1", "Round 3"]
    assert text(round_name("timed_heats", "heat", 2, 2)) == "Run 2"
    assert round_name("timed_heats", "heat", 1, 1) is None and round_name("timed_heats", "final_a", 3, 3) is None


def test_stages_are_headed_only_where_the_round_names_do_not_say_which():
    assert [text(stage_heading("double_elimination", s)) for s in ("main", "losers", "final")] == [
        "Winners' bracket", "Losers' bracket", "Grand final"]
    assert [text(stage_heading("timed_heats", s)) for s in ("heat", "repechage", "final_a")] == [
        "Heats", "Repechage", "Final A"]
    assert stage_heading("single_elimination", "main") is None and stage_heading("round_robin", "group") is None
    assert text(stage_name("groups_knockout", "knockout")) == "Knockout stage"
    assert text(stage_name("single_elimination", "final")) == "Final"


def test_slots_waiting_for_a_group_place_say_which():
    assert text(slot_label("B2")) == "Group B #2" and slot_label(None) is None
    rec = {"entries": [5, None], "winner_entry_id": None, "plan": {"labels": ["A1", "B2"]}}
    sides = match_sides(rec, {5: {"name": "林丹", "delegation": "福建"}})
    assert [(s["name"], s["delegation"], s["bye"], s["winner"]) for s in sides] == [
        ("林丹", "福建", False, False), (None, None, False, False)]
    assert sides[0]["label"] is None and text(sides[1]["label"]) == "Group B #2"
    bye = match_sides({"entries": [5, None], "winner_entry_id": 5, "plan": {"closed": [False, True]}}, {})
    assert [(s["bye"], s["winner"], s["label"]) for s in bye] == [(False, True, None), (True, False, None)]


def test_score_lines_of_each_sport():
    badminton = {"outcome": "normal", "winner": 0, "score": [2, 1], "games": [[21, 19], [17, 21], [21, 8]]}
    assert score_summary(badminton) == {"score": [2, 1], "outcome": None,
                                        "details": [(None, "21-19"), (None, "17-21"), (None, "21-8")]}
    basketball = {"outcome": "normal", "winner": 0, "score": [85, 83],
                  "periods": [[20, 18], [15, 17], [25, 20], [18, 23], [7, 5]]}
    assert score_summary(basketball, "5x5")["details"][-2:] == [(None, "18-23"), ("OT", "7-5")]
    walkover = {"outcome": "walkover", "winner": 1, "score": [0, 0], "games": []}
    assert score_summary(walkover) == {"score": None, "outcome": "walkover", "details": []}
    team = {"outcome": "normal", "winner": 0, "score": [3, 1], "rubbers": [
        {"discipline": "MS", "score": [2, 0]}, {"discipline": "WS", "score": [1, 2]}]}
    assert score_summary(team)["details"] == [("MS", "2-0"), ("WS", "1-2")]
    named = {**team, "rubbers": [{"discipline": "MD", "score": [2, 1], "players": [["张一", "陈三"], ["王一", "周三"]]}]}
    assert score_summary(named)["details"] == [("MD", "张一/陈三 2-1 王一/周三")]
    assert detail_text(score_summary(team)["details"], {"MS": "男单", "WS": "女单"}.get) == "男单 2-0 女单 1-2"
    assert detail_text(score_summary(basketball, "5x5")["details"]) == "20-18 15-17 25-20 18-23 OT 7-5"
    assert score_summary(None)["score"] is None


def test_race_names_and_times():
    assert text(race_name("heat", 1, 2, 2, 1)) == "Heat 2"
    assert text(race_name("heat", 2, 1, 1, 2)) == "Run 2 · Heat 1"
    assert [text(race_name(s, 2, 1, None, 1)) for s in ("final_a", "final_b", "final", "semi")] == [
        "Final A", "Final B", "Final", "Semi-final 1"]
    assert lane_time({"status": "OK", "time_ms": 58_000, "penalty_ms": 10_000, "total_ms": 68_000}) == {
        "time": "1:08.00", "status": "OK", "penalty": "10.00"}
    assert lane_time({"status": "DNF", "time_ms": None, "penalty_ms": 0, "total_ms": None}) == {
        "time": "", "status": "DNF", "penalty": ""}


def test_a_race_by_lane_and_a_match_by_number():
    rec = {"stage": "heat", "round": 2, "position": 1, "heat": 1, "entries": [7, 8, None],
           "plan": {"lanes": [4, 2, 3]}, "result": {"lanes": [
               {"entry_id": 7, "status": "OK", "total_ms": 61_230, "penalty_ms": 0},
               {"entry_id": 8, "status": "DSQ", "total_ms": None, "penalty_ms": 0}]}}
    rows = lane_rows(rec, {7: {"name": "一号艇", "delegation": "长春"}, 8: {"name": "二号艇"}})
    assert [(r["lane"], r["name"], r["time"], r["status"]) for r in rows] == [
        (2, "二号艇", "", "DSQ"), (3, None, "", None), (4, "一号艇", "1:01.23", "OK")]
    assert text(match_name(rec, runs=2)) == "Run 2 · Heat 1"
    assert text(match_name({"stage": "main", "round": 1, "position": 3, "plan": {}})) == "Match 3"


def test_only_steps_after_the_main_criterion_are_explained():
    rows = [{"name": "A", "tie_break": "head_to_head"}, {"name": "B", "tie_break": "points"},
            {"name": "C", "tie_break": "head_to_head_difference"}, {"name": "D", "tie_break": None}]
    assert tie_notes(rows) == [{"above": "A", "below": "B", "step": "head-to-head"},
                               {"above": "C", "below": "D", "step": "points difference in the games between them"}]


def test_a_match_named_on_its_own_says_where_it_stands_in_either_language():
    zh = {"Final": "决赛", "Match %(n)s": "第%(n)s场", "Group %(group)s": "%(group)s组", "Round %(n)s": "第%(n)s轮",
          "The match %(key)s is closed.": "比赛 %(key)s 已结束。"}.get
    final = {"stage": "main", "round": 3, "position": 1, "group": None, "plan": {}}
    name = full_match_name(final, "single_elimination", 3)
    assert name.render() == "Final · Match 1"
    assert name.render(lambda s: zh(s, s)) == "决赛 · 第1场"
    group = {"stage": "group", "round": 2, "position": 3, "group": "B", "plan": {}}
    assert full_match_name(group, "groups_knockout", 3).render(lambda s: zh(s, s)) == "B组 · 第2轮 · 第3场"
    outer = msg("The match %(key)s is closed.", key=name)  # a name inside a message is rendered with it
    assert outer.render(lambda s: zh(s, s)) == "比赛 决赛 · 第1场 已结束。"
