"""Pages: a leader's entries dashboard, the entry form with its member rows, an entry with its history."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from common.errors import N_, DomainError, Forbidden
from competitions import services as competitions
from competitions.sports import get_sport, roster_rule
from competitions.venue_services import get_contest
from registrations import entry_decisions as decisions
from registrations import entry_services as services
from registrations import lifecycle
from registrations.entry_forms import ActionForm, EntryForm, member_rows, rows_of, service_data, unmask
from registrations.roster import ROLE_LABELS
from registrations.services import get_delegation, led_by
from web.forms import FormErrors, apply_errors
from web.i18n import translate

bp = Blueprint("entries", __name__)


@bp.get("/my/entries")
@login_required
def dashboard():
    """The leader's dashboard: their delegation's entries by contest, with status and what is missing."""
    delegation = led_by(current_user)
    if delegation is None:
        abort(404)
    return _dashboard(delegation)


@bp.get("/delegations/<int:delegation_id>/entries")
@login_required
def delegation_dashboard(delegation_id: int):
    """A delegation's entries dashboard, for its leader and the event's organisers."""
    return _dashboard(get_delegation(current_user, delegation_id))


def _dashboard(delegation):
    entries = services.delegation_entries(current_user, delegation)
    contests = [c for c in delegation.event.contests if c.division_id in (None, delegation.division_id)]
    by_contest = [(c, [e for e in entries if e.contest_id == c.id], services.window(c)) for c in contests]
    return render_template("registrations/entries/dashboard.html", delegation=delegation, by_contest=by_contest,
                           missing=missing, labels=lifecycle.STATUS_LABELS, sports=get_sport,
                           can_manage=competitions.manages(current_user, delegation.event_id),
                           endpoints=current_app.view_functions)


def missing(entry, contest) -> list[str]:
    """What an entry still lacks, as the leader should read it (translated)."""
    if entry.status == lifecycle.REJECTED:
        return [_("Rejected: %(reason)s", reason=entry.reason)]
    if entry.status == lifecycle.WITHDRAWN:
        return []
    notes = []
    rule = roster_rule(contest.sport, contest.discipline, contest.settings)
    if rule.max_members and len(entry.members) < rule.max_members:
        notes.append(_("%(count)s of up to %(max)s members", count=len(entry.members), max=rule.max_members))
    no_id = sum(1 for m in entry.members if not m.id_number)
    if no_id:
        notes.append(_("%(count)s members without an ID number", count=no_id))
    no_phone = sum(1 for m in entry.members if not m.phone)
    if no_phone:
        notes.append(_("%(count)s members without a phone", count=no_phone))
    if entry.status == lifecycle.PENDING:
        notes.append(_("Awaiting the organisers' approval"))
    return notes


@bp.route("/contests/<int:contest_id>/entries/new", methods=["GET", "POST"])
@login_required
def new(contest_id: int):
    """Register an entry: team name and one row per member (the leader, or an organiser naming the delegation)."""
    contest = get_contest(contest_id)
    organiser = competitions.manages(current_user, contest.event_id)
    own = led_by(current_user)
    if not organiser and (own is None or own.event_id != contest.event_id):
        raise Forbidden(N_("You may only enter teams of your own delegation."))
    form = EntryForm()
    form.delegation_id.choices = [(d.id, d.name) for d in contest.event.delegations] if organiser else []
    rule = roster_rule(contest.sport, contest.discipline, contest.settings)
    rows = [{} for _i in range(max(rule.min_members, 1))]
    errors = FormErrors()
    if form.validate_on_submit():
        rows = member_rows(request.form)
        try:
            entry = services.register_entry(current_user, contest_id, service_data(form, rows, organiser))
        except DomainError as err:
            errors = _errors(form, err)
        else:
            flash(_("Entry registered: it now awaits the organisers' approval."), "success")
            return redirect(url_for("entries.show", entry_id=entry.id))
    return _form_page(contest, form, rows, errors, rule, mode="new", entry=None, organiser=organiser)


@bp.route("/entries/<int:entry_id>/edit", methods=["GET", "POST"])
@login_required
def edit(entry_id: int):
    """Change an entry's name or roster until the deadline."""
    entry = services.get_entry(current_user, entry_id)
    organiser = competitions.manages(current_user, entry.contest.event_id)
    form = EntryForm(obj=entry if request.method == "GET" else None)
    rule = roster_rule(entry.contest.sport, entry.contest.discipline, entry.contest.settings)
    rows, errors = rows_of(entry, masked=not organiser), FormErrors()
    if form.validate_on_submit():
        rows = member_rows(request.form)
        try:
            services.update_entry(current_user, entry_id, service_data(form, unmask(rows, entry.members), False))
        except DomainError as err:
            errors = _errors(form, err)
        else:
            flash(_("Entry saved."), "success")
            return redirect(url_for("entries.show", entry_id=entry_id))
    return _form_page(entry.contest, form, rows, errors, rule, mode="edit", entry=entry, organiser=False)


def _errors(form, err: DomainError) -> FormErrors:
    """Field errors next to their fields and rows; other refusals (closed, forbidden, conflict) flashed."""
    if err.status in (401, 404):
        raise err
    return apply_errors(form, err)


def _form_page(contest, form, rows, errors, rule, mode, entry, organiser, reason_form=None):
    roles = [(code, _(ROLE_LABELS.get(code, code))) for code in rule.roles]
    limits = [(_(ROLE_LABELS.get(code, code)), lo, hi) for code, (lo, hi) in rule.roles.items()]
    return render_template("registrations/entries/form.html", contest=contest, form=form, rows=rows or [{}],
                           errors=errors, roles=roles, limits=limits, rule=rule, mode=mode, entry=entry,
                           organiser=organiser, reason_form=reason_form, window=services.window(contest))


@bp.get("/entries/<int:entry_id>")
@login_required
def show(entry_id: int):
    """An entry: status, reason, roster (locked after the deadline) and its history."""
    entry = services.get_entry(current_user, entry_id)
    organiser = competitions.manages(current_user, entry.contest.event_id)
    return render_template("registrations/entries/show.html", entry=entry, organiser=organiser,
                           rows=rows_of(entry, masked=not organiser), window=services.window(entry.contest),
                           labels=lifecycle.STATUS_LABELS, role_labels=ROLE_LABELS, active=lifecycle.ACTIVE,
                           action_form=ActionForm(), history=[_change(c) for c in reversed(entry.changes)],
                           endpoints=current_app.view_functions)


def _change(change) -> dict:
    """One history line: when, who, what (translated)."""
    detail = change.detail or {}
    parts = []
    if "status" in detail:
        before, after = detail["status"]
        parts.append(_("status: %(before)s → %(after)s", before=_(lifecycle.STATUS_LABELS.get(before, "-"))
                       if before else "-", after=_(lifecycle.STATUS_LABELS.get(after, after))))
    members = detail.get("members")
    if isinstance(members, dict):
        if members.get("added"):
            parts.append(_("joined: %(names)s", names="、".join(members["added"])))
        if members.get("removed"):
            parts.append(_("left: %(names)s", names="、".join(members["removed"])))
    elif isinstance(members, int):
        parts.append(_("%(count)s members", count=members))
    if "name" in detail:
        parts.append(_("renamed: %(before)s → %(after)s", before=detail["name"][0], after=detail["name"][1]))
    if detail.get("reason"):
        parts.append(_("reason: %(reason)s", reason=detail["reason"]))
    return {"at": change.at, "user": (change.user.display_name or change.user.username) if change.user else _("system"),
            "action": _(ACTION_LABELS.get(change.action, change.action)), "detail": "；".join(parts)}


ACTION_LABELS = {"created": N_("registered"), "updated": N_("roster changed"), "substituted": N_("substitution"),
                 "approved": N_("approved"), "rejected": N_("rejected"), "withdrawn": N_("withdrawn"),
                 "waitlisted": N_("put on the waiting list"), "promoted": N_("moved up from the waiting list")}


@bp.post("/entries/<int:entry_id>/withdraw")
@login_required
def withdraw(entry_id: int):
    """Withdraw an entry (its leader or an organiser)."""
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        decisions.withdraw_entry(current_user, entry_id, {"version": form.version.data or None})
    except DomainError as err:
        if err.status in (401, 403, 404):
            raise
        flash(translate(err.message), "danger")
    else:
        flash(_("Entry withdrawn."), "success")
    return redirect(url_for("entries.show", entry_id=entry_id))
