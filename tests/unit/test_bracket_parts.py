"""A large draw in parts: sections of 64 lines holding whole subtrees, then the final rounds."""
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from competitions.bracket_layout import feeders
from competitions.bracket_parts import FINAL_ROUNDS, MATCHES_PER_SECTION, part_of, parts, sections
from tests.unit.test_bracket_layout import stage_of


def test_a_draw_of_64_lines_is_one_page():
    assert sections(stage_of({"type": "single_elimination"}, 64)) == {}
    assert sections(stage_of({"type": "single_elimination"}, 33)) == {}


def test_a_draw_of_256_lines_has_four_sections_of_64_lines_and_the_last_two_rounds():
    stage = stage_of({"type": "single_elimination"}, 256)
    where = sections(stage)
    assert parts(where) == [0, 1, 2, 3, FINAL_ROUNDS]
    count = Counter(where.values())
    assert [count[p] for p in range(4)] == [63, 63, 63, 63], "32 + 16 + 8 + 4 + 2 + 1 matches: down to a quarter-final"
    assert sorted(k for k, p in where.items() if p == FINAL_ROUNDS) == ["main-7-1", "main-7-2", "main-8-1"]
    assert {where[f"main-1-{p}"] for p in range(1, 33)} == {0} and where["main-1-33"] == 1
    assert where["main-6-1"] == 0 and where["main-6-4"] == 3, "each quarter-final heads its own section"
    second = part_of(stage, 1, where)
    assert [r["round"] for r in second["rounds"]] == [1, 2, 3, 4, 5, 6]
    assert [m["key"] for m in second["rounds"][-1]["matches"]] == ["main-6-2"]


def test_a_draw_of_1024_lines_ends_with_the_last_sixteen():
    where = sections(stage_of({"type": "single_elimination"}, 1024))
    assert parts(where)[-1] == FINAL_ROUNDS and len(parts(where)) == 17
    assert Counter(where.values())[FINAL_ROUNDS] == 8 + 4 + 2 + 1


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 700), st.sampled_from(["single_elimination", "double_elimination"]),
       st.sampled_from(["main", "losers"]))
def test_every_match_is_in_one_part_with_the_matches_that_feed_it(n, fmt, stage_name):
    stage = stage_of({"type": fmt, "grand_final": "single"}, n, stage_name)
    keys = [m["key"] for r in stage["rounds"] for m in r["matches"]]
    where = sections(stage)
    if not where:
        first = min(stage["rounds"], key=lambda r: r["round"]) if stage["rounds"] else {"matches": []}
        assert len(first["matches"]) <= MATCHES_PER_SECTION or not keys
        return
    assert sorted(where) == sorted(keys), "every match in exactly one part"
    assert sum(len(r["matches"]) for p in parts(where) for r in part_of(stage, p, where)["rounds"]) == len(keys)
    for key, fed in feeders(stage).items():
        if where[key] != FINAL_ROUNDS:
            assert {where[k] for k in fed} == {where[key]}, "a section holds whole subtrees"
    if stage_name == "main":  # a section of a main bracket: at most 32 + 16 + ... + 1 boxes
        count = Counter(where.values())
        assert all(count[p] <= 2 * MATCHES_PER_SECTION - 1 for p in parts(where) if p != FINAL_ROUNDS)
