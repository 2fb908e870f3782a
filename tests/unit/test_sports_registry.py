"""The sports registry: every sport declared, contest definitions checked field by field."""
import pytest

from common.errors import Invalid
from competitions.sports import SPORTS, get_sport, roster_rule, validate_contest_definition


def errors_of(*args):
    with pytest.raises(Invalid) as info:
        validate_contest_definition(*args)
    return info.value.errors


def test_the_four_sports_are_registered_with_their_kinds():
    assert {code: s.kind for code, s in SPORTS.items()} == {
        "badminton": "head_to_head", "basketball": "head_to_head", "ice_dragon_boat": "timed",
        "photography": "judged"}
    assert set(SPORTS["badminton"].disciplines) == {"MS", "WS", "MD", "WD", "XD", "team"}
    assert set(SPORTS["basketball"].disciplines) == {"5x5", "3x3"}


def test_defaults_come_from_the_rules():
    _, fmt, settings = validate_contest_definition("badminton", "MS", {"type": "single_elimination"}, None)
    assert (settings["points_to_win"], settings["cap"], settings["games_to_win"]) == (21, 30, 2)
    assert fmt == {"type": "single_elimination", "third_place": False, "seeds": 0}
    _, _, bb = validate_contest_definition("basketball", "5x5", {"type": "round_robin"}, {})
    assert (bb["points_win"], bb["points_loss"], bb["points_forfeit"], bb["forfeit_score"]) == (2, 1, 0, 20)
    _, _, three = validate_contest_definition("basketball", "3x3", {"type": "round_robin"}, {})
    assert (three["points_limit"], three["roster_min"], three["roster_max"]) == (21, 3, 4)


def test_local_notice_cap_of_25_is_a_setting():
    _, _, settings = validate_contest_definition("badminton", "MS", {"type": "round_robin"}, {"cap": 25})
    assert settings["cap"] == 25


def test_unknown_sport_is_refused_on_the_sport_field():
    assert list(errors_of("curling", None, {"type": "round_robin"}, {})) == ["sport"]
    with pytest.raises(Invalid):
        get_sport(None)


def test_unknown_discipline_format_and_setting_name_their_fields():
    errs = errors_of("badminton", "XX", {"type": "swiss"}, {})
    assert set(errs) == {"discipline", "format.type"}
    errs = errors_of("badminton", "MS", {"type": "round_robin", "cycles": 3}, {"colour": "red", "cap": 99})
    assert set(errs) == {"format.cycles", "settings.colour", "settings.cap"}


def test_a_sport_refuses_formats_it_does_not_use():
    assert "format.type" in errors_of("ice_dragon_boat", None, {"type": "single_elimination"}, {})
    assert "format.type" in errors_of("photography", "single", {"type": "round_robin"}, {})


def test_cross_field_rules():
    assert "settings.cap" in errors_of("badminton", "MS", {"type": "round_robin"}, {"points_to_win": 21, "cap": 15})
    assert "settings.roster_min" in errors_of("basketball", "5x5", {"type": "round_robin"},
                                              {"roster_min": 10, "roster_max": 8})
    assert "settings.score_min" in errors_of("photography", "single", {"type": "judged"}, {"score_min": 10})
    _, _, three = validate_contest_definition("photography", "single", {"type": "judged"},
                                              {"judges": 3, "drop_extremes": True})  # the middle score counts
    assert (three["judges"], three["drop_extremes"]) == (3, True)


def test_settings_of_another_discipline_are_unknown():
    assert "settings.points_limit" in errors_of("basketball", "5x5", {"type": "round_robin"}, {"points_limit": 21})


def test_wrong_types_are_refused():
    errs = errors_of("badminton", "MS", {"type": "single_elimination", "third_place": "maybe"},
                     {"cap": "thirty", "delete_withdrawn_results": 3})
    assert set(errs) == {"format.third_place", "settings.cap", "settings.delete_withdrawn_results"}
    assert "format" in errors_of("badminton", "MS", "single_elimination", {})
    assert "settings" in errors_of("badminton", "MS", {"type": "round_robin"}, [1, 2])


def test_groups_knockout_needs_groups_and_qualifiers():
    errs = errors_of("basketball", "5x5", {"type": "groups_knockout"}, {})
    assert set(errs) == {"format.groups", "format.qualifiers_per_group"}


@pytest.mark.parametrize("discipline,genders,players", [
    ("MS", {"M": (1, 1)}, (1, 1)), ("XD", {"M": (1, 1), "F": (1, 1)}, (2, 2)),
    ("team", {"M": (2, None), "F": (2, None)}, (4, 8))])
def test_badminton_rosters(discipline, genders, players):
    _, _, settings = validate_contest_definition("badminton", discipline, {"type": "round_robin"}, {})
    rule = roster_rule("badminton", discipline, settings)
    assert rule.genders == genders and rule.roles["player"] == players


def test_mixed_twelve_person_dragon_boat_crew():
    _, _, settings = validate_contest_definition("ice_dragon_boat", None, {"type": "timed_heats", "lanes": 4},
                                                 {"boat": 12, "class": "mixed", "distance_m": 200})
    rule = roster_rule("ice_dragon_boat", None, settings)
    assert rule.roles == {"paddler": (10, 10), "drummer": (1, 1), "steerer": (1, 1), "reserve": (0, 2)}
    assert rule.genders == {"M": (4, 6), "F": (4, 6)} and rule.gender_roles == ("paddler",)
    assert (rule.min_members, rule.max_members) == (12, 14)


def test_dragon_boat_has_no_discipline_code():
    assert "discipline" in errors_of("ice_dragon_boat", "12", {"type": "timed_heats", "lanes": 4}, {})
    assert "settings.boat" in errors_of("ice_dragon_boat", None, {"type": "timed_heats", "lanes": 4}, {"boat": 7})


@pytest.mark.parametrize("boat,reserves", [(22, 2), (12, 2), (5, 1), (4, 1)])
def test_a_boat_takes_as_many_reserves_as_it_allows_when_the_setting_is_not_given(boat, reserves):
    _, _, settings = validate_contest_definition("ice_dragon_boat", None, {"type": "timed_heats", "lanes": 4},
                                                 {"boat": boat})
    assert settings["reserves"] == reserves
    assert "settings.reserves" in errors_of("ice_dragon_boat", None, {"type": "timed_heats", "lanes": 4},
                                            {"boat": 5, "reserves": 2})
