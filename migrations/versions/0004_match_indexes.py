"""matches: drop the contest_id and status indexes (the unique (contest_id, key) index serves both)

Every query on matches names its contest, and the unique (contest_id, key) index already starts with
contest_id; the status index spanned all contests. Each index costs every insert of a draw
(2,047 rows for a 1024-entry double elimination) and every result's update.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 10:00:00

"""
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('matches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_matches_status'))
        batch_op.drop_index(batch_op.f('ix_matches_contest_id'))


def downgrade():
    with op.batch_alter_table('matches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_matches_contest_id'), ['contest_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_matches_status'), ['status'], unique=False)
