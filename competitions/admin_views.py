"""Organiser pages: create and edit events, divisions, venues and contests."""
from __future__ import annotations

from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from accounts.permissions import require_role
from competitions import services, venue_services
from competitions.contest_form import contest_choices, contest_data, fill_contest_form
from competitions.forms import ContestForm, DivisionForm, EventForm, VenueForm
from competitions.sports import FORMATS, SPORTS
from web.forms import submit

bp = Blueprint("admin", __name__, url_prefix="/manage")


def _event_data(form: EventForm) -> dict:
    data = {k: form[k].data for k in ("name", "starts_on", "ends_on", "timezone", "host", "version")}
    lines = [ln.strip() for ln in (form.divisions.data or "").splitlines() if ln.strip()]
    data["divisions"] = [dict(zip(("code", "name"), (p.strip() for p in ln.split("=", 1)))) for ln in lines]
    return data


@bp.route("/events/new", methods=["GET", "POST"])
@login_required
def new_event():
    """Create an event with its divisions."""
    require_role(current_user, "organiser")
    form = EventForm()
    done, errors = submit(form, lambda: services.create_event(current_user, _event_data(form)),
                          lambda ev: url_for("competitions.event", event_id=ev.id), _("Event created."))
    return done or render_template("admin/event_form.html", form=form, errors=errors, event=None)


@bp.route("/events/<int:event_id>/edit", methods=["GET", "POST"])
@login_required
def edit_event(event_id: int):
    """Change an event's name, dates, time zone or host."""
    event = services.require_manager(current_user, event_id)
    form = EventForm(obj=event)
    del form.divisions
    done, errors = submit(form, lambda: services.update_event(current_user, event_id, _event_data_edit(form)),
                          lambda ev: url_for("competitions.event", event_id=ev.id), _("Event saved."))
    return done or render_template("admin/event_form.html", form=form, errors=errors, event=event)


def _event_data_edit(form: EventForm) -> dict:
    return {k: form[k].data for k in ("name", "starts_on", "ends_on", "timezone", "host", "version")}


@bp.route("/events/<int:event_id>/divisions/new", methods=["GET", "POST"])
@login_required
def new_division(event_id: int):
    """Add a division to an event."""
    event = services.require_manager(current_user, event_id)
    form = DivisionForm()
    done, errors = submit(form, lambda: services.add_division(current_user, event_id, form.data),
                          lambda d: url_for("competitions.event", event_id=event_id), _("Division added."))
    return done or render_template("admin/simple_form.html", form=form, errors=errors, event=event,
                                   title=_("New division"))


@bp.route("/divisions/<int:division_id>/edit", methods=["GET", "POST"])
@login_required
def edit_division(division_id: int):
    """Rename a division or change its code."""
    division = services.get_division_by_id(division_id)
    event = services.require_manager(current_user, division.event_id)
    form = DivisionForm(obj=division)
    done, errors = submit(form, lambda: services.update_division(current_user, division_id, form.data),
                          lambda d: url_for("competitions.event", event_id=event.id), _("Division saved."))
    return done or render_template("admin/simple_form.html", form=form, errors=errors, event=event,
                                   title=_("Edit division"))


def _venue_data(form: VenueForm) -> dict:
    raw = (form.courts.data or "").strip()
    courts = raw if raw.isdigit() or not raw else [c.strip() for c in raw.replace("，", ",").split(",") if c.strip()]
    return {"name": form.name.data, "kind": form.kind.data, "address": form.address.data, "courts": courts,
            "version": form.version.data}


@bp.route("/events/<int:event_id>/venues/new", methods=["GET", "POST"])
@login_required
def new_venue(event_id: int):
    """Add a venue with its courts or lanes."""
    event = services.require_manager(current_user, event_id)
    form = VenueForm()
    done, errors = submit(form, lambda: venue_services.create_venue(current_user, event_id, _venue_data(form)),
                          lambda v: url_for("competitions.event", event_id=event_id), _("Venue added."))
    return done or render_template("admin/simple_form.html", form=form, errors=errors, event=event,
                                   title=_("New venue"))


@bp.route("/venues/<int:venue_id>/edit", methods=["GET", "POST"])
@login_required
def edit_venue(venue_id: int):
    """Change a venue and its courts or lanes."""
    venue = venue_services.get_venue(venue_id)
    event = services.require_manager(current_user, venue.event_id)
    form = VenueForm(obj=venue)
    if request.method == "GET":
        form.courts.data = ", ".join(c.name for c in venue.courts)
    done, errors = submit(form, lambda: venue_services.update_venue(current_user, venue_id, _venue_data(form)),
                          lambda v: url_for("competitions.event", event_id=event.id), _("Venue saved."))
    return done or render_template("admin/simple_form.html", form=form, errors=errors, event=event,
                                   title=_("Edit venue"))


@bp.route("/events/<int:event_id>/contests/new", methods=["GET", "POST"])
@login_required
def new_contest(event_id: int):
    """Create a contest: the form shows the settings of the chosen sport and format."""
    event = services.require_manager(current_user, event_id)
    form = ContestForm()
    contest_choices(form, event)
    done, errors = submit(form, lambda: venue_services.create_contest(current_user, event_id,
                                                                      contest_data(form, request.form)),
                          lambda c: url_for("competitions.contest", contest_id=c.id), _("Contest created."))
    return done or render_template("admin/contest_form.html", form=form, errors=errors, event=event,
                                   sports=SPORTS, formats=FORMATS, values=request.form, contest=None)


@bp.route("/contests/<int:contest_id>/edit", methods=["GET", "POST"])
@login_required
def edit_contest(contest_id: int):
    """Change a contest's definition, settings, window or capacity."""
    contest = venue_services.get_contest(contest_id)
    event = services.require_manager(current_user, contest.event_id)
    form = ContestForm()
    contest_choices(form, event)
    values = request.form if request.method == "POST" else fill_contest_form(form, contest)
    done, errors = submit(form, lambda: venue_services.update_contest(current_user, contest_id,
                                                                      contest_data(form, request.form)),
                          lambda c: url_for("competitions.contest", contest_id=c.id), _("Contest saved."))
    return done or render_template("admin/contest_form.html", form=form, errors=errors, event=event,
                                   sports=SPORTS, formats=FORMATS, values=values, contest=contest)
