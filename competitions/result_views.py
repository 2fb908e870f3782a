"""Pages: the organisers' results entry (a contest's matches, and one form per sport for a match)."""
from __future__ import annotations

from collections import Counter

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from common.errors import Conflict, DomainError
from competitions import result_services
from competitions import services as competitions
from competitions.result_forms import ResultForm, Sheet, choices, lane_statuses, outcome_choices, payload, sheet_for
from competitions.result_text import MATCH_STATUS_LABELS, match_title, race_rows, score_line, sections, side_names
from competitions.sports import SPORTS, badminton_rules
from competitions.venue_services import get_contest
from scheduling import match_services
from web.forms import FormErrors, apply_errors
from web.i18n import translate

bp = Blueprint("results", __name__)

#: the list's filters, the first one shown by default: what is left to score
FILTERS = ("ready", "finished", "pending", "all")


@bp.get("/manage/contests/<int:contest_id>/results")
@login_required
def contest_matches(contest_id: int):
    """A contest's matches by stage and round, the ones ready to score first, for its organisers."""
    contest = get_contest(contest_id)
    competitions.require_manager(current_user, contest.event_id)
    status = request.args.get("status") if request.args.get("status") in FILTERS else FILTERS[0]
    found, _total = match_services.list_matches(current_user, contest_id)
    names = match_services.entry_names(contest_id) if found else {}
    shown = [m for m in found if status == "all" or m["status"] == status]
    counts = Counter(m["status"] for m in found)
    counts["all"] = len(found)
    return render_template("results/contest.html", contest=contest, sport=SPORTS[contest.sport], status=status,
                           filters=FILTERS, counts=counts, labels=MATCH_STATUS_LABELS, total=len(found),
                           sections=sections(found, shown, names, contest))


@bp.route("/manage/matches/<int:match_id>/result", methods=["GET", "POST"])
@login_required
def record(match_id: int):
    """One match's score sheet, fitted to the sport; a refused or stale sheet comes back as typed."""
    rec = match_services.get_match(current_user, match_id)
    contest = get_contest(rec["contest_id"])
    competitions.require_manager(current_user, contest.event_id)
    names = match_services.entry_names(contest.id)
    sheet = sheet_for(contest, side_names(rec, names), race_rows(rec, names))
    form = ResultForm(version=rec["version"])
    choices(form, sheet)
    errors = FormErrors()
    if sheet.kind != "judged" and form.validate_on_submit():
        try:
            written = result_services.record_result(current_user, match_id, payload(request.form, form, sheet))
        except Conflict as err:
            rec = _after_conflict(match_id, err, form)
        except DomainError as err:
            if err.status in (401, 403, 404):
                raise
            errors = apply_errors(form, err)
        else:
            flash(_recorded(written, names, contest), "success")
            return redirect(url_for("results.contest_matches", contest_id=contest.id))
    return _sheet_page(contest, rec, names, sheet, form, errors)


def _after_conflict(match_id: int, err: Conflict, form: ResultForm) -> dict:
    """Say why the sheet was refused; the match as it is now (the form keeps what was typed)."""
    rec = match_services.get_match(current_user, match_id)
    if rec["status"] == "finished":
        flash(_("Someone else recorded this match first: its result is shown below and nothing was changed. "
                "What you typed is kept in the form."), "warning")
    else:
        flash(translate(err.message), "warning")
    form.version.data = str(rec["version"])
    return rec


def _recorded(rec: dict, names: dict, contest) -> str:
    """The flash after a result: which match, who played, the score as recorded."""
    score = score_line(rec, names, contest.discipline)
    if (rec["plan"] or {}).get("lanes"):
        return _("Result recorded: %(match)s: %(score)s", match=match_title(rec, contest), score=score)
    a, b = (s["name"] for s in side_names(rec, names))
    return _("Result recorded: %(a)s vs %(b)s: %(score)s", a=a, b=b, score=score)


def _sheet_page(contest, rec: dict, names: dict, sheet: Sheet, form: ResultForm, errors: FormErrors):
    """The sheet page: the form as typed, the recorded result if any, why the match takes no result."""
    blocked = result_services.NOT_READY.get(rec["status"])
    return render_template("results/form.html", contest=contest, rec=rec, sheet=sheet, form=form, errors=errors,
                           values=request.form, title=match_title(rec, contest),
                           score=score_line(rec, names, contest.discipline),
                           blocked=_(blocked) if blocked else None, statuses=lane_statuses(),
                           known=_known_paths(sheet), rubber_outcomes=outcome_choices(badminton_rules.OUTCOMES))


def _known_paths(sheet: Sheet) -> set[str]:
    """The field paths the sheet shows next to an input; errors on any other path go at the top."""
    paths = {"outcome", "winner_entry_id", sheet.kind}
    rows = range(max(len(sheet.rows), len(sheet.lanes)))
    if sheet.kind == "rubbers":
        for r in range(len(sheet.rubbers)):
            paths |= {f"rubbers.{r}{p}" for p in ("", ".discipline", ".games", ".outcome", ".winner_entry_id")}
            paths |= {f"rubbers.{r}.games.{i}" for i in rows}
    elif sheet.kind == "lanes":
        paths |= {f"lanes.{i}.{f}" for i in rows for f in ("time_ms", "status", "penalty_ms")}
    else:
        paths |= {f"{sheet.kind}.{i}" for i in rows}
    return paths
