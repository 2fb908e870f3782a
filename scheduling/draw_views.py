"""Pages: the organisers' draw page (seeds, separation, preview, publish, re-draw) and the draw sheet PDF."""
from __future__ import annotations

from io import BytesIO

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from common.errors import DomainError, Invalid
from scheduling import draw_services
from scheduling import draw_sheet as sheets
from scheduling.draw_forms import DrawForm, PublishForm, draw_data, seed_field, seed_inputs
from web.forms import FormErrors, apply_errors
from web.i18n import translate

bp = Blueprint("draws", __name__)


def _on_inputs(err: DomainError, seeds: list[int]) -> DomainError:
    """The service's errors on the page's inputs: ``seeds.2`` is the input of the third seed."""
    if not isinstance(err, Invalid):
        return err
    fields = {}
    for path, messages in err.errors.items():
        head, _dot, index = path.partition(".")
        if head == "seeds" and index.isdigit() and int(index) < len(seeds):
            path = seed_field(seeds[int(index)])
        fields.setdefault(path, []).extend(messages)
    return Invalid(fields)


def _page(page: dict, form: DrawForm, values: dict, errors: FormErrors):
    return render_template("draws/manage.html", **page, form=form, values=values, errors=errors)


@bp.route("/manage/contests/<int:contest_id>/draw", methods=["GET", "POST"])
@login_required
def manage(contest_id: int):
    """The organisers' draw page: seeds, separation and random seed, make or remake the draw, its preview."""
    page = sheets.draw_page(current_user, contest_id, _)
    form, errors = DrawForm(), FormErrors()
    values = {e["id"]: str(page["seeds"].get(e["id"], "")) for e in page["entries"]}
    if request.method == "GET":
        if page["draw"] is not None:
            form.separate_delegations.data = page["draw"].separate_delegations
        return _page(page, form, values, errors)
    if not form.validate_on_submit():
        abort(400)
    values = seed_inputs(request.form, values)
    data, errors = draw_data(form, values, page["seed_limit"], len(page["entries"]))
    if data is None:
        flash(_("Please correct the marked fields."), "danger")
        return _page(page, form, values, errors)
    try:
        draw = draw_services.make_draw(current_user, contest_id, data, preview=True)
    except DomainError as err:
        if err.status in (401, 403, 404):
            raise
        return _page(page, form, values, apply_errors(form, _on_inputs(err, data["seeds"])))
    flash(_("Draw made with random seed %(seed)s. Check the preview, then publish it.", seed=draw.random_seed),
          "success")
    return redirect(url_for("draws.manage", contest_id=contest_id) + "#preview")


@bp.post("/manage/contests/<int:contest_id>/draw/publish")
@login_required
def publish(contest_id: int):
    """Show the draw to the public, or hide it again."""
    form = PublishForm()
    if not form.validate_on_submit():
        abort(400)
    published = form.published.data != "0"
    try:
        draw_services.publish_draw(current_user, contest_id, {"published": published})
    except DomainError as err:
        if err.status in (401, 403, 404):
            raise
        flash(translate(err.message), "danger")
    else:
        flash(_("Draw published: everyone can see it now.") if published else
              _("Draw hidden: only the organisers see it now."), "success")
    return redirect(url_for("draws.manage", contest_id=contest_id))


@bp.get("/contests/<int:contest_id>/draw-sheet.pdf")
def sheet(contest_id: int):
    """The printable draw sheet (抽签表): the organisers always, the public once the draw is published."""
    lang = "en" if str(get_locale()) == "en" else "zh"
    contest, data = sheets.draw_sheet(current_user, contest_id, lang, _)
    return send_file(BytesIO(data), mimetype="application/pdf", as_attachment=False,
                     download_name=f"draw-sheet-{contest.id}.pdf", max_age=0)
