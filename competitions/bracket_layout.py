"""Where the boxes and connecting lines of one bracket stage go on a page: rounds as columns. Pure.

``layout(stage)`` takes one stage of ``match_services.bracket_view`` (``{stage, rounds: [{round,
matches}]}``, each match with ``key``, ``plan`` and ``status``) and places every match box:

* a round is a column, rounds left to right in order;
* a match fed by earlier matches of the same stage (``plan.winner_to``) stands at the middle of its
  feeders, so a round that halves the field sits between its pairs and a losers' round with one
  feeder per match stays level with it; a match without feeders in the stage (the first round, a
  losers' round fed from the main bracket) takes the next free place of its column;
* boxes of a column never overlap;
* a line runs from the middle of each feeder's right edge to the line of the slot it fills.

Coordinates are CSS pixels from the top left of the drawing; the template sizes its boxes with the
same ``Geometry``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping


@dataclass(frozen=True)
class Geometry:
    """The sizes of a match box and of the gaps between them (pixels)."""

    box_w: int = 160
    line_h: int = 22
    foot_h: int = 18
    pad: int = 3
    gap_x: int = 24
    gap_y: int = 10
    head_h: int = 30

    @property
    def box_h(self) -> int:
        """A box: two entry lines, a footer line (score details or time) and the padding."""
        return 2 * self.line_h + self.foot_h + 2 * self.pad

    @property
    def pitch(self) -> int:
        """The distance between the tops of two boxes one above the other."""
        return self.box_h + self.gap_y

    def slot_y(self, top: float, slot: int) -> float:
        """The middle of a slot's line in a box whose top is at ``top``."""
        return top + self.pad + (slot + 0.5) * self.line_h

    def centre_y(self, top: float) -> float:
        """The middle of a box's two entry lines, where its outgoing line leaves."""
        return top + self.pad + self.line_h


DEFAULT = Geometry()


def feeders(stage: Mapping) -> dict[str, list[str]]:
    """The keys of the matches of the stage whose winner goes on to each match."""
    keys = {m["key"] for r in stage["rounds"] for m in r["matches"]}
    out: dict[str, list[str]] = {}
    for r in stage["rounds"]:
        for m in r["matches"]:
            link = (m.get("plan") or {}).get("winner_to")
            if link and link[0] in keys:
                out.setdefault(link[0], []).append(m["key"])
    return out


def _place_column(matches: list, tops: dict, feeders: dict, geo: Geometry) -> None:
    """The tops of one column's boxes: the middle of their feeders, else the next free place."""
    floor = float(geo.head_h)
    for m in matches:
        fed = [tops[k] for k in feeders.get(m["key"], []) if k in tops]
        top = sum(fed) / len(fed) if fed else floor
        top = max(top, floor)
        tops[m["key"]] = top
        floor = top + geo.pitch


def layout(stage: Mapping, geo: Geometry = DEFAULT) -> dict:
    """Boxes, column headers and lines of a stage: ``{width, height, columns, boxes, lines, geometry}``.

    ``columns``: ``[{round, x}]`` in round order; ``boxes``: key -> ``{x, y}`` (top left); ``lines``:
    ``[{d, done}]`` with ``d`` an SVG path and ``done`` whether the feeding match has its winner;
    ``geometry``: the sizes the page gives its boxes (``box_w, box_h, line_h, foot_h, pad, head_h``).
    """
    rounds = sorted(stage["rounds"], key=lambda r: r["round"])
    feeders_of = feeders(stage)
    tops: dict[str, float] = {}
    columns, boxes = [], {}
    for i, r in enumerate(rounds):
        x = i * (geo.box_w + geo.gap_x)
        columns.append({"round": r["round"], "x": x})
        _place_column(r["matches"], tops, feeders_of, geo)
        for m in r["matches"]:
            boxes[m["key"]] = {"x": x, "y": round(tops[m["key"]], 1)}
    lines = []
    for r in rounds:
        for m in r["matches"]:
            link = (m.get("plan") or {}).get("winner_to")
            if not link or link[0] not in boxes:
                continue
            src, dst = boxes[m["key"]], boxes[link[0]]
            x1, x2 = src["x"] + geo.box_w, dst["x"]
            xm = x1 + geo.gap_x / 2
            y1, y2 = geo.centre_y(src["y"]), geo.slot_y(dst["y"], link[1])
            lines.append({"d": f"M{x1:g} {y1:g}H{xm:g}V{y2:g}H{x2:g}",
                          "done": m.get("status") in ("finished", "bye")})
    width = max((c["x"] + geo.box_w for c in columns), default=0)
    height = max((b["y"] + geo.box_h for b in boxes.values()), default=0)
    sizes = {"box_w": geo.box_w, "box_h": geo.box_h, "line_h": geo.line_h, "foot_h": geo.foot_h, "pad": geo.pad,
             "head_h": geo.head_h}
    return {"width": width, "height": height, "columns": columns, "boxes": boxes, "lines": lines, "geometry": sizes}
