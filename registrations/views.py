"""Pages: an organiser creates or edits a delegation; its leader and organisers see it."""
from __future__ import annotations

from flask import Blueprint, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from competitions import services as competitions
from registrations import services
from registrations.forms import DelegationForm
from web.forms import submit

bp = Blueprint("registrations", __name__)


def _data(form: DelegationForm) -> dict:
    return {"name": form.name.data, "division": form.division.data, "version": form.version.data,
            "leader": {"username": form.leader_username.data, "password": form.leader_password.data,
                       "display_name": form.leader_display_name.data, "email": form.leader_email.data}}


@bp.route("/manage/events/<int:event_id>/delegations/new", methods=["GET", "POST"])
@login_required
def new_delegation(event_id: int):
    """Create a delegation with its leader's account."""
    event = competitions.require_manager(current_user, event_id)
    form = DelegationForm()
    form.division.choices = [(d.code, d.name) for d in event.divisions]
    done, errors = submit(form, lambda: services.create_delegation(current_user, event_id, _data(form)),
                          lambda d: url_for("registrations.delegation", delegation_id=d.id),
                          _("Delegation created with its leader's account."))
    return done or render_template("registrations/delegation_form.html", form=form, errors=errors, event=event,
                                   delegation=None)


@bp.route("/manage/delegations/<int:delegation_id>/edit", methods=["GET", "POST"])
@login_required
def edit_delegation(delegation_id: int):
    """Rename a delegation or move it to another division."""
    delegation = services.get_delegation(current_user, delegation_id)
    event = competitions.require_manager(current_user, delegation.event_id)
    form = DelegationForm(obj=delegation)
    form.division.choices = [(d.code, d.name) for d in event.divisions]
    for name in ("leader_username", "leader_password", "leader_display_name", "leader_email"):
        delattr(form, name)
    if not form.is_submitted():
        form.division.data = delegation.division.code
    done, errors = submit(form, lambda: services.update_delegation(current_user, delegation_id, {
        "name": form.name.data, "division": form.division.data, "version": form.version.data}),
        lambda d: url_for("registrations.delegation", delegation_id=d.id), _("Delegation saved."))
    return done or render_template("registrations/delegation_form.html", form=form, errors=errors, event=event,
                                   delegation=delegation)


@bp.get("/delegations/<int:delegation_id>")
@login_required
def delegation(delegation_id: int):
    """A delegation's own page, for its leader and the event's organisers."""
    d = services.get_delegation(current_user, delegation_id)
    return render_template("registrations/delegation.html", delegation=d,
                           can_manage=competitions.manages(current_user, d.event_id))
