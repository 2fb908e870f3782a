"""Public pages: the list of events, an event with everything in it, a contest."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_login import current_user

from competitions import services, venue_services
from competitions.result_words import PAGES
from competitions.sports import FORMAT_LABELS, FORMATS, SPORTS
from scheduling.draw_services import visible_draw
from web import page_cache

bp = Blueprint("competitions", __name__)


@bp.get("/favicon.ico")
def favicon():
    """The site's icon for browsers that ask for it by the old name (the pages link the SVG)."""
    return redirect(url_for("static", filename="favicon.svg"), 301)


@bp.get("/")
def home():
    """Public home: the events."""
    events, _total = services.list_events(1, 100)
    return render_template("competitions/home.html", events=events)


@bp.get("/events/<int:event_id>")
def event(event_id: int):
    """An event: divisions, delegations, venues and contests (anonymous views served from the page cache)."""
    if current_user.is_authenticated or session.get("_flashes"):
        return _render_event(event_id)
    key = ("event", event_id, services.event_stamp(event_id), str(get_locale()), request.full_path)
    return page_cache.get_or_render(key, lambda: _render_event(event_id))


def _render_event(event_id: int) -> str:
    ev = services.event_overview(event_id)
    return render_template("competitions/event.html", event=ev, sports=SPORTS, format_labels=FORMAT_LABELS,
                           can_manage=services.manages(current_user, ev.id))


@bp.get("/contests/<int:contest_id>")
def contest(contest_id: int):
    """A contest: its definition, settings, registration window, and links to its draw and results."""
    c = venue_services.get_contest(contest_id)
    sport = SPORTS[c.sport]
    return render_template("competitions/contest.html", contest=c, sport=sport, format_labels=FORMAT_LABELS,
                           options=[(p, c.format[p.key]) for p in FORMATS.get(c.format.get("type"), ())
                                    if p.key in c.format],
                           settings=[(p, c.settings.get(p.key)) for p in sport.settings_for(c.discipline)],
                           can_manage=services.manages(current_user, c.event_id),
                           draw=visible_draw(current_user, c), live_pages=PAGES.get(c.format.get("type"), ()))
