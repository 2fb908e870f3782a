"""Words and figures of the public results pages: page list, stage and round names, score lines. Pure.

Names come back as ``Message`` (msgid + parameters) for the faces to translate; score details are
plain strings (``21-15``) with the outcome as a code the faces label with ``OUTCOMES``.
"""
from __future__ import annotations

import re
from typing import Mapping, Sequence

from common.errors import N_, Message, msg
from competitions.sports.timed_race_rules import format_time

#: format type -> the public pages that apply, in menu order
PAGES: dict[str, tuple[str, ...]] = {
    "single_elimination": ("bracket", "places"),
    "double_elimination": ("bracket", "places"),
    "round_robin": ("standings", "places"),
    "groups_knockout": ("standings", "bracket", "places"),
    "timed_heats": ("heats", "places"),
    "judged": (),
}

#: the stages drawn as a bracket, in page order
BRACKET_STAGES = ("main", "knockout", "third_place", "losers", "final")

#: the criteria that rank a whole group: a row ahead on them needs no explaining
PRIMARY = ("matches_won", "ties_won", "wins", "points")

TIE_BREAKS = {
    "matches_won": N_("matches won"),
    "ties_won": N_("ties won"),
    "wins": N_("wins"),
    "points": N_("classification points"),
    "rubbers_won": N_("rubbers won"),
    "game_difference": N_("game difference"),
    "point_difference": N_("point difference"),
    "head_to_head": N_("head-to-head"),
    "head_to_head_difference": N_("points difference in the games between them"),
    "head_to_head_ratio": N_("points ratio in the games between them"),
    "head_to_head_scored": N_("points scored in the games between them"),
    "difference": N_("points difference in all group games"),
    "ratio": N_("points ratio in all group games"),
    "scored": N_("points scored in all group games"),
    "average_scored": N_("average points scored (forfeits excluded)"),
    "seeding": N_("seeding"),
    "lots": N_("drawing of lots"),
}

OUTCOMES = {
    "walkover": N_("w/o"),
    "retired": N_("Ret."),
    "disqualified": N_("DSQ"),
    "forfeit": N_("forfeit"),
    "default": N_("default"),
}

RUBBERS = {"MS": N_("MS"), "WS": N_("WS"), "MD": N_("MD"), "WD": N_("WD"), "XD": N_("XD")}

RACE_STATUSES = {"pending": N_("Waiting for crews"), "ready": N_("To race"), "finished": N_("Finished"), "bye": N_("Bye")}

_LABEL = re.compile(r"^([A-Za-z]+)(\d+)$")


def stage_name(fmt: str, stage: str) -> str | None:
    """The heading of a bracket stage (None where its round names say it all: one bracket, third place)."""
    if fmt == "double_elimination":
        return {"main": N_("Winners' bracket"), "losers": N_("Losers' bracket"), "final": N_("Grand final")}.get(stage)
    return None


def round_name(fmt: str, stage: str, round_: int, last: int) -> Message:
    """A round's name: 决赛, 半决赛, 1/4决赛, else 第N轮 (double elimination: per bracket)."""
    if stage == "third_place":
        return msg(N_("Third-place match"))
    if stage == "final":
        return msg(N_("Grand final")) if round_ == 1 else msg(N_("Grand final reset"))
    if fmt == "double_elimination":
        if round_ == last:
            return msg(N_("Winners' final")) if stage == "main" else msg(N_("Losers' final"))
        return msg(N_("Round %(n)s"), n=round_)
    names = {last: N_("Final"), last - 1: N_("Semi-finals"), last - 2: N_("Quarter-finals")}
    return msg(names[round_]) if round_ in names else msg(N_("Round %(n)s"), n=round_)


def slot_label(label: str | None) -> Message | None:
    """Who will fill an empty slot of a knockout after groups: ``A1`` -> group A, 1st."""
    found = _LABEL.match(label or "")
    if not found:
        return None if label is None else msg(label)
    return msg(N_("Group %(group)s #%(rank)s"), group=found.group(1), rank=int(found.group(2)))


def group_name(name: str | None) -> Message | None:
    """The heading of a group table (None for the single table of a round robin)."""
    return None if name is None else msg(N_("Group %(group)s"), group=name)


def race_name(stage: str, round_: int, position: int, heat: int | None, runs: int) -> Message:
    """A race's name: Heat 2, Run 2 · Heat 1, Repechage 1, Semi-final 2, Final A..."""
    number = heat or position
    if stage == "heat":
        if runs > 1:
            return msg(N_("Run %(run)s · Heat %(n)s"), run=round_, n=number)
        return msg(N_("Heat %(n)s"), n=number)
    names = {"repechage": N_("Repechage %(n)s"), "semi": N_("Semi-final %(n)s")}
    if stage in names:
        return msg(names[stage], n=number)
    return msg({"final_a": N_("Final A"), "final_b": N_("Final B")}.get(stage, N_("Final")))


def _pairs(pairs: Sequence) -> list[str]:
    return [f"{a}-{b}" for a, b in pairs]


def score_summary(result: Mapping | None, discipline: str | None = None) -> dict:
    """A result as shown in a bracket box: ``{score: [a, b] | None, outcome, details: [(prefix, text)]}``.

    ``score`` is what each line shows (games, rubbers or points won); ``details`` the games or periods
    (``21-15``; an overtime has the prefix ``OT``), or the rubbers (prefix ``MS``, text ``2-0``).
    Prefixes are msgids (or None) for the faces to translate.
    """
    if not result:
        return {"score": None, "outcome": None, "details": []}
    outcome = result.get("outcome") or "normal"
    if "rubbers" in result:
        details = [(RUBBERS.get(r.get("discipline"), r.get("discipline")), "-".join(map(str, r["score"])))
                   for r in result["rubbers"] if r.get("score")]
    elif "periods" in result:
        regular = 4 if discipline == "5x5" else 1
        details = [(N_("OT") if i >= regular else None, p) for i, p in enumerate(_pairs(result["periods"]))]
    else:
        details = [(None, p) for p in _pairs(result.get("games") or [])]
    score = result.get("score")
    shown = None if outcome == "walkover" or score is None else list(score)
    return {"score": shown, "outcome": None if outcome == "normal" else outcome, "details": details}


def lane_time(lane: Mapping) -> dict:
    """A crew's time in a race as shown: ``{time, penalty, status}`` (times to 0.01 s)."""
    ok = lane.get("status", "OK") == "OK"
    penalty = lane.get("penalty_ms") or 0
    return {"time": format_time(lane.get("total_ms")) if ok else "", "status": lane.get("status", "OK"),
            "penalty": format_time(penalty) if penalty else ""}


def tie_notes(rows: Sequence[Mapping]) -> list[dict]:
    """Why a row stands above the next one when it was not on the group's main criterion.

    ``[{above, below, step}]`` with the rows' names and the tie-break label.
    """
    notes = []
    for upper, lower in zip(rows, rows[1:]):
        code = upper.get("tie_break")
        if code and code not in PRIMARY:
            notes.append({"above": upper.get("name"), "below": lower.get("name"),
                          "step": TIE_BREAKS.get(code, code)})
    return notes
