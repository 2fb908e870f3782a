"""Words and figures of the live pages: round and race names, score lines, times, tie-break notes."""
from competitions.live_format import lane_time, race_name, round_name, score_summary, slot_label, tie_notes


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


def test_slots_waiting_for_a_group_place_say_which():
    assert text(slot_label("B2")) == "Group B #2" and slot_label(None) is None


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


def test_only_steps_after_the_main_criterion_are_explained():
    rows = [{"name": "A", "tie_break": "head_to_head"}, {"name": "B", "tie_break": "points"},
            {"name": "C", "tie_break": "head_to_head_difference"}, {"name": "D", "tie_break": None}]
    assert tie_notes(rows) == [{"above": "A", "below": "B", "step": "head-to-head"},
                               {"above": "C", "below": "D", "step": "points difference in the games between them"}]
