"""Pages: the organisers record a drawing of lots for entries level in a finished group, or the order a
re-race or a lot gave crews with equal times in a round of races."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from common.errors import DomainError
from competitions import lots, race_ties, standings
from competitions import services as competitions
from competitions.result_forms import LotsForm
from competitions.result_views import bp
from competitions.result_words import group_name
from competitions.venue_services import get_contest
from scheduling.match_services import entry_names
from web.forms import apply_errors
from web.i18n import translate


@bp.route("/manage/contests/<int:contest_id>/lots", methods=["GET", "POST"])
@login_required
def record_lots(contest_id: int):
    """Each tie still to decide or decided (groups: by lot; races: by re-race or lot), with a form for its order."""
    contest = get_contest(contest_id)
    competitions.require_manager(current_user, contest.event_id)
    races = contest.format.get("type") == "timed_heats"
    sent = LotsForm() if request.method == "POST" else None
    if sent is not None and sent.validate_on_submit():
        order = [field.data for field in sent.order]
        try:
            if races:
                race_ties.decide_race_tie(current_user, contest_id, {
                    "round": int(sent.group.data) if (sent.group.data or "").isdecimal() else None,
                    "order": order, "note": sent.note.data})
            else:
                lots.record_lots(current_user, contest_id, {"group": sent.group.data or None, "order": order,
                                                            "note": sent.note.data})
        except DomainError as err:
            if err.status in (401, 403, 404):
                raise
            apply_errors(sent, err)
        else:
            flash(_("Decision recorded: the order and what it decides follow.") if races else
                  _("Drawing of lots recorded: the table and what it decides follow."), "success")
            return redirect(url_for("results.record_lots", contest_id=contest_id))
    ties = []
    for tie in (_race_ties(contest_id) if races else _group_ties(contest_id)):
        key = ",".join(str(e) for e in sorted(tie["entries"]))
        form = sent if sent is not None and (sent.group.data or "", sent.tie.data) == (tie["group"], key) else None
        if form is None:
            form = LotsForm(formdata=None, group=tie["group"], tie=key, order=tie["entries"])
        for field in form.order:
            field.choices = [(e, tie["names"][e]) for e in tie["entries"]]
        ties.append(dict(tie, form=form, names=[tie["names"][e] for e in tie["entries"]]))
    return render_template("results/lots.html", contest=contest, ties=ties, races=races)


def _group_ties(contest_id: int) -> list[dict]:
    """Entries level after every step in finished groups: ``{group, heading, entries, recorded, names}``."""
    out = []
    for g in standings.standings(current_user, contest_id)["groups"]:
        names = {row["entry_id"]: row["name"] or str(row["entry_id"]) for row in g["rows"]}
        for lot in g.get("lots", []):
            out.append({"group": g["name"] or "", "heading": translate(group_name(g["name"])) if g["name"] else None,
                        "entries": lot["entries"], "recorded": lot["recorded"], "names": names})
    return out


def _race_ties(contest_id: int) -> list[dict]:
    """Crews with equal times in finished rounds of races."""
    names = {e: n["name"] for e, n in entry_names(contest_id).items()}
    return [{"group": str(t["round"]), "heading": _("Round %(n)s", n=t["round"]), "entries": t["entries"],
             "recorded": t["decided"], "holds": t["holds"], "names": names}
            for t in race_ties.race_ties(current_user, contest_id)]
