"""The words and figures every results page and sheet uses: page list per format, stage/round/race/group
names, outcomes, score lines, tie-break words. Pure.

Names come back as ``Message`` (msgid + parameters): a page translates them with ``web.i18n.translate``,
a sheet with ``Message.render(gettext)``. Score details are plain strings (``21-15``) with the outcome
as a code the faces name with ``OUTCOMES`` (in full) or ``OUTCOME_MARKS`` (in a bracket box).
"""
from __future__ import annotations

import re
from typing import Callable, Mapping, Sequence

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

#: stage code -> its name
STAGES = {"main": N_("Main draw"), "losers": N_("Losers' bracket"), "final": N_("Final"),
          "third_place": N_("Third-place match"), "group": N_("Group stage"), "knockout": N_("Knockout stage"),
          "heat": N_("Heats"), "repechage": N_("Repechage"), "semi": N_("Semi-finals"),
          "final_a": N_("Final A"), "final_b": N_("Final B")}
#: a double elimination names its two brackets' ends differently
DOUBLE_STAGES = {"main": N_("Winners' bracket"), "final": N_("Grand final")}
#: formats whose rounds' names do not say which stage they belong to
_HEADED = ("double_elimination", "timed_heats")
#: the last rounds of a knockout, from the final back
_KNOCKOUT_ROUNDS = (N_("Final"), N_("Semi-finals"), N_("Quarter-finals"))

#: outcome code -> its name (the organisers' choices and score lines)
OUTCOMES = {"normal": N_("Played to the end"), "walkover": N_("Walkover"), "retired": N_("Retired"),
            "disqualified": N_("Disqualified"), "forfeit": N_("Forfeit"), "default": N_("Lost by default")}
#: the same outcomes where room is short: a bracket box, a line of group results
OUTCOME_MARKS = {"walkover": N_("w/o"), "retired": N_("Ret."), "disqualified": N_("DSQ"),
                 "forfeit": N_("forfeit"), "default": N_("default")}
#: why a crew has no time in a race
LANE_STATUSES = {"DNS": N_("did not start"), "DNF": N_("did not finish"), "DSQ": N_("disqualified")}

RUBBERS = {"MS": N_("MS"), "WS": N_("WS"), "MD": N_("MD"), "WD": N_("WD"), "XD": N_("XD")}

RACE_STATUSES = {"pending": N_("Waiting for crews"), "ready": N_("To race"), "finished": N_("Finished"),
                 "bye": N_("Bye")}

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

_LABEL = re.compile(r"^([A-Za-z]+)(\d+)$")


def stage_name(fmt: str, stage: str) -> Message:
    """A stage's name: 胜者组, 败者组, 总决赛 in a double elimination; 小组赛, 预赛, A组决赛..."""
    names = DOUBLE_STAGES if fmt == "double_elimination" and stage in DOUBLE_STAGES else STAGES
    return msg(names.get(stage, stage))


def stage_heading(fmt: str, stage: str) -> Message | None:
    """A stage's heading above its rounds or races; None where the round names say it all (one bracket, groups)."""
    return stage_name(fmt, stage) if fmt in _HEADED else None


def _double_round(stage: str, round_: int, last: int) -> Message:
    if stage == "final":
        return msg(N_("Grand final")) if round_ == 1 else msg(N_("Grand final reset"))
    if round_ == last:
        return msg(N_("Winners' final")) if stage == "main" else msg(N_("Losers' final"))
    return msg(N_("Round %(n)s"), n=round_)


def round_name(fmt: str, stage: str, round_: int, last: int) -> Message | None:
    """A round's name: 决赛, 半决赛, 1/4决赛 in a knockout, else 第N轮 (double elimination: per bracket).

    A timed contest's rounds are named by their races (None), but for the run of a heat rowed twice.
    """
    if fmt == "timed_heats":
        return msg(N_("Run %(n)s"), n=round_) if stage == "heat" and last > 1 else None
    if stage == "third_place":
        return msg(N_("Third-place match"))
    if fmt == "double_elimination":
        return _double_round(stage, round_, last)
    if stage in ("main", "knockout") and last - round_ < len(_KNOCKOUT_ROUNDS):
        return msg(_KNOCKOUT_ROUNDS[last - round_])
    return msg(N_("Round %(n)s"), n=round_)


def slot_label(label: str | None) -> Message | None:
    """Who will fill an empty slot of a knockout after groups: ``A1`` -> group A, 1st."""
    found = _LABEL.match(label or "")
    if not found:
        return None if label is None else msg(label)
    return msg(N_("Group %(group)s #%(rank)s"), group=found.group(1), rank=int(found.group(2)))


def group_name(name: str | None) -> Message | None:
    """The heading of a group (None for the single table of a round robin)."""
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


def match_sides(rec: Mapping, names: Mapping) -> list[dict]:
    """A match's slots: entry, name, delegation, whether it won, a bye, and who will come to an empty one."""
    entries, plan = rec["entries"], rec.get("plan") or {}
    closed = plan.get("closed") or [False] * len(entries)
    labels = plan.get("labels") or [None] * len(entries)
    sides = []
    for entry, shut, label in zip(entries, closed, labels):
        info = names.get(entry, {}) if entry is not None else {}
        sides.append({"entry_id": entry, "name": info.get("name"), "delegation": info.get("delegation"),
                      "bye": entry is None and bool(shut), "label": slot_label(label) if entry is None else None,
                      "winner": entry is not None and entry == rec.get("winner_entry_id")})
    return sides


def match_name(rec: Mapping, runs: int = 1) -> Message:
    """A match record's name in a list: a race's name (Heat 2, Final A), else Match n."""
    if (rec.get("plan") or {}).get("lanes"):
        return race_name(rec["stage"], rec["round"], rec["position"], rec.get("heat"), runs)
    return msg(N_("Match %(n)s"), n=rec["position"])


def full_match_name(rec: Mapping, fmt: str, last: int, runs: int = 1) -> Message:
    """A match named on its own, outside any list: ``Semi-finals · Match 2``, ``Group B · Match 3``, ``Heat 2``."""
    if (rec.get("plan") or {}).get("lanes"):
        return match_name(rec, runs)
    parts = [stage_heading(fmt, rec["stage"]), group_name(rec.get("group")),
             round_name(fmt, rec["stage"], rec["round"], last), match_name(rec)]
    shown = [p for p in parts if p is not None]
    return msg(" · ".join(f"%(p{i})s" for i in range(len(shown))), **{f"p{i}": p for i, p in enumerate(shown)})


def _pairs(pairs: Sequence) -> list[str]:
    return [f"{a}-{b}" for a, b in pairs]


def _rubber_text(rubber: Mapping) -> str:
    """A rubber's score, between its players when they were recorded: ``2-0``, ``张一 2-0 王一``, ``A/B 1-2 C/D``."""
    score = "-".join(map(str, rubber["score"]))
    players = rubber.get("players")
    return f"{'/'.join(players[0])} {score} {'/'.join(players[1])}" if players else score


def score_summary(result: Mapping | None, discipline: str | None = None) -> dict:
    """A result as shown in a bracket box: ``{score: [a, b] | None, outcome, details: [(prefix, text)]}``.

    ``score`` is what each line shows (games, rubbers or points won); ``details`` the games or periods
    (``21-15``; an overtime has the prefix ``OT``), or the rubbers (prefix ``MS``, text ``2-0`` or, with its
    players, ``张一 2-0 王一``).
    Prefixes are msgids (or None) for the faces to translate.
    """
    if not result:
        return {"score": None, "outcome": None, "details": []}
    outcome = result.get("outcome") or "normal"
    if "rubbers" in result:
        details = [(RUBBERS.get(r.get("discipline"), r.get("discipline")), _rubber_text(r))
                   for r in result["rubbers"] if r.get("score")]
    elif "periods" in result:
        regular = 4 if discipline == "5x5" else 1
        details = [(N_("OT") if i >= regular else None, p) for i, p in enumerate(_pairs(result["periods"]))]
    else:
        details = [(None, p) for p in _pairs(result.get("games") or [])]
    score = result.get("score")
    shown = None if outcome == "walkover" or score is None else list(score)
    return {"score": shown, "outcome": None if outcome == "normal" else outcome, "details": details}


def detail_text(details: Sequence[tuple[str | None, str]], gettext: Callable[[str], str] | None = None) -> str:
    """``score_summary``'s details in one line: ``21-19 17-21``, ``18-23 OT 7-5``, ``MS 2-0 WS 1-2``."""
    return " ".join(f"{gettext(prefix) if gettext else prefix} {text}" if prefix else text
                    for prefix, text in details)


def lane_time(lane: Mapping) -> dict:
    """A crew's time in a race as shown: ``{time, penalty, status}`` (times to 0.01 s)."""
    ok = lane.get("status", "OK") == "OK"
    penalty = lane.get("penalty_ms") or 0
    return {"time": format_time(lane.get("total_ms")) if ok else "", "status": lane.get("status", "OK"),
            "penalty": format_time(penalty) if penalty else ""}


def lane_rows(rec: Mapping, names: Mapping) -> list[dict]:
    """A race's crews in lane order: lane, entry, name, delegation and, once recorded, ``lane_time``'s figures."""
    entries = rec["entries"]
    lanes = (rec.get("plan") or {}).get("lanes") or [None] * len(entries)
    done = {lane["entry_id"]: lane for lane in (rec.get("result") or {}).get("lanes", [])}
    rows = []
    for lane, entry in sorted(zip(lanes, entries), key=lambda p: (p[0] is None, p[0] or 0)):
        info = names.get(entry, {}) if entry is not None else {}
        rows.append({"lane": lane, "entry_id": entry, "name": info.get("name"), "delegation": info.get("delegation"),
                     **(lane_time(done[entry]) if entry in done else {"time": "", "status": None, "penalty": ""})})
    return rows


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
