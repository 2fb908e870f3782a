"""Timed races: lane results, penalties, times to 0.01 s, best/sum/final ranking, progression ties flagged."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from common.errors import Invalid
from competitions.sports import validate_contest_definition
from competitions.sports.timed_race_rules import (format_time, hundredths, parse_time, progression_tie, rank_crews,
                                                  validate_result)

PROPS = settings(max_examples=80, deadline=None)


def settings_for(**given):
    return validate_contest_definition("ice_dragon_boat", None, {"type": "timed_heats", "lanes": 4}, given)[2]


S = settings_for()


def race(*lanes):
    """A validated race from (entry, time_ms or status[, penalty_ms]) tuples."""
    items = []
    for lane in lanes:
        entry, value, *penalty = lane
        item = {"entry_id": entry, "penalty_ms": penalty[0] if penalty else 0}
        item.update({"status": value} if isinstance(value, str) else {"time_ms": value})
        items.append(item)
    return validate_result(None, S, {"lanes": items})


def errors(payload, entries=None):
    with pytest.raises(Invalid) as info:
        validate_result(None, S, payload, entries)
    return info.value.errors


def test_times_show_to_the_hundredth_in_result_sheet_style():
    assert format_time(61234) == "1:01.23"
    assert format_time(58400) == "58.40" and format_time(59999) == "59.99" and format_time(60000) == "1:00.00"
    assert format_time(125009) == "2:05.00" and format_time(None) == ""
    assert parse_time("1:01.23") == 61230 and parse_time("61.234") == 61234 and parse_time("58.4") == 58400
    for bad in ("1:75.00", "abc", "1:5.00", ""):
        with pytest.raises(ValueError):
            parse_time(bad)


def test_penalties_and_false_starts_add_to_the_time():
    r = validate_result(None, S, {"lanes": [{"entry_id": 1, "time_ms": 60000, "penalty_ms": 2000, "false_starts": 1},
                                            {"entry_id": 2, "status": "DNF"}]})
    assert r["lanes"][0] == {"entry_id": 1, "status": "OK", "time_ms": 60000, "penalty_ms": 12000, "total_ms": 72000}
    assert r["lanes"][1]["total_ms"] is None
    five = settings_for(false_start_penalty_ms=5000)
    assert validate_result(None, five, {"lanes": [{"entry_id": 1, "time_ms": 1, "false_starts": 2}]})["lanes"][0][
        "penalty_ms"] == 10000


def test_lane_errors_name_their_field():
    assert list(errors({"lanes": [{"entry_id": 1}]})) == ["lanes.0.time_ms"]
    assert list(errors({"lanes": [{"entry_id": 1, "time_ms": 5, "status": "LATE"}]})) == ["lanes.0.status"]
    assert list(errors({"lanes": [{"entry_id": 1, "time_ms": 5, "penalty_ms": -1}]})) == ["lanes.0.penalty_ms"]
    assert list(errors({"lanes": [{"time_ms": 5}]})) == ["lanes.0.entry_id"]

    def said(lane: dict, field: str) -> list[str]:
        return [m.msgid for m in errors({"lanes": [{"entry_id": 1, **lane}]})[f"lanes.0.{field}"]]
    # (in words a page asking for seconds can show: no milliseconds in them)
    assert said({"time_ms": 0}, "time_ms") == ["A time must be more than 0."]
    assert said({"time_ms": 1.5}, "time_ms") == ["Must be a whole number."]
    assert said({"time_ms": 5, "penalty_ms": -1}, "penalty_ms") == ["A penalty cannot be negative."]
    assert said({"time_ms": 10 ** 30}, "time_ms") == said({"time_ms": 86_400_000}, "time_ms") == [
        "A time must be under 24 hours."]
    assert said({"time_ms": 5, "penalty_ms": 10 ** 12}, "penalty_ms") == ["A penalty must be under 24 hours."]
    assert list(errors({"lanes": [{"entry_id": 1, "time_ms": 5, "false_starts": 10}]})) == ["lanes.0.false_starts"]
    assert validate_result(None, S, {"lanes": [{"entry_id": 1, "time_ms": 86_399_999, "false_starts": 9}]})
    assert list(errors({"lanes": [{"entry_id": 1, "time_ms": 5}, {"entry_id": 1, "time_ms": 6}]})) == [
        "lanes.1.entry_id"]
    assert list(errors({"lanes": [{"entry_id": 1, "time_ms": 5}]}, entries=[1, 2])) == ["lanes"]
    assert list(errors({"lanes": [{"entry_id": 3, "time_ms": 5}]}, entries=[1])) == ["lanes.0.entry_id"]
    assert list(errors({"lanes": []})) == ["lanes"]
    assert list(errors([])) == ["result"]
    for odd in ([1], {"id": 1}, True, 1.5):  # (a list or an object once made a 500: they cannot be looked up)
        assert list(errors({"lanes": [{"entry_id": odd, "time_ms": 5}]}, entries=[1])) == ["lanes.0.entry_id"], odd


def test_best_single_time_with_shared_places_and_unranked_crews_last():
    rows = rank_crews(S, [race(("a", 61234), ("b", 61239), ("c", 60000), ("d", "DSQ"), ("e", "DNF"), ("f", "DNS")),
                          race(("a", 62000), ("b", 63000), ("c", "DNF"), ("d", 59000))])
    assert [(r["entry_id"], r["place"], r["time"]) for r in rows] == [
        ("d", 1, "59.00"), ("c", 2, "1:00.00"), ("a", 3, "1:01.23"), ("b", 3, "1:01.23"), ("e", None, "DNF"),
        ("f", None, "DNS")]
    assert rows[0]["runs"] == [None, 59000]


def test_sum_of_two_runs_needs_both_runs_valid():
    rows = rank_crews(S, [race(("a", 60000), ("b", 59000), ("c", 58000), ("d", 61000)),
                          race(("a", 60000), ("b", 62000, 10000), ("c", "DSQ"))], ranking="sum")
    assert [(r["entry_id"], r["place"], r["time"], r["status"]) for r in rows] == [
        ("a", 1, "2:00.00", "OK"), ("b", 2, "2:11.00", "OK"), ("d", None, "DNS", "DNS"), ("c", None, "DSQ", "DSQ")]


def test_a_tie_at_the_progression_cut_is_flagged_not_broken():
    one = race(("a", 60000), ("b", 61000), ("c", 61005), ("d", 62000))
    rows = rank_crews(S, [one], ranking="final", cut=2)
    assert [(r["entry_id"], r["place"], r["decide"]) for r in rows] == [
        ("a", 1, None), ("b", 2, "rerace"), ("c", 2, "rerace"), ("d", 4, None)]
    assert progression_tie(rows) == ["b", "c"]
    lot = rank_crews(settings_for(tie_resolution="lot"), [one], cut=2)
    assert [r["decide"] for r in lot] == [None, "lot", "lot", None]
    assert progression_tie(rank_crews(S, [one], cut=3)) == [] and progression_tie(rank_crews(S, [one])) == []


lanes = st.lists(st.one_of(st.integers(30_000, 30_100), st.sampled_from(["DNS", "DNF", "DSQ"])),
                 min_size=1, max_size=8)


@PROPS
@given(lanes, st.integers(0, 8))
def test_ranking_properties(values, cut):
    rows = rank_crews(S, [race(*[(i, v) for i, v in enumerate(values)])], cut=cut or None)
    assert sorted(r["entry_id"] for r in rows) == list(range(len(values)))
    ranked = [r for r in rows if r["place"] is not None]
    assert all(r["place"] is None for r in rows[len(ranked):]), "unranked crews come after every finisher"
    for i, (x, y) in enumerate(zip(ranked, ranked[1:])):
        assert x["time_ms"] <= y["time_ms"]
        assert (x["place"] == y["place"]) == (x["time_ms"] == y["time_ms"])
        assert y["place"] in (x["place"], i + 2)
    flagged = progression_tie(rows)
    assert all(r["place"] == rows[cut - 1]["place"] for r in rows if r["entry_id"] in flagged)


@PROPS
@given(st.integers(1, 10_000_000))
def test_format_and_parse_round_trip_at_the_hundredth(ms):
    assert parse_time(format_time(ms)) == hundredths(ms) * 10
