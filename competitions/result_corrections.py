"""Correcting a recorded result, or taking it back, with the reason in the audit trail.

An organiser sends the version they read and a reason. A correction is checked by the sport's rules
like a first result; what the first result moved on (the winner and loser into later matches, a
group's qualifiers into the knockout, a round of races into the next races) follows the new result,
as long as none of the matches it reached has been played; an entry withdrawn since the draw that a
correction moves into a ready match is walked over there. Taking a result back makes the match ready
again, as if never played (with a withdrawn side, the organiser records the walkover). Both are logged
with the result they replaced.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from accounts.models import User
from accounts.permissions import user_id_of
from common import fields
from common.db import utcnow
from common.errors import N_, Conflict, Invalid
from common.transaction import use_case
from competitions.result_services import bracket_for, load_match, regroup, validate_match, validate_race, walk_over
from competitions.result_store import ContestRules
from competitions.result_words import full_match_name
from competitions.services import check_sent_version
from competitions.sports.results import Rules, rules_for
from scheduling import match_store
from scheduling.formats import Bracket
from scheduling.formats.corrections import correct_race, correct_result, retract
from scheduling.formats.model import FINISHED, FormatError

T = match_store.T


def _load(actor: User, match_id: int, data) -> tuple[ContestRules, dict, dict, str]:
    """The contest and the finished match, the request without its reason, and the reason (or 409/422)."""
    contest, rec = load_match(actor, match_id)
    data = data if isinstance(data, dict) else {}
    reason = fields.reason(data, N_("Say why the result changes (it is kept in the contest's record)."))
    if data.get("version") is None:
        raise Invalid.one("version", N_("Send the version of the match you read."))
    check_sent_version(rec["version"], data)
    if rec["status"] != FINISHED:
        raise Conflict(N_("This match has no result to change."))
    if rules_for(contest.sport).kind not in ("head_to_head", "timed"):
        raise Conflict(N_("Judged entries are scored by the judges, not as match results."))
    return contest, rec, {k: v for k, v in data.items() if k != "reason"}, reason


@use_case
def correct_match_result(actor: User, match_id: int, data: dict) -> dict:
    """Replace a finished match's result (version and reason required); the matches it fed follow."""
    contest, rec, sheet, reason = _load(actor, match_id, data)
    before, rules = rec["result"], rules_for(contest.sport)
    done = {"recorded_by_id": user_id_of(actor), "recorded_at": utcnow()}
    if rules.kind == "timed":
        result, times = validate_race(contest, rules, rec, sheet)
    else:
        result = validate_match(rules, contest, rec, sheet)
    ms, bracket = bracket_for(contest, rec)
    with named_matches(contest):
        if rules.kind == "timed":
            changes = correct_race(bracket, rec["key"], times)
        else:
            changes = correct_result(bracket, rec["key"], rules.winner(result))
    written = match_store.write_back(ms, [c.key for c in changes], {rec["key"]: {"result": result, **done}})
    later = [c.key for c in changes if c.key != rec["key"]] + regroup(contest, rules, ms, rec["stage"], rec["group"])
    if contest.withdrawn:  # a withdrawn entry the correction moves into a ready match is walked over there
        walk_over(contest, rules, ms, later, done)
    match_store.log(contest.id, done["recorded_by_id"], "correction",
                    {"key": rec["key"], "reason": reason, "before": before, "data": sheet}, match_id)
    return written[rec["key"]]


@use_case
def undo_match_result(actor: User, match_id: int, data: dict) -> dict:
    """Take a finished match's result back (version and reason required): it is ready to record again."""
    contest, rec, _sheet, reason = _load(actor, match_id, data)
    ms, bracket = bracket_for(contest, rec)
    return take_back(contest, rules_for(contest.sport), ms, bracket, rec, user_id_of(actor),
                     {"key": rec["key"], "reason": reason, "before": rec["result"]})


def take_back(contest: ContestRules, rules: Rules, ms: match_store.Matches, bracket: Bracket, rec: dict,
              user_id: int | None, log: dict) -> dict:
    """Take a finished match's result back on ``bracket`` (over ``ms``), with what it moved on and its group's
    qualifiers, and log it on the match (``log``: the payload); the match's new record."""
    with named_matches(contest):
        changes = retract(bracket, rec["key"])
    cleared = {"result": None, "recorded_by_id": None, "recorded_at": None}
    written = match_store.write_back(ms, [c.key for c in changes], {rec["key"]: cleared})
    regroup(contest, rules, ms, rec["stage"], rec["group"])
    match_store.log(contest.id, user_id, "undo", log, rec["id"])
    return written[rec["key"]]


@contextmanager
def named_matches(contest: ContestRules) -> Iterator[None]:
    """The core names matches by key (``main-2-1``); a refusal names them as people do (``Final · Match 1``)."""
    try:
        yield
    except FormatError as err:
        key = err.message.params.get("key")
        found = match_store.records(T.c.contest_id == contest.id, T.c.key == key) if isinstance(key, str) else []
        if not found:
            raise
        rec = found[0]
        last = match_store.last_round(contest.id, rec["stage"])
        name = full_match_name(rec, contest.format["type"], last, contest.format.get("runs", 1))
        raise FormatError(err.message.msgid, **{**err.message.params, "key": name}) from err
