"""Photography: judges' scores, totals (sum, mean, extremes dropped), flagged ties, awards by quotas."""
from collections import Counter
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from common.errors import Invalid
from competitions.sports import validate_contest_definition
from competitions.sports.photography_rules import LEVELS, allocate_awards, rank_entries, total, validate_result

PROPS = settings(max_examples=80, deadline=None)


def settings_for(**given):
    return validate_contest_definition("photography", "single", {"type": "judged"}, given)[2]


S = settings_for()
SMALL = settings_for(award_first=1, award_second=2, award_third=0, award_excellence=1)


def errors(payload, s=S):
    with pytest.raises(Invalid) as info:
        validate_result("single", s, payload)
    return info.value.errors


def test_scores_within_the_scale_one_per_judge():
    assert validate_result("single", S, {"scores": [8, 9.5, 7, 10, 1]}) == {"scores": [8, 9.5, 7, 10, 1]}
    assert validate_result("single", S, {"scores": [8, 9, 7, 10]})["scores"] == [8, 9, 7, 10], "a judge stood aside"
    assert list(errors({"scores": [8, 11, 7]})) == ["scores.1"]
    assert list(errors({"scores": [8, 0, "9"]})) == ["scores.1", "scores.2"]
    assert list(errors({"scores": [8] * 6})) == ["scores"]
    assert list(errors({"scores": []})) == ["scores"]
    assert list(errors({"scores": [True]})) == ["scores.0"]
    assert list(errors({"scores": [8, 9]}, settings_for(drop_extremes=True))) == ["scores"]
    assert list(errors("8,9")) == ["result"]


def test_totals_sum_mean_and_extremes_dropped():
    scores = [8, 9.5, 7, 10, 1]
    assert total(S, scores) == Fraction(71, 2)
    assert total(settings_for(aggregate="mean"), scores) == Fraction(71, 10)
    assert total(settings_for(drop_extremes=True), scores) == Fraction(49, 2)
    assert total(settings_for(drop_extremes=True, aggregate="mean"), scores) == Fraction(49, 6)
    three = settings_for(judges=3, drop_extremes=True, aggregate="mean")  # a panel of 3: the middle score
    assert total(three, [6, 9.5, 8]) == 8


def test_a_judge_standing_aside_does_not_lower_a_sum():
    assert total(S, [8, 8, 8, 8]) == total(S, [8, 8, 8, 8, 8]) == 40
    assert total(settings_for(judges=3), [9, 6]) == Fraction(45, 2)


def test_ties_are_flagged_never_broken():
    rows = rank_entries(S, [{"entry_id": "x", "scores": [8, 8, 8]}, {"entry_id": "y", "scores": [9, 9, 9]},
                            {"entry_id": "z", "scores": [8, 8, 8]}, {"entry_id": "w", "scores": [1, 1, 1]}])
    assert [(r["entry_id"], r["rank"], r["tied"]) for r in rows] == [
        ("y", 1, False), ("x", 2, True), ("z", 2, True), ("w", 4, False)]
    assert rows[0]["total"] == 45.0


def entry(entry_id, score, author=None, delegation="D"):
    return {"entry_id": entry_id, "author": author or entry_id, "delegation": delegation, "scores": [score] * 5}


def awards(result):
    return [(r["entry_id"], r["award"], r["note"]) for r in result["rows"]]


def test_quotas_go_down_the_ranking_level_by_level():
    result = allocate_awards(SMALL, [entry(f"e{i}", 10 - i * 0.5) for i in range(6)])
    assert awards(result) == [("e0", "first", None), ("e1", "second", None), ("e2", "second", None),
                              ("e3", "excellence", None), ("e4", None, None), ("e5", None, None)]
    assert result["flags"] == []
    special = allocate_awards(settings_for(award_special=1, award_first=1), [entry("a", 9), entry("b", 8)])
    assert [r["award"] for r in special["rows"]] == ["special", "first"]


def test_one_ranked_award_per_author_for_the_best_entry():
    result = allocate_awards(SMALL, [entry("a1", 10, "A"), entry("a2", 9.5, "A"), entry("b1", 9, "B")])
    assert awards(result) == [("a1", "first", None), ("a2", None, "author_awarded"), ("b1", "second", None)]


def test_an_author_without_an_award_is_not_noted_as_already_awarded():
    s = settings_for(award_first=1, award_second=0, award_third=0, award_excellence=0)
    result = allocate_awards(s, [entry("x", 10, "X"), entry("y1", 9, "Y"), entry("y2", 8, "Y")])
    assert awards(result) == [("x", "first", None), ("y1", None, None), ("y2", None, None)]


def test_delegation_cap():
    s = settings_for(award_first=3, max_awards_per_delegation=1)
    result = allocate_awards(s, [entry("a", 10, delegation="X"), entry("b", 9, delegation="X"),
                                 entry("c", 8, delegation="Y")])
    assert awards(result) == [("a", "first", None), ("b", None, "delegation_cap"), ("c", "first", None)]


def test_a_tie_across_a_quota_boundary_is_flagged_for_the_chair():
    entries = [entry("a", 10), entry("b", 9), entry("c", 9), entry("d", 9), entry("e", 5)]
    result = allocate_awards(SMALL, entries)
    assert result["flags"] == [{"entries": ["b", "c", "d"], "provisional": ["second", "second", "excellence"],
                                "reasons": ["quota_boundary"]}]
    assert [r["flagged"] for r in result["rows"]] == [False, True, True, True, False]
    decided = allocate_awards(SMALL, entries, chair_order=["d", "b", "c"])
    assert decided["flags"] == [] and awards(decided)[1:4] == [("d", "second", None), ("b", "second", None),
                                                              ("c", "excellence", None)]


def test_a_tie_inside_one_level_needs_no_chair():
    result = allocate_awards(SMALL, [entry("a", 10), entry("b", 9), entry("c", 9), entry("d", 1)])
    assert result["flags"] == [] and [r["award"] for r in result["rows"]] == ["first", "second", "second",
                                                                             "excellence"]


def test_ties_inside_one_author_or_at_the_delegation_cap_are_flagged():
    same = allocate_awards(SMALL, [entry("a1", 9, "A"), entry("a2", 9, "A")])
    assert same["flags"][0]["reasons"] == ["same_author"]
    s = settings_for(award_first=3, max_awards_per_delegation=1)
    capped = allocate_awards(s, [entry("a", 9, delegation="X"), entry("b", 9, delegation="X")])
    assert capped["flags"][0]["reasons"] == ["delegation_cap"]


def test_the_tail_of_the_last_quota_is_flagged_too():
    result = allocate_awards(SMALL, [entry("a", 10), entry("b", 9), entry("c", 8), entry("d", 7), entry("e", 7)])
    assert result["flags"][0]["entries"] == ["d", "e"] and result["flags"][0]["provisional"] == ["excellence", None]


works = st.lists(st.tuples(st.integers(1, 10), st.integers(0, 4), st.integers(0, 2)), min_size=1, max_size=25)


@PROPS
@given(works, st.integers(0, 3))
def test_allocation_respects_quotas_authors_caps_and_ranking(items, cap):
    s = settings_for(award_special=1, award_first=2, award_second=3, award_third=3, award_excellence=4,
                     max_awards_per_delegation=cap)
    entries = [{"entry_id": i, "author": a, "delegation": d, "scores": [v, v, v]} for i, (v, a, d) in enumerate(items)]
    result = allocate_awards(s, entries)
    rows = result["rows"]
    assert sorted(r["entry_id"] for r in rows) == list(range(len(items)))
    given = Counter(r["award"] for r in rows if r["award"])
    assert all(given[level] <= s[key] for level, key in LEVELS)
    authors = Counter(r["author"] for r in rows if r["award"])
    assert max(authors.values(), default=0) <= 1
    assert all(authors[r["author"]] for r in rows if r["note"] == "author_awarded"), "only an awarded author's"
    if cap:
        assert max(Counter(r["delegation"] for r in rows if r["award"]).values(), default=0) <= cap
    order = [level for level, _ in LEVELS]
    levels = [order.index(r["award"]) for r in rows if r["award"]]
    assert levels == sorted(levels), "a better entry never gets a lower award"
    if len({r["total"] for r in rows}) == len(rows):
        assert result["flags"] == []
