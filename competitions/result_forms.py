"""WTForms of the results entry, the score sheet each sport shows, and the payload ``record_result`` takes.

Outcome, winner and version are WTForms fields (with the CSRF token); the score rows are plain named
inputs: ``games-1-0`` (game 2, first side's points), ``periods-4-1``, ``rubbers-2-games-0-1``,
``rubbers-2-discipline``, ``lanes-3-time``, ``lanes-3-status``, ``lanes-3-penalty``. Rows left blank
at the end are dropped; a blank row before a filled one is an error, so every field path (ours and
the service's: ``games.1``, ``periods.4``, ``rubbers.2.games.0``, ``lanes.0.time_ms``) points at a
row as shown.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FieldList, HiddenField, SelectField, StringField
from wtforms.validators import InputRequired

from common.errors import N_, ErrorBag
from competitions.result_text import LANE_STATUS_LABELS
from competitions.result_words import OUTCOMES
from competitions.sports import SPORTS, badminton_rules, basketball_rules
from competitions.sports.timed_race_rules import STATUSES, format_time, parse_time

#: overtime rows shown empty on a 5x5 sheet (blank ones are ignored)
OVERTIMES = 3
#: player pickers per side of a rubber (singles use the first)
PLAYERS_PER_SIDE = 2
_MAX_DIGITS = 4


class ResultForm(FlaskForm):
    """The version read, and for head-to-head matches the outcome and the winner of a non-normal one."""
    version = HiddenField()
    outcome = SelectField(_l("Outcome"), choices=[], validate_choice=False)
    winner_entry_id = SelectField(_l("Winner"), choices=[], validate_choice=False,
                                  description=_l("Only for a walkover, retirement, disqualification or forfeit."))


class CorrectionForm(ResultForm):
    """The score sheet of a correction: the recorded result to change, and why."""
    reason = StringField(_l("Why the result changes"), render_kw={"maxlength": 500, "autocomplete": "off"},
                         description=_l("Kept with the match in the contest's record, with who changed it and when."))


class UndoForm(FlaskForm):
    """Taking a result back: the version read, and why."""
    version = HiddenField()
    reason = StringField(_l("Why the result is taken back"), render_kw={"maxlength": 500, "autocomplete": "off"},
                         description=_l("For example: recorded on the wrong match."))


def _entry_id(value) -> int | None:
    """An entry chosen in a list that starts blank (nobody is chosen for the organiser)."""
    return None if value in ("", None) else int(value)


def entry_field() -> SelectField:
    """The entry a withdrawal (or its taking back) is about: a list starting blank, a choice required."""
    return SelectField(_l("Entry"), choices=[], coerce=_entry_id, validate_choice=False,
                       validators=[InputRequired(message=_l("Choose an entry of this draw."))])


class WithdrawalForm(FlaskForm):
    """An entry withdrawing after the draw, and why."""
    entry_id = entry_field()
    reason = StringField(_l("Why it withdraws"), render_kw={"maxlength": 500, "autocomplete": "off"},
                         description=_l("Its matches go to the other side by walkover, now or when they are ready."))


class ReinstateForm(FlaskForm):
    """Taking back a withdrawal (recorded by mistake, or the entry turned up after all), and why."""
    entry_id = entry_field()
    reason = StringField(_l("Why the withdrawal is taken back"), render_kw={"maxlength": 500, "autocomplete": "off"},
                         description=_l("The walkovers it gave are taken back: those matches are to be played."))


class LotsForm(FlaskForm):
    """The order in which lots were drawn for entries level in a finished group, and a note."""
    group = HiddenField()
    tie = HiddenField()  #: which level entries the form is for (their ids, sorted), to show its errors on it
    order = FieldList(SelectField(coerce=int, validate_choice=False), min_entries=2)
    note = StringField(_l("Note"), render_kw={"maxlength": 500, "autocomplete": "off"},
                       description=_l("For example: who drew the lots, where, who was present."))


@dataclass
class Sheet:
    """The score sheet of one match: which rows it shows and what they are called."""

    kind: str  #: games | rubbers | periods | lanes
    rows: list[str] = field(default_factory=list)  #: labels of the score rows (of each rubber for a team tie)
    fixed: int = 0  #: rows that are always played (quarters); the others are optional (overtimes)
    rubbers: list[tuple[str, str]] = field(default_factory=list)  #: (discipline code, label) per rubber
    outcomes: tuple[str, ...] = ()
    sides: list[dict] = field(default_factory=list)
    lanes: list[dict] = field(default_factory=list)
    #: a team tie: each side's players (``{name, gender}``), to pick who played each rubber
    rosters: list[list[dict]] = field(default_factory=list)
    #: a team tie: how many play each discipline on a side (a singles rubber offers no partner)
    players_per_side: dict[str, int] = field(default_factory=dict)


def sheet_for(contest, sides: list[dict], lanes: list[dict]) -> Sheet:
    """The sheet for a contest's sport and discipline: badminton games or rubbers, basketball periods, race lanes."""
    settings, kind = contest.settings or {}, SPORTS[contest.sport].kind
    if kind == "judged":
        return Sheet("judged")
    if kind == "timed":
        return Sheet("lanes", lanes=[row for row in lanes if row["entry_id"] is not None])
    if contest.sport == "badminton":
        games = [_("Game %(n)s", n=i + 1) for i in range(2 * settings.get("games_to_win", 2) - 1)]
        if contest.discipline == "team":
            labels = SPORTS["badminton"].disciplines
            count = 2 * settings.get("rubbers_to_win", 3) - 1
            rubbers = [(code, _(labels[code].label)) for code in badminton_rules.RUBBERS[:count]]
            return Sheet("rubbers", games, len(games), rubbers, badminton_rules.TIE_OUTCOMES, sides,
                         rosters=[[], []], players_per_side={code: badminton_rules.players_per_side(code)
                                                             for code, _label in rubbers})
        return Sheet("games", games, len(games), outcomes=badminton_rules.OUTCOMES, sides=sides)
    if contest.discipline == "5x5":
        rows = [_("Q%(n)s", n=i + 1) for i in range(4)] + [_("OT%(n)s", n=i + 1) for i in range(OVERTIMES)]
        return Sheet("periods", rows, 4, outcomes=basketball_rules.OUTCOMES, sides=sides)
    return Sheet("periods", [_("Regular time"), _("Overtime")], 1, outcomes=basketball_rules.OUTCOMES, sides=sides)


def outcome_choices(codes) -> list[tuple[str, str]]:
    """Outcome codes with their labels, for a select."""
    return [(code, _(OUTCOMES[code])) for code in codes]


def choices(form: ResultForm, sheet: Sheet) -> None:
    """Fill the outcome and winner choices from the sheet."""
    form.outcome.choices = outcome_choices(sheet.outcomes)
    form.winner_entry_id.choices = [("", "—")] + [(str(s["entry_id"]), s["name"]) for s in sheet.sides]


def lane_statuses() -> list[tuple[str, str]]:
    """The race statuses for the lane selects."""
    return [(code, _(LANE_STATUS_LABELS[code])) for code in STATUSES]


def _number(text: str) -> int | None:
    return int(text) if text.isdecimal() and len(text) <= _MAX_DIGITS else None


def _pairs(values, prefix: str, count: int, path: str, bag: ErrorBag) -> list[list[int]]:
    """Score pairs of the rows ``prefix-i-0/1``: trailing blank rows dropped, a gap or a non-number flagged."""
    rows = [tuple((values.get(f"{prefix}-{i}-{s}") or "").strip() for s in (0, 1)) for i in range(count)]
    last = max((i for i, (a, b) in enumerate(rows) if a or b), default=-1)
    out = []
    for i, (a, b) in enumerate(rows[:last + 1]):
        pair = [_number(a), _number(b)]
        if not a and not b:
            bag.add(f"{path}.{i}", N_("Fill the rows in order: this one is empty."))
        elif None in pair:
            bag.add(f"{path}.{i}", N_("Give both scores as whole numbers (0 to 9999)."))
        else:
            out.append(pair)
    return out


def _winner(value: str | None) -> int | None:
    return int(value) if value and value.isdecimal() else None


def _outcome(data: dict, outcome: str, winner: str | None) -> None:
    """The outcome, and the winner only where the outcome needs one (a normal result is won on the score)."""
    data["outcome"] = outcome or "normal"
    if data["outcome"] != "normal":
        data["winner_entry_id"] = _winner(winner)


def _rubbers(values, sheet: Sheet, bag: ErrorBag) -> list[dict]:
    """The rubbers typed in: trailing blank ones dropped (a knockout tie stops once decided)."""
    rubbers, typed = [], []
    for r in range(len(sheet.rubbers)):
        rubber = {"discipline": values.get(f"rubbers-{r}-discipline") or sheet.rubbers[r][0],
                  "games": _pairs(values, f"rubbers-{r}-games", len(sheet.rows), f"rubbers.{r}.games", bag)}
        players = [[name for k in range(PLAYERS_PER_SIDE)
                    if (name := (values.get(f"rubbers-{r}-players-{s}-{k}") or "").strip())] for s in (0, 1)]
        if any(players):  # optional; once given, the rules check one per side in singles, two in doubles
            rubber["players"] = players
        _outcome(rubber, values.get(f"rubbers-{r}-outcome"), values.get(f"rubbers-{r}-winner_entry_id"))
        rubbers.append(rubber)
        typed.append(rubber["outcome"] != "normal" or any(
            (values.get(f"rubbers-{r}-games-{i}-{s}") or "").strip() for i in range(len(sheet.rows)) for s in (0, 1)))
    last = max((i for i, t in enumerate(typed) if t), default=-1)
    for i in range(last):
        if not typed[i]:
            bag.add(f"rubbers.{i}", N_("Fill the rubbers in order: this one is empty."))
    return rubbers[:last + 1]


def _clock(text: str | None) -> str:
    """A typed time with a phone's look-alikes read as intended: ``58,40`` and the full-width ``1：01.23``."""
    return (text or "").strip().replace(",", ".").replace("，", ".").replace("：", ":").replace("。", ".")


def _lanes(values, sheet: Sheet, bag: ErrorBag) -> list[dict]:
    """One lane result per crew, in lane order: time and penalty typed as ``1:01.23`` or seconds."""
    lanes = []
    for i, row in enumerate(sheet.lanes):
        lane: dict = {"entry_id": row["entry_id"], "status": values.get(f"lanes-{i}-status") or "OK"}
        time, penalty = (_clock(values.get(f"lanes-{i}-{k}")) for k in ("time", "penalty"))
        try:
            if time:
                lane["time_ms"] = parse_time(time)
        except ValueError:
            bag.add(f"lanes.{i}.time_ms", N_("Write the time as 1:01.23 or in seconds (61.23)."))
        try:
            lane["penalty_ms"] = parse_time(penalty) if penalty else 0
        except ValueError:
            bag.add(f"lanes.{i}.penalty_ms", N_("Write the penalty in seconds (10 or 2.5)."))
        lanes.append(lane)
    return lanes


def payload(values, form: ResultForm, sheet: Sheet) -> dict:
    """The data ``record_result`` takes from the submitted form; Invalid (same field paths) on a bad row."""
    bag = ErrorBag()
    data: dict = {"version": form.version.data or None}
    if sheet.kind == "lanes":
        data["lanes"] = _lanes(values, sheet, bag)
    else:
        _outcome(data, form.outcome.data, form.winner_entry_id.data)
        if sheet.kind == "rubbers":
            data["rubbers"] = _rubbers(values, sheet, bag)
        else:
            data[sheet.kind] = _pairs(values, sheet.kind, len(sheet.rows), sheet.kind, bag)
    bag.raise_if_any()
    return data


def recorded_values(result: dict | None, sheet: Sheet, entries: list) -> dict:
    """The form's fields as the recorded result fills them (the start of a correction), by input name;
    the stored result names winners by slot, the form by ``entries``' ids."""
    result, values = result or {}, {}

    def winner(part: dict) -> str:
        return "" if part.get("winner") is None else str(entries[part["winner"]])

    if result.get("outcome", "normal") != "normal":
        values.update(outcome=result["outcome"], winner_entry_id=winner(result))

    def rows(prefix: str, pairs) -> None:
        for i, pair in enumerate(pairs or []):
            values.update({f"{prefix}-{i}-{s}": str(pair[s]) for s in (0, 1)})

    if sheet.kind == "lanes":
        by_entry = {lane["entry_id"]: lane for lane in result.get("lanes", [])}
        for i, row in enumerate(sheet.lanes):
            lane = by_entry.get(row["entry_id"], {})
            values[f"lanes-{i}-status"] = lane.get("status", "OK")
            values[f"lanes-{i}-time"] = format_time(lane["time_ms"]) if lane.get("time_ms") else ""
            values[f"lanes-{i}-penalty"] = f"{lane['penalty_ms'] / 1000:g}" if lane.get("penalty_ms") else ""
    elif sheet.kind == "rubbers":
        for r, rubber in enumerate(result.get("rubbers", [])):
            values[f"rubbers-{r}-discipline"] = rubber.get("discipline", "")
            rows(f"rubbers-{r}-games", rubber.get("games"))
            for s, names in enumerate(rubber.get("players") or []):
                values.update({f"rubbers-{r}-players-{s}-{k}": name for k, name in enumerate(names)})
            if rubber.get("outcome", "normal") != "normal":
                values[f"rubbers-{r}-outcome"] = rubber["outcome"]
                values[f"rubbers-{r}-winner_entry_id"] = winner(rubber)
    else:
        rows(sheet.kind, result.get(sheet.kind))
    return values
