"""The results dispatch: a sport's rules behind one interface, entry ids to slots and error paths back."""
import pytest

from common.errors import Invalid
from competitions.sports import SPORTS
from competitions.sports.results import rules_for, to_entry_paths, to_slots

BADMINTON = {"points_to_win": 21, "cap": 30, "games_to_win": 2, "delete_withdrawn_results": True}
BASKETBALL = {"points_win": 2, "points_loss": 1, "points_forfeit": 0, "forfeit_score": 20, "forfeits_to_nullify": 2,
              "tie_break": "difference"}


def test_every_registered_sport_has_rules():
    assert {code: rules_for(code).kind for code in SPORTS} == {
        "badminton": "head_to_head", "basketball": "head_to_head", "ice_dragon_boat": "timed", "photography": "judged"}
    with pytest.raises(Invalid) as err:
        rules_for("chess")
    assert "sport" in err.value.errors


def test_winner_entry_id_becomes_the_slot_and_version_is_dropped():
    assert to_slots({"version": 3, "winner_entry_id": 17, "outcome": "walkover"}, [12, 17]) == {
        "outcome": "walkover", "winner": 1}
    assert to_slots({"games": [[21, 3], [21, 5]]}, [12, 17]) == {"games": [[21, 3], [21, 5]], "winner": None}


def test_a_winner_that_is_not_in_the_match_is_refused_on_winner_entry_id():
    with pytest.raises(Invalid) as err:
        to_slots({"winner_entry_id": 99}, [12, 17])
    assert list(err.value.errors) == ["winner_entry_id"]
    with pytest.raises(Invalid):
        to_slots({"winner_entry_id": True}, [1, 17])  # a boolean is not entry 1
    with pytest.raises(Invalid) as err:
        to_slots([1, 2], [12, 17])
    assert list(err.value.errors) == ["result"]


def test_rubber_winners_are_translated_too():
    out = to_slots({"rubbers": [{"discipline": "MS", "outcome": "retired", "winner_entry_id": 12, "games": []}]},
                   [12, 17])
    assert out["rubbers"][0]["winner"] == 0 and "winner_entry_id" not in out["rubbers"][0]


def test_errors_on_the_slot_are_reported_on_the_field_the_client_sent():
    rules = rules_for("badminton")
    with pytest.raises(Invalid) as err:
        rules.validate("MS", BADMINTON, to_slots({"outcome": "walkover"}, [12, 17]))
    assert list(to_entry_paths(err.value).errors) == ["winner_entry_id"]
    renamed = to_entry_paths(Invalid.one("rubbers.2.winner", "x"))
    assert list(renamed.errors) == ["rubbers.2.winner_entry_id"]


def test_validate_dispatches_with_the_knockout_flag_and_the_crews():
    badminton = rules_for("badminton")
    result = badminton.validate("MS", BADMINTON, {"games": [[21, 19], [18, 21], [30, 29]]})
    assert badminton.winner(result) == 0 and result["score"] == [2, 1]
    with pytest.raises(Invalid) as err:
        badminton.validate("MS", BADMINTON, {"games": [[21, 20], [21, 10]]})
    assert list(err.value.errors) == ["games.0"]
    basketball = rules_for("basketball")
    with pytest.raises(Invalid) as err:
        basketball.validate("5x5", BASKETBALL, {"periods": [[20, 20], [20, 20], [20, 20], [20, 20]]})
    assert "periods.3" in err.value.errors
    race = rules_for("ice_dragon_boat")
    settings = {"false_start_penalty_ms": 10000}
    lanes = race.validate(None, settings, {"lanes": [{"entry_id": 5, "time_ms": 60000, "false_starts": 1}]},
                          crews=[5])["lanes"]
    assert lanes[0]["total_ms"] == 70000 and race.winner({"lanes": lanes}) is None
    with pytest.raises(Invalid):
        race.validate(None, settings, {"lanes": [{"entry_id": 5, "time_ms": 60000}]}, crews=[5, 6])


def test_group_tables_only_for_head_to_head_sports():
    rows = rules_for("badminton").rank_group("MS", BADMINTON, ["a", "b"], [
        ("a", "b", {"outcome": "normal", "winner": 1, "score": [0, 2], "games": [[10, 21], [10, 21]]})])
    assert [r["entry_id"] for r in rows] == ["b", "a"] and rows[0]["tie_break"] == "matches_won"
    with pytest.raises(ValueError):
        rules_for("ice_dragon_boat").rank_group(None, {}, [], [])
