"""Recording results: check a score sheet with the sport's rules, store it, move the entries on.

One result reads the match and the few matches it feeds, lets the format's core apply it to that
partial bracket and writes back only what changed, under the contest's row lock (results of one
contest are serialised). Only two cases read more: a group whose last match is in (its table fills
the knockout) and a race (a round of heats seeds the next races).
"""
from __future__ import annotations

from sqlalchemy import func, select

from accounts.models import User
from accounts.permissions import user_id_of
from common.db import db, utcnow
from common.errors import N_, Conflict, Invalid, NotFound
from common.transaction import use_case
from competitions.result_store import ContestRules, load_for_result
from competitions.services import check_sent_version, require_manager
from competitions.sports.results import Rules, rules_for, to_entry_paths, to_slots
from competitions.standings import group_entries, group_matches, group_table, recorded_lots
from scheduling import match_services, match_store
from scheduling.draw_services import draw_of
from scheduling.formats import Bracket, RaceTime, apply_result, fill_knockout, record_race
from scheduling.formats.groups_knockout import clear_group
from scheduling.formats.model import BYE, FINISHED, PENDING, READY

T = match_store.T
#: why a match that is not ready takes no result, by its status
NOT_READY = {PENDING: N_("This match is waiting for earlier results."),
             FINISHED: N_("This match already has a result."),
             BYE: N_("This match is a bye: there is no result to record.")}


def can_record(actor: User, contest: ContestRules, rec: dict) -> None:
    """Who may record this match's result: the event's organisers (``contest.organises``; else 401, 403).

    Hook for referee assignments (a later wave): a referee assigned to ``rec`` will be let in here.
    """
    if not contest.organises:
        require_manager(actor, contest.event_id)


def load_match(actor: User, match_id: int) -> tuple[ContestRules, dict]:
    """The match's contest (locked) and record, for someone who may record its result (else 401/403/404)."""
    loaded = load_for_result(match_id, user_id_of(actor))
    if loaded is None:
        raise NotFound(N_("No such match."))
    can_record(actor, *loaded)
    return loaded


def _check_state(rec: dict, data: dict) -> None:
    """The version read is required (API.md: an update sends the version it read), and the match ready."""
    if data.get("version") is None:
        raise Invalid.one("version", N_("Send the version of the match you read."))
    check_sent_version(rec["version"], data)
    if rec["status"] != READY:
        raise Conflict(NOT_READY.get(rec["status"], NOT_READY[PENDING]))


def validate_match(rules: Rules, contest: ContestRules, rec: dict, data: dict) -> dict:
    """The normalised head-to-head result; a 422 names the field the client sent."""
    payload = to_slots(data, rec["entries"])
    try:
        result = rules.validate(contest.discipline, contest.settings, payload, knockout=rec["stage"] != "group")
        rules.check_players(result, lambda: _rosters(rec["entries"]))
        return result
    except Invalid as err:
        raise to_entry_paths(err)


def _rosters(entries: list) -> list[dict]:
    """Each slot's players on record: name -> gender."""
    players = match_services.players_of(entries)
    return [{p["name"]: p["gender"] for p in players.get(e, ())} for e in entries]


@use_case
def record_result(actor: User, match_id: int, data: dict) -> dict:
    """Record a ready match's result (send the version you read) and fill the matches it feeds."""
    contest, rec = load_match(actor, match_id)
    data = data if isinstance(data, dict) else {}
    _check_state(rec, data)
    rules = rules_for(contest.sport)
    done = {"recorded_by_id": user_id_of(actor), "recorded_at": utcnow()}
    if rules.kind == "timed":
        written = _record_race(contest, rules, rec, data, done)
    elif rules.kind == "head_to_head":
        written = _record_match(contest, rules, rec, data, done)
    else:
        raise Conflict(N_("Judged entries are scored by the judges, not as match results."))
    match_store.log(contest.id, done["recorded_by_id"], "result", {"key": rec["key"], "data": data}, match_id)
    return written


def bracket_for(contest: ContestRules, rec: dict) -> tuple[match_store.Matches, Bracket]:
    """What the format's core needs to move a match's result on: for a race the whole contest (a finished
    round seats the next races), else the match and the matches it feeds (any further one loads when the
    core follows it)."""
    fmt = contest.format["type"]
    if fmt == "timed_heats":
        ms = match_store.Matches(contest.id, match_store.records(T.c.contest_id == contest.id))
        return ms, ms.bracket(draw_of(contest.id), fmt, contest.settings)
    ms = match_store.Matches(contest.id, [rec])
    ms.prefetch(match_store.linked_keys(rec))
    return ms, Bracket(fmt, [], ms, {})


def _record_match(contest: ContestRules, rules: Rules, rec: dict, data: dict, done: dict) -> dict:
    """A head-to-head result on a partial bracket: the match and the matches it feeds."""
    result = validate_match(rules, contest, rec, data)
    ms, bracket = bracket_for(contest, rec)
    changes = apply_result(bracket, rec["key"], rules.winner(result))
    written = match_store.write_back(ms, [c.key for c in changes], {rec["key"]: {"result": result, **done}})
    later = [c.key for c in changes if c.key != rec["key"]] + regroup(contest, rules, ms, rec["stage"], rec["group"])
    if contest.withdrawn:
        walk_over(contest, rules, ms, later, done)
    return written[rec["key"]]


def walk_over(contest: ContestRules, rules: Rules, ms: match_store.Matches, keys: list[str], done: dict) -> int:
    """Every ready match among ``keys`` with a withdrawn side goes to the other side by walkover (a forfeit
    where the sport has no walkover), and so on along the matches it fills; returns how many."""
    withdrawn, fmt, count = set(contest.withdrawn), contest.format["type"], 0
    pending = list(dict.fromkeys(keys))
    while pending:
        key = pending.pop(0)
        m = ms[key]
        out = [i for i, e in enumerate(m.entries) if e is not None and e in withdrawn]
        if m.status != READY or m.lanes is not None or not out:
            continue
        winner = 1 - out[0] if len(out) == 1 else 0  # both withdrawn: the first goes on, to be walked over again
        result = rules.walkover(contest.discipline, contest.settings, winner, knockout=m.stage != "group")
        changes = apply_result(Bracket(fmt, [], ms, {}), key, winner)
        match_store.write_back(ms, [c.key for c in changes], {key: {"result": result, **done}})
        match_store.log(contest.id, done["recorded_by_id"], "result",
                        {"key": key, "withdrawn": [m.entries[i] for i in out], "data": result}, ms.records[key]["id"])
        count += 1
        pending += [c.key for c in changes if c.key != key] + regroup(contest, rules, ms, m.stage, m.group)
    return count


def regroup(contest: ContestRules, rules: Rules, ms: match_store.Matches, stage: str, group: str | None) -> list[str]:
    """After a group match's result changed: its group's qualifiers in the knockout follow the table
    (``close_group``); nothing for other matches and formats. The keys of the knockout matches changed."""
    if stage != "group" or contest.format["type"] != "groups_knockout":
        return []
    return close_group(contest, rules, ms, group)


def close_group(contest: ContestRules, rules: Rules, ms: match_store.Matches, group: str) -> list[str]:
    """When a group's last match is in, rank the group and put its qualifiers into the knockout (again, with
    the new order, after a correction); a group no longer complete (a result taken back) takes them out."""
    left = db.session.scalar(select(func.count()).select_from(T).where(
        T.c.contest_id == contest.id, T.c.stage == "group", T.c.group == group, T.c.status != "finished"))
    draw = draw_of(contest.id)
    if left and group not in draw.options.get("standings", {}):
        return []
    bracket = ms.bracket(draw, "groups_knockout", contest.settings)
    if left:
        changes = clear_group(bracket, group)
    else:
        played = group_matches(contest.id, T.c.group == group).get(group, [])
        table = group_table(contest, rules, group_entries(contest, draw)[group], played, draw.withdrawn,
                            recorded_lots(draw, group))
        changes = fill_knockout(bracket, {group: [row["entry_id"] for row in table.rows]})
    match_store.write_back(ms, [c.key for c in changes])
    draw.options = match_store.stored_options(bracket)
    return [c.key for c in changes]


def _record_race(contest: ContestRules, rules: Rules, rec: dict, data: dict, done: dict) -> dict:
    """A race's lane results; when its round is complete the core seats the next races (whole contest read)."""
    result, times = validate_race(contest, rules, rec, data)
    ms, bracket = bracket_for(contest, rec)
    changes = record_race(bracket, rec["key"], times)
    written = match_store.write_back(ms, [c.key for c in changes], {rec["key"]: {"result": result, **done}})
    return written[rec["key"]]


def validate_race(contest: ContestRules, rules: Rules, rec: dict, data: dict) -> tuple[dict, dict[int, RaceTime]]:
    """A race's normalised lane results, and each crew's time for the format's core."""
    crews = [e for e in rec["entries"] if e is not None]
    payload = {k: v for k, v in data.items() if k not in ("version", "reason")}
    result = {"outcome": "normal", **rules.validate(contest.discipline, contest.settings, payload, crews=crews)}
    times = {lane["entry_id"]: RaceTime(lane["time_ms"], lane["status"], lane["penalty_ms"])
             for lane in result["lanes"]}
    return result, times
