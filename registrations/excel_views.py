"""Pages and files: a contest's .xlsx template, the upload of a filled one, .xlsx exports, the 报名表 PDF."""
from __future__ import annotations

from io import BytesIO

from flask import Blueprint, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.routing import BuildError
from wtforms import SelectField

from common.errors import N_, DomainError, Message
from common.extensions import csrf
from registrations import entry_files
from registrations.excel import MAX_BYTES, Problem, UploadError

bp = Blueprint("entry_files", __name__)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(FlaskForm):
    delegation_id = SelectField(_l("Delegation"), coerce=int)


def _lang() -> str:
    return "en" if request.args.get("lang") == "en" else "zh"


def _xlsx(data: bytes, name: str):
    return send_file(BytesIO(data), mimetype=XLSX, as_attachment=True, download_name=name, max_age=0)


@bp.get("/contests/<int:contest_id>/entries/template.xlsx")
@login_required
def template(contest_id: int):
    """The contest's entry template (.xlsx) with headers, an example row and lists for gender and role."""
    data = entry_files.template_for(current_user, contest_id, _lang(), _)
    return _xlsx(data, f"entry-template-{contest_id}.xlsx")


@bp.route("/contests/<int:contest_id>/entries/upload", methods=["GET", "POST"])
@csrf.exempt  # the form checks its own CSRF token, after the upload size limit below is set
@login_required
def upload(contest_id: int):
    """Upload a filled template: every team is entered, or the page lists every bad cell and nothing is saved."""
    contest, delegations, chooses = entry_files.upload_delegations(current_user, contest_id)
    request.max_content_length = MAX_BYTES + 256 * 1024
    problems: list[Problem] = []
    try:
        form = UploadForm()
        sent = request.files.get("file")
    except RequestEntityTooLarge:
        form, sent = UploadForm(formdata=None), None
        problems = [_file_problem(N_("The file is %(size)s MB; at most %(max)s MB is accepted."),
                                  size=round((request.content_length or 0) / 2 ** 20, 1), max=MAX_BYTES // 2 ** 20)]
    form.delegation_id.choices = [(d.id, d.name) for d in delegations]
    if not chooses:
        del form.delegation_id
    if not problems and form.validate_on_submit():
        if sent is None or not sent.filename:
            problems = [_file_problem(N_("Choose the filled template (.xlsx) to upload."))]
        else:
            problems, done = _import(contest_id, form, sent.read())
            if done is not None:
                return done
    return render_template("registrations/upload.html", contest=contest, form=form, chooses=chooses,
                           problems=[p.as_dict(_) for p in problems], max_mb=MAX_BYTES // 2 ** 20)


def _import(contest_id: int, form: UploadForm, data: bytes):
    """Run the import; (problems, None) when refused, ([], redirect) when done."""
    delegation_id = form.delegation_id.data if "delegation_id" in form else None
    try:
        entries = entry_files.import_upload(current_user, contest_id, delegation_id, data)
    except UploadError as err:
        return err.problems, None
    except DomainError as err:
        if err.status in (401, 403, 404):
            raise
        return [Problem(None, None, None, err.message)], None
    flash(_("%(count)s teams with %(members)s members entered.", count=len(entries),
            members=sum(len(e.members) for e in entries)), "success")
    try:
        target = url_for("entries.dashboard", contest_id=contest_id)
    except BuildError:
        target = url_for("entry_files.upload", contest_id=contest_id)
    return [], redirect(target)


def _file_problem(msgid: str, **params) -> Problem:
    return Problem(None, None, None, Message(msgid, params))


@bp.get("/contests/<int:contest_id>/entries.xlsx")
@login_required
def export_contest(contest_id: int):
    """Every entry of a contest as .xlsx, one line per member (organisers; ?lang=en for English headers)."""
    contest, data = entry_files.export_contest(current_user, contest_id, _lang())
    return _xlsx(data, f"entries-contest-{contest.id}.xlsx")


@bp.get("/delegations/<int:delegation_id>/entries.xlsx")
@login_required
def export_delegation(delegation_id: int):
    """A delegation's entries as .xlsx (its leader and the organisers)."""
    delegation, data = entry_files.export_delegation(current_user, delegation_id, _lang())
    return _xlsx(data, f"entries-delegation-{delegation.id}.xlsx")


@bp.get("/delegations/<int:delegation_id>/entry-form.pdf")
@login_required
def entry_form(delegation_id: int):
    """The delegation's printable entry form (报名表) with signature and seal boxes."""
    delegation, data = entry_files.entry_form(current_user, delegation_id, _lang())
    return send_file(BytesIO(data), mimetype="application/pdf", as_attachment=False,
                     download_name=f"entry-form-{delegation.id}.pdf", max_age=0)
