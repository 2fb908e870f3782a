"""Put the demo's competition engine to work: entries, draws and some results, through the services only."""
from __future__ import annotations

from accounts.models import User
from competitions.models import Contest
from competitions.result_services import record_result
from competitions.venue_services import update_contest
from demo import results_data
from demo.people import People
from registrations.entry_decisions import approve_entries
from registrations.entry_services import register_entry
from scheduling.draw_services import make_draw, publish_draw
from scheduling.match_services import list_matches


def play_demo(organiser: User, contests: dict[str, tuple[Contest, dict]], leaders: dict[str, User],
              closed_window: dict) -> None:
    """Enter, approve, draw, publish and half play the badminton singles, basketball and dragon boat contests."""
    people = People()
    badminton, basketball, boat = results_data.BADMINTON, results_data.BASKETBALL, results_data.DRAGON_BOAT
    rosters = {
        "badminton": [{"members": [people.person(d, "M")]} for d in badminton["entries"]],
        "basketball": [{"name": f"{results_data.SHORT_NAMES[d]}男篮", "members": [people.person(d, "M", "player")
                                                               for _ in range(basketball["players"])]}
                       for d in basketball["entries"]],
        "boat": [{"name": f"{results_data.SHORT_NAMES[d]}龙舟队", "members": _crew(people, d)} for d in boat["entries"]],
    }
    for plan, key in ((badminton, "badminton"), (basketball, "basketball"), (boat, "boat")):
        contest, fields = contests[plan["contest"]]
        ids = [register_entry(leaders[d], contest.id, entry).id for d, entry in zip(plan["entries"], rosters[key])]
        update_contest(organiser, contest.id, {**fields, **closed_window})
        approve_entries(organiser, ids)
        make_draw(organiser, contest.id, {"random_seed": plan["random_seed"], "seeds": ids[:plan.get("seeded", 0)]})
        publish_draw(organiser, contest.id, {"published": True})
        for stage, score in plan.get("results", []):
            match = _next_ready(organiser, contest.id, stage)
            record_result(organiser, match["id"], {"version": match["version"], **score})
        for stage, times in plan.get("races", []):
            match = _next_ready(organiser, contest.id, stage)
            lanes = [{"entry_id": e, "time_ms": t, "status": "OK"} for e, t in zip(match["entries"], times)]
            record_result(organiser, match["id"], {"version": match["version"], "lanes": lanes})


def _crew(people: People, delegation: str) -> list[dict]:
    """A mixed 12-seat crew: five men and five women paddling, a drummer and a steerer."""
    return ([people.person(delegation, "M", "paddler") for _ in range(5)]
            + [people.person(delegation, "F", "paddler") for _ in range(5)]
            + [people.person(delegation, "F", "drummer"), people.person(delegation, "M", "steerer")])


def _next_ready(organiser: User, contest_id: int, stage: str) -> dict:
    """The contest's first ready match of ``stage`` (by group, round and position)."""
    ready, _ = list_matches(organiser, contest_id, stage=stage, status="ready")
    return min(ready, key=lambda m: (m["group"] or "", m["round"], m["position"]))
