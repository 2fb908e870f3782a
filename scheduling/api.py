"""API: draws, matches, results, standings and ranking of a contest (API.md)."""
from __future__ import annotations

from flask import jsonify, request

from competitions import lots, race_ties, result_corrections, result_services, standings, withdrawals
from scheduling import draw_services, match_services
from web.api import (api_time, bp, created, current_user_or_401, current_user_or_none, json_body, listing,
                     page_args)


def match_json(rec: dict, tz: str | None = None) -> dict:
    """The API shape of a match record; ``entries`` (and ``lanes``, ``labels``) have one item per slot; times
    in the event's time zone ``tz`` (looked up when not given)."""
    tz = tz or match_services.timezone_of(rec["contest_id"])
    plan = rec["plan"] or {}
    return {"id": rec["id"], "contest_id": rec["contest_id"], "key": rec["key"], "stage": rec["stage"],
            "round": rec["round"], "position": rec["position"], "group": rec["group"], "heat": rec["heat"],
            "entries": rec["entries"], "labels": plan.get("labels"), "lanes": plan.get("lanes"),
            "status": rec["status"], "winner_entry_id": rec["winner_entry_id"], "result": rec["result"],
            "scheduled_at": api_time(rec["scheduled_at"], tz),
            "venue": rec["venue"], "court": rec["court"], "version": rec["version"]}


def draw_json(draw, matches: list[dict] | None = None) -> dict:
    """The API shape of a draw, with its matches when given."""
    tz = match_services.timezone_of(draw.contest_id)
    body = {"contest_id": draw.contest_id, "random_seed": draw.random_seed, "seeds": draw.seeds,
            "separate_delegations": draw.separate_delegations, "entry_ids": draw.entry_ids,
            "published": draw.published, "made_at": api_time(draw.made_at, tz), "version": draw.version,
            "withdrawn": draw.withdrawn}
    if matches is not None:
        body["matches"] = [match_json(m, tz) for m in matches]
    return body


def _optional_body() -> dict:
    return json_body() if request.get_data() else {}


@bp.post("/contests/<int:contest_id>/draw")
def make_draw(contest_id: int):
    """Draw the approved entries and generate every match (organiser; redraw until the first result)."""
    actor = current_user_or_401()
    draw = draw_services.make_draw(actor, contest_id, _optional_body())
    return created(draw_json(draw, match_services.list_matches(actor, contest_id)[0]))


@bp.get("/contests/<int:contest_id>/draw")
def get_draw(contest_id: int):
    """The draw's inputs (organisers; the public once published)."""
    return jsonify(draw_json(draw_services.get_draw(current_user_or_none(), contest_id)))


@bp.post("/contests/<int:contest_id>/draw/publish")
def publish_draw(contest_id: int):
    """Show the draw to the public, or hide it with {"published": false} (organiser)."""
    return jsonify(draw_json(draw_services.publish_draw(current_user_or_401(), contest_id, _optional_body())))


@bp.post("/contests/<int:contest_id>/withdrawals")
def withdraw_from_draw(contest_id: int):
    """Withdraw an entry after the draw, with a reason (organiser): its ready matches are walked over."""
    return jsonify(withdrawals.withdraw_entry(current_user_or_401(), contest_id, json_body()))


@bp.delete("/contests/<int:contest_id>/withdrawals/<int:entry_id>")
def reinstate_entry(contest_id: int, entry_id: int):
    """Take back a withdrawal, with a reason (organiser): the walkovers it gave are to be played again."""
    return jsonify(withdrawals.reinstate_entry(current_user_or_401(), contest_id, entry_id, json_body()))


@bp.post("/contests/<int:contest_id>/lots")
def record_lots(contest_id: int):
    """Record the order lots were drawn in for entries level in a finished group (organiser)."""
    return jsonify(lots.record_lots(current_user_or_401(), contest_id, json_body()))


@bp.get("/contests/<int:contest_id>/race-ties")
def race_ties_of(contest_id: int):
    """Crews of finished rounds with equal times, decided or not, and whether the next races wait (organiser)."""
    ties = race_ties.race_ties(current_user_or_401(), contest_id)
    return jsonify({"items": ties, "total": len(ties)})


@bp.post("/contests/<int:contest_id>/race-ties")
def decide_race_tie(contest_id: int):
    """Record the order a re-race or a lot gave crews of a finished round with equal times (organiser)."""
    return jsonify(race_ties.decide_race_tie(current_user_or_401(), contest_id, json_body()))


@bp.get("/contests/<int:contest_id>/matches")
def list_matches(contest_id: int):
    """The contest's matches in draw order (public once the draw is published); ?stage=, ?status=, paging."""
    paged = "page" in request.args or "per_page" in request.args
    page, per_page = page_args() if paged else (None, None)
    items, total = match_services.list_matches(current_user_or_none(), contest_id, request.args.get("stage"),
                                               request.args.get("status"), page, per_page)
    tz = match_services.timezone_of(contest_id)
    return listing([match_json(m, tz) for m in items], total)


@bp.get("/matches/<int:match_id>")
def get_match(match_id: int):
    """One match (public once the draw is published)."""
    return jsonify(match_json(match_services.get_match(current_user_or_none(), match_id)))


@bp.put("/matches/<int:match_id>/result")
def record_result(match_id: int):
    """Record a ready match's result (organiser; send the version you read); the next matches fill in."""
    return jsonify(match_json(result_services.record_result(current_user_or_401(), match_id, json_body())))


@bp.post("/matches/<int:match_id>/correction")
def correct_result(match_id: int):
    """Correct a finished match's result (organiser; version and reason required); later matches follow."""
    actor = current_user_or_401()
    return jsonify(match_json(result_corrections.correct_match_result(actor, match_id, json_body())))


@bp.delete("/matches/<int:match_id>/result")
def undo_result(match_id: int):
    """Take a finished match's result back (organiser; version and reason required): it is ready again."""
    actor = current_user_or_401()
    return jsonify(match_json(result_corrections.undo_match_result(actor, match_id, json_body())))


@bp.get("/matches/<int:match_id>/history")
def match_history(match_id: int):
    """Who recorded, corrected or took back the match's result, when, with what (organiser)."""
    actor = current_user_or_401()
    found = match_services.match_history(actor, match_id)
    tz = match_services.timezone_of(match_services.get_match(actor, match_id)["contest_id"])
    items = [{"at": api_time(h["at"], tz), "user": h["user"], "action": h["action"], "detail": h["detail"]}
             for h in found]
    return listing(items, len(items))


@bp.get("/contests/<int:contest_id>/standings")
def get_standings(contest_id: int):
    """Group and round-robin tables ranked by the sport's tie-break procedure (public)."""
    return jsonify(standings.standings(current_user_or_none(), contest_id))


@bp.get("/contests/<int:contest_id>/ranking")
def get_ranking(contest_id: int):
    """The places settled so far; ``final`` once every match deciding a place is finished (public)."""
    return jsonify(standings.ranking(current_user_or_none(), contest_id))
