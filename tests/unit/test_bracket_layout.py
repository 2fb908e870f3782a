"""Bracket layout: rounds as columns, matches between their feeders, no overlaps, lines to the right slot."""
from competitions.bracket_layout import Geometry, layout
from scheduling.draw import Entry
from scheduling.formats import build

GEO = Geometry()


def stage_of(fmt: dict, n: int, stage: str = "main") -> dict:
    """One stage of a real bracket from the formats core, shaped like ``bracket_view``."""
    bracket = build(fmt, [Entry(i, i % 3) for i in range(1, n + 1)], [], 1, False)
    rounds: dict[int, list] = {}
    for m in bracket.matches.values():
        if m.stage == stage:
            plan = {"winner_to": [m.winner_to.key, m.winner_to.slot]} if m.winner_to else {}
            rounds.setdefault(m.round, []).append({"key": m.key, "plan": plan, "status": m.status})
    return {"stage": stage, "rounds": [{"round": r, "matches": ms} for r, ms in rounds.items()]}


def centre(box: dict) -> float:
    return GEO.centre_y(box["y"])


def test_eight_entries_halve_round_by_round():
    out = layout(stage_of({"type": "single_elimination"}, 8))
    boxes = out["boxes"]
    assert [c["x"] for c in out["columns"]] == [0, GEO.box_w + GEO.gap_x, 2 * (GEO.box_w + GEO.gap_x)]
    assert [boxes[f"main-1-{i}"]["y"] for i in range(1, 5)] == [GEO.head_h + i * GEO.pitch for i in range(4)]
    for r, p in ((2, 1), (2, 2), (3, 1)):
        a, b = boxes[f"main-{r - 1}-{2 * p - 1}"], boxes[f"main-{r - 1}-{2 * p}"]
        assert boxes[f"main-{r}-{p}"]["y"] == (a["y"] + b["y"]) / 2
    assert out["width"] == 3 * GEO.box_w + 2 * GEO.gap_x
    assert out["height"] == boxes["main-1-4"]["y"] + GEO.box_h
    assert len(out["lines"]) == 6 and not any(line["done"] for line in out["lines"])


def test_a_line_ends_on_the_slot_it_fills():
    out = layout(stage_of({"type": "single_elimination"}, 4))
    final = out["boxes"]["main-2-1"]
    ends = sorted(float(line["d"].rsplit("V", 1)[1].split("H")[0]) for line in out["lines"])
    assert ends == [GEO.slot_y(final["y"], 0), GEO.slot_y(final["y"], 1)]
    first = out["lines"][0]["d"]
    assert first.startswith(f"M{GEO.box_w} {centre(out['boxes']['main-1-1']):g}H")
    assert first.endswith(f"H{GEO.box_w + GEO.gap_x}")


def test_losers_rounds_with_one_feeder_stay_level_and_never_overlap():
    out = layout(stage_of({"type": "double_elimination"}, 8, "losers"))
    boxes = out["boxes"]
    assert boxes["losers-2-1"]["y"] == boxes["losers-1-1"]["y"]
    assert boxes["losers-2-2"]["y"] == boxes["losers-1-2"]["y"]
    assert boxes["losers-3-1"]["y"] == (boxes["losers-2-1"]["y"] + boxes["losers-2-2"]["y"]) / 2
    for x in {b["x"] for b in boxes.values()}:
        tops = sorted(b["y"] for b in boxes.values() if b["x"] == x)
        assert all(b - a >= GEO.pitch for a, b in zip(tops, tops[1:]))


def test_rounds_given_out_of_order_are_drawn_left_to_right_and_finished_lines_marked():
    stage = {"stage": "main", "rounds": [
        {"round": 2, "matches": [{"key": "main-2-1", "plan": {}, "status": "ready"}]},
        {"round": 1, "matches": [{"key": "main-1-1", "plan": {"winner_to": ["main-2-1", 0]}, "status": "finished"},
                                 {"key": "main-1-2", "plan": {"winner_to": ["main-2-1", 1]}, "status": "bye"}]}]}
    out = layout(stage)
    assert [c["round"] for c in out["columns"]] == [1, 2] and out["boxes"]["main-2-1"]["x"] > 0
    assert [line["done"] for line in out["lines"]] == [True, True]


def test_links_to_other_stages_draw_no_line_and_an_empty_stage_has_no_size():
    stage = {"stage": "third_place", "rounds": [
        {"round": 1, "matches": [{"key": "third_place-1-1", "plan": {"winner_to": ["main-9-9", 0]}, "status": "ready"}]}]}
    out = layout(stage)
    assert out["lines"] == [] and out["boxes"]["third_place-1-1"] == {"x": 0, "y": GEO.head_h}
    assert layout({"stage": "main", "rounds": []})["width"] == 0
