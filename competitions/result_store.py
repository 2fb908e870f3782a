"""Loading a match for a result: its record and its contest locked, with whether the user organises it.

Results of one contest are recorded one at a time: the contest's row is locked first. On PostgreSQL
that is ``FOR UPDATE`` and the match is read by a second statement, after the lock, so it is never a
stale version; a SQLite use case already holds the database's write lock from BEGIN (common.db), so
one statement reads both. The statements are built once (their cache keys are memoised).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, select

from accounts.models import UserRole
from competitions.models import Contest, EventOrganiser
from scheduling import match_store
from scheduling.models import Draw

T = match_store.T
_C, _EO, _UR, _D = Contest.__table__, EventOrganiser.__table__, UserRole.__table__, Draw.__table__

#: whether the user is an organiser of the contest's event (``competitions.services.manages`` in one query)
ORGANISES = select(_EO.c.id).join(_UR, _UR.c.user_id == _EO.c.user_id).where(
    _EO.c.event_id == _C.c.event_id, _EO.c.user_id == bindparam("user_id"), _UR.c.role == "organiser").exists()
#: the entries withdrawn since the draw (a subquery: one statement still reads everything)
WITHDRAWN = select(_D.c.withdrawn).where(_D.c.contest_id == _C.c.id).scalar_subquery()
_CONTEST = (_C.c.event_id, _C.c.sport, _C.c.discipline, _C.c.format.label("contest_format"),
            _C.c.settings.label("contest_settings"), ORGANISES.label("organises"), WITHDRAWN.label("withdrawn"))
#: PostgreSQL: the match's contest, locked
LOCK_CONTEST = select(_C.c.id, *_CONTEST).where(
    _C.c.id == select(T.c.contest_id).where(T.c.id == bindparam("match_id")).scalar_subquery()).with_for_update()
#: SQLite: the match record and its contest in one statement
LOAD = match_store.selecting(T.c.id == bindparam("match_id")).join(_C, _C.c.id == T.c.contest_id).add_columns(
    *_CONTEST)
_RECORD = [c.name for c in match_store.COLUMNS] + ["court", "venue"]


@dataclass(frozen=True)
class ContestRules:
    """What a result needs of its contest, and whether the acting user organises its event."""

    id: int
    event_id: int
    sport: str
    discipline: str | None
    format: dict
    settings: dict
    organises: bool
    #: entries withdrawn since the draw: a ready match of theirs is walked over
    withdrawn: tuple = ()

    @classmethod
    def managed(cls, contest, draw) -> "ContestRules":
        """Of a Contest that its organiser's use case has loaded, with its draw."""
        return cls(contest.id, contest.event_id, contest.sport, contest.discipline, contest.format, contest.settings,
                   True, tuple(draw.withdrawn))


def _contest(contest_id: int, m: Any) -> ContestRules:
    return ContestRules(contest_id, m["event_id"], m["sport"], m["discipline"], m["contest_format"],
                        m["contest_settings"], bool(m["organises"]), tuple(m["withdrawn"] or ()))


def load_for_result(match_id: int, user_id: int | None) -> tuple[ContestRules, dict] | None:
    """The match's contest (locked) and the match record, or None when there is no such match."""
    params = {"match_id": match_id, "user_id": user_id}
    conn = match_store.db.session.connection()
    if conn.dialect.name == "sqlite":
        row = conn.execute(LOAD, params).first()
        if row is None:
            return None
        m = row._mapping
        return _contest(m["contest_id"], m), {k: m[k] for k in _RECORD}
    row = conn.execute(LOCK_CONTEST, params).first()
    rec = match_store.by_id(match_id) if row is not None else None
    return None if rec is None else (_contest(row.id, row._mapping), rec)
