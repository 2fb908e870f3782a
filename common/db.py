"""The SQLAlchemy handle, the declarative base and column types shared by every model."""
from __future__ import annotations

from contextvars import ContextVar
from datetime import datetime, timezone

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import DateTime, MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


db = SQLAlchemy(model_class=Base)


class UTCDateTime(TypeDecorator):
    """An aware datetime stored as naive UTC, so SQLite and PostgreSQL give back the same value."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTCDateTime column")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=timezone.utc)


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(timezone.utc)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_conn, _record):
    """SQLite: WAL journal, enforced foreign keys, and a busy timeout for concurrent writers."""
    if type(dbapi_conn).__module__.startswith("sqlite3"):
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.close()
        # SQLAlchemy, not the driver, starts transactions (see _sqlite_begin)
        dbapi_conn.isolation_level = None


#: set by common.transaction.use_case while a use case runs: its transaction will write
writing: ContextVar[bool] = ContextVar("writing", default=False)


@event.listens_for(Engine, "begin")
def _sqlite_begin(conn):
    """SQLite: a use case takes the write lock when it begins (BEGIN IMMEDIATE).

    A deferred transaction that read a row and then writes fails at once with SQLITE_BUSY when
    another writer committed meanwhile; an immediate one waits its turn (busy_timeout) and reads
    current data, so "count the places, then take one" is serialised as on PostgreSQL with FOR UPDATE.
    """
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writing.get() else "BEGIN")


def lock(model, ident):
    """Load a row for update: FOR UPDATE on PostgreSQL; SQLite use cases already hold the write lock."""
    return db.session.get(model, ident, with_for_update=True, populate_existing=True)
