"""Pages: a photography entry's works (upload, list, delete) and the image files, never from static/."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from accounts.services import user_for_token
from common.extensions import csrf
from competitions.sports import get_sport
from registrations import work_services
from registrations.work_forms import WorkForm
from registrations.work_services import Upload
from web.forms import submit

bp = Blueprint("works", __name__)


def upload_folder() -> Path:
    """Where work files are stored (config UPLOAD_FOLDER, outside the static folder)."""
    return Path(current_app.config["UPLOAD_FOLDER"])


def request_uploads() -> list[Upload]:
    """The files of the request (field ``files`` or ``files[]``), without the empty part of an unused input."""
    parts = request.files.getlist("files") + request.files.getlist("files[]")
    return [Upload(p.filename or "", p.stream) for p in parts if p.filename]


@bp.route("/entries/<int:entry_id>/works", methods=["GET", "POST"])
@csrf.exempt  # the form checks its own CSRF token, after the per-request size limit below is set
@login_required
def works(entry_id: int):
    """An entry's works: upload form, the works with thumbnails, delete buttons (leader, organisers)."""
    rules = work_services.work_rules(current_user, entry_id)
    request.max_content_length = rules.request_bytes
    form = WorkForm()
    done, errors = submit(form, lambda: work_services.submit_work(
        current_user, entry_id, {"title": form.title.data, "description": form.description.data},
        request_uploads(), upload_folder()), lambda w: url_for("works.works", entry_id=entry_id),
        _("Work submitted."))
    if done:
        return done
    entry, items, _private = work_services.list_works(current_user, entry_id)
    discipline = get_sport("photography").disciplines.get(entry.contest.discipline or "single")
    return render_template("registrations/works.html", entry=entry, works=items, rules=rules, form=form,
                           errors=errors, discipline=discipline, tz=entry.contest.event.timezone)


@bp.post("/works/<int:work_id>/delete")
@login_required
def delete(work_id: int):
    """Delete a work and its files (before the deadline)."""
    entry_id = work_services.delete_work(current_user, work_id, upload_folder())
    flash(_("Work deleted."), "success")
    return redirect(url_for("works.works", entry_id=entry_id))


def _viewer():
    """The user of the page session, else of a bearer token (API clients fetch the image URLs they are given)."""
    if current_user.is_authenticated:
        return current_user
    scheme, _sep, token = request.headers.get("Authorization", "").partition(" ")
    found = user_for_token(token.strip()) if scheme.lower() == "bearer" and token.strip() else None
    return found[0] if found else None


@bp.get("/work-images/<int:image_id>/<kind>")
def image(image_id: int, kind: str):
    """An image file: the public copy or thumbnail (anyone who may see the entry), the original (its managers)."""
    served = work_services.image_file(_viewer(), image_id, kind, upload_folder())
    resp = send_file(served.path, mimetype=served.media_type, download_name=served.download_name,
                     as_attachment=False, conditional=True, max_age=0)
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    resp.headers["Cache-Control"] = "private, no-cache"
    return resp
