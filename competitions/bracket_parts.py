"""A large draw shown in parts: sections of 64 lines and the final rounds, as printed draws do. Pure.

A stage whose first round has more than ``MATCHES_PER_SECTION`` matches (a draw of more than 64 lines)
is cut into sections: section *n* holds the first round's matches ``32n+1 .. 32n+32`` and every later
match fed only from them; the matches fed from more than one section make the *final rounds* part.
A phone then reads one part (at most 63 boxes, or the last rounds) instead of a drawing of 1,023.
Stages are ``match_services.bracket_view`` stages (``{stage, rounds: [{round, matches}]}``).
"""
from __future__ import annotations

from typing import Mapping

from competitions.bracket_layout import feeders

#: first-round matches per section (64 lines: the page of a printed draw)
MATCHES_PER_SECTION = 32
#: the part of the matches fed from several sections
FINAL_ROUNDS = "final"


def sections(stage: Mapping) -> dict[str, int | str]:
    """Match key -> its section (0, 1, ...) or ``FINAL_ROUNDS``; empty when the stage fits on one page."""
    rounds = sorted(stage["rounds"], key=lambda r: r["round"])
    fed = feeders(stage)
    if not rounds or sum(1 for m in rounds[0]["matches"] if not fed.get(m["key"])) <= MATCHES_PER_SECTION:
        return {}
    out: dict[str, int | str] = {}
    first = 0  # first-round matches met so far (a match with no feeder in the stage starts its own line)
    for r in rounds:
        for m in r["matches"]:
            parts = {out[k] for k in fed.get(m["key"], ()) if k in out}
            if not parts:
                out[m["key"]] = first // MATCHES_PER_SECTION
                first += 1
            else:
                out[m["key"]] = parts.pop() if len(parts) == 1 else FINAL_ROUNDS
    return out


def part_of(stage: Mapping, part: int | str, where: Mapping[str, int | str]) -> dict:
    """The stage with only the matches of one part (``where``: ``sections(stage)``), empty rounds left out."""
    rounds = [{**r, "matches": [m for m in r["matches"] if where.get(m["key"]) == part]} for r in stage["rounds"]]
    return {**stage, "rounds": [r for r in rounds if r["matches"]]}


def parts(where: Mapping[str, int | str]) -> list[int | str]:
    """The parts in reading order: the sections, then the final rounds."""
    found = set(where.values())
    return sorted(p for p in found if p != FINAL_ROUNDS) + ([FINAL_ROUNDS] if FINAL_ROUNDS in found else [])
