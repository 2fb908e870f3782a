"""Public pages: a contest's bracket, group tables, heat lists and final places.

Anyone may read them; until the draw is published they say so (200), and the event's organisers
see a preview. A page that does not fit the contest's format is a 404. Apart from an organiser's
preview (never stored by a cache), a page depends only on the contest's data and the language.
"""
from __future__ import annotations

from flask import Blueprint, Response, make_response, render_template, request
from flask_babel import gettext
from flask_login import current_user

from competitions import live_services
from competitions.result_words import LANE_STATUSES, OUTCOME_MARKS, RACE_STATUSES, detail_text
from web.i18n import translate

bp = Blueprint("live", __name__)


def _page(template: str, page: str, data: dict) -> Response:
    """Render a live page; an organiser's preview of an unpublished draw is marked private."""
    resp = make_response(render_template(template, page=page, translate=translate, outcomes=OUTCOME_MARKS,
                                         statuses=RACE_STATUSES, lane_statuses=LANE_STATUSES,
                                         score_details=lambda details: detail_text(details, gettext), **data))
    if data["preview"]:
        resp.headers["Cache-Control"] = "private, no-store"
    return resp


@bp.get("/contests/<int:contest_id>/bracket")
def bracket(contest_id: int):
    """A contest's knockout bracket, rounds as columns, with the champion once decided."""
    parts = {k[len("part-"):]: v for k, v in request.args.items() if k.startswith("part-")}
    return _page("live/bracket.html", "bracket", live_services.bracket_page(current_user, contest_id, parts))


@bp.get("/contests/<int:contest_id>/standings")
def standings(contest_id: int):
    """A contest's group tables, the tie-breaks in words, and the groups' results."""
    return _page("live/standings.html", "standings", live_services.group_tables(current_user, contest_id))


@bp.get("/contests/<int:contest_id>/heats")
def heats(contest_id: int):
    """A timed contest's heats and finals: lanes, crews, times and places in each race."""
    return _page("live/heats.html", "heats", live_services.heat_lists(current_user, contest_id))


@bp.get("/contests/<int:contest_id>/places")
def places(contest_id: int):
    """A contest's final places (provisional until every deciding match is finished)."""
    return _page("live/places.html", "places", live_services.final_places(current_user, contest_id))
