"""A contest's draw and its matches (games, ties, heats, finals), with the log of who recorded what."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from accounts.models import User
from common.db import UTCDateTime, db, utcnow
from competitions.models import Contest, Court


class Draw(db.Model):
    """The draw of a contest: its inputs (entries, seeds, random seed) so that it can be re-run and audited."""

    __tablename__ = "draws"

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"), unique=True)
    random_seed: Mapped[int]
    #: entry ids in seed order
    seeds: Mapped[list] = mapped_column(JSON, default=list)
    separate_delegations: Mapped[bool] = mapped_column(default=True)
    #: the approved entry ids the draw was made from
    entry_ids: Mapped[list] = mapped_column(JSON, default=list)
    #: the format's options as generated (pure core Bracket.options)
    options: Mapped[dict] = mapped_column(JSON, default=dict)
    #: entries withdrawn since the draw, in order (their matches are walked over; competitions.withdrawals)
    withdrawn: Mapped[list] = mapped_column(JSON, default=list, server_default="[]")
    #: lots drawn by hand for entries level after every tie-break step: group name ("" for a round robin) ->
    #: the tied entries of each drawing, in the order drawn (competitions.lots)
    lots: Mapped[dict] = mapped_column(JSON, default=dict, server_default="{}")
    #: whether the public sees it yet
    published: Mapped[bool] = mapped_column(default=False)
    made_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    made_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    contest: Mapped[Contest] = relationship()
    made_by: Mapped[User | None] = relationship()


class Match(db.Model):
    """One match, tie, heat or final of a contest: a stored row of the pure core's bracket."""

    __tablename__ = "matches"
    __table_args__ = (UniqueConstraint("contest_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: (indexed by the unique (contest_id, key) constraint, which every query on matches uses)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"))
    #: the core's stable key (main-2-3, group-B-1-2) and generation order
    key: Mapped[str] = mapped_column(String(40))
    seq: Mapped[int] = mapped_column(default=0)
    #: main, losers, final, third_place, group, knockout, heat, repechage, semi, final_a, final_b
    stage: Mapped[str] = mapped_column(String(16))
    round: Mapped[int]
    #: from 1 at the top line of the round
    position: Mapped[int]
    group: Mapped[str | None] = mapped_column(String(8))
    heat: Mapped[int | None]
    #: entry id (or None) per slot
    entries: Mapped[list] = mapped_column(JSON)
    #: pending, ready, finished, bye
    status: Mapped[str] = mapped_column(String(10))
    #: winning slot index, and its entry
    winner: Mapped[int | None]
    winner_entry_id: Mapped[int | None]
    #: the rest of the core's row: closed slots, links, places, labels, lanes, race times
    plan: Mapped[dict] = mapped_column(JSON, default=dict)
    #: the validated score sheet as recorded (games, periods, lanes...) with its outcome
    result: Mapped[dict | None] = mapped_column(JSON)
    scheduled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    court_id: Mapped[int | None] = mapped_column(ForeignKey("courts.id", ondelete="SET NULL"))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(default=1)

    contest: Mapped[Contest] = relationship()
    court: Mapped[Court | None] = relationship()


class MatchLog(db.Model):
    """The audit trail of a contest's draw and results: who did what, when, with what payload."""

    __tablename__ = "match_logs"

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"), index=True)
    match_id: Mapped[int | None] = mapped_column(ForeignKey("matches.id", ondelete="SET NULL"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: draw, redraw, publish, result
    action: Mapped[str] = mapped_column(String(16))
    payload: Mapped[dict] = mapped_column(JSON, default=dict)

    user: Mapped[User | None] = relationship()
