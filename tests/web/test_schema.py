"""The schema the migrations build is the one the models describe, and the hot queries use their indexes."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select, text

from common.db import db
from registrations.models import Entry


def test_the_migrations_build_exactly_the_models_tables_and_indexes(app):
    def ours(name, type_, parent_names):  # (not the scheduler's job table, which APScheduler makes itself)
        return type_ != "table" or name in db.metadata.tables

    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": False, "include_name": ours})
        diff = compare_metadata(context, db.metadata)
    assert diff == []


def _plan(conn, stmt) -> str:
    compiled = stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True})
    if conn.dialect.name == "postgresql":
        conn.execute(text("SET LOCAL enable_seqscan = off"))  # (a few rows: the planner would rightly scan)
        return " ".join(r[0] for r in conn.execute(text(f"EXPLAIN {compiled}")))
    return " ".join(str(r[-1]) for r in conn.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))


def test_a_contests_approved_entries_are_read_by_the_contest_and_status_index(app):
    """Not by a status index spanning every contest (SQLite chose it, without statistics, for a draw)."""
    stmt = select(Entry.id, Entry.delegation_id).where(Entry.contest_id == 7, Entry.status == "approved")
    with db.engine.begin() as conn:
        plan = _plan(conn, stmt)
    assert "ix_entries_contest_id_status" in plan, plan
