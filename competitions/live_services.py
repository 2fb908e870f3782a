"""The public results pages of a contest: its bracket, group tables, heat lists and final places.

Everyone sees them once the draw is published; the event's organisers see them before, as a
preview. Each use case returns what its page shows: the contest, whether the actor may see the draw
(``visible``) and whether it is a preview, then plain dicts with names, delegations and the labels of
``result_words``. A page that does not apply to the contest's format is NotFound.
"""
from __future__ import annotations

from typing import Mapping

from accounts.models import User
from common.errors import N_, Message, NotFound, msg
from competitions import bracket_parts
from competitions.bracket_layout import layout
from competitions.result_words import (BRACKET_STAGES, PAGES, group_name, lane_rows, match_sides, race_name,
                                       round_name, score_summary, stage_heading, tie_notes)
from competitions.sports.timed_race_rules import rank_crews
from competitions.standings import ranking, standings
from scheduling.draw_services import get_contest, visible_draw
from scheduling.match_services import bracket_view, entry_names, list_matches


def live_contest(actor: User | None, contest_id: int, page: str | None = None) -> dict:
    """The contest and what the actor sees of it: ``{contest, pages, visible, preview, withdrawn}`` (the entries
    withdrawn since the draw; NotFound off-format)."""
    contest = get_contest(contest_id)
    pages = PAGES.get(contest.format["type"], ())
    if page is not None and page not in pages:
        raise NotFound(N_("This contest has no such page."))
    draw = visible_draw(actor, contest)
    return {"contest": contest, "pages": pages, "visible": draw is not None,
            "preview": draw is not None and not draw.published, "withdrawn": set(draw.withdrawn) if draw else set()}


def match_box(m: dict, names: dict, discipline: str | None) -> dict:
    """A match as a bracket box or a results line: its slots, score details and when and where."""
    summary = score_summary(m["result"], discipline)
    slots = [dict(side, score=summary["score"][i] if summary["score"] else None)
             for i, side in enumerate(match_sides(m, names))]
    return {"key": m["key"], "round": m["round"], "status": m["status"], "slots": slots,
            "outcome": summary["outcome"], "details": summary["details"],
            "void": all(s["bye"] for s in slots), "scheduled_at": m["scheduled_at"], "court": m["court"],
            "venue": m["venue"], "plan": m["plan"]}


def _podium(stages: list[dict]) -> dict | None:
    """The champion and runner-up once the match for first place is decided (a grand final may need a reset)."""
    for stage in stages:
        for r in stage["all_rounds"]:
            for m in r["matches"]:
                plan, winner = m["plan"] or {}, m["winner_slot"]
                ends_if = plan.get("ends_if")
                if plan.get("winner_place") == 1 and m["status"] == "finished" and ends_if in (None, winner):
                    return {"champion": m["slots"][winner], "runner_up": m["slots"][1 - winner]}
    return None


def _stage(stage: dict, fmt: str, names: dict, discipline: str | None, part: str | None) -> dict:
    """One elimination stage: its name, its rounds in order with their names and boxes, and its layout; a large
    one only the ``part`` asked for (the first section by default), with every part to choose from."""
    rounds = sorted(stage["rounds"], key=lambda r: r["round"])
    last = rounds[-1]["round"]
    full = [{"round": r["round"], "name": round_name(fmt, stage["stage"], r["round"], last),
             "matches": [dict(match_box(m, names, discipline), winner_slot=m["winner"]) for m in r["matches"]]}
            for r in rounds]
    out = {"stage": stage["stage"], "name": stage_heading(fmt, stage["stage"]), "rounds": full, "all_rounds": full,
           "parts": []}
    where = bracket_parts.sections(stage)
    if where:
        choices = bracket_parts.parts(where)
        shown = next((p for p in choices if str(p) == part), choices[0])
        out["rounds"] = bracket_parts.part_of({"rounds": full}, shown, where)["rounds"]
        out["parts"] = [{"value": str(p), "current": p == shown, "name": _part_name(out["stage"], p)}
                        for p in choices]
    out["layout"] = layout({"rounds": out["rounds"]})  # (the boxes carry each match's key, plan and status)
    return out


def _part_name(stage: str, part: int | str) -> Message:
    """A part's name: a main draw's section by its lines (as numbered on the draw sheet), another by number."""
    if part == bracket_parts.FINAL_ROUNDS:
        return msg(N_("Final rounds"))
    if stage == "losers":
        return msg(N_("Section %(n)s"), n=part + 1)
    lines = 2 * bracket_parts.MATCHES_PER_SECTION
    return msg(N_("Lines %(first)s–%(last)s"), first=part * lines + 1, last=(part + 1) * lines)


def bracket_page(actor: User | None, contest_id: int, parts: Mapping[str, str] | None = None) -> dict:
    """The contest's elimination stages by round with their layout, and the champion once decided.

    A stage of a large draw shows one part (``parts``: stage -> part, as ``_stage`` offers them)."""
    head = live_contest(actor, contest_id, "bracket")
    contest = head["contest"]
    names = entry_names(contest_id) if head["visible"] else {}
    parts = parts or {}
    stages = [_stage(s, contest.format["type"], names, contest.discipline, parts.get(s["stage"]))
              for s in bracket_view(actor, contest_id) if s["stage"] in BRACKET_STAGES]
    stages.sort(key=lambda s: BRACKET_STAGES.index(s["stage"]))
    return {**head, "stages": stages, "podium": _podium(stages)}


def group_tables(actor: User | None, contest_id: int) -> dict:
    """The group tables with the tie-break that separated rows, and each group's results by round."""
    head = live_contest(actor, contest_id, "standings")
    contest = head["contest"]
    found, _ = list_matches(actor, contest_id, stage="group")
    names = entry_names(contest_id) if found else {}
    last: dict = {}
    for m in found:
        last[m["group"]] = max(last.get(m["group"], 0), m["round"])
    played: dict = {}
    for m in found:
        played.setdefault(m["group"], []).append(dict(
            match_box(m, names, contest.discipline),
            round_name=round_name(contest.format["type"], m["stage"], m["round"], last[m["group"]])))
    groups = [{"name": group_name(g["name"]), "complete": g["complete"], "rows": g["rows"],
               "notes": tie_notes(g["rows"]), "matches": played.get(g["name"], []),
               "lots": [{"names": [names.get(e, {}).get("name") or str(e) for e in lot["entries"]],
                         "recorded": lot["recorded"]} for lot in g.get("lots", [])]}
              for g in standings(actor, contest_id)["groups"]]
    return {**head, "groups": groups, "games": any("games_won" in row for g in groups for row in g["rows"])}


def _race(rec: dict, names: dict, settings: dict, runs: int) -> dict:
    """One heat or final: its crews by lane with their time, status, penalty and place in the race."""
    recorded = (rec["result"] or {}).get("lanes")
    places = {row["entry_id"]: row["place"] for row in rank_crews(settings, [rec["result"]])} if recorded else {}
    return {"key": rec["key"], "stage": rec["stage"], "status": rec["status"],
            "rows": [dict(row, place=places.get(row["entry_id"])) for row in lane_rows(rec, names)],
            "name": race_name(rec["stage"], rec["round"], rec["position"], rec["heat"], runs),
            "scheduled_at": rec["scheduled_at"], "court": rec["court"], "venue": rec["venue"]}


def heat_lists(actor: User | None, contest_id: int) -> dict:
    """The contest's races in draw order (heats, repechages, semi-finals, finals), lane by lane."""
    head = live_contest(actor, contest_id, "heats")
    contest = head["contest"]
    found, _ = list_matches(actor, contest_id)
    names = entry_names(contest_id) if found else {}
    runs = contest.format.get("runs", 1)
    return {**head, "races": [_race(rec, names, contest.settings, runs) for rec in found]}


def final_places(actor: User | None, contest_id: int) -> dict:
    """The contest's places so far (shared places flagged) and whether they are final."""
    head = live_contest(actor, contest_id, "places")
    found = ranking(actor, contest_id)
    counts: dict = {}
    for item in found["items"]:
        counts[item["place"]] = counts.get(item["place"], 0) + 1
    out = head["withdrawn"]  # (their place is where the walkovers left them: marked)
    items = [dict(item, shared=counts[item["place"]] > 1, withdrawn=item["entry_id"] in out)
             for item in found["items"]]
    return {**head, "final": found["final"], "items": items}
