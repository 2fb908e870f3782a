"""Pages: the organisers record a drawing of lots for entries level in a finished group."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from common.errors import DomainError
from competitions import lots, standings
from competitions import services as competitions
from competitions.result_forms import LotsForm
from competitions.result_views import bp
from competitions.result_words import group_name
from competitions.venue_services import get_contest
from web.forms import apply_errors
from web.i18n import translate


@bp.route("/manage/contests/<int:contest_id>/lots", methods=["GET", "POST"])
@login_required
def record_lots(contest_id: int):
    """Each finished group's entries level after every step, with a form for the order the lots gave."""
    contest = get_contest(contest_id)
    competitions.require_manager(current_user, contest.event_id)
    sent = LotsForm() if request.method == "POST" else None
    if sent is not None and sent.validate_on_submit():
        order = [field.data for field in sent.order]
        try:
            lots.record_lots(current_user, contest_id, {"group": sent.group.data or None, "order": order,
                                                        "note": sent.note.data})
        except DomainError as err:
            if err.status in (401, 403, 404):
                raise
            apply_errors(sent, err)
        else:
            flash(_("Drawing of lots recorded: the table and what it decides follow."), "success")
            return redirect(url_for("results.record_lots", contest_id=contest_id))
    ties = []
    for g in standings.standings(current_user, contest_id)["groups"]:
        names = {row["entry_id"]: row for row in g["rows"]}
        for lot in g.get("lots", []):
            tie = ",".join(str(e) for e in sorted(lot["entries"]))
            form = sent if sent is not None and (sent.group.data or None, sent.tie.data) == (g["name"], tie) else None
            if form is None:
                form = LotsForm(formdata=None, group=g["name"] or "", tie=tie, order=lot["entries"])
            for field in form.order:
                field.choices = [(e, names[e]["name"] or str(e)) for e in lot["entries"]]
            ties.append({"group": translate(group_name(g["name"])) if g["name"] else None, "lot": lot,
                         "names": [names[e]["name"] for e in lot["entries"]], "form": form})
    return render_template("results/lots.html", contest=contest, ties=ties)
