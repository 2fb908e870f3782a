"""Roster rules on an entry's members: roles, sex composition, ages, one person once, clean fields."""
from datetime import date

import pytest

from common.errors import ErrorBag, Invalid, msg
from competitions.sports import roster_rule, validate_contest_definition
from registrations.roster import age_on, clean_member, parse_day, person_key, person_keys, validate_members

ON = date(2025, 6, 18)
FORMATS = {"badminton": {"type": "round_robin"}, "basketball": {"type": "round_robin"},
           "ice_dragon_boat": {"type": "timed_heats", "lanes": 4}}


def rule_of(sport: str, discipline: str | None = None, **settings):
    discipline, _, clean = validate_contest_definition(sport, discipline, FORMATS[sport], settings)
    return roster_rule(sport, discipline, clean)


def check_digit(first17: str) -> str:
    total = sum(int(d) * (2 ** (17 - i) % 11) for i, d in enumerate(first17))
    return "10X98765432"[total % 11]


def id_for(born: str, seq: str) -> str:
    return "220102" + born + seq + check_digit("220102" + born + seq)


def people(count: int, gender: str, role: str | None = None, tag: str = "") -> list[dict]:
    return [{"name": f"{gender}{tag}{i}", "gender": gender, "role": role, "birth_date": f"1990-01-{i + 1:02d}"}
            for i in range(count)]


def errors(rule, members) -> dict:
    with pytest.raises(Invalid) as info:
        validate_members(rule, members, ON)
    for messages in info.value.errors.values():
        for m in messages:
            m.render()  # every placeholder is filled
    return {path: [m for m in messages] for path, messages in info.value.errors.items()}


def crew(men: int, women: int, extra=()) -> list[dict]:
    return (people(men, "M", "paddler") + people(women, "F", "paddler")
            + [{"name": "鼓手", "gender": "F", "role": "drummer"}, {"name": "舵手", "gender": "M", "role": "steerer"}]
            + list(extra))


@pytest.mark.parametrize("men,women", [(4, 6), (5, 5), (6, 4)])
def test_mixed_twelve_person_boat_accepts_four_to_six_of_each_sex(men, women):
    members = validate_members(rule_of("ice_dragon_boat", **{"class": "mixed"}), crew(men, women), ON)
    assert len(members) == 12 and sum(m["role"] == "paddler" for m in members) == 10


def test_mixed_boat_with_three_women_names_the_rule_for_both_sexes():
    found = errors(rule_of("ice_dragon_boat", **{"class": "mixed"}), crew(7, 3))
    assert list(found) == ["members"]
    by_msgid = {m.msgid: m.params for m in found["members"]}
    assert by_msgid["Women needed: %(min)s to %(max)s; this entry has %(count)s."] == {
        "min": 4, "max": 6, "count": 3, "roles": "paddler"}
    assert by_msgid["Men needed: %(min)s to %(max)s; this entry has %(count)s."]["count"] == 7


def test_drummer_and_steerer_do_not_count_towards_the_mix():
    extra = [{"name": "替补", "gender": "F", "role": "reserve"}]
    assert "members" in errors(rule_of("ice_dragon_boat", **{"class": "mixed"}), crew(7, 3, extra))


def test_default_role_is_the_rules_and_counts_per_role_are_checked():
    rule = rule_of("ice_dragon_boat", **{"class": "open"})
    members = [{"name": f"p{i}", "gender": "M"} for i in range(10)]
    found = errors(rule, members)["members"]
    assert {(m.params["role"].msgid, m.params["count"]) for m in found} == {("drummer", 0), ("steerer", 0)}
    three_reserves = crew(5, 5, [{"name": f"r{i}", "gender": "M", "role": "reserve"} for i in range(3)])
    assert errors(rule, three_reserves)["members"][0].params == {"role": msg("reserve"), "min": 0, "max": 2, "count": 3}


def test_womens_crew_names_each_man():
    found = errors(rule_of("ice_dragon_boat", **{"class": "women"}), crew(1, 9))
    assert list(found) == ["members.0.gender"]
    assert found["members.0.gender"][0].params == {"role": msg("paddler"), "member": "M0"}


def test_badminton_mixed_doubles_needs_one_man_and_one_woman():
    rule = rule_of("badminton", "XD")
    assert [m["gender"] for m in validate_members(rule, people(1, "M") + people(1, "F"), ON)] == ["M", "F"]
    found = errors(rule, people(2, "M"))["members"]
    assert {(m.msgid.split(":")[0], m.params["count"]) for m in found} == {("Men needed", 2), ("Women needed", 0)}
    with_coach = people(1, "M") + people(1, "F") + [{"name": "教练", "gender": "M", "role": "coach"}]
    assert len(validate_members(rule, with_coach, ON)) == 3


def test_badminton_team_needs_two_men_and_two_women():
    rule = rule_of("badminton", "team")
    assert len(validate_members(rule, people(2, "M") + people(2, "F"), ON)) == 4
    found = errors(rule, people(3, "M") + people(1, "F"))["members"]
    assert [m.msgid for m in found] == ["Women needed: at least %(min)s; this entry has %(count)s."]
    too_few = errors(rule, people(2, "M") + people(1, "F"))["members"]
    assert too_few[0].params == {"role": msg("player"), "min": 4, "max": 8, "count": 3}


def test_basketball_five_a_side_takes_twelve_players_and_two_coaches():
    rule = rule_of("basketball", "5x5")
    team = people(12, "M") + people(2, "M", "coach", tag="c")
    assert len(validate_members(rule, team, ON)) == 14
    too_many = errors(rule, people(13, "M"))["members"]
    assert too_many[0].render() == "Role player: 5 to 12 needed; this entry has 13."
    assert errors(rule, people(4, "M"))["members"][0].params["count"] == 4
    coaches = errors(rule, people(5, "M") + people(3, "M", "coach", tag="c"))["members"][0]
    assert coaches.render() == "Role coach: at most 2 allowed; this entry has 3."
    zh = {"Role %(role)s: at most %(max)s allowed; this entry has %(count)s.": "%(role)s最多 %(max)s 人，本队有 %(count)s 人。",
          "coach": "教练"}
    assert coaches.render(lambda s: zh.get(s, s)) == "教练最多 2 人，本队有 3 人。", "the role is named in the language too"


def test_three_by_three_has_no_place_for_a_coach():
    found = errors(rule_of("basketball", "3x3"), people(3, "F") + people(1, "F", "coach", tag="c"))
    assert list(found) == ["members.3.role"]


def test_a_photographer_sent_as_a_player_is_the_entry_s_author():
    rule = roster_rule("photography", "single", {})
    assert [m["role"] for m in validate_members(rule, people(1, "F", "player"), ON)] == ["author"]
    assert [m["role"] for m in validate_members(rule, people(1, "F"), ON)] == ["author"]
    assert list(errors(rule, people(1, "F", "coach"))) == ["members.0.role"]


def test_one_person_twice_by_id_number_or_by_name_and_birth_date():
    rule = rule_of("basketball", "5x5")
    number = id_for("19900101", "123")
    twice = people(5, "M") + [{"name": "别名", "gender": "M", "id_number": number},
                              {"name": "李雷", "gender": "M", "id_number": number.lower()}]
    assert errors(rule, twice)["members.6.id_number"][0].params["other"] == 6
    same_name = people(5, "M") + [{"name": "张 三", "gender": "M", "birth_date": "1991-02-03"},
                                  {"name": "张三", "gender": "M", "birth_date": "1991-02-03"}]
    assert list(errors(rule, same_name)) == ["members.6.name"]
    namesakes = people(5, "M") + [{"name": "张三", "gender": "M", "id_number": id_for("19910203", "111")},
                                  {"name": "张三", "gender": "M", "id_number": id_for("19910203", "113")}]
    assert len(validate_members(rule, namesakes, ON)) == 7  # two people: different ID numbers


def test_age_limits_apply_to_paddlers_on_the_given_date():
    rule = rule_of("ice_dragon_boat", age_min=18, age_max=60)
    members = crew(5, 5)
    members[0]["birth_date"] = "2007-06-19"  # 17 on ON, 18 the day after
    members[1]["birth_date"] = "2007-06-18"  # 18 today
    members[2]["birth_date"] = "1964-06-18"  # 61 today
    del members[3]["birth_date"]
    members[10]["birth_date"] = "2010-01-01"  # the drummer is exempt
    found = errors(rule, members)
    assert sorted(found) == ["members.0.birth_date", "members.2.birth_date", "members.3.birth_date"]
    assert found["members.0.birth_date"][0].params == {"member": "M0", "date": "2025-06-18", "min": 18, "age": 17}
    assert found["members.2.birth_date"][0].params["age"] == 61
    assert "age limit" in found["members.3.birth_date"][0].msgid
    assert age_on(date(2000, 2, 29), date(2018, 2, 28)) == 17 and age_on(date(2000, 2, 29), date(2018, 3, 1)) == 18


def test_wrong_check_digit_names_the_member():
    members = people(1, "M") + people(1, "F")
    members[1]["id_number"] = id_for("19900101", "124")[:17] + "9"
    found = errors(rule_of("badminton", "XD"), members)
    assert list(found) == ["members.1.id_number"]
    assert "check digit" in found["members.1.id_number"][0].msgid and found["members.1.id_number"][0].params == {
        "member": "F0"}


def test_birth_date_and_sex_must_agree_with_the_id_number():
    number = id_for("19900101", "123")  # a man born on 1990-01-01
    found = errors(rule_of("badminton", "MS"), [{"name": "王五", "gender": "F", "birth_date": "1990-01-02",
                                                  "id_number": number}])
    assert sorted(found) == ["members", "members.0.birth_date", "members.0.gender"]
    assert found["members.0.birth_date"][0].params["expected"] == "1990-01-01"
    member, = validate_members(rule_of("badminton", "MS"), [{"name": "王五", "gender": "男", "id_number": number}], ON)
    assert member == {"name": "王五", "gender": "M", "birth_date": date(1990, 1, 1), "id_number": number,
                      "role": "player", "phone": None}


@pytest.mark.parametrize("field,value,msgid_part", [
    ("name", "  ", "required"), ("name", "张\n三", "control"), ("name", "长" * 51, "At most"), ("name", 5, "text"),
    ("gender", None, "required"), ("gender", "X", "M or F"), ("birth_date", "1990-13-01", "date like"),
    ("birth_date", "2030-01-01", "real birth date"), ("birth_date", "1899-12-31", "real birth date"),
    ("role", "goalkeeper", "Unknown role"), ("phone", "12345", "mobile"), ("phone", "1381234567", "mobile")])
def test_bad_fields_are_named(field, value, msgid_part):
    member = {"name": "赵六", "gender": "M", field: value}
    found = errors(rule_of("badminton", "MS"), [member])
    assert msgid_part in found[f"members.0.{field}"][0].msgid


def test_fields_are_cleaned():
    bag = ErrorBag()
    raw = {"name": " 买买提·艾力 ", "gender": "f", "birth_date": "1990/5/1", "phone": "+86 138-1234-5678"}
    member = clean_member(bag, raw, "members.0.")
    assert not bag and member == {"name": "买买提·艾力", "gender": "F", "birth_date": date(1990, 5, 1),
                                  "id_number": None, "role": None, "phone": "13812345678"}
    for landline in ("0451-86123456", "045186123456", "010-62345678-123", "86123456"):
        assert clean_member(bag, {"name": "a", "gender": "M", "phone": landline}, "")["phone"] == landline
    assert not bag


def test_dates_in_the_usual_chinese_spellings():
    for text in ("1990-05-01", "1990/5/1", "1990年5月1日", "1990.5.1", "19900501", "1990-05-01 00:00:00"):
        assert parse_day(text) == date(1990, 5, 1), text
    assert parse_day(19900501) == date(1990, 5, 1)
    for bad in ("1990-02-30", "May 1990", "", None, 3.5, "1990"):
        assert parse_day(bad) is None


def test_roster_must_be_a_non_empty_list_of_objects():
    rule = rule_of("badminton", "MS")
    assert list(errors(rule, [])) == ["members"]
    assert list(errors(rule, "张三")) == ["members"]
    assert "members.0" in errors(rule, ["张三"])
    assert list(errors(rule, people(201, "M"))) == ["members"]


def test_person_key_identifies_a_person_across_the_event():
    number = id_for("19900101", "123")
    assert person_key({"name": "张三", "id_number": number}) == ("id", number)
    assert person_key({"name": "张 三", "birth_date": date(1990, 1, 1)}) == ("name", "张三", "1990-01-01")
    assert person_key({"name": "Li Lei", "birth_date": "1990-01-01"}) == person_key(
        {"name": "li lei", "birth_date": "1990-01-01"})
    assert person_key({"name": "张三"}) is None
    assert person_keys({"name": "张三", "id_number": number, "birth_date": date(1990, 1, 1)}) == [
        ("id", number), ("name", "张三", "1990-01-01")]


def small_crew(men: int, women: int, drummer: str | None = None) -> list[dict]:
    crew_ = people(men, "M", "paddler", "s") + people(women, "F", "paddler", "s")
    return crew_ + ([{"name": "鼓手", "gender": drummer, "role": "drummer"}] if drummer else [])


@pytest.mark.parametrize("men,women,drummer", [(2, 2, "M"), (2, 2, "F"), (1, 3, "M"), (3, 1, "F")])
def test_mixed_five_person_boat_takes_two_or_three_of_each_sex_drummer_included(men, women, drummer):
    rule = rule_of("ice_dragon_boat", boat=5, **{"class": "mixed"})
    members = validate_members(rule, small_crew(men, women, drummer), ON)
    assert len(members) == 5


@pytest.mark.parametrize("men,women,drummer", [(3, 1, "M"), (1, 3, "F"), (4, 0, "F")])
def test_mixed_five_person_boat_refuses_four_of_one_sex(men, women, drummer):
    found = errors(rule_of("ice_dragon_boat", boat=5, **{"class": "mixed"}), small_crew(men, women, drummer))
    assert list(found) == ["members"]


def test_four_and_twenty_two_person_boats_take_their_crews():
    four = rule_of("ice_dragon_boat", boat=4)
    assert four.roles == {"paddler": (4, 4), "reserve": (0, 1)}
    assert len(validate_members(four, small_crew(2, 2), ON)) == 4
    assert "members" in errors(four, small_crew(2, 1))
    mixed_four = rule_of("ice_dragon_boat", boat=4, **{"class": "mixed"})
    assert "members" in errors(mixed_four, small_crew(3, 1))
    water = rule_of("ice_dragon_boat", boat=22)
    assert water.roles == {"paddler": (20, 20), "drummer": (1, 1), "steerer": (1, 1), "reserve": (0, 2)}
    full = (people(20, "M", "paddler", "w") + [{"name": "鼓手", "gender": "F", "role": "drummer"},
                                              {"name": "舵手", "gender": "M", "role": "steerer"}])
    assert len(validate_members(water, full, ON)) == 22
