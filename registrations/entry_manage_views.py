"""Pages: the organisers' entries table (filters, bulk approve, reject with a reason, export), the
substitution form after the deadline, and the public list of approved entries (names only)."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from common.errors import DomainError
from competitions import services as competitions
from competitions.sports import roster_rule
from competitions.venue_services import get_contest
from registrations import entry_decisions as decisions
from registrations import entry_services as services
from registrations import lifecycle
from registrations.entry_forms import ActionForm, EntryForm, RejectForm, SubstituteForm, member_rows, rows_of
from registrations.entry_views import _errors, _form_page, bp
from web.forms import FormErrors
from web.i18n import translate

PER_PAGE = 100


@bp.get("/manage/contests/<int:contest_id>/entries")
@login_required
def manage(contest_id: int):
    """A contest's entries for its organisers: filter by status or delegation, approve many, reject one."""
    contest = get_contest(contest_id)
    competitions.require_manager(current_user, contest.event_id)
    status = request.args.get("status") or None
    if status not in (None, *lifecycle.STATUS_LABELS):
        status = None
    delegation_id = request.args.get("delegation_id", type=int)
    page = max(request.args.get("page", 1, type=int), 1)
    rows, total, _seen = services.list_entries(current_user, contest_id, status, delegation_id, page, PER_PAGE)
    return render_template("registrations/entries/manage.html", contest=contest, entries=rows, total=total,
                           status=status, delegation_id=delegation_id, page=page, per_page=PER_PAGE,
                           labels=lifecycle.STATUS_LABELS, action_form=ActionForm(), reject_form=RejectForm(),
                           endpoints=current_app.view_functions)


@bp.post("/manage/contests/<int:contest_id>/entries/approve")
@login_required
def approve_many(contest_id: int):
    """Approve the ticked entries, all or none."""
    contest = get_contest(contest_id)
    competitions.require_manager(current_user, contest.event_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    ids = [int(i) for i in request.form.getlist("ids") if i.isdigit()]
    if not ids:
        flash(_("Tick the entries to approve first."), "warning")
    else:
        try:
            done = decisions.approve_entries(current_user, ids)
        except DomainError as err:
            if err.status in (401, 403):
                raise
            flash(translate(err.message), "danger")
        else:
            flash(_("%(count)s entries approved.", count=len(done)), "success")
    return redirect(request.form.get("next") or url_for("entries.manage", contest_id=contest_id))


@bp.post("/entries/<int:entry_id>/reject")
@login_required
def reject(entry_id: int):
    """Reject one entry with the reason its leader will read."""
    entry = services.get_entry(current_user, entry_id)
    form = RejectForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        decisions.reject_entry(current_user, entry_id, {"reason": form.reason.data,
                                                        "version": form.version.data or None})
    except DomainError as err:
        if err.status in (401, 403, 404):
            raise
        flash(translate(err.message) if not getattr(err, "errors", None) else
              "；".join(translate(m) for ms in err.errors.values() for m in ms), "danger")
    else:
        flash(_("Entry %(name)s rejected.", name=entry.name), "success")
    return redirect(url_for("entries.manage", contest_id=entry.contest_id))


@bp.route("/entries/<int:entry_id>/substitute", methods=["GET", "POST"])
@login_required
def substitute(entry_id: int):
    """After the deadline: an organiser changes the locked roster and gives the reason."""
    entry = services.get_entry(current_user, entry_id)
    competitions.require_manager(current_user, entry.contest.event_id)
    form, reason_form = EntryForm(obj=entry if request.method == "GET" else None), SubstituteForm()
    rule = roster_rule(entry.contest.sport, entry.contest.discipline, entry.contest.settings)
    rows, errors = rows_of(entry, masked=False), FormErrors()
    if reason_form.validate_on_submit():
        rows = member_rows(request.form)
        data = {"members": rows, "reason": reason_form.reason.data, "version": form.version.data or None}
        if form.name.data:
            data["name"] = form.name.data
        try:
            services.substitute_member(current_user, entry_id, data)
        except DomainError as err:
            errors = _errors(reason_form, err)
        else:
            flash(_("Roster changed; the reason is kept in the entry's history."), "success")
            return redirect(url_for("entries.show", entry_id=entry_id))
    return _form_page(entry.contest, form, rows, errors, rule, mode="substitute", entry=entry, organiser=True,
                      reason_form=reason_form)


@bp.get("/contests/<int:contest_id>/entries")
def public(contest_id: int):
    """The approved entries of a contest: entry and delegation names only, no personal data."""
    contest = get_contest(contest_id)
    rows, total, _seen = services.list_entries(None, contest_id, lifecycle.APPROVED, None, 1, 1000)
    return render_template("registrations/entries/public.html", contest=contest, entries=rows, total=total)
