"""Matches as stored rows: records to core matches and back, partial brackets loaded on demand.

The hot paths (one result among thousands of matches) use Core statements on plain dicts, never one
ORM object per match; the statements of a result are built once (their cache keys are memoised).
A new bracket's rows go in through ``match_insert``.
A *record* is a dict of a match row's columns plus the names of its court and venue.
``Matches`` is the dict of core matches a format's functions work on: it holds the few rows a
result touches and loads any other one by key when the core asks for it (a bye passing an entry
on, a grand final voided), so progression never reads the whole bracket.
"""
from __future__ import annotations

import json
from typing import Iterable, Mapping

from sqlalchemy import bindparam, func, insert, select, update

from common.db import db, utcnow
from competitions.models import Court, Venue
from scheduling.formats import Bracket, timed_heats
from scheduling.formats.model import Match as CoreMatch
from scheduling.formats.model import match_from_row, match_to_row
from scheduling.models import Draw, Match, MatchLog

T = Match.__table__
_COURTS, _VENUES = Court.__table__, Venue.__table__
COLUMNS = (T.c.id, T.c.contest_id, T.c.key, T.c.seq, T.c.stage, T.c.round, T.c.position, T.c.group, T.c.heat,
           T.c.entries, T.c.status, T.c.winner, T.c.winner_entry_id, T.c.plan, T.c.result, T.c.scheduled_at,
           T.c.court_id, T.c.version, T.c.recorded_at)


def plan_of(m: CoreMatch) -> dict:
    """The ``plan`` column of a core match: its fields other than the columns, leaving out the empty ones."""
    plan: dict = {"closed": list(m.closed)} if True in m.closed else {}
    if m.winner_to is not None:
        plan["winner_to"] = [m.winner_to.key, m.winner_to.slot]
    if m.loser_to is not None:
        plan["loser_to"] = [m.loser_to.key, m.loser_to.slot]
    if m.winner_place is not None:
        plan["winner_place"] = m.winner_place
    if m.loser_place is not None:
        plan["loser_place"] = m.loser_place
    if m.ends_if is not None:
        plan["ends_if"] = m.ends_if
    if m.labels is not None:
        plan["labels"] = m.labels
    if m.lanes is not None:
        plan["lanes"] = m.lanes
    if m.race is not None:
        plan["race"] = match_to_row(m)["race"]
    return plan


def to_core(rec: dict) -> dict:
    """The core row (``model.match_to_row``) of a stored record: the inverse of ``match_insert.to_columns``."""
    return {"closed": [False] * len(rec["entries"]), **rec["plan"], "key": rec["key"], "stage": rec["stage"],
            "round": rec["round"], "position": rec["position"], "group": rec["group"], "heat": rec["heat"],
            "entries": rec["entries"], "status": rec["status"], "winner": rec["winner"]}


def selecting(*where):
    """A select of match records (with court and venue names) in draw order."""
    return (select(*COLUMNS, _COURTS.c.name.label("court"), _VENUES.c.name.label("venue"))
            .outerjoin(_COURTS, _COURTS.c.id == T.c.court_id).outerjoin(_VENUES, _VENUES.c.id == _COURTS.c.venue_id)
            .where(*where).order_by(T.c.seq))


BY_ID = selecting(T.c.id == bindparam("id"))
#: up to two matches by key (the winner's and the loser's next match): fixed parameters render faster than IN lists
BY_TWO_KEYS = selecting(T.c.contest_id == bindparam("contest_id"), T.c.key.in_([bindparam("k1"), bindparam("k2")]))
UPDATE = update(T).where(T.c.id == bindparam("_id"))
LOG = insert(MatchLog.__table__)


def execute(stmt, params=None):
    """Run a Core statement on the session's connection (skipping the ORM's per-statement work)."""
    return db.session.connection().execute(stmt, params)


def records(*where, limit: int | None = None, offset: int = 0) -> list[dict]:
    """Match records matching ``where``, in draw order."""
    stmt = selecting(*where)
    if limit is not None:
        stmt = stmt.limit(limit).offset(offset)
    return [dict(r._mapping) for r in db.session.execute(stmt)]


def last_round(contest_id: int, stage: str) -> int:
    """The number of the last round of a contest's stage (1 when it has none)."""
    return db.session.scalar(select(func.max(T.c.round)).where(T.c.contest_id == contest_id,
                                                               T.c.stage == stage)) or 1


def by_id(match_id: int) -> dict | None:
    """One match record, or None."""
    row = execute(BY_ID, {"id": match_id}).first()
    return None if row is None else dict(row._mapping)


def _json_encoder():
    """A JSON encoder built once (``json.dumps`` builds one per call: a third of a draw's time)."""
    if json.encoder.c_make_encoder is None:
        return json.dumps

    def refuse(value):
        raise TypeError(f"not JSON: {value!r}")

    chunks = json.encoder.c_make_encoder(None, refuse, json.encoder.encode_basestring_ascii, None, ": ", ", ",
                                         False, False, False)
    return lambda value: "".join(chunks(value, 0))


to_json = _json_encoder()
class Matches(dict):
    """Core matches by key for one contest; a key not loaded yet is read from the database on first use."""

    def __init__(self, contest_id: int, recs: Iterable[dict] = ()):
        super().__init__()
        self.contest_id = contest_id
        self.records: dict[str, dict] = {}
        for rec in recs:
            self.add(rec)

    def add(self, rec: dict) -> None:
        """Hold a stored record and its core match."""
        self.records[rec["key"]] = rec
        self[rec["key"]] = match_from_row(to_core(rec))

    def __missing__(self, key: str):
        self.prefetch([key])
        if not dict.__contains__(self, key):
            raise KeyError(key)
        return dict.__getitem__(self, key)

    def prefetch(self, keys: Iterable[str]) -> None:
        """Load the matches of ``keys`` not held yet, in one query."""
        wanted = sorted({k for k in keys if k is not None and k not in self})
        for i in range(0, len(wanted), 2):
            pair = wanted[i:i + 2]
            for row in execute(BY_TWO_KEYS, {"contest_id": self.contest_id, "k1": pair[0], "k2": pair[-1]}):
                self.add(dict(row._mapping))

    def bracket(self, draw: Draw, fmt: str, settings: Mapping) -> Bracket:
        """A bracket over these matches with the draw's entries and options (a copy the core may change);
        races also take from the contest's ``settings`` whether equal times at a cut wait for a decision."""
        options = _copy(draw.options)
        if fmt == timed_heats.FORMAT:
            options[timed_heats.HOLD_TIES] = timed_heats.holds_ties(settings)
        return Bracket(fmt, list(draw.entry_ids), self, options)


def stored_options(bracket: Bracket) -> dict:
    """The bracket's options as its draw stores them: without what ``Matches.bracket`` took from the settings."""
    return {k: v for k, v in bracket.options.items() if k != timed_heats.HOLD_TIES}


def _copy(value):
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def linked_keys(rec: dict) -> list[str]:
    """The keys of the matches a stored match feeds (winner and loser links)."""
    plan = rec["plan"]
    return [link[0] for link in (plan.get("winner_to"), plan.get("loser_to")) if link]


def write_back(ms: Matches, keys: Iterable[str], extra: dict[str, dict] | None = None) -> dict[str, dict]:
    """Write the changed columns of the changed matches (and version + 1) with Core UPDATEs; their new records.

    ``extra`` adds columns per key (the recorded result). Unchanged columns are left out of the statement.
    """
    out, extra = {}, extra or {}
    for key in dict.fromkeys(keys):
        rec, m = ms.records[key], ms[key]
        winner = m.winner
        values = {"entries": m.entries, "status": m.status, "winner": winner,
                  "winner_entry_id": None if winner is None else m.entries[winner], "plan": plan_of(m)}
        values = {k: v for k, v in values.items() if rec[k] != v}
        values.update(extra.get(key, {}), version=rec["version"] + 1)
        execute(UPDATE, {"_id": rec["id"], **values})
        rec.update(values)
        out[key] = rec
    return out


def log(contest_id: int, user_id: int | None, action: str, payload: dict, match_id: int | None = None) -> None:
    """Add a line to the contest's audit trail (who did what, when, with what payload)."""
    execute(LOG, {"contest_id": contest_id, "match_id": match_id, "user_id": user_id, "at": utcnow(),
                             "action": action, "payload": payload})
