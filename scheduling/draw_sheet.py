"""What a contest's draw shows, for the organisers' draw page and the printable draw sheet (抽签表).

``sheet_data`` turns the stored draw and its matches into plain values by format: the first-round
lines of a knockout, the groups with their rounds, the rounds of a round robin, or the drawn races
with their lanes; groups, rounds and races named as on the results pages (``result_words``, through
``gettext``). The page previews it; ``draw_sheet`` prints it with ``scheduling.draw_sheet_pdf``.
"""
from __future__ import annotations

from typing import Callable
from zoneinfo import ZoneInfo

from accounts.models import User
from common.errors import N_, Message, NotFound
from competitions.models import Contest
from competitions.result_words import group_name, race_name, round_name, stage_name
from competitions.services import require_manager
from competitions.sports import FORMAT_LABELS, SPORTS
from scheduling.draw import max_seeds
from scheduling.draw_services import approved_entries, draw_of, get_contest, results_recorded, visible_draw
from scheduling.draw_sheet_pdf import render_draw_sheet
from scheduling.match_services import entry_names, list_matches
from scheduling.models import Draw

KNOCKOUTS = ("single_elimination", "double_elimination")


def _same(text: str) -> str:
    return text


def seed_numbers(contest: Contest, draw: Draw) -> dict[int, int]:
    """Entry id -> seed number, for the seeds the format used (a knockout keeps its first ``format.seeds``)."""
    seeds = list(draw.seeds or [])
    if contest.format.get("type") in KNOCKOUTS:
        seeds = seeds[:contest.format.get("seeds") or len(seeds)]
    return {entry: number for number, entry in enumerate(seeds, 1)}


def seed_limit(contest: Contest, entries: int) -> int:
    """How many seeds the contest may have: a knockout by its size (BWF) and format, else every entry."""
    if contest.format.get("type") not in KNOCKOUTS:
        return entries
    cap = max_seeds(entries)
    return min(contest.format.get("seeds") or cap, cap)


def _side(entry_id: int | None, names: dict, seeds: dict) -> dict | None:
    if entry_id is None:
        return None
    known = names.get(entry_id, {})
    return {"id": entry_id, "name": known.get("name"), "delegation": known.get("delegation"),
            "seed": seeds.get(entry_id)}


def _bracket(records: list[dict], names: dict, seeds: dict) -> list[dict]:
    """The first-round lines of the main draw, top first, byes marked."""
    lines: list[dict] = []
    for rec in records:
        if rec["stage"] != "main" or rec["round"] != 1:
            continue
        closed = (rec["plan"] or {}).get("closed") or [False] * len(rec["entries"])
        for entry, bye in zip(rec["entries"], closed):
            lines.append({"line": len(lines) + 1, **(_side(entry, names, seeds) or {}), "bye": bool(bye)})
    return lines


def _rounds(records: list[dict], members: list[int], names: dict, seeds: dict, say: Callable) -> list[dict]:
    """Round-robin matches by round (a group's rounds are named as a round robin's), with who sits each one out."""
    rounds: dict[int, list] = {}
    for rec in records:
        home, away = (rec["entries"] + [None, None])[:2]
        rounds.setdefault(rec["round"], []).append({"position": rec["position"], "home": _side(home, names, seeds),
                                                    "away": _side(away, names, seeds), "entries": rec["entries"]})
    out = []
    for number, found in rounds.items():
        playing = {e for m in found for e in m.pop("entries")}
        out.append({"round": number, "name": say(round_name("round_robin", "group", number, len(rounds))),
                    "matches": found, "resting": [_side(e, names, seeds) for e in members if e not in playing]})
    return out


def _groups(records: list[dict], options: dict, names: dict, seeds: dict, say: Callable) -> list[dict]:
    """Each group with its members in drawn order and its matches by round."""
    return [{"name": name, "title": say(group_name(name)), "members": [_side(e, names, seeds) for e in members],
             "rounds": _rounds([r for r in records if r["stage"] == "group" and r["group"] == name], members,
                               names, seeds, say)}
            for name, members in (options.get("groups") or {}).items()]


def _drawn_race(rec: dict) -> bool:
    """Whether the draw placed this race's crews: the heats (both runs), or the one final of a small field."""
    drawn = rec["stage"] == "heat" or (rec["stage"] == "final" and rec["round"] == 1)
    return drawn and any(e is not None for e in rec["entries"])


def _races(records: list[dict], names: dict, seeds: dict, runs: int, say: Callable) -> list[dict]:
    """The races the draw filled, each with its name and its crews by lane."""
    return [{"name": say(race_name(rec["stage"], rec["round"], rec["position"], rec["heat"], runs)),
             "lanes": [dict(_side(e, names, seeds) or {}, lane=lane)
                       for lane, e in zip((rec["plan"] or {}).get("lanes") or [], rec["entries"])]}
            for rec in records if _drawn_race(rec)]


def _format_part(contest: Contest, draw: Draw, records: list[dict], names: dict, gettext: Callable) -> dict:
    """The part of the sheet that depends on the format."""
    kind, seeds = contest.format.get("type"), seed_numbers(contest, draw)

    def say(message: Message | None) -> str:
        return message.render(gettext) if message is not None else ""

    if kind in KNOCKOUTS:
        return {"bracket": _bracket(records, names, seeds), "losers_bracket": kind == "double_elimination"}
    if kind == "groups_knockout":
        knockout = [{"position": r["position"], "labels": (r["plan"] or {}).get("labels") or []}
                    for r in records if r["stage"] == "knockout" and r["round"] == 1]
        return {"groups": _groups(records, draw.options or {}, names, seeds, say), "knockout": knockout,
                "knockout_name": say(stage_name(kind, "knockout"))}
    if kind == "round_robin":
        return {"rounds": _rounds(records, list(draw.entry_ids or []), names, seeds, say)}
    if kind == "timed_heats":
        return {"races": _races(records, names, seeds, contest.format.get("runs", 1), say)}
    return {}


def build_sheet(contest: Contest, draw: Draw, records: list[dict], names: dict,
                gettext: Callable[[str], str] = _same) -> dict:
    """The draw sheet's values from the loaded draw and match records (labels through ``gettext``)."""
    sport = SPORTS[contest.sport]
    sport_label = gettext(sport.label)
    if contest.discipline in sport.disciplines:
        sport_label += " · " + gettext(sport.disciplines[contest.discipline].label)
    made_at = draw.made_at.astimezone(ZoneInfo(contest.event.timezone)).strftime("%Y-%m-%d %H:%M")
    return {"event": contest.event.name, "contest": contest.name, "sport": sport_label,
            "format": gettext(FORMAT_LABELS.get(contest.format.get("type"), contest.format.get("type", ""))),
            "entries": len(draw.entry_ids or []),
            "random_seed": draw.random_seed, "made_at": made_at, "published": draw.published,
            "separate_delegations": draw.separate_delegations,
            **_format_part(contest, draw, records, names, gettext)}


def sheet_data(actor: User | None, contest_id: int, gettext: Callable[[str], str] = _same) -> dict:
    """The draw sheet's values (organisers always; the public once the draw is published), or NotFound."""
    contest = get_contest(contest_id)
    draw = visible_draw(actor, contest)
    if draw is None:
        raise NotFound(N_("This contest has no published draw yet."))
    records, _ = list_matches(actor, contest_id)
    return build_sheet(contest, draw, records, entry_names(contest_id), gettext)


def draw_sheet(actor: User | None, contest_id: int, lang: str = "zh",
               gettext: Callable[[str], str] = _same) -> tuple[Contest, bytes]:
    """The printable draw sheet (抽签表) of a contest as PDF, with a CJK font embedded."""
    data = sheet_data(actor, contest_id, gettext)
    return get_contest(contest_id), render_draw_sheet(data, lang)


def draw_page(actor: User | None, contest_id: int, gettext: Callable[[str], str] = _same) -> dict:
    """The organisers' draw page: the approved entries with names, the seed limit, the draw and its preview."""
    contest = get_contest(contest_id)
    require_manager(actor, contest.event_id)
    names = entry_names(contest_id)
    entries = [{"id": e.id, **names.get(e.id, {})} for e in approved_entries(contest_id)]
    draw = draw_of(contest_id)
    sheet = None
    if draw is not None:
        sheet = build_sheet(contest, draw, list_matches(actor, contest_id)[0], names, gettext)
    return {"contest": contest, "entries": entries, "draw": draw, "sheet": sheet,
            "seeds": seed_numbers(contest, draw) if draw is not None else {},
            "seed_limit": seed_limit(contest, len(entries)),
            "locked": draw is not None and results_recorded(contest_id)}
