"""A new bracket's matches into the database in bulk: the rows of one draw (2,016 for a 64-entry round robin).

Each row is a tuple with the JSON columns encoded by an encoder built once (``match_store.to_json``):
half the time of handing dicts to SQLAlchemy, which rebuilds each row's parameters and a JSON encoder
per value. PostgreSQL takes them as one executemany of ``insert(matches)`` compiled for it. SQLite
takes 32 rows to a statement in plain SQL, the columns every row of a run shares written into it (see
``_insert_sqlite``). A compact bracket's round robin schedules (``Bracket.schedules``) are written
from their pairs, without a core Match object per match: they come first, in generation order.
"""
from __future__ import annotations

import operator
from itertools import chain, groupby
from typing import Callable, Iterable

from sqlalchemy import insert

from common.db import db
from scheduling.formats import Bracket
from scheduling.formats.model import READY
from scheduling.formats.model import Match as CoreMatch
from scheduling.formats.round_robin import Schedule
from scheduling.match_store import T, plan_of, to_json

#: the columns of a new match row, in the order ``to_columns`` gives their values
INSERT_COLUMNS = ("contest_id", "key", "seq", "stage", "round", "position", "group", "heat", "entries", "status",
                  "winner", "winner_entry_id", "plan", "version")
#: the version of every new row
FIRST_VERSION = 1
#: the indexes of the columns that may be None (``group``, ``heat``, ``winner``, ``winner_entry_id``)
_NULLABLE = tuple(INSERT_COLUMNS.index(c) for c in ("group", "heat", "winner", "winner_entry_id"))


def to_columns(m: CoreMatch, contest_id: int, seq: int) -> tuple:
    """The values of a new match row from a core match, in ``INSERT_COLUMNS`` order, JSON columns encoded."""
    winner, plan, entries = m.winner, plan_of(m), m.entries
    return (contest_id, m.key, seq, m.stage, m.round, m.position, m.group, m.heat, _entries_json(entries), m.status,
            winner, None if winner is None else entries[winner], to_json(plan) if plan else "{}", FIRST_VERSION)


def _entries_json(entries: list) -> str:
    """The ``entries`` column: two entry ids written directly (most matches: four times faster), else JSON."""
    if len(entries) == 2:
        a, b = entries
        if type(a) is int and type(b) is int:
            return f"[{a}, {b}]"
    return to_json(entries)


def _pair_json(schedule: Schedule) -> Callable[[object, object], str]:
    """How to write the ``entries`` column of a schedule's matches (directly when every entry is an id)."""
    if all(type(e) is int for e in schedule.entries):
        return "[{}, {}]".format
    return lambda a, b: to_json([a, b])


#: the columns of a schedule's rows (``group`` left out of a plain round robin's); the others are the same for
#: every match of a schedule: its stage, ready, an empty plan, the first version
SCHEDULE_COLUMNS = ("contest_id", "key", "seq", "round", "position", "group", "entries")
_UNGROUPED_COLUMNS = tuple(c for c in SCHEDULE_COLUMNS if c != "group")


def _schedule_rows(contest_id: int, schedule: Schedule, seq: int) -> list[tuple]:
    """A schedule's rows (``SCHEDULE_COLUMNS``, or without the group when it has none), numbered from ``seq``."""
    rows: list[tuple] = []
    group = () if schedule.group is None else (schedule.group,)
    pair = _pair_json(schedule)
    for r, prefix, pairs in schedule.rounds():
        start = seq + len(rows) - 1
        rows += [(contest_id, prefix + str(p), start + p, r, p, *group, pair(a, b))
                 for p, (a, b) in enumerate(pairs, 1)]
    return rows


def _schedule_runs(contest_id: int, schedules: list[Schedule]) -> list[tuple[str, tuple, list[tuple]]]:
    """The schedules' rows in generation order from seq 0, in runs of one stage and columns."""
    runs: list[tuple[str, tuple, list[tuple]]] = []
    seq = 0
    for (stage, ungrouped), same in groupby(schedules, lambda s: (s.stage, s.group is None)):
        rows: list[tuple] = []
        for s in same:
            rows += _schedule_rows(contest_id, s, seq + len(rows))
        runs.append((stage, _UNGROUPED_COLUMNS if ungrouped else SCHEDULE_COLUMNS, rows))
        seq += len(rows)
    return runs


def _schedule_constants(stage: str) -> dict[str, object]:
    """The columns every match of a schedule shares."""
    return {"stage": stage, "status": READY, "plan": "{}", "version": FIRST_VERSION}


_inserts: dict[str, tuple[str, Callable]] = {}


def _insert_sql(dialect) -> tuple[str, Callable]:
    """The INSERT of a match row in the dialect's own SQL, and how to turn ``to_columns`` values into its
    parameters (reordered for positional styles, named for the others)."""
    if dialect.name not in _inserts:
        compiled = insert(T).compile(dialect=dialect, column_keys=list(INSERT_COLUMNS))
        if not compiled.positional:
            params: Callable = lambda values: dict(zip(INSERT_COLUMNS, values))  # noqa: E731
        elif tuple(compiled.positiontup) == INSERT_COLUMNS:
            params = tuple
        else:
            params = operator.itemgetter(*(INSERT_COLUMNS.index(k) for k in compiled.positiontup))
        _inserts[dialect.name] = (str(compiled), params)
    return _inserts[dialect.name]


#: the text columns written into the statement (not bound) for a run of rows that share them: sqlite3 copies
#: each bound text, and a round robin's 2,016 rows share their stage, status and empty plan (an eighth of their insert)
_SHARED = tuple(INSERT_COLUMNS.index(c) for c in ("stage", "status", "plan"))


def _shape(row: tuple) -> tuple:
    """What the rows of one statement share: which nullable columns are None (left out: they default to NULL),
    the stage and status, and the plan when it is empty (written as literals)."""
    g, h, w, e = _NULLABLE  # (unrolled: this runs once per match of a draw)
    s, t, p = _SHARED
    empty_plan = row[p] if row[p] == "{}" else None
    return row[g] is None, row[h] is None, row[w] is None, row[e] is None, row[s], row[t], empty_plan


#: rows per INSERT statement on SQLite (one multi-row VALUES of at most 32 x 14 parameters)
SQLITE_ROWS_PER_INSERT = 32
_sqlite_inserts: dict[tuple, tuple[str, Callable]] = {}


def _sql_literal(value: str | int) -> str:
    """A text or a whole number written as SQL."""
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return str(int(value))


def _sqlite_sql(dialect, bound: Iterable[str], written: dict[str, str]) -> str:
    """SQLite's INSERT binding the ``bound`` columns in that order, the ``written`` ones as the SQL given."""
    quote, bound = dialect.identifier_preparer.quote, list(bound)
    names = ", ".join(quote(c) for c in [*bound, *written])
    return f"INSERT INTO {quote(T.name)} ({names}) VALUES ({', '.join(['?'] * len(bound) + list(written.values()))})"


def _sqlite_insert(dialect, shape: tuple) -> tuple[str, Callable]:
    """SQLite's INSERT of rows of one ``_shape`` (written here: a plain statement needs no compiler pass), and how
    to pick the values it binds out of a ``to_columns`` row."""
    if shape not in _sqlite_inserts:
        dropped = {i for i, null in zip(_NULLABLE, shape[:4]) if null}
        written = {INSERT_COLUMNS[i]: _sql_literal(v) for i, v in zip(_SHARED, shape[4:]) if v is not None}
        written["version"] = _sql_literal(FIRST_VERSION)
        bound = [i for i, c in enumerate(INSERT_COLUMNS) if i not in dropped and c not in written]
        _sqlite_inserts[shape] = (_sqlite_sql(dialect, (INSERT_COLUMNS[i] for i in bound), written),
                                  operator.itemgetter(*bound))
    return _sqlite_inserts[shape]


def _execute_sqlite(conn, sql: str, values: list[tuple]) -> None:
    """Run ``sql`` (one row's VALUES) for every row of ``values``, 32 rows to a statement."""
    k = SQLITE_ROWS_PER_INSERT
    whole = len(values) - len(values) % k
    if whole:
        head, one = sql.split(" VALUES ")
        conn.exec_driver_sql(f"{head} VALUES {', '.join([one] * k)}",
                             [tuple(chain.from_iterable(values[i:i + k])) for i in range(0, whole, k)])
    if whole < len(values):
        conn.exec_driver_sql(sql, values[whole:])


def _insert_sqlite(conn, rows: list[tuple]) -> None:
    """SQLite: runs of rows of the same ``_shape``, 32 rows to a statement.

    Python's sqlite3 binds a None through its adapter look-up (about 1.5 µs a value: half the insert of a
    2,016-match round robin) and copies every text, and each statement executed costs a reset and a step: all
    measured here. The runs follow the draw's order, so ids still do. (One INSERT of every row was slower in a
    fresh process, where SQLite parses the long statement; 32 rows parse once and are reused.)"""
    for shape, run in groupby(rows, _shape):
        sql, pick = _sqlite_insert(conn.dialect, shape)
        _execute_sqlite(conn, sql, [pick(r) for r in run])


def insert_matches(contest_id: int, bracket: Bracket) -> int:
    """Store every match of a new bracket: a compact bracket's schedules first, then its other matches; how many."""
    contest_id = int(contest_id)
    runs = _schedule_runs(contest_id, bracket.schedules or [])
    first = sum(len(rows) for _stage, _columns, rows in runs)
    rows = [to_columns(m, contest_id, seq) for seq, m in enumerate(bracket.matches.values(), start=first)]
    conn = db.session.connection()
    if conn.dialect.name == "sqlite":
        for stage, columns, scheduled in runs:
            constants = {k: _sql_literal(v) for k, v in _schedule_constants(stage).items()}
            _execute_sqlite(conn, _sqlite_sql(conn.dialect, columns, constants), scheduled)
        _insert_sqlite(conn, rows)
        return first + len(rows)
    rows[:0] = [tuple({**_schedule_constants(stage), **dict(zip(columns, r))}.get(c) for c in INSERT_COLUMNS)
                for stage, columns, scheduled in runs for r in scheduled]  # (first: ids follow the draw's order)
    if rows:
        sql, pick = _insert_sql(conn.dialect)
        conn.exec_driver_sql(sql, rows if pick is tuple else [pick(r) for r in rows])
    return len(rows)
