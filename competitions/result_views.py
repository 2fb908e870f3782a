"""Pages: the organisers' results entry (a contest's matches, and one form per sport for a match)."""
from __future__ import annotations

from collections import Counter

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from common.errors import Conflict, DomainError
from competitions import race_ties, result_corrections, result_services, standings, withdrawals
from competitions import services as competitions
from competitions.result_forms import (CorrectionForm, ReinstateForm, ResultForm, Sheet, UndoForm, WithdrawalForm,
                                       choices, lane_statuses, outcome_choices, payload, recorded_values, sheet_for)
from competitions.result_text import MATCH_STATUS_LABELS, match_title, race_rows, score_line, sections, side_names
from competitions.sports import SPORTS, badminton_rules
from competitions.venue_services import get_contest
from scheduling import draw_services, match_services
from web.forms import FormErrors, apply_errors
from web.i18n import translate

bp = Blueprint("results", __name__)

#: the list's filters, the first one shown by default: what is left to score
FILTERS = ("ready", "finished", "pending", "all")
#: matches per page of the list (a 1,024-player draw has 512 first-round matches ready at once)
PER_PAGE = 100


@bp.get("/manage/contests/<int:contest_id>/results")
@login_required
def contest_matches(contest_id: int):
    """A contest's matches by stage and round, the ones ready to score first, for its organisers."""
    contest = get_contest(contest_id)
    competitions.require_manager(current_user, contest.event_id)
    return _list_page(contest)


@bp.post("/manage/contests/<int:contest_id>/withdrawals")
@login_required
def withdraw(contest_id: int):
    """An entry withdraws after the draw (with a reason): its matches are walked over."""
    def act(form: WithdrawalForm) -> str:
        done = withdrawals.withdraw_entry(current_user, contest_id,
                                          {"entry_id": form.entry_id.data, "reason": form.reason.data})
        return _("%(name)s has withdrawn: %(n)s match(es) walked over; the others will be when they are ready.",
                 name=_entry_name(contest_id, form.entry_id.data), n=done["walked_over"])
    return _entry_form(contest_id, "withdrawal", WithdrawalForm(), act)


@bp.post("/manage/contests/<int:contest_id>/withdrawals/take-back")
@login_required
def reinstate(contest_id: int):
    """A withdrawal is taken back (with a reason): the walkovers it gave are to be played again."""
    def act(form: ReinstateForm) -> str:
        done = withdrawals.reinstate_entry(current_user, contest_id, form.entry_id.data, {"reason": form.reason.data})
        return _("%(name)s is back in the contest: %(n)s walkover(s) taken back, to be played.",
                 name=_entry_name(contest_id, form.entry_id.data), n=done["taken_back"])
    return _entry_form(contest_id, "reinstatement", ReinstateForm(), act)


@bp.get("/manage/contests/<int:contest_id>/withdrawals")
@bp.get("/manage/contests/<int:contest_id>/withdrawals/take-back")
@login_required
def entry_form_again(contest_id: int):
    """The address a refused withdrawal (or taking back) was shown at, opened again: reloaded, or the language
    switched there. Nothing is sent twice: the results list it came from."""
    return redirect(url_for("results.contest_matches", contest_id=contest_id))


def _entry_name(contest_id: int, entry_id) -> str:
    return match_services.entry_names(contest_id).get(entry_id, {}).get("name", "")


def _entry_form(contest_id: int, name: str, form, act):
    """A form of the results list about one entry, posted: ``act(form)`` gives the message of its success and
    the list is shown again; a refusal comes back on the form (as ``name``) with the list."""
    contest = get_contest(contest_id)
    competitions.require_manager(current_user, contest.event_id)
    if form.validate_on_submit():
        try:
            message = act(form)
        except DomainError as err:
            if err.status in (401, 403):
                raise
            apply_errors(form, err)
        else:
            flash(message, "success")
            return redirect(url_for("results.contest_matches", contest_id=contest_id))
    return _list_page(contest, **{name: form})


def _list_page(contest, withdrawal: WithdrawalForm | None = None, reinstatement: ReinstateForm | None = None):
    """The list of matches (filter and page from the query) with the forms to withdraw an entry and to take
    a withdrawal back (the one posted, with its errors, or empty ones)."""
    withdrawal = withdrawal or WithdrawalForm(formdata=None)
    reinstatement = reinstatement or ReinstateForm(formdata=None)
    status = request.args.get("status") if request.args.get("status") in FILTERS else FILTERS[0]
    found, _total = match_services.list_matches(current_user, contest.id)
    names = match_services.entry_names(contest.id) if found else {}
    shown = [m for m in found if status == "all" or m["status"] == status]
    counts = Counter(m["status"] for m in found)
    counts["all"] = len(found)
    pages = max(1, -(-len(shown) // PER_PAGE))
    page = min(max(request.args.get("page", 1, type=int), 1), pages)
    shown = shown[(page - 1) * PER_PAGE:page * PER_PAGE]
    draw = draw_services.visible_draw(current_user, contest) if found else None
    out = draw.withdrawn if draw else []
    name = lambda e: names.get(e, {}).get("name", str(e))  # noqa: E731
    blank = [("", _("— choose —"))]  # (nobody chosen for the organiser: a tap on the button alone withdraws no one)
    withdrawal.entry_id.choices = blank + [(e, name(e)) for e in (draw.entry_ids if draw else []) if e not in out]
    reinstatement.entry_id.choices = blank + [(e, name(e)) for e in out]
    return render_template("results/contest.html", contest=contest, sport=SPORTS[contest.sport], status=status,
                           filters=FILTERS, counts=counts, labels=MATCH_STATUS_LABELS, total=len(found),
                           sections=sections(found, shown, names, contest), page=page, pages=pages,
                           withdrawal=withdrawal, reinstatement=reinstatement, withdrawn=[name(e) for e in out],
                           ties_page=contest.format["type"] in (*standings.TABLE_FORMATS, "timed_heats"),
                           waiting=[(t["round"], "、".join(name(e) for e in t["entries"]))
                                    for t in _race_ties(contest) if t["holds"]])


def _race_ties(contest) -> list[dict]:
    return race_ties.race_ties(current_user, contest.id) if contest.format["type"] == "timed_heats" else []


@bp.route("/manage/matches/<int:match_id>/result", methods=["GET", "POST"])
@login_required
def record(match_id: int):
    """One match's score sheet, fitted to the sport; a refused or stale sheet comes back as typed.

    A finished match's sheet with ``correct=1`` is its correction: filled with the recorded result, with
    a reason to give."""
    rec = match_services.get_match(current_user, match_id)
    contest = get_contest(rec["contest_id"])
    competitions.require_manager(current_user, contest.event_id)
    names = match_services.entry_names(contest.id)
    sheet = _sheet(contest, rec, names)
    correcting = rec["status"] == "finished" and request.values.get("correct") == "1"
    form = (CorrectionForm if correcting else ResultForm)(version=rec["version"])
    choices(form, sheet)
    errors, values = FormErrors(), request.form
    if correcting and request.method == "GET":
        values = recorded_values(rec["result"], sheet, rec["entries"])
        form.outcome.data, form.winner_entry_id.data = values.get("outcome"), values.get("winner_entry_id")
    if sheet.kind != "judged" and form.validate_on_submit():
        try:
            data = payload(request.form, form, sheet)
            if correcting:
                written = result_corrections.correct_match_result(current_user, match_id,
                                                                  {**data, "reason": form.reason.data})
            else:
                written = result_services.record_result(current_user, match_id, data)
        except Conflict as err:
            rec = _after_conflict(match_id, err, form, correcting)
        except DomainError as err:
            if err.status in (401, 403, 404):
                raise
            errors = apply_errors(form, err)
        else:
            flash(_recorded(written, names, contest, correcting), "success")
            return redirect(url_for("results.contest_matches", contest_id=contest.id))
    return _sheet_page(contest, rec, names, sheet, form, errors, values, correcting)


@bp.get("/manage/matches/<int:match_id>/result/undo")
@login_required
def undo_again(match_id: int):
    """A refused undo's address opened again (reloaded, or the language switched): the match's score sheet."""
    return redirect(url_for("results.record", match_id=match_id))


@bp.post("/manage/matches/<int:match_id>/result/undo")
@login_required
def undo(match_id: int):
    """Take a finished match's result back (with a reason): the match is ready to record again."""
    rec = match_services.get_match(current_user, match_id)
    contest = get_contest(rec["contest_id"])
    competitions.require_manager(current_user, contest.event_id)
    names = match_services.entry_names(contest.id)
    undo_form = UndoForm()
    if undo_form.validate_on_submit():
        data = {"version": undo_form.version.data or None, "reason": undo_form.reason.data}
        try:
            result_corrections.undo_match_result(current_user, match_id, data)
        except Conflict as err:
            flash(translate(err.message), "warning")
            rec = match_services.get_match(current_user, match_id)
        except DomainError as err:
            if err.status in (401, 403, 404):
                raise
            apply_errors(undo_form, err)
        else:
            name = match_title(rec, contest, match_services.last_round(rec))
            flash(_("Result taken back: %(match)s is ready to record again.", match=name), "success")
            return redirect(url_for("results.record", match_id=match_id))
    sheet = _sheet(contest, rec, names)
    form = ResultForm(version=rec["version"])
    choices(form, sheet)
    return _sheet_page(contest, rec, names, sheet, form, FormErrors(), {}, False, undo_form)


def _sheet(contest, rec: dict, names: dict) -> Sheet:
    """The match's score sheet; for a team tie (rubbers) with the players of both rosters to pick from."""
    sheet = sheet_for(contest, side_names(rec, names), race_rows(rec, names))
    if sheet.kind == "rubbers":
        players = match_services.players_of(rec["entries"])
        sheet.rosters = [players.get(e, []) for e in rec["entries"]]
    return sheet


def _after_conflict(match_id: int, err: Conflict, form: ResultForm, correcting: bool) -> dict:
    """Say why the sheet was refused; the match as it is now (the form keeps what was typed)."""
    rec = match_services.get_match(current_user, match_id)
    if rec["status"] == "finished" and not correcting:
        flash(_("Someone else recorded this match first: its result is shown below and nothing was changed. "
                "What you typed is kept in the form."), "warning")
    else:
        flash(translate(err.message), "warning")
    form.version.data = str(rec["version"])
    return rec


def _recorded(rec: dict, names: dict, contest, corrected: bool = False) -> str:
    """The flash after a result: which match, who played, the score as recorded."""
    score = score_line(rec, names, contest.discipline)
    if (rec["plan"] or {}).get("lanes"):
        if corrected:
            return _("Result corrected: %(match)s: %(score)s", match=match_title(rec, contest), score=score)
        return _("Result recorded: %(match)s: %(score)s", match=match_title(rec, contest), score=score)
    a, b = (s["name"] for s in side_names(rec, names))
    if corrected:
        return _("Result corrected: %(a)s vs %(b)s: %(score)s", a=a, b=b, score=score)
    return _("Result recorded: %(a)s vs %(b)s: %(score)s", a=a, b=b, score=score)


def _sheet_page(contest, rec: dict, names: dict, sheet: Sheet, form: ResultForm, errors: FormErrors, values,
                correcting: bool, undo_form: UndoForm | None = None):
    """The sheet page: the form as typed (or the recorded result to correct), the recorded result if any,
    why the match takes no result, and for a finished match the ways to correct it or take it back."""
    blocked = None if correcting else result_services.NOT_READY.get(rec["status"])
    if rec["status"] == "finished" and undo_form is None:
        undo_form = UndoForm(formdata=None, version=rec["version"])
    if undo_form is not None:
        undo_form.version.data = str(rec["version"])
    history = [dict(h, **_history_words(h["detail"], rec, names, contest))
               for h in match_services.match_history(current_user, rec["id"])]
    return render_template("results/form.html", contest=contest, rec=rec, sheet=sheet, form=form, errors=errors,
                           history=history, actions=match_services.HISTORY_ACTIONS,
                           values=values, title=match_title(rec, contest, match_services.last_round(rec)),
                           score=score_line(rec, names, contest.discipline), correcting=correcting,
                           undo_form=undo_form, blocked=_(blocked) if blocked else None, statuses=lane_statuses(),
                           known=_known_paths(sheet), rubber_outcomes=outcome_choices(badminton_rules.OUTCOMES))


def _history_words(detail: dict, rec: dict, names: dict, contest) -> dict:
    """What a line of the match's history adds in words: the result a correction or an undo replaced, the
    entries whose withdrawal gave a walkover."""
    out = {}
    before = detail.get("before") if isinstance(detail.get("before"), dict) else None
    if before:
        slot = before.get("winner")
        winner = rec["entries"][slot] if isinstance(slot, int) and 0 <= slot < len(rec["entries"]) else None
        out["replaced"] = score_line({**rec, "result": before, "winner_entry_id": winner}, names, contest.discipline)
    if detail.get("withdrawn"):
        out["withdrawn"] = "、".join(names.get(e, {}).get("name", str(e)) for e in detail["withdrawn"])
    return out


def _known_paths(sheet: Sheet) -> set[str]:
    """The field paths the sheet shows next to an input; errors on any other path go at the top."""
    paths = {"outcome", "winner_entry_id", sheet.kind}
    rows = range(max(len(sheet.rows), len(sheet.lanes)))
    if sheet.kind == "rubbers":
        for r in range(len(sheet.rubbers)):
            paths |= {f"rubbers.{r}{p}" for p in ("", ".discipline", ".games", ".outcome", ".winner_entry_id",
                                                   ".players", ".players.0", ".players.1")}
            paths |= {f"rubbers.{r}.games.{i}" for i in rows}
    elif sheet.kind == "lanes":
        paths |= {f"lanes.{i}.{f}" for i in rows for f in ("time_ms", "status", "penalty_ms")}
    else:
        paths |= {f"{sheet.kind}.{i}" for i in rows}
    return paths
